"""Raw HTML blocks inside indented containers.

Python-Markdown takes a block of HTML as raw HTML only at the top level of a page; the
same block indented inside an admonition becomes a paragraph, and `<p><figure>…</p>`
leaves a `</p>` with no paragraph open (the W3C checker's error, and a stray empty
paragraph in the browser). A block that is one block-level element, start to end (as a
placeholder such as `[[chart:incidents]]` expands), is stored as raw HTML there too,
which is what the library does with it at the top level.
"""

from __future__ import annotations

import re

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.util import AtomicString

BLOCK_START_RE = re.compile(r"^<(?P<tag>figure|table|div|section|aside|details|ul|ol|dl)\b[^>]*>")
BLOCK_END_RE = re.compile(r"</[a-z][a-z0-9]*>\s*$")


class RawHtmlBlockProcessor(BlockProcessor):
    def test(self, parent, block: str) -> bool:
        """One block-level element from start to end: it opens with such a tag and closes
        with an end tag, within one block."""
        return bool(BLOCK_START_RE.match(block)) and bool(BLOCK_END_RE.search(block))

    def run(self, parent, blocks: list[str]) -> None:
        block = blocks.pop(0)
        placeholder = self.parser.md.htmlStash.store(block.strip())
        element = parent.makeelement("p", {})
        element.text = AtomicString(placeholder)
        parent.append(element)


class RawHtmlBlocksExtension(Extension):
    def extendMarkdown(self, md):
        # Before the paragraph processor (priority 10), after lists and code blocks.
        md.parser.blockprocessors.register(RawHtmlBlockProcessor(md.parser), "publication_raw_html", 15)
