"""The plan's later history (data/references.yml, `history:`), checked:

- the history is in date order (oldest first, as the data lists it) and its newest
  document is dated on or before the edition it is published in;
- every built page carries the notice, naming the later version and linking to it;
- an output's text (a PDF's, an EPUB's) carries the notice's words;
- the citation files of the plan say which version they cite.

The history's references are references like the footnotes': the timeline page links
each by its citation, so the link checks (checks/links.py: citation and URL agree,
allowed hosts, and online with --online) cover them on the built pages.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import zipfile
from pathlib import Path

from publication.model import references as refs_mod
from publication.model.citation import CITE_DIR
from publication.model.downloads import epub_name, pdf_name
from publication.model.findings import Finding
from publication.render.history import notice_sentences

CHECK = "history"
DATA_FILE = "data/references.yml"


def check_order(history: refs_mod.History, file: str = DATA_FILE) -> list[Finding]:
    """Each entry dated on or after the one before it."""
    findings = []
    for before, entry in zip(history.entries, history.entries[1:]):
        if entry.ref.date < before.ref.date:
            findings.append(
                Finding(
                    file,
                    entry.line,
                    f"{entry.ref.id} dated on or after {before.ref.id} "
                    f"({before.ref.date.isoformat()}), the history in date order",
                    entry.ref.date.isoformat(),
                    CHECK,
                )
            )
    return findings


def check_newest(history: refs_mod.History, edition: dt.date, file: str = DATA_FILE) -> list[Finding]:
    """No document of the history after the edition's date (a typing error, or an
    edition built from an older commit than its data claims)."""
    return [
        Finding(
            file,
            e.line,
            f"{e.ref.id} dated on or before the edition ({edition.isoformat()})",
            e.ref.date.isoformat(),
            CHECK,
        )
        for e in history.entries
        if e.ref.date > edition
    ]


def run(project, bib: refs_mod.Bibliography) -> list[Finding]:
    """The source checks of the history (`project`: the Publication, `bib` its references
    as the sources stage read them)."""
    file = project.rel(project.data / "references.yml")
    return check_order(bib.history, file) + check_newest(bib.history, project.edition_date, file)


def check_pages(pages: dict, bib: refs_mod.Bibliography) -> list[Finding]:
    """Every built page (`pages`: site path -> site_html.HtmlPage) has one notice that
    names the later version of the data and links to it."""
    later = bib.history.later_version
    expected_id = later.ref.id if later else ""
    findings = []
    for rel, page in pages.items():
        name = f"site/{rel}"
        if not page.notices:
            findings.append(Finding(name, 0, "the notice of the plan's later history near the top", "none", CHECK))
            continue
        if len(page.notices) > 1:
            findings.append(
                Finding(
                    name,
                    page.notices[1]["line"],
                    "one notice of the plan's later history",
                    f"{len(page.notices)}",
                    CHECK,
                )
            )
        notice = page.notices[0]
        if notice["later"] != expected_id:
            findings.append(
                Finding(
                    name,
                    notice["line"],
                    f"the notice naming the later version {expected_id or '(none)'}",
                    notice["later"] or "(none)",
                    CHECK,
                )
            )
        elif later is not None and later.ref.url not in notice["hrefs"]:
            findings.append(
                Finding(
                    name,
                    notice["line"],
                    f"a link to {later.ref.url} in the notice",
                    ", ".join(notice["hrefs"]) or "no link",
                    CHECK,
                )
            )
    return findings


def expected_pieces(lang: str, pub) -> list[str]:
    """What an output's text must hold of the notice: each of its sentences, as a book's
    title page says them (render/history.py, `notice_sentences`, the one wording)."""
    return [html.unescape(re.sub(r"<[^>]+>", "", sentence)) for sentence in notice_sentences(lang, pub)]


def _flat(text: str) -> str:
    return " ".join(text.replace("\xad", "").split())


def check_output_text(name: str, text: str, lang: str, pub) -> list[Finding]:
    """An output's text (a PDF's or an EPUB's title page, read back) holds the notice."""
    flat = _flat(text)
    return [
        Finding(name, 0, f"the notice of the plan's later history, with '{piece}'", "it missing", CHECK)
        for piece in expected_pieces(lang, pub)
        if _flat(piece) not in flat
    ]


def check_outputs(folder: Path, pub) -> list[Finding]:
    """The PDFs and EPUBs in `folder` (a publication's dist/) carry the notice on their
    title page: the PDF's first page, the EPUB's title.xhtml, read back."""

    from lxml import etree
    from pypdf import PdfReader

    findings = []
    for lang in pub.languages:
        pdf = folder / pdf_name(lang)
        if pdf.is_file():
            findings += check_output_text(pdf.name, PdfReader(pdf).pages[0].extract_text(), lang, pub)
        book = folder / epub_name(lang)
        if book.is_file():
            with zipfile.ZipFile(book) as z:
                title = next((n for n in z.namelist() if n.endswith("/title.xhtml") or n == "title.xhtml"), None)
                text = "".join(etree.fromstring(z.read(title)).itertext()) if title else ""
            findings += check_output_text(book.name, text, lang, pub)
    return findings


def check_citation_files(site: Path, bib: refs_mod.Bibliography) -> list[Finding]:
    """The plan's citation files (and the file of all references) say which version
    they cite: the CSL-JSON and BibTeX note, the RIS N1 name the later version."""
    later = bib.history.later_version
    if later is None:
        return []
    wanted = later.ref.formal_citation()
    findings = []
    for stem in (bib.document.id, "references"):
        for ext in ("json", "bib", "ris"):
            path = site / CITE_DIR / f"{stem}.{ext}"
            name = f"site/{CITE_DIR}/{stem}.{ext}"
            if not path.is_file():
                findings.append(Finding(name, 0, "the citation file of the plan", "no such file", CHECK))
                continue
            notes = _notes(path.read_text(encoding="utf-8"), ext, bib.document.id)
            if not any(wanted in note for note in notes):
                findings.append(
                    Finding(name, 0, f"a note naming the later version {wanted}", "; ".join(notes) or "no note", CHECK)
                )
    return findings


def _notes(text: str, ext: str, ref_id: str) -> list[str]:
    """The notes of one reference's record in a citation file."""
    if ext == "json":
        try:
            items = json.loads(text)
        except ValueError:
            return []
        return [item.get("note", "") for item in items if item.get("id") == ref_id and item.get("note")]
    if ext == "bib":
        m = re.search(r"@\w+\{" + re.escape(ref_id) + r",(.*?)\n\}", text, re.S)
        body = m.group(1) if m else ""
        return [" ".join(n.split()) for n in re.findall(r"\bnote = \{(.*?)\},?\n", body, re.S)]
    records = text.split("ER  -")
    record = next((r for r in records if re.search(r"^ID  - " + re.escape(ref_id) + r"$", r, re.M)), "")
    return re.findall(r"^N1  - (.*)$", record, re.M)


def check_site(site: Path, pages: dict, bib: refs_mod.Bibliography) -> list[Finding]:
    """The built site's checks of the history: the notice on every page, the citation files."""
    return check_pages(pages, bib) + check_citation_files(site, bib)
