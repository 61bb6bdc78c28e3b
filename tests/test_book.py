"""The book transformer (publication/outputs/book.py) on small pages: the article whole
(nested divs), the screen controls gone, the notes in each medium's form with the
source's numbers, the bars as boxes, links and ids inside the book, and the chapters
taken from the navigation and the front matter."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from html import unescape

import pytest
from conftest import edit
from lxml import etree
from lxml import html as lxml_html
from repo import ROOT

from publication.model.publication import Publication
from publication.outputs import book, epub, pdf

EPUB_TYPE = f"{{{book.EPUB_NS}}}type"


def page(body: str, lang: str = "nl") -> str:
    """A built page as Material writes it: furniture around the article."""
    return (
        f'<!doctype html><html lang="{lang}"><head><title>t</title></head><body>'
        '<header class="md-header">Zoeken</header><div class="md-content">'
        f'<article class="md-content__inner md-typeset">{body}</article></div>'
        '<footer class="md-footer">Terug naar boven</footer></body></html>'
    )


def inner(root) -> str:
    return (root.text or "") + "".join(lxml_html.tostring(c, encoding="unicode") for c in root)


def squeeze(markup: str) -> str:
    return re.sub(r">\s+<", "><", markup.strip())


# --- The article ----------------------------------------------------------------------


def test_the_article_is_taken_whole_past_nested_divs():
    root = book.article(
        page(
            '<div class="admonition"><div class="inner"><p>a</p></div></div>'
            '<div class="footnote"><ol><li id="fn:35"><p>n</p></li></ol></div><p>last</p>'
        )
    )
    assert inner(root) == (
        '<div class="admonition"><div class="inner"><p>a</p></div></div>'
        '<div class="footnote"><ol><li id="fn:35"><p>n</p></li></ol></div><p>last</p>'
    )


def test_a_page_without_an_article_is_an_error():
    with pytest.raises(ValueError, match="no <article>"):
        book.article("<html><body><p>x</p></body></html>")


# --- Controls -------------------------------------------------------------------------


def test_the_screen_controls_go_and_the_words_around_them_stay():
    root = book.article(
        page(
            '<h2 id="p">Preventie<a class="headerlink" href="#p">¶</a></h2>'
            '<p data-pair="2"><span id="s-1" tabindex="0">Zin.</span><a class="paragraph-link" href="#s-1">¶</a>'
            '<a class="pair-link" href="../parallel/#pair-2">⇄</a> na</p>'
            '<div class="admonition quote cite"><p class="admonition-title">Citeren</p><div><ul><li>'
            '<a href="../cite/x.bib" download>BibTeX</a></li></ul></div></div>'
            '<ul><li><strong>Citeren:</strong> K 28 638<span class="cite-files"> · <a href="../cite/a.bib">BibTeX</a>'
            ' · <a href="../cite/a.ris">RIS</a></span></li></ul>'
            '<div class="footnote"><ol><li id="fn:35" value="35"><p>Kamerstuk.&#160;<a class="footnote-backref" '
            'href="#fnref:35">↩</a></p></li></ol></div>'
        )
    )
    assert book.drop_controls(root) == 6
    assert inner(root) == (
        '<h2 id="p">Preventie</h2>'
        '<p data-pair="2"><span id="s-1">Zin.</span> na</p>'
        "<ul><li><strong>Citeren:</strong> K 28 638</li></ul>"
        '<div class="footnote"><ol><li id="fn:35" value="35"><p>Kamerstuk.</p></li></ol></div>'
    )


def test_what_a_page_says_of_the_screen_only_goes_and_so_does_the_timelines_gathering():
    """A `.screen-only` block goes; on the timeline the follow-ups' introduction and
    items go (the book has each in full beside its paragraph), their heading and their
    table in short stay; and a follow-up's line of when and at which sentence goes."""
    root = book.article(
        page(
            '<p>Links het Nederlands.</p><p class="screen-only">Op een smal scherm onder elkaar.</p>'
            '<h2 id="answer">Waar pagina 32 nu staat</h2><p>Antwoord.</p>'
            '<h2 id="followups">Wat ervan terechtkwam</h2><p>Inleiding.</p>'
            '<table class="followup-overview"><tr><td>zin s-4</td></tr></table>'
            '<div class="followup-item" id="followup-x"><h3>Zin s-4</h3><p>Niets gevonden.</p></div>'
            '<h2 id="papers">De stukken</h2><p>Stuk.</p>'
            '<details class="followup"><summary>Wat ervan terechtkwam</summary>'
            '<p class="followup__label">Vastgelegd op 7 december 2026 · bij zin s-4</p>'
            '<p class="followup__text">Tekst.</p></details>'
        )
    )
    book.drop_controls(root)
    assert squeeze(inner(root)) == (
        "<p>Links het Nederlands.</p>"
        '<h2 id="answer">Waar pagina 32 nu staat</h2><p>Antwoord.</p>'
        '<h2 id="followups">Wat ervan terechtkwam</h2>'
        '<table class="followup-overview"><tr><td>zin s-4</td></tr></table>'
        '<h2 id="papers">De stukken</h2><p>Stuk.</p>'
        '<details class="followup"><summary>Wat ervan terechtkwam</summary>'
        '<p class="followup__text">Tekst.</p></details>'
    )


def test_a_closed_box_opens_on_paper_as_a_box_and_a_follow_up_keeps_its_own_kind():
    root = book.article(
        page(
            '<details class="note"><summary>De cijfers als grafiek</summary><p>Grafiek.</p></details>'
            '<details class="followup followup--none-found"><summary>Wat ervan terechtkwam</summary><p>T.</p></details>'
        )
    )
    assert book.open_boxes(root) == 2
    assert inner(root) == (
        '<div class="admonition note"><p class="admonition-title">De cijfers als grafiek</p><p>Grafiek.</p></div>'
        '<div class="followup followup--none-found"><p class="admonition-title">Wat ervan terechtkwam</p>'
        "<p>T.</p></div>"
    )


# --- Numbers kept whole -----------------------------------------------------------------


def kept(markup: str) -> str:
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    book.keep_numbers(root)
    return inner(root)


def test_a_number_with_its_parts_is_kept_whole():
    assert kept("<p>In de jaren 2023 – 2026 en 2017-2021.</p>") == (
        '<p>In de jaren <span class="nobr">2023 – 2026</span> en <span class="nobr">2017-2021</span>.</p>'
    )
    assert kept("<p>Kamerstuk 28 638, nr. 233</p>") == (
        '<p>Kamerstuk <span class="nobr">28 638</span>, <span class="nobr">nr. 233</span></p>'
    )
    assert kept("<p>€ 60 miljoen, €143 miljoen, van 3.925 incidenten</p>") == (
        '<p><span class="nobr">€ 60</span> miljoen, €143 miljoen, van 3.925 incidenten</p>'
    )


def test_a_number_joined_by_no_break_spaces_needs_no_more():
    assert kept("<p>Kamerstuk\xa028\xa0638, nr.\xa0233, no.\xa0106</p>") == (
        "<p>Kamerstuk\xa028\xa0638, nr.\xa0233, no.\xa0106</p>"
    )


def test_numbers_are_kept_in_links_after_elements_but_not_in_printed_addresses_or_code():
    assert kept('<p><a href="https://x">Kamerstuk 28 741</a> en <em>x</em> 2017-2021</p>') == (
        '<p><a href="https://x">Kamerstuk <span class="nobr">28 741</span></a> en <em>x</em> '
        '<span class="nobr">2017-2021</span></p>'
    )
    assert kept('<p><a class="url" href="https://x/2023-2024">https://x/2023-2024</a> <code>1 234</code></p>') == (
        '<p><a class="url" href="https://x/2023-2024">https://x/2023-2024</a> <code>1 234</code></p>'
    )


def test_a_lone_number_is_left_as_it_is_and_a_date_kept_whole():
    assert kept("<p>op 17 juni 2024, in 27 gemeenten, 19%</p>") == (
        '<p>op <span class="nobr">17 juni 2024</span>, in 27 gemeenten, 19%</p>'
    )
    assert kept("<p>On 28 February 2024 (2 MAART 2024), in June 2024, 7 dec 2026</p>") == (
        '<p>On <span class="nobr">28 February 2024</span> (<span class="nobr">2 MAART 2024</span>),'
        " in June 2024, 7 dec 2026</p>"
    )


# --- The appendix as a table --------------------------------------------------------------

GRID = (
    '<div class="parallel" role="table" aria-label="De paragraaf naast elkaar">'
    '<div class="parallel__row parallel__head" role="row"><div class="parallel__cell">Nederlands</div>'
    '<div class="parallel__cell">English</div></div>'
    '<div class="parallel__row parallel__row--heading" id="pair-1"><div class="parallel__cell" lang="nl" id="pair-1-nl">'
    '<h3>Preventie</h3></div><div class="parallel__cell" lang="en" id="pair-1-en"><h3>Prevention</h3></div></div>'
    '<div class="parallel__row parallel__row--paragraph" id="pair-2">'
    '<div class="parallel__cell" lang="nl" id="pair-2-nl"><p><span data-seg="s-1" id="s-1-nl">Met gezag'
    '<sup id="fnref:nl-35"><a class="footnote-ref" href="#fn:nl-35">35</a></sup> wil.</span> '
    '<span data-seg="s-2" id="s-2-nl">Zo.</span></p></div>'
    '<div class="parallel__cell" lang="en" id="pair-2-en"><p><span data-seg="s-1" id="s-1">With authority'
    '<sup id="fnref:en-35"><a class="footnote-ref" href="#fn:en-35">35</a></sup>, the.</span> '
    '<span data-seg="s-2" id="s-2">So.</span></p></div></div>'
    '<div class="parallel__row parallel__row--followups" id="pair-2-followups"><div class="parallel__cell">F</div>'
    '<div class="parallel__cell">F</div></div>'
    '<div class="parallel__row parallel__notes footnote" id="pair-notes">'
    '<div class="parallel__cell" lang="nl"><div role="doc-endnotes"><ol>'
    '<li id="fn:nl-35" value="35">Kamerstuk 28 741, nr. 106.</li></ol></div></div>'
    '<div class="parallel__cell" lang="en"><div role="doc-endnotes"><ol>'
    '<li id="fn:en-35" value="35">Parliamentary paper 28 741, no. 106.</li></ol></div></div></div>'
    "</div>"
)


def test_the_appendix_is_a_table_with_a_row_per_sentence_pair_and_each_languages_notes_under_its_call():
    root = book.article(page(GRID))
    assert book.parallel_table(root) == 3
    assert squeeze(inner(root)) == squeeze(
        '<table class="parallel-table" aria-label="De paragraaf naast elkaar">'
        '<thead><tr><th scope="col">Nederlands</th><th scope="col">English</th></tr></thead><tbody>'
        '<tr class="parallel-table__heading parallel-table__start" id="pair-1">'
        '<td lang="nl" id="pair-1-nl"><h3>Preventie</h3></td><td lang="en" id="pair-1-en"><h3>Prevention</h3></td></tr>'
        '<tr class="parallel-table__paragraph parallel-table__start" id="pair-2">'
        '<td lang="nl" id="pair-2-nl"><p><span data-seg="s-1" id="s-1-nl">Met gezag<sup id="fnref:nl-35">'
        '<a class="footnote-ref" href="#fn:nl-35">35</a></sup> wil.</span></p></td>'
        '<td lang="en" id="pair-2-en"><p><span data-seg="s-1" id="s-1">With authority<sup id="fnref:en-35">'
        '<a class="footnote-ref" href="#fn:en-35">35</a></sup>, the.</span></p></td></tr>'
        '<tr class="parallel-table__notes"><td lang="nl"><p class="parallel-note" id="fn:nl-35">35.\xa0Kamerstuk 28 741, '
        'nr. 106.</p></td><td lang="en"><p class="parallel-note" id="fn:en-35">35.\xa0Parliamentary paper 28 741, '
        "no. 106.</p></td></tr>"
        '<tr class="parallel-table__paragraph"><td lang="nl"><p><span data-seg="s-2" id="s-2-nl">Zo.</span></p></td>'
        '<td lang="en"><p><span data-seg="s-2" id="s-2">So.</span></p></td></tr>'
        "</tbody></table>"
    )


def test_a_paragraph_whose_sentences_do_not_pair_one_to_one_keeps_one_row():
    grid = GRID.replace('<span data-seg="s-2" id="s-2">So.</span>', '<span data-seg="s-3" id="s-3">So.</span>')
    root = book.article(page(grid))
    assert book.parallel_table(root) == 2
    rows = root.xpath(".//tbody/tr")
    assert [r.get("class") for r in rows] == [
        "parallel-table__heading parallel-table__start",
        "parallel-table__paragraph parallel-table__start",
        "parallel-table__notes",
    ]
    assert [len(td.xpath(".//span[@data-seg]")) for td in rows[1]] == [2, 2]


def test_nothing_of_a_paragraph_outside_its_sentences_is_lost():
    """A paragraph with words outside its sentence spans keeps its one row, whole."""
    grid = GRID.replace('<p><span data-seg="s-1" id="s-1">', '<p>Loose words. <span data-seg="s-1" id="s-1">')
    root = book.article(page(grid))
    book.parallel_table(root)
    assert "Loose words." in root.xpath(".//tbody/tr")[1].text_content()


# --- The chart ------------------------------------------------------------------------


def test_each_drawn_bar_becomes_a_box_of_its_share_with_the_value_beside_it():
    root = book.article(
        page(
            '<div class="chart__plot" role="img"><div class="chart__bar" data-value="76">'
            '<span class="chart__label">Seksuele uitbuiting</span>'
            '<svg class="chart__track" viewBox="0 0 100 10" aria-hidden="true"><rect width="76" height="10"/></svg>'
            '<span class="chart__value" data-figure="share_sexual">76%</span></div></div>'
        )
    )
    assert book.chart_boxes(root) == 1
    assert inner(root) == (
        '<div class="chart__plot" role="img"><div class="chart__bar" data-value="76">'
        '<span class="chart__label">Seksuele uitbuiting</span>'
        '<span class="chart__line"><span class="chart__track" aria-hidden="true" style="width: 60.8%">'
        '<span class="chart__fill" data-share="76"></span></span>'
        '<span class="chart__value" data-figure="share_sexual">76%</span></span></div></div>'
    )


# --- Footnotes ------------------------------------------------------------------------

SECTION = (
    '<p>Met gezag<sup id="fnref:35"><a aria-label="voetnoot 35" class="footnote-ref" href="#fn:35" '
    'role="doc-noteref">35</a></sup> wil.</p>'
    '<div aria-labelledby="footnotes" class="footnote" role="doc-endnotes"><hr>'
    '<h2 class="footnote__title" id="footnotes">Voetnoten</h2><ol>'
    '<li id="fn:35" value="35"><p><a href="https://example.org/kst-1.html">Kamerstuk 28 741, nr. 106</a>.</p></li>'
    "</ol></div>"
)

PARALLEL = (
    '<div class="parallel__row" id="pair-4">'
    '<div class="parallel__cell" lang="nl"><p>Met gezag<sup id="fnref:nl-35"><a class="footnote-ref" '
    'href="#fn:nl-35">35</a></sup> wil.</p></div>'
    '<div class="parallel__cell" lang="en"><p>With authority<sup id="fnref:en-35"><a class="footnote-ref" '
    'href="#fn:en-35">35</a></sup>, the.</p></div></div>'
    '<div class="parallel__row parallel__notes footnote" id="pair-notes">'
    '<div class="parallel__cell" lang="nl"><div role="doc-endnotes"><ol>'
    '<li id="fn:nl-35" value="35">Kamerstuk 28 741, nr. 106.</li></ol></div></div>'
    '<div class="parallel__cell" lang="en"><div role="doc-endnotes"><ol>'
    '<li id="fn:en-35" value="35">Parliamentary paper 28 741, no. 106.</li></ol></div></div></div>'
)


def test_print_notes_stand_at_their_call_with_the_sources_number_and_their_link_printed():
    root = book.article(page(SECTION))
    assert book.print_footnotes(root) == 1
    assert inner(root) == (
        '<p>Met gezag<span class="fn" id="fn:35" data-n="35" lang="nl">'
        '<a href="https://example.org/kst-1.html">Kamerstuk 28 741, nr. 106</a>.'
        '<a class="url" href="https://example.org/kst-1.html">https://example.org/kst-1.html</a></span> wil.</p>'
    )


def test_print_notes_on_the_side_by_side_page_keep_the_sources_number_in_each_language():
    root = book.article(page(PARALLEL))
    assert book.print_footnotes(root) == 2
    notes = root.xpath('.//span[@class="fn"]')
    assert [(n.get("data-n"), n.get("lang"), n.text) for n in notes] == [
        ("35", "nl", "Kamerstuk 28 741, nr. 106."),
        ("35", "en", "Parliamentary paper 28 741, no. 106."),
    ]
    assert not root.xpath('.//*[contains(@class, "parallel__notes")]') and not root.xpath(".//ol")


def test_epub_notes_are_asides_numbered_as_their_noterefs():
    root = book.article(page(SECTION))
    assert book.epub_footnotes(root, {"heading": "Voetnoten", "backlink": "Terug naar {n}"}) == 1
    ref = root.xpath(".//sup/a")[0]
    assert (ref.get(EPUB_TYPE), ref.get("id"), ref.get("href"), ref.text) == ("noteref", "fnref:35", "#fn:35", "35")
    aside = root.xpath(".//aside")[0]
    assert aside.get(EPUB_TYPE) == "footnote" and aside.get("id") == "fn:35"
    back = aside.xpath('.//a[@role="doc-backlink"]')[0]
    assert (back.text, back.get("href"), back.get("aria-label")) == ("35", "#fnref:35", "Terug naar 35")
    assert "".join(aside.itertext()) == "35. Kamerstuk 28 741, nr. 106."
    assert root.xpath(".//section/h2")[0].text == "Voetnoten" and not root.xpath(".//ol")


# --- Links ----------------------------------------------------------------------------


def test_links_between_chapters_stay_and_links_out_of_the_book_keep_only_their_words():
    here = book.Chapter("daderaanpak.md", book.SECTION, "en")
    refs = book.Chapter("references.md", book.REFERENCES, "en")
    root = book.article(
        page(
            '<p id="s-1">See <a href="#s-2">s-2</a>, <a href="../references/#kst-1">the entry</a>, '
            '<a href="../references/index.html">References</a>, <a href="../checks/" hreflang="en">checks</a>, '
            '<a href="../../daderaanpak/#s-1" hreflang="nl">the Dutch</a> and <a href="https://example.org/">out</a>.'
            '</p><div aria-describedby="s-1 x"></div>',
            "en",
        )
    )
    book.relink(root, here, [here, refs], lambda c, i: f"{c.key}--{i}", lambda c, f: f"#{c.key}--{f or 'top'}")
    assert inner(root) == (
        '<p id="daderaanpak--s-1">See <a href="#daderaanpak--s-2">s-2</a>, '
        '<a href="#references--kst-1">the entry</a>, <a href="#references--top">References</a>, checks, '
        'the Dutch and <a href="https://example.org/">out</a>.</p>'
        '<div aria-describedby="daderaanpak--s-1 daderaanpak--x"></div>'
    )


# --- Chapters -------------------------------------------------------------------------


def test_the_chapters_are_the_sections_the_timeline_the_references_then_the_appendix():
    for lang in ("nl", "en"):
        assert [(c.rel, c.kind) for c in book.chapters(lang, ROOT, appendix=True)] == [
            ("daderaanpak.md", "section"),
            ("history.md", "history"),
            ("references.md", "references"),
            ("translation-notes.md", "notes"),
            ("parallel.md", "appendix"),
        ]
        assert [c.rel for c in book.chapters(lang, ROOT)] == [
            "daderaanpak.md",
            "history.md",
            "references.md",
            "translation-notes.md",
        ]
    c = book.chapters("en", ROOT)[0]
    assert (c.key, c.url, c.file) == ("daderaanpak", "/en/daderaanpak/", "daderaanpak.xhtml")
    assert book.chapters("nl", ROOT)[2].url == "/references/"


def add_second_section(project) -> None:
    """A fictional second section in both languages, after the first in the navigation,
    with its source text."""
    (project / "source" / "samen-tegen-mensenhandel-p33.txt").write_text("Tekst.\n", encoding="utf-8")
    for lang, title in (("nl", "Slachtofferaanpak"), ("en", "Victims")):
        (project / "docs" / lang / "slachtoffers.md").write_text(
            f"---\nsource_page: 33\ntitle: {title}\n---\n\n# {title} {{ #slachtoffers }}\n\nTekst.\n", encoding="utf-8"
        )
    edit(
        project / "mkdocs.yml",
        "            - Daderaanpak: daderaanpak.md\n",
        "            - Daderaanpak: daderaanpak.md\n            - Slachtoffers: slachtoffers.md\n",
    )
    edit(
        project / "mkdocs.yml",
        "            - Tackling offenders: daderaanpak.md\n",
        "            - Tackling offenders: daderaanpak.md\n            - Victims: slachtoffers.md\n",
    )


def test_a_second_section_is_a_chapter_of_both_books_without_code(project_copy):
    add_second_section(project_copy)
    for lang in ("nl", "en"):
        assert [c.rel for c in book.chapters(lang, project_copy, appendix=True)] == [
            "daderaanpak.md",
            "slachtoffers.md",
            "history.md",
            "references.md",
            "translation-notes.md",
            "parallel.md",
        ]


def test_a_second_section_is_in_the_pdf_and_the_epub(project_copy, dist, tmp_path):
    """Both books made from a site that holds the fictional second section."""

    add_second_section(project_copy)
    site = tmp_path / "site"
    shutil.copytree(dist / "site", site)
    for prefix, title in (("", "Slachtofferaanpak"), ("en/", "Victims")):
        (site / prefix / "slachtoffers").mkdir()
        (site / prefix / "slachtoffers" / "index.html").write_text(
            page(f'<h1 id="slachtoffers">{title}</h1><p>Tekst.</p>'), encoding="utf-8"
        )
    day = dt.date(2026, 11, 1)
    for lang, title in (("nl", "Slachtofferaanpak"), ("en", "Victims")):
        document = pdf.document(site, lang, day, Publication(project_copy))
        keys = ("daderaanpak", "slachtoffers", "history", "references", "translation-notes", "parallel")
        order = [document.index(f'id="{key}--top"') for key in keys]
        assert order == sorted(order)
        target = epub.make(site, lang, tmp_path / f"{lang}.epub", Publication(project_copy), 0)
        with zipfile.ZipFile(target) as z:
            chapter = etree.fromstring(z.read("EPUB/slachtoffers.xhtml"))
            opf = etree.fromstring(z.read("EPUB/content.opf"))
        assert title in "".join(chapter.itertext())
        ns = {"o": "http://www.idpf.org/2007/opf"}
        files = {i.get("id"): i.get("href") for i in opf.xpath("//o:manifest/o:item", namespaces=ns)}
        spine = [files[i] for i in opf.xpath("//o:spine/o:itemref/@idref", namespaces=ns)]
        assert spine == [
            "cover.xhtml",
            "title.xhtml",
            "colophon.xhtml",
            "nav.xhtml",
            "daderaanpak.xhtml",
            "slachtoffers.xhtml",
            "history.xhtml",
            "references.xhtml",
            "translation-notes.xhtml",
            "parallel.xhtml",
        ]
        # With two sections the books say which pages they hold.
        assert ("pagina’s 32–33" if lang == "nl" else "pages 32–33") in unescape(document)
