"""The references: loaded from data/references.yml, rendered into both languages.

A Kamerstuk's URL on the official publication site and its parliamentary session are
derived from its dossier, number and date; nothing here is typed twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from publication import DATA

OFFICIAL_SITE = "https://zoek.officielebekendmakingen.nl"

# A Kamerstuk citation as printed: "Kamerstuk 28 741, nr. 106" (also the formal
# "Kamerstukken II 2022/23, 28 741, nr. 106" and the English "no.").
CITATION_RE = re.compile(
    r"(?:Parliamentary paper \(Kamerstuk\)|Kamerstuk(?:ken (?P<chamber>I{1,2}) (?P<session>\d{4}/\d{2}),)?)"
    r"\s+(?P<dossier>\d{1,3}(?: \d{3})*(?: [A-Z]+)?), (?:nr\.|no\.) (?P<number>[0-9A-Z]+)"
)
# The URL of a Kamerstuk on the official publication site.
KST_URL_RE = re.compile(r"^https://zoek\.officielebekendmakingen\.nl/kst-(?P<dossier>\d+(?:-[A-Z]+)?)-(?P<number>[0-9A-Z]+)\.html$")


class ReferenceError(ValueError):
    """The references data is wrong; `key` is the entry (or key) it is about."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


def format_dossier(dossier: str) -> str:
    """'28741' -> '28 741'; '36350-VI' -> '36 350 VI' (as printed in citations: the
    parliamentary papers' own convention, a space in either language, not a locale's
    digit grouping)."""
    digits, _, part = dossier.partition("-")
    grouped = f"{int(digits):,}".replace(",", " ")
    return f"{grouped} {part}" if part else grouped


def parse_dossier(printed: str) -> str:
    """'28 741' -> '28741'; '36 350 VI' -> '36350-VI'."""
    m = re.fullmatch(r"(?P<digits>\d{1,3}(?: \d{3})*)(?: (?P<part>[A-Z]+))?", printed.strip())
    if not m:
        raise ValueError(f"not a dossier number: {printed!r}")
    digits = m["digits"].replace(" ", "")
    return f"{digits}-{m['part']}" if m["part"] else digits


def kamerstuk_url(dossier: str, number: str) -> str:
    """The official publication page: kst-DOSSIER-NR.html (a part suffix is kept)."""
    return f"{OFFICIAL_SITE}/kst-{dossier}-{number}.html"


def session_of(date: dt.date) -> str:
    """The parliamentary year a date falls in; it starts on Prinsjesdag, the third
    Tuesday of September: 2023-07-07 -> '2022/23', 2023-10-18 -> '2023/24'."""
    first = dt.date(date.year, 9, 1)
    prinsjesdag = first + dt.timedelta(days=(1 - first.weekday()) % 7 + 14)
    start = date.year if date >= prinsjesdag else date.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def format_date(date: dt.date, lang: str) -> str:
    """'18 oktober 2023' / '18 October 2023': day, month name and year, with the month
    names of CLDR (Babel)."""
    from babel.dates import format_date as babel_date

    return babel_date(date, format="d MMMM y", locale=lang)


@dataclass(frozen=True)
class Link:
    url: str | None
    status: str
    label: dict = field(default_factory=dict)
    hreflang: str | None = None
    site: str | None = None


@dataclass(frozen=True)
class Reference:
    id: str
    kind: str
    date: dt.date
    links: tuple[Link, ...]
    chamber: str | None = None
    dossier: str | None = None
    number: str | None = None
    title: dict | None = None
    subject: dict | None = None
    dossier_title: dict | None = None
    sender: dict | None = None
    publisher: dict | None = None
    background: bool = False

    @property
    def url(self) -> str | None:
        """The page a footnote links to: the official publication for a Kamerstuk,
        the first confirmed link otherwise."""
        if self.kind == "kamerstuk":
            return kamerstuk_url(self.dossier, self.number)
        return next((l.url for l in self.links if l.url and l.status == "seen"), None)

    @property
    def hreflang(self) -> str | None:
        if self.kind == "kamerstuk":
            return None
        return next((l.hreflang for l in self.links if l.url and l.status == "seen"), None)

    def short_citation(self, lang: str) -> str:
        """As the source prints it: 'Kamerstuk 28 741, nr. 106' (the words per language in
        data/labels/)."""
        from publication.model.labels import labels

        return labels(lang)["citation"]["short"].format(dossier=format_dossier(self.dossier), number=self.number)

    def formal_citation(self) -> str:
        """Aanwijzingen voor de regelgeving 3.43: 'Kamerstukken II 2022/23, 28 741, nr. 106'.
        The formal citation is Dutch in both languages, as researchers cite it."""
        return f"Kamerstukken {self.chamber} {session_of(self.date)}, {format_dossier(self.dossier)}, nr. {self.number}"

    def heading(self, lang: str) -> str:
        if self.kind == "kamerstuk":
            return self.formal_citation()
        return f"{self.title[lang]} ({self.date.year})"

    def footnote_markdown(self, lang: str) -> str:
        """The footnote text in Markdown, with its link."""
        if self.kind == "kamerstuk":
            return f"[{self.short_citation(lang)}]({self.url})."
        title = self.title[lang]
        if self.url:
            attrs = f'{{: hreflang="{self.hreflang}" }}' if self.hreflang and self.hreflang != lang else ""
            title = f"[{title}]({self.url}){attrs}"
        return f"{title}, {self.publisher[lang]}, {self.date.year}."


def _text(entry: dict, key: str, ref_id: str, required: bool = False) -> dict | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise ReferenceError(f"{ref_id}: '{key}' is missing", ref_id)
        return None
    if not isinstance(value, dict) or set(value) != {"nl", "en"}:
        raise ReferenceError(f"{ref_id}: '{key}' needs exactly an nl and an en text", ref_id)
    return value


def parse_references(raw: dict) -> dict:
    """Turn the YAML of references into Reference objects, checking each entry."""
    refs = {}
    for ref_id, entry in (raw.get("references") or {}).items():
        kind = entry.get("kind")
        if kind not in ("kamerstuk", "report"):
            raise ReferenceError(f"{ref_id}: kind must be kamerstuk or report, not {kind!r}", ref_id)
        date = entry.get("date")
        if not isinstance(date, dt.date):
            raise ReferenceError(f"{ref_id}: date must be an ISO date, not {date!r}", ref_id)
        links = tuple(
            Link(url=l.get("url"), status=l.get("status", "unverified"), label=l.get("label") or {},
                 hreflang=l.get("hreflang"), site=l.get("site"))
            for l in entry.get("links") or []
        )
        fields = dict(id=ref_id, kind=kind, date=date, links=links, background=bool(entry.get("background")))
        if kind == "kamerstuk":
            dossier, number = str(entry.get("dossier", "")), str(entry.get("number", ""))
            if not re.fullmatch(r"\d+(-[A-Z]+)?", dossier) or not re.fullmatch(r"[0-9A-Z]+", number):
                raise ReferenceError(f"{ref_id}: a Kamerstuk needs a dossier and a number, found {dossier!r}, {number!r}", ref_id)
            if ref_id != f"kst-{dossier}-{number}":
                raise ReferenceError(f"{ref_id}: the id of a Kamerstuk is kst-DOSSIER-NR, expected kst-{dossier}-{number}", ref_id)
            fields.update(chamber=entry.get("chamber", "II"), dossier=dossier, number=number)
            if not (entry.get("title") or entry.get("subject")):
                raise ReferenceError(f"{ref_id}: a title or a subject is missing", ref_id)
        else:
            fields.update(title=_text(entry, "title", ref_id, True), publisher=_text(entry, "publisher", ref_id, True))
        for key in ("title", "subject", "dossier_title", "sender"):
            if key in entry and key not in fields:
                fields[key] = _text(entry, key, ref_id)
        refs[ref_id] = Reference(**fields)
    return refs


@dataclass(frozen=True)
class Bibliography:
    document: Reference
    references: dict
    footnotes: dict  # footnote number (int) -> Reference

    def cited_in(self, ref_id: str) -> list[int]:
        return [n for n, ref in self.footnotes.items() if ref.id == ref_id]


def load(path: Path | None = None) -> Bibliography:
    path = path or DATA / "references.yml"
    from publication.model import datafiles

    raw = datafiles.load(path, datafiles.SHAPES["references.yml"])
    refs = parse_references(raw)
    try:
        document = refs[raw["document"]]
        footnotes = {int(n): refs[ref_id] for n, ref_id in (raw.get("footnotes") or {}).items()}
    except KeyError as missing:
        raise ReferenceError(f"unknown reference id {missing}", "footnotes") from None
    return Bibliography(document=document, references=refs, footnotes=footnotes)


@lru_cache(maxsize=None)
def bibliography() -> Bibliography:
    return load()
