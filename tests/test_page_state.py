"""A page's state reaches the Markdown extensions as a Python object (PageState), handed
to them by the MkDocs plugin before a page is converted and taken back after it: an
extension without one uses its own configured defaults, and nothing of one page leaks
into the next."""

from __future__ import annotations

import markdown
from lxml import html as lxml_html
from repo import PUB

from publication.render.footnotes import SourceFootnotesExtension
from publication.render.page_state import PageState
from publication.render.pairs import PairsExtension

TEXT = "A sentence.[^35]\n\n[^35]: A note.\n"


def convert(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


def test_the_pages_state_sets_its_language():
    ext = SourceFootnotesExtension(lang="en", publication=PUB)
    md = markdown.Markdown(extensions=["footnotes", ext])
    ext.page = PageState(lang="nl")
    assert 'aria-label="voetnoot 35"' in convert(md, TEXT)


def test_without_a_pages_state_the_extension_uses_its_defaults_not_the_last_pages_state():
    ext = SourceFootnotesExtension(lang="en", publication=PUB)
    md = markdown.Markdown(extensions=["footnotes", ext])
    ext.page = PageState(lang="nl")
    convert(md, TEXT)
    ext.page = None
    assert 'aria-label="footnote 35"' in convert(md, TEXT)


def test_a_section_page_gets_its_paragraph_links_from_its_state_with_whole_numbers():
    ext = PairsExtension(publication=PUB)
    md = markdown.Markdown(extensions=[ext])
    ext.page = PageState(
        lang="en",
        section=True,
        anchors={1: "s-1"},
        citation="Bijlage bij Kamerstukken II 2023/24, 28 638, nr. 233, p. 32",
        name="daderaanpak",
    )
    links = lxml_html.fragment_fromstring(convert(md, "The first paragraph.\n")).xpath("//a")
    # The paragraph's permalink, and its pair link to the English cell beside it (the
    # counterpart of a reader of English is the Dutch: -nl).
    assert {a.get("class"): a.get("href") for a in links} == {
        "paragraph-link": "#s-1",
        "pair-link": "parallel.md#daderaanpak-pair-1-nl",
    }
    ext.page = PageState(lang="en")  # another page, no section
    assert "pair-link" not in convert(md, "Another page's paragraph.\n")
