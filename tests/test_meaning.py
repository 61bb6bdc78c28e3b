"""Sentence checks that compare meanings, not written forms (issue 17).

- Quantities are read by one parser (publication/model/quantities.py) and compared by
  value: a period in words, "per cent", a currency code, a proportion phrased another
  way are the same figure; a changed value, unit or relation is a finding.
- Meaning words by concept (data/translation-qa.yml, `meaning`): comparison with its
  direction, the legal status of persons, quantity, modality and commitment, hedges;
  one fixture per class and direction with its exact finding, and honest variation that
  passes, one at a time and all together.
- Quotation marks are typography; the checks read the project they are given; one
  sentence splitter."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import edit
from live import apply_rewordings, section_lines
from repo import PUB, ROOT

from publication.checks import online, reference_dates, registry, run_source_checks, spelling, translation
from publication.model import pages, quantities, references, segments, source
from publication.model.findings import key_line
from publication.model.project import copy_project
from publication.model.publication import Publication
from publication.model.references import session_of
from publication.outputs.serve import static_server

NL = "docs/nl/daderaanpak.md"
EN = "docs/en/daderaanpak.md"
# Where the section pages' blocks stand, read from the pages (tests/live.py).
NL_AT = section_lines(ROOT / NL)
EN_AT = section_lines(ROOT / EN)
DATA = ROOT / "data"


@pytest.fixture
def proj(tmp_path) -> Path:
    """The section in both languages, the data, the glossaries and the source text."""
    root = tmp_path / "p"
    for rel in (NL, EN, "source/samen-tegen-mensenhandel-p32.txt", "source/NOTES.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, root / rel)
    for rel in ("data", "includes/abbreviations"):
        shutil.copytree(ROOT / rel, root / rel)
    return root


def qa(root: Path) -> list[str]:
    project = Publication(root)
    nl = pages.read(root / NL, "nl")
    en = pages.read(root / EN, "en")
    return [str(f) for f in translation.check_section(project, "daderaanpak.md", nl, en)]


def english(root: Path, holding: str) -> str:
    """The one English sentence of the page at `root` that holds `holding` (a segment id
    or words of it), as a finding quotes it: read from the page, so that a revision of the
    English changes what the tests expect, not the tests."""
    nl = pages.read(root / NL, "nl")
    en = pages.read(root / EN, "en")
    found = [
        seg.text("en")
        for seg in segments.load_pairing("daderaanpak.md", nl, en, Publication(root)).segments
        if seg.kind == "sentence" and (seg.id == holding or holding in seg.text("en"))
    ]
    assert len(found) == 1, (holding, found)
    return found[0]


# --- the quantity parser --------------------------------------------------------------------


def key(text: str, lang: str) -> list[tuple]:
    return [q.key for q in quantities.find(text, lang, PUB)]


@pytest.mark.parametrize(
    "nl,en",
    [
        ("in de periode 2017-2021", "in the period 2017–2021"),
        ("van 2017 tot 2021", "from 2017 to 2021"),
        ("tussen 2017 en 2021", "between 2017 and 2021"),
        ("2023 – 2026", "2023 to 2026"),
        ("van 2017 tot en met 2021", "from 2017 up to and including 2021"),
        ("19%", "19 per cent"),
        ("19 procent", "nineteen percent"),
        ("€143 miljoen euro", "EUR 143 million"),
        ("honderddrieënveertig miljoen euro", "143 million euros"),
        ("€143 miljoen", "€143m"),
        ("€1,5 miljard", "€1.5 billion"),
        ("3.925 incidenten", "3,925 incidents"),
        ("ruim vier op de vijf", "more than four out of five"),
        ("ruim vier op de vijf", "over four in five"),
        ("vier op de vijf", "4 out of 5"),
        ("ongeveer 27 gemeenten", "some 27 municipalities"),
        ("10 tot 20 procent", "10–20%"),
    ],
)
def test_the_same_quantity_written_two_ways_has_one_meaning(nl, en):
    assert key(nl, "nl") == key(en, "en") and len(key(nl, "nl")) == 1


@pytest.mark.parametrize(
    "nl,en",
    [
        ("2017-2021", "2017 and 2021"),  # a period is not two years
        ("19%", "19"),  # a share is not a count
        ("ruim vier op de vijf", "four out of five"),  # the relation is part of the figure
        ("€143 miljoen", "$143 million"),  # another currency
        ("€143 miljoen", "€143 billion"),  # another scale
        ("1,5%", "15%"),  # each language's decimal sign
        ("3.925", "3.925"),  # 3.925 in English is a decimal
    ],
)
def test_another_quantity_has_another_meaning(nl, en):
    assert key(nl, "nl") != key(en, "en")


def test_the_parser_reads_words_digits_units_ranges_and_proportions():
    assert key("bij ruim vier op de vijf incidenten, 19% en €143 miljoen euro in 2017-2021", "nl") == [
        ("fraction", (4, 5), None, ">"),
        ("number", Decimal(19), "%", None),
        ("number", Decimal(143000000), "EUR", None),
        ("range", (Decimal(2017), Decimal(2021)), None, None),
    ]
    # Articles and pronouns are not numbers; a year takes no relation; a dossier number is no range.
    assert key("on the one hand, one of them", "en") == []
    assert key("Over 2017–2021", "en") == [("range", (Decimal(2017), Decimal(2021)), None, None)]
    assert key("Kamerstuk 28638-233", "nl") == [
        ("number", Decimal(28638), None, None),
        ("number", Decimal(233), None, None),
    ]
    assert key("the 27 (out of 342) municipalities", "en") == [
        ("number", Decimal(27), None, None),
        ("number", Decimal(342), None, None),
    ]


# --- one fixture per class and direction ----------------------------------------------------

DEFECTS = [
    (
        "cmp-less-more",
        "There is less insight into and knowledge of",
        "There is more insight into and knowledge of",
        [
            "{en:s-13}: expected 'less' (less/fewer/lesser …) for 'minder' of {nl:s-13} (comparison), found 'more' (more) in «{en}»",
        ],
    ),
    (
        "cmp-most-least",
        "identify most often",
        "identify least often",
        [
            "{en:s-14}: expected 'most' (most/most often/most frequently …) for 'het meest' of {nl:s-14} (comparison), found 'least often' (least) in «{en}»",
        ],
    ),
    (
        "cmp-add-more",
        "The results are expected in the autumn of 2023.",
        "More results are expected in the autumn of 2023.",
        [
            "{en:s-21}: expected no comparison word meaning 'more', as {nl:s-21} has none, found 'More' in «{en}»",
        ],
    ),
    (
        "cmp-drop-most",
        "identify most often",
        "identify often",
        [
            "{en:s-14}: expected 'most' (most/most often/most frequently …) for 'het meest' of {nl:s-14} (comparison), found none in «{en}»",
        ],
    ),
    (
        "legal-suspect-offender-16",
        "a suspect was registered",
        "an offender was registered",
        [
            "{en:s-16}: expected 'suspect' (suspect/suspicion/accused …) for 'verdachte' of {nl:s-16} (legal status), found 'offender' (offender) in «{en}»",
        ],
    ),
    (
        "legal-suspect-offender-17",
        "no suspect has been identified",
        "no offender has been identified",
        [
            "{en:s-17}: expected 'suspect' (suspect/suspicion/accused …) for 'verdachte' of {nl:s-17} (legal status), found 'offender' (offender) in «{en}»",
        ],
    ),
    (
        "legal-suspects-18",
        "The suspects who are identified",
        "The offenders who are identified",
        [
            "{en:s-18}: expected 'offenders' only where the Dutch has 'daders' (data/terms.yml), which {nl:s-18} has not, found it in «{en}»",
            "{en:s-18}: expected no legal status word meaning 'offender', as {nl:s-18} has none, found 'offenders' in «{en}»",
        ],
    ),
    (
        "legal-add-victim",
        "detecting offenders.",
        "detecting offenders and their victims.",
        [
            "{en:s-23}: expected no legal status word meaning 'victim', as {nl:s-23} has none, found 'victims' in «{en}»",
        ],
    ),
    (
        "legal-drop",
        "The suspects who are identified are mostly suspected of sexual exploitation.",
        "Those who are identified are mostly linked to sexual exploitation.",
        [
            "{en:s-18}: expected 'suspect' (suspect/suspicion/accused …) for 'verdachten' of {nl:s-18} (legal status), found none in «{en}»",
        ],
    ),
    (
        "qty-most-few",
        "are mostly suspected",
        "are in a few cases suspected",
        [
            "{en:s-18}: expected 'most' (most/mostly/majority …) for 'grotendeels' of {nl:s-18} (quantity), found 'a few' (some) in «{en}»",
        ],
    ),
    (
        "qty-add-some",
        "includes qualitative objectives",
        "includes some qualitative objectives",
        [
            "{en:s-27}: expected no quantity word meaning 'some', as {nl:s-27} has none, found 'some' in «{en}»",
        ],
    ),
    (
        "qty-drop-all",
        "of all registered incidents",
        "of registered incidents",
        [
            "{en:s-15}: expected 'all' (all/every/each …) for 'totaal' of {nl:s-15} (quantity), found none in «{en}»",
        ],
    ),
    (
        "mod-consider-decide",
        "it will be considered whether",
        "it will be decided whether",
        [
            "{en:s-22}: expected 'consider' (considered/consider/considering …) for 'bezien' of {nl:s-22} (modality), found 'decided' (decide) in «{en}»",
        ],
    ),
    (
        "mod-wants-must",
        "the government aims to prevent",
        "the government must prevent",
        [
            "{en:s-3}: expected 'wants' (want/wants/wanted …) for 'wil' of {nl:s-3} (modality), found 'must' (must) in «{en}»",
        ],
    ),
    (
        "mod-add-can",
        "Security Agenda contribute to",
        "Security Agenda can contribute to",
        [
            "{en:s-26}: expected no modality word meaning 'can', as {nl:s-26} has none, found 'can' in «{en}»",
        ],
    ),
    (
        "mod-drop-can",
        "could add value",
        "adds value",
        [
            "{en:s-22}: expected 'can' (can/could/cannot …) for 'kan' of {nl:s-22} (modality), found none in «{en}»",
        ],
    ),
    (
        "mod-consider-will",
        "it will be considered whether research into labour exploitation and/or criminal exploitation offenders could add value",
        "research into labour exploitation and/or criminal exploitation offenders will be carried out, as it could add value",
        [
            "{en:s-22}: expected 'consider' (considered/consider/considering …) for 'bezien' of {nl:s-22} (modality), found none in «{en}»",
        ],
    ),
    (
        "hedge-drop",
        "they work with, among others, the",
        "they work with the",
        [
            "{en:s-24}: expected 'examples' (among other things/including/such as …) for 'onder meer' of {nl:s-24} (hedge), found none in «{en}»",
        ],
    ),
    (
        "hedge-add",
        "initiatives in education and poverty reduction",
        "initiatives such as education and poverty reduction",
        [
            "{en:s-8}: expected no hedge word meaning 'examples', as {nl:s-8} has none, found 'such as' in «{en}»",
        ],
    ),
    (
        "num-drop-relation",
        "in more than four out of five",
        "in four out of five",
        [
            "{en:s-17}: expected ruim vier op de vijf of {nl:s-17} in its English, found four out of five in «{en}»",
        ],
    ),
    (
        "num-percent-word",
        "in only 19%",
        "in only 90 per cent",
        [
            "{en:s-16}: expected 19% of {nl:s-16} in its English, found 90 per cent in «{en}»",
        ],
    ),
    (
        "num-currency",
        "€143 million",
        "EUR 134 million",
        [
            "{en:s-4}: expected €143 miljoen euro of {nl:s-4} in its English, found EUR 134 million in «{en}»",
        ],
    ),
    (
        "num-range",
        "In the period 2017–2021",
        "In the period from 2017 to 2020",
        [
            "{en:s-15}: expected 2017-2021 of {nl:s-15} in its English, found from 2017 to 2020 in «{en}»",
        ],
    ),
]


def live(expected: str, root: Path) -> str:
    """An expected finding with the page's live text and lines: `{nl:s-16}` is how a
    finding quotes that Dutch segment («…» and its file:line), `{en:s-16}` the English
    page's file:line of that segment (read from the pages, so that an honest edit of the
    pages changes what the tests expect, not the tests)."""
    nl = pages.read(root / NL, "nl")
    en = pages.read(root / EN, "en")
    segs = {s.id: s for s in segments.load_pairing("daderaanpak.md", nl, en, Publication(root)).segments}

    def fill(m) -> str:
        seg = segs[m[2]]
        if m[1] == "nl":
            return f"{seg.id} «{seg.text('nl')}» ({NL}:{seg.line('nl')})"
        return f"{EN}:{seg.line('en') or seg.line('nl')}"

    return re.sub(r"\{(nl|en):(s-\d+)\}", fill, expected)


@pytest.mark.parametrize("name,old,new,expected", DEFECTS, ids=[d[0] for d in DEFECTS])
def test_a_change_of_meaning_is_a_finding(proj, name, old, new, expected):
    """`{en}` in an expected finding is the English sentence as the edit leaves it; the
    Dutch segments and the lines are the pages' own (`live`)."""
    expected = [live(e, proj) for e in expected]
    edited = english(proj, old).replace(old, new, 1)
    edit(proj / EN, old, new)
    assert qa(proj) == [e.replace("{en}", edited) for e in expected]


def test_a_reversed_comparison_in_the_dutch_direction_is_a_finding_too(proj):
    """The Dutch made to say 'more' where the English says 'less' (a corrected source)."""
    s13 = english(proj, "s-13")
    assert " less " in s13
    edit(proj / NL, "is minder goed dan", "is meer dan")
    found = [f for f in qa(proj) if "(comparison)" in f]
    assert len(found) == 1 and "expected 'more' (more/more often …) for 'meer' of s-13" in found[0]
    assert found[0].endswith(f"found 'less' (less) in «{s13}»")


def test_a_quoted_term_in_other_words_is_a_finding_whatever_its_marks(proj):
    edit(proj / EN, "‘cross the line’", "“step over the line”")
    found = qa(proj)
    assert len(found) == 1
    assert found[0].startswith(
        f"{EN}:{EN_AT.paragraphs[1]}: expected the term '‘cross the line’' for '‘over de streep’' of s-7"
    )


# --- honest variation passes -----------------------------------------------------------------

HONEST = [  # (what, English as published, an honest rewording)
    ("range-up-to-and-including", "In the period 2017–2021", "From 2017 up to and including 2021,"),
    (
        "researching",
        "is currently researching the profiles of human trafficking offenders.",
        "is at present studying what the profiles of human trafficking offenders are.",
    ),
    ("autumn", "The results are expected in the autumn of 2023.", "Results are expected in autumn 2023."),
    ("range-from-to", "In the period 2017–2021 this form", "In the period from 2017 to 2021 this form"),
    ("range-between", "In the period 2017–2021 this form", "Between 2017 and 2021 this form"),
    ("range-words-2", "the years 2023–2026", "the years 2023 to 2026"),
    ("per-cent", "in only 19%", "in only 19 per cent"),
    ("percent-word", "76% of all registered incidents", "76 percent of all registered incidents"),
    ("currency-code", "€143 million", "EUR 143 million"),
    ("currency-name", "€143 million", "143 million euros"),
    ("fraction-over", "in more than four out of five", "in over four in five"),
    ("fraction-digits", "in more than four out of five", "in more than 4 out of 5"),
    ("number-words", "in 27 municipalities", "in twenty-seven municipalities"),
    ("quotes-double", "‘cross the line’", "“cross the line”"),
    ("quotes-straight", "‘cross the line’", '"cross the line"'),
    ("consider-looked-at", "it will be considered whether", "it will be looked at whether"),
    ("most-frequently", "identify most often", "identify most frequently"),
    ("for-example", "Sexual exploitation, for instance,", "Sexual exploitation, for example,"),
    ("largely", "are mostly suspected", "are largely suspected"),
    # 'offenders' is the glossary's word for 'daders' throughout (data/terms.yml): it stays,
    # and another word of the same legal status joins it
    ("perpetrators", "Do human trafficking offenders have", "Do offenders who perpetrate human trafficking have"),
    ("wants", "the government aims to prevent", "the government wants to prevent"),
    ("must", "we need to know why", "we must know why"),
    ("including", "they work with, among others,", "they work with partners including"),
    (
        "fewer",
        "There is less insight into and knowledge of",
        "There is less insight into and less knowledge of",
    ),
    ("may", "could add value", "may add value"),
    ("in-total", "Of the 3,925 incidents in total", "Of the total of 3,925 incidents"),
]


@pytest.mark.parametrize("what,old,new", HONEST, ids=[h[0] for h in HONEST])
def test_an_honest_rewording_passes(proj, what, old, new):
    edit(proj / EN, old, new)
    assert qa(proj) == []


def test_the_honest_rewordings_all_together_pass_every_source_check(project_copy):
    assert apply_rewordings(project_copy / EN, HONEST) >= 18
    assert [str(f) for f in run_source_checks(Publication(project_copy))] == []


def test_the_published_english_has_no_finding(proj):
    assert qa(proj) == []


# --- the checks read the project they are given ------------------------------------------------


def test_the_checks_of_a_copy_read_the_copys_data(tmp_path):
    """A copy of the project with its own terms, checked with this tree's code."""

    copy = copy_project(tmp_path / "copy", ROOT)
    edit(copy / "data" / "terms.yml", "en: criminal exploitation", "en: criminal abuse")
    found = [str(f) for f in run_source_checks(Publication(copy))]
    assert (
        f"{EN}:{EN_AT.paragraphs[1]}: expected the term 'criminal abuse' for 'criminele uitbuiting' (data/terms.yml), found it missing"
        in found
    )
    # and its own word lists: a comparison word the copy's data does not list is none
    copy2 = copy_project(tmp_path / "copy2", ROOT)
    edit(copy2 / EN, "There is less insight into", "There is more insight into")
    assert any("(comparison)" in f for f in qa(copy2))
    edit(copy2 / "data" / "translation-qa.yml", "less: {nl: [minder, minder vaak]", "less: {nl: [minder vaak]")
    edit(copy2 / "data" / "translation-qa.yml", "more: {nl: [meer, vaker]", "more: {nl: [meer, vaker, minder]")
    assert not any("(comparison)" in f for f in qa(copy2))


def test_the_labels_and_figures_are_the_projects(tmp_path):

    copy = copy_project(tmp_path / "copy", ROOT)
    edit(copy / "data" / "labels" / "en.yml", "short: ", "short_form: ")
    project = Publication(copy)
    assert "short_form" in project.labels("en")["citation"]
    assert "short" in PUB.labels("en")["citation"]  # this repository's own
    found = [str(f) for f in run_source_checks(project)]
    assert any(f.startswith("data/labels/") and "citation.short" in f for f in found), found
    edit(copy / "data" / "figures.yml", "value: 3925", "value: 3926")
    assert Publication(copy).figures.figures["incidents"].value == 3926
    assert PUB.figures.figures["incidents"].value == 3925


def test_the_sentence_prefixes_are_the_projects(proj):
    """An abbreviation added to the copy's prefixes does not end a sentence there, and
    does in this project."""
    (proj / "data" / "sentence-prefixes" / "nl.txt").write_text("xyz\n", encoding="utf-8")
    assert segments.split_text("Zie xyz. Daarna volgt de rest.", "nl", Publication(proj)) == [
        "Zie xyz. Daarna volgt de rest."
    ]
    assert segments.split_text("Zie xyz. Daarna volgt de rest.", "nl", PUB) == ["Zie xyz.", "Daarna volgt de rest."]


# --- one sentence splitter ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Volgens de heer J. Jansen is dat zo. Daarna niet.", ["Volgens de heer J. Jansen is dat zo.", "Daarna niet."]),
        ("Zie art. 3 Sr. Daarna volgt de rest.", ["Zie art. 3 Sr. Daarna volgt de rest."]),
        ("Het kost ca. €3 mln. per jaar. Dat is veel.", ["Het kost ca. €3 mln. per jaar.", "Dat is veel."]),
        ("Zie o.a. blz. 32. Klaar? Ja!", ["Zie o.a. blz. 32.", "Klaar?", "Ja!"]),
        ("Dat is ‘over de streep’. (Zie hierboven.)", ["Dat is ‘over de streep’.", "(Zie hierboven.)"]),
    ],
)
def test_every_splitter_splits_the_same(text, expected):
    assert source.sentences(text, PUB) == expected
    assert [text[a:b] for a, b in segments.split_markdown(text, "nl", PUB)] == expected
    assert segments.split_text(text, "nl", PUB) == expected


def test_the_footnote_call_piece_comes_from_the_same_splitter():
    assert (
        translation._longest_piece("eind. Volgens de heer J. Jansen is dat echt zo", PUB)
        == "de heer J. Jansen is dat echt"
    )


# --- spelling of the English -------------------------------------------------------------------

needs_dictionary = pytest.mark.skipif(
    __import__("publication.checks.spelling", fromlist=["x"]).dictionary_missing() is not None,
    reason="hunspell-en-gb is not installed (scripts/system-deps.sh)",
)
SPELLING = "expected a word of British English (Hunspell en_GB) or of data/spelling/en.txt"


@needs_dictionary
def test_the_english_pages_are_british_english():

    assert spelling.run(PUB) == []


@needs_dictionary
@pytest.mark.parametrize(
    "old,new,word",
    [
        ("neighbourhood", "neighborhood", "neighborhood"),  # American spelling
        ("to offer young people", "to ofer young people", "ofer"),  # a typo
        ("In this way we make young people", "In this way we make jongeren", "jongeren"),  # Dutch left, unmarked
    ],
)
def test_a_word_that_is_not_british_english_is_a_finding_with_its_line(proj, old, new, word):

    edit(proj / EN, old, new)
    found = [str(f) for f in spelling.run(Publication(proj))]
    assert found == [f"{EN}:{EN_AT.paragraphs[1]}: {SPELLING}, found '{word}'"]


@needs_dictionary
def test_the_projects_words_and_marked_dutch_pass(proj):

    edit(proj / EN, "young people more resilient", "young people (*jongeren*) more resilient")
    edit(proj / EN, "(KMar)", '(KMar, <span lang="nl">Koninklijke Marechaussee</span>)')
    edit(proj / EN, "the investigation service", "the Zwolle investigation service")
    assert [str(f) for f in spelling.run(Publication(proj))] == [
        f"{EN}:{EN_AT.paragraphs[3]}: {SPELLING}, found 'Zwolle'"
    ]
    (proj / "data" / "spelling" / "en.txt").write_text("Zwolle  # a city\n", encoding="utf-8")
    assert spelling.run(Publication(proj)) == []


@needs_dictionary
def test_an_attribute_list_is_markup_not_prose_but_a_word_after_it_is_read(proj):
    """`{ .epub-only data-search-exclude }` names classes, not words; the words of the
    line it marks are still English to check."""
    page = proj / EN
    page.write_text(
        page.read_text(encoding="utf-8")
        + "\nIn this e-book each paragraph stands alone.\n{ .epub-only data-search-exclude }\n",
        encoding="utf-8",
    )
    assert spelling.run(Publication(proj)) == []
    edit(page, "In this e-book each paragraph", "In this e-book each paragraf")
    line = page.read_text(encoding="utf-8").splitlines().index("In this e-book each paragraf stands alone.") + 1
    assert [str(f) for f in spelling.run(Publication(proj))] == [f"{EN}:{line}: {SPELLING}, found 'paragraf'"]


def test_without_the_dictionary_the_check_says_it_did_not_run(monkeypatch, tmp_path):

    monkeypatch.setattr(spelling, "DICTIONARY", tmp_path / "en_GB")
    reason = spelling.dictionary_missing()
    assert (
        reason == f"Hunspell's en_GB dictionary is not installed ({tmp_path}/en_GB.dic; apt-get install hunspell-en-gb)"
    )
    selection = registry.select(only=["spelling"])
    selection.run("sources", registry.SourceContext(PUB, None, None))
    assert selection.report()["spelling"] == {
        "stage": "sources",
        "ran": False,
        "findings": 0,
        "errors": 0,
        "reason": reason,
    }


# --- the reference data against the official record (--online) ----------------------------------

HEADS = Path(__file__).parent / "data" / "official-heads"


def head_from_data(ref) -> str:
    """A page head in the same form, made from the data, for a Kamerstuk without a
    recorded head (the plan's later history): it tests the comparison, not the data."""

    start = int(session_of(ref.date)[:4])
    meta = {
        "DC.identifier": ref.id,
        "OVERHEIDop.dossiernummer": ref.dossier,
        "OVERHEIDop.ondernummer": ref.number,
        "DCTERMS.issued": (ref.date + dt.timedelta(days=2)).isoformat(),
        "OVERHEIDop.vergaderjaar": f"{start}-{start + 1}",
    }
    if ref.dossier_title:
        meta["OVERHEIDop.dossiertitel"] = ref.dossier_title["nl"]
    if ref.title:
        meta["OVERHEIDop.documenttitel"] = ref.title["nl"]
    tags = "".join(f'<meta name="{k}" content="{v}">\n' for k, v in meta.items())
    return f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n{tags}</head>\n<body></body>\n</html>\n'


@pytest.fixture
def heads(tmp_path) -> Path:
    """A copy of the recorded heads, for a test to change what the official site says."""

    folder = Path(shutil.copytree(HEADS, tmp_path / "heads"))
    for ref in references.load(DATA / "references.yml").references.values():
        if ref.kind == "kamerstuk" and not (folder / f"{ref.id}.html").exists():
            (folder / f"{ref.id}.html").write_text(head_from_data(ref), encoding="utf-8")
    return folder


@pytest.fixture
def official_site(heads):
    """A local stand-in for zoek.officielebekendmakingen.nl on 127.0.0.1, serving the
    recorded heads of tests/data/official-heads/ (each Kamerstuk page's meta tags)."""

    with static_server(heads) as url:
        yield url


def online_findings(root: Path, base: str) -> list[str]:

    project = Publication(root)
    bib = references.load(project.data / "references.yml")
    return [str(f) for f in online.check_references(project, bib, base=base, timeout=5)]


def test_the_references_agree_with_the_official_record(proj, official_site):
    assert online_findings(proj, official_site) == []


def test_offline_a_date_moved_by_ten_days_disagrees_with_the_recorded_notes(proj):

    assert reference_dates.run(Publication(proj)) == []
    path = proj / "data" / "references.yml"
    edit(path, "    date: 2023-07-07", "    date: 2023-07-17")
    line = key_line(path, "date", key_line(path, "kst-28741-106"))
    notes = next(
        n
        for n, text in enumerate((ROOT / "source" / "NOTES.md").read_text(encoding="utf-8").splitlines(), start=1)
        if text.startswith("| 35 |")
    )
    assert [str(f) for f in reference_dates.run(Publication(proj))] == [
        f"data/references.yml:{line}: expected the date of kst-28741-106 as source/NOTES.md:{notes} records it "
        "(7 July 2023), found 2023-07-17 (17 July 2023)"
    ]
    # moved across the start of a session, the session written there disagrees too
    edit(path, "    date: 2023-07-17", "    date: 2023-09-27")
    found = [str(f) for f in reference_dates.run(Publication(proj))]
    assert found[1] == (
        f"data/references.yml:{line}: expected a date in the session 2022/23 that "
        f"source/NOTES.md:{notes} records for kst-28741-106, found 2023-09-27, in 2023/24"
    )


def test_a_date_moved_by_ten_days_is_a_finding(proj, official_site):

    path = proj / "data" / "references.yml"
    edit(path, "    date: 2023-10-18", "    date: 2023-10-28")
    line = key_line(path, "date", key_line(path, "kst-28638-233"))
    assert online_findings(proj, official_site) == [
        f"data/references.yml:{line}: expected the date 2023-10-28 as the official record's letter date, "
        "found OVERHEIDop.datumBrief 2023-10-18"
    ]


def test_a_title_or_dossier_unlike_the_record_is_a_finding_and_a_missing_page_a_warning(proj, heads, official_site):

    path = proj / "data" / "references.yml"
    edit(path, "nl: Aanpak Wijken", "nl: Aanpak Steden")
    edit(heads / "kst-28741-86.html", 'dossiernummer" content="28741"', 'dossiernummer" content="28714"')
    (heads / "kst-28741-106.html").unlink()
    found = online_findings(proj, official_site)
    assert found == [
        f"data/references.yml:{key_line(path, 'kst-28741-106')}: warning: expected the official page of kst-28741-106 "
        f"({official_site}/kst-28741-106.html) to compare the reference with, found it could not be read "
        "(HTTP Error 404: File not found)",
        f"data/references.yml:{key_line(path, 'dossier_title', key_line(path, 'kst-30995-100'))}: expected the "
        "dossier title «Aanpak Wijken» of the official record, found «Aanpak Steden»",
        f"data/references.yml:{key_line(path, 'dossier', key_line(path, 'kst-28741-86'))}: expected dossier 28 741 "
        "as the official record has it, found OVERHEIDop.dossiernummer 28714",
    ]


def test_a_page_that_is_another_kamerstuk_is_a_finding(proj, tmp_path):

    project = Publication(proj)
    bib = references.load(project.data / "references.yml")
    ref = bib.references["kst-28638-233"]
    head = (HEADS / "kst-28638-233.html").read_text(encoding="utf-8")
    meta = online.page_metadata(
        head.replace('"kst-28638-233"', '"kst-28638-234"').replace(
            'ondernummer" content="233"', 'ondernummer" content="234"'
        )
    )
    found = [
        f.expected + " / " + f.found
        for f in online.compare_reference(ref, meta, project.data / "references.yml", "data/references.yml")
    ]
    assert found == [
        "the page of kst-28638-233 to be that Kamerstuk / DC.identifier kst-28638-234",
        "nr. 233 as the official record has it / OVERHEIDop.ondernummer 234",
    ]


def test_offline_the_check_report_says_the_references_were_not_compared(tmp_path):

    selection = registry.select(only=["references-online"])
    selection.run("site", registry.SiteContext(PUB, tmp_path, online=False, _pages={}))
    assert selection.report()["references-online"] == {
        "stage": "site",
        "ran": False,
        "findings": 0,
        "errors": 0,
        "reason": "only with --online",
    }
