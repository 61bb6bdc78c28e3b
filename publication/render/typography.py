"""What the reader's page gets after Markdown: the no-break spaces of citations in the
table of contents (Python-Markdown gives its entries plain spaces, whatever the heading
has), and the stylesheet as sent (comments out)."""

from __future__ import annotations

import re

from publication.model.references import tie_citations


def tie_toc(toc) -> None:
    """Every entry of a page's table of contents (MkDocs' AnchorLinks, nested) with its
    citations unbreakable, as in the heading it names."""
    for item in toc or []:
        item.title = tie_citations(item.title)
        tie_toc(item.children)


# A string (kept as it is), a comment, or a run of white space.
_CSS_TOKEN_RE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(/\*.*?\*/)|(\s+)""", re.S)
_CSS_PUNCT_RE = re.compile(r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|\s*([{};,])\s*""")


def minify_css(css: str, keep: tuple[str, ...] = ()) -> str:
    """The stylesheet as sent: without its comments (they are for maintainers; on the
    first visit they cost about a third of the file) and with white space collapsed;
    strings untouched, comments listed in `keep` kept (markers the build looks for)."""

    def token(m: re.Match) -> str:
        if m[1]:
            return m[1]
        if m[2]:
            return m[2] if m[2] in keep else " "
        return " "

    out = _CSS_TOKEN_RE.sub(token, css)
    out = _CSS_PUNCT_RE.sub(lambda m: m[1] or m[2], out)
    for comment in keep:  # each kept marker on a line of its own, as the build writes them
        out = out.replace(comment, f"\n{comment}\n")
    return out.strip() + "\n"
