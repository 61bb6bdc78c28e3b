"""Read the extracted text of a source page as source/NOTES.md describes it (which file
holds which page: `model/project.py`, SOURCE_RULE).

- A footnote number in superscript stands on a line of its own before the line that
  carries it; in the body such lines are dropped (the Markdown places the calls).
  Where a call goes (the footnote-placement rule): the printed line after the number
  holds the call somewhere; the call belongs to the sentence that holds most of that
  line's words (the longest piece of the line between sentence ends, less its first
  and last word, which may be halves of hyphenated words). The checks hold the Dutch
  page to this rule (checks/translation.py, `check_calls`); README, "Recipe: a new
  section", says it for people.
- The lines after the body, each after its number, are the footnote texts.
- "Samen tegen mensenhandel 32" is the running footer (its number is the page's).
- A hyphen at a line end inside a word is a line-break hyphen: "ondermij-" + "nende"
  is "ondermijnende". Everything else stays as printed.
- Headings are the short lines without a full stop: Daderaanpak, Preventie, ...
- A paragraph ends at a line that ends a sentence and is clearly shorter than the
  measure (the printed page's short last lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from publication.model.segments import split_text

FOOTER_RE = re.compile(r"^Samen tegen mensenhandel \d+$")
NUMBER_LINE_RE = re.compile(r"^\d{1,3}$")
SHORT_LINE = 70  # characters: a line shorter than this that ends a sentence ends a paragraph
SENTENCE_END = (".", "?", "!", ":")


@dataclass
class Block:
    kind: str  # "heading" or "paragraph"
    text: str
    line: int  # first line in the source file (1-based)


@dataclass
class SourcePage:
    blocks: list[Block] = field(default_factory=list)
    footnotes: dict[int, str] = field(default_factory=dict)
    page: int | None = None
    # Footnote number -> the printed line that carries its call (the line after the
    # number's own line): where the source puts the call; and that line's number.
    call_lines: dict[int, str] = field(default_factory=dict)
    call_line_numbers: dict[int, int] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "paragraph"]


def join_lines(lines: list[str]) -> str:
    """Join printed lines, joining line-break hyphens inside words."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif re.search(r"[a-zà-ÿ]-$", out) and re.match(r"[a-zà-ÿ]", line):
            out = out[:-1] + line
        else:
            out = f"{out} {line}"
    return out


def parse(text: str) -> SourcePage:
    lines = text.splitlines()
    page = SourcePage()
    # The footer and the footnote block come last: walk back from the end.
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    if end and FOOTER_RE.match(lines[end - 1].strip()):
        page.page = int(lines[end - 1].split()[-1])
        end -= 1
    notes_start = end
    while (
        notes_start >= 2
        and NUMBER_LINE_RE.match(lines[notes_start - 2].strip())
        and lines[notes_start - 1].startswith(" ")
    ):
        notes_start -= 2
    for i in range(notes_start, end, 2):
        page.footnotes[int(lines[i].strip())] = lines[i + 1].strip()

    current: list[str] = []
    first = 0

    def flush():
        nonlocal current
        if current:
            page.blocks.append(Block("paragraph", join_lines(current), first))
            current = []

    for n, raw in enumerate(lines[:notes_start], start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            continue
        if NUMBER_LINE_RE.match(stripped):
            at = next((i for i in range(n, notes_start) if lines[i].strip()), None)
            page.call_lines[int(stripped)] = lines[at].strip() if at is not None else ""
            page.call_line_numbers[int(stripped)] = at + 1 if at is not None else n
            continue
        is_heading = not current and len(stripped) < 40 and not stripped.endswith(SENTENCE_END)
        if is_heading:
            page.blocks.append(Block("heading", stripped, n))
            continue
        if not current:
            first = n
        current.append(stripped)
        if stripped.endswith(SENTENCE_END) and len(stripped) < SHORT_LINE:
            flush()
    flush()
    return page


def load(path: Path) -> SourcePage:
    """A source page read from its file."""
    return parse(path.read_text(encoding="utf-8"))


def sentences(text: str, pub) -> list[str]:
    """Split a paragraph into sentences with the one splitter the sentence pairs use
    (sentence-splitter with the publication's non-breaking prefixes)."""

    return split_text(text.strip(), "nl", pub)
