"""The PDFs, read back with pypdf: text and figures in each language's notation,
footnotes 35–37 at the foot of the page that calls them with their links as
annotations (every printed note number against its call, the side-by-side pages
too), no screen controls, no closing box alone on a page, the running header (the
English says unofficial translation), bookmarks, language, title, tagging, A4."""

from __future__ import annotations

import posixpath
import re

import pytest
from live import source_page
from pypdf import PdfReader
from repo import PUB, ROOT

from publication.checks import site_html as html
from publication.model import edition
from publication.model.downloads import DOWNLOADS, pdf_name
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
    text = "\f".join(flat(t) for t in page_texts(reader))
    text = text[: text.index(APPENDIX[lang])]  # the appendix holds both languages
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
    texts = texts[: next(i for i, t in enumerate(texts) if APPENDIX[lang] in t)]  # the section and references
    bib = PUB.bib
    for n, call in CALLS[lang].items():
        call_pages = [i for i, t in enumerate(texts) if call in t]
        note_pages = [i for i, t in enumerate(texts) if re.search(rf"^{n}\.\s", t, re.M)]
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
            "nl": "Samen tegen mensenhandel – Daderaanpak",
            "en": "Together against Human Trafficking – Tackling offenders",
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
    assert "Kamerstuk 28 638, nr. 233" in reader.metadata.subject
    assert xmp.dc_source == f"Kamerstukken II 2023/24, 28 638, nr. 233, p. {source_page()}"
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
    assert "Kamerstuk 28 638, nr. 233" in first
    if lang == "nl":
        assert f"Fragment van pagina {source_page()} van het actieplan Samen tegen mensenhandel" in first
        assert "Taal: Nederlands" in first and "Editie van" in first
    else:
        assert f"Excerpt of page {source_page()} of the action plan Samen tegen mensenhandel" in first
        assert "Language: English" in first and "Unofficial translation" in first and "Edition of" in first


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
        "Translation notes",
    ):
        assert furniture not in text


def test_body_text_is_10_to_11_points(pdf):
    _, reader = pdf
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = tm[0] * cm[0]
            sizes.append(round(abs(size * scale), 1))

    reader.pages[1].extract_text(visitor_text=visit)
    common = max(set(sizes), key=sizes.count)
    assert 10 <= common <= 11, sizes


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
    """On every page (the side-by-side pages too) the note numbers at the foot are the
    numbers called in its text, the source's (35–37), each call with its note."""
    _, reader = pdf
    seen = []
    for i, page in enumerate(reader.pages):
        found_calls, markers = note_numbers(page)
        assert sorted(found_calls) == sorted(markers), f"page {i + 1}: calls {found_calls}, notes {markers}"
        seen += markers
    # The section's three notes, and on the side-by-side pages each once per language.
    assert sorted(seen) == ["35"] * 3 + ["36"] * 3 + ["37"] * 3


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
    """The box that closes a section stands on a page with the text before it."""
    from lxml import html as lxml_html

    lang, reader = pdf
    texts = [flat(t) for t in page_texts(reader)]
    for chapter in book.chapters(lang, ROOT):
        if chapter.kind != book.SECTION:
            continue
        article = lxml_html.parse(str(chapter.built(dist / "site"))).xpath("//article")[0]
        boxes = [
            b for b in article.xpath('./div[contains(@class, "admonition")]') if "cite" not in b.get("class").split()
        ]
        last = boxes[-1]
        title = flat(last.xpath('./p[@class="admonition-title"]')[0].text_content())
        before = last.getprevious()
        while before is not None and before.tag != "p":
            before = before.getprevious()
        words = flat(before.text_content().replace("¶", "").replace("⇄", "")).split()[-4:]
        pages = [i for i, t in enumerate(texts) if title in t]
        assert pages and " ".join(words) in texts[pages[0]], (title, words, pages)


def body_lines(page) -> int:
    """The lines of text a page sets larger than its page number (the running header,
    the page number and the footnotes are smaller): its distinct baselines, so that two
    columns side by side count once per line."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text, abs(size * tm[0]), round(tm[5])))

    page.extract_text(visitor_text=visit)
    number = next(size for text, size, _ in reversed(runs) if re.fullmatch(r"\s*\d+ / \d+\s*", text))
    return len({y for _, size, y in runs if size > number + 0.1})


def test_the_last_page_holds_more_than_the_tail_of_a_paragraph(pdf):
    """The last page (the side-by-side appendix's end) is not left with a few lines of a
    split pair: it holds at least 8 lines of text, about a seventh of a page (it held
    the last 3 Dutch and 5 English lines of the last pair). Every page holds some."""
    _, reader = pdf
    counts = [body_lines(page) for page in reader.pages[1:]]
    assert counts[-1] >= 8, counts
    assert min(counts) >= 8, counts


def test_the_running_header_names_the_document_and_the_english_says_unofficial(pdf):
    lang, reader = pdf
    t = PUB.labels(lang)["pdf"]
    header = t["running_header"].format(title=t["title"])
    if lang == "en":
        assert "Unofficial translation" in header
    else:
        assert header == t["title"]
    lines = [[flat(line) for line in page.extract_text().splitlines()] for page in reader.pages]
    assert header not in lines[0]  # the title page has none
    for i, page_lines in enumerate(lines[1:], start=2):
        assert header in page_lines, f"page {i}"
