"""What became of it (issue 26): the forward-looking sentences of every section and their
follow-ups (data/follow-ups.yml), checked.

A sentence looks forward when its source-language text (the Dutch, which is
authoritative) has a word of the meaning concepts that `outlook` of
data/translation-qa.yml names (modality's will and consider, the prospect class:
expected, currently, recurring), or names a time after its paper's date: a year, a
season or a month of a year, or a period that runs on past that date (the quantity
parser reads the years and ranges, the seasons come with their months from the data,
the months' names from CLDR). Its follow-up is due when the latest such time has
ended; without a date, `undated_due_months` after its paper.

Findings:

- a forward-looking sentence whose due date lies before the edition's, and no follow-up
  answers it: at the sentence (file and line of the Dutch page), naming the sentence,
  its words and its date;
- a follow-up of a section or sentence that does not exist; of a sentence that does not
  look forward marked `not-forward` (a record that silences nothing);
- a follow-up dated before its paper, or after the edition; recorded after the edition,
  or before what it reports;
- a source or searched document that is not in data/references.yml; a certainty that
  its sources contradict (official with press reports only, press with an official
  source);
- the two languages of a follow-up that state different figures.

The site's and the outputs' checks (`check_site`, `check_outputs`) find every follow-up
where it belongs: beside its sentence on both section pages, on the side-by-side page,
on the timeline page, in both PDFs and EPUBs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from publication import DEFAULT_LANGUAGE
from publication.checks.translation import meaning_words, plain_quotes
from publication.model import quantities
from publication.model.downloads import epub_name, pdf_name
from publication.model.findings import Finding
from publication.model.followups import FILE, FollowUp
from publication.model.references import format_date

CHECK = "follow-ups"
YEARS = (1900, 2100)  # a number read as a year
NEAR = 2  # words between a season's or month's name and its year ("najaar van 2023")


@dataclass(frozen=True)
class Time:
    """A time a sentence names: its words and the days it spans."""

    text: str
    start: dt.date
    end: dt.date
    kind: str  # year | season | month | period


@dataclass(frozen=True)
class Outlook:
    """Why a sentence looks forward, and when its follow-up is due."""

    words: tuple[str, ...]  # the forward-looking words as written
    times: tuple[Time, ...]  # the times it names that end on or after its paper's date
    due: dt.date
    dated: bool  # due by a time it names (else: `undated_due_months` after its paper)


def _year_of(q: quantities.Quantity) -> int | None:
    if q.kind != "number" or q.unit is not None or q.value != q.value.to_integral_value():
        return None
    year = int(q.value)
    return year if YEARS[0] <= year <= YEARS[1] and re.fullmatch(r"\d{4}", q.text) else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@cache
def _month_names(lang: str) -> dict[str, int]:
    from babel.dates import get_month_names

    return {name: n for n, name in get_month_names("wide", locale=lang).items()}


def _named_periods(pub, lang: str) -> list[tuple[str, str, tuple[int, ...]]]:
    """(kind, word, months) of every season (data/translation-qa.yml) and month (CLDR)."""
    out = []
    for season in (pub.qa.get("seasons") or {}).values():
        months = tuple(int(m) for m in season.get("months") or ())
        if months:
            out += [("season", word, months) for word in season.get(lang) or []]
    out += [("month", name, (n,)) for name, n in _month_names(lang).items()]
    return out


def times_in(text: str, lang: str, pub) -> list[Time]:
    """Every time `text` names: a year, a range of years, a season or month of a year."""
    found = quantities.find(text, lang, pub)
    years = {id(q): _year_of(q) for q in found}
    out: list[Time] = []
    used: set[int] = set()
    for kind, word, months in _named_periods(pub, lang):
        # A month's name as CLDR writes it (English "May" is the month, "may" a modal).
        flags = re.IGNORECASE if kind == "season" or word[:1].islower() else 0
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags):
            after = [q for q in found if years[id(q)] and q.start >= m.end()]
            if not after:
                continue
            q = after[0]
            if len(text[m.end() : q.start].split()) > NEAR:
                continue
            year = years[id(q)]
            first, last = months[0], months[-1]
            end_year = year + 1 if last < first else year
            out.append(Time(text[m.start() : q.end], dt.date(year, first, 1), _month_end(end_year, last), kind))
            used.add(id(q))
    for q in found:
        if id(q) in used:
            continue
        if years[id(q)]:
            out.append(Time(q.text, dt.date(years[id(q)], 1, 1), dt.date(years[id(q)], 12, 31), "year"))
        elif q.kind == "range" and q.unit is None:
            a, b = q.value
            if all(v == v.to_integral_value() and YEARS[0] <= v <= YEARS[1] for v in (a, b)):
                out.append(Time(q.text, dt.date(int(a), 1, 1), dt.date(int(b), 12, 31), "period"))
    return out


def _add_months(date: dt.date, months: int) -> dt.date:
    month = date.month - 1 + months
    year, month = date.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def settings(pub) -> tuple[set[tuple[str, str]], int]:
    """The forward-looking meaning concepts (class, concept) and the months after which
    an undated one is due (data/translation-qa.yml, `outlook`)."""
    raw = pub.qa.get("outlook") or {}
    concepts = {tuple(c.split(".", 1)) for c in raw.get("concepts") or [] if "." in c}
    return concepts, int(raw.get("undated_due_months", 12))


def outlook(text: str, lang: str, paper: dt.date, pub) -> Outlook | None:
    """Why the sentence `text` of a paper dated `paper` looks forward, or None."""
    concepts, grace = settings(pub)
    found = meaning_words(text, lang, pub)
    words = tuple(
        dict.fromkeys(
            written
            for cls, by_concept in found.items()
            for concept, occ in by_concept.items()
            if (cls, concept) in concepts
            for _, written, _ in occ
        )
    )
    times = times_in(plain_quotes(text), lang, pub)
    later = tuple(t for t in times if t.end >= paper)
    running_on = [t for t in later if t.end > paper and (t.start > paper or t.kind == "period")]
    if not words and not running_on:
        return None
    if later:
        return Outlook(words, later, max(t.end for t in later), True)
    return Outlook(words, (), _add_months(paper, grace), False)


def describe(sentence: str, look: Outlook, lang: str = "en") -> str:
    """'s-21 looks forward ('verwacht') to «najaar van 2023», due by 30 November 2023'."""
    words = ", ".join(f"'{w}'" for w in look.words)
    how = f" ({words})" if words else ""
    if look.dated:
        when = " and ".join(f"«{t.text}»" for t in look.times)
        return f"{sentence} looks forward{how} to {when}, due by {format_date(look.due, lang)}"
    return f"{sentence} looks forward{how} without a date, due by {format_date(look.due, lang)}"


# --- the sources stage ----------------------------------------------------------------------


def forward_sentences(segments, pub) -> list[tuple[object, Outlook]]:
    """(segment, outlook) of each forward-looking sentence of a section's sentence pairs
    (`segments`: its pairing's segments)."""
    paper = pub.bib.document.date
    lang = DEFAULT_LANGUAGE
    out = []
    for seg in segments:
        if seg.kind != "sentence" or not getattr(seg, lang):
            continue
        look = outlook(seg.text(lang), lang, paper, pub)
        if look is not None:
            out.append((seg, look))
    return out


def _name(section: str) -> str:
    return Path(section).with_suffix("").as_posix().replace("/", "-")


def check_overdue(contexts: list, pub, edition: dt.date | None = None) -> list[Finding]:
    """Each forward-looking sentence due before the edition (by default the
    publication's) has a follow-up."""
    edition = edition or pub.edition_date
    followups = pub.followups
    findings = []
    for ctx in contexts:
        name = _name(ctx.section)
        for seg, look in forward_sentences(ctx.pairing.segments, pub):
            if look.due >= edition or followups.covering(name, seg.id) is not None:
                continue
            findings.append(
                Finding(
                    ctx.rel(DEFAULT_LANGUAGE),
                    seg.line(DEFAULT_LANGUAGE),
                    f"a follow-up of {seg.id} in data/{FILE}: {describe(seg.id, look)}; the edition is dated "
                    f"{format_date(edition, 'en')}; record what happened",
                    "none",
                    CHECK,
                )
            )
    return findings


def _numbers(text: str, lang: str, pub) -> Counter:
    return Counter(q.key for q in quantities.find(text, lang, pub))


def check_records(contexts: list, pub, edition: dt.date | None = None) -> list[Finding]:
    """Each follow-up's section, sentences, dates (against the edition, by default the
    publication's), sources, certainty and figures."""
    followups = pub.followups
    if followups.path is None or not followups.path.is_file():
        return []
    file = pub.rel(followups.path)
    bib = pub.bib
    paper, edition = bib.document.date, edition or pub.edition_date
    sections = {_name(ctx.section): ctx for ctx in contexts}
    known = {s.name for s in pub.sections()}
    findings = []

    def finding(f: FollowUp, expected: str, found: str) -> None:
        findings.append(Finding(file, f.line, expected, found, CHECK))

    for f in followups:
        where = f"{f.section} {f.sentence}"
        if f.section not in known:
            finding(f, f"a section's name ({', '.join(sorted(known)) or 'none'})", f.section)
            continue
        ctx = sections.get(f.section)
        if ctx is not None:
            sentences = {seg.id: seg for seg in ctx.pairing.segments if seg.kind == "sentence"}
            for sid in f.sentences:
                if sid not in sentences:
                    finding(f, f"a sentence of {f.section} ({where})", f"{sid}, which it does not have")
            if f.status == "not-forward" and f.sentence in sentences:
                seg = sentences[f.sentence]
                if outlook(seg.text(DEFAULT_LANGUAGE), DEFAULT_LANGUAGE, paper, pub) is None:
                    finding(f, f"not-forward only for a sentence that reads as forward-looking ({where})", "none")
        if f.date < paper:
            finding(
                f,
                f"a date on or after its paper's ({format_date(paper, 'en')}) for {where}",
                format_date(f.date, "en"),
            )
        if f.date > edition:
            finding(
                f,
                f"a date on or before the edition ({format_date(edition, 'en')}) for {where}",
                format_date(f.date, "en"),
            )
        if f.recorded > edition:
            finding(
                f,
                f"recorded on or before the edition ({format_date(edition, 'en')}) for {where}",
                format_date(f.recorded, "en"),
            )
        if f.recorded < f.date:
            finding(
                f,
                f"recorded on or after its date ({format_date(f.date, 'en')}) for {where}",
                format_date(f.recorded, "en"),
            )
        for ref_id in (*f.sources, *f.searched):
            if ref_id not in bib.references:
                finding(f, f"a source of data/references.yml for {where}", f"'{ref_id}', which it does not have")
        refs = [bib.references[r] for r in f.sources if r in bib.references]
        official = [r.id for r in refs if r.official]
        if f.certainty == "official" and refs and not official:
            finding(f, f"an official source for a follow-up confirmed officially ({where})", "press reports only")
        if f.certainty == "press" and official:
            finding(f, f"certainty official, as {', '.join(official)} is an official source ({where})", "press")
        if f.verdict == "partly" and not f.in_part(bib):
            finding(
                f,
                f"an official source later than the plan among the sources of a follow-up answered in part ({where})",
                ", ".join(f.sources) or "none",
            )
        numbers = {lang: _numbers(text, lang, pub) for lang, text in f.text.items()}
        if len({frozenset(c.items()) for c in numbers.values()}) > 1:
            shown = "; ".join(
                f"{lang}: {', '.join(sorted(str(k[1]) for k in c.elements())) or 'none'}" for lang, c in numbers.items()
            )
            finding(f, f"the same figures in every language of {where}", shown)
    return findings


def run(contexts: list, pub, edition: dt.date | None = None) -> list[Finding]:
    """The sources checks of the follow-ups (`contexts`: each section's sentence pairs)."""
    return check_overdue(contexts, pub, edition) + check_records(contexts, pub, edition)


# --- the built site ----------------------------------------------------------------------------


def _site_path(lang: str, stem: str) -> str:
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return f"{prefix}{stem}/index.html"


def _note(page, ident: str) -> dict | None:
    return next((n for n in page.followups if n["id"] == ident), None)


def check_site(pages: dict, pub, timeline: str = "history", parallel: str = "parallel") -> list[Finding]:
    """Every follow-up a reader sees, where its sentence is, in every language: on the
    section page its note (`data-followup`, dated with the day it was recorded, linking
    to its sentence) and a marker right after each sentence it answers, linking to the
    note; on the side-by-side page its note in both columns; on the timeline page its
    entry, linking to its sentence on the section page. `pages`: site path ->
    site_html.HtmlPage (a page the site lacks is the links check's)."""
    findings = []

    def missing(path: str, line: int, expected: str, found: str = "none") -> None:
        findings.append(Finding(f"site/{path}", line, expected, found, CHECK))

    stems = {s.name: s.page.removesuffix(".md") for s in pub.sections()}
    for lang in pub.languages:
        for f in pub.followups.shown():
            recorded = format_date(f.recorded, lang)
            path = _site_path(lang, stems.get(f.section, f.section))
            page = pages.get(path)
            if page is not None:
                note = _note(page, f.anchor)
                if note is None:
                    missing(path, 0, f'the follow-up of {f.sentence} (id="{f.anchor}") after its paragraph')
                elif recorded not in note["text"] or f"#{f.sentence}" not in note["hrefs"]:
                    missing(
                        path,
                        note["line"],
                        f"the follow-up of {f.sentence} dated {recorded}, linking to #{f.sentence}",
                        f"«{note['text'][:160]}»",
                    )
                spans = [s for s in page.segments if s["seg"] == f.sentence]  # its one call
                if spans and not any(s["marker"] == f"#{f.anchor}" for s in spans):
                    missing(path, spans[-1]["line"], f"a marker after {f.sentence} linking to #{f.anchor}")
            path = _site_path(lang, parallel)
            page = pages.get(path)
            if page is not None:
                for column in pub.languages:
                    ident = f"{f.section}-{f.anchor}" + ("" if column == lang else f"-{column}")
                    if _note(page, ident) is None:
                        missing(path, 0, f'the follow-up of {f.key} (id="{ident}") in the {column} column')
            path = _site_path(lang, timeline)
            page = pages.get(path)
            if page is not None:
                item = _note(page, f"followup-{f.key}")
                target = f"{stems.get(f.section, f.section)}/#{f.sentence}"
                if item is None:
                    missing(path, 0, f'the follow-up of {f.key} (id="followup-{f.key}")')
                elif not any(h.endswith(target) for h in item["hrefs"]):
                    missing(
                        path, item["line"], f"the follow-up of {f.key} linking to …{target}", ", ".join(item["hrefs"])
                    )
    return findings


# --- the outputs --------------------------------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(text.replace("\xad", "").replace("-\n", "").split())


def expected_pieces(f: FollowUp, lang: str, pub) -> list[str]:
    """What an output must hold of a follow-up: its label and its recorded date."""
    return [pub.labels(lang)["followups"]["label"], format_date(f.recorded, lang)]


def check_outputs(folder: Path, pub) -> list[Finding]:
    """Both PDFs and both EPUBs of `folder` carry every follow-up: in the EPUB each as a
    note of its own kind (`data-followup`, read back from the chapters), in the PDF its
    label and date in the text of the pages."""
    from lxml import etree
    from pypdf import PdfReader

    findings = []
    shown = pub.followups.shown()
    if not shown:
        return []
    for lang in pub.languages:
        book = folder / epub_name(lang)
        if book.is_file():
            with zipfile.ZipFile(book) as z:
                notes = set()
                for name in z.namelist():
                    if name.endswith(".xhtml"):
                        root = etree.fromstring(z.read(name))
                        notes |= {el.get("data-followup") for el in root.iter() if el.get("data-followup")}
            for f in shown:
                if f.key not in notes:
                    findings.append(Finding(book.name, 0, f"the follow-up of {f.key}", "none", CHECK))
        pdf = folder / pdf_name(lang)
        if pdf.is_file():
            text = _flat(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages))
            for f in shown:
                missing = [p for p in expected_pieces(f, lang, pub) if _flat(p) not in text]
                if missing:
                    findings.append(
                        Finding(pdf.name, 0, f"the follow-up of {f.key} with {', '.join(missing)}", "it missing", CHECK)
                    )
    return findings
