"""The EPUB 3 of one language, made by ebooklib from the built pages.

Reading order: a title page, the section (with the chart and its table), the
references. The section's footnotes are EPUB footnotes: each call a `noteref` with the
source's number (35, 36, 37), each note an `<aside epub:type="footnote">` that reading
systems show as a pop-up, with a back-link to its call. Links between the two chapters
stay links; a link to a page that is not in the book keeps its words and loses its
address (a reader has no site beside the book). The package carries dc:language, the
source it reproduces, and the accessibility metadata of EPUB Accessibility 1.1.

Two builds of one commit give the same bytes: the modification date is the edition's,
the identifier is derived from the edition, and the zip is written in a fixed order
with the edition's time.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import uuid
import zipfile
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from publication.model.labels import labels
from publication.outputs.pdf import article, page_file, title_page_body
from publication.outputs.archive import write_zip
from publication.render.chart import bars_as_boxes

EPUB_NS = "http://www.idpf.org/2007/ops"
CHAPTERS = {"daderaanpak": "section.xhtml", "references": "references.xhtml"}
STYLESHEET = """
body { font-family: serif; line-height: 1.45; }
h1, h2, h3 { font-family: sans-serif; line-height: 1.2; }
abbr { text-decoration: none; }
.admonition { border-left: 0.25em solid #3f51b5; margin: 1em 0; padding: 0.1em 0.8em; }
.admonition-title { font-weight: bold; }
.chart__plot { display: table; width: 100%; border-spacing: 0 0.3em; }
.chart__bar { display: table-row; }
.chart__label, .chart__value, .chart__track { display: table-cell; vertical-align: middle; }
.chart__label { width: 40%; padding-right: 0.5em; }
.chart__value { width: 4em; text-align: right; }
.chart__track { width: auto; }
.chart__fill { display: block; height: 1em; background: #283593; }
.chart__bar--rest .chart__fill { background: #c5cae9; border: 1px dashed #283593; }
.chart__table { border-collapse: collapse; margin: 0.5em 0; }
.chart__table th, .chart__table td { text-align: left; padding: 0.2em 1em 0.2em 0; border-bottom: 1px solid #999; }
sup { line-height: 0; }
a[role="doc-noteref"] { text-decoration: none; }
section.footnotes { border-top: 1px solid #999; margin-top: 2em; font-size: 0.9em; }
aside[role="doc-footnote"] p { margin: 0.4em 0; }
""".strip()

# Material's page furniture that has no place in a book.
DROP = ('//a[contains(concat(" ", @class, " "), " headerlink ")]',
        '//a[contains(concat(" ", @class, " "), " pair-link ")]',
        '//a[contains(concat(" ", @class, " "), " paragraph-link ")]',
        '//div[contains(concat(" ", @class, " "), " cite ")]')  # the Cite box: the title page cites


def _fragment(markup: str):
    """The article's markup as an element tree (a <div> holding it)."""
    return lxml_html.fragment_fromstring(markup, create_parent="div")


def relink(root, chapter: str) -> None:
    """Links inside the book point to its chapters; other relative links lose their
    address (their words stay); ids and fragments lose their colons (fn:35 -> fn35)."""
    for el in root.iter():
        ident = el.get("id")
        if ident and ":" in ident:
            el.set("id", ident.replace(":", ""))
    for a in list(root.iter("a")):
        href = a.get("href")
        if href is None:
            continue
        if re.match(r"[a-z][a-z0-9+.-]*:", href):
            continue  # an external address
        path, _, fragment = html_lib.unescape(href).partition("#")
        fragment = fragment.replace(":", "")
        if not path:
            a.set("href", f"#{fragment}" if fragment else chapter)
            continue
        parts = [p for p in path.split("/") if p not in ("", ".", "..", "index.html")]
        target = CHAPTERS.get(parts[-1].removesuffix(".html")) if parts else None
        if target is None:
            for attribute in ("href", "hreflang", "type", "download"):
                a.attrib.pop(attribute, None)
            a.drop_tag()  # lxml.html: the words stay, the link goes
            continue
        a.set("href", f"{target}#{fragment}" if fragment else target)


def footnotes(root, lang: str) -> int:
    """Material's footnote list as EPUB footnotes: the calls noterefs, each note an
    aside with its number and a back-link. Returns the number of notes."""
    words = labels(lang)["footnotes"]
    notes = root.xpath('//div[contains(concat(" ", @class, " "), " footnote ")]')
    count = 0
    for div in notes:
        section = etree.Element("section", {"class": "footnotes", f"{{{EPUB_NS}}}type": "footnotes",
                                            "aria-labelledby": "footnotes"})
        heading = etree.SubElement(section, "h2", id="footnotes")
        heading.text = words["heading"]
        for li in div.xpath(".//li"):
            number = li.get("value") or li.get("id", "").split(":")[-1]
            aside = etree.SubElement(section, "aside", {f"{{{EPUB_NS}}}type": "footnote", "role": "doc-footnote",
                                                        "id": f"fn{number}"})
            for back in li.xpath('.//a[contains(@class, "footnote-backref")]'):
                previous = back.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "").rstrip("\xa0 ") + (back.tail or "")
                else:
                    back.getparent().text = (back.getparent().text or "").rstrip("\xa0 ") + (back.tail or "")
                back.getparent().remove(back)
            paragraphs = li.xpath("./p") or [li]
            first = True
            for p in paragraphs:
                out = etree.SubElement(aside, "p")
                if first:
                    link = etree.SubElement(out, "a", {"href": f"#fnref{number}", "role": "doc-backlink",
                                                       "aria-label": words["backlink"].format(n=number),
                                                       "title": words["backlink"].format(n=number)})
                    link.text = number
                    link.tail = ". " + (p.text or "")
                    first = False
                else:
                    out.text = p.text
                for child in list(p):
                    out.append(child)
            count += 1
        div.getparent().replace(div, section)
    for a in root.xpath('//a[contains(@class, "footnote-ref")]'):
        # The site's call is already a doc-noteref named in the page's language.
        number = a.text or ""
        a.attrib.pop("class", None)
        a.set(f"{{{EPUB_NS}}}type", "noteref")
        a.set("href", f"#fn{number}")
        sup = a.getparent()
        if sup is not None and sup.tag == "sup" and sup.get("id"):
            a.set("id", sup.attrib.pop("id").replace(":", ""))
    return count


def chapter_body(site: Path, lang: str, page: str) -> tuple[str, list[tuple[str, str]]]:
    """A built page's article as the XHTML body of its chapter, and its h2 headings
    (id, text) for the navigation."""
    root = _fragment(bars_as_boxes(article(page_file(site, lang, page).read_text(encoding="utf-8"))))
    for xpath in DROP:
        for el in root.xpath(xpath):
            el.drop_tree()  # lxml.html: the element goes, the text after it stays
    for el in root.xpath("//*[@tabindex]"):
        del el.attrib["tabindex"]
    footnotes(root, lang)
    relink(root, CHAPTERS[page])
    headings = [(h.get("id"), h.text_content().strip()) for h in root.xpath("//h2[@id]") if h.get("id") != "footnotes"]
    body = "".join(etree.tostring(child, encoding="unicode", method="xml") for child in root)
    # lxml names the OPS namespace ns0, ns1 … on each element; the book declares it as
    # `epub` on its root, and reading systems look for `epub:type`.
    body = re.sub(r' xmlns:(ns\d+)="http://www\.idpf\.org/2007/ops"', "", body)
    body = re.sub(r"\bns\d+:type=", "epub:type=", body)
    return (root.text or "") + body, headings


def make(site: Path, lang: str, target: Path, edition: dt.date | None = None, epoch: int | None = None) -> Path:
    """Write the EPUB of `lang` from the built site into `target`."""
    from ebooklib import epub

    from publication.model import edition as edition_mod
    from publication.model.references import bibliography

    edition = edition or edition_mod.date()
    epoch = epoch if epoch is not None else edition_mod.epoch()
    t = labels(lang)["pdf"]
    e = labels(lang)["epub"]
    doc = bibliography().document

    book = epub.EpubBook()
    book.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{doc.url}#{lang}#{edition.isoformat()}')}")
    book.set_title(t["title"])
    book.set_language(lang)
    book.add_author(t["author"])
    book.add_metadata("DC", "publisher", t["author"])
    book.add_metadata("DC", "date", edition.isoformat())
    book.add_metadata("DC", "source", doc.short_citation("nl"))
    book.add_metadata("DC", "description", re.sub("<[^>]+>", "", t["excerpt"].format(citation=doc.short_citation("nl"))))
    for keyword in t["keywords"]:
        book.add_metadata("DC", "subject", keyword)
    # EPUB Accessibility 1.1 (schema.org's accessibility properties).
    for mode in ("textual", "visual"):
        book.add_metadata(None, "meta", mode, {"property": "schema:accessMode"})
    book.add_metadata(None, "meta", "textual", {"property": "schema:accessModeSufficient"})
    for feature in ("structuralNavigation", "tableOfContents", "readingOrder", "alternativeText",
                    "longDescription", "displayTransformability"):
        book.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})
    book.add_metadata(None, "meta", "none", {"property": "schema:accessibilityHazard"})
    book.add_metadata(None, "meta", e["summary"], {"property": "schema:accessibilitySummary"})
    book.add_metadata(None, "meta", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA", {"property": "dcterms:conformsTo"})
    book.add_metadata(None, "meta", t["author"], {"property": "a11y:certifiedBy"})

    style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css", content=STYLESHEET.encode())
    book.add_item(style)

    title_page = epub.EpubHtml(title=t["title"], file_name="title.xhtml", lang=lang)
    title_page.content = (f'<section epub:type="titlepage" aria-labelledby="title">'
                          f'{title_page_body(lang, edition, heading_id="title")}</section>')
    chapters = [title_page]
    toc: list = [epub.Link("title.xhtml", t["title"], "title")]
    for page, file_name in CHAPTERS.items():
        body, headings = chapter_body(site, lang, page)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        title = re.sub("<[^>]+>", "", heading.group(1)).strip() if heading else page
        chapter = epub.EpubHtml(title=title, file_name=file_name, lang=lang)
        chapter.content = body
        chapters.append(chapter)
        if headings:
            toc.append((epub.Section(title, file_name), [epub.Link(f"{file_name}#{i}", text, f"{page}-{i}")
                                                         for i, text in headings]))
        else:
            toc.append(epub.Link(file_name, title, page))
    for chapter in chapters:
        chapter.add_item(style)
        book.add_item(chapter)
    book.add_item(epub.EpubNcx())  # for EPUB 2 reading systems
    nav = epub.EpubNav(title=e["contents"])
    nav.add_item(style)
    book.add_item(nav)
    book.toc = toc
    book.spine = [chapters[0], "nav", *chapters[1:]]
    mtime = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    written = target.with_suffix(".tmp.epub")
    epub.write_epub(str(written), book, {"mtime": mtime, "epub2_guide": False, "epub3_landmark": True,
                                         "spine_direction": False, "package_direction": False})
    # The same entries in a fixed order with the edition's time, `mimetype` first and
    # stored, as OCF requires.
    with zipfile.ZipFile(written) as src:
        names = ["mimetype"] + sorted(n for n in src.namelist() if n != "mimetype")
        write_zip(target, [(name, src.read(name)) for name in names], epoch, stored=frozenset({"mimetype"}))
    written.unlink()
    return target
