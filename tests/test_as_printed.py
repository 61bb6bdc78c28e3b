"""The source's words that stand as printed (data/as-printed.yml): marked [sic] where they
stand in the Dutch text of the site, the PDF and the EPUB, listed in the translation
notes; a record that no longer matches its sentence stops the build at its line."""

from __future__ import annotations

import zipfile
from types import SimpleNamespace

import pytest
from lxml import html as lxml_html
from repo import PUB

from publication.checks import site_html
from publication.model import as_printed as model
from publication.model.datafiles import DataFileError
from publication.model.downloads import epub_name, pdf_name
from publication.render import sic_marks as as_printed


def test_the_records_load_with_their_lines(tmp_path):
    path = tmp_path / "as-printed.yml"
    path.write_text(
        "as_printed:\n  sec:\n    - words: a b\n      sentence: s-2\n      note: {nl: x, en: y}\n"
        "    - words: c\n      sentence: s-3\n      note: {nl: x, en: y}\n",
        encoding="utf-8",
    )
    assert [(r.section, r.sentence, r.words, r.line) for r in model.load(path)] == [
        ("sec", "s-2", "a b", 3),
        ("sec", "s-3", "c", 6),
    ]
    assert model.load(tmp_path / "none.yml") == ()


@pytest.mark.parametrize(
    "record,expected",
    [
        ("    - words: a\n      sentence: s-2\n      note: {nl: x}\n", "a note in each language (nl, en)"),
        ("    - words: a\n      sentence: x2\n      note: {nl: x, en: y}\n", "a sentence's segment id (s-N)"),
        ("    - words: ' '\n      sentence: s-2\n      note: {nl: x, en: y}\n", "the words as printed"),
    ],
)
def test_a_record_that_cannot_be_used_is_a_data_error_at_its_line(tmp_path, record, expected):
    path = tmp_path / "as-printed.yml"
    path.write_text("as_printed:\n  sec:\n" + record, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        model.load(path)
    assert (err.value.line, err.value.expected) == (3, expected)


def _pub(*records):
    return SimpleNamespace(as_printed=records)


PAGE = '<p><span data-seg="s-4" id="s-4">Het kost €143 miljoen euro per jaar.</span> <span data-seg="s-5" id="s-5">Meer.</span></p>'


def test_mark_wraps_the_words_in_their_dutch_sentence_only():
    record = model.AsPrinted("sec", "s-4", "€143 miljoen euro", {"nl": "zo gedrukt", "en": "as printed"}, 7)
    marked = as_printed.mark(PAGE, "nl", _pub(record), section="sec")
    assert (
        '<span class="as-printed" title="zo gedrukt">€143 miljoen euro</span>'
        '<span class="sic" lang="la">\u00a0[sic]</span> per jaar.</span>'
    ) in marked
    assert marked.count("as-printed") == 1 and marked.count("[sic]") == 1
    # an English section page has no Dutch sentence; another section's page is not this one's
    assert as_printed.mark(PAGE, "en", _pub(record), section="sec") == PAGE
    assert as_printed.mark(PAGE, "nl", _pub(record), section="other") == PAGE
    # the side-by-side page of a translation: the Dutch column's ids end in -nl
    parallel = PAGE.replace('id="s-4"', 'id="sec-s-4-nl"')
    assert 'title="as printed">€143' in as_printed.mark(parallel, "en", _pub(record))


def test_a_record_whose_words_left_its_sentence_stops_the_build_at_its_line():
    record = model.AsPrinted("sec", "s-4", "€143 miljoen", {"nl": "x", "en": "y"}, 7)
    changed = PAGE.replace("€143 miljoen euro", "€ 143 miljoen")
    with pytest.raises(as_printed.AsPrintedError) as err:
        as_printed.mark(changed, "nl", _pub(record), section="sec")
    assert str(err.value).startswith(
        "data/as-printed.yml:7: expected «€143 miljoen» in sentence s-4 of sec, found «Het kost €"
    )


@pytest.mark.parametrize("path,lang", [("daderaanpak", "nl"), ("parallel", "nl"), ("en/parallel", "en")])
def test_the_built_pages_mark_each_record_in_its_sentence(site, path, lang):
    root = lxml_html.parse(str(site / path / "index.html")).getroot()
    marks = root.xpath('//span[@class="as-printed"]')
    assert [m.text for m in marks] == [r.words for r in PUB.as_printed]
    for mark, record in zip(marks, PUB.as_printed, strict=True):
        sentence = mark.getparent()
        assert sentence.get("data-seg") == record.sentence and mark.get("title") == record.note[lang]
        assert sentence.xpath("ancestor-or-self::*[@lang][1]/@lang") in (["nl"], [])
    # after each, the editor's "[sic]" as text of its own (a copy keeps it), in Latin; the
    # sentence's words are the source's: the checks read the sentence without the mark
    for mark in marks:
        sic = mark.getnext()
        assert (sic.tag, sic.get("class"), sic.get("lang"), sic.text) == ("span", "sic", "la", "\u00a0[sic]")
    text = " ".join(root.xpath("//article")[0].itertext())
    assert text.count("[sic]") == len(marks)
    page = site_html.read(site / path / "index.html")
    for record in PUB.as_printed:
        said = " ".join(s["text"] for s in page.segments if s["seg"] == record.sentence)
        assert record.words in said and "[sic]" not in said


def test_no_english_sentence_is_marked(site):
    root = lxml_html.parse(str(site / "en" / "daderaanpak" / "index.html")).getroot()
    assert root.xpath('//span[@class="as-printed"]') == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_translation_notes_list_them_and_the_books_mark_them(site, dist, lang):
    from pypdf import PdfReader

    prefix = "" if lang == "nl" else "en/"
    notes = " ".join(lxml_html.parse(str(site / prefix / "translation-notes" / "index.html")).getroot().itertext())
    assert all(r.words in notes for r in PUB.as_printed) and "[sic]" in notes
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(dist / pdf_name(lang)).pages).split())
    for record in PUB.as_printed:
        assert f"{record.words} [sic]" in text, record.words
    with zipfile.ZipFile(dist / epub_name(lang)) as z:
        chapters = {n.rsplit("/", 1)[-1]: z.read(n).decode() for n in z.namelist() if n.endswith(".xhtml")}
    assert chapters["parallel.xhtml"].count('class="as-printed"') == len(PUB.as_printed)
    assert chapters["daderaanpak.xhtml"].count('class="as-printed"') == (len(PUB.as_printed) if lang == "nl" else 0)


def test_the_timeline_marks_the_words_where_it_quotes_a_dutch_sentence(site):
    """The timeline's entry quotes the sentence it answers: quoted in Dutch, its slips
    are marked as on the sentence's own page; quoted in English, nothing is."""
    quoted = {f.sentence for f in PUB.followups.shown()}
    expected = [r.words for r in PUB.as_printed if r.sentence in quoted]
    if not expected:
        pytest.skip("no record stands in a sentence the timeline quotes")
    for prefix, words in (("", expected), ("en/", [])):
        root = lxml_html.parse(str(site / prefix / "history" / "index.html")).getroot()
        marks = root.xpath('//blockquote[contains(@class, "followup-item__sentence")]//span[@class="as-printed"]')
        assert [m.text for m in marks] == words, prefix


@pytest.mark.parametrize(
    "inside,read",
    [
        # the editor's mark after words as printed: not the sentence's words
        ('<span class="as-printed">euro</span><span class="sic" lang="la">\u00a0[sic]</span> ter', "euro ter"),
        # anything else dressed as the mark stays the sentence's, and the text check sees it
        (
            '<span class="as-printed">euro</span><span class="sic" lang="la">\u00a0[sic] en meer</span> ter',
            "euro [sic] en meer ter",
        ),
        ('euro<span class="sic" lang="la">\u00a0[sic]</span> ter', "euro [sic] ter"),
        ('<span class="as-printed">euro</span><span class="sic other">\u00a0[sic]</span> ter', "euro [sic] ter"),
    ],
)
def test_the_checks_read_a_sentence_without_the_editors_mark_only(inside, read):
    page = site_html.parse(f'<html><body><p><span data-seg="s-4" id="s-4">{inside}</span></p></body></html>')
    (segment,) = page.segments
    assert segment["text"] == read


def test_the_message_quotes_the_sentence_as_it_stands_without_earlier_marks():
    """A second record of a sentence whose words are missing: the message quotes the
    sentence as the source has it, not with the first record's [sic] already in it."""
    first = model.AsPrinted("sec", "s-4", "€143 miljoen euro", {"nl": "x", "en": "y"}, 7)
    second = model.AsPrinted("sec", "s-4", "€143  miljoen", {"nl": "x", "en": "y"}, 12)
    with pytest.raises(as_printed.AsPrintedError) as err:
        as_printed.mark(PAGE, "nl", _pub(first, second), section="sec")
    assert str(err.value).startswith("data/as-printed.yml:12: expected «€143  miljoen»")
    assert "[sic]" not in str(err.value)
