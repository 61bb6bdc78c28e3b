"""The references' dates against what the project recorded when it confirmed them
(offline): source/NOTES.md notes each Kamerstuk as seen on its public copies ("letter …
of 7 July 2023 …; formal citation Kamerstukken II 2022/23, 28 741, nr. 106"), and the
data's notes mention some ("Kamerstuk 28 741, nr. 86 (1 July 2022)"). A date in
data/references.yml that none of the dates written beside its Kamerstuk matches, or
whose parliamentary session is not the one written there, is a finding: a date moved by
a few days no longer agrees with the record of what was seen.

Only lines that name exactly one Kamerstuk are read (a line naming two cannot say
whose date it gives). The official page's own metadata is compared with `--online`
(checks/online.py, `check_references`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from publication.model.findings import Finding, key_line
from publication.model.publication import Publication
from publication.model.references import format_date, session_of

CHECK = "reference-dates"
KAMERSTUK_RE = re.compile(
    r"(?:Kamerstuk(?:ken)?\s+(?:II\s+)?(?:(?P<session>\d{4}/\d{2}),?\s+)?)"
    r"(?P<dossier>\d{1,3}(?:\s\d{3})+|\d{4,6})(?:[\s-](?P<part>[A-Z]+))?,?\s+nr\.\s*(?P<number>\d+)"
)


@cache
def _date_re() -> re.Pattern:
    from babel.dates import get_month_names

    months = {name.casefold(): n for lang in ("en", "nl") for n, name in get_month_names("wide", locale=lang).items()}
    alternation = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    return re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{alternation})\s+(?P<year>\d{{4}})\b", re.IGNORECASE), months


def dates_in(line: str) -> list[dt.date]:
    pattern, months = _date_re()
    out = []
    for m in pattern.finditer(line):
        try:
            out.append(dt.date(int(m["year"]), months[m["month"].casefold()], int(m["day"])))
        except ValueError:
            continue
    for m in re.finditer(r"\b(\d{4})-(\d{2})-(\d{2})\b", line):
        try:
            out.append(dt.date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            continue
    return out


def recorded(project: Publication) -> dict[str, list[tuple[str, int, list[dt.date], str | None]]]:
    """kst id -> (file, line, dates on that line, session written there) for every line of
    the project's notes that names exactly one Kamerstuk."""
    files = [project.root / "source" / "NOTES.md", project.data / "figures.yml"]
    out: dict[str, list] = {}
    for path in files:
        if not path.is_file():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found = list(KAMERSTUK_RE.finditer(line))
            ids = {
                f"kst-{m['dossier'].replace(' ', '')}{'-' + m['part'] if m['part'] else ''}-{m['number']}"
                for m in found
            }
            if len(ids) != 1:
                continue
            session = next((m["session"] for m in found if m["session"]), None)
            # the dates of the line that are not inside the citation itself
            rest = KAMERSTUK_RE.sub(" ", line)
            out.setdefault(ids.pop(), []).append((project.rel(path), n, dates_in(rest), session))
    return out


def check(project: Publication, bib) -> list[Finding]:

    path = project.data / "references.yml"
    rel = project.rel(path)
    notes = recorded(project)
    findings = []
    for ref in bib.references.values():
        if ref.kind != "kamerstuk":
            continue
        line = key_line(path, "date", key_line(path, ref.id)) or key_line(path, ref.id)
        for where, n, dates, session in notes.get(ref.id, []):
            if dates and ref.date not in dates:
                shown = " or ".join(format_date(d, "en") for d in dates)
                findings.append(
                    Finding(
                        rel,
                        line,
                        f"the date of {ref.id} as {where}:{n} records it ({shown})",
                        f"{ref.date.isoformat()} ({format_date(ref.date, 'en')})",
                        CHECK,
                    )
                )
            if session and session != session_of(ref.date):
                findings.append(
                    Finding(
                        rel,
                        line,
                        f"a date in the session {session} that {where}:{n} records for {ref.id}",
                        f"{ref.date.isoformat()}, in {session_of(ref.date)}",
                        CHECK,
                    )
                )
    return findings


def run(project: Publication) -> list[Finding]:

    return check(project, project.bib)
