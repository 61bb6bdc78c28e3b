"""The references: loaded from data/references.yml, rendered into both languages.

A Kamerstuk's URL on the official publication site and its parliamentary session are
derived from its dossier, number and date; nothing here is typed twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from publication.model import datafiles
from publication.model.project import footnotes_by_page

OFFICIAL_SITE = "https://zoek.officielebekendmakingen.nl"

# A Kamerstuk citation as printed: "Kamerstuk 28 741, nr. 106" (also the formal
# "Kamerstukken II 2022/23, 28 741, nr. 106" and the English "no.").
# The pages write their spaces as no-break spaces (U+00A0, see `unbreakable`); `\s`
# matches both.
CITATION_RE = re.compile(
    r"(?:Parliamentary\s+paper\s+\(Kamerstuk\)|Kamerstuk(?:ken\s+(?P<chamber>I{1,2})\s+(?P<session>\d{4}/\d{2}),)?)"
    r"\s+(?P<dossier>\d{1,3}(?:\s\d{3})*(?:\s[A-Z]+)?),\s+(?:nr\.|no\.)\s+(?P<number>[0-9A-Z]+)"
)
NBSP = "\u00a0"
# Where a citation must not break: before a number (unless after a comma, where a line
# may break: "…2022/23, | 28 741, | nr. 106") and before a dossier's part ("36 350 VI").
_TIE_RE = re.compile(r"(?<!,) (?=\d)|(?<=\d) (?=[A-Z]+\b)")
# The URL of a Kamerstuk on the official publication site.
KST_URL_RE = re.compile(
    r"^https://zoek\.officielebekendmakingen\.nl/kst-(?P<dossier>\d+(?:-[A-Z]+)?)-(?P<number>[0-9A-Z]+)\.html$"
)


class ReferenceError(ValueError):
    """The references data is wrong; `key` is the entry (or key) it is about."""

    def __init__(self, message: str, key: str = "", line: int = 0):
        super().__init__(message)
        self.key = key
        self.line = line  # where in the file, when the key alone does not say (a history entry)


def unbreakable(citation: str) -> str:
    """A citation for reading: its spaces inside a dossier number, between "nr." and the
    number and between "Kamerstuk" and the dossier become no-break spaces, so that a line
    never breaks inside "28 741" or "nr. 106" (a heading, a box, a table of contents).
    'Kamerstuk 28 741, nr. 106' -> 'Kamerstuk\xa028\xa0741, nr.\xa0106'. Files for
    machines (BibTeX, RIS, metadata) keep plain spaces."""
    return _TIE_RE.sub(NBSP, citation)


# Outside a whole citation: "no. 257", "nr. 248" and a dossier number "28 638".
_NUMBER_TIE_RE = re.compile(r"(?<=\b(?:nr|no)\.) (?=\d)|(?<=\d) (?=\d{3}\b)")


def tie_citations(text: str) -> str:
    """Every Kamerstuk citation within `text` `unbreakable`, and every "nr. 248" or
    dossier number outside one tied too (the rest unchanged): for texts a page takes
    from data as prose (a note on differing sources) or after it was rendered (its table
    of contents, whose names Python-Markdown writes with plain spaces)."""
    return _NUMBER_TIE_RE.sub(NBSP, CITATION_RE.sub(lambda m: unbreakable(m.group(0)), text))


def format_dossier(dossier: str, nobreak: bool = False) -> str:
    """'28741' -> '28 741'; '36350-VI' -> '36 350 VI' (as printed in citations: the
    parliamentary papers' own convention, a space in either language, not a locale's
    digit grouping). `nobreak`: with no-break spaces, for a page."""
    digits, _, part = dossier.partition("-")
    grouped = f"{int(digits):,}".replace(",", " ")
    printed = f"{grouped} {part}" if part else grouped
    return unbreakable(printed) if nobreak else printed


def parse_dossier(printed: str) -> str:
    """'28 741' -> '28741'; '36 350 VI' -> '36350-VI'."""
    m = re.fullmatch(r"(?P<digits>\d{1,3}(?:\s\d{3})*)(?:\s(?P<part>[A-Z]+))?", printed.strip())
    if not m:
        raise ValueError(f"not a dossier number: {printed!r}")
    digits = re.sub(r"\s", "", m["digits"])
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
    # A Kamerstuk whose attachment (bijlage) is the cited work: the action plan came with
    # the letter nr. 233, and its page 32 is the plan's page, not the letter's.
    attachment: bool = False
    # How the source prints a Kamerstuk, per language ("Kamerstuk {dossier}, nr.
    # {number}"): the labels' `citation.short` of the project it was loaded from.
    short_forms: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def url(self) -> str | None:
        """The page a footnote links to: the official publication for a Kamerstuk,
        the first confirmed link otherwise."""
        if self.kind == "kamerstuk":
            return kamerstuk_url(self.dossier, self.number)
        return self.link.url if self.link else None

    @property
    def official(self) -> bool:
        """An official source (a paper, a report, a regulation), not a press report."""
        return self.kind != "press"

    @property
    def hreflang(self) -> str | None:
        return self.link.hreflang if self.link else None

    @property
    def link(self) -> Link | None:
        """The confirmed link a footnote follows (not a Kamerstuk's, built from its number)."""
        if self.kind == "kamerstuk":
            return None
        return next((link for link in self.links if link.url and link.status == "seen"), None)

    def short_citation(self, lang: str, nobreak: bool = False) -> str:
        """As the source prints it: 'Kamerstuk 28 741, nr. 106' (the words per language
        from the labels of the project the reference was loaded from, `short_forms`).
        `nobreak`: with no-break spaces, for a page (`unbreakable`)."""
        form = self.short_forms.get(lang) or self.short_forms.get("nl") or "Kamerstuk {dossier}, nr. {number}"
        text = form.format(dossier=format_dossier(self.dossier), number=self.number)
        return unbreakable(text) if nobreak else text

    def formal_citation(self, nobreak: bool = False) -> str:
        """Aanwijzingen voor de regelgeving 3.43: 'Kamerstukken II 2022/23, 28 741, nr. 106'.
        The formal citation is Dutch in both languages, as researchers cite it.
        `nobreak`: with no-break spaces, for a page."""
        text = f"Kamerstukken {self.chamber} {session_of(self.date)}, {format_dossier(self.dossier)}, nr. {self.number}"
        return unbreakable(text) if nobreak else text

    def heading(self, lang: str) -> str:
        """The heading of the reference's entry on a page (no-break spaces)."""
        if self.kind == "kamerstuk":
            return self.formal_citation(nobreak=True)
        return f"{self.title[lang]} ({self.date.year})"

    def footnote_markdown(self, lang: str) -> str:
        """The footnote text in Markdown, with its link (no-break spaces in the citation)."""
        if self.kind == "kamerstuk":
            return f"[{self.short_citation(lang, nobreak=True)}]({self.url})."
        title = self.title[lang]
        if self.url:
            attrs = f'{{: hreflang="{self.hreflang}" }}' if self.hreflang and self.hreflang != lang else ""
            title = f"[{title}]({self.url}){attrs}"
        return f"{title}, {self.publisher[lang]}, {self.date.year}."


def _text(entry: dict, key: str, ref_id: str, required: bool = False, line: int = 0) -> dict | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise ReferenceError(f"{ref_id}: '{key}' is missing", ref_id, line)
        return None
    if not isinstance(value, dict) or set(value) != {"nl", "en"}:
        raise ReferenceError(f"{ref_id}: '{key}' needs exactly an nl and an en text", ref_id, line)
    return value


# What a reference is: a parliamentary paper, a report (a research institute's, the
# National Rapporteur's), a regulation (a minister's, as the Staatscourant publishes it:
# `publisher` names where), or a press report (a news article: a follow-up's source when
# no official one was seen, always shown as a press report).
KINDS = ("kamerstuk", "report", "regulation", "press")


def parse_references(raw: dict, short_forms: dict | None = None) -> dict:
    """Turn the YAML of references into Reference objects, checking each entry
    (`short_forms`: how a Kamerstuk is cited per language, see Reference)."""
    refs = {}
    for ref_id, entry in (raw.get("references") or {}).items():
        kind = entry.get("kind")
        if kind not in KINDS:
            raise ReferenceError(f"{ref_id}: kind must be {', '.join(KINDS)}, not {kind!r}", ref_id)
        date = entry.get("date")
        if not isinstance(date, dt.date):
            raise ReferenceError(f"{ref_id}: date must be an ISO date, not {date!r}", ref_id)
        links = tuple(
            Link(
                url=link.get("url"),
                status=link.get("status", "unverified"),
                label=link.get("label") or {},
                hreflang=link.get("hreflang"),
                site=link.get("site"),
            )
            for link in entry.get("links") or []
        )
        fields = dict(
            id=ref_id,
            kind=kind,
            date=date,
            links=links,
            background=bool(entry.get("background")),
            attachment=bool(entry.get("attachment")),
            short_forms=dict(short_forms or {}),
        )
        if kind == "kamerstuk":
            dossier, number = str(entry.get("dossier", "")), str(entry.get("number", ""))
            if not re.fullmatch(r"\d+(-[A-Z]+)?", dossier) or not re.fullmatch(r"[0-9A-Z]+", number):
                raise ReferenceError(
                    f"{ref_id}: a Kamerstuk needs a dossier and a number, found {dossier!r}, {number!r}", ref_id
                )
            if ref_id != f"kst-{dossier}-{number}":
                raise ReferenceError(
                    f"{ref_id}: the id of a Kamerstuk is kst-DOSSIER-NR, expected kst-{dossier}-{number}", ref_id
                )
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


# How a later document relates to the plan (data/references.yml, `history:`).
RELATIONS = ("debated", "revision_asked", "strengthening", "strengthened", "progress")
# Whether the latest version changed the section, as far as the publication knows.
SECTION_STATES = ("unknown", "unchanged", "changed")


@dataclass(frozen=True)
class Disagreement:
    """Another source gives a document another number or date; the data follows the
    official record (the reference's own number and date)."""

    source: str  # the id of the reference that says otherwise
    field: str  # number | date
    says: str
    note: dict


@dataclass(frozen=True)
class HistoryEntry:
    ref: Reference
    relation: str
    event_date: dt.date | None = None  # when what it reports happened (a debate), if not its own date
    disagreements: tuple[Disagreement, ...] = ()
    line: int = 0  # its line in data/references.yml, for findings


@dataclass(frozen=True)
class History:
    """What happened to the plan after its date, oldest first as the data lists it."""

    entries: tuple[HistoryEntry, ...] = ()
    section: str = "unknown"
    work: dict | None = None  # the plan as a work, whatever its version (schema.org exampleOfWork)

    @property
    def later_version(self) -> HistoryEntry | None:
        """The newest version of the plan after the one reproduced (relation strengthened)."""
        versions = [e for e in self.entries if e.relation == "strengthened"]
        return max(versions, key=lambda e: e.ref.date) if versions else None

    @property
    def newest(self) -> HistoryEntry | None:
        return max(self.entries, key=lambda e: e.ref.date) if self.entries else None

    def newest_first(self) -> list[HistoryEntry]:
        return sorted(self.entries, key=lambda e: (e.ref.date, e.ref.number or ""), reverse=True)


def _entry_line(text: str | None, index: int) -> int:
    """The line of the index-th `- ref:` under `history:` in the YAML text (0 if unknown)."""
    if not text:
        return 0
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.startswith("history:")), None)
    if start is None:
        return 0
    seen = -1
    for n in range(start, len(lines)):
        if re.match(r"^\s*-\s*ref:", lines[n]):
            seen += 1
            if seen == index:
                return n + 1
    return 0


def parse_history(raw: dict, refs: dict, document: Reference | None = None, text: str | None = None) -> History:
    """The `history:` of the references data, each entry checked: its reference exists,
    is a Kamerstuk dated after the plan, its relation is known, its disagreements are
    complete. A wrong entry raises ReferenceError naming it."""
    data = raw.get("history")
    if data is None:
        return History()
    if not isinstance(data, dict):
        raise ReferenceError("history: expected a mapping with entries", "history")
    section = data.get("section", "unknown")
    if section not in SECTION_STATES:
        raise ReferenceError(f"history: section must be one of {', '.join(SECTION_STATES)}, not {section!r}", "section")
    work = _text(data, "work", "history") if "work" in data else None
    entries = []
    for index, item in enumerate(data.get("entries") or []):
        line = _entry_line(text, index)
        if not isinstance(item, dict):
            raise ReferenceError(
                f"history entry {index + 1}: expected ref and relation, found {item!r}", "history", line
            )
        ref_id = item.get("ref")
        name = f"history entry {index + 1} ({ref_id})"
        ref = refs.get(ref_id)
        if ref is None:
            raise ReferenceError(f"{name}: unknown reference id {ref_id!r}", "history", line)
        if ref.kind != "kamerstuk":
            raise ReferenceError(f"{name}: a later document of the dossier must be a Kamerstuk", ref_id, line)
        if document is not None and (ref.dossier != document.dossier or ref.date <= document.date):
            raise ReferenceError(
                f"{name}: expected a document of dossier {format_dossier(document.dossier)} "
                f"dated after {document.date.isoformat()}, found {format_dossier(ref.dossier)} "
                f"of {ref.date.isoformat()}",
                ref_id,
                line,
            )
        relation = item.get("relation")
        if relation not in RELATIONS:
            raise ReferenceError(
                f"{name}: relation must be one of {', '.join(RELATIONS)}, not {relation!r}", ref_id, line
            )
        event_date = item.get("event_date")
        if event_date is not None and (not isinstance(event_date, dt.date) or event_date > ref.date):
            raise ReferenceError(
                f"{name}: event_date must be an ISO date on or before the document's "
                f"({ref.date.isoformat()}), not {event_date!r}",
                ref_id,
                line,
            )
        disagreements = []
        for d in item.get("disagreements") or []:
            if (
                not isinstance(d, dict)
                or d.get("source") not in refs
                or d.get("field") not in ("number", "date")
                or d.get("says") in (None, "")
            ):
                raise ReferenceError(
                    f"{name}: a disagreement needs a known source, a field (number or date) "
                    f"and what the source says, found {d!r}",
                    ref_id,
                    line,
                )
            says = d["says"].isoformat() if isinstance(d["says"], dt.date) else str(d["says"])
            official = ref.number if d["field"] == "number" else ref.date.isoformat()
            if says == official:
                raise ReferenceError(
                    f"{name}: a disagreement must differ from the official {d['field']} {official}", ref_id, line
                )
            disagreements.append(
                Disagreement(source=d["source"], field=d["field"], says=says, note=_text(d, "note", ref_id, True, line))
            )
        entries.append(
            HistoryEntry(
                ref=ref, relation=relation, event_date=event_date, disagreements=tuple(disagreements), line=line
            )
        )
    seen: set[str] = set()
    for e in entries:
        if e.ref.id in seen:
            raise ReferenceError(f"history: {e.ref.id} is listed more than once", e.ref.id, e.line)
        seen.add(e.ref.id)
    return History(entries=tuple(entries), section=section, work=work)


@dataclass(frozen=True)
class Bibliography:
    document: Reference
    references: dict
    footnotes: dict  # footnote number (int) -> Reference, of every source page
    pages: dict = field(default_factory=dict)  # source page (int) -> {footnote number -> Reference}
    history: History = field(default_factory=History)

    def cited_in(self, ref_id: str) -> list[int]:
        return [n for n, ref in self.footnotes.items() if ref.id == ref_id]

    def footnotes_on(self, page: int) -> dict:
        """The footnotes source page `page` prints: number -> Reference."""
        return self.pages.get(page, {})

    def page_of(self, number: int) -> int | None:
        """The source page that prints footnote `number`."""
        return next((page for page, notes in self.pages.items() if number in notes), None)


def load(path: Path) -> Bibliography:
    """The references of data/references.yml at `path` (the short citation's words from
    the labels beside it, data/labels/)."""

    text = datafiles.read_text(path)
    raw = datafiles.load(path, datafiles.SHAPES["references.yml"])
    refs = parse_references(raw, short_forms(path.parent))
    try:
        document = refs[raw["document"]]
        pages = {
            page: {n: refs[ref_id] for n, ref_id in notes.items()}
            for page, notes in footnotes_by_page(raw.get("footnotes"), ReferenceError).items()
        }
    except KeyError as missing:
        raise ReferenceError(f"unknown reference id {missing}", "footnotes") from None
    footnotes = {n: ref for notes in pages.values() for n, ref in notes.items()}
    history = parse_history(raw, refs, document, text)
    return Bibliography(document=document, references=refs, footnotes=footnotes, pages=pages, history=history)


def short_forms(data: Path) -> dict:
    """Language -> how the labels of the data folder `data` cite a Kamerstuk briefly."""

    out = {}
    for path in sorted((data / "labels").glob("*.yml")):
        words = datafiles.load(path, datafiles.SHAPES["labels"])
        form = (words.get("citation") or {}).get("short") if isinstance(words.get("citation"), dict) else None
        if isinstance(form, str):
            out[path.stem] = form
    return out
