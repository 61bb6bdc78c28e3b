"""Python-Markdown extension: on a section page, number the headings and paragraphs
as the parallel page pairs them (`<section>-pair-N`) and link each paragraph to its pair.

The link is a control beside the paragraph, like a heading's permalink: it adds no
words to the text, and stays out of the search index (`data-search-exclude`), as does
the "Cite this text" box. MkDocs resolves `parallel.md#daderaanpak-pair-N` to the right URL (with or
without directory URLs), so this runs before MkDocs' own link processor.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

from publication import LANGUAGES
from publication.render.page_state import PageAwareExtension

# The paragraph's permalink: its first sentence's address, to copy as a pinpoint citation.
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Material's search leaves an element with this attribute out of its index (and its
# snippets): the controls beside the text are not words of the text.
SEARCH_EXCLUDE = "data-search-exclude"


def exclude_from_search(el) -> None:
    """Keep `el` (a control the publication adds) out of the search index."""
    el.set(SEARCH_EXCLUDE, "true")


def is_cite_box(el) -> bool:
    """The "Cite this text" box (an admonition of the kinds "quote cite")."""
    return el.tag == "div" and {"admonition", "cite"} <= set(el.get("class", "").split())


class PairsTreeprocessor(Treeprocessor):
    def __init__(self, md, ext: PairsExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        for el in root.iter("div"):
            if is_cite_box(el):
                exclude_from_search(el)
        # The page's own state (handed over by the MkDocs plugin) before the extension's defaults.
        page, ext = self.ext.page, self.ext
        if not (page.section if page is not None else ext.getConfig("enabled")):
            return
        # On a section page the search finds the source's words, not the publication's
        # boxes around them (the chart's, the end of the excerpt's).
        for el in root:
            if el.tag in ("div", "details") and {"admonition", "details"} & set(el.get("class", "").split()):
                exclude_from_search(el)
            elif el.tag == "details":
                exclude_from_search(el)
        lang = ext.lang()
        words = ext.publication.labels(lang)["pairs"]
        label = words["link"]
        target = ext.getConfig("target")
        anchors = page.anchors if page is not None else ext.getConfig("anchors") or {}
        citation = page.citation if page is not None else ext.getConfig("citation")
        name = page.name if page is not None else ext.getConfig("section")
        counterpart = next(code for code in LANGUAGES if code != lang)
        number = 0
        for el in list(root):
            if el.tag in HEADINGS or el.tag == "p":
                number += 1
            if el.tag != "p":
                continue
            el.set("data-pair", str(number))
            if number in anchors:
                sentence = anchors[number]
                text = words["permalink"].format(sentence=sentence, citation=citation)
                pilcrow = etree.SubElement(el, "a")
                pilcrow.set("class", "paragraph-link")
                pilcrow.set("href", f"#{sentence}")
                pilcrow.set("title", text)
                pilcrow.set("aria-label", words["permalink_name"].format(sentence=sentence))
                pilcrow.text = "¶"
                exclude_from_search(pilcrow)
            a = etree.SubElement(el, "a")
            a.set("class", "pair-link")
            # The counterpart's own cell: where the cells stack (a phone), the row's top
            # would show this paragraph again, its translation out of view below it.
            a.set("href", f"{target}#{name}-pair-{number}-{counterpart}")
            a.set("title", label)
            a.set("aria-label", f"{label} ({number})")
            a.text = "⇄"
            exclude_from_search(a)
            a.tail = None


class PairsExtension(PageAwareExtension):
    def __init__(self, **kwargs):
        self.config = {
            "enabled": [False, "Number and link the paragraphs of this page."],
            "lang": ["en", "Language of the links' labels."],
            "target": ["parallel.md", "The parallel page, as a Markdown link."],
            "anchors": [{}, "Paragraph number -> the segment id of its first sentence (its permalink)."],
            "citation": ["", "The formal citation a paragraph's permalink offers to cite it by."],
            "section": ["", "The section's name, which prefixes its ids on the parallel page."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before MkDocs' relative-path processor (priority 0) resolves the links;
        # after the inline patterns (20) have built the paragraphs' content.
        md.treeprocessors.register(PairsTreeprocessor(md, self), "paragraph-pairs", 5)
