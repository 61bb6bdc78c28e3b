"""Python-Markdown extension: show the source's footnote numbers.

Python-Markdown numbers footnotes 1..n whatever their labels; its label only reaches the
ids (`[^35]` gives `fn:35`). The printed page numbers its notes 35, 36, 37, and a reader
who cites the plan needs those numbers. For every footnote whose label is a number, this
extension shows the label in the call, numbers the note with it (`<li value="35">`)
and says it in the back-link's title, in the page's language.

For screen readers, as GOV.UK's govspeak does: each call is a `doc-noteref` named
"voetnoot 35" / "footnote 35" (a bare superscript number is read as "link, 35"), the
notes are a `doc-endnotes` region labelled by a heading of their own, and each
back-link (`doc-backlink`) is named by where it returns to. The words are the
language's labels (data/labels/).

    markdown.Markdown(extensions=["footnotes", SourceFootnotesExtension(lang="nl")])
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

NUMBER_LABEL = re.compile(r"^#?fn(?:ref)?:(\d+)$")


class SourceFootnotesTreeprocessor(Treeprocessor):
    """Run after the footnotes extension has built the calls and the notes."""

    def __init__(self, md, ext: "SourceFootnotesExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        from publication.model.labels import labels

        from publication.render.page_state import page_state

        words = labels(page_state(self.md).get("lang") or self.ext.getConfig("lang"))["footnotes"]
        for a in root.iter("a"):
            css = a.get("class", "")
            m = NUMBER_LABEL.match(a.get("href", ""))
            if css == "footnote-ref":
                if m:
                    a.text = m.group(1)
                a.set("role", "doc-noteref")
                a.set("aria-label", words["call"].format(n=a.text))
            elif css == "footnote-backref":
                number = m.group(1) if m else a.get("href", "").rpartition(":")[2]
                a.set("role", "doc-backlink")
                a.set("title", words["backlink"].format(n=number))
                a.set("aria-label", words["backlink"].format(n=number))
        for li in root.iter("li"):
            m = NUMBER_LABEL.match(li.get("id", ""))
            if m:
                li.set("value", m.group(1))
        for div in root.iter("div"):
            if div.get("class") == "footnote":
                endnotes(div, words["heading"])


def endnotes(div, heading: str) -> None:
    """The notes as a region labelled by its heading (after the rule, before the list)."""
    div.set("role", "doc-endnotes")
    div.set("aria-labelledby", "footnotes")
    title = div.makeelement("h2", {"id": "footnotes", "class": "footnote__title"})
    title.text = heading
    position = 1 if len(div) and div[0].tag == "hr" else 0
    div.insert(position, title)


class SourceFootnotesExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["en", "Language of the back-link titles (nl or en)."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After the footnotes' own post-inline processor (15): the calls exist then.
        md.treeprocessors.register(SourceFootnotesTreeprocessor(md, self), "source-footnotes", 14)


def makeExtension(**kwargs):  # pragma: no cover - Python-Markdown's entry point
    return SourceFootnotesExtension(**kwargs)
