"""What one page needs the publication's Markdown extensions to know (its language,
whether it is a section, its sentences' anchors, its citation), handed to them as a
Python object: the MkDocs plugin sets `page` on each of its extensions before MkDocs
converts the page and clears it afterwards (MkDocs converts one page at a time, right
after `on_page_markdown`). An extension without a page's state (a conversion outside
MkDocs: the tests, the side-by-side page) uses its own configured defaults.

    ext = PairsExtension(publication=pub)
    ext.page = PageState(lang="en", section=True, anchors={3: "s-1"}, name="daderaanpak")
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown.extensions import Extension


@dataclass(frozen=True)
class PageState:
    lang: str
    section: bool = False  # the page reproduces a source page
    anchors: dict[int, str] = field(default_factory=dict)  # paragraph (pair number) -> its first sentence's id
    citation: str = ""  # the formal citation a paragraph's permalink offers
    name: str = ""  # the section's name, which prefixes its ids on the parallel page
    sentences: dict[int, tuple[str, ...]] = field(default_factory=dict)  # paragraph -> its sentences' ids


class PageAwareExtension(Extension):
    """A Python-Markdown extension of the publication: it is handed the publication
    (`publication=`, a model.publication.Publication) and, page by page, the page's
    state (`page`)."""

    def __init__(self, publication=None, **kwargs):
        self.publication = publication
        self.page: PageState | None = None
        super().__init__(**kwargs)

    def lang(self) -> str:
        """The page's language, else the configured one."""
        return self.page.lang if self.page is not None else self.getConfig("lang")
