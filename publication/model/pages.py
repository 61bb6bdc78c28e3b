"""Read a Markdown page of the publication as plain blocks with line numbers.

The checks work on these, not on MkDocs: a page is front matter, headings, paragraphs,
editorial notes (admonitions: not source text), footnote calls and definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from publication.model import datafiles

HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<id>[\w-]+)\s*\})?\s*$")
# As Python-Markdown's footnotes extension: up to three spaces before the label.
FOOTNOTE_DEF_RE = re.compile(r"^[ ]{0,3}\[\^(?P<label>[^\]]+)\]:[ ]*(?P<text>.*)$")
FOOTNOTE_CALL_RE = re.compile(r"\[\^(?P<label>[^\]]+)\](?!:)")
INCLUDE_RE = re.compile(r"^\{!.*!\}\s*$")
LINK_RE = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>[^)\s]*)\)(?:\{[^}]*\})?")
TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
ATTR_RE = re.compile(r"\{\s*[:#.][^}]*\}")
EMPHASIS_RE = re.compile(r"(\*\*|\*|_)(?=\S)(.+?)(?<=\S)\1")


class RenderError(ValueError):
    """A placeholder of a page cannot be expanded; `line` is 1-based in the page.
    `cause`: the page (docs/<lang>/<page>) whose own defect made it fail, when it is
    another page's (a side-by-side page cannot be made of a section that does not read):
    that page's finding is the one to report."""

    def __init__(self, message: str, line: int, cause: str | None = None):
        super().__init__(message)
        self.line = line
        self.cause = cause


class PageError(ValueError):
    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


@dataclass
class Block:
    kind: str  # heading | paragraph | editorial | footnote
    text: str  # plain text (Markdown stripped)
    line: int
    raw: str = ""
    level: int = 0
    id: str | None = None
    label: str | None = None  # footnote label
    breaks: tuple[int, ...] = ()  # offsets in `raw` where the source's lines were joined

    def line_at(self, offset: int) -> int:
        """The page line of a character offset in `raw`."""
        return self.line + sum(1 for b in self.breaks if b <= offset)


@dataclass
class Page:
    path: Path
    meta: dict = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    calls: list[tuple[str, int]] = field(default_factory=list)  # (label, line)

    def of(self, kind: str) -> list[Block]:
        return [b for b in self.blocks if b.kind == kind]

    @property
    def footnotes(self) -> dict[str, Block]:
        return {b.label: b for b in self.of("footnote")}


def plain(markdown: str) -> str:
    """Markdown inline text -> the words a reader sees."""
    text = FOOTNOTE_CALL_RE.sub("", markdown)
    text = LINK_RE.sub(lambda m: m["text"], text)
    text = ATTR_RE.sub("", text)
    text = TAG_RE.sub("", text)
    text = EMPHASIS_RE.sub(lambda m: m.group(2), text)
    return re.sub(r"\s+", " ", text).strip()


def parse(text: str, path: Path = Path("page.md"), expand=None) -> Page:
    """Parse a page; `expand(markdown) -> markdown` resolves placeholders first
    (line numbers are kept: the placeholders expand within their line)."""
    page = Page(path=path)
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        try:
            end = lines.index("---", 1)
        except ValueError:
            raise PageError("the front matter opened by '---' is never closed", 1) from None
        try:
            meta = datafiles.parse("\n".join(lines[1:end])) or {}  # libyaml, within the policy's limits
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            raise PageError(
                f"the front matter is not valid YAML ({getattr(err, 'problem', err)})", (mark.line + 2) if mark else 1
            ) from None
        if not isinstance(meta, dict):
            raise PageError("the front matter is not a mapping of keys to values", 2)
        page.meta = meta
        start = end + 1

    para: list[str] = []
    para_line = 0
    in_admonition = False

    def expanded(raw: str, lineno: int) -> str:
        """Expand a block's placeholders; an error names the page's line."""
        if not expand:
            return raw
        try:
            return expand(raw)
        except RenderError as err:
            err.line = lineno
            raise

    def flush():
        nonlocal para
        if para:
            stripped = [s.strip() for s in para]
            breaks = tuple(sum(len(s) + 1 for s in stripped[:i]) for i in range(1, len(stripped)))
            raw = expanded(" ".join(stripped), para_line)
            page.blocks.append(
                Block("paragraph", plain(raw), para_line, raw=raw, breaks=breaks if raw == " ".join(stripped) else ())
            )
            para = []

    # A footnote definition goes on as Python-Markdown reads it: every further line of
    # its block (lazily indented or not), then every block indented by four spaces.
    in_footnote = False
    after_blank = False

    def continue_footnote(line: str, lineno: int) -> None:
        note = page.blocks[-1]
        note.raw = f"{note.raw} {expanded(line.strip(), lineno)}".strip()
        note.text = plain(note.raw)

    for n in range(start, len(lines)):
        line = lines[n]
        lineno = n + 1
        # A call; "[^35]:" starting a line is a note (the pattern excludes it).
        page.calls += [(m["label"], lineno) for m in FOOTNOTE_CALL_RE.finditer(line)]
        if in_footnote and not FOOTNOTE_DEF_RE.match(line):
            if not line.strip():
                after_blank = True
                continue
            if not after_blank or line.startswith(("    ", "\t")):
                continue_footnote(line, lineno)
                after_blank = False
                continue
            in_footnote = False
        if in_admonition:
            if line.startswith("    ") or not line.strip():
                if line.strip():
                    page.blocks[-1].raw += " " + line.strip()
                    page.blocks[-1].text = plain(page.blocks[-1].raw)
                continue
            in_admonition = False
        if not line.strip():
            flush()
            continue
        if line.startswith("!!!") or line.startswith("???"):
            flush()
            in_admonition = True
            page.blocks.append(Block("editorial", "", lineno, raw=""))
            continue
        if INCLUDE_RE.match(line):
            flush()
            continue
        m = HEADING_RE.match(line)
        if m and not para:
            page.blocks.append(Block("heading", plain(m["text"]), lineno, raw=line, level=len(m["hashes"]), id=m["id"]))
            continue
        m = FOOTNOTE_DEF_RE.match(line)
        if m:
            flush()
            raw = expanded(m["text"], lineno)
            page.blocks.append(Block("footnote", plain(raw), lineno, raw=raw, label=m["label"]))
            in_footnote, after_blank = True, False
            continue
        if not para:
            para_line = lineno
        para.append(line)
    flush()
    return page


def read(path: Path, lang: str | None = None, expand=None) -> Page:
    """Read a page from disk. `expand(markdown, lang)`, when given, resolves its
    placeholders for `lang` (by default the language folder it is in); rendering gives
    it (`publication.render.placeholders.read_page`), so the model needs no renderer."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise PageError(f"the page is not valid UTF-8 (byte {err.start})", line) from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")  # as MkDocs reads a page
    lang = lang or path.parent.name
    return parse(text, path, (lambda md: expand(md, lang)) if expand else None)


# The headings and paragraphs of a section, paired in order: what the parallel page
# shows side by side and the sentence segments pair within.
@dataclass(frozen=True)
class Pair:
    number: int
    kind: str  # heading | paragraph
    nl: Block
    en: Block


def blocks(page: Page) -> list[Block]:
    """The headings and paragraphs of a section, in order (what is paired)."""
    return [b for b in page.blocks if b.kind in ("heading", "paragraph")]


def align(nl: Page, en: Page) -> tuple[list[Pair], list[tuple[int, Block | None, Block | None]]]:
    """Pair the blocks in order. Returns the pairs and the places where the two
    sections do not align: (pair number, Dutch block or None, English block or None)."""
    a, b = blocks(nl), blocks(en)
    pairs, problems = [], []
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else None
        y = b[i] if i < len(b) else None
        if x is None or y is None or x.kind != y.kind or (x.kind == "heading" and x.level != y.level):
            problems.append((i + 1, x, y))
            continue
        pairs.append(Pair(i + 1, x.kind, x, y))
    return pairs, problems
