"""The publication's live facts, read from the pages and the data as they are (so that an
honest change of the content changes what the tests expect, not the tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from repo import PUB, ROOT

from publication.model import segments
from publication.model import source as source_mod
from publication.model.publication import Publication
from publication.render.placeholders import read_page


def apply_rewordings(page: Path, rewordings) -> int:
    """Each honest rewording (what, old, new) whose words still stand in `page` (one
    rewording of each place: a place reworded already is left); how many were applied."""
    applied = 0
    for _what, old, new in rewordings:
        text = page.read_text(encoding="utf-8")
        if old in text:
            page.write_text(text.replace(old, new, 1), encoding="utf-8")
            applied += 1
    return applied


def line_of(root: Path, rel: str, text: str) -> int:
    """The line of the file `rel` under `root` that holds `text` first."""
    for n, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), start=1):
        if text in line:
            return n
    raise AssertionError(f"{rel}: no line holds {text!r}")


def source_page(section: str = "daderaanpak.md") -> int:
    """The source page a section reproduces (its front matter's source_page)."""
    text = (ROOT / "docs" / "nl" / section).read_text(encoding="utf-8")
    return int(re.search(r"^source_page:\s*(\d+)\s*$", text, re.M)[1])


def footnote_numbers(section: str = "daderaanpak.md") -> list[int]:
    """The footnotes the section's source page prints, as data/references.yml lists them."""
    raw = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    return sorted(int(n) for n in raw["footnotes"][source_page(section)])


def correct_last_sentence(root, section: str = "daderaanpak.md") -> tuple[str, str]:
    """A correction as a reprint makes one, in a copy of the project at `root`: the word
    'ook' before the last word of the source page's last sentence, in the source text
    and in the Dutch page alike. Returns (the sentence, the corrected sentence)."""

    found = Publication(root).section(section)
    src = source_mod.parse(found.source.read_text(encoding="utf-8"))
    sentence = source_mod.sentences(src.paragraphs[-1].text, Publication(root))[-1]
    word = sentence.rstrip(".").split()[-1]
    corrected = sentence[: sentence.rindex(word)] + "ook " + sentence[sentence.rindex(word) :]
    # In the file as printed: the last line of the body that ends the sentence.
    lines = found.source.read_text(encoding="utf-8").splitlines(keepends=True)
    body_end = len(lines) - 2 * len(src.footnotes) - 1  # the footnotes and the footer follow the body
    n = max(i for i, line in enumerate(lines[:body_end]) if f"{word}." in line)
    lines[n] = lines[n].replace(f"{word}.", f"ook {word}.", 1)
    found.source.write_text("".join(lines), encoding="utf-8")
    page = root / "docs" / "nl" / section
    text = page.read_text(encoding="utf-8")
    assert text.count(sentence) == 1, sentence
    page.write_text(text.replace(sentence, corrected), encoding="utf-8")
    assert (
        source_mod.sentences(
            source_mod.parse(found.source.read_text(encoding="utf-8")).paragraphs[-1].text, Publication(root)
        )[-1]
        == corrected
    )
    return sentence, corrected


def last_sentence(section: str = "daderaanpak.md"):
    """The segment of the section's last Dutch sentence (its id, its lines)."""

    nl = read_page(ROOT / "docs" / "nl" / section, "nl", PUB)
    en = read_page(ROOT / "docs" / "en" / section, "en", PUB)
    return [s for s in segments.load_pairing(section, nl, en, PUB).segments if s.kind == "sentence"][-1]


@dataclass(frozen=True)
class SectionLines:
    """Where a section page's blocks stand (1-based lines of the file), read from the
    page: an expected finding names the line of its block, so that an honest edit above
    it (a box added or taken out) does not change the tests."""

    headings: tuple[int, ...]
    paragraphs: tuple[int, ...]
    notes: dict[int, int]


def section_lines(path) -> SectionLines:
    from publication.model import pages

    page = pages.read(path)
    return SectionLines(
        tuple(b.line for b in page.of("heading")),
        tuple(b.line for b in page.of("paragraph")),
        {int(n): b.line for n, b in page.footnotes.items() if n.isdigit()},
    )
