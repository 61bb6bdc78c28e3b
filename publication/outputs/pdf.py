"""The printable PDF of one language, made by WeasyPrint from the built pages.

Reading order: a title page, the section, the references. The section's footnotes
become WeasyPrint footnotes (`float: footnote`) at the foot of the page that calls
them, numbered as in the source (35, 36, 37), each with its link printed and clickable.
Links between the pages become links inside the PDF. The PDF carries its title,
author and language, bookmarks from the headings, and is tagged (PDF/UA-1).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path

from publication import DEFAULT_LANGUAGE, ROOT
from publication.model.references import format_date
from publication.render.chart import bars_as_boxes
from publication.model.labels import labels

# The pages of the PDF, in reading order (their folder in the built site): the section,
# the references, and the section beside its translation as an appendix.
PAGES = ("daderaanpak", "references", "parallel")

ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
FOOTNOTE_DIV_RE = re.compile(r'<div [^>]*class="footnote"[^>]*>.*?</div>', re.S)
FOOTNOTE_LI_RE = re.compile(r'<li id="fn:(?P<n>[^"]+)"[^>]*>\s*<p>(?P<body>.*?)</p>\s*</li>', re.S)
BACKREF_RE = re.compile(r'(&#160;|\xa0)?<a class="footnote-backref"[^>]*>.*?</a>', re.S)
CALL_RE = re.compile(r'<sup id="fnref:(?P<n>[^"]+)"><a [^>]*class="footnote-ref"[^>]*>[^<]*</a></sup>')
ID_RE = re.compile(r'\bid="([^"]+)"')
HREF_RE = re.compile(r'\bhref="([^"]*)"')
EXTERNAL_LINK_RE = re.compile(r'<a href="(https?://[^"]+)"')


def page_file(site: Path, lang: str, page: str) -> Path:
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return site / prefix / page / "index.html"


def article(html: str) -> str:
    m = ARTICLE_RE.search(html)
    if not m:
        raise ValueError("no <article> in the page")
    return m.group(1)


def footnotes_inline(body: str) -> str:
    """Move each note to its call, as a WeasyPrint footnote with the source's number
    and its links printed out."""
    notes = {}
    for div in FOOTNOTE_DIV_RE.findall(body):
        for m in FOOTNOTE_LI_RE.finditer(div):
            text = BACKREF_RE.sub("", m["body"]).strip()
            urls = EXTERNAL_LINK_RE.findall(text)
            printed = "".join(f' <a class="url" href="{u}">{html_lib.escape(html_lib.unescape(u))}</a>' for u in urls)
            notes[m["n"]] = text + printed
    body = FOOTNOTE_DIV_RE.sub("", body)

    def call(m: re.Match) -> str:
        n = m["n"]
        if n not in notes:
            return m.group(0)  # a call to notes elsewhere on the page (the parallel page's)
        return f'<span class="fn" id="fn:{n}" data-n="{n}">{notes[n]}</span>'

    return CALL_RE.sub(call, body)


def relink(body: str, page: str, lang: str) -> str:
    """Give every id a page prefix and point links between the pages inside the PDF."""
    body = ID_RE.sub(lambda m: f'id="{page}--{m.group(1)}"', body)

    def href(m: re.Match) -> str:
        url = html_lib.unescape(m.group(1))
        if re.match(r"[a-z]+:", url):
            return m.group(0)
        path, _, fragment = url.partition("#")
        target = page
        if path:
            parts = [p for p in path.split("/") if p not in ("", ".", "..", "index.html")]
            target = parts[-1].removesuffix(".html") if parts else "index"
            if target not in PAGES:
                return m.group(0)  # a page that is not in the PDF (left as it is)
        anchor = f"{target}--{fragment}" if fragment else f"{target}--top"
        return f'href="#{anchor}"'

    return HREF_RE.sub(href, body)


def title_page_body(lang: str, edition: dt.date, heading_id: str | None = None) -> str:
    """The title page's heading and lines (the PDF's and the EPUB's): title, the excerpt
    with its citation linked, language, the translation's status, the edition."""
    from publication.model.references import bibliography
    from publication.render.history import notice_html

    t = labels(lang)["pdf"]
    doc = bibliography().document
    linked = f'<a href="{doc.url}">{html_lib.escape(doc.short_citation("nl"))}</a>'
    heading_attrs = f' id="{heading_id}"' if heading_id else ""
    return (f'<h1 class="pdf-title"{heading_attrs}>{html_lib.escape(t["title"])}</h1>'
            f'<p class="pdf-excerpt">{t["excerpt"].format(citation=linked)}</p>'
            f'<p class="pdf-language">{t["language"]}</p>'
            + (f'<p class="pdf-unofficial">{t["unofficial"]}</p>' if t["unofficial"] else "")
            + f'<p class="pdf-edition">{t["edition"].format(date=format_date(edition, lang))}</p>'
            + notice_html(lang))


def document(site: Path, lang: str, edition: dt.date) -> str:
    """The whole PDF as one HTML document."""
    from publication.model.references import bibliography

    t = labels(lang)["pdf"]
    doc = bibliography().document
    citation = html_lib.escape(doc.short_citation("nl"))
    parts = [f'<section class="title-page" id="title--top">{title_page_body(lang, edition)}</section>']
    for page in PAGES:
        body = article(page_file(site, lang, page).read_text(encoding="utf-8"))
        body = bars_as_boxes(footnotes_inline(body))
        body = relink(body, page, lang)
        parts.append(f'<section class="pdf-page" id="{page}--top">{body}</section>')
    css = [(ROOT / "docs" / "assets" / "publication.css").read_text(encoding="utf-8"),
           (Path(__file__).parent / "pdf.css").read_text(encoding="utf-8")]
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<title>{html_lib.escape(t["title"])}</title>'
        f'<meta name="author" content="{html_lib.escape(t["author"])}">'
        f'<meta name="description" content="{html_lib.escape(re.sub("<[^>]+>", "", t["excerpt"].format(citation=citation)))}">'
        f'<meta name="dcterms.created" content="{edition.isoformat()}">'
        f'<meta name="dcterms.modified" content="{edition.isoformat()}">'
        f'<meta name="keywords" content="{html_lib.escape(", ".join(t["keywords"]))}">'
        f'<style>{"".join(css)}</style></head>'
        f'<body class="pdf">{"".join(parts)}</body></html>'
    )


DC = "http://purl.org/dc/elements/1.1/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def xmp_additions(lang: str, edition: dt.date) -> list[tuple[str, str, list[str]]]:
    """What the PDF's XMP adds to WeasyPrint's (title, description, dates): the
    language, the edition, the source it reproduces and the subject's keywords, as
    (Dublin Core element, RDF container or None for a plain text, values)."""
    from publication.model.references import bibliography

    t = labels(lang)["pdf"]
    return [
        ("language", "Bag", [lang]),
        ("identifier", None, [t["identifier"].format(date=edition.isoformat())]),
        ("source", None, [bibliography().document.formal_citation() + ", p. 32"]),
        ("subject", "Bag", list(t["keywords"])),
    ]


def _with_xmp_additions(generate, additions):
    """WeasyPrint's XMP generator, with one rdf:Description more."""
    from xml.etree.ElementTree import SubElement, fromstring, tostring

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


def make(site: Path, lang: str, target: Path, edition: dt.date | None = None) -> Path:
    from weasyprint import HTML

    from publication.model import edition as edition_mod

    edition = edition or edition_mod.date()
    document_ = HTML(string=document(site, lang, edition), base_url=str(site)).render()
    meta = document_.metadata
    meta.generate_rdf_metadata = _with_xmp_additions(meta.generate_rdf_metadata, xmp_additions(lang, edition))
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
