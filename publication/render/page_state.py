"""Python-Markdown extension: what one page needs its extensions to know (its language,
whether it is a section, its sentences' anchors, its citation), kept where
Python-Markdown keeps per-document state: on the Markdown instance, cleared by
`reset()`, as the meta extension keeps a document's front matter in `md.Meta`.

The MkDocs plugin writes the state as the page's first line,
`<!-- publication-page {"lang": "en", ...} -->`; the preprocessor takes that line out
and puts its JSON in `md.page_state`, where the other extensions' processors read it
(`page_state(md)`). A page without the line has an empty state: each extension then
uses its own configured defaults.
"""

from __future__ import annotations

import json
import re

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

MARKER_RE = re.compile(r"^<!-- publication-page (?P<state>\{.*\}) -->$")


def marker(**state) -> str:
    """The first line that carries a page's state (JSON: no "-->" can end it early)."""
    text = json.dumps(state, ensure_ascii=False).replace("-->", "--\\u003e")
    return f"<!-- publication-page {text} -->"


def page_state(md) -> dict:
    """The state of the page `md` is converting (empty when it has none)."""
    return getattr(md, "page_state", None) or {}


class PageStatePreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if lines and (m := MARKER_RE.match(lines[0])):
            self.md.page_state = json.loads(m["state"])
            return lines[1:]
        return lines


class PageStateExtension(Extension):
    def extendMarkdown(self, md):
        md.registerExtension(self)
        self.md = md
        md.page_state = {}
        # Before every other preprocessor (normalize_whitespace is 30).
        md.preprocessors.register(PageStatePreprocessor(md), "publication_page_state", 40)

    def reset(self):
        self.md.page_state = {}
