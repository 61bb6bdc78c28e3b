"""Read a built HTML page: ids, links, footnotes, language and head metadata, each with
its line, using only the standard library's HTML parser (no MkDocs internals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


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
    anchors: list[Anchor] = field(default_factory=list)
    alternates: list[tuple[str, str, int]] = field(default_factory=list)  # (hreflang, href, line)
    resources: list[tuple[str, str, int]] = field(default_factory=list)  # (tag, url, line)
    footnote_values: dict[str, str] = field(default_factory=dict)  # li id -> value
    lang_spans: list[tuple[str, int]] = field(default_factory=list)
    figures: list[dict] = field(default_factory=list)  # elements with data-figure: id, value, text, line

    def links(self, cls: str) -> list[Anchor]:
        return [a for a in self.anchors if cls in a.cls.split()]


class _Parser(HTMLParser):
    def __init__(self, page: HtmlPage):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.open_anchor: Anchor | None = None
        self.footnote_depth: int | None = None
        self.in_title = False
        self.open_figures: list[tuple[int, dict]] = []  # (stack depth, record)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        line = self.getpos()[0]
        p = self.page
        if tag == "html":
            p.lang = a.get("lang")
        if "id" in a:
            p.ids.setdefault(a["id"], line)
        if a.get("lang") and tag != "html":
            p.lang_spans.append((a["lang"], line))
        if tag == "div" and "footnote" in (a.get("class") or "").split():
            self.footnote_depth = len(self.stack)
        if tag == "meta" and a.get("name") == "description":
            p.description = a.get("content")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            p.alternates.append((a["hreflang"], a.get("href", ""), line))
        if tag == "link" and a.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "manifest"):
            p.resources.append((tag, a.get("href", ""), line))
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            p.resources.append((tag, a["src"], line))
        if tag == "li" and (a.get("id") or "").startswith("fn:"):
            p.footnote_values[a["id"]] = a.get("value")
        if tag == "a" and "href" in a:
            self.open_anchor = Anchor(href=a["href"], line=line, cls=a.get("class") or "",
                                      title=a.get("title"), hreflang=a.get("hreflang"),
                                      in_footnotes=self.footnote_depth is not None)
            p.anchors.append(self.open_anchor)
        if tag == "title":
            self.in_title = True
        if "data-figure" in a:
            record = {"id": a["data-figure"], "value": a.get("data-value"), "text": "", "line": line}
            p.figures.append(record)
            self.open_figures.append((len(self.stack), record))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag == "a":
            if self.open_anchor:
                self.open_anchor.text = " ".join(self.open_anchor.text.split())
            self.open_anchor = None
        if tag == "title":
            self.in_title = False
        if tag in VOID:
            return
        while self.stack:
            if self.stack.pop() == tag:
                break
        if self.footnote_depth is not None and len(self.stack) <= self.footnote_depth:
            self.footnote_depth = None
        while self.open_figures and len(self.stack) <= self.open_figures[-1][0]:
            record = self.open_figures.pop()[1]
            record["text"] = " ".join(record["text"].split())

    def handle_data(self, data):
        for _, record in self.open_figures:
            record["text"] += data
        if self.open_anchor is not None:
            self.open_anchor.text += data
        if self.in_title:
            self.page.title += data


def parse(text: str, path: Path = Path("page.html")) -> HtmlPage:
    page = HtmlPage(path=path)
    _Parser(page).feed(text)
    page.title = " ".join(page.title.split())
    return page


def read(path: Path) -> HtmlPage:
    return parse(path.read_text(encoding="utf-8"), path)
