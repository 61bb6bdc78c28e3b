"""Every word accounted for (issue 28): the lexical check (publication/checks/lexical.py).

- The published section: every content word of every pair is accounted for, both ways.
- The slips of the issue, each with its exact finding, and slips of the same classes
  written here (other sentences, other actors, other list items, other tenses), each
  naming the missing or added word, the tense, the comparison side, the scope or the
  footnote call.
- Honest rewordings (synonyms, reordered lists, digits, "€143m", "From 2017 to 2021",
  passive for active, nominalisations): no finding.
- The data: an exception counts only in its pair; a recorded entry needs its reason.
- The dictionary: read by pyglossary, cached by the digest of its files; without it
  the check says it did not run."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from conftest import edit
from live import apply_rewordings, section_lines
from repo import PUB, ROOT

from publication.checks import lexical, run_source_checks, translation
from publication.model import lexicon, pages, segments
from publication.model.publication import Publication

NL = "docs/nl/daderaanpak.md"
EN = "docs/en/daderaanpak.md"
# Where the section pages' blocks stand, read from the pages (tests/live.py).
NL_AT = section_lines(ROOT / NL)
EN_AT = section_lines(ROOT / EN)

pytestmark = pytest.mark.skipif(
    lexical.dictionary_unavailable(None) is not None,
    reason="dict-freedict-nld-eng or dict-wn is not installed (scripts/system-deps.sh)",
)


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


def lex(root: Path) -> list[str]:
    nl = pages.read(root / NL, "nl")
    en = pages.read(root / EN, "en")
    return [str(f) for f in lexical.check_section(Publication(root), "daderaanpak.md", nl, en)]


def sentence(root: Path, lang: str, holding: str) -> str:
    """The one sentence of the page at `root` that holds `holding` (words of it or its
    segment id), as a finding quotes it."""
    nl = pages.read(root / NL, "nl")
    en = pages.read(root / EN, "en")
    found = [
        seg.text(lang)
        for seg in segments.load_pairing("daderaanpak.md", nl, en, Publication(root)).segments
        if seg.kind == "sentence" and (seg.id == holding or holding in seg.text(lang))
    ]
    assert len(found) == 1, (holding, found)
    return found[0]


def test_every_content_word_of_the_published_section_is_accounted_for(proj):
    assert lex(proj) == []
    nl = pages.read(proj / NL, "nl")
    en = pages.read(proj / EN, "en")
    table = lexical.coverage_table(Publication(proj), "daderaanpak.md", nl, en)
    assert table["pairs"] == 30  # 27 sentences and 3 headings
    assert "not accounted for" not in table["counts"]["nl"] and "added" not in table["counts"]["en"]
    assert table["counts"]["nl"]["dictionary"] > 50 and table["counts"]["nl"]["term"] > 30
    assert all(entry["why"] for _, entry in table["exceptions"])


def test_the_published_publication_passes_every_source_check_with_it():
    assert [str(f) for f in run_source_checks(PUB)] == []


# --- the issue's slips, each with its exact finding ---------------------------------------------


def quote(sid: str) -> str:
    """How a finding quotes a Dutch segment of the checkout: «its text» (file:line),
    read from the pages (an honest edit of them changes what is expected, not the test)."""
    nl = pages.read(ROOT / NL, "nl")
    en = pages.read(ROOT / EN, "en")
    seg = next(s for s in segments.load_pairing("daderaanpak.md", nl, en, PUB).segments if s.id == sid)
    return f"{sid} «{seg.text('nl')}» ({NL}:{seg.line('nl')})"


S3, S4, S13, S14, S19, S21 = (quote(f"s-{n}") for n in (3, 4, 13, 14, 19, 21))
RECORD = "data/coverage-exceptions.yml"
OWN = "data/coverage/daderaanpak.yml"
OR_IMPLICIT = f"or the word recorded as implicit in this pair in {OWN}, with its reason"

ISSUE = [
    (
        "actor",
        "The government has therefore made",
        "The municipalities have therefore made",
        [
            f"{EN}:{EN_AT.paragraphs[1]}: expected an actor that {S4} has (the subject of a clause answers to a word of the Dutch), "
            "found 'municipalities' acting in «{en}», a word that answers to nothing in the Dutch",
            f"{EN}:{EN_AT.paragraphs[1]}: expected an English word for 'kabinet' of {S4} (one of 'government', 'cabinet': its senses "
            f"in FreeDict and {RECORD}; {OR_IMPLICIT}), found none in «{{en}}»",
        ],
    ),
    (
        "list-item",
        "children, young people and young adults",
        "children and young adults",
        [
            f"{EN}:{EN_AT.paragraphs[1]}: expected an English word for 'jongeren' of {S3} (one of 'child', 'offspring', 'young', "
            f"'young people', 'young person', 'youth': its senses in FreeDict and {RECORD}; {OR_IMPLICIT}), "
            "found none in «{en}»",
        ],
    ),
    (
        "expectation-as-fact",
        "The results are expected in the autumn of 2023.",
        "The results were published in the autumn of 2023.",
        [
            # 'verwacht' is a meaning word (prospect: expected): the meaning check names it
            # (test_an_expectation_and_its_aspect_are_the_meaning_checks below).
            f"{EN}:{EN_AT.paragraphs[2]}: expected English words that answer to the Dutch of {S21} (a sense of one of its words in "
            f"FreeDict, a term, a figure, or an addition recorded with its reason in {OWN}), found "
            "'published', added in «{en}»",
            f"{EN}:{EN_AT.paragraphs[2]}: expected the time of the Dutch, the present ('worden') of {S21} in its English (or the "
            f"change of tense recorded with its reason in {OWN}), found the past ('were') in «{{en}}»",
        ],
    ),
    (
        "aspect",
        "is currently researching",
        "has researched",
        [
            # 'momenteel' is a meaning word (prospect: currently): the meaning check names it.
            f"{EN}:{EN_AT.paragraphs[2]}: expected the time of the Dutch, the present ('onderzoekt', 'zijn') of {S19} in its English "
            f"(or the change of tense recorded with its reason in {OWN}), found the perfect ('has') in «{{en}}»",
        ],
    ),
    (
        "comparison-sides",
        "There is less insight into and knowledge of labour exploitation and criminal exploitation offenders than of "
        "sexual exploitation offenders.",
        "There is less insight into and knowledge of sexual exploitation offenders than of labour exploitation and "
        "criminal exploitation offenders.",
        [
            f"{EN}:{EN_AT.paragraphs[2]}: expected the two sides of the comparison of {S13} kept: 'arbeidsuitbuiting', 'criminele' "
            "before 'than' and 'seksuele' after 'than', as the Dutch has them before and after 'dan', found them "
            "on the other side of 'than' in «{en}»",
        ],
    ),
    (
        "footnote-clause",
        "Through the Prevention with Authority programme[^35], the government aims to prevent children, young "
        "people and young adults in vulnerable positions from",
        "Through the Prevention with Authority programme, the government aims to prevent children, young people "
        "and young adults in vulnerable positions[^35] from",
        [
            f"{EN}:{EN_AT.paragraphs[1]}: expected the call of footnote 35 right after 'Authority', the English of 'gezag' that it "
            f"follows in {S3}, found it after «young people and young adults in vulnerable positions» in «{{en}}»",
        ],
    ),
    (
        "who-identifies-whom",
        "is what the police identify most often",
        "is what is most often reported to the police",
        [
            f"{EN}:{EN_AT.paragraphs[2]}: expected 'politie' acting in the English as in {S14} (the subject of its verb, or 'by …' of "
            "a passive), found 'police' only after 'to' in «{en}»",
        ],
    ),
]


@pytest.mark.parametrize("what,old,new,expected", ISSUE, ids=[i[0] for i in ISSUE])
def test_the_issues_slips_are_findings(proj, what, old, new, expected):
    """`{en}` in an expected finding is the English sentence as the edit leaves it."""
    edited = sentence(proj, "en", old.replace("[^35]", "")).replace(old.replace("[^35]", ""), new.replace("[^35]", ""))
    edit(proj / EN, old, new)
    assert lex(proj) == [e.replace("{en}", edited) for e in expected]


def test_the_issues_slips_pass_every_other_check_and_fail_this_one(project_copy):
    """Before this check they passed `check` with exit 0: now the lexical check reports
    them, but for the two words of a meaning class, which the meaning check (a coarser
    one, run first) names: each defect once."""
    for _, old, new, _ in sorted(ISSUE, key=lambda i: i[0] != "footnote-clause"):  # two edits of s-3
        edit(project_copy / EN, old, new)
    found = [str(f) for f in run_source_checks(Publication(project_copy))]
    meaning = [f for f in found if "(prospect)" in f]
    assert len(meaning) == 2 and "for 'verwacht' of s-21" in meaning[0] + meaning[1], found
    assert "for 'momenteel' of s-19" in meaning[0] + meaning[1], found


def test_an_expectation_and_its_aspect_are_the_meaning_checks(proj):
    """'verwacht' and 'momenteel' belong to a meaning class (prospect): turned into a fact
    or another time, they are the meaning check's findings, naming the word."""
    edit(
        proj / EN,
        "The results are expected in the autumn of 2023.",
        "The results were published in the autumn of 2023.",
    )
    edit(proj / EN, "is currently researching", "has researched")
    nl = pages.read(proj / NL, "nl")
    en = pages.read(proj / EN, "en")
    found = [
        str(f) for f in translation.check_meaning(translation.context(Publication(proj), "daderaanpak.md", nl, en))
    ]
    assert len(found) == 2, found
    assert f"expected 'expected' (expected/expect/expects …) for 'verwacht' of {S21}" in found[1], found
    assert f"for 'momenteel' of {S19}" in found[0], found


# --- slips of the same classes, written here ---------------------------------------------------

SLIPS = [  # (what, old, new, the findings: a part of each, in order)
    ("actor-s19", "The National Rapporteur is currently", "The police are currently", None),
    (
        "actor-s26",
        "The agreements in the Security Agenda",
        "The ministers in the Security Agenda",
        ["for 'afspraken' of s-26", "found 'ministers', added in"],
    ),
    (
        "actor-s20",
        "the research focuses",
        "the government focuses",
        ["for 'onderzoek' of s-20", "found 'government', added in"],
    ),
    (
        "actor-s3",
        "the government aims to prevent",
        "the police aim to prevent",
        ["for 'kabinet' of s-3", "found 'police', added in"],
    ),
    (
        "list-s26",
        "a broad, integrated and international approach",
        "a broad and integrated approach",
        ["for 'internationale' of s-26"],
    ),
    (
        "list-s8",
        "initiatives in education and poverty reduction",
        "initiatives in poverty reduction",
        ["for 'onderwijs' of s-8"],
    ),
    ("list-s27", "identifying human trafficking online", "identifying human trafficking", ["for 'online' of s-27"]),
    ("list-s2", "detecting and prosecuting offenders", "detecting offenders", ["for 'vervolgen' of s-2"]),
    (
        "list-s25",
        "on several themes, human trafficking among them",
        "on several themes",
        ["for 'mensenhandel' of s-25"],
    ),
    (
        "tense-past-s26",
        "Security Agenda contribute to",
        "Security Agenda contributed to",
        ["found the past ('contributed')"],
    ),
    (
        "tense-past-perfect-s26",
        "Security Agenda contribute to",
        "Security Agenda had contributed to",
        ["found the past ('had')"],
    ),
    ("tense-future-s24", "they work with", "they will work with", ["found the future ('will')"]),
    ("tense-perfect-s20", "the research focuses", "the research has focused", ["found the perfect ('has')"]),
    (
        "tense-past-s6",
        "In this way we make young people",
        "In this way we made young people",
        ["found the past ('made')"],
    ),
    (
        "tense-past-s18",
        "who are identified are mostly",
        "who were identified were mostly",
        ["found the past ('were', 'were')"],
    ),
    (
        "tense-future-s4",
        "The government has therefore made",
        "The government will therefore make",
        ["found the future ('will')"],
    ),
    (
        "tense-present-s4",
        "The government has therefore made",
        "The government therefore makes",
        ["expected the time of the Dutch, the perfect ('heeft') of s-4", "found the present"],
    ),
    (
        "aspect-already-s21",
        "The results are expected",
        "The results are already expected",
        ["found 'already', added in"],
    ),
    ("aspect-still-s9", "we need to know", "we still need to know", ["found 'still', added in"]),
    (
        "aspect-still-s19",
        "is currently researching",
        "is still researching",
        ["found 'still', added in"],  # 'momenteel' missing is the meaning check's (prospect)
    ),
    (
        "fact-s21",
        "The results are expected",
        "The results were confirmed",
        ["found the past ('were')", "found 'confirmed', added in"],  # 'verwacht' missing: the meaning check's
    ),
    ("drop-s23", "The day-to-day work of the police", "The work of the police", ["for 'dagelijkse' of s-23"]),
    ("drop-s20", "focuses specifically on", "focuses on", ["for 'specifiek' of s-20"]),
    (
        "add-s15",
        "and 6% for labour exploitation.",
        "and 6% for serious labour exploitation.",
        ["found 'serious', added in"],
    ),
    (
        "scope-only-s16",
        "a suspect was registered in only 19%",
        "only a suspect was registered in 19%",
        ["expected 'only' bearing on the English of '19%', as 'slechts' does in s-16", "it bearing on 'suspect'"],
    ),
    (
        "footnote-s8",
        "Liveability and Safety[^36] and with initiatives in education and poverty reduction.",
        "Liveability and Safety and with initiatives in education and poverty reduction.[^36]",
        ["the call of footnote 36 right after 'Safety', the English of 'Veiligheid'"],
    ),
    (
        "footnote-s15",
        "76% of all registered incidents, compared with 10% for criminal exploitation and 6% for "
        "labour exploitation.[^37]",
        "76% of all registered incidents[^37], compared with 10% for criminal "
        "exploitation and 6% for labour exploitation.",
        ["the call of footnote 37 right after 'exploitation', the English of 'arbeidsuitbuiting'"],
    ),
    (
        "footnote-s3-actor",
        "programme[^35], the government aims",
        "programme, the government[^35] aims",
        ["the call of footnote 35 right after 'Authority'"],
    ),
    (
        "who-registers-s17",
        "incidents registered by the police",
        "incidents reported to the police",
        ["for 'registreert' of s-17", "found 'reported', added in", "found 'police' only after 'to'"],
    ),
]
SLIPS[0] = (
    "actor-s19",
    "The National Rapporteur is currently",
    "The police are currently",
    ["found 'police' acting in", "for 'Nationaal' of s-19", "for 'Rapporteur' of s-19"],
)


@pytest.mark.parametrize("what,old,new,parts", SLIPS, ids=[o[0] for o in SLIPS])
def test_a_slip_of_the_same_class_is_a_finding_naming_the_word(proj, what, old, new, parts):
    edit(proj / EN, old, new)
    found = lex(proj)
    assert found and all(any(part in f for f in found) for part in parts), (parts, found)
    assert all(any(part in f for part in parts) for f in found), (parts, found)


# --- honest rewordings pass -------------------------------------------------------------------

HONEST = [
    ("seek", "the government aims to prevent", "the government seeks to prevent"),
    ("sliding", "from drifting into crime", "from sliding into crime"),
    (
        "eur-m",
        "The government has therefore made a recurring €143 million available",
        "The government has therefore made €143m available on a recurring basis",
    ),
    (
        "passive-s4",
        "The government has therefore made a recurring €143 million available for the broad approach",
        "A recurring €143 million has therefore been made available by the government for the broad approach",
    ),
    (
        "contributes",
        "which helps to prevent criminal exploitation",
        "which contributes to preventing criminal exploitation",
    ),
    ("connection", "A link is also made with", "A connection is also made with"),
    ("understand", "we need to know why", "we need to understand why"),
    ("particular", "have specific characteristics?", "have particular characteristics?"),
    (
        "list-order-s13",
        "of labour exploitation and criminal exploitation offenders than",
        "of criminal exploitation and labour exploitation offenders than",
    ),
    ("from-to", "In the period 2017–2021 this form", "From 2017 to 2021 this form"),
    ("per-cent", "accounted for 76% of all", "accounted for 76 per cent of all"),
    ("merely", "registered in only 19%", "registered in merely 19%"),
    ("found", "no suspect has been identified", "no suspect has been found"),
    ("now", "is currently researching", "is now researching"),
    ("investigating", "is currently researching", "is currently investigating"),
    (
        "given-concentrates",
        "In view of these figures, the research focuses specifically on",
        "Given these figures, the research concentrates specifically on",
    ),
    ("anticipated", "The results are expected in the autumn", "The results are anticipated in the autumn"),
    ("afterwards", "After that, it will be considered whether", "Afterwards, it will be considered whether"),
    ("directed", "is aimed at detecting offenders", "is directed at detecting offenders"),
    ("cooperate", "In doing so they work with", "In doing so they cooperate with"),
    ("goals", "sets national policy objectives", "sets national policy goals"),
    (
        "list-order-s26",
        "a broad, integrated and international approach",
        "an international, integrated and broad approach",
    ),
    ("contains", "The agenda includes qualitative objectives", "The agenda contains qualitative objectives"),
    ("too", "a targeted approach to offenders is also important", "a targeted approach to offenders is important too"),
    ("nominalisation", "detecting and prosecuting offenders", "the detection and prosecution of offenders"),
    ("give", "to offer young people better prospects", "to give young people better prospects"),
    ("role", "What circumstances play a part?", "What circumstances play a role?"),
    ("put-differently", "In other words, what is", "Put differently, what is"),
    (
        "passive-s14",
        "Sexual exploitation, for instance, is what the police identify most often.",
        "Sexual exploitation, for instance, is what is identified most often by the police.",
    ),
    (
        "active-s17",
        "human trafficking incidents registered by the police",
        "human trafficking incidents that the police register",
    ),
    ("digits-s17", "in more than four out of five", "in more than 4 out of 5"),
    (
        "clause-order-s17",
        "This means that in more than four out of five human trafficking incidents registered by "
        "the police, no suspect has been identified.",
        "This means that no suspect has been identified in more than "
        "four out of five human trafficking incidents registered by the police.",
    ),
    ("quantifier-s15", "76% of all registered incidents", "76% of the total registered incidents"),
    (
        "passive-s25",
        "For the police, the Security Agenda for the years 2023–2026 sets national policy objectives on several themes",
        "For the police, national policy objectives on several themes are set in the Security "
        "Agenda for the years 2023–2026",
    ),
    ("juvenile", "(organised and subversive) youth crime", "(organised and subversive) juvenile crime"),
]


@pytest.mark.parametrize("what,old,new", HONEST, ids=[h[0] for h in HONEST])
def test_an_honest_rewording_passes(proj, what, old, new):
    edit(proj / EN, old, new)
    assert lex(proj) == []


def test_honest_rewordings_together_pass_every_source_check(project_copy):
    assert apply_rewordings(project_copy / EN, HONEST) >= 25
    assert [str(f) for f in run_source_checks(Publication(project_copy))] == []


# --- the data ---------------------------------------------------------------------------------


def test_a_recorded_exception_counts_only_in_its_pair(proj):
    edit(proj / EN, "focuses specifically on", "focuses on")
    assert [f for f in lex(proj) if "'specifiek'" in f]
    path = proj / "data" / "coverage" / "daderaanpak.yml"
    text = path.read_text(encoding="utf-8")
    entry = "  - nl: specifiek\n    why: A test.\n"
    path.write_text(text.replace("s-3:\n", "s-3:\n" + entry), encoding="utf-8")
    assert [f for f in lex(proj) if "'specifiek'" in f]  # s-3's entry does not reach s-20
    path.write_text(text.replace("s-20:\n", "s-20:\n" + entry), encoding="utf-8")
    assert lex(proj) == []


def test_a_recorded_sense_without_its_reason_is_a_finding_at_its_line(project_copy):
    path = project_copy / "data" / "coverage-exceptions.yml"
    edit(path, "    why: Not in FreeDict.\n", "\n", count=1)
    found = [str(f) for f in run_source_checks(Publication(project_copy))]
    line = next(
        n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "nl: preventie" in text
    )
    assert found == [f"data/coverage-exceptions.yml:{line}: expected the key 'why' in 'senses[2]', found none"]


def test_the_function_words_are_the_projects(proj):
    """A word made a function word in the copy's data needs no English there."""
    edit(proj / EN, "The day-to-day work of the police", "The work of the police")
    assert [f for f in lex(proj) if "'dagelijkse'" in f]
    edit(proj / "data" / "function-words.yml", "  wel, eens,", "  wel, eens, dagelijkse,")
    assert lex(proj) == []


# --- the words -------------------------------------------------------------------------------


def test_dutch_forms_lemmas_and_compounds():
    assert "registreren" in lexicon.dutch_candidates("geregistreerde")
    assert "kwetsbaar" in lexicon.dutch_candidates("kwetsbare")
    assert "bestrijden" in lexicon.dutch_candidates("bestrijding")
    assert "vastleggen" in lexicon.dutch_candidates("vastgelegd")
    d = lexicon.load()
    assert lexical.compound_parts("beleidsdoelstellingen", d, {}) == ["beleid", "doelstellingen"]
    # nominalisations and British spellings share their stems with the dictionary's words
    assert lexicon.stems("prevention") & lexicon.stems("preventing") & lexicon.stems("prevent")
    assert lexicon.stems("organised") & lexicon.stems("organize")


def test_the_times_of_a_sentence():
    def times(text: str, lang: str) -> list[str]:
        side = lexical.Side(text, [lexical.Token(w) for w in lexicon.words(text)], {})
        fw = lexical.load_function_words(ROOT / "data")
        for t in side.tokens:
            t.function = t.word.low in fw[lang]
        verbs = lexical.english_verbs(side) if lang == "en" else lexical.dutch_verbs(side)
        return [t for _, t in verbs]

    assert times("The government has therefore made it available.", "en") == ["perfect"]
    assert times("It will be considered whether it could add value.", "en") == ["future"]
    assert times("The results were published.", "en") == ["past"]
    assert times("This form accounted for most incidents registered by the police.", "en") == ["past"]
    assert times("Daarom heeft het kabinet geld ter beschikking gesteld.", "nl") == ["perfect"]
    assert times("Er zijn doelstellingen opgenomen.", "nl") == ["state"]
    assert times("De Nationaal Rapporteur onderzoekt het.", "nl") == ["present"]
    assert times("De politie registreerde het.", "nl") == ["past"]


# --- the dictionary ---------------------------------------------------------------------------


def small_dictd(folder: Path, entries: dict[str, str]) -> Path:
    """A dictd dictionary written by pyglossary's writer, compressed as Debian ships it."""
    from pyglossary.plugin_lib.dictdlib import DictDB

    base = folder / "test-nld-eng"
    db = DictDB(str(base), "write", quiet=True)
    for head, senses in entries.items():
        db.addEntry(f"{head} /x/\n{senses}", [head])
    db.finish()
    raw = base.with_name(base.name + ".dict")
    base.with_name(base.name + ".dict.dz").write_bytes(gzip.compress(raw.read_bytes()))
    raw.unlink()
    return base


def test_the_dictionary_is_read_once_and_cached_by_its_digest(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "_cache_dir", lambda: tmp_path / "cache")
    reads = []
    real = lexicon.read_dictd
    monkeypatch.setattr(lexicon, "read_dictd", lambda base: reads.append(base) or real(base))
    lexicon._load.cache_clear()
    base = small_dictd(tmp_path, {"kabinet": "cabinet", "voorkomen": "1. appearance\n2. prevent, avert"})
    d = lexicon.load(base)
    assert d.get("voorkomen") == ("appearance", "prevent", "avert") and len(reads) == 1
    cached = list((tmp_path / "cache").glob("test-nld-eng-*.json"))
    assert len(cached) == 1 and lexicon.digest(base)[:32] in cached[0].name
    lexicon._load.cache_clear()  # a new process: the cache file, not the dictionary
    assert lexicon.load(base).get("kabinet") == ("cabinet",) and len(reads) == 1
    cached[0].write_text("{not json", encoding="utf-8")  # a damaged cache is read again
    lexicon._load.cache_clear()
    assert lexicon.load(base).get("kabinet") == ("cabinet",) and len(reads) == 2
    base = small_dictd(tmp_path, {"kabinet": "government"})  # another dictionary: another digest
    assert lexicon.load(base).get("kabinet") == ("government",) and len(reads) == 3
    lexicon._load.cache_clear()


def test_without_the_dictionary_the_check_says_it_did_not_run(monkeypatch, tmp_path):
    from publication.checks import registry

    monkeypatch.setattr(lexicon, "FREEDICT", tmp_path / "freedict-nld-eng")
    reason = lexical.dictionary_unavailable(None)
    assert reason == (
        f"FreeDict's Dutch–English dictionary is not installed ({tmp_path}/freedict-nld-eng.index; "
        "apt-get install dict-freedict-nld-eng)"
    )
    selection = registry.select(only=["lexical"])
    selection.run("sources", registry.SourceContext(PUB, None, None))
    assert selection.report()["lexical"] == {
        "stage": "sources",
        "ran": False,
        "findings": 0,
        "errors": 0,
        "reason": reason,
    }


def test_a_pair_entry_without_its_reason_is_a_finding_at_its_line(project_copy):
    path = project_copy / "data" / "coverage" / "daderaanpak.yml"
    edit(
        path,
        "  - nl: zicht\n    en: [insight]\n    why: \"'het zicht op' (the view of) the offenders is 'insight into' them.\"\n",
        "  - nl: zicht\n    en: [insight]\n",
    )
    line = next(
        n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if "nl: zicht" in text
    )
    found = [str(f) for f in run_source_checks(Publication(project_copy))]
    assert found == [f"data/coverage/daderaanpak.yml:{line}: expected the key 'why' in 's-13[1]', found none"]


def test_a_copy_of_a_section_keeps_the_exceptions_of_its_pairs(tmp_path):
    from publication.model.project import copy_project

    root = copy_project(tmp_path / "p", ROOT, scale=2)
    assert (root / "data" / "coverage" / "daderaanpak-02.yml").is_file()
    nl = pages.read(root / "docs" / "nl" / "daderaanpak-02.md", "nl")
    en = pages.read(root / "docs" / "en" / "daderaanpak-02.md", "en")
    assert lexical.check_section(Publication(root), "daderaanpak-02.md", nl, en) == []
    (root / "data" / "coverage" / "daderaanpak-02.yml").unlink()  # without them, findings
    assert lexical.check_section(Publication(root), "daderaanpak-02.md", nl, en)
