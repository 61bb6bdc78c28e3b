"""The EPUBs, read back with ebooklib: language, navigation, the section and the
references, the chart with its table, footnotes 35-37 as EPUB footnotes with back-links
(every noteref's number its note's), no dead controls, the English title page's
unofficial notice, the chart at phone width in Chromium, and the accessibility metadata
of EPUB Accessibility 1.1."""

from __future__ import annotations

import re
import zipfile

import pytest
from ebooklib import epub
from lxml import etree
from repo import PUB, ROOT

from publication.model.downloads import (
    DOWNLOADS_DIR,
    OFFLINE_TOP,
    OFFLINE_ZIP,
    epub_name,
)
from publication.outputs import book as book_mod

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
TITLES = {
    "nl": (
        "Daderaanpak",
        ["Preventie", "Opsporen en vervolgen"],
        "voetnoot {}",
        "Voetnoten",
        "Terug naar voetnootverwijzing {} in de tekst",
    ),
    "en": (
        "Tackling offenders",
        ["Prevention", "Detection and prosecution"],
        "footnote {}",
        "Footnotes",
        "Back to footnote {} in the text",
    ),
}


@pytest.fixture(scope="module", params=["nl", "en"])
def book(request, dist):
    return request.param, epub.read_epub(str(dist / epub_name(request.param)), {"ignore_ncx": True})


SECTION = "daderaanpak.xhtml"  # the section's chapter: its page's name


def xhtml(book_, name: str):
    return etree.fromstring(book_.get_item_with_href(name).get_content())


def test_language_title_and_source(book):
    lang, b = book
    assert b.get_metadata("DC", "language") == [(lang, {})]
    assert b.get_metadata("DC", "source") == [("Kamerstuk 28 638, nr. 233", {})]
    assert (
        b.get_metadata("DC", "title")[0][0]
        == {
            "nl": "Samen tegen mensenhandel – Daderaanpak: pagina 32 van het actieplan, woord voor woord",
            "en": "Together against Human Trafficking – Tackling offenders: page 32 of the action plan"
            " (unofficial translation)",
        }[lang]
    )


def test_the_english_books_title_and_description_say_unofficial_translation(book):
    """A reading system's library shows the title and the description, not the title
    page: the English says there what it is; the Dutch, the original, does not."""
    lang, b = book
    title = b.get_metadata("DC", "title")[0][0]
    description = b.get_metadata("DC", "description")[0][0]
    if lang == "en":
        assert title.endswith("(unofficial translation)")
        assert description.startswith("Unofficial English translation of page 32 of the action plan")
        assert "The Dutch text is authoritative." in description
    else:
        assert "unofficial" not in title.lower() and "niet-officiël" not in description
        assert description.startswith(
            "Uit het actieplan Samen tegen mensenhandel (Kamerstuk 28 638, nr. 233): pagina 32"
        )
    assert "rijksoverheid" in description if lang == "nl" else "Not a Dutch government publication." in description


def test_the_accessibility_metadata_of_epub_accessibility_1_1(book):
    _, b = book
    meta = [(attrs.get("property"), value) for value, attrs in b.get_metadata("OPF", "meta") if attrs.get("property")]
    props = {}
    for name, value in meta:
        props.setdefault(name, []).append(value)
    assert props["schema:accessMode"] == ["textual", "visual"]
    assert props["schema:accessModeSufficient"] == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "alternativeText", "readingOrder"} <= set(
        props["schema:accessibilityFeature"]
    )
    assert props["schema:accessibilityHazard"] == ["none"]
    assert len(props["schema:accessibilitySummary"][0]) > 100
    # No conformance claim the book has not earned: it has not been audited (its summary
    # says so, as the accessibility statement does).
    assert "dcterms:conformsTo" not in props and "a11y:certifiedBy" not in props
    assert {"nl": "niet op toegankelijkheid geaudit", "en": "not been audited for accessibility"}[
        b.get_metadata("DC", "language")[0][0]
    ] in props["schema:accessibilitySummary"][0]


def test_the_navigation_lists_the_chapters_and_the_sections_headings(book):
    lang, b = book
    nav = xhtml(b, "nav.xhtml")
    toc = nav.xpath('//x:nav[@epub:type="toc"]', namespaces=NS)[0]
    links = [a.text.strip() for a in toc.iter(f"{{{NS['x']}}}a")] + [
        s.text.strip() for s in toc.iter(f"{{{NS['x']}}}span") if s.text
    ]
    section, headings, *_ = TITLES[lang]
    assert section in links and all(h in links for h in headings)
    assert any(x in links for x in ("Referenties", "References"))


def test_footnotes_are_epub_footnotes_with_the_sources_numbers_and_back_links(book):
    lang, b = book
    _, _, call, heading, back = TITLES[lang]
    doc = xhtml(b, SECTION)
    refs = doc.xpath('//x:a[@epub:type="noteref"]', namespaces=NS)
    assert [a.text for a in refs] == ["35", "36", "37"]
    assert [a.get("href") for a in refs] == ["#fn35", "#fn36", "#fn37"]
    assert [a.get("aria-label") for a in refs] == [call.format(n) for n in (35, 36, 37)]
    notes = doc.xpath('//x:aside[@epub:type="footnote"]', namespaces=NS)
    assert [n.get("id") for n in notes] == ["fn35", "fn36", "fn37"]
    for n, note in zip((35, 36, 37), notes):
        link = note.xpath('.//x:a[@role="doc-backlink"]', namespaces=NS)[0]
        assert link.get("href") == f"#fnref{n}" and link.get("aria-label") == back.format(n)
        assert doc.xpath(f'//*[@id="fnref{n}"]')  # the call it returns to
    region = doc.xpath('//x:section[@epub:type="footnotes"]', namespaces=NS)[0]
    assert region.xpath("x:h2", namespaces=NS)[0].text == heading
    assert "Kamerstuk" in "".join(notes[0].itertext())


def test_the_section_text_the_chart_and_its_table(book):
    lang, b = book
    doc = xhtml(b, SECTION)
    text = " ".join("".join(doc.itertext()).split())
    figs = PUB.figures
    for fig in figs.figures.values():
        assert (fig.nl if lang == "nl" else fig.en) in text, fig.id
    plot = doc.xpath('//x:div[contains(@class, "chart__plot")]', namespaces=NS)[0]
    assert plot.get("role") == "img" and plot.get("aria-describedby")
    fills = [s.get("data-share") for s in plot.xpath('.//x:span[@class="chart__fill"]', namespaces=NS)]
    assert fills == ["76", "10", "6", "8"]
    widths = [
        float(re.search(r"width: ([\d.]+)%", s.get("style")).group(1))
        for s in plot.xpath('.//x:span[@class="chart__track"]', namespaces=NS)
    ]
    assert widths == pytest.approx([76 * 0.8, 10 * 0.8, 6 * 0.8, 8 * 0.8])  # in proportion, room for the value
    rows = doc.xpath('//x:table[contains(@class, "chart__table")]//x:tbody/x:tr', namespaces=NS)
    assert ["".join(r.itertext()).endswith("%") for r in rows] == [True] * 4
    # Nothing of the site's furniture, and no link to a page the book does not hold.
    hrefs = [a.get("href") for a in doc.iter(f"{{{NS['x']}}}a") if a.get("href")]
    assert all(h.startswith(("#", "https://", "history.xhtml", "references.xhtml")) for h in hrefs), hrefs


def test_the_references_link_back_into_the_section(book):
    _, b = book
    doc = xhtml(b, "references.xhtml")
    hrefs = {a.get("href") for a in doc.iter(f"{{{NS['x']}}}a")}
    assert {f"{SECTION}#fn35", f"{SECTION}#fn36", f"{SECTION}#fn37"} <= hrefs
    assert "https://zoek.officielebekendmakingen.nl/kst-28741-106.html" in hrefs


def test_the_epubs_are_downloads_on_the_site_and_in_the_offline_bundle(dist):
    for lang in ("nl", "en"):
        assert (dist / "site" / DOWNLOADS_DIR / epub_name(lang)).read_bytes() == (dist / epub_name(lang)).read_bytes()
    with zipfile.ZipFile(dist / OFFLINE_ZIP) as z:
        names = set(z.namelist())
    assert {f"{OFFLINE_TOP}/{DOWNLOADS_DIR}/{epub_name(lang)}" for lang in ("nl", "en")} <= names
    home = (dist / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert f'href="../{DOWNLOADS_DIR}/{epub_name("nl")}" hreflang="nl" type="application/epub+zip" download>' in home
    assert "EPUB (e-book), Dutch" in home
    sums = (dist / "SHA256SUMS").read_text(encoding="utf-8")
    assert all(epub_name(lang) in sums for lang in ("nl", "en"))


def test_the_epub_zip_starts_with_its_stored_mimetype(dist):
    with zipfile.ZipFile(dist / epub_name("nl")) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"


def chapter_names(lang: str) -> list[str]:
    return [c.file for c in book_mod.chapters(lang, ROOT, appendix=True)]


def test_the_chapters_are_the_books_chapters(book):
    lang, b = book
    assert chapter_names(lang) == [
        SECTION,
        "history.xhtml",
        "references.xhtml",
        "translation-notes.xhtml",
        "parallel.xhtml",
    ]
    names = [item.get_name() for item in b.get_items() if item.get_name().endswith(".xhtml")]
    assert set(names) == {"cover.xhtml", "title.xhtml", "colophon.xhtml", "nav.xhtml", *chapter_names(lang)}
    # The reading order: the cover, the title page, its back (the colophon), the contents, the chapters.
    order = [b.get_item_with_id(idref).get_name() for idref, _ in b.spine]
    assert order == ["cover.xhtml", "title.xhtml", "colophon.xhtml", "nav.xhtml", *chapter_names(lang)]


def test_every_noteref_carries_the_number_of_its_note(book):
    lang, b = book
    count = 0
    for name in chapter_names(lang):
        doc = xhtml(b, name)
        for ref in doc.xpath('//x:a[@epub:type="noteref"]', namespaces=NS):
            ident = ref.get("href").removeprefix("#")
            aside = doc.xpath(f'//x:aside[@epub:type="footnote"][@id="{ident}"]', namespaces=NS)
            assert len(aside) == 1, ident
            number = aside[0].xpath('.//x:a[@role="doc-backlink"]', namespaces=NS)[0].text
            assert ref.text == number and "".join(aside[0].itertext()).startswith(f"{number}. "), ident
            count += 1
    assert count == 3 * 3  # the section's three, and each language's three in the appendix


def test_no_back_arrows_dead_controls_or_dead_link_text(book):
    lang, b = book
    for name in ["title.xhtml", *chapter_names(lang)]:
        raw = b.get_item_with_href(name).get_content().decode()
        doc = etree.fromstring(raw.encode())
        text = "".join(doc.itertext())
        for dead in ("↩", "¶", "⇄", "BibTeX", "CSL-JSON", " · RIS"):
            assert dead not in text, (name, dead)
        assert not doc.xpath("//*[@tabindex]"), name
        assert not doc.xpath('//*[contains(@class, "headerlink") or contains(@class, "cite")]'), name


def test_the_title_page_says_what_the_english_is(book):
    lang, b = book
    doc = xhtml(b, "title.xhtml")
    notice = doc.xpath('//x:p[@class="pdf-unofficial"]', namespaces=NS)
    unofficial = PUB.labels(lang)["pdf"]["unofficial"]
    if lang == "en":
        assert unofficial.startswith("Unofficial translation")
        assert len(notice) == 1 and " ".join("".join(notice[0].itertext()).split()) == " ".join(unofficial.split())
    else:
        assert unofficial == "" and notice == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_chart_and_its_table_read_well_at_phone_width(dist, browser, tmp_path, lang):
    """The section's chapter in Chromium at 360 px: nothing wider than the screen, the
    figure without side margins, each label above its bar, the longest bar a good part
    of the line with its value right after it, the table's numbers right-aligned in
    figures of one width."""
    with zipfile.ZipFile(dist / epub_name(lang)) as z:
        z.extractall(tmp_path)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto((tmp_path / "EPUB" / SECTION).as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        figure = page.evaluate("""() => { const f = document.querySelector('figure.chart');
            const s = getComputedStyle(f); return [s.marginLeft, s.marginRight]; }""")
        assert figure == ["0px", "0px"]
        bars = page.evaluate("""() => [...document.querySelectorAll('.chart__bar')].map(bar => {
            const box = el => bar.querySelector(el).getBoundingClientRect();
            return {label: box('.chart__label'), track: box('.chart__track'), value: box('.chart__value'),
                    plot: bar.closest('.chart__plot').getBoundingClientRect().width}; })""")
        assert len(bars) == 4
        for bar in bars:
            assert bar["label"]["bottom"] <= bar["track"]["top"] + 1  # the label above its bar
            assert 0 <= bar["value"]["left"] - bar["track"]["right"] <= 12  # the value beside the bar
        longest = bars[0]
        assert longest["track"]["width"] >= 0.55 * longest["plot"] >= 150
        cells = page.evaluate("""() => [...document.querySelectorAll('.chart__table td')].map(td => {
            const s = getComputedStyle(td); return [s.textAlign, s.fontVariantNumeric]; })""")
        assert cells == [["right", "tabular-nums"]] * 4
        if lang == "en":  # the title page's notice: bold, framed, on the first screen
            page.goto((tmp_path / "EPUB" / "title.xhtml").as_uri())
            notice = page.evaluate("""() => { const p = document.querySelector('.pdf-unofficial');
                const s = getComputedStyle(p); const r = p.getBoundingClientRect();
                return [s.fontWeight, s.borderTopStyle, r.bottom <= innerHeight, p.textContent]; }""")
            assert notice[:3] == ["700", "solid", True] and notice[3].startswith("Unofficial translation")
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(
    "chapter,table,least,first_label",
    [
        ("translation-notes.xhtml", "terms", 40, ("pages", "term_nl")),
        ("history.xhtml", "followup-overview", 12, ("followups", "table_sentence")),
    ],
)
def test_the_tables_read_as_blocks_at_phone_width_with_no_word_broken(
    dist, browser, tmp_path, lang, chapter, table, least, first_label
):
    """The terms (translation notes) and the table in short (timeline) in Chromium at
    360 px: each row a block of its fields, each named by its column, no word broken
    (the four columns left a letter or two a line; the three broke "7 December 20 / 26")."""
    with zipfile.ZipFile(dist / epub_name(lang)) as z:
        z.extractall(tmp_path)
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        page.goto((tmp_path / "EPUB" / chapter).as_uri())
        result = page.evaluate(
            """(table) => {
            const cells = [...document.querySelectorAll(`table.${table} td`)];
            // a word broken inside: a text line of a cell narrower than 4 letters
            const narrow = cells.filter(td => td.getBoundingClientRect().width < 120).length;
            return {cells: cells.length, narrow, page: document.documentElement.scrollWidth,
                    display: getComputedStyle(cells[0]).display,
                    label: getComputedStyle(cells[0], '::before').content}; }""",
            table,
        )
        group, key = first_label
        assert result["cells"] >= least and result["page"] <= 360 and result["narrow"] == 0, result
        assert (result["display"], result["label"]) == ("block", f'"{PUB.labels(lang)[group][key]}: "')
    finally:
        page.close()


def test_the_navigation_lists_no_print_pages_the_book_does_not_have(book):
    """No page-list: ebooklib made one of every element with an epub:type and an id
    (the notes and their calls: 'fn35' as a page)."""
    _, b = book
    nav = next(item for item in b.get_items() if item.get_name() == "nav.xhtml").get_content().decode()
    assert "page-list" not in nav and 'epub:type="toc"' in nav


def test_the_appendix_stacks_each_dutch_paragraph_above_its_translation(book):
    """The side-by-side appendix is in both e-books (the English one holds the Dutch text
    only there): on an e-reader each Dutch paragraph above its English, each in its
    language; it says so, and not what only paper does."""
    lang, b = book
    doc = xhtml(b, "parallel.xhtml")
    text = " ".join("".join(doc.itertext()).split())
    words = {"nl": ("In dit e-boek staat elke Nederlandse alinea", "Op papier"), "en": ("In this e-book", "On paper")}
    assert words[lang][0] in text and words[lang][1] not in text
    cells = doc.xpath('//x:div[contains(@class, "parallel__cell")][@lang]', namespaces=NS)
    langs = [c.get("lang") for c in cells]
    assert langs[:2] == ["nl", "en"] and langs.count("nl") == langs.count("en") >= 6
    first_nl = " ".join("".join(cells[langs.index("nl", 2)].xpath("./x:p[2]", namespaces=NS)[0].itertext()).split())
    assert first_nl.startswith("s-1 Om slachtofferschap van mensenhandel te voorkomen")  # its number first


def test_in_the_appendix_each_paragraph_is_named_by_its_language_and_each_languages_notes_stand_apart(book):
    """Stacked, a Dutch paragraph and its translation are told apart by a label, the
    column's name; the notes of each language (both numbered 35-37) are a section of
    their own named by the same column, each note once."""
    lang, b = book
    doc = xhtml(b, "parallel.xhtml")
    cells = doc.xpath('//x:div[contains(@class, "parallel__cell")][@lang][@data-label]', namespaces=NS)
    assert len(cells) >= 12
    columns = {}
    for cell in cells:
        first, name = cell[0], cell.get("data-label")
        # the first of each column in full ("Dutch (authoritative)"), then the name alone
        said = name if cell.get("lang") not in columns else name.split(" (")[0]
        assert first.get("class") == "parallel__label" and first.text == said, cell.get("id")
        columns.setdefault(cell.get("lang"), name)
    assert all(" (" in name for name in columns.values())  # the full names say more
    assert set(columns) == {"nl", "en"} and columns["nl"] != columns["en"]
    assert not doc.xpath('//x:div[contains(@class, "parallel__head")]', namespaces=NS)
    heading = PUB.labels(lang)["footnotes"]["heading"]
    sections = doc.xpath('//x:section[@epub:type="footnotes"]', namespaces=NS)
    titles = [" ".join("".join(s.xpath("./x:h2", namespaces=NS)[0].itertext()).split()) for s in sections]
    assert titles == [f"{heading} – {columns['nl']}", f"{heading} – {columns['en']}"]
    for section, column_lang in zip(sections, ("nl", "en"), strict=True):
        asides = section.xpath("./x:aside", namespaces=NS)
        numbers = [a.xpath("string(./x:p/x:a[1])", namespaces=NS) for a in asides]
        assert numbers == ["35", "36", "37"]
        assert {a.get("lang") for a in asides} == {column_lang}


def test_the_appendix_shows_each_sentences_number_the_colophon_asks_to_cite(book):
    """The colophon tells a reader to cite a sentence by its number: the e-book's side-by-
    side chapter shows each one ("s-12") before its sentence in both columns, quiet, on
    the line, not a link; the section's own chapter reads on without them (they broke
    the reading there), and the colophon says where they stand."""
    from publication.render.followup_notes import _sentences

    lang, b = book
    (section,) = PUB.sections()
    wanted = sorted(_sentences(section, PUB), key=lambda s: int(s.removeprefix("s-")))
    assert not xhtml(b, SECTION).xpath('//*[contains(@class, "sentence-number")]', namespaces=NS)
    doc = xhtml(b, "parallel.xhtml")
    numbers = doc.xpath('//x:span[@class="sentence-number"]', namespaces=NS)
    # each sentence twice, the Dutch and the English, each number before its own sentence
    assert sorted(n.text for n in numbers) == sorted(wanted * 2)
    for n in numbers:
        following = n.getnext()
        assert following is not None and following.get("data-seg") == n.text, n.text
    assert not doc.xpath('//x:a[contains(@class, "sentence-number")]', namespaces=NS)
    colophon = " ".join(" ".join(xhtml(b, "colophon.xhtml").xpath("//text()")).split())
    assert PUB.labels(lang)["pdf"]["colophon_numbers_epub"] in colophon


def test_a_translated_text_says_under_its_title_that_it_is_unofficial(book):
    """Opened from the contents, the English text says what it is under its title (the
    site's strip and the PDF's running header say it); the Dutch says nothing of it."""
    lang, b = book
    doc = xhtml(b, SECTION)
    (h1,) = doc.xpath("//x:h1", namespaces=NS)
    after = h1.getnext()
    words = PUB.labels(lang)["pdf"]["unofficial"]
    if words:
        assert after.get("class") == "unofficial-line" and " ".join("".join(after.itertext()).split()) == words
    else:
        assert not doc.xpath('//*[@class="unofficial-line"]')


def test_the_colophon_says_in_short_what_became_of_each_announcement_linked_to_its_note(book):
    """As on the back of the PDF's title page: each follow-up a reader sees by its letter,
    its verdict and what became of it in a few words, linked to its note in the
    section's chapter (the id there exists)."""
    from publication.render import followup_notes

    lang, b = book
    doc = xhtml(b, "colophon.xhtml")
    items = doc.xpath('//x:section[@class="in-short"]//x:li', namespaces=NS)
    shown = PUB.followups.in_order("daderaanpak")
    assert shown and len(items) == len(shown)
    section = xhtml(b, SECTION)
    for f, item in zip(shown, items):
        text = " ".join("".join(item.itertext()).split())
        assert text.startswith(PUB.followups.letter(f) + " "), text
        assert followup_notes.summary(f, lang, PUB) in text
        (link,) = item.xpath(".//x:a", namespaces=NS)
        name, _, fragment = link.get("href").partition("#")
        assert name == SECTION and section.xpath(f'//*[@id="{fragment}"]'), link.get("href")
    # the answer in one sentence opens it, and the book's contents name it (before the
    # colophon it shares its file with), each entry leading to its own heading
    tally = followup_notes.tally(lang, PUB, ["daderaanpak"])
    assert " ".join(tally.split()) in " ".join("".join(doc.itertext()).split())
    toc = xhtml(b, "nav.xhtml").xpath('//x:nav[@epub:type="toc"]', namespaces=NS)[0]
    entries = [(a.get("href"), " ".join(a.text.split())) for a in toc.iter(f"{{{NS['x']}}}a")]
    caption = PUB.labels(lang)["followups"]["table_caption"]
    colophon = PUB.labels(lang)["pdf"]["colophon_heading"]
    at = [i for i, (_, text) in enumerate(entries) if text in (caption, colophon)]
    assert [entries[i][1] for i in at] == [caption, colophon], entries
    for i in at:
        fragment = entries[i][0].partition("#")[2]
        assert doc.xpath(f'//*[@id="{fragment}"]')[0].tag.endswith("h2"), entries[i]


def test_the_cover_is_a_png_in_ink_on_paper_marked_as_the_cover_image(book, dist):
    """A PNG (what every reading system and store shows; an SVG cover is not), 2:3,
    declared the cover image, shown by the cover page with the book's title as its
    text; the title set in ink in its upper half, with the paper it is from, the rest
    paper; a translation's marked so at its top; each language its own, its edition
    at its foot."""
    import io

    from PIL import Image

    lang, b = book
    with zipfile.ZipFile(dist / epub_name(lang)) as z:
        opf = etree.fromstring(z.read(next(n for n in z.namelist() if n.endswith(".opf"))))
    opf_ns = {"o": "http://www.idpf.org/2007/opf"}
    (item,) = opf.xpath('//o:item[contains(concat(" ", @properties, " "), " cover-image ")]', namespaces=opf_ns)
    assert item.get("media-type") == "image/png"
    image = Image.open(io.BytesIO(b.get_item_with_href(item.get("href")).get_content())).convert("L")
    assert image.size == (1200, 1800)
    ink = [sum(1 for v in image.crop((0, top, 1200, top + 300)).tobytes() if v < 80) for top in range(0, 1800, 300)]
    assert ink[1] > 10_000 and ink[2] > 5_000, ink  # the title, its section, what the book is
    assert ink[4] == 0 and ink[5] > 0, ink  # paper under them; the edition at the foot
    # a translation says so at the top, where a store's thumbnail still shows it
    assert (ink[0] > 2_000) == (lang != "nl") and (lang != "nl" or ink[0] == 0), ink
    cover = xhtml(b, "cover.xhtml")
    (img,) = cover.xpath("//x:img", namespaces=NS)
    assert img.get("src") == item.get("href")
    words = PUB.labels(lang)["pdf"]
    assert img.get("alt") == words["book_title"].format(title=words["title"])
    other = epub.read_epub(str(dist / epub_name("en" if lang == "nl" else "nl")), {"ignore_ncx": True})
    assert (
        other.get_item_with_href(item.get("href")).get_content() != b.get_item_with_href(item.get("href")).get_content()
    )


def test_the_book_carries_the_pdfs_type_cut_to_its_own_characters(book):
    """The e-book was set in the reading system's default serif and sans: it carries
    the PDF's faces (Linux Libertine for the text, Biolinum for the headings), each
    declared in the package, named by the stylesheet's @font-face rules, cut to the
    characters the book holds (a few dozen kB, not half a MB each) and holding every
    one of them."""
    import io

    from fontTools.ttLib import TTFont

    from publication.outputs.pdf import FACES, FONT_DIR

    _, b = book
    fonts = {i.file_name: i for i in b.get_items() if i.media_type == "font/otf"}
    assert sorted(fonts) == sorted(f"fonts/{name}" for *_, name in FACES)
    css = re.sub(r"\s+", " ", b.get_item_with_href("style.css").get_content().decode())
    faces = set(
        re.findall(
            r'@font-face ?\{ ?font-family: ?"([^"]+)"; ?font-weight: ?(\w+); ?font-style: ?(\w+); ?src: ?url\(([^)]+)\)',
            css,
        )
    )
    assert faces == {(family, weight, style, f"fonts/{name}") for family, weight, style, name in FACES}, faces
    assert re.search(r'body ?\{[^}]*font-family: ?"Linux Libertine O", ?serif', css)
    assert re.search(r'h1, ?h2, ?h3 ?\{[^}]*font-family: ?"Linux Biolinum O", ?sans-serif', css)
    # the shared stylesheet's generic sans for the labels comes first, the book's type last
    said = re.findall(r"\.parallel__label[^{]*\{[^}]*font-family: ?([^;}]+)", css)
    assert said and said[-1].startswith('"Linux Biolinum O"'), said
    text = set()
    for item in b.get_items():
        if item.media_type == "application/xhtml+xml":  # every page, the contents too
            text |= set("".join(etree.fromstring(item.get_content()).itertext()))
    import unicodedata

    shown = {ord(c) for c in text if c.isprintable() and not c.isspace()}
    spaces = {ord(c) for c in text if unicodedata.category(c) == "Zs"}
    assert len(shown) > 80 and ord("€") in shown and 0xA0 in spaces
    for name, item in fonts.items():
        data = item.get_content()
        whole = TTFont(FONT_DIR / name.removeprefix("fonts/"))
        assert len(data) * 5 < (FONT_DIR / name.removeprefix("fonts/")).stat().st_size, name
        cut = TTFont(io.BytesIO(data))
        cmap = cut.getBestCmap()
        assert not shown - set(cmap), (name, sorted(chr(c) for c in shown - set(cmap)))
        # every space the face has and the book uses (no-break, thin …) is kept
        assert not (spaces & set(whole.getBestCmap())) - set(cmap), name
        # the face keeps its names and its licence (the OFL's name records 13 and 14)
        assert {13, 14} <= {r.nameID for r in whole["name"].names}
        assert {13, 14} <= {r.nameID for r in cut["name"].names}, name


def test_the_contents_page_is_out_of_the_reading_order(dist):
    """Read on from the colophon, the text comes next: the contents page is linear="no"
    (a reading system offers it as the book's contents); every other page is read."""
    for lang in ("nl", "en"):
        with zipfile.ZipFile(dist / epub_name(lang)) as z:
            opf = etree.fromstring(z.read("EPUB/content.opf"))
        ns = {"opf": "http://www.idpf.org/2007/opf"}
        nav = opf.xpath('//opf:item[contains(@properties, "nav")]/@id', namespaces=ns)
        spine = opf.xpath("//opf:spine/opf:itemref", namespaces=ns)
        linear = {ref.get("idref"): ref.get("linear", "yes") for ref in spine}
        assert nav and linear[nav[0]] == "no", linear
        assert [k for k, v in linear.items() if v == "no"] == nav
