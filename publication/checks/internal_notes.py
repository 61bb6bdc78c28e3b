"""No internal notes in public text: the pages, PDFs and EPUBs a reader gets name no
path of the repository and no working note.

A reader has the publication, not its repository: "listed in source/NOTES.md",
"see data/figures.yml" or "TODO" tell them nothing and show working notes in public.
What counts, as a class:

- a repository path: a top-level folder of the project followed by a slash
  (`source/…`, `data/…`, `publication/…`, `docs/…`, and the tool's output folders
  `build/`, `dist/`), or a top-level file by name (`mkdocs.yml`, `Makefile`,
  `README.md`, …) — the names are read from the project folder itself, so a new folder
  is covered without editing this check;
- a file name of the kinds the repository keeps its working files in: `*.yml`,
  `*.yaml`, `*.py`, `*.md`, `*.toml`, `*.cfg`, `*.ini`, `*.lock` (`NOTES.md`,
  `terms.yml`, `publish.py`);
- a working-note marker, in capitals as such notes are written: TODO, FIXME, XXX, TBD.

Not counted: web addresses (a token with `://`, or beginning `www.`, or an e-mail
address), whose paths are the sites' own; link targets (`href`, `src`), which the
reader does not read; `index.html` and other published file names (the offline
bundle's "open index.html" is an instruction to the reader).

Where: the visible text of every HTML page (scripts and styles left out) and the
attributes a reader is shown (`title`, `alt`, `aria-label`, `placeholder`); the site's
own text files, which anyone may open (`OWN_TEXT`): every line of a text file, the
comments of a stylesheet or script (its code may name its own folders: `url(data/…)`;
the theme's files under `THEME_FOLDERS` are not the publication's); the text of every
PDF page (pypdf); the XHTML documents of every EPUB and the comments of its stylesheets.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from publication.model.findings import Finding

CHECK = "internal-notes"
EXPECTED = "public text that names no repository path or working note"
OUTPUT_FOLDERS = ("build", "dist")
FILE_KINDS = ("yml", "yaml", "py", "md", "toml", "cfg", "ini", "lock")
MARKERS = ("TODO", "FIXME", "XXX", "TBD")
SHOWN_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
SKIPPED_TAGS = {"script", "style", "template", "noscript"}
# The site's text files besides its pages, read line by line (comments too).
OWN_TEXT = (".css", ".js", ".txt", ".svg", ".xml")
THEME_FOLDERS = (("assets", "javascripts"), ("assets", "stylesheets"))  # Material's own files


def repository_names(root: Path) -> tuple[list[str], list[str]]:
    """(top-level folders, top-level files) of the project at `root`, hidden ones left out."""
    folders, files = set(OUTPUT_FOLDERS), set()
    for entry in root.iterdir():
        if entry.name.startswith("."):
            continue
        (folders if entry.is_dir() else files).add(entry.name)
    return sorted(folders), sorted(files)


def pattern(folders: list[str], files: list[str]) -> re.Pattern:
    """The class of internal names, for one repository."""
    alternatives = [rf"(?<![\w/.-])(?:{'|'.join(map(re.escape, folders))})/(?=[\w.*-])"]
    if files:
        alternatives.append(rf"(?<![\w/.-])(?:{'|'.join(map(re.escape, files))})(?![\w-])")
    alternatives.append(rf"(?<![\w/-])[\w.-]*\w\.(?:{'|'.join(FILE_KINDS)})(?![\w-])")
    alternatives.append(rf"\b(?:{'|'.join(MARKERS)})\b")
    return re.compile("|".join(alternatives))


WEB_TOKEN_RE = re.compile(r"://|^[(\[<\"'“‘]*www\.|^\S+@\S+\.\w+")


def internal_names(text: str, names: re.Pattern) -> list[str]:
    """The internal names `text` contains, in order (web addresses left out)."""
    # Nothing in the whole text, nothing in any of its words (each of the pattern's
    # matches stands within a word, its edges holding as well beside a space): the
    # pattern looks at most texts once.
    if not names.search(text):
        return []
    found = []
    for token in text.split():
        if WEB_TOKEN_RE.search(token):
            continue
        found += [m.group(0) for m in names.finditer(token)]
    return found


def _texts(root) -> list[tuple[int, str]]:
    """(line, text) of what a reader sees in an HTML or XHTML tree."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = etree.QName(el).localname if "}" in el.tag else el.tag
        skipped = tag in SKIPPED_TAGS
        if el.text and not skipped:
            out.append((el.sourceline or 0, el.text))
        for name in SHOWN_ATTRIBUTES:
            if el.get(name):
                out.append((el.sourceline or 0, el.get(name)))
        parent = el.getparent()
        parent_tag = (
            None if parent is None else (etree.QName(parent).localname if "}" in str(parent.tag) else parent.tag)
        )
        if el.tail and parent_tag not in SKIPPED_TAGS:
            out.append((el.sourceline or 0, el.tail))
    return out


def _findings(file: str, texts: list[tuple[int, str]], names: re.Pattern) -> list[Finding]:
    # The texts joined by line breaks: a match stands within a word (internal_names), so
    # none in the whole is none in any of them, and most pages are looked at once.
    if not names.search("\n".join(text for _, text in texts)):
        return []
    findings = []
    for line, text in texts:
        for name in internal_names(text, names):
            snippet = " ".join(text.split())
            findings.append(Finding(file, line, EXPECTED, f"«{name}» in «{snippet[:120]}»", CHECK))
    return findings


def check_html(path: Path, rel: str, names: re.Pattern) -> list[Finding]:
    """One built page."""
    tree = lxml_html.parse(str(path))
    return _findings(rel, _texts(tree.getroot()), names)


def check_pdf(path: Path, rel: str, names: re.Pattern) -> list[Finding]:
    """One PDF, page by page (the finding's line is the page number)."""
    from pypdf import PdfReader

    findings = []
    for number, page in enumerate(PdfReader(str(path)).pages, start=1):
        findings += _findings(rel, [(number, page.extract_text() or "")], names)
    return findings


def check_epub(path: Path, rel: str, names: re.Pattern) -> list[Finding]:
    """One EPUB: each of its XHTML documents (and its navigation)."""
    findings = []
    with zipfile.ZipFile(path) as book:
        for name in sorted(book.namelist()):
            if name.endswith(CODE):
                text = book.read(name).decode("utf-8", "replace")
                findings += _findings(f"{rel}!{name}", comment_lines(text), names)
                continue
            if not name.endswith((".xhtml", ".html", ".htm")):
                continue
            root = etree.fromstring(book.read(name), etree.XMLParser(recover=True, resolve_entities=False))
            if root is not None:
                findings += _findings(f"{rel}!{name}", _texts(root), names)
    return findings


CODE = (".css", ".js")
COMMENT = re.compile(r"/\*.*?\*/|(?<![:\\/])//[^\n]*", re.S)


def comment_lines(text: str) -> list[tuple[int, str]]:
    """The comments of a stylesheet or script, each line with its number: block comments,
    and line comments (`//`, not in `https://`)."""
    out = []
    for m in COMMENT.finditer(text):
        first = text.count("\n", 0, m.start()) + 1
        out += [(first + i, line) for i, line in enumerate(m.group(0).splitlines())]
    return out


def check_text(path: Path, rel: str, names: re.Pattern) -> list[Finding]:
    """A text file line by line; a stylesheet or a script, its comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    lines = comment_lines(text) if path.suffix in CODE else list(enumerate(text.splitlines(), start=1))
    return _findings(rel, lines, names)


def check_site(site: Path, root: Path) -> list[Finding]:
    """Every HTML page of a built site, and its own text files (the site's files named
    relative to it)."""
    names = pattern(*repository_names(root))
    findings = []
    for path in sorted(site.rglob("*.html")):
        if "assets" in path.relative_to(site).parts:
            continue
        findings += check_html(path, path.relative_to(site).as_posix(), names)
    for path in sorted(p for p in site.rglob("*") if p.suffix in OWN_TEXT and p.is_file()):
        parts = path.relative_to(site).parts
        if any(parts[: len(folder)] == folder for folder in THEME_FOLDERS) or path.name.startswith("sitemap"):
            continue
        findings += check_text(path, path.relative_to(site).as_posix(), names)
    return findings


def check_books(paths: list[Path], root: Path) -> list[Finding]:
    """The PDFs and EPUBs among `paths`."""
    names = pattern(*repository_names(root))
    findings = []
    for path in paths:
        if path.suffix == ".pdf":
            findings += check_pdf(path, path.name, names)
        elif path.suffix == ".epub":
            findings += check_epub(path, path.name, names)
    return findings
