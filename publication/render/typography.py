"""Typography that outlives Markdown: the no-break spaces of citations in the table
of contents (Python-Markdown gives its entries plain spaces, whatever the heading has)."""

from __future__ import annotations

from publication.model.references import tie_citations


def tie_toc(toc) -> None:
    """Every entry of a page's table of contents (MkDocs' AnchorLinks, nested) with its
    citations unbreakable, as in the heading it names."""
    for item in toc or []:
        item.title = tie_citations(item.title)
        tie_toc(item.children)
