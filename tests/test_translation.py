"""Sentence segments and the per-segment translation checks: the publication on main is
clean; each class of error, made the way real translation slips happen, gives exactly
its finding (in both languages where it applies); honest rewordings pass.

These call the check functions in-process on a small copy (pages, record, source), so
they run in well under a second each."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import edit
from live import section_lines
from repo import PUB, ROOT

from publication.checks import links, run_source_checks, structure, translation
from publication.checks import site_html as html
from publication.cli import main as cli_main
from publication.model import pages, segments
from publication.model import source as source_mod
from publication.model.publication import Publication
from publication.render import sentences

NL = "docs/nl/daderaanpak.md"
EN = "docs/en/daderaanpak.md"
# Where the section pages' blocks stand, read from the pages (tests/live.py).
NL_AT = section_lines(ROOT / NL)
EN_AT = section_lines(ROOT / EN)
RECORD = "data/alignment/daderaanpak.yml"


@pytest.fixture
def proj(tmp_path) -> Path:
    """The section in both languages, the data (its alignment record, terms, word lists,
    sentence prefixes), the glossaries and the source text: the checks read the project
    they are given."""
    root = tmp_path / "p"
    for rel in (NL, EN, "source/samen-tegen-mensenhandel-p32.txt"):
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


def review(root: Path, *args: str) -> int:
    return cli_main(["review", "daderaanpak", *args, "--config", str(root / "mkdocs.yml"), "--quiet"])


S15_NL = (
    "Deze vorm van mensenhandel betreft namelijk in de periode 2017-2021 totaal 76% van de geregistreerde "
    "incidenten, ten opzichte van 10% criminele uitbuiting en 6% arbeidsuitbuiting."
)
S16_NL = "Van de in totaal 3.925 incidenten, is bij slechts 19% een verdachte geregistreerd."
S16_EN = "Of the 3,925 incidents in total, a suspect was registered in only 19%."
S21_NL = "De resultaten worden in het najaar van 2023 verwacht."
S21_EN = "The results are expected in the autumn of 2023."


# --- the good fixture ----------------------------------------------------------------------


def test_the_publication_on_main_has_no_translation_findings(proj):
    assert qa(proj) == []


def test_the_section_has_one_english_sentence_per_dutch_sentence():
    nl = pages.read(ROOT / NL, "nl")
    en = pages.read(ROOT / EN, "en")
    pairing = segments.load_pairing("daderaanpak.md", nl, en, PUB)
    sentences = [s for s in pairing.segments if s.kind == "sentence"]
    assert pairing.problems == []
    assert pairing.dutch_sentences == pairing.english_sentences == len(pairing.segments) == 30
    assert [s.id for s in sentences] == [f"s-{n}" for n in range(1, 28)]
    assert [s.id for s in pairing.segments if s.kind == "heading"] == [
        "daderaanpak",
        "preventie",
        "opsporen-en-vervolgen",
    ]
    s15 = next(s for s in sentences if s.id == "s-15")
    assert s15.text("nl") == S15_NL and s15.calls("nl") == s15.calls("en") == ("37",)


# --- the pairing -----------------------------------------------------------------------------


def test_an_english_sentence_left_out_is_a_finding(proj):
    edit(proj / EN, S16_EN + " ", "")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected the English of s-16 «{S16_NL}» ({NL}:{NL_AT.paragraphs[2]}), found no English sentence for it"
    ]


S22_NL = (
    "Hierna wordt bezien of een onderzoek naar daders van arbeidsuitbuiting en/of criminele uitbuiting "
    "toegevoegde waarde kan hebben."
)
S22_EN = (
    "After that, it will be considered whether research into labour exploitation and/or criminal exploitation "
    "offenders could add value."
)


def test_an_added_english_sentence_is_a_finding(proj):
    edit(proj / EN, S22_EN, S22_EN + " The police registered 512 of them in 2021.")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected no English sentence beyond the Dutch (s-22 is the one before), "
        "found the added sentence «The police registered 512 of them in 2021.»"
    ]


def test_an_english_sentence_split_in_two_is_a_finding_until_recorded(proj):
    first = "After that, it will be considered whether research into labour exploitation offenders could add value."
    second = "The same will be considered for criminal exploitation offenders."
    edit(proj / EN, S22_EN, f"{first} {second}")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected one English sentence for s-22 «{S22_NL}» ({NL}:{NL_AT.paragraphs[2]}), or the split recorded in {RECORD} "
        f"(en: 2), found 2 sentences «{first}» «{second}»: a sentence added, or a split"
    ]


def test_a_merge_is_a_finding_until_it_is_recorded_and_reviewed(proj):
    edit(
        proj / EN,
        "What circumstances play a part? Do human trafficking offenders have",
        "What circumstances play a part, and do human trafficking offenders have",
    )
    merged = "What circumstances play a part, and do human trafficking offenders have specific characteristics?"
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected an English sentence for each of s-10, s-11 «Welke omstandigheden zijn hiervan van invloed?» "
        f"«Hebben daders van mensenhandel specifieke kenmerken?» ({NL}:{NL_AT.paragraphs[2]}), or the merge recorded in {RECORD} (nl: 2), "
        f"found one English sentence «{merged}»"
    ]
    edit(proj / RECORD, "{id: s-10,", "{id: s-10, nl: 2,")
    text = (proj / RECORD).read_text(encoding="utf-8")
    (proj / RECORD).write_text(re.sub(r"  - \{id: s-11, from: \w+\}\n", "", text), encoding="utf-8")
    found = qa(proj)
    assert (
        len(found) == 1
        and "a translation older than the Dutch" in found[0]
        and found[0].startswith(f"{EN}:{EN_AT.paragraphs[2]}:")
    )
    assert review(proj, "s-10") == 0
    assert qa(proj) == []


def test_a_pair_far_out_of_the_usual_length_is_a_warning(proj):
    edit(
        proj / EN,
        "In other words, what is the offender profile of human trafficking offenders?",
        "In other words, which offenders?",
    )
    found = qa(proj)
    assert len(found) == 1
    assert found[0].startswith(
        f"{EN}:{EN_AT.paragraphs[2]}: warning: expected about as long as s-12 «Anders gezegd: wat is het "
        f"daderprofiel van de daders van mensenhandel?» ({NL}:{NL_AT.paragraphs[2]}) (70 characters;"
    )
    assert found[0].endswith("found 32 characters, 0.48 times the usual: «In other words, which offenders?»")


# --- figures ----------------------------------------------------------------------------------


def test_two_shares_traded_between_their_forms_of_exploitation_are_findings(proj):
    edit(
        proj / EN,
        "compared with 10% for criminal exploitation and 6% for labour exploitation",
        "compared with 6% for criminal exploitation and 10% for labour exploitation",
    )
    quote = f"s-15 «{S15_NL}» ({NL}:{NL_AT.paragraphs[2]})"
    english = (
        "In the period 2017–2021 this form of human trafficking accounted for 76% of all registered incidents, "
        "compared with 6% for criminal exploitation and 10% for labour exploitation."
    )
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected 10% with criminal exploitation, as {quote} has it with criminele uitbuiting, "
        f"found 10% with labour exploitation in «{english}»",
        f"{EN}:{EN_AT.paragraphs[2]}: expected 6% with labour exploitation, as {quote} has it with arbeidsuitbuiting, "
        f"found 6% with criminal exploitation in «{english}»",
    ]


def test_a_figure_moved_to_another_paragraph_is_a_finding_in_both_places(proj):
    edit(proj / EN, "Of the 3,925 incidents in total, a suspect", "Of the incidents in total, a suspect")
    edit(proj / EN, "is aimed at detecting offenders.", "is aimed at detecting offenders of 3,925 incidents.")
    s23_nl = (
        "Het dagelijkse werk van de Politie, KMar en de opsporingsdienst van de NLA is gericht op het opsporen "
        "van daders."
    )
    s23_en = (
        "The day-to-day work of the police, the Royal Netherlands Marechaussee (KMar) and the investigation "
        "service of the Netherlands Labour Authority (NLA) is aimed at detecting offenders of 3,925 incidents."
    )
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected 3.925 of s-16 «{S16_NL}» ({NL}:{NL_AT.paragraphs[2]}) in its English, "
        "found it missing from «Of the incidents in total, a suspect was registered in only 19%.»",
        f"{EN}:{EN_AT.paragraphs[3]}: expected no number that s-23 «{s23_nl}» ({NL}:{NL_AT.paragraphs[3]}) lacks, found 3,925 in «{s23_en}»",
    ]


# --- footnote calls -----------------------------------------------------------------------------


def test_a_footnote_call_moved_to_the_next_english_sentence_is_a_finding(proj):
    edit(proj / EN, "6% for labour exploitation.[^37] " + S16_EN, "6% for labour exploitation. " + S16_EN + "[^37]")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected the call of footnote 37 in the English of s-15 «{S15_NL}» ({NL}:{NL_AT.paragraphs[2]}), "
        f"found it in s-16 «{S16_EN}»"
    ]


def test_two_footnote_calls_swapped_in_the_english_are_findings(proj):
    edit(proj / EN, "programme[^35]", "programme[^x]")
    edit(proj / EN, "Safety[^36]", "Safety[^35]")
    edit(proj / EN, "programme[^x]", "programme[^36]")
    found = qa(proj)
    assert [f.split(": expected ")[1].split(" in the English")[0] for f in found] == [
        "the call of footnote 35",
        "the call of footnote 36",
    ]
    assert "found it in s-8" in found[0] and "found it in s-3" in found[1]


def test_a_dutch_footnote_call_away_from_where_the_source_prints_it_is_a_finding(proj):
    edit(proj / NL, "arbeidsuitbuiting.[^37] " + S16_NL, "arbeidsuitbuiting. " + S16_NL + "[^37]")
    edit(proj / EN, "labour exploitation.[^37] " + S16_EN, "labour exploitation. " + S16_EN + "[^37]")
    # The footnote-placement rule, named with the printed line it applies to (read from
    # the source, as a maintainer reads it), not a sentence guessed for the reader.
    src_file = next((proj / "source").glob("*-p32.txt"))
    src = source_mod.parse(src_file.read_text(encoding="utf-8"))
    line, at = src.call_lines[37], src.call_line_numbers[37]
    piece = translation._longest_piece(line, Publication(proj))
    assert src_file.read_text(encoding="utf-8").splitlines()[at - 1].strip() == line
    assert qa(proj) == [
        f"{NL}:{NL_AT.paragraphs[2]}: expected the call of footnote 37 in the sentence that holds most words of the line the source "
        f"prints after the number (source/{src_file.name}:{at}: «{line}»; those words: «…{piece}…»), found it in "
        f"s-16 «{S16_NL}» ({NL}:{NL_AT.paragraphs[2]}), which does not hold them"
    ]


# --- terms, polarity, time, words ---------------------------------------------------------------


def test_a_glossary_term_missing_from_its_english_sentence_is_a_finding(proj):
    edit(proj / EN, "which helps to prevent criminal exploitation.", "which helps to prevent criminal abuse.")
    s6_nl = (
        "Zo maken we jongeren weerbaarder tegen de verleidingen van de criminaliteit, hetgeen bijdraagt aan het "
        "voorkomen van criminele uitbuiting."
    )
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[1]}: expected the term 'criminal exploitation' for 'criminele uitbuiting' of s-6 «{s6_nl}» ({NL}:{NL_AT.paragraphs[1]}) "
        "(data/terms.yml), found it missing from «In this way we make young people more resilient to the temptations "
        "of crime, which helps to prevent criminal abuse.»"
    ]


def test_an_english_term_where_the_dutch_lacks_it_is_a_finding(proj):
    edit(proj / EN, S21_EN, "The results on sexual exploitation are expected in the autumn of 2023.")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected 'sexual exploitation' only where the Dutch has 'seksuele uitbuiting' (data/terms.yml), "
        f"which s-21 «{S21_NL}» ({NL}:{NL_AT.paragraphs[2]}) has not, found it in «The results on sexual exploitation are expected in "
        "the autumn of 2023.»"
    ]


def test_an_abbreviation_left_out_of_the_english_is_a_finding(proj):
    edit(proj / EN, "the Public Prosecution Service (OM); the National", "the prosecutors; the National")
    found = qa(proj)
    assert len(found) == 1 and "expected the term 'OM' for 'OM' of s-24" in found[0]


def test_an_added_negation_is_a_finding(proj):
    edit(
        proj / EN,
        "The agreements in the Security Agenda contribute to",
        "The agreements in the Security Agenda do not contribute to",
    )
    found = qa(proj)
    s26_nl = (
        "De afspraken in de Veiligheidsagenda dragen bij aan een brede, integrale en internationale aanpak van "
        "mensenhandel."
    )
    assert found == [
        f"{EN}:{EN_AT.paragraphs[3]}: expected no negation word, as s-26 «{s26_nl}» ({NL}:{NL_AT.paragraphs[3]}) has none, found 'not' in «The agreements in "
        "the Security Agenda do not contribute to a broad, integrated and international approach to human trafficking.»"
    ]


def test_a_negation_left_out_is_a_finding(proj):
    edit(proj / EN, "no suspect has been identified", "a suspect has been identified")
    found = qa(proj)
    assert len(found) == 1
    assert found[0].startswith(
        f"{EN}:{EN_AT.paragraphs[2]}: expected a negation word (no/not/never/nothing …) in the English, as s-17 «Dat "
        "betekent dat bij ruim vier op de vijf incidenten"
    )
    assert "has 'geen', found none in «This means that" in found[0]


def test_a_limiting_word_left_out_is_a_finding(proj):
    edit(proj / EN, "registered in only 19%", "registered in 19%")
    found = qa(proj)
    assert found == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected a limiting word (only/merely/solely/exclusively …) in the English, as s-16 «{S16_NL}» "
        f"({NL}:{NL_AT.paragraphs[2]}) has 'slechts', found none in «Of the 3,925 incidents in total, a suspect was registered in 19%.»"
    ]


def test_a_season_changed_is_a_finding(proj):
    edit(proj / EN, S21_EN, "The results are expected in the spring of 2023.")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected 'autumn' for 'najaar' of s-21 «{S21_NL}» ({NL}:{NL_AT.paragraphs[2]}), "
        "found 'spring' in «The results are expected in the spring of 2023.»"
    ]


def test_a_month_the_dutch_lacks_is_a_finding(proj):
    edit(proj / EN, S21_EN, "The results are expected in the autumn of 2023, in November.")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected no time word that s-21 «{S21_NL}» ({NL}:{NL_AT.paragraphs[2]}) lacks, "
        "found 'November' in «The results are expected in the autumn of 2023, in November.»"
    ]


def test_a_dutch_word_left_untranslated_is_a_finding(proj):
    edit(proj / EN, "In this way we make young people more resilient", "In this way we make jongeren more resilient")
    found = qa(proj)
    assert len(found) == 1
    assert found[0].startswith(
        f"{EN}:{EN_AT.paragraphs[1]}: expected English words for s-6 «Zo maken we jongeren weerbaarder"
    )
    assert "found the Dutch 'jongeren' left in «In this way we make jongeren more resilient" in found[0]


def test_translate_toolkit_checks_run_per_segment(proj):
    edit(proj / EN, S21_EN, "The results are expected in the the autumn of 2023.")
    assert qa(proj) == [
        f"{EN}:{EN_AT.paragraphs[2]}: expected the English of s-21 «{S21_NL}» ({NL}:{NL_AT.paragraphs[2]}) to pass translate-toolkit's 'doublewords' "
        "check, found The word 'the' is repeated: «The results are expected in the the autumn of 2023.»"
    ]


# --- stale translations -------------------------------------------------------------------------


def test_a_changed_dutch_sentence_makes_its_english_older_than_the_dutch_until_reviewed(proj):
    edit(proj / NL, S21_NL, "De uitkomsten worden in het najaar van 2023 verwacht.")
    old = segments.load_record(proj / RECORD).entries["s-21"].source
    found = qa(proj)
    assert len(found) == 1
    assert found[0].startswith(
        f"{EN}:{EN_AT.paragraphs[2]}: expected an English translation of the current Dutch s-21 «De uitkomsten worden "
        f"in het najaar van 2023 verwacht.» ({NL}:{NL_AT.paragraphs[2]}), found a translation older than the Dutch "
        f"(made from {old}, the Dutch is now "
    )
    assert found[0].endswith(f"revisit «{S21_EN}», then run `scripts/publish.py review daderaanpak s-21`")
    assert review(proj, "s-21") == 0
    assert qa(proj) == []
    assert segments.load_record(proj / RECORD).entries["s-21"].source != old
    # Only the reviewed segment changed in the record.
    assert (
        sum(a != b for a, b in zip((ROOT / RECORD).read_text().splitlines(), (proj / RECORD).read_text().splitlines()))
        == 1
    )


def test_review_refuses_an_unknown_segment_and_a_section_that_does_not_pair(proj, capsys):
    assert review(proj, "s-99") == 3
    assert "no segment s-99 in daderaanpak.md" in capsys.readouterr().err
    edit(proj / EN, S16_EN + " ", "")
    assert review(proj, "s-16") == 2
    assert f"{EN}:{EN_AT.paragraphs[2]}: s-16 does not pair (missing)" in capsys.readouterr().err


# --- the record -----------------------------------------------------------------------------------


def test_a_missing_record_is_a_finding(proj):
    (proj / RECORD).unlink()
    assert qa(proj) == [
        f"{RECORD}: expected the alignment record of {EN} (make it with `scripts/publish.py review daderaanpak`), "
        "found no such file"
    ]


def test_a_record_entry_for_no_segment_is_a_finding(proj):
    text = (proj / RECORD).read_text()
    (proj / RECORD).write_text(text + "  - {id: s-40, from: 0123456789ab}\n")
    assert qa(proj) == [
        f"{RECORD}:{len(text.splitlines()) + 1}: expected only the segments of the section, "
        "found the unknown segment s-40"
    ]


def test_an_unreadable_record_is_a_finding_with_its_line(proj):

    edit(proj / RECORD, "{id: s-3,", "{id: s-3,,")
    project = Publication(proj)
    loaded = structure.PagesRead(
        {
            "nl": {
                "daderaanpak.md": pages.read(
                    proj / NL,
                    "nl",
                )
            },
            "en": {"daderaanpak.md": pages.read(proj / EN, "en")},
        },
        [],
    )
    found = [str(f) for f in translation.run(project, loaded)]
    assert len(found) == 1 and found[0].startswith(f"{RECORD}:") and "expected a readable alignment record" in found[0]


# --- honest rewordings ------------------------------------------------------------------------------

HONEST = [
    (
        "To prevent people from becoming victims of human trafficking, a targeted approach to offenders is also important.",
        "A targeted approach to offenders also matters if people are to be kept from becoming victims of human trafficking.",
    ),
    (
        "Sexual exploitation, for instance, is what the police identify most often.",
        "The police, for example, identify sexual exploitation most often.",
    ),
    (
        "In the period 2017–2021 this form of human trafficking accounted for 76% of all registered incidents, compared "
        "with 10% for criminal exploitation and 6% for labour exploitation.",
        "Over 2017–2021 this form of human trafficking made up 76% of all registered incidents, against criminal "
        "exploitation at 10% and labour exploitation at 6%.",
    ),
    (S16_EN, "A suspect was registered in only 19% of the 3,925 incidents in total."),
    (
        "This means that in more than four out of five human trafficking incidents registered by the police, no suspect "
        "has been identified.",
        "So for more than four out of five of the human trafficking incidents that the police register, there is no "
        "known suspect.",
    ),
    (S21_EN, "The results are due in the autumn of 2023."),
    (
        "The National Rapporteur is currently researching the profiles of human trafficking offenders.",
        "The National Rapporteur is currently analysing the profiles of human trafficking offenders.",
    ),
    (
        "In doing so they work with, among others, the Public Prosecution Service (OM); the National Information and "
        "Expertise Centre (LIEC) and the Regional Information and Expertise Centres (RIECs); and municipalities.",
        "They work together with the Public Prosecution Service (OM), the National Information and Expertise Centre "
        "(LIEC), the Regional Information and Expertise Centres (RIECs) and municipalities, among others.",
    ),
]


@pytest.mark.parametrize("old,new", HONEST, ids=[f"honest-{i}" for i in range(len(HONEST))])
def test_an_honest_rewording_passes(proj, old, new):
    edit(proj / EN, old, new)
    assert qa(proj) == []


def test_all_honest_rewordings_together_pass_every_source_check(project_copy):

    for old, new in HONEST:
        edit(project_copy / EN, old, new)
    assert [str(f) for f in run_source_checks(Publication(project_copy))] == []


# --- the splitter and the marks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        (
            "nl",
            "Zie Kamerstuk 28 741, nr. 106. Dat is o.a. het plan van dhr. Jansen.",
            ["Zie Kamerstuk 28 741, nr. 106.", "Dat is o.a. het plan van dhr. Jansen."],
        ),
        (
            "nl",
            "De wet (art. 3) geldt, zie blz. 32. Het kost ca. €3 mln. per jaar.",
            ["De wet (art. 3) geldt, zie blz. 32.", "Het kost ca. €3 mln. per jaar."],
        ),
        (
            "en",
            "See e.g. p. 32 of the plan, i.e. the annex. Mr. Smith agrees.",
            ["See e.g. p. 32 of the plan, i.e. the annex.", "Mr. Smith agrees."],
        ),
        (
            "nl",
            "Dit is zo.[^37] Van de 3.925 incidenten.[^1][^2] Klaar?",
            ["Dit is zo.[^37]", "Van de 3.925 incidenten.[^1][^2]", "Klaar?"],
        ),
    ],
)
def test_sentences_split_at_sentence_ends_and_keep_their_footnote_calls(lang, text, expected):
    assert [text[a:b] for a, b in segments.split_markdown(text, lang, PUB)] == expected


def test_a_paragraph_marked_by_segment_keeps_its_text():
    raw = "Een zin met een voetnoot[^35] erin. Nog een zin.[^36] Laatste."
    marked = sentences.wrap_paragraph(
        raw, "nl", ["s-1", "s-2", "s-2"], PUB, lambda sid, first: f' id="{sid}"' if first else ""
    )
    assert marked == (
        '<span data-seg="s-1" id="s-1">Een zin met een voetnoot[^35] erin.</span> '
        '<span data-seg="s-2" id="s-2">Nog een zin.[^36]</span> '
        '<span data-seg="s-2">Laatste.</span>'
    )
    assert pages.plain(marked) == pages.plain(raw)


# --- the built pages ----------------------------------------------------------------------------------


def test_every_sentence_is_a_permalink_target_on_its_built_page_in_both_languages(site):

    built = links.built_pages(site)
    assert translation.check_site(PUB, built) == []
    for name in ("daderaanpak/index.html", "en/daderaanpak/index.html"):
        ids = [el["id"] for el in built[name].segments]
        assert ids == [f"s-{n}" for n in range(1, 28)], name


def test_a_built_page_without_a_sentence_target_or_with_another_text_is_a_finding(site):

    text = (site / "en" / "daderaanpak" / "index.html").read_text(encoding="utf-8")
    assert text.count(' id="s-12"') == 1 and text.count("The results are expected in the autumn of 2023.") == 1
    broken = text.replace(' id="s-12"', "").replace(
        "The results are expected in the autumn", "The results are due in the autumn"
    )
    page = html.parse(broken)
    found = [str(f) for f in translation.check_site(PUB, {"en/daderaanpak/index.html": page})]
    line = next(el["line"] for el in page.segments if el["id"] == "s-21")
    assert found == [
        'site/en/daderaanpak/index.html: expected an element id="s-12" holding «In other words, what is the offender '
        "profile of human trafficking offenders?», found none",
        f"site/en/daderaanpak/index.html:{line}: expected #s-21 to hold «{S21_EN}», "
        "found «The results are due in the autumn of 2023.»",
    ]
