"""Checks on the Markdown sources' structure: every page in both languages, readable,
not empty, with front matter and explicit heading anchors that agree; footnote calls
and notes that match each other and the references data (a section carries the
footnotes its source page prints, as data/references.yml lists them by page);
well-formed citations; every section with its source text, in the menu of each language
and on the parallel page."""

from __future__ import annotations

import re
from dataclasses import dataclass

from publication.model import pages as pages_mod
from publication.model import references as refs_mod
from publication.model.findings import Finding, key_line
from publication.model.project import Section, SectionError
from publication.model.publication import Publication
from publication.render.placeholders import RenderError, read_page

CHECK = "structure"
# "Kamerstuk" followed by a number: a citation, which must then be well formed.
CANDIDATE_RE = re.compile(r"Kamerstuk(?:ken)?(?:\s+I{1,2}\s+\d{4}/\d{2},?)?\s*\d[^;\n]{0,24}")
REF_PLACEHOLDER_RE = re.compile(r"\[\[ref:(?P<id>[^\]]+)\]\]")


@dataclass
class PagesRead:
    """The pages that could be read, per language, and the findings of reading them."""

    pages: dict  # lang -> {rel: Page}
    findings: list
    found: dict = None  # rel -> Section: the sections whose source text was found

    @property
    def sections(self) -> list[str]:
        """The pages that reproduce the source: `source_page` in their front matter."""
        first = next(iter(self.pages.values()), {})
        return [rel for rel, page in first.items() if page.meta.get("source_page")]

    def section_pairs(self):
        """(rel, Dutch page, English page) of each section read in both languages."""
        for rel in self.sections:
            nl, en = self.pages.get("nl", {}).get(rel), self.pages.get("en", {}).get(rel)
            if nl is not None and en is not None:
                yield rel, nl, en

    def section(self, rel: str) -> Section | None:
        """The section of a page (its source page and source text), when it resolved."""
        return (self.found or {}).get(rel)


def load_pages(project: Publication, bib) -> PagesRead:
    out: dict = {lang: {} for lang in project.languages}
    findings: list[Finding] = []
    caused: list[tuple[Finding, str]] = []  # a page that fails because another page does
    for lang, files in project.pages().items():
        for rel, path in files.items():
            name = project.rel(path)
            raw = path.read_bytes()
            if not raw.strip():
                findings.append(Finding(name, 1, "a page with a title and text", "an empty file", CHECK))
                continue
            try:
                out[lang][rel] = read_page(path, lang, project)
            except pages_mod.PageError as err:
                findings.append(Finding(name, err.line, "a readable page", str(err), CHECK))
            except RenderError as err:
                finding = Finding(name, err.line, "placeholders that name known data", str(err), CHECK)
                (caused.append((finding, err.cause)) if err.cause else findings.append(finding))
    # Such a page is reported only when the page it stems from has no finding of its own.
    reported = {f.file for f in findings}
    findings += [f for f, cause in caused if cause not in reported]
    found = {}
    for rel in PagesRead(out, []).sections:
        path = project.docs / project.languages[0] / rel
        try:
            section = project.section(rel)
        except SectionError as err:
            findings.append(Finding(project.rel(err.path or path), err.line or 2, err.expected, err.found, SECTIONS))
            continue
        if section is not None:
            found[rel] = section
    return PagesRead(out, findings, found)


def check_counterparts(project: Publication, loaded: PagesRead) -> list[Finding]:
    findings = []
    files = project.pages()
    for lang in project.languages:
        for other in project.languages:
            if other == lang:
                continue
            for rel in sorted(set(files[lang]) - set(files[other])):
                findings.append(
                    Finding(
                        project.rel(project.docs / lang / rel),
                        0,
                        f"its translation docs/{other}/{rel}",
                        "no such page",
                        CHECK,
                    )
                )
    return findings


def check_page(project: Publication, page: pages_mod.Page) -> list[Finding]:
    name = project.rel(page.path)
    findings = []
    for key in ("title", "description"):
        if not str(page.meta.get(key) or "").strip():
            findings.append(Finding(name, 1, f"front matter with a '{key}'", "none", CHECK))
    headings = page.of("heading")
    if not headings or headings[0].level != 1:
        findings.append(
            Finding(
                name,
                headings[0].line if headings else 1,
                "the page to open with one '# ' heading",
                f"'{headings[0].text}'" if headings else "no heading",
                CHECK,
            )
        )
    for h in headings:
        if not h.id:
            findings.append(
                Finding(name, h.line, "an explicit anchor '{ #id }' on the heading", f"'{h.text}' without one", CHECK)
            )
    if not page.of("paragraph") and "[[" not in " ".join(b.raw for b in page.blocks):
        findings.append(Finding(name, 1, "text on the page", "only headings", CHECK))
    return findings


def check_anchors_agree(project: Publication, loaded: PagesRead) -> list[Finding]:
    findings = []
    first, *others = project.languages
    for rel, page in loaded.pages[first].items():
        ids = [h.id for h in page.of("heading")]
        for lang in others:
            other = loaded.pages[lang].get(rel)
            if other is None:
                continue
            other_ids = [h.id for h in other.of("heading")]
            if ids != other_ids:
                line = next(
                    (h.line for h, i in zip(other.of("heading"), ids) if h.id != i),
                    other.of("heading")[-1].line if other.of("heading") else 1,
                )
                findings.append(
                    Finding(
                        project.rel(other.path),
                        line,
                        f"the heading anchors of docs/{first}/{rel} ({', '.join(map(str, ids))})",
                        ", ".join(map(str, other_ids)),
                        CHECK,
                    )
                )
    return findings


def check_footnotes(project: Publication, page: pages_mod.Page) -> list[Finding]:
    name = project.rel(page.path)
    findings = []
    notes = page.footnotes
    called = {}
    for label, line in page.calls:
        called.setdefault(label, line)
        if label not in notes:
            findings.append(Finding(name, line, f"a note for the footnote call [^{label}]", "no note", CHECK))
    for label, block in notes.items():
        if label not in called:
            findings.append(
                Finding(name, block.line, f"a call in the text for the footnote [^{label}]", "no call", CHECK)
            )
    return findings


def check_footnote_references(
    project: Publication, page: pages_mod.Page, raw_text: str, bib: refs_mod.Bibliography, source_page: int
) -> list[Finding]:
    """A section's notes are the footnotes of its source page, each citing what
    data/references.yml says that number cites."""
    name = project.rel(page.path)
    findings = []
    lines = raw_text.split("\n")
    notes = bib.footnotes_on(source_page)
    for label, block in page.footnotes.items():
        m = REF_PLACEHOLDER_RE.search(lines[block.line - 1])
        if not label.isdigit():
            continue
        expected = notes.get(int(label))
        if expected is None:
            elsewhere = bib.page_of(int(label))
            findings.append(
                Finding(
                    name,
                    block.line,
                    f"footnote {label} in data/references.yml (footnotes of page {source_page})",
                    f"it listed for page {elsewhere}" if elsewhere else "no such footnote",
                    CHECK,
                )
            )
        elif not m or m["id"] != expected.id:
            findings.append(
                Finding(
                    name,
                    block.line,
                    f"[[ref:{expected.id}]] for footnote {label}",
                    m.group(0) if m else f"'{block.text}'",
                    CHECK,
                )
            )
    for number, ref in notes.items():
        if str(number) not in page.footnotes:
            findings.append(
                Finding(
                    name,
                    0,
                    f"footnote {number} ({ref.id}) as data/references.yml lists it for page {source_page}",
                    "no such note",
                    CHECK,
                )
            )
    return findings


SECTIONS = "sections"
PARALLEL_RE = re.compile(r"\[\[parallel(?::(?P<page>[^\]\s]+))?\]\]")


def _nav_line(project: Publication, lang: str) -> int:
    """The line of the `nav:` of a language in mkdocs.yml (the top-level one otherwise)."""

    try:
        lines = project.config.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    locale = next(
        (n for n, line in enumerate(lines, start=1) if re.match(rf"\s*-?\s*locale:\s*{re.escape(lang)}\s*$", line)), 0
    )
    return (key_line(project.config, "nav", locale) if locale else 0) or key_line(project.config, "nav")


def check_sections_shown(project: Publication, loaded: PagesRead) -> list[Finding]:
    """Every section is in the menu of each language (mkdocs.yml) and on the parallel
    page (a page with `[[parallel]]`, or `[[parallel:<its page>]]`), and each language
    version says the same `source_page`."""
    findings = []
    config = project.rel(project.config)
    for rel in loaded.sections:
        number = loaded.pages[project.languages[0]][rel].meta.get("source_page")
        for lang in project.languages[1:]:
            other = loaded.pages.get(lang, {}).get(rel)
            if other is not None and other.meta.get("source_page") != number:
                findings.append(
                    Finding(
                        project.rel(other.path),
                        2,
                        f"source_page: {number}, as docs/{project.languages[0]}/{rel} says",
                        f"source_page: {other.meta.get('source_page')}",
                        SECTIONS,
                    )
                )
    for lang in project.languages:
        nav = project.nav(lang)
        shown: set = set()
        parallel_pages = []
        for path in project.pages().get(lang, {}).values():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for m in PARALLEL_RE.finditer(text):
                parallel_pages.append(project.rel(path))
                shown |= set(loaded.sections) if m["page"] is None else {m["page"]}
        for rel in loaded.sections:
            if nav is not None and rel not in nav:
                line = _nav_line(project, lang)
                findings.append(
                    Finding(config, line, f"the section {rel} in the menu (nav) of '{lang}'", "it missing", SECTIONS)
                )
            if rel not in shown:
                where = parallel_pages[0] if parallel_pages else f"docs/{lang}/parallel.md"
                findings.append(
                    Finding(
                        where,
                        0,
                        f"the section {rel} on the parallel page ([[parallel]] or [[parallel:{rel}]])",
                        "it missing",
                        SECTIONS,
                    )
                )
    return findings


def check_citations(project: Publication, page: pages_mod.Page) -> list[Finding]:
    """Every 'Kamerstuk …' written in a page's text is a well-formed citation."""
    name = project.rel(page.path)
    findings = []
    for block in page.blocks:
        if block.kind not in ("paragraph", "footnote", "editorial"):
            continue
        for m in CANDIDATE_RE.finditer(block.text):
            if not refs_mod.CITATION_RE.match(block.text, m.start()):
                findings.append(
                    Finding(
                        name,
                        block.line,
                        "a citation like 'Kamerstuk 28 741, nr. 106'",
                        f"'{m.group(0).strip()}'",
                        CHECK,
                    )
                )
    return findings


def check_loaded(project: Publication, bib: refs_mod.Bibliography, loaded: PagesRead) -> list[Finding]:
    """The structure findings of pages already read (`load_pages`), beyond reading them."""
    findings = check_counterparts(project, loaded)
    findings += check_anchors_agree(project, loaded)
    for pages in loaded.pages.values():
        for rel, page in pages.items():
            findings += check_page(project, page)
            findings += check_footnotes(project, page)
            findings += check_citations(project, page)
            if loaded.section(rel) is not None:
                findings += check_footnote_references(
                    project, page, page.path.read_text(encoding="utf-8"), bib, loaded.section(rel).source_page
                )
    return findings


def run(project: Publication, bib: refs_mod.Bibliography) -> tuple[list[Finding], PagesRead]:
    """Read the pages and check their structure: (every finding, the pages read)."""
    loaded = load_pages(project, bib)
    return list(loaded.findings) + check_loaded(project, bib, loaded), loaded
