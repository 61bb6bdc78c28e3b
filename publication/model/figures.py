"""The figures of the section (data/figures.yml): each number once, with its meaning.

`english(fig)` writes a figure the English way from its value, `dutch(fig)` parses the
printed Dutch form back; `find_numbers(text, lang)` lists every number a text contains,
in that language's notation, so the checks can compare the two languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from publication import DATA

WORDS = {
    "nl": {1: "een", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien"},
    "en": {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"},
}
KINDS = ("amount_million_eur", "count", "percent", "year", "year_range", "fraction")


class FigureError(ValueError):
    pass


@dataclass(frozen=True)
class Figure:
    id: str
    kind: str
    value: object
    nl: str
    meaning: dict

    @property
    def en(self) -> str:
        return english(self.kind, self.value)


def _group(n: int, lang: str = "en") -> str:
    """Digit grouping of the language (CLDR, through Babel): 3,925 / 3.925."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=lang)


def percent(value, lang: str = "en") -> str:
    """A percentage written the language's way (CLDR): 76%."""
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=lang)


def english(kind: str, value) -> str:
    """The English way: 3925 -> 3,925; 143 (million euro) -> €143 million; ..."""
    if kind == "amount_million_eur":
        return f"€{_group(value)} million"
    if kind == "count":
        return _group(value)
    if kind == "percent":
        return percent(value)
    if kind == "year":
        return str(value)
    if kind == "year_range":
        return f"{value[0]}–{value[1]}"
    if kind == "fraction":
        return f"{WORDS['en'][value[0]]} out of {WORDS['en'][value[1]]}"
    raise FigureError(f"unknown kind {kind!r}")


def dutch_value(kind: str, printed: str):
    """Parse the Dutch printed form back to its value (None if it does not parse)."""
    printed = printed.strip()
    patterns = {
        "amount_million_eur": (r"€\s?(\d{1,3}(?:\.\d{3})*) miljoen", lambda m: int(m[1].replace(".", ""))),
        "count": (r"(\d{1,3}(?:\.\d{3})*|\d+)", lambda m: int(m[1].replace(".", ""))),
        "percent": (r"(\d+)\s?%", lambda m: int(m[1])),
        "year": (r"(\d{4})", lambda m: int(m[1])),
        "year_range": (r"(\d{4})\s?[-–]\s?(\d{4})", lambda m: [int(m[1]), int(m[2])]),
        "fraction": (r"(\w+) op de (\w+)", lambda m: _words_fraction(m[1], m[2], "nl")),
    }
    pattern, convert = patterns[kind]
    m = re.fullmatch(pattern, printed)
    return convert(m) if m else None


def _words_fraction(a: str, b: str, lang: str):
    rev = {w: n for n, w in WORDS[lang].items()}
    if a in rev and b in rev:
        return [rev[a], rev[b]]
    return None


# Numbers as each language writes them, most specific first. Each match is one figure.
NUMBER_PATTERNS = {
    "nl": [
        r"€\s?\d{1,3}(?:\.\d{3})* miljoen",
        r"\b\d{4}\s?[-–]\s?\d{4}\b",
        r"\b\d+\s?%",
        r"\b(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien) op de (?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien)\b",
        r"\b\d{1,3}(?:\.\d{3})+\b",
        r"\b\d+(?:,\d+)?\b",
    ],
    "en": [
        r"€\s?\d{1,3}(?:,\d{3})* million",
        r"\b\d{4}\s?[-–]\s?\d{4}\b",
        r"\b\d+\s?%",
        r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten) out of (?:one|two|three|four|five|six|seven|eight|nine|ten)\b",
        r"\b\d{1,3}(?:,\d{3})+\b",
        r"\b\d+(?:\.\d+)?\b",
    ],
}
NUMBER_RE = {lang: re.compile("|".join(f"(?:{p})" for p in pats)) for lang, pats in NUMBER_PATTERNS.items()}


def find_numbers(text: str, lang: str) -> list[str]:
    """Every number in `text`, as written, in order."""
    return [m.group(0) for m in NUMBER_RE[lang].finditer(text)]


@dataclass(frozen=True)
class FigureSet:
    figures: dict  # id -> Figure
    relations: list


def parse(raw: dict, where: str = "data/figures.yml") -> FigureSet:
    figures = {}
    for fid, entry in (raw.get("figures") or {}).items():
        kind = entry.get("kind")
        if kind not in KINDS:
            raise FigureError(f"{where}: {fid}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        for key in ("value", "nl", "meaning"):
            if key not in entry:
                raise FigureError(f"{where}: {fid}: '{key}' is missing")
        figures[fid] = Figure(id=fid, kind=kind, value=entry["value"], nl=str(entry["nl"]),
                              meaning=entry["meaning"])
    return FigureSet(figures=figures, relations=list(raw.get("relations") or []))


def load(path: Path | None = None) -> FigureSet:
    path = path or DATA / "figures.yml"
    from publication.model import datafiles

    return parse(datafiles.load(path, datafiles.SHAPES["figures.yml"]), path.name)


@lru_cache(maxsize=None)
def figure_set() -> FigureSet:
    return load()
