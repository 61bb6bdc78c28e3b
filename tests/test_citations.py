"""Citations: the formal citation on each section page and the files for reference
managers (BibTeX, RIS, CSL-JSON) for the action plan and every reference, each read
back with a real parser and compared with data/references.yml."""

from __future__ import annotations

import json
import posixpath
import re

import bibtexparser
import pytest
import rispy
import yaml
from lxml import html as lxml_html
from repo import PUB, ROOT

from publication.model import citation as citations
from publication.model.references import format_dossier, unbreakable
from publication.outputs import citation_files

BIB = PUB.bib
REFS = citation_files.cited(BIB)
# The live facts, read from the data and the pages themselves (an honest edit of either
# changes them here too): the references in their page's order, the cited source pages.
RAW = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
NOTES = {n: ref_id for notes in RAW["footnotes"].values() for n, ref_id in notes.items()}
EXPECTED_IDS = list(
    dict.fromkeys(
        [
            RAW["document"],
            *(NOTES[n] for n in sorted(NOTES)),
            *(i for i, r in RAW["references"].items() if r.get("background")),
        ]
    )
)
SOURCE_PAGES = sorted(
    {
        int(m[1])
        for p in (ROOT / "docs" / "nl").glob("*.md")
        for m in [re.search(r"^source_page: (\d+)$", p.read_text(encoding="utf-8"), re.M)]
        if m
    }
)
PLAN_PAGE = citations.page_range(SOURCE_PAGES)  # '32', or '32–33' for two sections


def test_every_reference_has_its_three_files(site):
    names = {p.name for p in (site / citations.CITE_DIR).iterdir()}
    expected = {
        f"{r.id}.{ext}" for r in REFS + [type("All", (), {"id": citations.ALL})] for ext, _ in citations.FORMATS
    }
    assert names == expected
    assert [r.id for r in REFS] == EXPECTED_IDS


@pytest.mark.parametrize("ref", REFS, ids=[r.id for r in REFS])
def test_bibtex_parses_back_with_dossier_number_and_page(site, ref):
    library = bibtexparser.parse_string((site / "cite" / f"{ref.id}.bib").read_text(encoding="utf-8"))
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.key == ref.id and entry["year"] == str(ref.date.year) and entry["date"] == ref.date.isoformat()
    if ref.kind == "kamerstuk":
        assert entry.entry_type == "misc"
        # the action plan is the attachment of its letter: "Bijlage bij Kamerstukken II …"
        attachment = "Bijlage bij " if ref.attachment else ""
        assert (
            entry["howpublished"]
            == f"{attachment}Kamerstukken II {citation_files._session(ref)}, {format_dossier(ref.dossier)}, nr. {ref.number}"
        )
        assert entry["url"] == f"https://zoek.officielebekendmakingen.nl/kst-{ref.dossier}-{ref.number}.html"
    else:
        assert entry.entry_type == "techreport" and ref.publisher["nl"] in entry["institution"]
    pages = entry.fields_dict.get("pages")
    assert (pages.value if pages else None) == (PLAN_PAGE if ref is BIB.document else None)


@pytest.mark.parametrize("ref", REFS, ids=[r.id for r in REFS])
def test_ris_parses_back_with_dossier_number_and_page(site, ref):
    (record,) = rispy.loads((site / "cite" / f"{ref.id}.ris").read_text(encoding="utf-8"))
    assert record["id"] == ref.id and record["year"] == str(ref.date.year)
    if ref.kind == "kamerstuk":
        assert record["type_of_reference"] == "GOVDOC"
        assert (record["volume"], record["number"]) == (format_dossier(ref.dossier), ref.number)
        assert record["secondary_title"] == f"Kamerstukken II {citation_files._session(ref)}"
    else:
        assert record["type_of_reference"] == "RPRT"
    assert record.get("start_page") == (PLAN_PAGE if ref is BIB.document else None)


def test_csl_json_reads_back_and_formats_with_a_citation_style(site):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    items = json.loads((site / "cite" / f"{citations.ALL}.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == [r.id for r in REFS]
    plan = items[0]
    assert (plan["container-title"], plan["number"], plan["page"]) == (
        "Kamerstukken II 2023/24",
        "28 638, nr. 233",
        PLAN_PAGE,
    )
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography_ = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography_.register(Citation([CitationItem(item["id"])]))
    text = [str(entry) for entry in bibliography_.bibliography()]
    assert len(text) == len(EXPECTED_IDS)
    # the plan, cited as its letter's attachment, is titled by the work's own title (a
    # reader looks for "Actieplan Samen tegen mensenhandel"); another paper without a
    # title of its own by its formal citation, never by this publication's description
    # of it (that is a note, said to be the publication's)
    work = PUB.bib.history.work["nl"]
    assert plan["title"] == work and any(work in t and "2023" in t for t in text), text
    # its formal citation stays in the note, as RIS and BibTeX give it
    pinpoint = citations.pinpoint(PUB.bib.document, PUB)
    assert plan["note"].startswith(f"{citations.formal(PUB.bib.document, pinpoint)}."), plan["note"]
    assert not any("aangeboden door" in t for t in text), text
    for ref in REFS:
        item = next(i for i in items if i["id"] == ref.id)
        if not ref.title and ref is not PUB.bib.document:
            assert item["title"] == citations.formal(ref) and ref.subject["nl"] in item["note"], ref.id
    assert sum(not r.title and r is not PUB.bib.document for r in REFS) >= 2  # kst-28741-86, kst-30995-100


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_section_page_offers_the_formal_citation_and_the_files(site, prefix):
    page = site / prefix / "daderaanpak" / "index.html"
    root = lxml_html.parse(str(page)).getroot()
    (box,) = root.xpath('//div[contains(@class, "admonition") and contains(@class, "cite")]')
    page_no = re.search(r"^source_page: (\d+)$", (ROOT / "docs/nl/daderaanpak.md").read_text(encoding="utf-8"), re.M)[1]
    assert unbreakable(f"Bijlage bij Kamerstukken II 2023/24, 28 638, nr. 233, p. {page_no}") in box.xpath(
        ".//strong/text()"
    )
    hrefs = box.xpath(".//a/@href")
    files = [h for h in hrefs if "/cite/" in h]
    assert len(files) == 6
    for href in files:
        assert (page.parent / href).resolve().is_file(), href
    # The example sentence address is one of this page's sentences.
    (example,) = [h for h in hrefs if h.startswith("#s-")]
    assert root.xpath(f'//*[@id="{example[1:]}"][@data-seg]')


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_reference_on_the_references_page_links_its_files(site, prefix):
    page = site / prefix / "references" / "index.html"
    root = lxml_html.parse(str(page)).getroot()
    for ref in REFS:
        links = [h for h in root.xpath("//a/@href") if "/cite/" in h and posixpath.basename(h).startswith(ref.id + ".")]
        assert sorted(posixpath.basename(h) for h in links) == sorted(f"{ref.id}.{e}" for e, _ in citations.FORMATS)
        assert all((page.parent / h).resolve().is_file() for h in links)
        assert unbreakable(citations.formal(ref, citations.pinpoint(ref, PUB))) in root.text_content()


EDITION = {"zin": "in deze uitgave", "sentence": "in this edition"}


@pytest.mark.parametrize("prefix,word", [("", "zin"), ("en/", "sentence")])
def test_each_paragraph_has_a_permalink_to_copy_as_a_pinpoint_citation(site, prefix, word):
    root = lxml_html.parse(str(site / prefix / "daderaanpak" / "index.html")).getroot()
    paragraphs = root.xpath("//p[@data-pair]")
    assert len(paragraphs) == 4
    formal = citations.formal(BIB.document, citations.pinpoint(BIB.document, PUB))
    for p in paragraphs:
        (link,) = p.xpath('./a[@class="paragraph-link"]')
        first = p.xpath(".//span[@data-seg]/@id")[0]
        assert link.get("href") == f"#{first}"
        # the plan's pinpoint, then which sentence of this edition it is
        assert link.get("title").endswith(f"{formal} ({word} {first} {EDITION[word]})")
        assert link.get("aria-label").endswith(first)


@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_a_note_whose_link_leads_to_another_page_than_the_document_says_where(site, prefix, lang):
    """A footnote's link to a page named apart from the document it cites (note 37: the
    Rapporteur's English summary, not the Dutch report) says so in the note; a note that
    links the document itself (a Kamerstuk's official publication) says nothing more."""
    root = lxml_html.parse(str(site / prefix / "daderaanpak" / "index.html")).getroot()
    words = PUB.labels(lang)["reader"]["note_link"]
    told = 0
    for li in root.xpath('//div[contains(@class, "footnote")]//li[@id]'):
        ref_id = li.xpath('.//a[contains(@class, "note-added__link")]/@href')[0].rsplit("#", 1)[1]
        ref = PUB.bib.references[ref_id]
        text = " ".join(li.text_content().split())
        followed = ref.link
        if followed is not None and followed.label.get(lang):
            name = followed.label[lang]
            assert words.format(label=name[:1].lower() + name[1:]) in text
            assert li.xpath(".//a/@href")[0] == followed.url
            told += 1
        else:
            assert words.split("{")[0] not in text
    assert told >= 1


def test_a_regulation_is_cited_as_legislation_where_the_staatscourant_published_it():
    """A minister's regulation (kind: regulation) is neither a report nor a Kamerstuk:
    legislation in CSL, a government document in RIS, published in the Staatscourant."""
    from publication.model.references import parse_references

    (ref,) = parse_references(
        {
            "references": {
                "stcrt-2025-1": {
                    "kind": "regulation",
                    "date": __import__("datetime").date(2025, 9, 18),
                    "title": {"nl": "Regeling X", "en": "Regulation X"},
                    "publisher": {"nl": "Staatscourant 2025, 1", "en": "Government Gazette 2025, 1"},
                    "links": [{"url": "https://zoek.officielebekendmakingen.nl/stcrt-2025-1.html", "status": "seen"}],
                }
            }
        }
    ).values()
    item = citation_files.csl(ref)
    assert (item["type"], item["container-title"], item["title"]) == (
        "legislation",
        "Staatscourant 2025, 1",
        "Regeling X",
    )
    assert "author" not in item
    (entry,) = bibtexparser.parse_string(citation_files.bibtex([(ref, None)])).entries
    assert (entry.entry_type, entry["howpublished"].strip("{}")) == ("misc", "Staatscourant 2025, 1")
    (record,) = rispy.loads(citation_files.ris([(ref, None)]))
    assert record["type_of_reference"] == "GOVDOC"
