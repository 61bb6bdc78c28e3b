"""A page's state for the Markdown extensions travels in its own first line and lives on
the Markdown instance, cleared by reset(): nothing of one page leaks into the next."""

from __future__ import annotations

import markdown

from publication.render.footnotes import SourceFootnotesExtension
from publication.render.page_state import PageStateExtension, marker
from publication.render.pairs import PairsExtension

TEXT = "A sentence.[^35]\n\n[^35]: A note.\n"


def convert(md: markdown.Markdown, text: str) -> str:
    md.reset()
    return md.convert(text)


def test_the_state_line_sets_the_pages_language_and_is_not_in_the_output():
    md = markdown.Markdown(extensions=["footnotes", PageStateExtension(), SourceFootnotesExtension(lang="en")])
    html = convert(md, marker(lang="nl") + "\n" + TEXT)
    assert 'aria-label="voetnoot 35"' in html and "publication-page" not in html
    assert md.page_state == {"lang": "nl"}


def test_the_next_page_without_a_state_line_gets_the_defaults_not_the_last_pages_state():
    md = markdown.Markdown(extensions=["footnotes", PageStateExtension(), SourceFootnotesExtension(lang="en")])
    convert(md, marker(lang="nl") + "\n" + TEXT)
    html = convert(md, TEXT)
    assert 'aria-label="footnote 35"' in html and md.page_state == {}


def test_a_section_page_gets_its_paragraph_links_from_its_state():
    md = markdown.Markdown(extensions=[PageStateExtension(), PairsExtension()])
    state = marker(
        lang="en",
        section=True,
        anchors={"1": "s-1"},
        citation="Kamerstukken II 2023/24, 28 638, nr. 233, p. 32",
        name="daderaanpak",
    )
    from lxml import html as lxml_html

    links = lxml_html.fragment_fromstring(convert(md, state + "\nThe first paragraph.\n")).xpath("//a")
    # The paragraph's permalink, and its pair link to the English cell beside it (the
    # counterpart of a reader of English is the Dutch: -nl).
    assert {a.get("class"): a.get("href") for a in links} == {
        "paragraph-link": "#s-1",
        "pair-link": "parallel.md#daderaanpak-pair-1-nl",
    }
    assert "pair-link" not in convert(md, "Another page's paragraph.\n")


def test_a_state_that_holds_the_end_of_a_comment_cannot_end_the_line_early():
    line = marker(citation="a --> b")
    assert line.count("-->") == 1 and line.endswith(" -->")
