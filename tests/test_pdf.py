"""The PDFs, read back with pypdf: text and figures in each language's notation,
footnotes 35–37 at the foot of the page that calls them with their links as
annotations, bookmarks, language, title, tagging, A4."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from publication.model import figures
from publication.model import references
from publication.model.downloads import pdf_name

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
    text = flat(" ".join(page_texts(reader)))
    text = text[: text.index(APPENDIX[lang])]  # the appendix holds both languages
    for fig in figures.figure_set().figures.values():
        form = fig.nl if lang == "nl" else fig.en
        assert form in text, f"{fig.id}: {form!r}"
    other = {"nl": ["3,925", "€143 million", "four out of five"], "en": ["3.925", "€143 miljoen", "vier op de vijf"]}[lang]
    assert not [o for o in other if o in text]


def test_footnotes_35_to_37_stand_at_the_foot_of_the_page_that_calls_them(pdf):
    lang, reader = pdf
    texts = page_texts(reader)
    bib = references.bibliography()
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
        for note in ("35. Kamerstuk 28 741, nr. 106.", "36. Kamerstuk 30 995, nr. 100.",
                     "37. Dadermonitor mensenhandel 2017-2021, Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen, 2022."):
            assert note in text
    else:
        assert "35. Parliamentary paper (Kamerstuk) 28 741, no. 106." in text


def test_headings_are_bookmarks(pdf):
    lang, reader = pdf
    titles = outline_titles(reader.outline)
    for heading in HEADINGS[lang]:
        assert heading in titles
    assert "Kamerstukken II 2022/23, 28 741, nr. 106" in titles


def test_language_title_author_and_tagging(pdf):
    lang, reader = pdf
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert reader.metadata.title == {"nl": "Samen tegen mensenhandel – Daderaanpak",
                                     "en": "Together against Human Trafficking – Tackling offenders"}[lang]
    assert reader.metadata.author
    assert root["/MarkInfo"]["/Marked"] is True or root["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in root


def test_the_xmp_metadata_names_title_language_subject_and_edition(pdf):
    from publication.model import edition

    lang, reader = pdf
    xmp = reader.xmp_metadata
    assert xmp.dc_title == {"x-default": reader.metadata.title}
    assert xmp.dc_language == [lang]
    assert xmp.dc_description == {"x-default": reader.metadata.subject}
    assert "Kamerstuk 28 638, nr. 233" in reader.metadata.subject
    assert xmp.dc_source == "Kamerstukken II 2023/24, 28 638, nr. 233, p. 32"
    day = edition.date()
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
        assert "Fragment van pagina 32 van het actieplan Samen tegen mensenhandel" in first
        assert "Taal: Nederlands" in first and "Editie van" in first
    else:
        assert "Excerpt of page 32 of the action plan Samen tegen mensenhandel" in first
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
    for furniture in ("Zoeken", "Ga naar inhoud", "Terug naar boven", "Search", "Skip to content", "Back to top",
                      "Over deze publicatie", "Translation notes"):
        assert furniture not in text


def test_body_text_is_10_to_11_points(pdf):
    _, reader = pdf
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] * cm[0])
            sizes.append(round(abs(size * scale), 1))

    reader.pages[1].extract_text(visitor_text=visit)
    common = max(set(sizes), key=sizes.count)
    assert 10 <= common <= 11, sizes


@pytest.mark.parametrize("home", ["index.html", "en/index.html"])
def test_the_home_pages_offer_the_pdfs_and_the_bundle(dist, home):
    import posixpath

    from publication.checks import site_html as html
    from publication.model.downloads import DOWNLOADS

    page = html.read(dist / "site" / home)
    links = {posixpath.basename(a.href): a.href for a in page.anchors if "downloads/" in a.href}
    assert set(links) == set(DOWNLOADS)
    for name, href in links.items():
        served = (dist / "site" / posixpath.dirname(home) / href).resolve()
        assert served.read_bytes() == (dist / name).read_bytes(), name


def test_the_appendix_sets_both_languages_side_by_side(pdf):
    lang, reader = pdf
    text = flat(" ".join(page_texts(reader)))
    appendix = text[text.index(APPENDIX[lang]):]
    assert "Met het programma Preventie met gezag" in appendix and "Through the Prevention with Authority programme" in appendix
    assert APPENDIX[lang] in outline_titles(reader.outline)
