"""A section is data: the sections are found from their pages (`source_page: N`), their
source text by one rule, their footnotes and figures by page in the data; the menu and
the parallel page must show every section; ids stay unique; labels and code hold no
facts of the content. Two copies of the project follow the README's recipes: one adds
a (fictional) second section by data and pages alone, one corrects a source sentence.
"""

from __future__ import annotations

import ast
import json
import re
import zipfile
from pathlib import Path

import pytest
import sections_fixture as fictional
import yaml
from clitools import SKIP_VALIDATORS, run
from conftest import edit
from live import correct_last_sentence
from repo import PUB, ROOT

from publication.checks import contents, figure_use, links, run_source_checks, site_html, structure
from publication.model import figures as fig_mod
from publication.model import references as refs_mod
from publication.model import source as source_mod
from publication.model.citation import page_range
from publication.model.findings import Finding
from publication.model.pages import parse
from publication.model.project import SectionError, copy_project
from publication.model.publication import Publication

LIVE = PUB


def mini(root: Path, pages: dict[str, str], sources: tuple[str, ...] = (), nav: list[str] | None = None) -> Publication:
    """A small project: pages (same text in both languages), source files, a menu."""
    for lang in ("nl", "en"):
        (root / "docs" / lang).mkdir(parents=True, exist_ok=True)
        for name, text in pages.items():
            (root / "docs" / lang / name).write_text(text, encoding="utf-8")
    (root / "source").mkdir(parents=True, exist_ok=True)
    for name in sources:
        (root / "source" / name).write_text("Kop\n", encoding="utf-8")
    if nav is not None:
        config = {
            "plugins": [
                {
                    "i18n": {
                        "languages": [
                            {"locale": lang, "nav": [{n.removesuffix(".md"): n} for n in nav]} for lang in ("nl", "en")
                        ]
                    }
                }
            ]
        }
        (root / "mkdocs.yml").write_text("site_url: !ENV [SITE_URL, '']\n" + yaml.safe_dump(config), encoding="utf-8")
    return Publication(root)


# --- sections found from their pages ---------------------------------------------------------


def test_sections_are_the_pages_with_source_page_in_menu_order(tmp_path):
    project = mini(
        tmp_path,
        {"index.md": "# Home\n", "b.md": "---\nsource_page: 7\n---\n# B\n", "a.md": "---\nsource_page: 6\n---\n# A\n"},
        ("plan-p6.txt", "plan-p7.txt"),
        nav=["index.md", "b.md", "a.md"],
    )
    found = project.sections()
    assert [(s.page, s.source_page, s.source.name, s.name) for s in found] == [
        ("b.md", 7, "plan-p7.txt", "b"),
        ("a.md", 6, "plan-p6.txt", "a"),
    ]
    assert project.section("index.md") is None


def test_a_source_page_without_its_text_or_with_two_is_an_error_naming_the_rule(tmp_path):
    project = mini(tmp_path, {"a.md": "---\nsource_page: 6\n---\n# A\n"}, ("plan-p5.txt",))
    with pytest.raises(SectionError) as err:
        project.sections()
    assert (err.value.expected, err.value.found) == ("one source text source/*-p6.txt for source page 6", "none")
    (tmp_path / "source" / "plan-p6.txt").write_text("x", encoding="utf-8")
    (tmp_path / "source" / "other-p6.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SectionError) as err:
        project.sections()
    assert err.value.found == "source/other-p6.txt, source/plan-p6.txt"


def test_the_live_sections_each_have_their_source_text():
    sections = LIVE.sections()
    assert sections
    for s in sections:
        assert s.source.is_file() and s.source.name.endswith(f"-p{s.source_page}.txt")
        # The text's own running footer says the same page.
        assert source_mod.load(s.source).page == s.source_page


# --- footnotes and figures scoped by page ------------------------------------------------------

BIB = PUB.bib


def scoped_bib() -> refs_mod.Bibliography:
    """The live references with one more page: page 990 prints footnote 990."""
    ref = next(iter(BIB.references.values()))
    pages = {**BIB.pages, 990: {990: ref}}
    return refs_mod.Bibliography(BIB.document, BIB.references, {**BIB.footnotes, 990: ref}, pages)


def test_a_section_carries_only_the_footnotes_of_its_own_page():
    bib = scoped_bib()
    ref = bib.footnotes[990]
    text = f"Tekst.[^990]\n\n[^990]: [[ref:{ref.id}]]\n"
    page = parse(text, Path("/p/docs/nl/x.md"))
    project = Publication(Path("/p"))
    assert structure.check_footnote_references(project, page, text, bib, 990) == []
    found = structure.check_footnote_references(project, page, text, bib, LIVE.sections()[0].source_page)
    live_page = LIVE.sections()[0].source_page
    assert found[0] == Finding(
        "docs/nl/x.md",
        3,
        f"footnote 990 in data/references.yml (footnotes of page {live_page})",
        "it listed for page 990",
        "structure",
    )
    # ... and every note its own page prints is asked for.
    assert len(found) == 1 + len(bib.footnotes_on(live_page))


def test_a_footnote_number_on_two_pages_is_a_data_error(tmp_path):
    text = (ROOT / "data" / "references.yml").read_text(encoding="utf-8")
    number, ref_id = next(iter(yaml.safe_load(text)["footnotes"][LIVE.sections()[0].source_page].items()))
    path = tmp_path / "references.yml"
    path.write_text(
        re.sub(r"^footnotes:\n", f"footnotes:\n  990:\n    {number}: {ref_id}\n", text, flags=re.M), encoding="utf-8"
    )
    with pytest.raises(refs_mod.ReferenceError, match=f"footnote {number} is listed on page 990 and on page"):
        refs_mod.load(path)


def test_a_section_holds_only_the_figures_of_its_own_page():
    figs = fig_mod.parse(
        {
            "figures": {
                "here": {"page": 6, "kind": "count", "value": 27, "nl": "27", "meaning": {"nl": "x", "en": "x"}},
                "there": {"page": 7, "kind": "count", "value": 12, "nl": "12", "meaning": {"nl": "y", "en": "y"}},
            }
        }
    )
    project = Publication(Path("/p"))
    nl = parse("In 27 gemeenten.\n", Path("/p/docs/nl/a.md"))
    en = parse("In 27 municipalities.\n", Path("/p/docs/en/a.md"))
    assert figure_use.check_section(project, figs, nl, en, 6) == []
    assert [str(f) for f in figure_use.check_section(project, figs, nl, en, 7)] == [
        "docs/nl/a.md:1: expected 12 (there), found 27",
        "docs/en/a.md:1: expected 12 (there), found 27",
    ]


def test_every_live_figure_names_its_page_and_a_section_reproduces_it():
    pages = {s.source_page for s in LIVE.sections()}
    figs = fig_mod.load(ROOT / "data" / "figures.yml")
    assert figs.figures and all(f.page in pages for f in figs.figures.values())


# --- the menu and the parallel page show every section ----------------------------------------


def test_a_section_left_out_of_the_menu_or_the_parallel_page_is_a_finding(project_copy):
    section = LIVE.sections()[0].page
    config = project_copy / "mkdocs.yml"
    head, tail = config.read_text(encoding="utf-8").split("- locale: en\n", 1)
    entry = re.search(rf"^\s+- [^\n]*: {re.escape(section)}\n", tail, re.M)[0]
    config.write_text(head + "- locale: en\n" + tail.replace(entry, "", 1), encoding="utf-8")
    lines = config.read_text(encoding="utf-8").splitlines()
    en_locale = lines.index("        - locale: en")
    nav_line = next(n for n, line in enumerate(lines, start=1) if n > en_locale and line.strip() == "nav:")
    edit(project_copy / "docs/nl/parallel.md", "[[parallel]]", "")
    found = [str(f) for f in run_source_checks(Publication(project_copy)) if f.check == "sections"]
    assert found == [
        f"docs/nl/parallel.md: expected the section {section} on the parallel page ([[parallel]] or "
        f"[[parallel:{section}]]), found it missing",
        f"mkdocs.yml:{nav_line}: expected the section {section} in the menu (nav) of 'en', found it missing",
    ]


def test_a_language_version_with_another_source_page_is_a_finding(project_copy):
    s = LIVE.sections()[0]
    edit(project_copy / "docs/en" / s.page, f"source_page: {s.source_page}", f"source_page: {s.source_page + 1}")
    found = [str(f) for f in run_source_checks(Publication(project_copy)) if f.check == "sections"]
    assert found == [
        f"docs/en/{s.page}:2: expected source_page: {s.source_page}, as docs/nl/{s.page} says, "
        f"found source_page: {s.source_page + 1}"
    ]


# --- ids stay unique ---------------------------------------------------------------------------


def test_a_duplicate_id_on_a_built_page_is_a_finding(tmp_path):
    html = '<html lang="nl"><body>\n<p id="s-1">Een.</p>\n<p id="s-1">Twee.</p>\n</body></html>\n'
    page = site_html.parse(html, tmp_path / "x" / "index.html")
    found = links.check_site(tmp_path, ROOT / "data", pages={"x/index.html": page})
    assert found == [
        Finding(
            "site/x/index.html", 3, 'an id used once on the page (id="s-1" is on line 2)', 'a second id="s-1"', "links"
        )
    ]


# --- no facts in labels or code -----------------------------------------------------------------


def facts() -> set[str]:
    """The live facts words must not hold: source pages, footnote numbers."""
    out = set()
    for s in LIVE.sections():
        out.add(str(s.source_page))
        out |= {str(n) for n in BIB.footnotes_on(s.source_page)}
    return out


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_labels_hold_no_page_numbers_footnote_numbers_or_sentence_ids(lang):
    text = (ROOT / "data" / "labels" / f"{lang}.yml").read_text(encoding="utf-8")
    numbers = set(re.findall(r"(?<![\w.,/#-])\d+(?![\w.,/-])", text))
    assert not numbers & facts(), numbers & facts()
    assert not re.search(r"#s-\d", text)


def _code_strings(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, int):
            for target in node.targets:
                if isinstance(target, ast.Name) and "PAGE" in target.id:
                    yield node.lineno, f"{target.id} = {node.value.value}"


NOT_YET: set[str] = set()  # files allowed a page fact for now (none)


def test_the_code_holds_no_page_number_section_page_or_source_file():
    names = {s.name for s in LIVE.sections()}
    facts_re = re.compile(r"-p\d+\.txt|\bp\. ?\d+|\bPAGE = \d+|" + "|".join(rf"\b{re.escape(n)}\b" for n in names))
    found = [
        f"{path.relative_to(ROOT)}:{line}: {value[:60]!r}"
        for path in sorted((ROOT / "publication").rglob("*.py"))
        if path.relative_to(ROOT).as_posix() not in NOT_YET
        for line, value in _code_strings(path)
        if facts_re.search(value)
    ]
    assert found == []


# --- the recipes, followed on copies -----------------------------------------------------------


@pytest.fixture(scope="module")
def with_section(tmp_path_factory) -> dict:
    """A copy of the publication with the fictional section, checked, reviewed and
    published as the README's "New section" recipe says (the standard validators, which
    read the outputs and do not make them, are left out: the session's publication runs
    them, test_validators.py)."""
    root = copy_project(tmp_path_factory.mktemp("sections") / "project", ROOT)
    fictional.add_section(root)
    first = run(root, "check", *SKIP_VALIDATORS)
    review = run(root, "review", fictional.NAME)
    # The recipe's second `check` is the first part of `publish`: it runs the same
    # checks on its own build and publishes only when they pass.
    dist = root.parent / "dist"
    published = run(root, "publish", "--dist", str(dist), "--quiet", *SKIP_VALIDATORS)
    return {"root": root, "first": first, "review": review, "published": published, "dist": dist}


@pytest.mark.slow
def test_a_new_section_asks_only_for_its_alignment_record_then_passes(with_section):
    first = with_section["first"]
    assert first.returncode == 2, first.stdout + first.stderr
    assert [line for line in first.stdout.splitlines() if ": expected " in line] == [
        f"data/alignment/{fictional.NAME}.yml: expected the alignment record of docs/en/{fictional.NAME}.md "
        f"(make it with `scripts/publish.py review {fictional.NAME}`), found no such file"
    ]
    assert with_section["review"].returncode == 0, with_section["review"].stderr
    assert (with_section["root"] / "data" / "alignment" / f"{fictional.NAME}.yml").is_file()
    assert with_section["published"].returncode == 0, (
        with_section["published"].stdout + with_section["published"].stderr
    )


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_new_section_is_in_the_menu_and_on_the_parallel_page(with_section, prefix):
    from lxml import html as lxml_html

    site = with_section["dist"] / "site"
    root = lxml_html.parse(str(site / prefix / "index.html")).getroot()
    menu = [a.get("href") for a in root.xpath('//nav[contains(@class, "md-nav--primary")]//a')]
    assert f"{fictional.NAME}/" in menu
    parallel = lxml_html.parse(str(site / prefix / "parallel" / "index.html")).getroot()
    ids = parallel.xpath("//@id")
    assert len(ids) == len(set(ids))
    for s in [*LIVE.sections(), fictional]:
        name = s.name if hasattr(s, "source_page") else fictional.NAME
        assert parallel.xpath(f'//*[@id="{name}-pair-1"]'), name
    row = parallel.xpath(f'//*[@id="{fictional.NAME}-pair-2"]')[0]
    assert "Zij delen hun kennis met elkaar." in row.text_content()
    # The section page cites its own source page and links its paragraphs to their pairs.
    page = lxml_html.parse(str(site / prefix / fictional.NAME / "index.html")).getroot()
    assert page.xpath(f'//a[@class="pair-link"][contains(@href, "#{fictional.NAME}-pair-2")]')


@pytest.mark.slow
def test_the_new_section_is_in_the_translation_memory_and_the_check_report(with_section):
    dist = with_section["dist"]
    tmx = (dist / "samen-tegen-mensenhandel.tmx").read_text(encoding="utf-8")
    assert f'tuid="{fictional.NAME}#s-1"' in tmx and f'tuid="{fictional.NAME}#s-2"' in tmx
    report = json.loads((with_section["root"] / "build" / "report.json").read_text(encoding="utf-8"))
    assert report["findings"] == []
    assert report["coverage"]["sections"] == len(LIVE.sections()) + 1
    checks = (dist / "site" / "checks" / "index.html").read_text(encoding="utf-8")
    assert f'<span data-key="sections">{len(LIVE.sections()) + 1}</span>' in checks
    pages = sorted({s.source_page for s in LIVE.sections()} | {fictional.PAGE})

    assert f"{page_range(pages)}, woord voor woord" in checks


@pytest.mark.slow
def test_the_new_section_is_a_chapter_of_both_pdfs_and_epubs(with_section):
    """Read back from the published files: the outline and table of contents hold it
    (the contents check, which publish ran too), and its text is in them."""

    from pypdf import PdfReader

    dist = with_section["dist"]
    assert contents.run(Publication(with_section["root"]), dist) == []
    for lang, words in (
        ("nl", "Zij delen hun kennis met elkaar."),
        ("en", "They share their knowledge with each other."),
    ):
        pdf = " ".join(
            " ".join((p.extract_text() or "").split())
            for p in PdfReader(dist / f"samen-tegen-mensenhandel-{lang}.pdf").pages
        )
        assert words in pdf, lang
        with zipfile.ZipFile(dist / f"samen-tegen-mensenhandel-{lang}.epub") as z:
            assert any(words in z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xhtml")), lang


def test_a_section_missing_from_a_pdf_or_epub_contents_is_a_finding(tmp_path):

    project = Publication(tmp_path)
    titles = {"a.md": "Eerste", "b.md": "Tweede"}
    found = contents.check_file(project, tmp_path / "x-nl.pdf", ["Titel", "Eerste", "Referenties"], titles, "PDF")
    assert found == [
        Finding(
            "x-nl.pdf",
            0,
            "the section b.md ('Tweede') as a chapter of the PDF's contents",
            "it missing (the chapters: Titel, Eerste, Referenties)",
            "contents",
        )
    ]


@pytest.mark.slow
def test_a_corrected_source_sentence_follows_the_recipe_and_passes(tmp_path):
    """The source is reprinted with one sentence corrected: edit the source text and the
    Dutch page the same way; `check` names the English as older than the Dutch and the
    command that records the revisit; after it (the English still fits) `check` passes."""
    root = copy_project(tmp_path / "project", ROOT)
    section = Publication(root).sections()[0]
    correct_last_sentence(root, section.page)

    first = run(root, "check", *SKIP_VALIDATORS)
    assert first.returncode == 2, first.stdout + first.stderr
    findings = [line for line in first.stdout.splitlines() if ": expected " in line]
    assert len(findings) == 1 and "expected an English translation of the current Dutch" in findings[0], findings
    command = re.search(r"run `scripts/publish\.py (review [^`]+)`", findings[0])[1].split()
    assert command[:2] == ["review", section.name]
    assert run(root, *command).returncode == 0
    # The word the correction adds has no English yet: the lexical check names it; the
    # English revisited with it, `check` passes.
    second = run(root, "check", *SKIP_VALIDATORS)
    findings = [line for line in second.stdout.splitlines() if ": expected " in line]
    assert len(findings) == 1 and "expected an English word for 'ook'" in findings[0], findings
    english = root / "docs" / "en" / section.page
    revisited = re.search(r"found none in «(.*)»$", findings[0])[1]
    edit(english, revisited, revisited[:-1] + " too" + revisited[-1])
    third = run(root, "check", *SKIP_VALIDATORS)
    assert third.returncode == 0, third.stdout + third.stderr
