"""The PDFs, read back with pypdf: text and figures in each language's notation,
footnotes 35–37 at the foot of the page that calls them with their links as
annotations (every printed note number against its call), no screen controls, no
closing box alone on a page, the running header (the English says unofficial
translation), bookmarks, language, title, tagging, A4.

And set as a book (tests/pdfread.py reads the lines back): the type embedded from its
files, body lines of at most 75 characters, no line cut short inside a paragraph, no
heading or label alone at a page's foot, no reference torn from its fields, no number
broken over a line or a page, no page under 40 % of a median page's lines but a
chapter's last; the side-by-side appendix a table with its column heads on every page,
a page breaking both languages at the same sentence, each language's notes in its own
column; nothing that only makes sense on a screen."""

from __future__ import annotations

import posixpath
import re

import pdfread
import pytest
from live import source_page
from pypdf import PdfReader
from repo import PUB, ROOT

from publication.checks import site_html as html
from publication.model import edition
from publication.model.downloads import DOWNLOADS, pdf_name
from publication.model.project import front_matter
from publication.model.references import format_date, format_dossier
from publication.outputs import book

CALLS = {  # the words just before each call, as the text extracts
    "nl": {35: "gezag35", 36: "Veiligheid36", 37: "arbeidsuitbuiting.37"},
    "en": {35: "programme35", 36: "Safety36", 37: "exploitation.37"},
}
HEADINGS = {
    "nl": ["Daderaanpak", "Preventie", "Opsporen en vervolgen", "Referenties"],
    "en": ["Tackling offenders", "Prevention", "Detection and prosecution", "References"],
}


@pytest.fixture(scope="module", params=["nl", "en"])
def pdf(request, dist) -> tuple[str, PdfReader]:
    return request.param, PdfReader(dist / pdf_name(request.param))


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def uris(page) -> list[str]:
    out = []
    for annot in page.get("/Annots") or []:
        action = annot.get_object().get("/A")
        if action and action.get("/S") == "/URI":
            out.append(action["/URI"])
    return out


def outline_titles(outline) -> list[str]:
    out = []
    for item in outline:
        if isinstance(item, list):
            out += outline_titles(item)
        else:
            out.append(item.title)
    return out


APPENDIX = {"nl": "Nederlands en Engels naast elkaar", "en": "Dutch and English side by side"}


def test_every_figure_is_in_the_pdf_in_its_languages_notation(pdf):
    lang, reader = pdf
    # Pages joined by a form feed: a figure may run over a page break, and the notes at
    # the foot of the page and the running header then stand between its words.
    text = "\f".join(page_texts(reader)[: both_languages_start(lang, reader)])  # the notes and appendix quote both
    for fig in PUB.figures.figures.values():
        form = fig.nl if lang == "nl" else fig.en
        words = [re.escape(w) for w in form.split()]
        across_one_break = r"(?:\s|\s[^\f]*\f(?:[^\f]*?\s)?)".join(words)
        assert re.search(across_one_break, text), f"{fig.id}: {form!r}"
    text = text.replace("\f", " ")
    other = {"nl": ["3,925", "€143 million", "four out of five"], "en": ["3.925", "€143 miljoen", "vier op de vijf"]}[
        lang
    ]
    assert not [o for o in other if o in text]


def test_footnotes_35_to_37_stand_at_the_foot_of_the_page_that_calls_them(pdf):
    lang, reader = pdf
    texts = page_texts(reader)
    texts = texts[: appendix_start(lang, reader)]  # the section and references
    bib = PUB.bib
    for n, call in CALLS[lang].items():
        call_pages = [i for i, t in enumerate(texts) if call in t]
        # a note: its number opening a line, its link on the page (prose may wrap "35, 36
        # en / 37. De plaats …" to a line that opens with the number too)
        url = bib.footnotes[n].url.replace(" ", "")
        note_pages = [
            i for i, t in enumerate(texts) if re.search(rf"^{n}\.\s", t, re.M) and url in flat(t).replace(" ", "")
        ]
        assert len(note_pages) == 1, (n, note_pages)
        assert call_pages and call_pages[0] == note_pages[0], (n, call_pages, note_pages)
        assert bib.footnotes[n].url in uris(reader.pages[note_pages[0]]), n
        printed = flat(texts[note_pages[0]]).replace(" ", "")
        assert bib.footnotes[n].url.replace(" ", "") in printed, f"footnote {n}: its link is printed"


def test_the_footnotes_read_as_in_the_source(pdf):
    lang, reader = pdf
    text = flat(" ".join(page_texts(reader)))
    if lang == "nl":
        for note in (
            "35. Kamerstuk 28 741, nr. 106.",
            "36. Kamerstuk 30 995, nr. 100.",
            "37. Dadermonitor mensenhandel 2017-2021, Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen, 2022.",
        ):
            assert note in text
    else:
        assert "35. Parliamentary paper (Kamerstuk) 28 741, no. 106." in text


def test_headings_are_bookmarks(pdf):
    lang, reader = pdf
    titles = [" ".join(t.split()) for t in outline_titles(reader.outline)]  # no-break spaces as spaces
    for heading in HEADINGS[lang]:
        assert heading in titles
    assert "Kamerstukken II 2022/23, 28 741, nr. 106" in titles


def test_language_title_author_and_tagging(pdf):
    lang, reader = pdf
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert (
        reader.metadata.title
        == {
            "nl": "Samen tegen mensenhandel – Daderaanpak: pagina 32 van het actieplan, woord voor woord",
            "en": "Together against Human Trafficking – Tackling offenders: page 32 of the action plan"
            " (unofficial translation)",
        }[lang]
    )
    assert reader.metadata.author
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root


def test_the_xmp_metadata_names_title_language_subject_and_edition(pdf):

    lang, reader = pdf
    xmp = reader.xmp_metadata
    assert xmp.dc_title == {"x-default": reader.metadata.title}
    assert xmp.dc_language == [lang]
    assert xmp.dc_description == {"x-default": reader.metadata.subject}
    # the book's language cites the plan: "Kamerstuk 28 638, nr. 233", "… no. 233"
    assert PUB.bib.document.short_citation(lang) in reader.metadata.subject
    assert xmp.dc_source == f"Bijlage bij Kamerstukken II 2023/24, 28 638, nr. 233, p. {source_page()}"
    day = edition.date(ROOT)
    assert xmp.dc_identifier.endswith(day.isoformat())
    assert xmp.xmp_create_date.date() == xmp.xmp_modify_date.date() == day
    assert "Kamerstuk 28 638, nr. 233" in xmp.dc_subject


def test_pages_are_a4(pdf):
    _, reader = pdf
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.28) < 1 and abs(float(page.mediabox.height) - 841.89) < 1


def test_the_title_page_says_what_the_document_is(pdf):
    lang, reader = pdf
    first = flat(reader.pages[0].extract_text())
    # the plan cited as the book's language cites it (the English "no. 233", not "nr.")
    cited = PUB.bib.document.short_citation(lang)
    assert cited in first
    if lang == "nl":
        assert f"Uit het actieplan Samen tegen mensenhandel, {cited}: pagina {source_page()}" in first
        assert "Taal: Nederlands" in first and "Editie van" in first
    else:
        assert "nr. 233" not in first
        assert (
            f"From the action plan Samen tegen mensenhandel (Together against Human Trafficking), {cited}: page {source_page()}"
            in first
        )
        assert "Language: English" in first and "Unofficial translation" in first and "Edition of" in first
    # Who does not publish it, on the title page itself (not only in the colophon).
    assert flat(PUB.labels(lang)["pdf"]["status"]) in first


def test_internal_links_point_inside_the_pdf(pdf):
    _, reader = pdf
    internal = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            a = annot.get_object()
            if "/Dest" in a or (a.get("/A") and a["/A"].get("/S") == "/GoTo"):
                internal += 1
    assert internal >= 3  # the references page's "footnote 35/36/37" links at least
    names = reader.named_destinations
    assert any("fn:35" in str(k) for k in names)


def test_no_screen_furniture(pdf):
    lang, reader = pdf
    text = flat(" ".join(page_texts(reader)))
    for furniture in (
        "Zoeken",
        "Ga naar inhoud",
        "Terug naar boven",
        "Search",
        "Skip to content",
        "Back to top",
        "Over deze publicatie",
        "About this publication",
    ):
        assert furniture not in text


def test_body_text_is_10_to_12_points(pdf):
    lang, reader = pdf
    assert 10 <= body_size(lang, reader, book_lines(lang, reader)) <= 12


@pytest.mark.parametrize("home", ["index.html", "en/index.html"])
def test_the_home_pages_offer_the_pdfs_and_the_bundle(dist, home):

    page = html.read(dist / "site" / home)
    links = {posixpath.basename(a.href): a.href for a in page.anchors if "downloads/" in a.href}
    assert set(links) == set(DOWNLOADS)
    for name, href in links.items():
        served = (dist / "site" / posixpath.dirname(home) / href).resolve()
        assert served.read_bytes() == (dist / name).read_bytes(), name


def test_the_appendix_sets_both_languages_side_by_side(pdf):
    lang, reader = pdf
    text = flat(" ".join(page_texts(reader)))
    appendix = text[text.index(APPENDIX[lang]) :]
    assert (
        "Met het programma Preventie met gezag" in appendix
        and "Through the Prevention with Authority programme" in appendix
    )
    assert APPENDIX[lang] in outline_titles(reader.outline)


def note_numbers(page) -> tuple[list[str], list[str]]:
    """The note numbers a page prints: (the calls in the text, the markers of the notes
    at its foot). A call is a run of digits set smaller than the words before it and
    raised above their line; a marker is the note's number with its full stop and
    no-break space."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text, abs(size * tm[0]), tm[5]))  # y grows down the page here

    page.extract_text(visitor_text=visit)
    found_calls = [
        text.strip()
        for (_, before_size, before_y), (text, size, y) in zip(runs, runs[1:], strict=False)
        if re.fullmatch(r"\s*\d+\s*", text) and size < before_size and 0 < before_y - y < before_size
    ]
    markers = [m[1] for text, _, _ in runs if (m := re.fullmatch(r"(\d+)\.\xa0", text))]
    return found_calls, markers


def test_every_printed_note_number_stands_on_the_page_of_its_call(pdf):
    """On every page before the side-by-side appendix the note numbers at the foot are
    the numbers called in its text, the source's (35–37), each call with its note (the
    appendix sets each language's notes in its own column under the call: below)."""
    lang, reader = pdf
    seen = []
    for i, page in enumerate(reader.pages[: appendix_start(lang, reader)]):
        found_calls, markers = note_numbers(page)
        assert sorted(found_calls) == sorted(markers), f"page {i + 1}: calls {found_calls}, notes {markers}"
        seen += markers
    assert sorted(seen) == ["35", "36", "37"]


def test_no_back_arrows_or_dead_controls_are_printed(pdf, dist):
    from lxml import html as lxml_html

    lang, reader = pdf
    text = flat(" ".join(page_texts(reader)))
    for dead in ("↩", "¶", "⇄", "BibTeX", "CSL-JSON", " · RIS"):
        assert dead not in text, dead
    # The Cite box is the web page's (its files sit beside it); the title page cites.
    for chapter in book.chapters(lang, ROOT):
        built = lxml_html.parse(str(chapter.built(dist / "site")))
        for title in built.xpath('//div[contains(@class, "cite")]/p[@class="admonition-title"]/text()'):
            assert title not in text


def test_no_page_holds_only_a_closing_box(pdf, dist):
    """The box that closes a section stands on a page with at least three lines of the
    text before it (the paragraph, or the follow-up that answers it)."""
    from lxml import html as lxml_html

    lang, reader = pdf
    pages = book_lines(lang, reader)
    for chapter in book.chapters(lang, ROOT):
        if chapter.kind != book.SECTION:
            continue
        article = lxml_html.parse(str(chapter.built(dist / "site"))).xpath("//article")[0]
        boxes = [
            b for b in article.xpath('./div[contains(@class, "admonition")]') if "cite" not in b.get("class").split()
        ]
        title = flat(boxes[-1].xpath('./p[@class="admonition-title"]')[0].text_content())
        found = [(page, ln) for page in pages for ln in page if ln.text.startswith(title)]
        assert found, title
        page, line = found[-1]
        above = [ln for ln in page if ln.y < line.y]
        assert len(above) >= 3, (title, line.page + 1, [ln.text for ln in above])


def test_the_last_page_holds_more_than_the_tail_of_a_paragraph(pdf):
    """The last page (the side-by-side appendix's end) is not left with a few lines of a
    split pair: it holds at least 8 lines of text, about a seventh of a page (it held
    the last 3 Dutch and 5 English lines of the last pair). Every page holds some."""
    lang, reader = pdf
    counts = [len({round(ln.y) for ln in page}) for page in book_lines(lang, reader)[1:]]
    assert counts[-1] >= 8, counts
    assert min(counts) >= 8, counts


def test_the_running_header_names_the_document_and_the_english_says_unofficial(pdf):
    lang, reader = pdf
    header = running_header(lang)
    if lang == "en":
        assert "unofficial translation" in header.lower()
    else:
        assert header == PUB.labels(lang)["pdf"]["title"]
    lines = [[flat(line) for line in page.extract_text().splitlines()] for page in reader.pages]
    # none on the title page, nor on a page that opens a chapter (under its own title)
    # or the colophon; every other page has it
    opening = {0, 1} | {reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)}
    for i, page_lines in enumerate(lines):
        assert (header in page_lines) == (i not in opening), f"page {i + 1}"
    assert len(lines) - len(opening) >= 8


# --- Set as a book ------------------------------------------------------------------------


def running_header(lang: str) -> str:
    words = PUB.labels(lang)["pdf"]
    return words["running_header"].format(title=words["title"])


def chapter_start(reader: PdfReader, title: str) -> int:
    """The 0-based page where the chapter of that title begins (the outline's top level)."""
    return next(
        reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list) and o.title == title
    )


def both_languages_start(lang: str, reader: PdfReader) -> int:
    """The 0-based page of the first chapter quoting both languages: the translation notes."""
    return chapter_start(reader, front_matter(ROOT / "docs" / lang / "translation-notes.md")["title"])


def appendix_start(lang: str, reader: PdfReader) -> int:
    """The 0-based page where the side-by-side appendix begins."""
    return chapter_start(reader, APPENDIX[lang])  # the outline's (the contents name it too)


def book_lines(lang: str, reader: PdfReader) -> list[list[pdfread.Line]]:
    """Each page's lines of text as a reader meets them (no running header, page number
    or notes at the foot), the appendix's pages in their two columns."""
    start = appendix_start(lang, reader)
    return [
        pdfread.main_lines(page, running_header(lang), columns=2 if i > start else 1, index=i)
        for i, page in enumerate(reader.pages)
    ]


def body_size(lang: str, reader: PdfReader, pages: list[list[pdfread.Line]]) -> float:
    """The size of the text: the size most characters of the first section's first page
    are set in (the whole chapter counted its follow-ups' notes, set smaller, and they
    outweighed the text once a note grew)."""
    first = chapter_start(reader, HEADINGS[lang][0])
    sizes = [ln.size for ln in pages[first] for _ in ln.text]
    return max(set(sizes), key=sizes.count)


def test_the_type_is_a_book_face_embedded_from_its_files(pdf):
    """Linux Libertine for the text, Biolinum for the small furniture, embedded, and no
    other font: the PDF does not depend on the fonts the machine prefers."""
    from publication.outputs import pdf as pdf_mod

    _, reader = pdf
    fonts = set()
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
            assert "+" in str(font["/BaseFont"]), f"{font['/BaseFont']}: a subset embedded"
    assert fonts and all(f.startswith(("Linux-Libertine-O", "Linux-Biolinum-O")) for f in fonts), fonts
    assert "Linux-Libertine-O" in fonts
    faces = pdf_mod.font_faces()
    for *_, name in pdf_mod.FACES:
        assert (pdf_mod.FONT_DIR / name).as_uri() in faces


def test_body_lines_hold_at_most_75_characters(pdf):
    """The measure of a book: the text's lines hold about 60 characters, and no line of
    10 pt or more (the text, the boxes, the references) more than 75 (the notes at the
    foot and the printed addresses aside)."""
    lang, reader = pdf
    pages = book_lines(lang, reader)[2 : appendix_start(lang, reader)]  # the chapters (page 2: contents, colophon)
    size = body_size(lang, reader, book_lines(lang, reader))
    text = [len(ln.text) for page in pages for ln in page if ln.size == size]
    assert len(text) > 80
    assert 50 <= pdfread.median(text) <= 70, pdfread.median(text)
    long = [(ln.page + 1, ln.text) for page in pages for ln in page if ln.size >= 10 and "http" not in ln.text]
    assert [(page, line) for page, line in long if len(line) > 75] == []


def continues(line: pdfread.Line, after: pdfread.Line) -> bool:
    """`after` is the next line of the same paragraph as `line`: right below it, in its
    column, size and indent, going on with a word in lower case or a number."""
    return (
        after.page == line.page
        and after.column == line.column
        and after.size == line.size
        and after.bold == line.bold
        and abs(after.x - line.x) < 1
        and 0 < after.y - line.y < 1.7 * line.size
        and re.match(r"[a-z0-9(‘“]", after.text) is not None
        and not re.search(r"[.:;!?]$", line.text)
    )


def test_no_line_is_cut_short_inside_a_paragraph(pdf):
    """A line that a paragraph goes on from below is not cut short: at least half the
    median line of its column, its size and left edge (WeasyPrint 70 left "On" alone on
    a line above "17 June 2024 the plan …", pdf.py hanging_spaces; a table's narrow
    column has its own measure). The paragraphs are the serif's: tables of words and
    labels are set in Biolinum, their cells wrap as their columns allow."""
    lang, reader = pdf
    for page in book_lines(lang, reader):
        for line, after in zip(page, page[1:], strict=False):
            if any(f.startswith("Linux-Biolinum") for f in line.fonts):
                continue
            if continues(line, after):
                column = [len(ln.text) for ln in page if ln.size == line.size and abs(ln.x - line.x) < 1]
                width = pdfread.median(column)
                assert len(line.text) >= width / 2, f"page {line.page + 1}: {line.text!r} | {after.text!r}"


def test_no_heading_or_label_stands_alone_at_a_pages_foot(pdf):
    """A page's last line of text is not a heading or a box's title (a line all in bold,
    or larger than the text) without the lines it heads."""
    lang, reader = pdf
    pages = book_lines(lang, reader)
    size = body_size(lang, reader, pages)
    for page in pages[1:]:
        if not page:
            continue
        last = max(page, key=lambda ln: ln.y)
        assert not last.bold and last.size <= size, f"page {last.page + 1} ends with {last.text!r}"


def entries(chapter, dist) -> list[tuple[str, str]]:
    """A references' or timeline chapter's entries: (its heading's words, the first words
    of its last field)."""
    from lxml import html as lxml_html

    article = lxml_html.parse(str(chapter.built(dist / "site"))).xpath("//article")[0]
    out = []
    for heading in article.xpath(".//h3[following-sibling::*[1][self::ul]]"):
        fields = heading.xpath("following-sibling::*[1]/li")
        out.append((flat(heading.text_content())[:30], flat(fields[-1].text_content())[:25]))
    return out


def test_no_reference_or_paper_is_torn_from_its_fields(pdf, dist):
    """Each entry of the references and of the timeline (a heading and its fields) stands
    on one page: no "Cite:" alone at the top of the next."""
    lang, reader = pdf
    texts = [flat(t) for t in page_texts(reader)]
    texts = texts[: appendix_start(lang, reader)]
    checked = 0
    for chapter in book.chapters(lang, ROOT):
        if chapter.kind not in (book.REFERENCES, book.HISTORY):
            continue
        for heading, last in entries(chapter, dist):
            pages = [i for i, t in enumerate(texts) if heading in t]
            assert pages, heading
            assert last in texts[pages[-1]], f"{heading}: {last!r} not on page {pages[-1] + 1}"
            checked += 1
    assert checked >= 10


BROKEN = (
    (re.compile(r"\d\s?[–—-]$"), re.compile(r"^\d")),  # 2023 – | 2026
    (re.compile(r"\d$"), re.compile(r"^[–—-]\s?\d")),  # 2023 | – 2026
    (re.compile(r"(?<!\w)(?:nrs?|nos?|pp?|art)\.$"), re.compile(r"^\d")),  # nr. | 233
    (re.compile(r"€$"), re.compile(r"^\d")),  # € | 143
    (re.compile(r"(?<![\d.,])\d{1,3}$"), re.compile(r"^\d{3}(?!\d)")),  # 28 | 638
)


def test_no_number_is_broken_over_a_line_or_a_page(pdf):
    """No range (2017-2021, 2023 – 2026), thousands (28 638), number with its word
    (nr. 233) or amount (€143) is split over two lines, or over two pages."""
    lang, reader = pdf
    flow = [ln for page in book_lines(lang, reader) for ln in sorted(page, key=lambda ln: (ln.column, ln.y))]
    for line, after in zip(flow, flow[1:], strict=False):
        for end, start in BROKEN:
            assert not (end.search(line.text) and start.search(after.text)), (
                f"page {line.page + 1}: {line.text[-20:]!r} | page {after.page + 1}: {after.text[:20]!r}"
            )


def test_no_page_is_under_40_percent_of_a_median_page_but_a_chapters_last(pdf):
    """A page in the middle of a chapter holds at least 40 % of the lines of a median
    page (no half-empty page before a box or a table kept whole)."""
    lang, reader = pdf
    pages = book_lines(lang, reader)
    counts = [len({round(ln.y) for ln in page}) for page in pages]
    starts = pdfread.chapter_starts(reader)
    last_of_chapter = {s - 1 for s in starts[1:]} | {len(pages) - 1}
    median = pdfread.median(counts[1:])
    for i, count in enumerate(counts):
        if i == 0 or i in last_of_chapter:
            continue
        assert count >= 0.4 * median, f"page {i + 1}: {count} lines, a median page {median}"
    assert len(starts) >= 4, starts  # the title page, the section, the timeline, the references …


def columns_text(lang, reader, page_index) -> tuple[str, str]:
    page = pdfread.lines(reader.pages[page_index], columns=2, index=page_index)
    return tuple(flat(" ".join(ln.text for ln in page if ln.column == c)) for c in (0, 1))


def test_the_appendix_repeats_its_column_heads_on_every_page(pdf):
    lang, reader = pdf
    heads = PUB.labels(lang)["language_names"]
    for i in range(appendix_start(lang, reader), len(reader.pages)):
        left, right = columns_text(lang, reader, i)
        assert heads["nl"] in left and heads["en"] in right, f"page {i + 1}"


def test_a_page_breaks_both_languages_at_the_same_sentence(pdf):
    """Each sentence of the section begins on the same page in the Dutch column as its
    translation in the English one."""
    from publication.model.pages import read as read_page
    from publication.model.segments import load_pairing

    lang, reader = pdf
    start = appendix_start(lang, reader)
    texts = [columns_text(lang, reader, i) for i in range(start, len(reader.pages))]
    section = PUB.sections()[0]
    nl = read_page(PUB.docs / "nl" / section.page, "nl")
    en = read_page(PUB.docs / "en" / section.page, "en")
    pairs = [s for s in load_pairing(section.page, nl, en, PUB).segments if s.kind == "sentence"]
    assert len(pairs) > 20
    for s in pairs:
        where = []
        for column, language in ((0, "nl"), (1, "en")):
            words = " ".join(re.sub(r"\[\^\d+\]", "", s.text(language)).split()[:5])
            found = [i for i, t in enumerate(texts) if words in t[column]]
            assert found, (s.id, language, words)
            where.append(found[0])
        assert where[0] == where[1], f"{s.id}: Dutch on page {start + where[0] + 1}, English on {start + where[1] + 1}"


def test_each_languages_notes_stand_in_its_own_column_on_the_page_of_the_call(pdf):
    lang, reader = pdf
    start = appendix_start(lang, reader)
    seen = {0: [], 1: []}
    for i in range(start, len(reader.pages)):
        page = pdfread.lines(reader.pages[i], columns=2, index=i)
        for ln in page:
            if m := re.match(r"(\d+)\.\xa0", ln.text):
                seen[ln.column].append((m[1], i))
        found_calls, _ = note_numbers(reader.pages[i])
        for number, page_index in seen[0] + seen[1]:
            if page_index == i:
                assert number in found_calls, f"page {i + 1}: note {number} without its call"
    assert sorted(n for n, _ in seen[0]) == ["35", "36", "37"]
    assert sorted(n for n, _ in seen[1]) == ["35", "36", "37"]
    left, right = zip(*(columns_text(lang, reader, i) for i in range(start, len(reader.pages))), strict=True)
    assert "35. Kamerstuk 28 741, nr. 106." in flat(" ".join(left))
    assert "35. Parliamentary paper (Kamerstuk) 28 741, no. 106." in flat(" ".join(right))


def test_nothing_that_only_makes_sense_on_a_screen(pdf, dist):
    """What a page marks `.screen-only` is not printed (on the side-by-side page: how
    it stacks on a narrow screen)."""
    from lxml import html as lxml_html

    lang, reader = pdf
    text = flat(" ".join(page_texts(reader)))
    marked = 0
    for chapter in book.chapters(lang, ROOT, appendix=True):
        built = lxml_html.parse(str(chapter.built(dist / "site")))
        for el in built.xpath('//*[contains(concat(" ", @class, " "), " screen-only ")]'):
            assert flat(el.text_content()) not in text
            marked += 1
    assert marked >= 1


def test_each_sentence_has_its_number_in_the_margin_beside_the_line_where_it_begins(pdf):
    """On paper a sentence's address (s-12) is found by eye: each sentence of the section
    has its number in the left margin, small, beside a line of the text, in the text's
    order; sentences that begin on one line share one number ("s-10–11"), never two
    numbers printed over each other."""
    from publication.render.followup_notes import _sentences

    _, reader = pdf
    (section,) = PUB.sections()
    wanted = sorted(int(s.removeprefix("s-")) for s in _sentences(section, PUB))
    found, lines_seen = [], []
    for page in range(len(reader.pages)):
        text = [ln for ln in pdfread.lines(reader.pages[page]) if ln.size >= 10]  # not the header, the notes
        if not text:
            continue
        left = min(ln.x for ln in text)
        body = pdfread.median([ln.size for ln in text])
        # a sentence's address left of the text (the timeline's table names some in its cells)
        numbers = [
            r
            for r in pdfread.runs(reader.pages[page])
            if re.fullmatch(r"s-\d+(–\d+)?", r.text.strip()) and r.x + 12 < left
        ]
        for run in numbers:
            assert run.size < 0.8 * body, (page, run)
            # beside a line of the text: its baseline a few points above that line's
            assert any(0 <= t.y - run.y <= 4 for t in text), (page, run)
            first, _, last = run.text.strip().removeprefix("s-").partition("–")
            found.append(((page, run.y), list(range(int(first), int(last or first) + 1))))
            lines_seen.append((page, round(run.y)))
    # each sentence once, in the text's order down the pages (the painting order differs)
    assert [n for _, numbers in sorted(found) for n in numbers] == wanted
    assert len(lines_seen) == len(set(lines_seen))  # one number a line


def test_a_list_prints_each_address_once():
    """A paper's "Cite" line and its "Official publication" link name one page: paper
    prints the address once, after the last (the link that names the page); another
    list starts afresh."""
    from lxml import html as lxml_html

    from publication.outputs.pdf import repeated_urls

    root = lxml_html.fromstring(
        '<div><ul><li><a href="https://a.nl/1">Cite</a></li><li><a href="https://a.nl/1">Official</a> · '
        '<a href="https://b.nl/2">House</a></li></ul><ul><li><a href="https://a.nl/1">Again</a></li></ul>'
        '<p><a href="https://a.nl/1">prose</a></p></div>'
    )
    assert repeated_urls(root) == 1
    assert [a.text for a in root.xpath('//a[contains(@class, "url-repeat")]')] == ["Cite"]


def test_the_back_of_the_title_page_lists_the_chapters_with_the_pages_they_begin_on(pdf):
    """A printed book has its contents: each chapter (the outline's entries after the
    title page and the colophon) with the page it begins on, on the colophon's page."""
    _, reader = pdf
    entries = [o for o in reader.outline if not isinstance(o, list)]
    pages = [(o.title, reader.get_destination_page_number(o) + 1) for o in entries]
    chapters = [(title, page) for title, page in pages if page > 2]  # after the title page and its back
    assert len(chapters) >= 4
    # the front matter is the title page and its back: the colophon never runs onto a
    # page of its own (its last line, the typefaces, once stood alone on page 3)
    assert chapters[0][1] == 3, chapters
    lines = [" ".join(ln.text.split()) for ln in pdfread.lines(reader.pages[1])]
    for title, page in chapters:
        found = [ln for ln in lines if ln.startswith(title)]
        assert found and re.search(rf"\. ?{page}$", found[0]), (title, page, found)


def test_the_back_of_the_title_page_says_in_short_what_became_of_each_announcement(pdf):
    """A reader's first question of a plan of 2023 is whether what it announced happened:
    under the contents, each follow-up a reader sees by its letter, with what was
    announced, its verdict and what became of it in a few words, and the page its note
    stands on (the page where its letter heads it)."""
    from publication.render import followup_notes

    lang, reader = pdf
    words = PUB.labels(lang)["followups"]
    back = " ".join(" ".join(ln.text.split()) for ln in pdfread.lines(reader.pages[1]))
    assert words["table_caption"] in back
    # the answer in one sentence first: how many announcements, how many of each verdict
    assert followup_notes.tally(lang, PUB, ["daderaanpak"]).replace("\u00a0", " ") in back
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    shown = PUB.followups.in_order("daderaanpak")
    assert shown
    for f in shown:
        letter = PUB.followups.letter(f)
        heads = [i + 1 for i, t in enumerate(texts) if i > 1 and f"{letter} {words['label']}" in t]
        assert heads, f.key
        said = followup_notes.summary(f, lang, PUB)  # with how sure: "(press reports only)"
        assert re.search(rf"{re.escape(said)}[ .]*\. ?{heads[0]}\b", back), (f.key, said, heads[0], back)
        assert f.about[lang][1:] in back, f.key


def test_the_sections_text_runs_on_and_its_follow_ups_stand_together_after_it(pdf):
    """On paper the notes after their paragraphs broke page 32's text over four pages:
    the text runs on, and the follow-ups stand after its last sentence, under one
    heading, each headed by the letter that calls it."""
    from publication.render.followup_notes import _sentences

    lang, reader = pdf
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages[: appendix_start(lang, reader)]).split())
    (section,) = PUB.sections()
    said = _sentences(section, PUB)
    last = max(said, key=lambda s: int(s.removeprefix("s-")))
    end_of_text = text.index(" ".join(said[last][lang].split()[:5]))
    words = PUB.labels(lang)["followups"]
    assert words["heading"] in text
    for f in PUB.followups.in_order("daderaanpak"):
        assert text.index(f"{PUB.followups.letter(f)} {words['label']}") > end_of_text, f.key


def test_the_appendix_marks_each_sentence_pair_with_a_dotted_hairline(pdf, dist):
    """Within a paragraph of the appendix, a dotted hairline between the pairs (the
    longer Dutch left white under the English, which seemed to drift): one in each
    column for every sentence after a paragraph's first, counted from the drawing
    operators of the appendix's pages (a dash pattern that is not solid)."""
    import pikepdf

    lang, reader = pdf
    start = next(
        reader.get_destination_page_number(o)
        for o in reader.outline
        if not isinstance(o, list) and o.title == APPENDIX[lang]
    )
    with pikepdf.open(dist / pdf_name(lang)) as doc:
        dotted = sum(
            1
            for page in doc.pages[start:]
            for op in pikepdf.parse_content_stream(page)
            if str(op.operator) == "d" and len(op.operands[0]) > 0
        )
    from lxml import html as lxml_html

    root = lxml_html.parse(str(dist / "site" / ("" if lang == "nl" else "en/") / "parallel" / "index.html")).getroot()
    later = 0
    for row in root.xpath('//div[contains(concat(" ", @class, " "), " parallel__row ")]'):
        cells = row.xpath('./*[contains(concat(" ", @class, " "), " parallel__cell ")]')
        if len(cells) != 2 or "parallel__row--heading" in row.get("class") or "parallel__head" in row.get("class"):
            continue
        segs = [[s.get("data-seg") for s in cell.xpath(".//span[@data-seg]")] for cell in cells]
        if segs[0] == segs[1] and segs[0]:
            later += len(segs[0]) - 1
    assert later >= 10 and dotted == 2 * later, (dotted, later)


@pytest.fixture(scope="module", params=["nl", "en"])
def laid_out(request, dist):
    """The book of one language as WeasyPrint lays it out (its boxes, page by page)."""
    from weasyprint import HTML

    from publication.outputs import pdf as pdf_mod

    site = dist / "site"
    with pdf_mod.hanging_spaces(), pdf_mod.notes_with_their_calls():
        return HTML(string=pdf_mod.document(site, request.param, PUB.edition_date, PUB), base_url=str(site)).render()


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes(child)


def test_the_table_in_short_keeps_at_least_two_rows_on_a_page(laid_out):
    """The timeline's table in short is broken over two pages only between rows with two
    on either side (nl: its head and one row stood at the foot of page 7)."""
    pages: dict[int, set] = {}
    for number, page in enumerate(laid_out.pages, start=1):
        for box in _boxes(page._page_box):  # noqa: SLF001 - WeasyPrint's laid-out boxes, read only
            element = getattr(box, "element", None)
            if type(box).__name__ != "TableBox" or "followup-overview" not in (element.get("class") or ""):
                continue
            for group in box.children:
                if group.element is not None and group.element.tag == "tbody":
                    body = list(group.element)
                    on = {body.index(row.element) for row in group.children}
                    pages.setdefault(number, set()).update(on)
    rows = set().union(*pages.values())
    assert len(rows) == len(PUB.followups.shown()) >= 2
    assert all(len(on) >= min(2, len(rows)) for on in pages.values()), pages


def test_nothing_stands_out_of_the_text_block_but_the_margin_numbers(laid_out):
    """Laid out by WeasyPrint, no box reaches past the right edge of its page's text
    block (the tables in short and of terms stood 9–11 mm into the margin: their cells'
    padding came on top of the columns' shares); only the sentence numbers stand in the
    margin, by design, and the running header and page number in theirs."""
    laid = laid_out
    out = set()

    def walk(box, page: int, right: float) -> None:
        element = getattr(box, "element", None)
        if type(box).__name__ in ("MarginBox", "AbsolutePlaceholder"):
            return  # the page's margins, the sentence numbers
        if hasattr(box, "border_box_x") and box.border_box_x() + box.border_width() > right + 0.5:
            out.add(
                (
                    page,
                    element.tag if element is not None else None,
                    (element.get("class") or "") if element is not None else "",
                )
            )
        for child in getattr(box, "children", None) or ():
            walk(child, page, right)

    for i, page in enumerate(laid.pages):
        box = page._page_box  # noqa: SLF001 - WeasyPrint's laid-out boxes, read only
        for child in box.children:
            walk(child, i + 1, box.content_box_x() + box.width)
    assert sorted(out, key=str) == []


def test_a_paper_named_in_the_timelines_answer_says_on_which_page_of_this_book_it_stands(pdf):
    """Paper has no links: the answer's papers print "(see p. 9)", the page of their
    entry in this book ("(p. 9)" after "nr. 247" read as a page of that paper)."""
    lang, reader = pdf
    texts = [" ".join((p.extract_text() or "").split()) for p in reader.pages]
    see = PUB.labels(lang)["pdf"]["see_page"]
    entry = next(e for e in PUB.bib.history.entries if e.relation == "revision_asked")
    named = " ".join(entry.ref.short_citation(lang).split())
    found = re.search(rf"{re.escape(named)} \({re.escape(see)} (\d+)\)", " ".join(texts))
    assert found, named
    brief = PUB.labels(lang)["history"]["paper_heading"].format(
        dossier=format_dossier(entry.ref.dossier), number=entry.ref.number
    )
    heading = f"{format_date(entry.ref.date, lang)}: {brief}"  # the entry's heading, short
    assert heading in texts[int(found.group(1)) - 1], (heading, found.group(1))
