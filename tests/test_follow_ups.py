"""What became of it (issue 26): the follow-ups of the sections' forward-looking sentences.

The data and its reading; which sentences look forward (their words and dates); the
check that notices what is overdue and what a record gets wrong, each defect with its
exact finding; the notes where the sentence is (section pages, side-by-side page,
timeline, PDFs and EPUBs) from one record in both languages; the JSON-LD, the citation
files, the translation memory and the check report; and two copies of the project: one
whose s-21 follow-up is removed, one with a fictional section that expects something
"in the spring of 2025"."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import pytest
import sections_fixture as fictional
from clitools import call
from conftest import edit
from repo import PUB, ROOT

from publication.checks import follow_ups, links, run_source_checks, site_html
from publication.model import followups as fu_mod
from publication.model.datafiles import DataFileError
from publication.model.downloads import epub_name, pdf_name
from publication.model.findings import Finding
from publication.model.project import copy_project
from publication.model.publication import Publication
from publication.model.references import format_date
from publication.render import followup_notes

PAPER = PUB.bib.document.date
EDITION = PUB.edition_date
DATA = "data/follow-ups.yml"


@pytest.fixture
def same_edition(monkeypatch):
    """A copy of the project dated as the checkout's edition (a copy outside git would
    take its files' times)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(PUB.edition_epoch))


def copy_with(tmp_path: Path, change=None) -> Path:
    """A copy of the checkout with `change(text)` applied to data/follow-ups.yml."""
    root = copy_project(tmp_path / "project", ROOT)
    if change is not None:
        path = root / DATA
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def without(text: str, sentence: str) -> str:
    """data/follow-ups.yml without the record of `sentence` (its key and its lines)."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line == f"    {sentence}:\n")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^    \S", lines[i])), len(lines))
    return "".join(lines[:start] + lines[end:])


def sections(pub: Publication):
    from publication.checks import load_sources, registry

    context, findings = load_sources(pub, registry.select())
    assert findings == []
    found, unreadable = context.sections()
    assert unreadable == []
    return found


def live(sentence: str) -> fu_mod.FollowUp:
    return next(f for f in PUB.followups if f.sentence == sentence)


# --- which sentences look forward ---------------------------------------------------------------


def look(text: str, lang: str = "nl", paper: dt.date = dt.date(2023, 10, 18)):
    return follow_ups.outlook(text, lang, paper, PUB)


@pytest.mark.parametrize(
    "text,words,due,dated",
    [
        ("De resultaten worden in het voorjaar van 2025 verwacht.", ("verwacht",), dt.date(2025, 5, 31), True),
        ("Het rapport verschijnt in de winter van 2024.", (), dt.date(2025, 2, 28), True),
        ("De wet treedt in maart 2025 in werking.", (), dt.date(2025, 3, 31), True),
        ("Voor de jaren 2023 – 2026 zijn doelen vastgelegd.", (), dt.date(2026, 12, 31), True),
        ("Het kabinet investeert vanaf 2025 jaarlijks.", (), dt.date(2025, 12, 31), True),
        ("De Rapporteur onderzoekt momenteel de daders.", ("momenteel",), dt.date(2024, 10, 18), False),
        ("Hierna wordt bezien of dat zinvol is.", ("bezien",), dt.date(2024, 10, 18), False),
        ("Het kabinet zal dit binnenkort regelen.", ("zal", "binnenkort"), dt.date(2024, 10, 18), False),
        ("Het kabinet is voornemens een wet in te dienen.", ("voornemens",), dt.date(2024, 10, 18), False),
    ],
)
def test_a_sentence_looks_forward_by_its_words_or_a_time_after_its_paper(text, words, due, dated):
    found = look(text)
    assert found is not None
    assert (found.words, found.due, found.dated) == (words, due, dated)


@pytest.mark.parametrize(
    "text",
    [
        "In de periode 2017-2021 betrof het 76% van de incidenten.",  # a period before the paper
        "In 2023 zijn 27 gemeenten met de aanpak gestart.",  # the paper's own year, no word
        "Het zicht op daders van arbeidsuitbuiting is minder goed.",
        "Het kabinet wil voorkomen dat jongeren de criminaliteit in gaan.",  # an aim, no date
    ],
)
def test_a_sentence_that_does_not_look_forward(text):
    assert look(text) is None


def test_an_english_month_is_a_time_and_the_modal_may_is_not():
    assert look("The law takes effect in May 2025.", "en").due == dt.date(2025, 5, 31)
    assert look("It may have happened in 2022.", "en", dt.date(2023, 10, 18)) is None


def test_the_forward_looking_sentences_of_the_live_sections_all_have_their_follow_up():
    found = sections(PUB)
    forward = [
        (ctx.section, seg.id) for ctx in found for seg, _ in follow_ups.forward_sentences(ctx.pairing.segments, PUB)
    ]
    assert forward  # the sections look forward: the check has something to do
    for section, sentence in forward:
        name = section.removesuffix(".md")
        due = next(
            lk.due
            for ctx in found
            if ctx.section == section
            for seg, lk in follow_ups.forward_sentences(ctx.pairing.segments, PUB)
            if seg.id == sentence
        )
        assert PUB.followups.covering(name, sentence) is not None or due >= EDITION, (section, sentence)
    assert follow_ups.run(found, PUB, EDITION) == []


# --- the data -----------------------------------------------------------------------------------


def test_each_live_follow_up_is_complete_and_its_sources_are_references():
    assert len(PUB.followups) > 0
    for f in PUB.followups:
        assert set(f.text) == set(PUB.languages) and all(f.text.values())
        assert PAPER <= f.date <= f.recorded <= EDITION
        assert all(r in PUB.bib.references for r in (*f.sources, *f.searched))
        assert (f.status == "happened") == (f.certainty is not None)


def test_the_research_s_21_expects_appeared_in_february_2024_as_the_press_reported():
    f = live("s-21")
    assert (f.status, f.certainty, f.date, f.also) == ("happened", "press", dt.date(2024, 2, 28), ("s-19",))
    assert {PUB.bib.references[r].kind for r in f.sources} == {"press"}


@pytest.mark.parametrize(
    "entry,line,expected",
    [
        ("    s-4:\n      status: done\n", 1, "a status of happened, none-found, not-forward for daderaanpak s-4"),
        (
            "    s-4:\n      status: happened\n",
            1,
            "a certainty of official or press for what happened (daderaanpak s-4)",
        ),
        ("    s-4:\n      status: none-found\n      certainty: press\n", 1, "no certainty for a follow-up"),
        ("    4:\n      status: none-found\n", 1, "a sentence's segment id (s-N) under daderaanpak"),
    ],
)
def test_a_record_that_cannot_be_used_is_a_data_error_at_its_line(tmp_path, entry, line, expected):
    path = tmp_path / "follow-ups.yml"
    rest = (
        "      date: 2024-01-01\n      recorded: 2024-01-02\n      sources: [x]\n"
        "      short: {nl: a, en: b}\n      text: {nl: a, en: b}\n"
    )
    path.write_text("follow_ups:\n  daderaanpak:\n" + entry + rest, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        fu_mod.load(path)
    assert err.value.line == line + 2 and err.value.expected.startswith(expected)


# One record that loads: nothing found for s-4, in both languages (tests add a field to it).
MINIMAL_RECORD = (
    "follow_ups:\n  daderaanpak:\n    s-4:\n      status: none-found\n      date: 2024-01-01\n"
    "      recorded: 2024-01-02\n      short: {nl: a, en: b}\n      text: {nl: a, en: b}\n"
)


def test_a_record_with_one_language_only_is_a_data_error(tmp_path):
    path = tmp_path / "follow-ups.yml"
    path.write_text(
        "follow_ups:\n  daderaanpak:\n    s-4:\n      status: none-found\n      date: 2024-01-01\n"
        "      recorded: 2024-01-02\n      text: {nl: Geen vervolg gevonden.}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        fu_mod.load(path)
    assert (err.value.line, err.value.expected, err.value.found) == (
        3,
        "one sentence in each language (nl, en) as 'text' of daderaanpak s-4",
        "nl",
    )


def test_what_a_sentence_announced_is_optional_but_in_each_language_when_given(tmp_path):
    path = tmp_path / "follow-ups.yml"
    record = MINIMAL_RECORD
    path.write_text(record, encoding="utf-8")
    assert fu_mod.load(path).of("daderaanpak")[0].about == {}
    path.write_text(record + "      about: {en: a recurring amount}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        fu_mod.load(path)
    assert (err.value.line, err.value.expected, err.value.found) == (
        3,
        "what the sentence announced, in a few words, in each language (nl, en) as 'about' of daderaanpak s-4",
        "en",
    )


def test_without_the_file_there_are_no_follow_ups(tmp_path):
    assert len(fu_mod.load(tmp_path / "follow-ups.yml")) == 0


# --- the check, on the live sentences and edited records ----------------------------------------


def test_without_the_s_21_follow_up_s_21_and_s_19_are_overdue_at_their_lines(tmp_path, same_edition):
    pub = Publication(copy_with(tmp_path, lambda text: without(text, "s-21")))
    found = follow_ups.check_overdue(sections(pub), pub)
    segments = {s.id: s for ctx in sections(pub) for s in ctx.pairing.segments}
    edition = format_date(pub.edition_date, "en")
    assert found == [
        Finding(
            "docs/nl/daderaanpak.md",
            segments["s-19"].line("nl"),
            f"a follow-up of s-19 in {DATA}: s-19 looks forward ('momenteel') without a date, due by "
            f"18 October 2024; the edition is dated {edition}; record what happened",
            "none",
            "follow-ups",
        ),
        Finding(
            "docs/nl/daderaanpak.md",
            segments["s-21"].line("nl"),
            f"a follow-up of s-21 in {DATA}: s-21 looks forward ('verwacht') to «najaar van 2023», due by "
            f"30 November 2023; the edition is dated {edition}; record what happened",
            "none",
            "follow-ups",
        ),
    ]


@pytest.mark.slow
def test_a_copy_whose_s_21_follow_up_is_removed_fails_check_naming_s_21(tmp_path, same_edition):
    root = copy_with(tmp_path, lambda text: without(text, "s-21"))
    result = call(root, "check", "--only", "follow-ups")
    assert result.returncode == 2, result.stdout + result.stderr
    said = [line for line in result.stdout.splitlines() if ": expected " in line]
    assert len(said) == 2
    assert said[1].startswith("docs/nl/daderaanpak.md:") and "a follow-up of s-21" in said[1]
    assert "«najaar van 2023», due by 30 November 2023" in said[1] and said[1].endswith("found none")


def _record_findings(tmp_path, change) -> tuple[list[Finding], Publication]:
    pub = Publication(copy_with(tmp_path, change))
    return follow_ups.check_records(sections(pub), pub, EDITION), pub


def test_a_follow_up_dated_after_the_edition_is_a_finding(tmp_path):
    later = EDITION + dt.timedelta(days=1)
    found, pub = _record_findings(tmp_path, lambda t: t.replace("date: 2024-02-28", f"date: {later.isoformat()}"))
    line = pub.followups.covering("daderaanpak", "s-21").line
    edition = format_date(EDITION, "en")
    assert (
        Finding(
            DATA,
            line,
            f"a date on or before the edition ({edition}) for daderaanpak s-21",
            format_date(later, "en"),
            "follow-ups",
        )
        in found
    )
    assert all(f.line == line for f in found)


def test_a_follow_up_dated_before_its_paper_or_recorded_before_it_happened_is_a_finding(tmp_path):
    found, pub = _record_findings(tmp_path, lambda t: t.replace("date: 2024-02-28", "date: 2023-06-01"))
    line = pub.followups.covering("daderaanpak", "s-21").line
    assert found == [
        Finding(
            DATA,
            line,
            "a date on or after its paper's (18 October 2023) for daderaanpak s-21",
            "1 June 2023",
            "follow-ups",
        )
    ]
    found, pub = _record_findings(
        tmp_path / "b",
        lambda t: t.replace(
            "date: 2024-02-28\n      recorded: 2026-12-07", "date: 2024-02-28\n      recorded: 2024-01-01"
        ),
    )
    assert found == [
        Finding(
            DATA,
            line,
            "recorded on or after its date (28 February 2024) for daderaanpak s-21",
            "1 January 2024",
            "follow-ups",
        )
    ]


def test_a_source_that_is_not_a_reference_is_a_finding(tmp_path):
    found, pub = _record_findings(tmp_path, lambda t: t.replace("[kst-28684-717]", "[kst-28684-999]"))
    line = pub.followups.covering("daderaanpak", "s-25").line
    assert found == [
        Finding(
            DATA,
            line,
            "a source of data/references.yml for daderaanpak s-25",
            "'kst-28684-999', which it does not have",
            "follow-ups",
        )
    ]


def test_a_certainty_its_sources_contradict_is_a_finding(tmp_path):
    found, pub = _record_findings(tmp_path, lambda t: t.replace("certainty: press", "certainty: official"))
    line = pub.followups.covering("daderaanpak", "s-21").line
    assert found == [
        Finding(
            DATA,
            line,
            "an official source for a follow-up confirmed officially (daderaanpak s-21)",
            "press reports only",
            "follow-ups",
        )
    ]


def test_a_sentence_or_section_that_does_not_exist_is_a_finding(tmp_path):
    found, pub = _record_findings(tmp_path, lambda t: t.replace("also: [s-19]", "also: [s-99]"))
    line = pub.followups.covering("daderaanpak", "s-21").line
    assert found == [
        Finding(
            DATA, line, "a sentence of daderaanpak (daderaanpak s-21)", "s-99, which it does not have", "follow-ups"
        )
    ]
    found, pub = _record_findings(tmp_path / "b", lambda t: t.replace("  daderaanpak:\n", "  samenwerking:\n"))
    assert {(f.expected, f.found) for f in found} == {("a section's name (daderaanpak)", "samenwerking")}


def test_the_two_languages_stating_different_figures_is_a_finding(tmp_path):
    found, pub = _record_findings(tmp_path, lambda t: t.replace("of 630 offenders", "of 603 offenders"))
    line = pub.followups.covering("daderaanpak", "s-21").line
    assert [(f.line, f.expected) for f in found] == [(line, "the same figures in every language of daderaanpak s-21")]


def test_a_not_forward_record_on_a_sentence_that_does_not_look_forward_is_a_finding(tmp_path):
    record = (
        "    s-1:\n      status: not-forward\n      date: 2026-12-07\n      recorded: 2026-12-07\n"
        "      text: {nl: Kijkt niet vooruit., en: Does not look forward.}\n"
    )
    found, pub = _record_findings(tmp_path, lambda t: t.replace("    s-4:\n", record + "    s-4:\n", 1))
    line = pub.followups.covering("daderaanpak", "s-1").line
    assert found == [
        Finding(
            DATA,
            line,
            "not-forward only for a sentence that reads as forward-looking (daderaanpak s-1)",
            "none",
            "follow-ups",
        )
    ]
    assert not pub.followups.covering("daderaanpak", "s-1").shown


# --- a fictional section that expects something in the spring of 2025 ---------------------------


SPRING = {
    "nl": "De resultaten worden in het voorjaar van 2025 verwacht.",
    "en": "The results are expected in the spring of 2025.",
}
RECORD = f"""  {fictional.NAME}:
    s-3:
      status: happened
      date: 2025-06-02
      recorded: 2026-12-07
      certainty: official
      sources: [kst-28638-257]
      short:
        nl: de resultaten verschenen in juni 2025
        en: the results appeared in June 2025
      text:
        nl: De resultaten verschenen na het voorjaar van 2025.
        en: The results appeared after the spring of 2025.
"""


def test_a_new_section_expecting_results_in_the_spring_of_2025_fails_until_a_follow_up_is_recorded(
    tmp_path, same_edition
):
    root = copy_project(tmp_path / "project", ROOT)
    fictional.add_section(root)
    source = root / "source" / f"samen-tegen-mensenhandel-p{fictional.PAGE}.txt"
    edit(source, "hun kennis met elkaar.\n", f"hun kennis met elkaar.\n{SPRING['nl']}\n")
    for lang in ("nl", "en"):
        last = {"nl": "met elkaar.", "en": "with each other."}[lang]
        edit(
            root / "docs" / lang / f"{fictional.NAME}.md",
            f"{last}[^{fictional.FOOTNOTE}]\n",
            f"{last}[^{fictional.FOOTNOTE}] {SPRING[lang]}\n",
        )
    edit(
        root / "data" / "figures.yml",
        "figures:\n",
        f'figures:\n  spring_results:\n    page: {fictional.PAGE}\n    kind: year\n    value: 2025\n    nl: "2025"\n'
        "    meaning:\n      nl: jaar van de verwachte resultaten (verzonnen)\n      en: year of the expected results (invented)\n",
    )
    assert call(root, "review", fictional.NAME).returncode == 0
    edition = format_date(EDITION, "en")
    assert run_source_checks(Publication(root)) == [
        Finding(
            f"docs/nl/{fictional.NAME}.md",
            next(
                n
                for n, line in enumerate((root / "docs" / "nl" / f"{fictional.NAME}.md").read_text().splitlines(), 1)
                if SPRING["nl"] in line
            ),
            f"a follow-up of s-3 in {DATA}: s-3 looks forward ('verwacht') to «voorjaar van 2025», due by "
            f"31 May 2025; the edition is dated {edition}; record what happened",
            "none",
            "follow-ups",
        )
    ]
    data = root / DATA
    data.write_text(data.read_text(encoding="utf-8") + RECORD, encoding="utf-8")
    assert run_source_checks(Publication(root)) == []


# --- both languages from one record -------------------------------------------------------------


def test_both_languages_come_from_one_record(tmp_path):
    def notes(pub: Publication) -> dict:
        f = pub.followups.covering("daderaanpak", "s-21")
        return {
            lang: followup_notes.note_html(f, lang, pub, ident=f.anchor, sentence_href=lambda s: f"#{s}")
            for lang in pub.languages
        }

    before = notes(PUB)
    for lang, html in before.items():
        assert live("s-21").text[lang] in html
        assert '<time datetime="2024-02-28">' in html and 'data-followup="daderaanpak-s-21"' in html
        for ref in live("s-21").sources:
            assert PUB.bib.references[ref].url in html
    # One change to the record's date and source reaches both languages.
    pub = Publication(
        copy_with(
            tmp_path,
            lambda t: t.replace("date: 2024-02-28", "date: 2024-03-01").replace(
                "sources: [press-nieuwsnl-2024-02-28, press-nhnieuws-2024-02-28]",
                "sources: [press-nhnieuws-2024-02-28]",
            ),
        )
    )
    after = notes(pub)
    for lang in pub.languages:
        assert '<time datetime="2024-03-01">' in after[lang] and '<time datetime="2024-02-28">' not in after[lang]
        assert "nieuws.nl/algemeen" not in after[lang] and "nhnieuws.nl" in after[lang]
    assert format_date(dt.date(2024, 3, 1), "nl") in after["nl"] and "1 March 2024" in after["en"]


# --- where a reader sees them: the built site -----------------------------------------------------


@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_the_section_page_shows_the_s_21_follow_up_beside_s_21_with_its_date_and_source(site, prefix, lang):
    from lxml import html

    root = html.parse(str(site / prefix / "daderaanpak" / "index.html")).getroot()
    span = root.get_element_by_id("s-21")
    marker = span.getnext()
    assert marker.get("class") == "followup-ref" and marker.find("a").get("href") == "#followup-s-21"
    note = root.get_element_by_id("followup-s-21")
    paragraph = span.getparent()
    assert note.getprevious() is paragraph  # right after the sentence's paragraph, not inside it
    text = " ".join(note.text_content().split())
    assert format_date(dt.date(2024, 2, 28), lang) in text
    assert format_date(live("s-21").recorded, lang) in text
    assert PUB.labels(lang)["followups"]["label"] in text
    assert PUB.labels(lang)["followups"]["certainty_press"] in text
    hrefs = [a.get("href") for a in note.iter("a")]
    assert "#s-21" in hrefs and "#s-19" in hrefs
    # and to its entry on the timeline, where every follow-up stands with the plan's papers
    assert "../history/#followup-daderaanpak-s-21" in hrefs
    assert all(PUB.bib.references[r].url in hrefs for r in live("s-21").sources)
    # The sentence keeps its words: the marker stands outside its span.
    assert (
        " ".join(span.text_content().split())
        == {
            "nl": "De resultaten worden in het najaar van 2023 verwacht.",
            "en": "The results are expected in the autumn of 2023.",
        }[lang]
    )


def test_the_section_pages_notes_stay_out_of_the_search_index_and_the_timelines_are_in_it(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {doc["location"]: doc["text"] for doc in index["docs"]}
    said = live("s-21").text["nl"][:40]
    assert not any(said in t for loc, t in texts.items() if loc.startswith("daderaanpak/"))
    assert any(said in t for loc, t in texts.items() if loc.startswith("history/"))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_timeline_lists_every_follow_up_each_linking_to_its_sentence(site, prefix):
    page = site_html.read(site / prefix / "history" / "index.html")
    shown = PUB.followups.shown()
    items = {n["id"]: n for n in page.followups}
    assert sorted(items) == sorted(f"followup-{f.key}" for f in shown)
    for f in shown:
        assert f"../{f.section}/#{f.sentence}" in items[f"followup-{f.key}"]["hrefs"]
    assert "followups" in page.ids


def test_the_side_by_side_page_shows_each_follow_up_in_both_columns(site):
    page = site_html.read(site / "parallel" / "index.html")
    ids = {n["id"] for n in page.followups}
    for f in PUB.followups.shown():
        assert {f"{f.section}-{f.anchor}", f"{f.section}-{f.anchor}-en"} <= ids


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_on_the_side_by_side_page_each_marker_follows_the_sentence_it_answers(site, prefix):
    """The marker stands right after its sentence in each column, as on the section
    pages (it stood before it, after the sentence before); one note has one call, after
    its own sentence (s-21), not after the others it answers (s-19)."""
    from lxml import html

    root = html.parse(str(site / prefix / "parallel" / "index.html")).getroot()
    checked = 0
    for f in PUB.followups.shown():
        for sid in f.sentences:
            for span in root.xpath(f'//*[contains(@class, "parallel__cell")]//span[@data-seg="{sid}"]'):
                after = span.getnext()
                if sid != f.sentence:
                    assert after is None or after.get("class") != "followup-ref", (sid, after)
                    continue
                assert after is not None and after.get("class") == "followup-ref", (sid, after)
                marker = after.find("a").get("href")
                # the reader's column's ids bare, the other language's with its code
                assert marker.endswith((f.anchor, f"{f.anchor}-en", f"{f.anchor}-nl")), (sid, marker)
                checked += 1
    assert checked == 2 * len(PUB.followups.shown())


def test_the_built_site_passes_the_site_check_and_a_page_without_a_note_is_a_finding(site, tmp_path):
    pages = links.built_pages(site)
    assert follow_ups.check_site(pages, PUB) == []
    text = (site / "daderaanpak" / "index.html").read_text(encoding="utf-8")
    start = text.index('<details aria-labelledby="followup-s-22-label"')
    end = text.index("</details>", start) + len("</details>")
    pages["daderaanpak/index.html"] = site_html.parse(text[:start] + text[end:])
    assert follow_ups.check_site(pages, PUB) == [
        Finding(
            "site/daderaanpak/index.html",
            0,
            'the follow-up of s-22 (id="followup-s-22") after its paragraph',
            "none",
            "follow-ups",
        )
    ]


def test_the_json_ld_of_a_section_page_holds_its_follow_ups_as_comments_about_their_sentences(site):
    text = (site / "en" / "daderaanpak" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    comments = {c["@id"].rsplit("#", 1)[1]: c for c in data["comment"]}
    assert sorted(comments) == sorted(f.anchor for f in PUB.followups.shown("daderaanpak"))
    s21 = comments["followup-s-21"]
    assert [a["@id"].rsplit("#", 1)[1] for a in s21["about"]] == ["s-21", "s-19"]
    assert s21["text"] == live("s-21").text["en"] and s21["temporalCoverage"] == "2024-02-28"
    assert {c["@type"] for c in s21["citation"]} == {"NewsArticle"}
    # each source is typed by its kind: a press report, a report, a regulation, a paper
    kinds = {"press": "NewsArticle", "report": "Report", "regulation": "Legislation", "kamerstuk": "CreativeWork"}
    by_url = {r.url: kinds[r.kind] for r in PUB.bib.references.values() if r.url}
    typed = [(c["url"], c["@type"]) for comment in comments.values() for c in comment.get("citation", [])]
    assert typed and all(by_url[url] == kind for url, kind in typed), typed


# --- the outputs ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_and_the_epub_carry_every_follow_up(dist, lang):
    from lxml import html as lxml_html
    from pypdf import PdfReader

    assert follow_ups.check_outputs(dist, PUB) == []
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(dist / pdf_name(lang)).pages).split())
    assert text.count(PUB.labels(lang)["followups"]["label"]) >= len(PUB.followups.shown())
    with zipfile.ZipFile(dist / epub_name(lang)) as z:
        chapter = z.read(next(n for n in z.namelist() if n.endswith("daderaanpak.xhtml"))).decode()
    words = " ".join(lxml_html.fromstring(chapter.encode()).text_content().split())
    for f in PUB.followups.shown():
        assert f'data-followup="{f.key}"' in chapter
        assert f.text[lang][:60] in words
    # Notes of their own kind: never a numbered footnote of the source.
    assert 'epub:type="footnote"' not in re.search(r'<div[^>]*data-followup="[^"]*"[^>]*>', chapter).group(0)


def test_an_epub_without_a_follow_up_is_a_finding(dist, tmp_path):
    import shutil

    for lang in PUB.languages:
        shutil.copy2(dist / pdf_name(lang), tmp_path / pdf_name(lang))
    book = tmp_path / epub_name("en")
    with zipfile.ZipFile(dist / epub_name("en")) as src, zipfile.ZipFile(book, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            if name.endswith("daderaanpak.xhtml"):
                data = data.replace(b'data-followup="daderaanpak-s-22"', b"")
            out.writestr(name, data)
    shutil.copy2(dist / epub_name("nl"), tmp_path / epub_name("nl"))
    assert follow_ups.check_outputs(tmp_path, PUB) == [
        Finding(epub_name("en"), 0, "the follow-up of daderaanpak-s-22", "none", "follow-ups")
    ]


def test_the_translation_memory_notes_the_follow_ups_of_their_segments(dist):
    tmx = (dist / "samen-tegen-mensenhandel.tmx").read_text(encoding="utf-8")
    for sentence in ("s-21", "s-19"):
        unit = re.search(rf'<tu[^>]*tuid="daderaanpak#{sentence}".*?</tu>', tmx, re.S).group(0)
        assert f"en: {PUB.labels('en')['followups']['label']}" in unit and "28 February 2024" in unit
        assert f"nl: {PUB.labels('nl')['followups']['label']}" in unit
    unit = re.search(r'<tu[^>]*tuid="daderaanpak#s-20".*?</tu>', tmx, re.S).group(0)
    assert "followups" not in unit and PUB.labels("en")["followups"]["label"] not in unit
    xliff = (dist / "samen-tegen-mensenhandel.xlf").read_text(encoding="utf-8")
    assert re.search(r'<trans-unit[^>]*id="s-21".*?<note from="publication">nl: Wat ervan terechtkwam', xliff, re.S)


def test_the_plans_citation_files_and_the_check_report_name_the_follow_ups(dist):
    csl = json.loads((dist / "site" / "cite" / f"{PUB.bib.document.id}.json").read_text(encoding="utf-8"))
    note = csl[0]["note"]
    # each named by its sentences in a reader's words ("zinnen s-19 en s-21"), not by the
    # site's relative address ("daderaanpak#s-21")
    assert PUB.labels("nl")["followups"]["label"] in note and "zinnen s-19 en s-21: Later dan verwacht" in note
    assert "#s-" not in note
    report = (dist / "site" / "en" / "checks" / "index.html").read_text(encoding="utf-8")
    shown = PUB.followups.shown()
    assert f'<span data-key="followups">{len(shown)}</span>' in report
    # nothing found, or an official source later than the plan for part of it: counted apart
    part = [f for f in shown if f.in_part(PUB.bib)]
    none = [f for f in shown if f.status == "none-found" and f not in part]
    assert f'<span data-key="followups_none_found">{len(none)}</span>' in report
    assert f'<span data-key="followups_part">{len(part)}</span>' in report
    assert f'<span data-key="followups_sentences">{sum(len(f.sentences) for f in shown)}</span>' in report
    # beside the counts by sources, the verdicts as the home page counts them (two sets of
    # figures read as a contradiction), in each language
    from lxml import html as lxml_html

    for prefix, lang in (("", "nl"), ("en/", "en")):
        root = lxml_html.parse(str(dist / "site" / prefix / "checks" / "index.html")).getroot()
        (said,) = root.xpath('//*[@data-key="followups_verdicts"]')
        assert said.text_content().split() == followup_notes.tally(lang, PUB, ["daderaanpak"]).split()
        row = said.xpath("ancestor::tr")[0]
        assert row.xpath('.//*[@data-key="followups_official"]'), lang  # the same row as the counts by sources


# --- the timeline's table in short ----------------------------------------------------------------


@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_the_timeline_opens_what_became_of_it_with_a_table_of_every_follow_up_in_short(site, prefix, lang):
    """Before the entries in full: a row for each follow-up a reader sees, its sentences
    linked to the section page, what became of it in its few words, how sure."""
    from lxml import html

    root = html.parse(str(site / prefix / "history" / "index.html")).getroot()
    (table,) = root.xpath('//table[contains(@class, "followup-overview")]')
    first_item = root.xpath('//*[contains(@class, "followup-item")]')[0]
    assert table in first_item.xpath("preceding::table")
    answer = table.getprevious() if table.getparent().tag != "div" else table.getparent().getprevious()
    answered = followup_notes.tally(lang, PUB, [s.name for s in PUB.sections()])
    assert answer.text_content().split() == answered.split()
    rows = table.xpath("./tbody/tr")
    shown = sorted(PUB.followups.shown(), key=lambda f: int(f.sentence.removeprefix("s-")))
    assert len(rows) == len(shown) == 4
    words = PUB.labels(lang)["followups"]
    for row, f in zip(rows, shown, strict=True):
        where, what, sure = row.xpath("./td")
        assert sorted(where.xpath(".//a/@href")) == sorted(f"../daderaanpak/#{s}" for s in f.sentences)
        # what the sentence announced, in words, before its address
        assert " ".join(where.text_content().split()).startswith(f.about[lang] + " (")
        verdict = f"{words['verdicts'][f.verdict]}: " if f.verdict else ""
        assert " ".join(what.text_content().split()) == verdict + f.short[lang]
        # nothing found: "none found yet"; with an official source later than the plan
        # among its sources, "an official source for part of it"; with an official source
        # of the announcement only, "an official source for the announcement"
        official = [r for r in (PUB.bib.references[i] for i in f.sources) if r.kind != "press"]
        later = any(r.date > PUB.bib.document.date for r in official)
        key = (
            f"sure_{f.certainty}"
            if f.status == "happened"
            else "sure_part"
            if later
            else "sure_background"
            if official
            else "sure_none"
        )
        assert sure.text_content().startswith(words[key].split(" (")[0])


def _evidence(pub: Publication, lang: str) -> dict[str, str]:
    """The table in short's last column by the record's sentence."""
    from lxml import html

    table = followup_notes.overview_html(lang, pub, lambda page: "../x/", pub.sections())
    rows = html.fromstring(table).xpath("//tbody/tr")
    return {
        r.xpath(".//a/text()")[0]: re.sub(r"[ \t\n]+", " ", r.xpath("./td")[2].text_content()).strip() for r in rows
    }


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_evidence_says_official_in_part_only_for_an_official_source_later_than_the_plan(tmp_path, lang):
    """Nothing found, but an official source later than the plan answers part of it:
    the table says so; an older paper says it is a source for the announcement (never
    "none found" beside a named source); a press report alone is none."""

    def sources(ids):
        return lambda text: re.sub(
            r"(    s-4:\n(?:      .*\n|\s*#.*\n)*?      sources: )\[[^\]]*\]", rf"\1[{ids}]", text
        )

    words = PUB.labels(lang)["followups"]
    date = format_date(PUB.followups.covering("daderaanpak", "s-4").date, lang).replace(" ", "\u00a0")
    cases = {
        "kst-28741-86": "sure_background",  # of 1 July 2022: older than the plan
        "kst-28741-86, press-nhnieuws-2024-02-28": "sure_background",  # later, but the press
        "press-nhnieuws-2024-02-28": "sure_none",  # the press alone
        "kst-28741-86, kst-28638-257": "sure_part",  # later and official
    }
    for i, (ids, key) in enumerate(cases.items()):
        pub = Publication(copy_with(tmp_path / str(i), sources(ids)))
        assert list(pub.followups.covering("daderaanpak", "s-4").sources) == ids.split(", ")
        assert _evidence(pub, lang)["s-4"] == words[key].format(date=date), ids


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_books_timeline_keeps_the_table_in_short(dist, lang):
    from lxml import html as lxml_html
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(dist / pdf_name(lang)).pages).split())
    with zipfile.ZipFile(dist / epub_name(lang)) as z:
        history = z.read("EPUB/history.xhtml").decode()
    (table,) = lxml_html.fromstring(history.encode()).xpath('//*[@class="followup-overview"]')
    words = " ".join(table.text_content().split())  # a date is a span of its own in a book
    for f in PUB.followups.shown():
        assert f.short[lang] in text and f.short[lang] in words


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdfs_table_says_on_which_page_each_sentence_stands(dist, lang):
    """Paper shows no sentence numbers in the text: the table gives each sentence's page,
    and the sentence begins on it."""
    from pypdf import PdfReader

    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(dist / pdf_name(lang)).pages]
    text = " ".join(pages)
    said = followup_notes._sentences(PUB.sections()[0], PUB)
    # "(sentence s-4, p. 3)": the page after a comma, not a bracket in a bracket
    found = dict(re.findall(rf"(s-\d+), {re.escape(PUB.labels(lang)['pdf']['page_abbreviation'])} (\d+)", text))
    assert not re.search(r"s-\d+ \(", text)
    for f in PUB.followups.shown():
        for sid in f.sentences:
            start = " ".join(said[sid][lang].split()[:4])
            assert start in pages[int(found[sid]) - 1], (sid, found[sid], start)


# --- the letters: a note's call beside its sentence and the head of its note ---------------------


def test_letters_run_a_to_z_then_aa():
    assert [fu_mod.letter_of(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["a", "b", "z", "aa", "ab", "az", "ba"]


def test_a_sections_notes_are_lettered_in_the_texts_order_whatever_the_files_order():
    def record(sentence, status="none-found", also=()):
        return fu_mod.FollowUp(
            "sec", sentence, status, dt.date(2026, 1, 1), dt.date(2026, 1, 1), {"nl": ".", "en": "."}, also=also
        )

    items = [record("s-21", also=("s-9",)), record("s-3"), record("s-12", status="not-forward"), record("s-10")]
    followups = fu_mod.FollowUps(by_section={"sec": {f.sentence: f for f in items}})
    # s-21 answers s-9 too, but is called at s-21; the not-forward record has no letter.
    assert [(f.sentence, followups.letter(f)) for f in followups.in_order("sec")] == [
        ("s-3", "a"),
        ("s-10", "b"),
        ("s-21", "c"),
    ]


@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_each_marker_shows_its_notes_letter_and_the_note_begins_with_it(site, prefix, lang):
    from lxml import html

    root = html.parse(str(site / prefix / "daderaanpak" / "index.html")).getroot()
    seen = []
    for sup in root.xpath('//sup[@class="followup-ref"]'):
        a = sup.find("a")
        note = root.get_element_by_id(a.get("href").lstrip("#"))
        letter = note.xpath('./summary/span[@class="followup__letter"]')[0].text
        assert a.text == letter
        assert " ".join(note.find("summary").text_content().split()).startswith(
            f"{letter} {PUB.labels(lang)['followups']['label']}"
        )
        assert letter in a.get("aria-label").split(" ") or f"{letter}," in a.get("aria-label")
        seen.append(letter)
    # In reading order the letters come a, b, c …, one call each.
    assert seen == [fu_mod.letter_of(i) for i in range(len(PUB.followups.shown("daderaanpak")))]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_books_keep_the_letter_after_the_sentence_and_at_the_head_of_its_note(dist, lang):
    from lxml import etree
    from pypdf import PdfReader

    label = PUB.labels(lang)["followups"]["label"]
    shown = PUB.followups.in_order("daderaanpak")
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(dist / pdf_name(lang)).pages).split())
    for f in shown:
        assert f"{PUB.followups.letter(f)} {label}" in text
    with zipfile.ZipFile(dist / epub_name(lang)) as z:
        chapter = z.read(next(n for n in z.namelist() if n.endswith("daderaanpak.xhtml")))
    root = etree.fromstring(chapter)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    calls = root.xpath('//x:sup[@class="followup-ref"]/x:a', namespaces=ns)
    at = sorted((fu_mod.order(f.sentence), PUB.followups.letter(f)) for f in shown)  # one call a note
    assert [a.text for a in calls] == [letter for _, letter in at]
    for a in calls:
        target = root.xpath(f'//*[@id="{a.get("href").lstrip("#")}"]', namespaces=ns)
        assert target and target[0].get("data-followup")


# --- where a reader starts: the home page and the menu -------------------------------------------


@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_the_home_page_answers_what_became_of_it_in_short_out_of_the_search_index(site, prefix, lang):
    from lxml import html

    root = html.parse(str(site / prefix / "index.html")).getroot()
    (table,) = root.xpath('//table[contains(@class, "followup-overview")]')
    contents = root.get_element_by_id("contents")
    assert contents in table.xpath("following::*")  # before the list of what the site holds
    rows = table.xpath("./tbody/tr")
    assert len(rows) == len(PUB.followups.shown())
    links = set(table.xpath(".//a/@href"))
    assert links == {f"daderaanpak/#{s}" for f in PUB.followups.shown() for s in f.sentences}
    # under its heading the answer in one sentence, then the table (on a desktop's first
    # screen), then what it is: added by this publication, and the timeline's link for
    # each point in full
    heading = root.get_element_by_id("outcomes")
    answer = heading.getnext()
    answered = followup_notes.tally(lang, PUB, [s.name for s in PUB.sections()])
    assert answer.text_content().split() == answered.split()
    assert answer.getnext() is table or answer.getnext().xpath(".//table") == [table]
    assert table.xpath("./caption/@class") == ["visually-hidden"]  # the heading says what it is
    after = table if table.getparent().tag != "div" else table.getparent()
    said = after.getnext()
    assert said.xpath('.//a[contains(@href, "history/#followups")]'), html.tostring(said)
    assert ("deze publicatie" if lang == "nl" else "this publication") in said.text_content()
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    home = [d for d in index["docs"] if d["location"].split("#")[0] == ""]
    assert "outcomes" in {d["location"].partition("#")[2] for d in home}  # its heading is found
    home = " ".join(d["text"] for d in home)
    assert not any(f.short[lang] in home for f in PUB.followups.shown())


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_next_after_a_section_is_what_became_of_it(site, prefix):
    """The menu's order is the reader's: after the text, the answer to "did it happen?"
    (the page gathering the follow-ups), then the Dutch beside the English."""
    from lxml import html

    lang = "en" if prefix else "nl"
    gathering = followup_notes.timeline_page(lang, PUB).removesuffix(".md")
    for section in PUB.sections():
        root = html.parse(str(site / prefix / section.name / "index.html")).getroot()
        (following,) = root.xpath('//a[contains(@class, "md-footer__link--next")]')
        assert following.get("href") == f"../{gathering}/"


@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_a_note_of_nothing_found_is_dated_as_of_its_search_once(site, prefix, lang):
    """ "7 December 2026: According to the letter of 1 July 2022 …" read as if something
    happened that day: a note that found nothing says "As of <the day of the search>",
    and says the date once; a note of what happened keeps the day it happened."""
    from lxml import html

    root = html.parse(str(site / prefix / "daderaanpak" / "index.html")).getroot()
    w = PUB.labels(lang)["followups"]
    checked = set()
    for f in PUB.followups.shown("daderaanpak"):
        note = root.get_element_by_id(f.anchor)
        said = " ".join(note.xpath('./p[@class="followup__text"]')[0].text_content().split())
        day = format_date(f.date, lang)
        if f.status == "happened":
            assert said.startswith(f"{day}: ")
        else:
            assert said.startswith(w["as_of"].format(date=day) + ": ")
            if f.recorded == f.date:
                assert " ".join(note.text_content().split()).count(day) == 1
        checked.add(f.status)
    assert checked == {"happened", "none-found"}


# --- the verdict in a word ----------------------------------------------------------------------


def test_a_verdict_must_fit_its_status_at_its_line(tmp_path):
    path = tmp_path / "follow-ups.yml"
    record = MINIMAL_RECORD
    path.write_text(record + "      verdict: pending\n", encoding="utf-8")
    assert fu_mod.load(path).of("daderaanpak")[0].verdict == "pending"
    path.write_text(record, encoding="utf-8")
    assert fu_mod.load(path).of("daderaanpak")[0].verdict is None  # optional
    path.write_text(record + "      verdict: done\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        fu_mod.load(path)
    assert (err.value.line, err.value.expected, err.value.found) == (
        3,
        "a verdict of partly, not-found, pending for a follow-up that is none-found (daderaanpak s-4)",
        "done",
    )


def test_answered_in_part_needs_an_official_source_later_than_the_plan(tmp_path):
    """A verdict 'partly' says an official source answers part: the check asks for one
    among the record's sources (a press report or a paper older than the plan is none)."""

    def only(ids):
        return lambda text: re.sub(
            r"(    s-4:\n(?:      .*\n|\s*#.*\n)*?      sources: )\[[^\]]*\]", rf"\1[{ids}]", text
        )

    found, pub = _record_findings(tmp_path / "a", only("kst-28741-86, press-nhnieuws-2024-02-28"))
    f = pub.followups.covering("daderaanpak", "s-4")
    assert f.verdict == "partly"
    assert found == [
        Finding(
            DATA,
            f.line,
            "an official source later than the plan among the sources of a follow-up answered in part "
            "(daderaanpak s-4)",
            "kst-28741-86, press-nhnieuws-2024-02-28",
            "follow-ups",
        )
    ]
    found, _ = _record_findings(tmp_path / "b", only("kst-28741-86, kst-28638-257"))
    assert found == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_table_in_short_opens_each_answer_with_its_verdict(lang):
    """The reader's question is whether it happened: the table's answer begins with the
    verdict in a word, where the record gives one."""
    from lxml import html

    table = followup_notes.overview_html(lang, PUB, lambda page: "../x/", PUB.sections())
    words = PUB.labels(lang)["followups"]["verdicts"]
    rows = html.fromstring(table).xpath("//tbody/tr")
    shown = sorted(PUB.followups.shown(), key=lambda f: fu_mod.order(f.sentence))
    assert len(rows) == len(shown)
    for row, f in zip(rows, shown, strict=True):
        what = row.xpath("./td")[1]
        if f.verdict:
            assert what.xpath("./strong/text()") == [f"{words[f.verdict]}:"]
            assert " ".join(what.text_content().split()) == f"{words[f.verdict]}: {f.short[lang]}"
        else:
            assert not what.xpath("./strong")
    assert set(words) == {v for vs in fu_mod.VERDICTS.values() for v in vs}


class _Tallied:
    """A publication of the given follow-ups, with the real labels (for `tally`)."""

    def __init__(self, path):
        self.followups = fu_mod.load(path)

    def labels(self, lang):
        return PUB.labels(lang)


def _tally_of(tmp_path, *records: str) -> dict[str, str]:
    path = tmp_path / "follow-ups.yml"
    path.write_text("follow_ups:\n  daderaanpak:\n" + "".join(records), encoding="utf-8")
    pub = _Tallied(path)
    return {lang: followup_notes.tally(lang, pub, ["daderaanpak"]) for lang in ("nl", "en")}


def _tally_record(
    sentence: str, status: str = "none-found", verdict: str | None = None, recorded="2024-01-02", certainty="official"
):
    record = f"    {sentence}:\n      status: {status}\n      date: 2024-01-01\n      recorded: {recorded}\n"
    if status == "happened":
        record += f"      certainty: {certainty}\n      sources: [kst-28638-233]\n"
    if verdict:
        record += f"      verdict: {verdict}\n"
    return record + "      short: {nl: a, en: b}\n      text: {nl: a, en: b}\n"


def test_the_answer_in_one_sentence_counts_each_verdict_as_of_the_latest_record(tmp_path):
    """The home page's first screen answers "did it happen?" in one sentence: how many
    announcements, how many of each verdict (in the labels' order, whatever the file's;
    a verdict of several in its plural, "2 lopen nog"), as of the latest record; one
    without a verdict counts by its status; a verdict the press alone reports says so,
    as the table does."""
    said = _tally_of(
        tmp_path,
        _tally_record("s-4", verdict="pending"),
        _tally_record("s-9", verdict="not-found", recorded="2025-03-04"),
        _tally_record("s-12", verdict="pending"),
        _tally_record("s-21", "happened", "late", certainty="press"),
        _tally_record("s-22"),
        _tally_record("s-25", "happened", "late"),
        _tally_record("s-26", "happened", "done", certainty="press"),
    )
    assert said == {
        "nl": "Van de 7 aankondigingen: 1\u00a0gedaan (alleen nieuwsberichten), 2\u00a0later dan verwacht "
        "(1 daarvan alleen volgens nieuwsberichten), 1\u00a0niet gevonden, 2\u00a0lopen nog en "
        "1\u00a0geen latere bron gevonden (stand op 4\u00a0maart\u00a02025).",
        "en": "Of the 7 announcements: 1\u00a0done (press reports only), 2\u00a0later than expected "
        "(1 of them by press reports only), 1\u00a0not found, 2\u00a0still running and "
        "1\u00a0no later source found (as of 4\u00a0March\u00a02025).",
    }


def test_on_a_page_each_count_of_the_answer_is_set_apart_and_kept_on_one_line(tmp_path):
    """The home page sets each count and verdict apart (a span each, easier to scan than
    one run of words), the count and its verdict on one line ("1 not / found" broke),
    how sure in brackets free to wrap; its words are the plain sentence's."""
    from lxml import html

    path = tmp_path / "follow-ups.yml"
    path.write_text(
        "follow_ups:\n  daderaanpak:\n"
        + _tally_record("s-9", verdict="not-found")
        + _tally_record("s-21", "happened", "late", certainty="press"),
        encoding="utf-8",
    )
    pub = _Tallied(path)
    for lang in ("nl", "en"):
        said = followup_notes.tally_html(lang, pub, ["daderaanpak"])
        root = html.fragment_fromstring(f"<p>{said}</p>")
        assert root.text_content().replace("\u00a0", " ") == followup_notes.tally(lang, pub, ["daderaanpak"]).replace(
            "\u00a0", " "
        )
        items = [span.text_content() for span in root.xpath(f'span[@class="{followup_notes.TALLY_ITEM_CLASS}"]')]
        verdicts = PUB.labels(lang)["followups"]["verdicts"]
        assert [i.split(" (")[0] for i in items] == [
            f"1\u00a0{verdicts[v].lower()}".replace(" ", "\u00a0") for v in ("late", "not-found")
        ], items
        assert " " in items[0].split(" (", 1)[1]  # how sure may wrap


def test_the_answer_for_one_announcement_names_its_verdict_and_for_none_is_empty(tmp_path):
    assert _tally_of(tmp_path, _tally_record("s-21", "happened")) == {
        "nl": "De enige aankondiging: gebeurd (stand op 2\u00a0januari\u00a02024).",
        "en": "The only announcement: happened (as of 2\u00a0January\u00a02024).",
    }
    not_shown = "    s-9:\n      status: not-forward\n      date: 2024-01-01\n      recorded: 2024-01-02\n"
    assert _tally_of(tmp_path, not_shown + "      text: {nl: a, en: b}\n") == {"nl": "", "en": ""}


def test_the_answer_in_one_sentence_names_every_verdict_of_the_table():
    """The edition's own sentence agrees with its table: each row's verdict is named."""
    for lang in ("nl", "en"):
        said = followup_notes.tally(lang, PUB, [s.name for s in PUB.sections()])
        verdicts = PUB.labels(lang)["followups"]["verdicts"]
        for f in PUB.followups.shown():
            assert verdicts[f.verdict].lower() in said.lower()
        assert f"{len(PUB.followups.shown())} " in said


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_closed_line_beside_the_text_opens_with_the_verdict_too(site, lang):
    from lxml import html

    prefix = "" if lang == "nl" else "en/"
    root = html.parse(str(site / prefix / "daderaanpak" / "index.html")).getroot()
    words = PUB.labels(lang)["followups"]["verdicts"]
    for f in PUB.followups.shown("daderaanpak"):
        (summary,) = root.xpath(f'//details[@id="{f.anchor}"]/summary')
        said = " ".join(summary.text_content().split()).split("): ", 1)[1]
        assert said.startswith(f"{words[f.verdict]}: {f.short[lang]}" if f.verdict else f.short[lang]), said


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_on_paper_each_letter_says_on_which_page_its_note_stands(dist, lang):
    """The notes stand together after the section's text: each letter after its sentence
    says "(p. 6)", and its note begins on that page."""
    from pypdf import PdfReader

    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(dist / pdf_name(lang)).pages]
    text = " ".join(pages)
    abbreviation = re.escape(PUB.labels(lang)["pdf"]["page_abbreviation"])
    label = PUB.labels(lang)["followups"]["label"]
    shown = PUB.followups.in_order("daderaanpak")
    for f in shown:
        letter = PUB.followups.letter(f)
        found = re.findall(rf"[.,;:]{letter} \({abbreviation} (\d+)\)", text)
        assert len(found) == 1, (letter, found)
        assert f"{letter} {label}" in pages[int(found[0]) - 1], (letter, found[0])
