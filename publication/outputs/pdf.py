"""The printable PDF of one language, made by WeasyPrint from the built pages.

Reading order: a title page, the sections, the references, and the side-by-side page
as an appendix (`book.chapters`). The book transformer (`book.py`) takes each page's
article: the screen's controls go, the notes become WeasyPrint footnotes
(`float: footnote`) at the foot of the page that calls them, numbered as in the source
(35, 36, 37; on the side-by-side pages too), each with its link printed and clickable.
Links between the pages become links inside the PDF. The running header names the
document (the English one as an unofficial translation). The PDF carries its title,
author and language, bookmarks from the headings, and is tagged (PDF/UA-1).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path
from xml.etree.ElementTree import SubElement, fromstring, tostring

from lxml import html as lxml_html

from publication.model import citation
from publication.model.references import format_date
from publication.outputs import book
from publication.render.history import notice_html

PAGE_CSS = Path(__file__).with_name("pdf.css")


def _ident(chapter: book.Chapter, ident: str) -> str:
    return f"{chapter.key}--{ident}"


def _target(chapter: book.Chapter, fragment: str) -> str:
    return f"#{chapter.key}--{fragment or 'top'}"


def chapter_body(site: Path, chapter: book.Chapter, chapters: list[book.Chapter]) -> str:
    """A chapter's article as the PDF's HTML: no screen controls, the notes as
    WeasyPrint footnotes, ids and links inside the PDF."""
    root = book.prepare(chapter.built(site).read_text(encoding="utf-8"))
    book.print_footnotes(root)
    book.relink(root, chapter, chapters, _ident, _target)
    return html_lib.escape(root.text or "", quote=False) + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )


def css_string(text: str) -> str:
    """A CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def title_page_body(lang: str, edition: dt.date, pub, heading_id: str | None = None) -> str:
    """The title page's heading and lines (the PDF's and the EPUB's): title, the excerpt
    with its citation linked, language, the translation's status, the edition."""

    book_words = pub.labels(lang)["pdf"]
    doc = pub.bib.document
    linked = f'<a href="{doc.url}">{html_lib.escape(doc.short_citation("nl"))}</a>'
    heading_attrs = f' id="{heading_id}"' if heading_id else ""
    return (
        f'<h1 class="pdf-title"{heading_attrs}>{html_lib.escape(book_words["title"])}</h1>'
        f'<p class="pdf-excerpt">{book_words["excerpt"].format(citation=linked)}</p>'
        f'<p class="pdf-language">{book_words["language"]}</p>'
        + (f'<p class="pdf-unofficial">{book_words["unofficial"]}</p>' if book_words["unofficial"] else "")
        + f'<p class="pdf-edition">{book_words["edition"].format(date=format_date(edition, lang))}</p>'
        + notice_html(lang, pub)
    )


def document(site: Path, lang: str, edition: dt.date, pub) -> str:
    """The whole PDF of the publication `pub` as one HTML document."""
    book_words = pub.labels(lang)["pdf"]
    doc = pub.bib.document
    citation = html_lib.escape(doc.short_citation("nl"))
    chapters = book.chapters(lang, pub.root, appendix=True)
    parts = [f'<section class="title-page" id="title--top">{title_page_body(lang, edition, pub)}</section>']
    for chapter in chapters:
        parts.append(
            f'<section class="pdf-page pdf-{chapter.kind}" id="{chapter.key}--top">'
            f"{chapter_body(site, chapter, chapters)}</section>"
        )
    header = f"@page {{ @top-left {{ content: {css_string(book_words['running_header'].format(title=book_words['title']))}; }} }}"
    css = [book.stylesheet(), PAGE_CSS.read_text(encoding="utf-8"), header]
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html_lib.escape(book_words['title'])}</title>"
        f'<meta name="author" content="{html_lib.escape(book_words["author"])}">'
        f'<meta name="description" content="{html_lib.escape(re.sub("<[^>]+>", "", book_words["excerpt"].format(citation=citation)))}">'
        f'<meta name="dcterms.created" content="{edition.isoformat()}">'
        f'<meta name="dcterms.modified" content="{edition.isoformat()}">'
        f'<meta name="keywords" content="{html_lib.escape(", ".join(book_words["keywords"]))}">'
        f"<style>{''.join(css)}</style></head>"
        f'<body class="pdf">{"".join(parts)}</body></html>'
    )


DC = "http://purl.org/dc/elements/1.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def xmp_additions(lang: str, edition: dt.date, pub) -> list[tuple[str, str, list[str]]]:
    """What the PDF's XMP adds to WeasyPrint's (title, description, dates): the
    language, the edition, the source it reproduces and the subject's keywords, as
    (Dublin Core element, RDF container or None for a plain text, values)."""

    book_words = pub.labels(lang)["pdf"]
    bib = pub.bib
    return [
        ("language", "Bag", [lang]),
        ("identifier", None, [book_words["identifier"].format(date=edition.isoformat())]),
        # The plan, to the pages of its sections (citation.pinpoint: from the data).
        ("source", None, [citation.formal(bib.document, citation.pinpoint(bib.document, pub))]),
        ("subject", "Bag", list(book_words["keywords"])),
    ]


def _with_xmp_additions(generate, additions):
    """WeasyPrint's XMP generator, with one rdf:Description more."""

    def generate_rdf_metadata(*args, **kwargs):
        rdf = fromstring(generate(*args, **kwargs))
        description = SubElement(rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""})
        for name, container, values in additions:
            element = SubElement(description, f"{{{DC}}}{name}")
            if container is None:
                element.text = values[0]
                continue
            holder = SubElement(element, f"{{{RDF}}}{container}")
            for value in values:
                SubElement(holder, f"{{{RDF}}}li").text = value
        return tostring(rdf, encoding="utf-8")

    return generate_rdf_metadata


def make(site: Path, lang: str, target: Path, pub, edition: dt.date | None = None) -> Path:
    """The PDF in `lang` of the publication `pub` from its built `site`, dated `edition`
    (by default the publication's)."""
    from weasyprint import HTML

    edition = edition or pub.edition_date
    document_ = HTML(string=document(site, lang, edition, pub), base_url=str(site)).render()
    meta = document_.metadata
    meta.generate_rdf_metadata = _with_xmp_additions(meta.generate_rdf_metadata, xmp_additions(lang, edition, pub))
    document_.write_pdf(target, pdf_variant="pdf/ua-1", custom_metadata=True)
    add_header_scopes(target)
    return target


def add_header_scopes(path: Path) -> int:
    """Give every table header cell of the structure tree its /Scope (PDF/UA-1 7.5):
    /Column in a THead, /Row in a TBody, as the HTML's `scope` says. WeasyPrint tags the
    cells but leaves the attribute out. Saved with a deterministic /ID, so that two
    builds stay byte for byte the same. Returns the number of cells given a scope."""
    import pikepdf

    count = 0
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        stack = [(tree.get("/K"), None)] if tree is not None else []
        while stack:
            node, section = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack += [(kid, section) for kid in node]
                continue
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                continue
            role = str(node.S)
            if role in ("/THead", "/TBody", "/TFoot"):
                section = role
            elif role == "/Table":
                section = None
            if role == "/TH":
                attributes = node.get("/A")
                if not isinstance(attributes, pikepdf.Dictionary):
                    attributes = pikepdf.Dictionary(O=pikepdf.Name.Table)
                    node.A = attributes
                attributes.Scope = pikepdf.Name.Column if section == "/THead" else pikepdf.Name.Row
                count += 1
            if "/K" in node:
                stack.append((node.K, section))
        pdf.save(path, deterministic_id=True)
    return count
