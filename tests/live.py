"""The publication's live facts, read from the pages and the data as they are (so that an
honest change of the content changes what the tests expect, not the tests)."""

from __future__ import annotations

import re

import yaml

from publication import ROOT


def source_page(section: str = "daderaanpak.md") -> int:
    """The source page a section reproduces (its front matter's source_page)."""
    text = (ROOT / "docs" / "nl" / section).read_text(encoding="utf-8")
    return int(re.search(r"^source_page:\s*(\d+)\s*$", text, re.M)[1])


def footnote_numbers(section: str = "daderaanpak.md") -> list[int]:
    """The footnotes the section's source page prints, as data/references.yml lists them."""
    raw = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    return sorted(int(n) for n in raw["footnotes"][source_page(section)])
