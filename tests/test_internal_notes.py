"""No internal notes in public text: the check's class of names, on fixtures (one
honest page that must pass, one defect per fixture) and on the real outputs."""

from __future__ import annotations

import re
import zipfile

import pytest
from repo import PUB, ROOT

from publication.checks import internal_notes
from publication.checks.internal_notes import (
    EXPECTED,
    check_books,
    check_html,
    internal_names,
    pattern,
    repository_names,
)
from publication.render.check_report import render


@pytest.fixture(scope="module")
def names():
    return pattern(*repository_names(ROOT))


def test_the_names_come_from_the_repository_itself():
    folders, files = repository_names(ROOT)
    assert {"source", "data", "publication", "docs", "includes", "overrides", "build", "dist"} <= set(folders)
    assert {"mkdocs.yml", "Makefile", "README.md"} <= set(files)
    assert ".git" not in folders


HONEST = [
    "Kamerstuk 28 741, nr. 106, Kamerstukken II 2023/24, p. 32.",
    "Unzip and open index.html, no internet needed.",
    "The data of the chart come from the source, page 32; the source's figures, e.g. 76%.",
    "Links follow the pattern kst-dossier-number; see https://zoek.officielebekendmakingen.nl/kst-28741-106.html",
    "https://www.dutchrapporteur.nl/publications/reports/2023/08/23/data/summary.md and www.example.nl/source/x.yml",
    "Write to publicatie@example.nl; TMX 1.4b and XLIFF 1.2; todo list; a build of the site; Dist.",
    "The sources/ of the plan and metadata/ of a site; the term “data/”-less.",
]


@pytest.mark.parametrize("text", HONEST)
def test_honest_text_passes(names, text):
    assert internal_names(text, names) == []


@pytest.mark.parametrize(
    "text,found",
    [
        ("listed with the official English names in source/NOTES.md; no public page recorded yet", ["source/"]),
        ("relations of data/figures.yml, in both languages", ["data/"]),
        ("see NOTES.md", ["NOTES.md"]),
        ("the terms (terms.yml) and labels", ["terms.yml"]),
        ("online check: publish.py check --online", ["publish.py"]),
        ("written by publication/render/placeholders.py", ["publication/"]),
        ("configured in mkdocs.yml", ["mkdocs.yml"]),
        ("run make, see the Makefile", ["Makefile"]),
        ("TODO: check this figure", ["TODO"]),
        ("The name (FIXME) and XXX", ["FIXME", "XXX"]),
        ("copied to dist/site/downloads", ["dist/"]),
        ("from includes/abbreviations/en.md", ["includes/"]),
        ("the pyproject.toml", ["pyproject.toml"]),
    ],
)
def test_each_kind_of_internal_name_is_found(names, text, found):
    assert internal_names(text, names) == found


def test_a_page_is_read_as_the_reader_sees_it(tmp_path, names):
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>T</title><style>.a{background:url(data/x.png)}</style></head><body>\n"
        '<p>Honest text, <a href="../data/terms.yml">a link</a> to a file.</p>\n'
        "<script>var p = 'source/NOTES.md';</script>\n"
        '<p title="see data/terms.yml">Shown on hover.</p>\n'
        "<p>Listed in <code>source/NOTES.md</code>.</p>\n"
        "</body></html>",
        encoding="utf-8",
    )
    assert [str(f) for f in check_html(page, "page.html", names)] == [
        f"page.html:4: expected {EXPECTED}, found «data/» in «see data/terms.yml»",
        f"page.html:5: expected {EXPECTED}, found «source/» in «source/NOTES.md»",
    ]


def test_books_are_read_page_by_page(tmp_path):
    from weasyprint import HTML

    pdf = tmp_path / "book.pdf"
    HTML(string="<p>Honest page.</p><p style='break-before: page'>A note: TODO recheck.</p>").write_pdf(pdf)
    epub = tmp_path / "book.epub"
    with zipfile.ZipFile(epub, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr(
            "EPUB/text.xhtml",
            '<html xmlns="http://www.w3.org/1999/xhtml"><body>\n<p>Fine.</p>\n'
            "<p>As data/references.yml lists.</p></body></html>",
        )
        z.writestr("EPUB/style.css", "p { background: url(data/x.png) }\n/* set by pdf.py */")
    found = [str(f) for f in check_books([pdf, epub, tmp_path / "notes.txt"], ROOT)]
    assert found == [
        f"book.pdf:2: expected {EXPECTED}, found «TODO» in «A note: TODO recheck.»",
        f"book.epub!EPUB/style.css:2: expected {EXPECTED}, found «pdf.py» in «/* set by pdf.py */»",
        f"book.epub!EPUB/text.xhtml:3: expected {EXPECTED}, found «data/» in «As data/references.yml lists.»",
    ]


def site_with(tmp_path, files: dict[str, str]):
    site = tmp_path / "site"
    for rel, text in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    return [str(f) for f in internal_notes.check_site(site, ROOT)]


HONEST_FILES = {
    "index.html": "<!doctype html><html><head><title>T</title></head><body><p>Fine.</p></body></html>",
    "assets/publication.css": "/* The measure of the text. */\n.a { background: url(data/x.png); }\n",
    "assets/publication.js": "// Sentence numbers on demand.\nfetch('https://example.org/source/x');\nconst d = 'data/';\n",
    "assets/vendor/readme.txt": "The fonts and the search script this site ships with.\n",
    # The theme's own files are not the publication's words.
    "assets/stylesheets/main.css": "/* see src/templates/assets/stylesheets */",
    "sitemap.xml": "<urlset><url><loc>https://example.org/data/</loc></url></urlset>",
}


def test_the_sites_own_text_files_pass_when_their_words_are_public(tmp_path):
    assert site_with(tmp_path, HONEST_FILES) == []


@pytest.mark.parametrize(
    "rel,text,expected",
    [
        (
            "assets/publication.css",
            ".a { color: red; }\n/* Matches pdf.py, see\n   publication/outputs. */",
            [
                f"assets/publication.css:2: expected {EXPECTED}, found «pdf.py» in «/* Matches pdf.py, see»",
                f"assets/publication.css:3: expected {EXPECTED}, found «publication/» in «publication/outputs. */»",
            ],
        ),
        (
            "assets/publication.js",
            "const a = 1; // TODO: the second section\n",
            [
                f"assets/publication.js:1: expected {EXPECTED}, found «TODO» in «// TODO: the second section»",
            ],
        ),
        (
            "assets/vendor/readme.txt",
            "Fonts.\nUpdated with make vendor (see the Makefile).\n",
            [
                f"assets/vendor/readme.txt:2: expected {EXPECTED}, found «Makefile» in «Updated with make vendor (see the Makefile).»",
            ],
        ),
    ],
)
def test_a_working_note_in_the_sites_own_text_files_is_a_finding(tmp_path, rel, text, expected):
    assert site_with(tmp_path, {**HONEST_FILES, rel: text}) == expected


def test_the_built_site_names_no_repository_path(site):
    assert internal_notes.check_site(site, ROOT) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_filled_check_report_names_no_repository_path(tmp_path, names, lang):

    book = tmp_path / "x.pdf"
    book.write_bytes(b"%PDF-1.4")
    coverage = {
        "figures": 9,
        "figure_relations": 3,
        "external_checked_online": False,
        "commit": "abc",
        "edition_date": "2026-11-30",
    }
    page = tmp_path / "report.html"
    page.write_text(
        f"<html><body>{render(coverage | _every_key(lang), [book], lang, PUB)}</body></html>", encoding="utf-8"
    )
    assert check_html(page, "report.html", names) == []


def _every_key(lang: str) -> dict:
    """A number for every placeholder of the report's rows."""

    keys = set()
    for _, text in PUB.labels(lang)["check_report"]["rows"]:
        keys |= set(re.findall(r"\{(\w+)\}", text))
    return {k: 1 for k in keys if k != "online"}
