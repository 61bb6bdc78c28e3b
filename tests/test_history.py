"""The plan's later history (issue 19): the data and its validation, the notice on every
page and output, the timeline page, the citation files and JSON-LD, the checks (a good
input and one per defect), and a later document added to a copy of the project."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
import shutil
import string
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from repo import PUB, ROOT

from publication.checks import chronology, links, online, run_source_checks, site_html
from publication.model import references as refs_mod
from publication.model.downloads import epub_name, pdf_name
from publication.model.findings import Finding
from publication.model.project import copy_project
from publication.model.publication import Publication
from publication.model.references import ReferenceError
from publication.outputs import citation_files, epub, pdf
from publication.outputs import citation_files as cf
from publication.outputs.build import mkdocs_build
from publication.outputs.pdf import title_page_body
from publication.render import check_report, followup_notes, history
from publication.render.metadata import page_metadata
from publication.render.placeholders import expand

BIB = PUB.bib
DATA = Path(__file__).resolve().parents[1] / "data" / "references.yml"
RAW = yaml.safe_load(DATA.read_text(encoding="utf-8"))
LATER_URL = "https://zoek.officielebekendmakingen.nl/kst-28638-251.html"


def load_with(tmp_path: Path, change) -> refs_mod.Bibliography:
    """The real references data with `change(raw)` applied, loaded from a file."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "references.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return refs_mod.load(path)


def pub_with(tmp_path: Path, change) -> Publication:
    """A publication whose data is the real data with `change(raw)` applied to its
    references."""

    root = tmp_path / "p"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "source", root / "source")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    change(raw)
    (root / "data" / "references.yml").write_text(
        yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return Publication(root)


def entry(raw: dict, ref_id: str) -> dict:
    return next(e for e in raw["history"]["entries"] if e["ref"] == ref_id)


# --- the data ---------------------------------------------------------------------------------


def test_the_history_lists_the_later_documents_of_the_dossier_in_date_order():
    h = BIB.history
    assert [(e.ref.id, e.ref.date.isoformat(), e.relation) for e in h.entries] == [
        ("kst-28638-246", "2024-01-22", "debated"),
        ("kst-28638-247", "2024-02-02", "revision_asked"),
        ("kst-28638-249", "2024-04-23", "strengthening"),
        ("kst-28638-251", "2024-06-17", "strengthened"),
        ("kst-28638-254", "2024-11-19", "progress"),
        ("kst-28638-257", "2025-07-04", "progress"),
        ("kst-28638-259", "2025-12-15", "progress"),
    ]
    assert h.later_version.ref.id == "kst-28638-251"
    assert h.newest.ref.id == "kst-28638-259"
    assert h.section == "unknown"
    assert [e.event_date for e in h.entries[:2]] == [dt.date(2023, 12, 21)] * 2


def test_the_official_number_249_is_followed_and_the_248_of_the_later_letter_recorded():
    e = next(e for e in BIB.history.entries if e.ref.id == "kst-28638-249")
    assert e.ref.number == "249"
    assert [(d.source, d.field, d.says) for d in e.disagreements] == [("kst-28638-251", "number", "248")]
    assert "nr. 248" in e.disagreements[0].note["nl"] and "249" in e.disagreements[0].note["en"]


def test_each_history_reference_is_a_reference_like_the_footnotes_ones():
    for e in BIB.history.entries:
        ref = e.ref
        assert ref.kind == "kamerstuk" and ref.dossier == "28638" and ref.chamber == "II"
        assert ref.url == f"https://zoek.officielebekendmakingen.nl/kst-28638-{ref.number}.html"
        assert set(ref.title) == {"nl", "en"}
        assert all(
            link.status in ("seen", "pattern") and link.url.startswith("https://www.tweedekamer.nl/")
            for link in ref.links
        )


@pytest.mark.parametrize(
    "change, key, message",
    [
        (
            lambda raw: entry(raw, "kst-28638-251").update(ref="kst-28638-999"),
            "history",
            "history entry 4 (kst-28638-999): unknown reference id 'kst-28638-999'",
        ),
        (
            lambda raw: entry(raw, "kst-28638-251").update(relation="replaced"),
            "kst-28638-251",
            "history entry 4 (kst-28638-251): relation must be one of debated, revision_asked, strengthening, "
            "strengthened, progress, not 'replaced'",
        ),
        (
            lambda raw: raw["history"]["entries"].append({"ref": "dadermonitor-2017-2021", "relation": "progress"}),
            "dadermonitor-2017-2021",
            "history entry 8 (dadermonitor-2017-2021): a later document of the dossier must be a Kamerstuk",
        ),
        (
            lambda raw: raw["history"]["entries"].append({"ref": "kst-28741-106", "relation": "progress"}),
            "kst-28741-106",
            "history entry 8 (kst-28741-106): expected a document of dossier 28 638 dated after 2023-10-18, "
            "found 28 741 of 2023-07-07",
        ),
        (
            lambda raw: raw["references"]["kst-28638-259"].update(date=dt.date(2023, 10, 1)),
            "kst-28638-259",
            "history entry 7 (kst-28638-259): expected a document of dossier 28 638 dated after 2023-10-18, "
            "found 28 638 of 2023-10-01",
        ),
        (
            lambda raw: entry(raw, "kst-28638-246").update(event_date=dt.date(2024, 3, 1)),
            "kst-28638-246",
            "history entry 1 (kst-28638-246): event_date must be an ISO date on or before the document's (2024-01-22), "
            "not datetime.date(2024, 3, 1)",
        ),
        (
            lambda raw: entry(raw, "kst-28638-249")["disagreements"][0].update(says="249"),
            "kst-28638-249",
            "history entry 3 (kst-28638-249): a disagreement must differ from the official number 249",
        ),
        (
            lambda raw: entry(raw, "kst-28638-249")["disagreements"][0].pop("source"),
            "kst-28638-249",
            "history entry 3 (kst-28638-249): a disagreement needs a known source, a field (number or date) and what "
            "the source says, found {'field': 'number', 'says': '248', 'note': ",
        ),
        (
            lambda raw: entry(raw, "kst-28638-249")["disagreements"][0].pop("note"),
            "kst-28638-249",
            "kst-28638-249: 'note' is missing",
        ),
        (
            lambda raw: raw["history"]["entries"].append({"ref": "kst-28638-257", "relation": "progress"}),
            "kst-28638-257",
            "history: kst-28638-257 is listed more than once",
        ),
        (
            lambda raw: raw["history"].update(section="maybe"),
            "section",
            "history: section must be one of unknown, unchanged, changed, not 'maybe'",
        ),
    ],
)
def test_wrong_history_data_is_a_reference_error_naming_the_entry(tmp_path, change, key, message):
    with pytest.raises(ReferenceError) as err:
        load_with(tmp_path, change)
    assert str(err.value).startswith(message), str(err.value)
    assert err.value.key == key


def test_wrong_history_data_is_a_finding_of_the_source_checks(project_copy):

    path = project_copy / "data" / "references.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("relation: strengthened", "relation: replaced"), encoding="utf-8"
    )
    findings = run_source_checks(Publication(project_copy))
    line = next(
        n
        for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if text.strip() == "- ref: kst-28638-251"
    )
    assert [str(f) for f in findings] == [
        f"data/references.yml:{line}: expected valid references, found history entry 4 (kst-28638-251): relation must "
        "be one of debated, revision_asked, strengthening, strengthened, progress, not 'replaced'"
    ]


# --- the checks, as functions ----------------------------------------------------------------


def test_the_history_in_date_order_and_before_the_edition_passes():
    assert chronology.check_order(BIB.history) == []
    assert chronology.check_newest(BIB.history, dt.date(2026, 11, 30)) == []
    assert chronology.check_newest(BIB.history, dt.date(2025, 12, 15)) == []


def test_a_history_out_of_date_order_is_named_at_its_entry(tmp_path):
    def swap(raw):
        entries = raw["history"]["entries"]
        entries[4], entries[5] = entries[5], entries[4]

    bib = load_with(tmp_path, swap)
    line = bib.history.entries[5].line
    assert line > 0
    assert chronology.check_order(bib.history) == [
        Finding(
            "data/references.yml",
            line,
            "kst-28638-254 dated on or after kst-28638-257 (2025-07-04), the history in date order",
            "2024-11-19",
            "history",
        )
    ]


def test_a_document_dated_after_the_edition_is_a_finding():
    newest = BIB.history.newest
    assert chronology.check_newest(BIB.history, dt.date(2025, 12, 14)) == [
        Finding(
            "data/references.yml",
            newest.line,
            "kst-28638-259 dated on or before the edition (2025-12-14)",
            "2025-12-15",
            "history",
        )
    ]


def page_with(body: str, lang: str = "nl") -> site_html.HtmlPage:
    return site_html.parse(
        f'<!doctype html><html lang="{lang}"><head><title>t</title></head>\n<body>\n{body}\n</body></html>'
    )


def test_a_page_with_its_notice_passes():
    assert chronology.check_pages({"index.html": page_with(history.notice_html("nl", PUB, "history/"))}, BIB) == []


def test_a_page_without_the_notice():
    assert chronology.check_pages({"x/index.html": page_with("<p>Tekst</p>")}, BIB) == [
        Finding("site/x/index.html", 0, "the notice of the plan's later history near the top", "none", "history")
    ]


def test_a_notice_naming_another_later_version():
    stale = history.notice_html("nl", PUB).replace('data-later="kst-28638-251"', 'data-later="kst-28638-249"')
    assert chronology.check_pages({"index.html": page_with(stale)}, BIB) == [
        Finding("site/index.html", 3, "the notice naming the later version kst-28638-251", "kst-28638-249", "history")
    ]


def test_a_notice_without_the_link_to_the_later_version():
    unlinked = history.notice_html("nl", PUB).replace(
        LATER_URL, "https://zoek.officielebekendmakingen.nl/kst-28638-233.html"
    )
    [finding] = chronology.check_pages({"index.html": page_with(unlinked)}, BIB)
    assert finding == Finding(
        "site/index.html",
        3,
        f"a link to {LATER_URL} in the notice",
        ", ".join(
            ["https://zoek.officielebekendmakingen.nl/kst-28638-233.html"] * 2
        ),  # the plan's, and the 251 made 233
        "history",
    )


def test_a_page_with_two_notices():
    notice = history.notice_html("en", PUB)
    assert chronology.check_pages({"en/index.html": page_with(notice + "\n" + notice, "en")}, BIB) == [
        Finding("site/en/index.html", 4, "one notice of the plan's later history", "2", "history")
    ]


def test_an_output_text_with_the_notice_passes_and_one_without_names_what_is_missing():
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", history.notice_html("en", PUB)))
    assert chronology.check_output_text("x.pdf", text, "en", PUB) == []
    cut = text.replace("17 June 2024", "")
    later = "The plan was strengthened on 17 June 2024, Parliamentary paper (Kamerstuk)\xa028\xa0638, no.\xa0251."
    assert chronology.check_output_text("x.pdf", cut, "en", PUB) == [
        Finding("x.pdf", 0, f"the notice of the plan's later history, with '{later}'", "it missing", "history")
    ]


def test_citation_files_that_name_the_version_pass_and_one_without_the_note_is_a_finding(tmp_path):

    citation_files.write_files(tmp_path, PUB)
    assert chronology.check_citation_files(tmp_path, BIB) == []
    ris = tmp_path / "cite" / "kst-28638-233.ris"
    ris.write_text(
        "\n".join(line for line in ris.read_text(encoding="utf-8").splitlines() if "Geciteerd" not in line) + "\n",
        encoding="utf-8",
    )
    assert chronology.check_citation_files(tmp_path, BIB) == [
        Finding(
            "site/cite/kst-28638-233.ris",
            0,
            "a note naming the later version Kamerstukken II 2023/24, 28 638, nr. 251",
            "Bijlage bij Kamerstukken II 2023/24, 28 638, nr. 233, p. 32",
            "history",
        )
    ]


# --- what is rendered from the data ------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "nl",
            [
                "Dit is pagina 32 van",
                ">het actieplan van 18 oktober 2023</a>, woord voor woord.",
                "Het plan is",
                ">op 17 juni 2024 versterkt</a>",
                ">zie wat er sindsdien over pagina 32 bekend is</a>.",
            ],
        ),
        (
            "en",
            [
                "This is page 32 of",
                ">the action plan of 18 October 2023</a>, word for word.",
                "The plan was",
                ">strengthened on 17 June 2024</a>",
                ">see what has become known about page 32 since</a>.",
            ],
        ),
    ],
)
def test_the_notice_in_the_readers_language_is_one_short_wording_with_its_links(lang, words):
    """One wording everywhere that cannot be read as if this were the later plan: this is
    page 32 of the plan of 18 October 2023; the plan was strengthened on 17 June 2024,
    what is known of page 32 since (the timeline answers). The citations stand in the links'
    titles on the site."""
    notice = history.notice_html(lang, PUB, "history/", section=True, cite=False)
    for w in words:
        assert w in notice, w
    assert f'href="{LATER_URL}"' in notice and '<a href="history/">' in notice
    assert len(notice.encode()) < 900


def test_the_timeline_answers_first_whether_the_page_changed_as_far_as_is_known(tmp_path):
    answer = history.answer_markdown("en", PUB)
    assert answer.startswith("## Where page 32 stands now { #answer }")
    assert "it cannot say whether page 32 changed in it" in answer
    assert "[19 November 2024](#kst-28638-254), [4 July 2025](#kst-28638-257) and [15 December 2025]" in answer
    pub = pub_with(tmp_path, lambda raw: raw["history"].update(section="unchanged"))
    assert "In it, page 32 stands unchanged." in history.answer_markdown("en", pub)
    assert "cannot say" not in history.answer_markdown("en", pub)
    pub = pub_with(tmp_path, lambda raw: raw["history"].update(section="changed"))
    assert "Daarin is pagina 32 veranderd; deze publicatie geeft de tekst van 18 oktober 2023." in (
        history.answer_markdown("nl", pub)
    )


def test_without_a_later_version_the_notice_says_none_is_known_and_the_json_ld_links_none(tmp_path):

    pub = pub_with(
        tmp_path,
        lambda raw: raw["history"].update(
            entries=[e for e in raw["history"]["entries"] if e["relation"] != "strengthened"]
        ),
    )
    bib = pub.bib
    notice = history.notice_html("en", pub)
    assert 'data-later=""' in notice and "This publication knows of no later version of the plan." in notice
    assert "no later version" in history.answer_markdown("en", pub)
    assert "#kst-28638-259" in history.timeline_markdown("en", pub)  # the newest paper is still listed
    assert history.later_work(bib) is None
    meta = page_metadata(
        lang="nl",
        title="t",
        description="d",
        path="daderaanpak/",
        counterparts={},
        section=True,
        site_name="s",
        publisher="p",
        site_url="",
        edition=dt.date(2026, 1, 1),
        bib=bib,
    )
    assert "exampleOfWork" not in json.loads(meta["jsonld"].replace("<\\/", "</"))["isBasedOn"]
    assert chronology.check_pages({"index.html": page_with(history.notice_html("nl", pub))}, bib) == []
    assert "Later:" not in history.citation_note(pub)


def test_the_timeline_is_newest_first_with_formal_citations_and_links():
    for lang in ("nl", "en"):
        md = expand("[[history]]", lang, PUB, page="history.md")  # the answer, the follow-ups, the papers
        ids = [i for i in re.findall(r"\{ #([\w-]+)[ .\w-]*\}", md) if i.startswith("kst-")]
        assert re.findall(r"\{ #([\w-]+)", md)[:3] == ["answer", "followups", "papers"] and "{ #notes }" in md
        assert "{ #kst-28638-251 .timeline-key }" in md  # the strengthened plan stands out
        assert ids == [
            "kst-28638-259",
            "kst-28638-257",
            "kst-28638-254",
            "kst-28638-251",
            "kst-28638-249",
            "kst-28638-247",
            "kst-28638-246",
            "kst-28638-233",
        ]
        for e in BIB.history.entries:
            assert e.ref.formal_citation(nobreak=True) in md
            assert f"]({e.ref.url})" in md
        notes = md.split("{ #notes }", 1)[1]
        assert notes.count("\n- [") == 2  # where the sources differ: after the papers, each note naming its paper
    assert refs_mod.unbreakable("Kamerstukken II 2023/24, 28 638, nr. 249") in history.timeline_markdown("nl", PUB)


def test_the_json_ld_links_the_later_version_as_another_example_of_the_work():

    meta = page_metadata(
        lang="en",
        title="t",
        description="d",
        path="en/daderaanpak/",
        counterparts={},
        section=True,
        site_name="s",
        publisher="p",
        site_url="",
        edition=dt.date(2026, 1, 1),
        bib=BIB,
    )
    data = json.loads(meta["jsonld"].replace("<\\/", "</"))
    plan = data["isBasedOn"]
    assert plan["@id"] == BIB.document.url
    later = plan["exampleOfWork"]["workExample"]
    assert later == {
        "@type": "CreativeWork",
        "@id": LATER_URL,
        "url": LATER_URL,
        "name": "Actieplan Samen tegen mensenhandel",
        "identifier": "Kamerstukken II 2023/24, 28 638, nr. 251",
        "datePublished": "2024-06-17",
        "inLanguage": "nl",
    }


def test_the_citation_files_say_which_version_they_cite():

    refs = [(BIB.document, 32, cf.version_note(BIB.document, PUB))]
    note = (
        "Geciteerd: de tekst van 18 oktober 2023 (Kamerstukken II 2023/24, 28 638, nr. 233). Later: "
        f"Kamerstukken II 2023/24, 28 638, nr. 251 (17 juni 2024), {LATER_URL}."
    )
    # Then what became of the sections' announcements (tests/test_follow_ups.py).
    note = " ".join(n for n in (note, followup_notes.citation_note(PUB)) if n)
    # after this publication's description of a paper without a title of its own
    note = cf._notes(cf.subject_note(BIB.document), note)
    assert json.loads(cf.csl_json(refs))[0]["note"] == note
    assert f"note = {{{{{note}}}}}" in cf.bibtex(refs)
    assert f"N1  - {note}" in cf.ris(refs)
    assert cf.version_note(BIB.footnotes[35], PUB) is None


def test_the_check_report_carries_the_notice():

    keys = {
        name
        for _, text in PUB.labels("en")["check_report"]["rows"]
        for _, name, _, _ in string.Formatter().parse(text)
        if name
    }
    report = check_report.render({**{k: 1 for k in keys}, "commit": "abc", "edition_date": "2026-11-30"}, [], "en", PUB)
    assert history.notice_html("en", PUB, mark=False) in report
    assert "data-later" not in report  # the page's own notice is the one the page check counts


def test_the_pdf_and_epub_title_page_carries_the_notice():

    for lang in ("nl", "en"):
        body = title_page_body(lang, dt.date(2026, 1, 1), PUB)
        notice = lxml_html.fragment_fromstring(history.notice_html(lang, PUB)).text_content()
        assert notice in lxml_html.fragment_fromstring(body, create_parent="div").text_content()


# --- the built site and the outputs -------------------------------------------------------------


def test_the_notice_is_on_every_built_page_in_its_language(site):
    pages = links.built_pages(site)
    assert len(pages) >= 16 and {"404.html", "en/404.html", "history/index.html", "en/history/index.html"} <= set(pages)
    assert chronology.check_site(site, pages, BIB) == []
    for rel, page in pages.items():
        lang = "en" if rel.startswith("en/") else "nl"
        later = PUB.labels(lang)["history"]["later_link"].format(
            date="17 June 2024" if lang == "en" else "17 juni 2024"
        )
        assert later in page.notices[0]["text"], rel
        # A 404 page is served at any path (no relative link); the timeline needs no link to itself.
        timeline_link = page.notices[0]["hrefs"][-1].endswith(("history/", "history/index.html"))
        assert timeline_link == (not rel.endswith("404.html") and "history/" not in rel), rel


def test_the_notice_is_on_every_page_of_the_offline_bundle(tmp_path):

    out = tmp_path / "offline"
    assert mkdocs_build(out, ROOT / "mkdocs.yml", env={"OFFLINE": "true"}) == []
    pages = links.built_pages(out)
    assert len(pages) >= 16
    assert chronology.check_pages(pages, BIB) == []
    assert pages["en/daderaanpak.html"].notices[0]["hrefs"][-1] == "history.html"


def test_the_notice_stands_in_the_strip_under_the_title_and_out_of_the_search_index(site):
    for prefix in ("", "en/"):
        for page in ("daderaanpak/index.html", "index.html", "history/index.html", "404.html"):
            text = (site / prefix / page).read_text(encoding="utf-8")
            title, strip, notice = (text.index(t) for t in ("</h1>", 'class="edition-strip"', 'class="history-notice"'))
            assert text.index("<header") < title < strip < notice and "md-banner" not in text, (prefix, page)
            assert text.count('class="edition-strip"') == 1
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "history-notice" not in index and "read this page in Dutch" not in index  # the strip is no content


def test_the_timeline_page_in_both_languages_is_in_the_nav_and_its_citations_match_their_links(site):
    pages = links.built_pages(site)
    for rel in ("history/index.html", "en/history/index.html"):
        page = pages[rel]
        assert [i for i in page.ids if i.startswith("kst-")] == [
            "kst-28638-259",
            "kst-28638-257",
            "kst-28638-254",
            "kst-28638-251",
            "kst-28638-249",
            "kst-28638-247",
            "kst-28638-246",
            "kst-28638-233",
        ]
        hrefs = {a.href for a in page.anchors}
        assert {e.ref.url for e in BIB.history.entries} <= hrefs
        assert {link.url for e in BIB.history.entries for link in e.ref.links} <= hrefs
    found = [f for f in links.check_site(site, PUB.data, pages=pages) if "history" in f.file]
    assert found == []
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="history/"' in index  # in the navigation


def test_a_history_citation_linked_to_another_kamerstuk_is_a_link_finding(site, tmp_path):
    text = (site / "history" / "index.html").read_text(encoding="utf-8")
    linked = (
        '<a href="https://zoek.officielebekendmakingen.nl/kst-28638-257.html">'
        f"{refs_mod.unbreakable('Kamerstukken II 2024/25, 28 638, nr. 257')}</a>"
    )
    assert linked in text
    wrong = text.replace(linked, linked.replace("kst-28638-257", "kst-28638-256"))
    page = site_html.parse(wrong, tmp_path / "index.html")
    found = [f for f in links.check_site(site, PUB.data, pages={"history/index.html": page}) if "kst-" in f.expected]
    assert [(f.expected, f.found) for f in found] == [
        (
            "the link of 'Kamerstukken II 2024/25, 28 638, nr. 257' to kst-28638-257",
            "https://zoek.officielebekendmakingen.nl/kst-28638-256.html",
        )
    ]


def test_the_online_check_sees_the_history_links(site):

    urls = online.external_links(links.built_pages(site))
    assert {e.ref.url for e in BIB.history.entries} <= set(urls)
    assert {link.url for e in BIB.history.entries for link in e.ref.links} <= set(urls)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_and_the_epub_carry_the_notice_on_their_title_page(site, tmp_path, lang):

    pdf.make(site, lang, tmp_path / pdf_name(lang), PUB, dt.date(2026, 1, 1))
    book = epub.make(site, lang, tmp_path / epub_name(lang), PUB, 1767225600)
    assert chronology.check_outputs(tmp_path, PUB) == []

    with zipfile.ZipFile(book) as z:
        title = next(n for n in z.namelist() if n.endswith("title.xhtml"))
        assert f'<a href="{LATER_URL}"' in z.read(title).decode()


def test_a_pdf_and_an_epub_without_the_notice_are_findings(site, tmp_path, monkeypatch):

    monkeypatch.setattr(pdf, "notice_html", lambda *args, **kwargs: "")  # the title page's notice
    pdf.make(site, "en", tmp_path / pdf_name("en"), PUB, dt.date(2026, 1, 1))
    epub.make(site, "en", tmp_path / epub_name("en"), PUB, 1767225600)
    found = chronology.check_outputs(tmp_path, PUB)
    pieces = chronology.expected_pieces("en", PUB)  # the notice's sentences, one wording
    assert [p.split(", ")[0] for p in pieces] == [  # the citation after a comma, not a bracket in a bracket
        "This publication reproduces page 32 of the action plan of 18 October 2023",
        "The plan was strengthened on 17 June 2024",
    ]
    assert found == [
        Finding(name, 0, f"the notice of the plan's later history, with '{piece}'", "it missing", "history")
        for name in (pdf_name("en"), epub_name("en"))
        for piece in pieces
    ]


# --- a later document added to the data ----------------------------------------------------------


def test_a_later_document_added_to_the_data_reaches_the_notice_and_the_timeline(tmp_path):

    project = copy_project(tmp_path / "project", ROOT)
    path = project / "data" / "references.yml"
    text = path.read_text(encoding="utf-8")
    # A made-up later version (only in this copy), dated before the copy's edition.
    added = """  kst-28638-999:
    kind: kamerstuk
    chamber: II
    dossier: "28638"
    number: "999"
    date: 2026-03-02
    title:
      nl: Testversie van het actieplan
      en: Test version of the action plan
    links: []

# The footnotes of the source page"""
    text = text.replace("# The footnotes of the source page", added, 1)
    text += "    - ref: kst-28638-999\n      relation: strengthened\n"
    path.write_text(text, encoding="utf-8")
    assert [f for f in run_source_checks(Publication(project)) if f.check == "history"] == []

    site = tmp_path / "site"
    assert mkdocs_build(site, project / "mkdocs.yml", env={"SOURCE_DATE_EPOCH": "1790000000"}) == []
    bib = refs_mod.load(path)
    assert bib.history.later_version.ref.id == "kst-28638-999"
    pages = links.built_pages(site)
    assert chronology.check_pages(pages, bib) == []
    notice = pages["en/daderaanpak/index.html"].notices[0]
    assert notice["later"] == "kst-28638-999"
    assert "The plan was strengthened on 2 March 2026" in notice["text"]
    assert notice["hrefs"][0] == "https://zoek.officielebekendmakingen.nl/kst-28638-999.html"
    timeline = pages["history/index.html"]
    assert [i for i in timeline.ids if i.startswith("kst-")][:2] == ["kst-28638-999", "kst-28638-259"]
    assert refs_mod.unbreakable("Kamerstukken II 2025/26, 28 638, nr. 999") in (
        site / "history" / "index.html"
    ).read_text(encoding="utf-8")
    cite = json.loads((site / "cite" / "kst-28638-233.json").read_text(encoding="utf-8"))
    assert "nr. 999" in cite[0]["note"]


def test_the_answer_says_first_why_the_plan_was_revised(tmp_path):
    """The motion that asked for a fundamental revision stood only in a paper's entry:
    the answer names it before the strengthened plan, its paper linked to its entry; a
    history without it says nothing of a motion."""
    words = PUB.labels("en")["history"]
    entry = next(e for e in PUB.bib.history.entries if e.relation == "revision_asked")
    event = refs_mod.format_date(entry.event_date or entry.ref.date, "en")
    said = words["answer_revision"].format(
        event=event,
        link=f"[{entry.ref.short_citation('en', nobreak=True)}](#{entry.ref.id})",
        reported=refs_mod.format_date(entry.ref.date, "en"),  # the letter reports the motion; it is not the motion
    )
    answer = history.answer_markdown("en", PUB)
    assert said in answer and answer.index(said) < answer.index(words["answer_link"])
    pub = pub_with(
        tmp_path,
        lambda raw: raw["history"].update(
            entries=[e for e in raw["history"]["entries"] if e["relation"] != "revision_asked"]
        ),
    )
    assert "motion" not in history.answer_markdown("en", pub)


@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_each_papers_heading_names_it_short_as_a_kamerstuk(site, prefix, lang):
    """ "Parliamentary paper (Kamerstuk) 28 638, no. 259" stood in every paper's heading
    and in the contents beside them: a heading names it "Kamerstuk 28 638, no. 259"
    (the long form is the footnotes' and the references')."""
    from lxml import html

    root = html.parse(str(site / prefix / "history" / "index.html")).getroot()
    words = PUB.labels(lang)["history"]
    papers = [*PUB.bib.history.newest_first()]
    headings = {h.get("id"): " ".join(h.text_content().split()) for h in root.xpath("//article//h3[@id]")}
    for ref in [e.ref for e in papers] + [PUB.bib.document]:
        brief = words["paper_heading"].format(dossier=refs_mod.format_dossier(ref.dossier), number=ref.number)
        assert headings[ref.id].startswith(f"{refs_mod.format_date(ref.date, lang)}: {brief}"), headings[ref.id]
    if lang == "en":
        assert not [h for h in headings.values() if "Parliamentary paper" in h]
