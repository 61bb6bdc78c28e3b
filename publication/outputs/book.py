"""The book: the built pages as the chapters of the PDF and the EPUB, by one transformer
on lxml (never regular expressions over HTML).

Which pages, in which order, comes from the project itself (`chapters`): the sections
(pages whose front matter has `source_page`) in the order of the language's navigation
in mkdocs.yml, then the timeline (the page holding `[[history]]`: where the section
stands now, the answer a reader of the book asks for), then the references (the page
holding `[[references]]`), then the translation notes (the page holding `[[terms]]`:
how the text was reproduced and translated, which a reader of a translation needs on
paper too), then, for the PDF only, the side-by-side page as an appendix (the page
holding `[[parallel]]` or `[[parallel:…]]`).

Each page's <article> goes through the same steps for both media:

- `drop_controls`: what works only on a screen goes (heading links, ¶ and ⇄, the
  footnotes' ↩ back arrows, the Cite box and the citation files' links, tab stops);
- `chart_boxes`: each drawn bar becomes a box of its share's width, the value beside it;
- the footnotes take each medium's form, always with the source's number (35, 36, 37):
  `print_footnotes` (WeasyPrint's `float: footnote`, the number in `data-n`) or
  `epub_footnotes` (noteref and aside);
- `keep_numbers`: a number with its parts (28 638, 2017-2021, 2023 – 2026, nr. 233,
  € 60) and a date (28 februari 2024) are never broken over a line or a page;
- `relink`: ids and links between the pages point inside the book; a link to a page the
  book does not hold keeps its words and loses its address.

The PDF sets the side-by-side appendix as a table (`parallel_table`): its column heads
repeated on each page, a row per sentence pair so that a page breaks both languages at
the same sentence, each language's notes in its own column under the sentence that
calls them.

The styles both media share are book.css (the chart, the table, the boxes, the title
page); pdf.css adds the page rules and the PDF's footnotes.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from babel.dates import get_month_names
from lxml import etree
from lxml import html as lxml_html

from publication import DEFAULT_LANGUAGE, LANGUAGES
from publication.model import pages
from publication.model.project import Project
from publication.render.followup_notes import TIMELINE_ID

STYLESHEET = Path(__file__).with_name("book.css")
EPUB_NS = "http://www.idpf.org/2007/ops"
SECTION, HISTORY, REFERENCES, NOTES, APPENDIX = "section", "history", "references", "notes", "appendix"
HISTORY_PLACEHOLDER = "[[history]]"
REFERENCES_PLACEHOLDER = "[[references]]"
NOTES_PLACEHOLDER = "[[terms]]"  # the translation notes: how the text was reproduced and translated
PARALLEL_PLACEHOLDER = "[[parallel"  # [[parallel]] (every section) or [[parallel:page.md]]


def has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


# What works only on a screen (each element goes, the text after it stays).
CONTROLS = (
    f".//a[{has_class('headerlink')}]",  # a heading's permalink
    f".//a[{has_class('paragraph-link')}]",  # ¶
    f".//a[{has_class('pair-link')}]",  # ⇄
    f".//a[{has_class('footnote-backref')}]",  # ↩
    f".//div[{has_class('admonition')} and {has_class('cite')}]",  # the Cite box: the title page cites
    f".//*[{has_class('cite-files')}]",  # BibTeX · RIS · CSL-JSON: files beside the site
    f".//a[{has_class('followup__timeline')}]",  # a follow-up's link to the site's timeline
    # The side-by-side appendix (PDF) sets the source's text and its translation side by
    # side: the follow-ups stand in the section's own chapter, once.
    f".//*[{has_class('parallel')}]//*[{has_class('parallel__row--followups')}]",
    # A follow-up's marker in the side-by-side appendix, whose follow-ups went above (the
    # section's chapter keeps its markers: the letter after the sentence heads its note).
    f".//*[{has_class('parallel')}]//sup[{has_class('followup-ref')}]",
    ".//button",
    # The website's notice that a translated page is unofficial, with its link to the
    # Dutch page: the book says it on its title page and in its running header.
    f".//div[{has_class('unofficial-notice')}]",
    # The edition strip under a page's title: the book's title page says where the text
    # stands. The sentence numbers' links, shown on demand: the PDF prints the numbers in
    # the margin, the EPUB before each sentence of its side-by-side chapter.
    f".//*[{has_class('edition-strip')}]",
    f".//a[{has_class('sentence-number')}]",
    # A follow-up's line of when it was recorded and at which sentence (numbers a book
    # does not show): its title dates it, the marker after the sentence points to it.
    f".//*[{has_class('followup')}]/p[{has_class('followup__label')}]",
    # What a page says of the screen only ({ .screen-only } in its Markdown).
    f".//*[{has_class('screen-only')}]",
    # The timeline's gathering of the follow-ups: the book has each in full beside its
    # paragraph in the section's chapter; its heading and its table in short stay here
    # (its introduction, which announces the items, and the items go).
    f".//h2[@id='{TIMELINE_ID}']/following-sibling::p[1]",
    f".//*[{has_class('followup-item')}]",
)


# --- Which pages --------------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """One page of the site as a chapter of the book."""

    rel: str  # the Markdown file inside the language folder: "daderaanpak.md"
    kind: str  # SECTION, HISTORY, REFERENCES, NOTES or APPENDIX
    lang: str

    @property
    def key(self) -> str:
        """A name for ids and file names: "daderaanpak"."""
        return self.rel.removesuffix(".md").replace("/", "-")

    @property
    def url(self) -> str:
        """The page's address inside the site: "/en/daderaanpak/"."""
        prefix = "" if self.lang == DEFAULT_LANGUAGE else f"{self.lang}/"
        stem = self.rel.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            stem = stem.removesuffix("index")
        else:
            stem += "/"
        return f"/{prefix}{stem}"

    @property
    def file(self) -> str:
        """The chapter's file in the EPUB."""
        return f"{self.key}.xhtml"

    def built(self, site: Path) -> Path:
        return site / self.url.lstrip("/") / "index.html"


def nav_order(lang: str, root: Path) -> list[str]:
    """The Markdown files of the language's navigation in mkdocs.yml, in order (the
    project's menu, see model/project.py), else the files by name."""

    nav = Project(root).nav(lang)
    if nav:
        return [f for f in nav if "://" not in f]
    folder = root / "docs" / lang
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))


def chapters(lang: str, root: Path, appendix: bool = False) -> list[Chapter]:
    """The chapters of the book in `lang`: the sections, the timeline, the references, the
    translation notes and (when `appendix`, the PDF) the side-by-side pages."""

    found: dict[str, list[Chapter]] = {SECTION: [], HISTORY: [], REFERENCES: [], NOTES: [], APPENDIX: []}
    folder = root / "docs" / lang
    for rel in nav_order(lang, root):
        path = folder / rel
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if pages.parse(text, path).meta.get("source_page"):
            found[SECTION].append(Chapter(rel, SECTION, lang))
        elif HISTORY_PLACEHOLDER in text:
            found[HISTORY].append(Chapter(rel, HISTORY, lang))
        elif REFERENCES_PLACEHOLDER in text:
            found[REFERENCES].append(Chapter(rel, REFERENCES, lang))
        elif NOTES_PLACEHOLDER in text:
            found[NOTES].append(Chapter(rel, NOTES, lang))
        elif PARALLEL_PLACEHOLDER in text:
            found[APPENDIX].append(Chapter(rel, APPENDIX, lang))
    return found[SECTION] + found[HISTORY] + found[REFERENCES] + found[NOTES] + (found[APPENDIX] if appendix else [])


# --- The transformer ------------------------------------------------------------------


def article(markup: str):
    """The <article> of a built page (Material's content), as an element."""
    doc = lxml_html.document_fromstring(markup)
    found = doc.xpath(f"//article[{has_class('md-content__inner')}]")
    if not found:
        raise ValueError("no <article> in the page")
    return found[0]


def _remove_keeping_tail(el, strip_before: bool = False) -> None:
    """Remove an element; the text after it stays (with `strip_before`, the spaces and
    no-break spaces just before it go)."""
    parent = el.getparent()
    previous = el.getprevious()
    tail = el.tail or ""
    if previous is not None:
        text = previous.tail or ""
        previous.tail = (text.rstrip("\xa0 ") if strip_before else text) + tail
    else:
        text = parent.text or ""
        parent.text = (text.rstrip("\xa0 ") if strip_before else text) + tail
    parent.remove(el)


def drop_controls(root) -> int:
    """Remove what works only on a screen; returns how many elements went."""
    count = 0
    for xpath in CONTROLS:
        for el in root.xpath(xpath):
            if el.getparent() is not None:
                _remove_keeping_tail(el, strip_before="footnote-backref" in (el.get("class") or ""))
                count += 1
    for el in root.xpath(".//*[@tabindex]"):
        del el.attrib["tabindex"]
    return count


def chart_boxes(root) -> int:
    """Each drawn bar (an SVG the CSP-bound site stretches) as a box of its share's
    width, with the value right after it on the same line; the label stays above or
    beside it. The bars are at most 80 % of the line, so the value always fits."""
    count = 0
    for svg in root.xpath(f'.//*[local-name()="svg" and {has_class("chart__track")}]'):
        rects = svg.xpath('.//*[local-name()="rect"]')
        share = float(rects[0].get("width")) if rects else 0.0
        bar = svg.getparent()
        line = etree.Element("span", {"class": "chart__line"})
        track = etree.SubElement(
            line,
            "span",
            {"class": "chart__track", "aria-hidden": "true", "style": f"width: {round(share * 0.8, 2):g}%"},
        )
        etree.SubElement(track, "span", {"class": "chart__fill", "data-share": f"{share:g}"})
        if "chart__line" in (bar.get("class") or "").split():
            # The site's own line already holds the bar and its value: only the bar changes.
            track.tail = svg.tail
            bar.replace(svg, track)
            count += 1
            continue
        line.tail = svg.tail
        bar.replace(svg, line)
        for value in bar.xpath(f"./*[{has_class('chart__value')}]"):
            line.tail = (line.tail or "") + (value.tail or "")
            value.tail = None
            line.append(value)
        count += 1
    return count


@dataclass
class Note:
    id: str  # the note's id on the page: "fn:35", "fn:nl-35"
    number: str  # the source's number: "35"
    lang: str | None  # the language of the notes' column, when it has one
    element: object  # the <li>


def notes(root) -> dict[str, Note]:
    """The page's footnotes (the site's lists: `li id="fn:…" value="35"`), by id."""
    out = {}
    for li in root.xpath('.//li[starts-with(@id, "fn:")]'):
        ident = li.get("id")
        number = li.get("value") or ident.rsplit("-", 1)[-1].split(":")[-1]
        langs = li.xpath("ancestor-or-self::*[@lang][1]/@lang")
        out[ident] = Note(ident, number, langs[0] if langs else None, li)
    return out


def calls(root) -> list:
    """The footnote calls (`<a class="footnote-ref" href="#fn:…">`), in reading order."""
    return root.xpath(f'.//a[{has_class("footnote-ref")} and starts-with(@href, "#fn:")]')


def _note_lists(root) -> list:
    """The elements holding the footnote lists (the section's <div class="footnote">,
    the side-by-side page's notes row)."""
    return [
        el
        for el in root.xpath(f".//*[{has_class('footnote')}]")
        if not any(a is not el and _has_class_py(a, "footnote") for a in el.iterancestors())
    ]


def _has_class_py(el, name: str) -> bool:
    return name in (el.get("class") or "").split()


def _inline_content(li) -> tuple[str, list]:
    """A note's words and elements, its paragraphs joined by a space."""
    paragraphs = li.xpath("./p") or [li]
    text, children = "", []
    for i, p in enumerate(paragraphs):
        lead = (p.text or "") if p is not li else (li.text or "")
        if i:
            lead = " " + lead
        if children:
            last = children[-1]
            last.tail = (last.tail or "") + lead
        else:
            text += lead
        for child in list(p):
            if p is li and child.tag == "p":
                continue
            children.append(child)
    if children:
        children[-1].tail = (children[-1].tail or "").rstrip()
    else:
        text = text.rstrip()
    return text.lstrip(), children


def print_footnotes(root) -> int:
    """Each note moves to its call as a WeasyPrint footnote (`float: footnote`) that
    carries the source's number in `data-n` (pdf.css prints the call and the marker
    from it) and prints its links out. The lists go. Returns the number of notes placed."""
    found = notes(root)
    placed: set[str] = set()
    for a in calls(root):
        ident = a.get("href")[1:]
        note = found.get(ident)
        sup = a.getparent() if a.getparent() is not None and a.getparent().tag == "sup" else a
        if note is None or ident in placed:
            continue  # a note the page does not hold, or one placed already
        span = etree.Element("span", {"class": "fn", "id": ident, "data-n": note.number})
        if note.lang:
            span.set("lang", note.lang)
        text, children = _inline_content(note.element)
        span.text = text
        for child in children:
            span.append(child)
        for link in [x for x in span.iter("a") if re.match(r"https?://", x.get("href") or "")]:
            url = etree.SubElement(span, "a", {"class": "url", "href": link.get("href")})
            url.text = link.get("href")
        span.tail = sup.tail
        sup.getparent().replace(sup, span)
        placed.add(ident)
    for holder in _note_lists(root):
        _remove_keeping_tail(holder)
    return len(placed)


def drop_class(root, name: str) -> int:
    """Leave out what a page says of another medium (`print-only` in the EPUB,
    `epub-only` in the PDF). Returns the number of elements left out."""
    found = [el for el in root.xpath(f".//*[{has_class(name)}]") if el.getparent() is not None]
    for el in found:
        _remove_keeping_tail(el)
    return len(found)


def epub_footnotes(root, words: dict) -> int:
    """Each list of notes as EPUB footnotes: a section holding one aside per note, the
    number a link back to the call; each call a noteref. `words` are the labels'
    `footnotes` (heading, backlink). Returns the number of notes."""
    count, made = 0, 0
    columns = column_labels(root)
    for holder in _note_lists(root):
        # The side-by-side page's notes row holds each language's notes in its own cell:
        # each becomes a section of its own, named by its column (both are numbered 35-37).
        cells = [c for c in holder.xpath("./*[@lang]") if notes(c)] if len(columns) > 1 else []
        parts = [(c, f"{words['heading']} – {columns.get(c.get('lang'), c.get('lang'))}") for c in cells] or [
            (holder, words["heading"])
        ]
        sections = [_footnote_section(part, title, made + i, words) for i, (part, title) in enumerate(parts)]
        made += len(sections)
        count += sum(len(notes(part)) for part, _ in parts)
        sections[-1].tail = holder.tail
        parent, index = holder.getparent(), holder.getparent().index(holder)
        parent.remove(holder)
        for offset, section in enumerate(sections):
            parent.insert(index + offset, section)
    for a in calls(root):
        # The site's call is a doc-noteref named in the page's language already.
        a.attrib.pop("class", None)
        a.set(f"{{{EPUB_NS}}}type", "noteref")
        sup = a.getparent()
        if sup is not None and sup.tag == "sup" and sup.get("id"):
            a.set("id", sup.attrib.pop("id"))
    return count


def column_labels(root) -> dict[str, str]:
    """The side-by-side page's column names by language ("nl": "Dutch (authoritative)"),
    from its cells' `data-label`; empty on any other page."""
    return {
        c.get("lang"): c.get("data-label")
        for c in root.xpath(f".//*[{has_class('parallel__cell')} and @lang and @data-label]")
    }


def _prepend(parent, element) -> None:
    """`element` as `parent`'s first child, before the text it held."""
    element.tail = parent.text
    parent.text = None
    parent.insert(0, element)


def label_cells(root) -> int:
    """Each cell of the side-by-side grid begins with its column's name (its
    `data-label`), and the grid's row of column heads goes: stacked in an e-book, a
    paragraph and its translation are told apart by their label (a screen shows it from
    the stylesheet). The first of each column says it in full ("Dutch (authoritative)"),
    the others by the language's name alone ("Dutch": the full words before every
    paragraph were read as noise). Returns the number of labels."""
    count = 0
    seen: set[str] = set()
    for grid in root.xpath(f".//div[{has_class('parallel')}]"):
        for head in grid.xpath(f"./div[{has_class('parallel__head')}]"):
            _remove_keeping_tail(head)
        for cell in grid.xpath(f".//*[{has_class('parallel__cell')} and @data-label]"):
            name = cell.get("data-label")
            label = etree.Element("p", {"class": "parallel__label"})
            label.text = name.split(" (")[0] if name in seen else name
            seen.add(name)
            _prepend(cell, label)
            count += 1
    return count


def _footnote_section(holder, title: str, i: int, words: dict):
    """The notes of `holder` as one EPUB footnotes section headed `title`."""
    heading_id = "footnotes" if i == 0 else f"footnotes-{i + 1}"
    section = etree.Element(
        "section", {"class": "footnotes", f"{{{EPUB_NS}}}type": "footnotes", "aria-labelledby": heading_id}
    )
    heading = etree.SubElement(section, "h2", id=heading_id)
    heading.text = title
    for ident, note in notes(holder).items():
        aside = etree.SubElement(
            section, "aside", {f"{{{EPUB_NS}}}type": "footnote", "role": "doc-footnote", "id": ident}
        )
        if holder.get("lang"):
            aside.set("lang", holder.get("lang"))  # a column's notes are in its language
        p = etree.SubElement(aside, "p")
        back = etree.SubElement(
            p,
            "a",
            {
                "href": f"#{ident.replace('fn:', 'fnref:', 1)}",
                "role": "doc-backlink",
                "aria-label": words["backlink"].format(n=note.number),
                "title": words["backlink"].format(n=note.number),
            },
        )
        back.text = note.number
        text, children = _inline_content(note.element)
        back.tail = ". " + text
        for child in children:
            p.append(child)
    return section


ID_REFERENCES = ("aria-labelledby", "aria-describedby", "aria-controls", "for")


def relink(
    root,
    here: Chapter,
    book: list[Chapter],
    ident: Callable[[Chapter, str], str],
    target: Callable[[Chapter, str], str],
) -> None:
    """Ids become `ident(chapter, id)`; a link to a page of the book becomes
    `target(chapter, fragment)`; a relative link to anything else keeps its words and
    loses its address (the book has no site beside it). External links stay."""
    for el in root.iter(etree.Element):
        if el.get("id"):
            el.set("id", ident(here, el.get("id")))
        for attribute in ID_REFERENCES:
            if el.get(attribute):
                el.set(attribute, " ".join(ident(here, i) for i in el.get(attribute).split()))
    by_url = {c.url: c for c in book}
    for a in list(root.iter("a")):
        href = a.get("href")
        if href is None or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", href):
            continue
        parts = urlsplit(urljoin(f"http://book{here.url}", href))
        path = unquote(parts.path)
        if posixpath.basename(path) == "index.html":
            path = posixpath.dirname(path) + "/"
        elif not path.endswith("/") and not posixpath.splitext(path)[1]:
            path += "/"
        chapter = by_url.get(path)
        if chapter is None:
            for attribute in ("href", "hreflang", "type", "download"):
                a.attrib.pop(attribute, None)
            a.drop_tag()
            continue
        a.set("href", target(chapter, unquote(parts.fragment)))


def open_boxes(root) -> int:
    """A box a screen shows closed (`<details>`, the chart after its paragraph) is open on
    paper: a box like the others, its summary as its title."""
    count = 0
    for details in root.xpath(".//details"):
        details.tag = "div"
        details.attrib.pop("open", None)
        if not _has_class_py(details, "followup") and not _has_class_py(details, "admonition"):
            # A collapsible box (`??? note`) is a box like the others on paper, kept whole.
            details.set("class", " ".join(["admonition", *(details.get("class") or "").split()]))
        for summary in details.xpath("./summary"):
            summary.tag = "p"
            summary.set("class", "admonition-title")
        count += 1
    return count


# A number with the parts a line must not break: thousands set apart (28 638), a decimal
# part, a range (2017-2021, 2023 – 2026), and a word or sign it belongs to (nr. 233,
# no. 106, p. 32, €143).
_NUMBER = r"\d+(?:[.,]\d+)*(?:[ \u00a0\u202f]\d{3}(?!\d))*"
_BOUND = re.compile(
    rf"(?:(?<!\w)(?:nrs?|nos?|pp?|art)\.[ \u00a0]?|€[ \u00a0]?)?{_NUMBER}(?:[ \u00a0]?[–—-][ \u00a0]?{_NUMBER})?"
)
# Only where a line could break: a space, a dash or a hyphen (28\xa0638 cannot).
_BREAKABLE = re.compile(r"[ –—-]")


def _month_names() -> list[str]:
    """The month names of the publication's languages (Babel's CLDR), longest first."""
    names = {name for lang in LANGUAGES for name in get_month_names("wide", locale=lang).values()}
    return sorted(names, key=len, reverse=True)


# A date: 28 februari 2024, 17 June 2024 (day, month and year on one line).
_DATE = re.compile(rf"\b\d{{1,2}} (?:{'|'.join(_month_names())}) \d{{4}}\b", re.IGNORECASE)
# Where a number's words stay as they are: a link's address printed out (`.url`), code.
_KEEP_AS_IS = ("code", "pre", "style", "script")


def _as_is(el) -> bool:
    return el.tag in _KEEP_AS_IS or _has_class_py(el, "url") or _has_class_py(el, "nobr")


def _bound_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` holds a date or a number a line could break."""
    spans = [m.span() for m in _DATE.finditer(text)]
    for m in _BOUND.finditer(text):
        if _BREAKABLE.search(m.group()) and not any(a < m.end() and m.start() < b for a, b in spans):
            spans.append(m.span())
    return sorted(spans)


def _wrapped(text: str, spans: list[tuple[int, int]]) -> tuple[str, list]:
    """`text` cut at `spans`: the text before the first, and a <span class="nobr"> per
    span, each with the text up to the next as its tail."""
    out = []
    for i, (start, stop) in enumerate(spans):
        el = etree.Element("span", {"class": "nobr"})
        el.text = text[start:stop]
        el.tail = text[stop : spans[i + 1][0] if i + 1 < len(spans) else None]
        out.append(el)
    return text[: spans[0][0]], out


def keep_numbers(root) -> int:
    """Each date (28 februari 2024) and each number that a line could break (28 638,
    2017-2021, 2023 – 2026, nr. 233, € 60) in a `<span class="nobr">` (book.css: no
    break inside); not in a link's printed address or in code. Returns the number of
    spans."""
    count = 0
    for el in list(root.iter(etree.Element)):
        inside = any(_as_is(a) for a in el.iterancestors())
        if not inside and not _as_is(el) and el.text and (spans := _bound_spans(el.text)):
            el.text, made = _wrapped(el.text, spans)
            for i, span in enumerate(made):
                el.insert(i, span)
            count += len(made)
        parent = el.getparent()
        if el is root or parent is None or inside or not el.tail:
            continue
        if not (spans := _bound_spans(el.tail)):
            continue
        el.tail, made = _wrapped(el.tail, spans)
        at = parent.index(el)
        for i, span in enumerate(made, start=1):
            parent.insert(at + i, span)
        count += len(made)
    return count


def _cells(row) -> list:
    return row.xpath(f"./*[{has_class('parallel__cell')}]")


def _sentences_of(cell) -> list | None:
    """The sentence spans of a paragraph's cell, when the cell is one paragraph of
    nothing but sentences (spaces between them); else None."""
    paragraphs = cell.xpath("./*")
    if len(paragraphs) != 1 or paragraphs[0].tag != "p" or (cell.text or "").strip():
        return None
    p = paragraphs[0]
    spans = list(p)
    if (
        not spans
        or (p.text or "").strip()
        or any(s.tag != "span" or not s.get("data-seg") or (s.tail or "").strip() for s in spans)
    ):
        return None
    return spans


def parallel_table(root) -> int:
    """The side-by-side grid (`.parallel`) as the PDF's table: the column heads in a
    <thead> (WeasyPrint repeats it on each page), a heading row per heading, a row per
    sentence pair (the paragraph's first marked `parallel-table__start`), so that a page
    breaks both columns at the same sentence; a paragraph whose sentences do not pair
    one to one keeps one row. Under each row that calls a note, a row of the notes it
    calls, each language's in its own column, numbered as in the source. The grid's
    follow-ups rows and its gathered notes go (the notes are under their calls now).
    Returns the number of body rows."""
    count = 0
    for grid in root.xpath(f".//div[{has_class('parallel')}]"):
        found = notes(grid)
        table = etree.Element("table", {"class": "parallel-table"})
        if grid.get("aria-label"):
            table.set("aria-label", grid.get("aria-label"))
        thead, tbody = etree.SubElement(table, "thead"), etree.Element("tbody")
        for row in grid.xpath(f"./div[{has_class('parallel__row')}]"):
            cells = _cells(row)
            if _has_class_py(row, "parallel__head"):
                tr = etree.SubElement(thead, "tr")
                for cell in cells:
                    th = etree.SubElement(tr, "th", {"scope": "col"})
                    th.text = cell.text_content().strip()
                continue
            if _has_class_py(row, "footnote") or _has_class_py(row, "parallel__row--followups"):
                continue
            kind = "heading" if _has_class_py(row, "parallel__row--heading") else "paragraph"
            sentences = [_sentences_of(c) for c in cells] if kind == "paragraph" else [None]
            paired = (
                len(cells) == 2
                and all(sentences)
                and [s.get("data-seg") for s in sentences[0]] == [s.get("data-seg") for s in sentences[1]]
            )
            rows = list(zip(*sentences, strict=True)) if paired else [tuple(cells)]
            for i, parts in enumerate(rows):
                tr = etree.SubElement(tbody, "tr", {"class": f"parallel-table__{kind}"})
                if i == 0:
                    tr.set("class", tr.get("class") + " parallel-table__start")
                    if row.get("id"):
                        tr.set("id", row.get("id"))
                called = []
                for cell, part in zip(cells, parts, strict=True):
                    td = etree.SubElement(tr, "td")
                    for attribute in ("lang",) + (("id",) if i == 0 else ()):
                        if cell.get(attribute):
                            td.set(attribute, cell.get(attribute))
                    if part is cell:
                        td.text = cell.text
                        for child in list(cell):
                            td.append(child)
                    else:
                        p = etree.SubElement(td, "p")
                        part.tail = None
                        p.append(part)
                    called.append([found[a.get("href")[1:]] for a in calls(td) if a.get("href")[1:] in found])
                count += 1
                if any(called):
                    notes_row = etree.SubElement(tbody, "tr", {"class": "parallel-table__notes"})
                    for cell, cell_notes in zip(cells, called, strict=True):
                        td = etree.SubElement(notes_row, "td")
                        if cell.get("lang"):
                            td.set("lang", cell.get("lang"))
                        for note in cell_notes:
                            p = etree.SubElement(td, "p", {"class": "parallel-note", "id": note.id})
                            text, children = _inline_content(note.element)
                            p.text = f"{note.number}.\u00a0{text}"
                            for child in children:
                                p.append(child)
        table.append(tbody)
        table.tail = grid.tail
        grid.getparent().replace(grid, table)
    return count


def appendix_sentence_numbers(root) -> int:
    """In the e-book's side-by-side chapter each sentence, in both columns, begins with
    its number ("s-12", small and quiet, not raised, not a link): the addresses the
    colophon asks a reader to cite, where a reader compares the two texts. (In the
    section's own chapter they broke the reading; the e-book drops them there.)
    Returns the number shown."""
    count = 0
    for span in root.xpath(f".//*[{has_class('parallel__cell')}]//span[starts-with(@data-seg, 's-')]"):
        if span.xpath(f"ancestor::*[{has_class('footnote')} or {has_class('followup')}]"):
            continue
        number = etree.Element("span", {"class": "sentence-number"})
        number.text = span.get("data-seg")
        number.tail = " "
        span.addprevious(number)
        count += 1
    return count


def margin_numbers(root) -> int:
    """Each sentence of a section's text gets its number in the margin (`s-12`), where
    it begins, as an edition prints line or verse numbers: on paper the sentences'
    addresses (#s-12 on the site, the timeline's table "s-12 (p. 4)") are found by eye.
    Where two sentences begin on one line, pdf.py's `shared_margin_lines` makes one
    number of them after a first layout ("s-10–11"); until then each covers the ones
    after it (pdf.css gives them a background, their order a z-index). Returns the
    number of sentences numbered."""
    count = 0
    spans = root.xpath('.//span[starts-with(@data-seg, "s-")]')
    for span in spans:
        if span.xpath(f"ancestor::*[{has_class('parallel')} or {has_class('parallel-table')}]"):
            continue
        number = etree.Element(
            "span", {"class": "margin-number", "aria-hidden": "true", "style": f"z-index: {len(spans) - count}"}
        )
        number.text = span.get("data-seg")
        # Inside the sentence, before its first word: placed out of the line (pdf.css), it
        # stands on the line where that word does (before the span, it stood at the end
        # of the line before when the sentence began a line).
        _prepend(span, number)
        count += 1
    return count


def prepare(markup: str):
    """A built page's article without its screen controls, the chart bars as boxes, the
    closed boxes open, the numbers kept whole."""
    root = article(markup)
    drop_controls(root)
    open_boxes(root)
    chart_boxes(root)
    keep_numbers(root)
    return root


def stylesheet() -> str:
    return STYLESHEET.read_text(encoding="utf-8")
