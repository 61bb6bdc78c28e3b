"""The printable PDF of one language, made by WeasyPrint from the built pages.

Reading order: a title page, the sections, the references, and the side-by-side page
as an appendix (`book.chapters`). The book transformer (`book.py`) takes each page's
article: the screen's controls go, the notes become WeasyPrint footnotes
(`float: footnote`) at the foot of the page that calls them, numbered as in the source
(35, 36, 37; on the side-by-side pages too), each with its link printed and clickable.
Links between the pages become links inside the PDF. The running header names the
document (the English one as an unofficial translation). The PDF carries its title,
author and language, bookmarks from the headings, and is tagged (PDF/UA-1).

The type is set as a book's (pdf.css): Linux Libertine and Linux Biolinum, read from
their files in Debian's fonts-linuxlibertine (`FACES`), so the PDF is the same whatever
fonts the machine prefers; without them it is not made
(`missing_faces`). The appendix is a table (book.parallel_table).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import inspect
import re
import textwrap
from contextlib import contextmanager
from pathlib import Path
from xml.etree.ElementTree import SubElement, fromstring, tostring

from lxml import etree
from lxml import html as lxml_html

from publication.model import citation as citation_mod
from publication.model.references import format_date
from publication.outputs import book
from publication.render.followup_notes import sentences_named, summary_html, tally, upper_first
from publication.render.history import notice_html
from publication.render.placeholders import example_sentence

PAGE_CSS = Path(__file__).with_name("pdf.css")

# The PDF's type: (family as pdf.css names it, weight, style, file).
FONT_PACKAGE = "fonts-linuxlibertine"
FONT_DIR = Path("/usr/share/fonts/opentype/linux-libertine")
FACES = (
    ("Linux Libertine O", "normal", "normal", "LinLibertine_R.otf"),
    ("Linux Libertine O", "bold", "normal", "LinLibertine_RB.otf"),
    ("Linux Libertine O", "normal", "italic", "LinLibertine_RI.otf"),
    ("Linux Libertine O", "bold", "italic", "LinLibertine_RBI.otf"),
    ("Linux Biolinum O", "normal", "normal", "LinBiolinum_R.otf"),
    ("Linux Biolinum O", "bold", "normal", "LinBiolinum_RB.otf"),
    ("Linux Biolinum O", "normal", "italic", "LinBiolinum_RI.otf"),
)


NBSP = "\u00a0"


def missing_faces(folder: Path | None = None) -> list[Path]:
    """The font files of `FACES` that `folder` (by default `FONT_DIR`) lacks."""
    folder = folder or FONT_DIR
    return [folder / name for *_, name in FACES if not (folder / name).is_file()]


def font_faces(folder: Path | None = None) -> str:
    """The @font-face rules of the PDF's type, each from its file."""
    folder = folder or FONT_DIR
    return "".join(
        f"@font-face {{ font-family: {css_string(family)}; font-weight: {weight}; font-style: {style}; "
        f"src: url({css_string((folder / name).as_uri())}); }}"
        for family, weight, style, name in FACES
    )


class MissingFonts(Exception):
    """The PDF's type is not on this machine."""

    def __init__(self, missing: list[Path]):
        super().__init__(
            f"{missing[0]}: the PDFs' type (Linux Libertine) is missing; "
            f"install the Debian package {FONT_PACKAGE} (make system-deps does)"
        )
        self.missing = missing


def _ident(chapter: book.Chapter, ident: str) -> str:
    return f"{chapter.key}--{ident}"


def _target(chapter: book.Chapter, fragment: str) -> str:
    return f"#{chapter.key}--{fragment or 'top'}"


def chapter_body(
    site: Path, chapter: book.Chapter, chapters: list[book.Chapter], followup_words: dict | None = None
) -> str:
    """A chapter's article as the PDF's HTML: no screen controls, the notes as
    WeasyPrint footnotes, ids and links inside the PDF; a section's follow-ups gathered
    after its text under `followup_words["heading"]` (without the words, after their
    paragraphs)."""
    root = book.prepare(chapter.built(site).read_text(encoding="utf-8"))
    book.drop_class(root, "epub-only")
    # On paper the chart's bars carry their values: the table of the same four numbers
    # (for a screen reader on the web, and in the EPUB) is not printed twice.
    for table in root.xpath('.//table[contains(concat(" ", @class, " "), " chart__table ")]'):
        table.getparent().remove(table)
    if chapter.kind == book.APPENDIX:
        book.parallel_table(root)
    if chapter.kind == book.SECTION:
        book.margin_numbers(root)
        if followup_words:
            gather_followups(root, followup_words)
    book.print_footnotes(root)
    book.relink(root, chapter, chapters, _ident, _target)
    repeated_urls(root)
    return html_lib.escape(root.text or "", quote=False) + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )


def css_string(text: str) -> str:
    """A CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def title_page_body(lang: str, edition: dt.date, pub, heading_id: str | None = None) -> str:
    """The title page's heading and lines (the PDF's and the EPUB's): title, the excerpt
    with its citation linked, language, the translation's status, that it is no
    government publication, the edition."""

    book_words = pub.labels(lang)["pdf"]
    doc = pub.bib.document
    # cited as the book's language cites it ("no. 233" in English), never broken
    linked = f'<a href="{doc.url}">{html_lib.escape(doc.short_citation(lang, nobreak=True))}</a>'
    heading_attrs = f' id="{heading_id}"' if heading_id else ""
    markup = (
        f'<h1 class="pdf-title"{heading_attrs}>{html_lib.escape(book_words["title"])}</h1>'
        f'<p class="pdf-excerpt">{book_words["excerpt"].format(citation=linked)}</p>'
        f'<p class="pdf-language">{book_words["language"]}</p>'
        + (f'<p class="pdf-unofficial">{book_words["unofficial"]}</p>' if book_words["unofficial"] else "")
        + f'<p class="pdf-status">{html_lib.escape(book_words["status"])}</p>'
        + f'<p class="pdf-edition">{book_words["edition"].format(date=format_date(edition, lang))}</p>'
        + notice_html(lang, pub)
    )
    holder = lxml_html.fragment_fromstring(markup, create_parent="div")
    book.keep_numbers(holder)
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in holder)


def colophon_body(lang: str, edition: dt.date, pub, medium: str = "pdf", heading_id: str | None = None) -> str:
    """The colophon (the PDF's second page, the EPUB's second file): who does not publish
    this (the government), what it reproduces and what it adds, how to cite it, the
    edition; in the PDF its type."""
    words = pub.labels(lang)["pdf"]
    doc = pub.bib.document
    citation = html_lib.escape(doc.short_citation(lang))
    formal = html_lib.escape(citation_mod.formal(doc, citation_mod.pinpoint(doc, pub)))
    date = format_date(edition, lang)
    cite_edition = pub.labels(lang)["pages"]["cite_edition"].format(title=words["title"], date=date)
    sections = pub.sections()
    example = example_sentence(sections[0].page, pub) if sections else None
    heading_attrs = f' id="{heading_id}"' if heading_id else ""
    parts = [
        f'<h2 class="colophon__heading"{heading_attrs}>{html_lib.escape(words["colophon_heading"])}</h2>',
        f"<p>{words['colophon_publisher'].format(citation=citation)}</p>",
        f"<p>{html_lib.escape(words['colophon_additions'])}</p>",
    ]
    if example:
        parts.append(
            f"<p>{html_lib.escape(words['colophon_cite'].format(edition=cite_edition, citation=formal, example=example))}</p>"
        )
    if example and medium == "epub":
        # the e-book's text reads on without them: they stand in its side-by-side chapter
        parts.append(f"<p>{html_lib.escape(words['colophon_numbers_epub'])}</p>")
    edition_line = words["colophon_edition"].format(date=date)
    if medium == "pdf":  # its type, in the edition's line (page 2 holds the whole colophon)
        edition_line += " " + words["colophon_type"]
    parts.append(f"<p>{html_lib.escape(edition_line)}</p>")
    holder = lxml_html.fragment_fromstring("".join(parts), create_parent="div")
    book.keep_numbers(holder)
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in holder)


def gather_followups(root, words: dict) -> int:
    """On paper the section's text runs on, page after page: its follow-ups (each called
    by its letter after its sentence) stand together after it, under one heading, as an
    edition gathers its editor's notes at a section's end (after their paragraphs they
    broke page 32's text over four pages). Returns the number gathered."""
    notes = [
        el
        for el in root.xpath(f".//div[{book.has_class('followup')}]")
        if not el.xpath(f"ancestor::*[{book.has_class('parallel')}]")
    ]
    if not notes:
        return 0
    section = etree.SubElement(root, "section", {"class": "pdf-followups"})
    heading = etree.SubElement(section, "h2", {"id": "pdf-followups"})
    heading.text = words["heading"]
    for note in notes:
        note.getparent().remove(note)
        note.tail = None
        section.append(note)
    return len(notes)


def contents_html(site: Path, chapters: list, words: dict) -> str:
    """The book's contents on the back of its title page: each chapter's title (its
    page's), with the page it begins on (pdf.css: a leader and the target's page)."""
    items = []
    for chapter in chapters:
        titles = book.article(chapter.built(site).read_text(encoding="utf-8")).xpath(".//h1")
        if not titles:
            continue
        for link in titles[0].xpath(f".//a[{book.has_class('headerlink')}]"):
            link.drop_tree()
        title = " ".join(titles[0].text_content().split())
        items.append(f'<li><a href="#{chapter.key}--top">{html_lib.escape(title)}</a></li>')
    if not items:
        return ""
    heading = html_lib.escape(words["contents_heading"])
    return (
        f'<nav class="pdf-contents" aria-labelledby="pdf-contents-heading">'
        f'<h2 id="pdf-contents-heading">{heading}</h2><ol>{"".join(items)}</ol></nav>'
    )


IN_SHORT_ID = "in-short-heading"


def in_short_html(lang: str, pub, chapters: list, target=None) -> str:
    """What became of the announcements, in short, on the back of the title page under the
    contents: a reader's first question of a plan of 2023 is whether what it announced
    happened, and the answers stand after the text (their notes) and in the timeline. Each
    follow-up a reader sees: its letter (as it calls it beside its sentence), what was
    announced, its verdict and what became of it in a few words, and the page of its note
    (a leader, as the contents; the EPUB links it by `target`, its own). Empty without one."""
    target = target or _target
    w = pub.labels(lang)["followups"]
    items = []
    for chapter in chapters:
        if chapter.kind != book.SECTION:
            continue
        for f in pub.followups.in_order(chapter.key):  # the section's name, as `tally` counts it
            where = sentences_named(f, lang, pub)
            about = f.about.get(lang) or where
            # with how sure it is, as beside the text: "(press reports only)"
            what = summary_html(f, lang, pub)
            announced = w["announced"].replace("{about}", upper_first(about)).replace("{where}", where)
            items.append(
                f'<li><span class="in-short__letter">{pub.followups.letter(f)}</span> '
                f'<span class="in-short__about">{html_lib.escape(announced)}</span> '
                f'<a class="in-short__what{"" if f.verdict else " in-short__what--plain"}" '
                f'href="{target(chapter, f.anchor)}">{what}</a></li>'
            )
    if not items:
        return ""
    heading = html_lib.escape(w["table_caption"])
    answer = html_lib.escape(tally(lang, pub, [c.key for c in chapters if c.kind == book.SECTION]))
    return (
        f'<section class="in-short" aria-labelledby="{IN_SHORT_ID}">'
        f'<h2 id="{IN_SHORT_ID}">{heading}</h2><p class="in-short__tally">{answer}</p>'
        f"<ol>{''.join(items)}</ol></section>"
    )


def description(lang: str, pub) -> str:
    """What the book is, in one plain sentence (the PDF's and the EPUB's description):
    the English says first that it is an unofficial translation."""
    words = pub.labels(lang)["pdf"]
    return re.sub("<[^>]+>", "", words["description"].format(citation=pub.bib.document.short_citation(lang)))


def document(site: Path, lang: str, edition: dt.date, pub) -> str:
    """The whole PDF of the publication `pub` as one HTML document."""
    book_words = pub.labels(lang)["pdf"]
    chapters = book.chapters(lang, pub.root, appendix=True)
    parts = [
        f'<section class="title-page" id="title--top">{title_page_body(lang, edition, pub)}</section>',
        f'<section class="colophon" id="colophon--top">{contents_html(site, chapters, book_words)}'
        f"{in_short_html(lang, pub, chapters)}{colophon_body(lang, edition, pub)}</section>",
    ]
    for chapter in chapters:
        parts.append(
            f'<section class="pdf-page pdf-{chapter.kind}" id="{chapter.key}--top">'
            f"{chapter_body(site, chapter, chapters, pub.labels(chapter.lang)['followups'])}</section>"
        )
    # The running header names the book on every page but the title page and the pages
    # that open a chapter (a book's chapter opens under its own title): a chapter's first
    # element sets the header's text to a blank, its second to the book's name, and each
    # page shows the first it meets (WeasyPrint's `first-except` left every page blank).
    running = css_string(book_words["running_header"].format(title=book_words["title"]))
    header = (
        "@page { @top-center { content: string(running, first); } }"
        ' .colophon > :first-child, .pdf-page > :first-child { string-set: running " "; }'
        f" .pdf-page > :nth-child(2) {{ string-set: running {running}; }}"
    )

    # A link says on which page its target stands ("p." and its number on one line): a
    # note's link to its entry in the references; a sentence named in the timeline's table
    # (the sentence's number stands in the margin there: "(sentence s-4, p. 3)", not a
    # bracket in a bracket); a follow-up's letter after its sentence (the notes stand
    # together after the section's text); a paper named in the timeline's answer (a
    # reader of paper saw blue words and no way to them).
    def page_after(selector: str, before: str, after: str = "", word: str = book_words["page_abbreviation"]) -> str:
        closing = f" {css_string(after)}" if after else ""
        return (
            f"{selector}::after {{ content: {css_string(before + word + NBSP)} "
            f"target-counter(attr(href url), page){closing}; }}"
        )

    header += (
        page_after(".note-added__link", ", ")
        + page_after(".followup-overview td:first-child a", ", ")
        + page_after("a.followup-ref", NBSP + "(", ")")
        # "(see p. 9)": "(p. 9)" after a paper's number read as a page of that paper
        + page_after(f'.pdf-{book.HISTORY} > p a[href^="#"]', NBSP + "(", ")", word=book_words["see_page"])
    )
    css = [font_faces(), book.stylesheet(), PAGE_CSS.read_text(encoding="utf-8"), header]
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html_lib.escape(book_words['book_title'].format(title=book_words['title']))}</title>"
        f'<meta name="author" content="{html_lib.escape(book_words["author"])}">'
        f'<meta name="description" content="{html_lib.escape(description(lang, pub))}">'
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
        ("source", None, [citation_mod.formal(bib.document, citation_mod.pinpoint(bib.document, pub))]),
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


@contextmanager
def hanging_spaces():
    """While a PDF is laid out: a text that fits its line once its last space hangs at the
    line's end (as Pango lays it out) stays whole. WeasyPrint 70 measures such a text with
    its space (text/line_break.py, split_first_line) and then cuts it after its first
    word: a link or a number kept whole (`book.keep_numbers`) right after a full line left
    "On" alone on the line above "17 June 2024 the plan was …". Only that case changes:
    a text that does not fit without its space is cut as WeasyPrint cuts it. With another
    WeasyPrint whose function differs, nothing is changed (tests/test_pdf.py reads the
    lines back and finds a line cut short, whatever its cause)."""
    from weasyprint.layout import inline

    original = inline.split_first_line
    expected = ["text", "style", "context", "max_width", "justification_spacing", "is_line_start", "minimum"]
    if list(inspect.signature(original).parameters) != expected:
        yield
        return

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):
        result = original(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if (
            result[2] is None
            or max_width is None
            or not text.endswith(" ")
            or style["white_space"] not in ("normal", "pre-line")
        ):
            return result
        if original(text.rstrip(" "), style, context, max_width, justification_spacing, is_line_start, minimum)[2]:
            return result  # it does not fit even with its space hanging
        return original(text, style, context, None, justification_spacing, is_line_start, minimum)

    inline.split_first_line = split_first_line
    try:
        yield
    finally:
        inline.split_first_line = original


# WeasyPrint 70 (layout/block.py, _linebox_layout): when a line overflows the page where
# widows and orphans leave no break before it, the notes already placed on the page are
# moved to the next one to make room, away from their calls (note 37 on the page after
# "exploitation.37", whatever `footnote-policy` says). Without that step the line breaks
# as widows and orphans allow, and each note stays on the page of its call.
_DEFERRAL = "report = not context.in_column and can_break_now and not could_break_before"


def _linebox_layout_keeping_notes():
    """WeasyPrint's _linebox_layout without the step that moves placed notes to the next
    page; None when its source is not the one this was written for."""
    from weasyprint.layout import block

    try:
        source = textwrap.dedent(inspect.getsource(block._linebox_layout))
    except (OSError, TypeError):
        return None
    if source.count(_DEFERRAL) != 1:
        return None
    namespace = dict(vars(block))
    exec(compile(source.replace(_DEFERRAL, "report = False"), block.__file__, "exec"), namespace)  # noqa: S102
    return namespace["_linebox_layout"]


@contextmanager
def notes_with_their_calls():
    """While a PDF is laid out, WeasyPrint keeps each note on the page of its call (see
    `_DEFERRAL`); with another WeasyPrint nothing changes (tests/test_pdf.py reads every
    note's page back against its call's)."""
    from weasyprint.layout import block

    patched = _linebox_layout_keeping_notes()
    if patched is None:
        yield
        return
    original = block._linebox_layout
    block._linebox_layout = patched
    try:
        yield
    finally:
        block._linebox_layout = original


def make(site: Path, lang: str, target: Path, pub, edition: dt.date | None = None) -> Path:
    """The PDF in `lang` of the publication `pub` from its built `site`, dated `edition`
    (by default the publication's)."""
    from weasyprint import HTML

    edition = edition or pub.edition_date
    if missing := missing_faces():
        raise MissingFonts(missing)
    markup = document(site, lang, edition, pub)
    with hanging_spaces(), notes_with_their_calls():
        document_ = HTML(string=markup, base_url=str(site)).render()
        shared = shared_margin_lines(document_)
        if shared:  # numbers that fell on one line become one, and the book is laid out again
            document_ = HTML(string=merge_margin_numbers(markup, shared), base_url=str(site)).render()
    meta = document_.metadata
    meta.generate_rdf_metadata = _with_xmp_additions(meta.generate_rdf_metadata, xmp_additions(lang, edition, pub))
    document_.write_pdf(target, pdf_variant="pdf/ua-1", custom_metadata=True)
    add_header_scopes(target)
    return target


def repeated_urls(root) -> int:
    """A list names an address twice (a paper's "Cite" line and its "Official
    publication" link name one page): paper prints it once, after its last link (the one
    that names the page, "Official publication"; after "Cite" a reader looked for it in
    vain), the others marked `url-repeat` (pdf.css). Returns the number marked."""
    count = 0
    for listing in root.xpath(".//ul[not(ancestor::ul)] | .//ol[not(ancestor::ol)]"):
        last: dict[str, object] = {}
        links = listing.xpath('.//a[starts-with(@href, "http")]')
        for a in links:
            last[a.get("href")] = a
        for a in links:
            if last[a.get("href")] is not a:
                a.set("class", " ".join([*(a.get("class") or "").split(), "url-repeat"]))
                count += 1
    return count


MARGIN_NUMBER = "margin-number"  # book.margin_numbers' class


def shared_margin_lines(document_) -> list[list[str]]:
    """The sentence numbers (book.margin_numbers) that a laid-out `document_` puts on one
    line of the margin, each group in the text's order: [["s-10", "s-11"], …]."""
    lines: dict[tuple[int, float], list[str]] = {}

    def walk(box, page: int) -> None:
        element = getattr(box, "element", None)
        if (
            element is not None
            and type(box).__name__ == "AbsolutePlaceholder"
            and MARGIN_NUMBER in (element.get("class") or "").split()
        ):
            lines.setdefault((page, round(box.position_y, 1)), []).append(element.text)
        for child in getattr(box, "children", None) or ():
            walk(child, page)

    for i, page in enumerate(document_.pages):
        walk(page._page_box, i)  # noqa: SLF001 - WeasyPrint's laid-out boxes, read only
    return [numbers for numbers in lines.values() if len(numbers) > 1]


def merge_margin_numbers(markup: str, shared: list[list[str]]) -> str:
    """`markup` with each group of numbers that share a line as one: the first says the
    range ("s-10–11"), the others go."""
    for first, *rest in shared:
        last = rest[-1].removeprefix("s-")
        markup = re.sub(
            rf'(<span class="{MARGIN_NUMBER}"[^>]*>){re.escape(first)}</span>', rf"\g<1>{first}–{last}</span>", markup
        )
        for other in rest:
            markup = re.sub(rf'<span class="{MARGIN_NUMBER}"[^>]*>{re.escape(other)}</span>', "", markup)
    return markup


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
