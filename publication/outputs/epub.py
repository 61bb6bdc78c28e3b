"""The EPUB 3 of one language, made by ebooklib from the built pages.

Reading order: a title page (it says that the English is an unofficial translation, as
the English book's title and description do), the sections (with the chart and its
table and the follow-ups), the timeline, the references (`book.chapters`). The
book transformer (`book.py`) takes each page's article: the screen's controls go, the
footnotes become EPUB footnotes: each call a `noteref` with the source's number (35,
36, 37), each note an `<aside epub:type="footnote">` that reading systems show as a
pop-up, its number a link back to its call. Links between the chapters stay links; a
link to a page that is not in the book keeps its words and loses its address (a reader
has no site beside the book). The styles are the book's (book.css), the PDF's too. The
package carries dc:language, the source it reproduces, and the accessibility metadata
of EPUB Accessibility 1.1.

Two builds of one commit give the same bytes: the modification date is the edition's,
the identifier is derived from the edition, and the zip is written in a fixed order
with the edition's time.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import unicodedata
import uuid
import zipfile
from pathlib import Path

from lxml import etree

from publication import DEFAULT_LANGUAGE
from publication.model import edition as edition_mod
from publication.model.references import format_date
from publication.outputs import book
from publication.outputs.archive import write_zip
from publication.outputs.pdf import (
    FACES,
    FONT_DIR,
    IN_SHORT_ID,
    colophon_body,
    description,
    in_short_html,
    title_page_body,
)
from publication.render.typography import minify_css

# The e-book's own type, the PDF's (its faces embedded, cut to the book's characters:
# `embedded_faces`); a reading system may put the reader's choice in its place.
# Everything else is the book's stylesheet, the PDF's too.
FONT_FOLDER = "fonts"
EPUB_CSS = """body { font-family: "Linux Libertine O", serif; line-height: 1.45; margin: 0 4%; }
h1, h2, h3 { font-family: "Linux Biolinum O", sans-serif; line-height: 1.2; }
.parallel__label, .sentence-number { font-family: "Linux Biolinum O", sans-serif; }
.unofficial-line { font-size: 0.85em; font-style: italic; margin: -0.3em 0 1em; }
.in-short ol { list-style: none; padding: 0; }
.in-short li { margin: 0 0 0.8em; }
.in-short__letter { font-style: italic; font-weight: bold; margin-right: 0.4em; }
.in-short__what { display: block; color: inherit; text-decoration: none; }
.in-short__what strong, .in-short__what--plain { text-decoration: underline; }
"""


def _titles(toc) -> list[str]:
    """Every title of a table of contents (ebooklib's Links and (Section, [Links]))."""
    out = []
    for entry in toc:
        if isinstance(entry, tuple):
            section, links = entry
            out += [section.title, *_titles(links)]
        else:
            out.append(entry.title)
    return out


def embedded_faces(text: str, folder: Path | None = None) -> list[tuple[str, bytes]]:
    """The PDF's faces (`FACES`) for the e-book: each cut with fontTools' subsetter to the
    characters of `text` (the book's), as (file name, OpenType bytes), the same bytes
    on every run (no new timestamp). A whole face is 0.4 to 0.6 MB; cut, a few dozen kB."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    folder = folder or FONT_DIR
    # every character a page shows, the spaces of every width among them
    unicodes = sorted({ord(c) for c in text if c.isprintable() or unicodedata.category(c) == "Zs"} | {0x20})
    out = []
    for *_, name in FACES:
        font = TTFont(folder / name, recalcTimestamp=False)
        options = subset.Options()
        options.name_IDs = ["*"]  # the faces' names and their licence (OFL) stay with them
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: the subsetter would say it drops them
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=unicodes)
        cutter.subset(font)
        buffer = io.BytesIO()
        font.save(buffer)
        out.append((name, buffer.getvalue()))
    return out


def font_face_css(faces=FACES) -> str:
    """The @font-face rules of the e-book's embedded faces (`FONT_FOLDER`)."""
    return "".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; font-style: {style}; '
        f"src: url({FONT_FOLDER}/{name}); }}\n"
        for family, weight, style, name in faces
    )


COVER_SIZE = (1200, 1800)  # 2:3, what e-book stores ask of a cover
COVER_PAPER = (250, 248, 243)
COVER_INK = (26, 26, 26)
COVER_RULE = (150, 150, 150)


def _wrapped(text: str, font, width: int) -> list[str]:
    """`text` in lines no wider than `width` pixels in `font`, broken between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(lines[-1] + " " + word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def cover_png(lang: str, pub, edition: dt.date, folder: Path | None = None) -> bytes:
    """The book's cover as a PNG (what every reading system and store shows), set in
    the PDF's type (Linux Libertine and Biolinum, from their files, so it is the same on
    any machine): the title, the section's name in italic, a rule, what the book is (the
    English: an unofficial translation) and that it is no government publication, at its
    foot the edition; in ink on paper, as the PDF's title page."""
    from PIL import Image, ImageDraw, ImageFont

    files = {(family, weight, style): name for family, weight, style, name in FACES}
    folder = folder or FONT_DIR

    def face(family: str, size: int, style: str = "normal", weight: str = "normal"):
        path = folder / files[(family, weight, style)]
        return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)

    words = pub.labels(lang)["pdf"]
    title, _, subtitle = words["title"].partition(" – ")
    width, height = COVER_SIZE
    left, measure = 130, width - 2 * 130
    image = Image.new("RGB", COVER_SIZE, COVER_PAPER)
    draw = ImageDraw.Draw(image)
    if lang != DEFAULT_LANGUAGE:
        # a translation says so first, where a store's thumbnail still shows it
        status = pub.labels(lang)["reader"]["unofficial_name"]
        bold = face("Linux Biolinum O", 46, weight="bold")
        for i, line in enumerate(_wrapped(status.upper(), bold, measure)[:2]):
            draw.text((left, 150 + 58 * i), line, font=bold, fill=COVER_INK)
    y = 330
    big = face("Linux Libertine O", 104)
    for line in _wrapped(title, big, measure):
        draw.text((left, y), line, font=big, fill=COVER_INK)
        y += 122
    if subtitle:
        y += 24
        italic = face("Linux Libertine O", 84, "italic")
        for line in _wrapped(subtitle, italic, measure):
            draw.text((left, y), line, font=italic, fill=COVER_INK)
            y += 100
    y += 70
    draw.rectangle((left, y, left + 240, y + 3), fill=COVER_RULE)
    y += 70
    small = face("Linux Biolinum O", 44)
    for line in _wrapped(re.sub("<[^>]+>", "", words["cover_line"]), small, measure):
        draw.text((left, y), line, font=small, fill=COVER_INK)
        y += 62
    # the paper it is from, as the plan is cited
    y += 24
    for line in _wrapped(pub.bib.document.short_citation(lang), small, measure):
        draw.text((left, y), line, font=small, fill=COVER_INK)
        y += 62
    dated = re.sub("<[^>]+>", "", words["edition"].format(date=format_date(edition, lang)))
    draw.text((left, height - 200), dated, font=small, fill=COVER_INK)
    out = io.BytesIO()
    # its few tones of ink on paper as a palette: a third of the size, the same to the eye
    image.quantize(colors=32, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=True
    )
    return out.getvalue()


def _ident(chapter: book.Chapter, ident: str) -> str:
    return ident.replace(":", "")  # fn:35 -> fn35 (a colon is no part of an XML id)


def _target(chapter: book.Chapter, fragment: str) -> str:
    fragment = _ident(chapter, fragment)
    return f"{chapter.file}#{fragment}" if fragment else chapter.file


def chapter_body(
    site: Path, chapter: book.Chapter, chapters: list[book.Chapter], pub
) -> tuple[str, list[tuple[str, str]]]:
    """A chapter's article as the XHTML body of its file, and its h2 headings (id, text)
    for the navigation."""
    root = book.prepare(chapter.built(site).read_text(encoding="utf-8"))
    book.drop_class(root, "print-only")  # the side-by-side appendix stacks in an e-book
    book.label_cells(root)  # … each paragraph named by its language
    if chapter.kind == book.APPENDIX:
        book.appendix_sentence_numbers(root)  # the addresses the colophon tells a reader to cite
    unofficial = pub.labels(chapter.lang)["pdf"]["unofficial"]
    heading = root.find(".//h1")
    if chapter.kind == book.SECTION and unofficial and heading is not None:
        # a translated text says under its title what it is, as the site's strip and the
        # PDF's running header do (a reader may open the chapter straight from the contents)
        notice = etree.Element("p", {"class": "unofficial-line"})
        notice.text = unofficial
        heading.addnext(notice)
    book.epub_footnotes(root, pub.labels(chapter.lang)["footnotes"])
    book.relink(root, chapter, chapters, _ident, _target)
    # A link inside the chapter needs no file name.
    for a in root.iter("a"):
        if (a.get("href") or "").startswith(f"{chapter.file}#"):
            a.set("href", a.get("href")[len(chapter.file) :])
    headings = [
        (h.get("id"), h.text_content().strip())
        for h in root.xpath(".//h2[@id]")
        if h.getparent().get("class") != "footnotes"
    ]
    body = "".join(etree.tostring(child, encoding="unicode", method="xml") for child in root)
    # lxml names the OPS namespace ns0, ns1 … on each element; the book declares it as
    # `epub` on its root, and reading systems look for `epub:type`.
    body = re.sub(r' xmlns:(ns\d+)="http://www\.idpf\.org/2007/ops"', "", body)
    body = re.sub(r"\bns\d+:type=", "epub:type=", body)
    return (root.text or "").strip() + body, headings


def make(site: Path, lang: str, target: Path, pub, epoch: int | None = None) -> Path:
    """Write the EPUB of `lang` of the publication `pub` from its built site into
    `target`, dated by `epoch` (by default the publication's edition)."""
    from ebooklib import epub

    epoch = epoch if epoch is not None else pub.edition_epoch
    edition = edition_mod.day(epoch)
    book_words = pub.labels(lang)["pdf"]
    epub_words = pub.labels(lang)["epub"]
    doc = pub.bib.document

    ebook = epub.EpubBook()
    ebook.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{doc.url}#{lang}#{edition.isoformat()}')}")
    ebook.set_title(book_words["book_title"].format(title=book_words["title"]))
    ebook.set_language(lang)
    ebook.add_author(book_words["author"])
    ebook.add_metadata("DC", "publisher", book_words["author"])
    ebook.add_metadata("DC", "date", edition.isoformat())
    ebook.add_metadata("DC", "source", doc.short_citation("nl"))
    ebook.add_metadata("DC", "description", description(lang, pub))
    for keyword in book_words["keywords"]:
        ebook.add_metadata("DC", "subject", keyword)
    # EPUB Accessibility 1.1 (schema.org's accessibility properties).
    for mode in ("textual", "visual"):
        ebook.add_metadata(None, "meta", mode, {"property": "schema:accessMode"})
    ebook.add_metadata(None, "meta", "textual", {"property": "schema:accessModeSufficient"})
    for feature in (
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
        "longDescription",
        "displayTransformability",
    ):
        ebook.add_metadata(None, "meta", feature, {"property": "schema:accessibilityFeature"})
    ebook.add_metadata(None, "meta", "none", {"property": "schema:accessibilityHazard"})
    ebook.add_metadata(None, "meta", epub_words["summary"], {"property": "schema:accessibilitySummary"})
    # No conformance claim (dcterms:conformsTo, a11y:certifiedBy): the book has not been
    # audited for accessibility, as its summary and the accessibility statement say.

    style = epub.EpubItem(
        uid="style",
        file_name="style.css",
        media_type="text/css",
        # the e-book's own rules last: its type wins over the shared stylesheet's generic sans
        content=minify_css(font_face_css() + book.stylesheet() + EPUB_CSS).encode(),
    )
    ebook.add_item(style)

    title_page = epub.EpubHtml(title=book_words["title"], file_name="title.xhtml", lang=lang)
    title_page.content = (
        f'<section epub:type="titlepage" aria-labelledby="title">'
        f"{title_page_body(lang, edition, pub, heading_id='title')}</section>"
    )
    contents = book.chapters(lang, pub.root, appendix=True)  # the side-by-side appendix too, stacked
    colophon = epub.EpubHtml(title=book_words["colophon_heading"], file_name="colophon.xhtml", lang=lang)
    # what became of the announcements in short before the colophon, as in the PDF
    in_short = in_short_html(lang, pub, contents, _target)
    colophon.content = (
        f"{in_short}"
        f'<section epub:type="colophon" aria-labelledby="colophon">'
        f"{colophon_body(lang, edition, pub, medium='epub', heading_id='colophon')}</section>"
    )
    chapters = [title_page, colophon]
    toc: list = [epub.Link("title.xhtml", book_words["title"], "title")]
    if in_short:  # the answer in short has its own entry: a reader's first question
        toc.append(
            epub.Link(f"colophon.xhtml#{IN_SHORT_ID}", pub.labels(lang)["followups"]["table_caption"], "in-short")
        )
    toc.append(epub.Link("colophon.xhtml#colophon", book_words["colophon_heading"], "colophon"))
    for part in contents:
        page, file_name = part.key, part.file
        body, headings = chapter_body(site, part, contents, pub)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
        title = re.sub("<[^>]+>", "", heading.group(1)).strip() if heading else page
        chapter = epub.EpubHtml(title=title, file_name=file_name, lang=lang)
        chapter.content = body
        chapters.append(chapter)
        if headings:
            toc.append(
                (
                    epub.Section(title, file_name),
                    [epub.Link(f"{file_name}#{i}", text, f"{page}-{i}") for i, text in headings],
                )
            )
        else:
            toc.append(epub.Link(file_name, title, page))
    for chapter in chapters:
        chapter.add_item(style)
        ebook.add_item(chapter)
    ebook.add_item(epub.EpubNcx())  # for EPUB 2 reading systems
    nav = epub.EpubNav(title=epub_words["contents"])
    nav.add_item(style)
    ebook.add_item(nav)
    ebook.toc = toc
    # The cover: the image (marked cover-image) and a page that shows it, first in the spine.
    ebook.set_cover("cover.png", cover_png(lang, pub, edition), create_page=False)
    cover = epub.EpubHtml(title=book_words["title"], file_name="cover.xhtml", lang=lang)
    book_title = html.escape(book_words["book_title"].format(title=book_words["title"]))
    cover.content = f'<section epub:type="cover"><img src="cover.png" alt="{book_title}"/></section>'
    cover.add_item(style)
    ebook.add_item(cover)
    # The type, cut to the characters the book's pages and contents hold.
    said = "".join(c.content for c in (*chapters, cover)) + "".join(_titles(toc)) + epub_words["contents"]
    said = html.unescape(said)  # "&#8217;" is the character it names
    for i, (name, data) in enumerate(embedded_faces(said)):
        ebook.add_item(
            epub.EpubItem(uid=f"font-{i}", file_name=f"{FONT_FOLDER}/{name}", media_type="font/otf", content=data)
        )
    # The contents page stays out of the reading order (linear="no"): a reading system
    # offers it as the book's contents; read on from the colophon, the text comes next.
    ebook.spine = [cover, chapters[0], chapters[1], ("nav", "no"), *chapters[2:]]
    mtime = dt.datetime.fromtimestamp(epoch, dt.UTC).replace(tzinfo=None)
    written = target.with_suffix(".tmp.epub")
    epub.write_epub(
        str(written),
        ebook,
        {
            "mtime": mtime,
            "epub2_guide": False,
            "epub3_landmark": True,
            "spine_direction": False,
            "package_direction": False,
            # ebooklib would list every element with an epub:type and an id (the notes,
            # their calls) as a printed page; the book has no print pages to list.
            "epub3_pages": False,
        },
    )
    # The same entries in a fixed order with the edition's time, `mimetype` first and
    # stored, as OCF requires.
    with zipfile.ZipFile(written) as src:
        names = ["mimetype"] + sorted(n for n in src.namelist() if n != "mimetype")
        write_zip(target, [(name, src.read(name)) for name in names], epoch, stored=frozenset({"mimetype"}))
    written.unlink()
    return target
