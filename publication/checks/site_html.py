"""Read a built HTML page: ids, links, footnotes, language and head metadata, each with
its line (no MkDocs internals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html


@dataclass
class Anchor:
    href: str
    line: int
    cls: str = ""
    text: str = ""
    title: str | None = None
    hreflang: str | None = None
    in_footnotes: bool = False


@dataclass
class HtmlPage:
    path: Path
    lang: str | None = None
    title: str = ""
    description: str | None = None
    ids: dict[str, int] = field(default_factory=dict)
    duplicate_ids: list[tuple[str, int, int]] = field(default_factory=list)  # (id, line, line of the first)
    anchors: list[Anchor] = field(default_factory=list)
    alternates: list[tuple[str, str, int]] = field(default_factory=list)  # (hreflang, href, line)
    resources: list[tuple[str, str, int]] = field(default_factory=list)  # (tag, url, line)
    footnote_values: dict[str, str] = field(default_factory=dict)  # li id -> value
    figures: list[dict] = field(default_factory=list)  # elements with data-figure: id, value, text, line
    segments: list[dict] = field(default_factory=list)  # elements with data-seg: seg, id, text, line
    notices: list[dict] = field(
        default_factory=list
    )  # elements with data-later (the history notice): later, text, hrefs, line
    followups: list[dict] = field(default_factory=list)  # elements with data-followup: key, id, text, hrefs, line

    def links(self, cls: str) -> list[Anchor]:
        return [a for a in self.anchors if cls in a.cls.split()]


def _classes(el) -> list[str]:
    return (el.get("class") or "").split()


def _editors_mark(el) -> bool:
    """The editor's "[sic]" right after words that stand as printed (render/sic_marks.py):
    exactly that mark, in its own span, after an as-printed span; not the sentence's words.
    (Any other span, or other words in it, stay the sentence's and are compared.)"""
    before = el.getprevious()
    return (
        el.tag == "span"
        and _classes(el) == ["sic"]
        and el.text == "\u00a0[sic]"
        and len(el) == 0
        and before is not None
        and _classes(before) == ["as-printed"]
    )


def _words(el) -> str:
    """The words of an element, footnote calls (<sup>) and the editor's [sic] left out."""
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag != "sup" and not _editors_mark(child):
            out.append(_words(child))
        out.append(child.tail or "")
    return "".join(out)


def parse(text: str, path: Path = Path("page.html")) -> HtmlPage:
    """Parse with lxml (libxml2's HTML parser: fast, and it keeps each element's line)."""
    page = HtmlPage(path=path)
    if not text.strip():
        return page
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return page
    page.lang = root.get("lang")
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue  # comments, processing instructions
        line = el.sourceline or 0
        ident = el.get("id")
        if ident is not None:
            if ident in page.ids:
                page.duplicate_ids.append((ident, line, page.ids[ident]))
            page.ids.setdefault(ident, line)
        if tag == "meta" and el.get("name") == "description":
            page.description = el.get("content")
        elif tag == "title" and not page.title:
            page.title = " ".join(el.text_content().split())
        elif tag == "link":
            rel = el.get("rel")
            if rel == "alternate" and el.get("hreflang"):
                page.alternates.append((el.get("hreflang"), el.get("href", ""), line))
            elif rel in ("stylesheet", "icon", "preload", "modulepreload", "manifest"):
                page.resources.append((tag, el.get("href", ""), line))
        elif tag == "li" and (ident or "").startswith("fn:"):
            page.footnote_values[ident] = el.get("value")
        if tag in ("script", "img", "iframe", "source", "audio", "video") and el.get("src"):
            page.resources.append((tag, el.get("src"), line))
        if tag == "a" and el.get("href") is not None:
            page.anchors.append(
                Anchor(
                    href=el.get("href"),
                    line=line,
                    cls=el.get("class") or "",
                    text=" ".join(el.text_content().split()),
                    title=el.get("title"),
                    hreflang=el.get("hreflang"),
                    in_footnotes=any("footnote" in _classes(d) for d in el.iterancestors("div")),
                )
            )
        if el.get("data-seg") is not None:
            after = el.getnext()
            marker = None  # a follow-up's marker right after the sentence: the address it links to
            if after is not None and "followup-ref" in _classes(after) and not (el.tail or "").strip():
                marker = next((a.get("href") for a in after.iter("a")), None)
            page.segments.append(
                {
                    "seg": el.get("data-seg"),
                    "id": ident,
                    "line": line,
                    "text": " ".join(_words(el).split()),
                    "marker": marker,
                }
            )
        if el.get("data-later") is not None:
            page.notices.append(
                {
                    "later": el.get("data-later"),
                    "line": line,
                    "text": " ".join(el.text_content().split()),
                    "hrefs": [a.get("href") for a in el.iter("a") if a.get("href")],
                }
            )
        if el.get("data-followup") is not None:
            page.followups.append(
                {
                    "key": el.get("data-followup"),
                    "id": ident,
                    "line": line,
                    "text": " ".join(el.text_content().split()),
                    "hrefs": [a.get("href") for a in el.iter("a") if a.get("href")],
                }
            )
        if el.get("data-figure") is not None:
            page.figures.append(
                {
                    "id": el.get("data-figure"),
                    "value": el.get("data-value"),
                    "text": " ".join(el.text_content().split()),
                    "line": line,
                }
            )
    return page


def read(path: Path) -> HtmlPage:
    return parse(path.read_text(encoding="utf-8"), path)
