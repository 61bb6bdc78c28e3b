"""Python-Markdown extension: show the source's footnote numbers.

Python-Markdown numbers footnotes 1..n whatever their labels; its label only reaches the
ids (`[^35]` gives `fn:35`). The printed page numbers its notes 35, 36, 37, and a reader
who cites the plan needs those numbers. For every footnote whose label is a number, this
extension shows the label in the call, numbers the note with it (`<li value="35">`)
and says it in the back-link's title, in the page's language.

    markdown.Markdown(extensions=["footnotes", SourceFootnotesExtension(lang="nl")])
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

BACKLINK_TITLES = {
    "nl": "Terug naar voetnootverwijzing {} in de tekst",
    "en": "Back to footnote {} in the text",
}
NUMBER_LABEL = re.compile(r"^#?fn(?:ref)?:(\d+)$")


class SourceFootnotesTreeprocessor(Treeprocessor):
    """Run after the footnotes extension has built the calls and the notes."""

    def __init__(self, md, ext: "SourceFootnotesExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        title = BACKLINK_TITLES.get(self.ext.getConfig("lang"), BACKLINK_TITLES["en"])
        for a in root.iter("a"):
            css = a.get("class", "")
            m = NUMBER_LABEL.match(a.get("href", ""))
            if not m:
                continue
            if css == "footnote-ref":
                a.text = m.group(1)
            elif css == "footnote-backref":
                a.set("title", title.format(m.group(1)))
        for li in root.iter("li"):
            m = NUMBER_LABEL.match(li.get("id", ""))
            if m:
                li.set("value", m.group(1))


class SourceFootnotesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["en", "Language of the back-link titles (nl or en)."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After the footnotes' own post-inline processor (15): the calls exist then.
        md.treeprocessors.register(SourceFootnotesTreeprocessor(md, self), "source-footnotes", 14)


def makeExtension(**kwargs):  # pragma: no cover - Python-Markdown's entry point
    return SourceFootnotesExtension(**kwargs)
