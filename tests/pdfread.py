"""A PDF read back as a reader meets it: its pages' lines of text, each with where it
stands, its size and its fonts (pypdf's text runs, grouped by baseline and column).

    lines(page, columns=1)   the page's lines, top to bottom (left column first)
    main_lines(page)         its lines of text without the running header, the page
                             number and the notes at its foot
    chapter_starts(reader)   the pages where the outline's chapters begin
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from pypdf import PdfReader


@dataclass
class Line:
    page: int  # 0-based
    column: int
    y: float  # the baseline, from the top of the page
    x: float  # where its first run starts
    size: float  # the size most of its characters are set in
    text: str
    fonts: set[str] = field(default_factory=set)  # BaseFont names, without the subset tag
    sizes: list[float] = field(default_factory=list)  # each run's size, in order

    @property
    def bold(self) -> bool:
        """Every run of the line is set in a bold face."""
        return bool(self.fonts) and all("Bold" in f for f in self.fonts)


@dataclass
class Run:
    text: str
    size: float
    y: float
    x: float
    font: str


def runs(page) -> list[Run]:
    """The page's text runs, in points: x from the left edge, y (the baseline) from the top."""
    out = []
    height = float(page.mediabox.height)

    def visit(text, cm, tm, font, size):
        if not text:
            return
        scale = abs(tm[0] * (cm[0] or 1))
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        name = str((font or {}).get("/BaseFont", "")).lstrip("/").split("+", 1)[-1]
        out.append(Run(text, round(abs(size) * scale, 1), round(height - y, 1), round(x, 1), name))

    page.extract_text(visitor_text=visit)
    return out


def lines(page, columns: int = 1, index: int = 0) -> list[Line]:
    """The page's lines: runs on one baseline (within 1 pt) joined in the order of x; with
    `columns` = 2, the left and right half of the page apart."""
    width = float(page.mediabox.width)
    rows: dict[tuple[int, float], list[Run]] = defaultdict(list)
    for run in runs(page):
        column = min(int(run.x / (width / columns)), columns - 1) if columns > 1 else 0
        key = next((k for k in rows if k[0] == column and abs(k[1] - run.y) <= 1.0), (column, run.y))
        rows[key].append(run)
    out = []
    for (column, y), items in sorted(rows.items()):
        items.sort(key=lambda r: r.x)
        text = "".join(r.text for r in items).replace("\n", " ").strip()
        inked = [r for r in items if r.text.strip()]
        if not inked:
            continue
        weights = defaultdict(int)
        for r in inked:
            weights[r.size] += len(r.text.strip())
        size = max(weights, key=weights.get)
        out.append(Line(index, column, y, inked[0].x, size, text, {r.font for r in inked}, [r.size for r in inked]))
    return out


PAGE_NUMBER = re.compile(r"\d+")


def main_lines(page, header: str | None, columns: int = 1, index: int = 0) -> list[Line]:
    """The page's lines without the running header (`header`), the page number and the
    notes at its foot (set smaller than anything else on the page, under a rule)."""
    found = lines(page, columns, index)
    found = [ln for ln in found if not (header and ln.text == header)]
    lowest = max((ln.y for ln in found), default=0)
    found = [ln for ln in found if not (ln.y == lowest and PAGE_NUMBER.fullmatch(ln.text))]
    notes = note_lines(found)
    return [ln for ln in found if ln not in notes]


NOTE_SIZE = 8.6  # the notes at a page's foot: 8.5 pt (pdf.css .fn)


def note_lines(found: list[Line]) -> list[Line]:
    """The lines of the notes at the foot of the page: from the first line that starts with
    a note's number (35.) in the notes' size, to the end."""
    for i, ln in enumerate(found):
        if ln.size <= NOTE_SIZE and re.match(r"\d+\.\xa0", ln.text) and ln.column == 0:
            if all(other.size <= NOTE_SIZE + 0.5 for other in found[i:]):
                return found[i:]
    return []


def chapter_starts(reader: PdfReader) -> list[int]:
    """The 0-based pages where the outline's top-level entries (the title page and each
    chapter) begin."""
    return sorted({reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)})


def median(values):
    return statistics.median(values) if values else 0
