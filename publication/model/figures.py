"""The figures of the section (data/figures.yml): each number once, with its meaning.

`english(fig)` writes a figure the English way from its value, `dutch_value` parses the
printed Dutch form back and `figure_key` gives what a figure means, all through the one
quantity parser (publication/model/quantities.py) that the checks use on the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from publication.model import datafiles
from publication.model.quantities import _norm, find, parse_one, relation_of

WORDS = {
    "nl": {
        1: "een",
        2: "twee",
        3: "drie",
        4: "vier",
        5: "vijf",
        6: "zes",
        7: "zeven",
        8: "acht",
        9: "negen",
        10: "tien",
    },
    "en": {
        1: "one",
        2: "two",
        3: "three",
        4: "four",
        5: "five",
        6: "six",
        7: "seven",
        8: "eight",
        9: "nine",
        10: "ten",
    },
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
    qualifier: dict | None = None
    page: int | None = None  # the source page that prints it

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


def quantity(kind: str, value, relation: str | None = None) -> tuple:
    """The meaning of a figure of `kind` and `value`, as quantities.Quantity.key."""

    if kind == "amount_million_eur":
        return ("number", _norm(Decimal(value) * 10**6), "EUR", relation)
    if kind in ("count", "year"):
        return ("number", _norm(Decimal(value)), None, None if kind == "year" else relation)
    if kind == "percent":
        return ("number", _norm(Decimal(value)), "%", relation)
    if kind == "year_range":
        return ("range", (_norm(Decimal(value[0])), _norm(Decimal(value[1]))), None, None)
    if kind == "fraction":
        return ("fraction", (int(value[0]), int(value[1])), None, relation)
    raise FigureError(f"unknown kind {kind!r}")


def dutch_value(kind: str, printed: str, pub=None):
    """Parse the Dutch printed form back to its value in the terms of `kind` (None if
    it is not one quantity of that kind), with the one quantity parser."""

    q = parse_one(printed, "nl", pub)
    if q is None:
        return None
    for_kind = {
        "amount_million_eur": lambda: q.unit == "EUR" and q.kind == "number" and q.value / 10**6,
        "count": lambda: q.unit is None and q.kind == "number" and q.value,
        "year": lambda: q.unit is None and q.kind == "number" and q.value,
        "percent": lambda: q.unit == "%" and q.kind == "number" and q.value,
        "year_range": lambda: q.kind == "range" and q.unit is None and [int(v) for v in q.value],
        "fraction": lambda: q.kind == "fraction" and list(q.value),
    }[kind]()
    if for_kind is False or for_kind is None:
        return None
    if not isinstance(for_kind, list):
        return int(for_kind) if for_kind == int(for_kind) else float(for_kind)
    return for_kind


def find_numbers(text: str, lang: str, pub=None) -> list[str]:
    """Every number in `text`, as written, in order."""

    return [q.text for q in find(text, lang, pub)]


def figure_key(fig: Figure, pub=None) -> tuple:
    """What a figure of the data means, with the relation its qualifier states."""

    qualifier = (getattr(fig, "qualifier", None) or {}).get("nl")
    return quantity(fig.kind, fig.value, relation_of(qualifier, "nl", pub) if qualifier else None)


@dataclass(frozen=True)
class FigureSet:
    figures: dict  # id -> Figure
    relations: list

    def on_page(self, page: int) -> dict:
        """The figures source page `page` prints: id -> Figure."""
        return {fid: f for fid, f in self.figures.items() if f.page == page}


def parse(raw: dict, where: str = "data/figures.yml") -> FigureSet:
    figures = {}
    for fid, entry in (raw.get("figures") or {}).items():
        kind = entry.get("kind")
        if kind not in KINDS:
            raise FigureError(f"{where}: {fid}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
        for key in ("value", "nl", "meaning"):
            if key not in entry:
                raise FigureError(f"{where}: {fid}: '{key}' is missing")
        page = entry.get("page")
        if page is not None and (isinstance(page, bool) or not isinstance(page, int)):
            raise FigureError(f"{where}: {fid}: 'page' must be the source page's number, not {page!r}")
        figures[fid] = Figure(
            id=fid,
            kind=kind,
            value=entry["value"],
            nl=str(entry["nl"]),
            meaning=entry["meaning"],
            qualifier=entry.get("qualifier"),
            page=page,
        )
    return FigureSet(figures=figures, relations=list(raw.get("relations") or []))


def load(path: Path) -> FigureSet:

    return parse(datafiles.load(path, datafiles.SHAPES["figures.yml"]), path.name)
