"""The bilingual site as a reader meets it: the text, the figures, the footnotes, the
language switch. Source-side tests read the Markdown; the rest read one real build."""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path

import pytest
from repo import PUB, ROOT

from publication import LANGUAGES
from publication.checks import site_html as html
from publication.model import figures, pages, references, source
from publication.model.downloads import OFFLINE_ZIP
from publication.render.placeholders import read_page
from publication.render.theme import remove_source_maps

SECTION = "daderaanpak.md"


def section(lang: str) -> pages.Page:
    return read_page(ROOT / "docs" / lang / SECTION, lang, PUB)


def built_pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("index.html"))}


# --- the Dutch text -------------------------------------------------------------


def test_dutch_section_text_equals_the_source_text():
    src = source.load(PUB.sections()[0].source)
    page = section("nl")
    expected = [(b.kind, b.text) for b in src.blocks]
    found = [(b.kind, b.text) for b in page.blocks if b.kind in ("heading", "paragraph")]
    assert found == expected


def test_dutch_footnotes_read_as_in_the_source():
    src = source.load(PUB.sections()[0].source)
    found = {int(label): b.text for label, b in section("nl").footnotes.items()}
    assert found == src.footnotes


def test_source_reading_joins_line_break_hyphens_only():
    """A word hyphenated at a printed line's end is joined; everything else stands as
    printed: every printed line of the body is in the text (read from the source file,
    so a corrected source changes what is expected, not the test)."""
    path = PUB.sections()[0].source
    printed = path.read_text(encoding="utf-8").splitlines()
    joined = " ".join(b.text for b in source.load(path).paragraphs)
    breaks = [(a, b) for a, b in zip(printed, printed[1:]) if re.search(r"[a-z]-$", a.rstrip())]
    assert breaks, "the page has words hyphenated at a line's end"
    for line, after in breaks:
        word = line.rstrip().split()[-1][:-1] + after.split()[0]
        assert word.rstrip(".,") in joined, word
    # The body's lines: not the notes' (printed indented), not the running footer.
    body = [
        line.strip()
        for line in printed
        if len(line.split()) > 3 and not line.startswith(" ") and not source.FOOTER_RE.match(line.strip())
    ]
    for line in body:
        words = line.split(" ")
        inner = " ".join(words[1:-1] if re.search(r"[a-z]-$", line) else words[1:])
        assert inner in joined, line


# --- the English text -------------------------------------------------------------


def test_every_figure_of_the_source_appears_in_the_english_section_in_english_form():
    text = " ".join(b.text for b in section("en").of("paragraph"))
    numbers = figures.find_numbers(text, "en")
    for fig in PUB.figures.figures.values():
        assert fig.en in numbers, f"{fig.id}: {fig.en!r} not in {numbers}"
    assert "3,925" in numbers and "€143 million" in numbers and "2017–2021" in numbers


def test_english_section_has_the_same_structure_as_the_dutch():
    nl, en = section("nl"), section("en")
    assert [b.kind for b in nl.blocks] == [b.kind for b in en.blocks]
    assert [b.id for b in nl.of("heading")] == [b.id for b in en.of("heading")]
    assert [c for c, _ in nl.calls] == [c for c, _ in en.calls] == ["35", "36", "37"]


def test_english_uses_the_official_terms():
    text = " ".join(b.text for b in section("en").blocks)
    for term in (
        "Prevention with Authority",
        "National Rapporteur",
        "Human Trafficking Offenders Monitoring Report 2017–2021",
        "National Rapporteur on Trafficking in Human Beings and Sexual Violence against Children",
    ):
        assert term in text


# --- both languages: same pages, same anchors --------------------------------------


def test_both_languages_have_the_same_pages_and_heading_anchors():
    paths = PUB.pages()
    assert set(paths["nl"]) == set(paths["en"])
    for rel in paths["nl"]:
        ids = [[b.id for b in read_page(paths[lang][rel], lang, PUB).of("heading")] for lang in LANGUAGES]
        assert ids[0] == ids[1], rel
        assert all(ids[0]), f"{rel}: every heading needs an explicit {{ #id }}"


def test_every_page_has_a_meta_description(site):
    for rel, path in built_pages(site).items():
        page = html.read(path)
        if rel.count("/") and rel.split("/")[0] in ("search", "assets"):
            continue
        assert page.description and len(page.description) > 50, rel


# --- footnotes ----------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_footnote_numbers_shown_are_the_sources(site, prefix):
    page = html.read(site / prefix / "daderaanpak" / "index.html")
    calls = [a.text for a in page.links("footnote-ref")]
    assert calls == ["35", "36", "37"]
    assert page.footnote_values == {"fn:35": "35", "fn:36": "36", "fn:37": "37"}
    backrefs = page.links("footnote-backref")
    assert [a.href for a in backrefs] == ["#fnref:35", "#fnref:36", "#fnref:37"]
    word = "voetnootverwijzing" if not prefix else "footnote"
    assert [a.title for a in backrefs] == [
        f"{t} {n} in the text" if prefix else f"Terug naar {word} {n} in de tekst"
        for n, t in zip((35, 36, 37), ["Back to footnote"] * 3)
    ]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_footnote_links_to_its_kamerstuk(site, prefix):
    page = html.read(site / prefix / "daderaanpak" / "index.html")
    # The source's link of each note (not the back-link, not the link to its References
    # entry that the publication adds).
    notes = [
        a
        for a in page.anchors
        if a.in_footnotes and "footnote-backref" not in a.cls and "note-added__link" not in a.cls
    ]
    assert [a.href for a in notes] == [
        "https://zoek.officielebekendmakingen.nl/kst-28741-106.html",
        "https://zoek.officielebekendmakingen.nl/kst-30995-100.html",
        "https://www.dutchrapporteur.nl/publications/reports/2023/08/23/human-trafficking-offenders-monitoring-report-2017-2021---summary",
    ]
    # The citation's dossier and number are the link's.
    for a in notes[:2]:
        m = references.CITATION_RE.search(a.text)
        assert a.href.endswith(f"kst-{references.parse_dossier(m['dossier'])}-{m['number']}.html")


def test_the_references_page_lists_each_source_once_with_its_formal_citation(site):
    page = html.read(site / "references" / "index.html")
    text = (site / "references" / "index.html").read_text(encoding="utf-8")
    for ref_id, citation in [
        ("kst-28741-106", "Kamerstukken II 2022/23, 28 741, nr. 106"),
        ("kst-30995-100", "Kamerstukken II 2021/22, 30 995, nr. 100"),
        ("kst-28638-233", "Kamerstukken II 2023/24, 28 638, nr. 233"),
    ]:
        assert ref_id in page.ids
        assert text.count(f">{references.unbreakable(citation)}</h") == 1  # no-break spaces in a heading
    assert (
        "7 juli 2023" in text and "Brede preventieaanpak (georganiseerde en ondermijnende) jeugdcriminaliteit" in text
    )
    en = (site / "en" / "references" / "index.html").read_text(encoding="utf-8")
    assert "7 July 2023" in en and "Human Trafficking Offenders Monitoring Report 2017–2021" in en


# --- the language switch --------------------------------------------------------------


def resolve(page_rel: str, href: str) -> str:
    """A relative href from a built page (directory URLs) to the index.html it reaches."""
    base = posixpath.dirname(page_rel)
    target = posixpath.normpath(posixpath.join(base, href.split("#")[0]))
    target = "" if target == "." else target
    return posixpath.join(target, "index.html") if not target.endswith(".html") else target


def test_the_language_switch_from_every_page_lands_on_its_counterpart(site):
    built = built_pages(site)
    content = {rel: p for rel, p in built.items() if not rel.startswith(("search/", "assets/"))}
    assert len(content) == 2 * len(PUB.pages()["nl"])
    for rel, path in content.items():
        page = html.read(path)
        selector = {a.hreflang: resolve(rel, a.href) for a in page.links("md-select__link")}
        nl_rel = rel[3:] if rel.startswith("en/") else rel
        assert selector == {"nl": nl_rel, "en": "en/" + nl_rel}, rel
        assert all(not a.href.startswith("/") for a in page.links("md-select__link")), rel
        alternates = {lang: resolve(rel, href) for lang, href, _ in page.alternates}
        assert alternates.pop("x-default") == selector["nl"], rel  # the Dutch original
        assert alternates == selector, rel
        assert page.lang == ("en" if rel.startswith("en/") else "nl"), rel


# --- abbreviations, search, privacy ---------------------------------------------------


@pytest.mark.parametrize(
    "prefix,full",
    [("", "Koninklijke Marechaussee"), ("en/", "Royal Netherlands Marechaussee (Koninklijke Marechaussee)")],
)
def test_abbreviations_show_their_full_name(site, prefix, full):
    text = (site / prefix / "daderaanpak" / "index.html").read_text(encoding="utf-8")
    assert f'<abbr title="{full}">KMar</abbr>' in text
    for abbr in ("NLA", "OM", "LIEC", "RIEC"):
        assert re.search(rf'<abbr title="[^"]+">{abbr}s?</abbr>', text), abbr


@pytest.mark.parametrize(
    "prefix,lang,own,other",
    [("", "nl", "arbeidsuitbuiting", "labour exploitation"), ("en/", "en", "labour exploitation", "arbeidsuitbuiting")],
)
def test_each_language_has_its_own_search_index_with_stemming(site, prefix, lang, own, other):
    index = json.loads((site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == [lang]
    assert "stemmer" in index["config"]["pipeline"]
    locations = {d["location"] for d in index["docs"]}
    assert "daderaanpak/" in locations and not any(loc.startswith("en/") for loc in locations)
    section = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("daderaanpak/"))
    assert own in section and other not in section


def test_no_page_loads_anything_from_another_host(site):
    for rel, path in built_pages(site).items():
        for tag, url, line in html.read(path).resources:
            assert not url.startswith(("http:", "https:", "//")), f"{rel}:{line}: {tag} {url}"
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, rel


def test_the_english_404_page_says_the_translation_is_unofficial_too(site):
    from lxml import html

    english = html.fromstring((site / "en" / "404.html").read_text(encoding="utf-8"))
    notice = english.xpath('//div[@class="unofficial-notice"]')
    assert len(notice) == 1 and "Unofficial translation" in notice[0].text_content()
    link = notice[0].xpath(".//a")[0]
    assert (link.get("href"), link.get("hreflang")) == ("/", "nl")  # served at any path: rooted, as MkDocs makes it
    dutch = html.fromstring((site / "404.html").read_text(encoding="utf-8"))
    assert dutch.xpath('//div[@class="unofficial-notice"]') == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_terms_table_gives_every_abbreviation_its_full_name(site, lang):
    """Every abbreviation of the language's glossary in the terms table stands in an
    <abbr> whose title is the glossary's full name, as in the running text; none bare."""

    from lxml import html as lxml_html

    names = PUB.glossary(lang)
    assert names
    prefix = "" if lang == "nl" else "en/"
    table = lxml_html.parse(str(site / prefix / "translation-notes" / "index.html")).xpath("//table[@class='terms']")[0]
    marked = [(a.text_content(), a.get("title")) for a in table.iter("abbr")]
    assert {a for a, _ in marked} >= {"KMar", "NLA", "OM", "LIEC", "RIEC"}
    assert all(title == names[a] for a, title in marked), marked
    bare = []
    for el in table.iter():
        for text in (el.text if el.tag != "abbr" else None, el.tail):
            bare += [w for w in re.findall(r"\w+", text or "") if w in names]
    assert bare == []


def test_the_source_maps_are_removed_with_the_comments_that_name_them(tmp_path):

    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.1.min.js").write_bytes(b"code();\n//# sourceMappingURL=bundle.1.min.js.map\n\n")
    (scripts / "bundle.1.min.js.map").write_text("{}")
    (scripts / "other.min.js").write_bytes(b"code();\n//# sourceMappingURL=elsewhere.js.map\n")
    (tmp_path / "assets" / "main.css").write_text("a{}")
    (tmp_path / "assets" / "main.css.map").write_text("{}")
    assert remove_source_maps(tmp_path) == 2
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == [
        "assets/javascripts/bundle.1.min.js",
        "assets/javascripts/other.min.js",
        "assets/main.css",
    ]
    assert (scripts / "bundle.1.min.js").read_bytes() == b"code();\n"
    assert (scripts / "other.min.js").read_bytes() == b"code();\n//# sourceMappingURL=elsewhere.js.map\n", "not its map"
    assert remove_source_maps(tmp_path) == 0 and remove_source_maps(tmp_path / "nothing") == 0


def test_the_site_and_the_offline_bundle_ship_no_source_maps(site, dist):

    assert [p.name for p in site.rglob("*.map")] == []
    assert [p.name for p in (site / "assets").rglob("*.js") if b"sourceMappingURL" in p.read_bytes()] == []
    with zipfile.ZipFile(dist / OFFLINE_ZIP) as z:
        assert [n for n in z.namelist() if n.endswith(".map")] == []
    assert [p.name for p in (dist / "site").rglob("*.map*")] == []
