"""Where a publication's files are, and which of its pages are sections.

A section is a page that reproduces a page of the source: its front matter says which,
`source_page: 32`. Its source text is found from that number by one rule, SOURCE_RULE:
the one file `source/*-p32.txt` (a missing or a second match is an error that names
both). Everything else a section has is scoped by that page number in the data: its
footnotes (`data/references.yml`, `footnotes:` by page), its figures (`page:` of each
figure in `data/figures.yml`), its alignment record (`data/alignment/<page name>.yml`).

A Project knows where things are; a `Publication` (model/publication.py) is a Project
with its data loaded. Nothing names "the" project: the command line, the MkDocs plugin,
the tests and the benchmark each make theirs (the repository, a fixture with one defect,
a copy with a second section, a publication 50 times larger).
"""

from __future__ import annotations

import copy
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from publication import DEFAULT_LANGUAGE, LANGUAGES
from publication.model import datafiles

SOURCE_RULE = "source/*-p{page}.txt"
"""The source text of source page N: the one file in source/ whose name ends in -pN.txt."""


class SectionError(ValueError):
    """A section's source page cannot be resolved (no file, several files, no number)."""

    def __init__(self, expected: str, found: str, path: Path | None = None, line: int = 0):
        super().__init__(f"expected {expected}, found {found}")
        self.expected, self.found = expected, found
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Section:
    """A page that reproduces a source page."""

    page: str  # path inside each language folder: 'daderaanpak.md'
    source_page: int  # the page number of the source it reproduces: 32
    source: Path  # the source text of that page (SOURCE_RULE)

    @property
    def name(self) -> str:
        """The section's name in ids, records and commands: 'daderaanpak'."""
        return Path(self.page).with_suffix("").as_posix().replace("/", "-")


def front_matter(path: Path) -> dict:
    """A page's front matter (empty when it has none or it does not read: the structure
    check reports that)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    m = re.match(r"---\n(.*?)\n---\s*\n", text, re.S)
    if not m:
        return {}
    try:
        meta = datafiles.parse(m.group(1))
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def footnotes_by_page(raw, error=ValueError) -> dict:
    """`footnotes:` of references.yml: source page -> {number as printed -> reference id}.
    The plan numbers its footnotes through the whole document, so a number is printed
    on one page only. A wrong block raises `error(message, "footnotes")`."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not all(isinstance(v, dict) for v in raw.values()):
        raise error(
            "footnotes: by source page, then number -> reference id (footnotes: {32: {35: kst-28741-106}})", "footnotes"
        )
    out, seen = {}, {}
    for page, notes in raw.items():
        if not isinstance(page, int):
            raise error(f"footnotes: a source page number, not {page!r}", "footnotes")
        for number in notes:
            if int(number) in seen:
                raise error(f"footnote {number} is listed on page {seen[int(number)]} and on page {page}", "footnotes")
            seen[int(number)] = page
        out[page] = {int(n): ref_id for n, ref_id in notes.items()}
    return out


def page_range(pages) -> str:
    """'32'; '32–33'; '32, 34–35': page (or footnote) numbers as a citation gives them."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...] = LANGUAGES

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root))  # a folder given as text too

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    def rel(self, path: Path) -> str:
        """A path as findings name it: relative to the project."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def pages(self) -> dict[str, dict[str, Path]]:
        """Language -> {path inside the language folder -> file}."""
        out = {}
        for lang in self.languages:
            folder = self.docs / lang
            out[lang] = (
                {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.md"))} if folder.is_dir() else {}
            )
        return out

    # --- the sections -------------------------------------------------------------

    def source_file(self, page: int, where: Path | None = None) -> Path:
        """The source text of source page `page`, by SOURCE_RULE (`where`: the page that
        asks, named by the error)."""
        pattern = SOURCE_RULE.format(page=page)
        folder, glob = pattern.split("/", 1)
        found = sorted((self.root / folder).glob(glob))
        if len(found) != 1:
            raise SectionError(
                f"one source text {pattern} for source page {page}",
                ", ".join(self.rel(p) for p in found) if found else "none",
                where,
                2 if where else 0,
            )
        return found[0]

    def source_page_of(self, page: str) -> int | None:
        """The `source_page` of a page (by its path inside the language folder) as the
        default language's front matter gives it; None for a page that is no section."""
        meta = front_matter(self.docs / DEFAULT_LANGUAGE / page)
        value = meta.get("source_page")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise SectionError("source_page as a page number", repr(value), self.docs / DEFAULT_LANGUAGE / page, 2)
        return value

    def nav(self, lang: str) -> list[str] | None:
        """The pages of `lang`'s menu (mkdocs.yml, the i18n plugin's `nav` of that
        language, else the top-level `nav`) in order; None when the config has no menu
        (MkDocs then lists every page)."""
        try:
            config = datafiles.parse_config(self.config.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            return None
        nav = config.get("nav")
        for plugin in config.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
                # The first entry of the language with a menu of its own (as the i18n plugin).
                nav = next(
                    (
                        language["nav"]
                        for language in plugin["i18n"].get("languages") or []
                        if isinstance(language, dict) and language.get("locale") == lang and language.get("nav")
                    ),
                    nav,
                )
        if nav is None:
            return None
        out: list[str] = []

        def walk(items):
            for item in items or []:
                value = next(iter(item.values())) if isinstance(item, dict) else item
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str) and value.endswith(".md"):
                    out.append(value)

        walk(nav)
        return out

    def sections(self) -> list[Section]:
        """Every section: the pages of the default language with `source_page` in their
        front matter, in menu order (pages outside the menu after it, by path). Raises
        SectionError when a section's source page has no source text."""
        files = self.pages().get(DEFAULT_LANGUAGE, {})
        order = {rel: i for i, rel in enumerate(self.nav(DEFAULT_LANGUAGE) or [])}
        out = []
        for rel in sorted(files, key=lambda r: (order.get(r, len(order)), r)):
            number = self.source_page_of(rel)
            if number is not None:
                out.append(Section(rel, number, self.source_file(number, files[rel])))
        return out

    def section(self, page: str) -> Section | None:
        """The section of a page (path inside the language folder), None if it is none."""
        number = self.source_page_of(page)
        where = self.docs / DEFAULT_LANGUAGE / page
        return Section(page, number, self.source_file(number, where)) if number is not None else None


# What a copy of a publication needs (tests' fixtures, the benchmark's large copy); the
# code only where the copy is run as a process of its own (its scripts/publish.py).
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "source", "includes", "overrides", "deploy")
CODE_PARTS = ("publication", "scripts")


def copy_project(dest: Path, source: Path, scale: int = 1, code: bool = True) -> Path:
    """A copy of the project at `source`; with `code`, its code too (to run the copy's
    own scripts/publish.py). With `scale` N every page but the home page exists N times
    per language (page.md, page-02.md, ...)."""

    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS + (CODE_PARTS if code else ()):
        src = source / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    sections = []
    for lang_dir in sorted(p for p in (dest / "docs").iterdir() if p.is_dir() and p.name in LANGUAGES):
        for page in sorted(p for p in lang_dir.glob("*.md") if p.name != "index.md"):
            text = page.read_text(encoding="utf-8")
            if scale > 1 and "source_page" in front_matter(page) and page.name not in sections:
                sections.append(page.name)
            for i in range(2, scale + 1):
                (lang_dir / f"{page.stem}-{i:02d}.md").write_text(text, encoding="utf-8")
    if scale > 1:
        _scale_sections(dest, sections, scale)
    if scale > 1:
        _scale_follow_ups(dest / "data" / "follow-ups.yml", scale)
    # A copied section keeps its alignment record (data/alignment/<page>.yml) and the
    # recorded exceptions of its pairs (data/coverage/<page>.yml).
    for folder in ("alignment", "coverage"):
        records = dest / "data" / folder
        for record in sorted(records.glob("*.yml")) if scale > 1 else []:
            text = record.read_text(encoding="utf-8")
            for i in range(2, scale + 1):
                (records / f"{record.stem}-{i:02d}.yml").write_text(text, encoding="utf-8")
    return dest


def _scale_follow_ups(path: Path, scale: int) -> None:
    """A copied section keeps the follow-ups of its original (data/follow-ups.yml, each
    section's records again under the copy's name: daderaanpak-02)."""
    if not path.is_file():
        return
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    records = raw.get("follow_ups") or {}
    for section, items in list(records.items()):
        for i in range(2, scale + 1):
            records[f"{section}-{i:02d}"] = copy.deepcopy(items)  # no YAML alias
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _scale_sections(dest: Path, sections: list[str], scale: int) -> None:
    """In a copy N times larger, each copy of a section is a section too: in the menu
    after its original and on the parallel page (which shows every section; each copy
    of the parallel page shows its own copy of the sections: `parallel-02.md` shows
    `daderaanpak-02.md`), as a publication of that size would have them."""
    config = dest / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    out = []
    for line in lines:
        out.append(line)
        m = re.match(r"^(\s+)- (.+): (\S+\.md)\s*$", line)
        if m and m[3] in sections:
            stem = m[3].removesuffix(".md")
            out += [f"{m[1]}- {m[2]} ({i:02d}): {stem}-{i:02d}.md\n" for i in range(2, scale + 1)]
    config.write_text("".join(out), encoding="utf-8")
    for lang in LANGUAGES:
        for page in sorted((dest / "docs" / lang).glob("*.md")):
            text = page.read_text(encoding="utf-8")
            if "[[parallel]]" not in text:
                continue
            m = re.search(r"-(\d{2})$", page.stem)
            if not m:
                continue  # the original shows every section (the sections link their pairs there)
            shown = "\n\n".join(f"[[parallel:{name.removesuffix('.md')}-{m[1]}.md]]" for name in sections)
            page.write_text(text.replace("[[parallel]]", shown), encoding="utf-8")
