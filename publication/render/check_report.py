"""The page "How this edition was checked", filled in by `publish` from the run that
made the edition: the commit and date, every check with what it covered in numbers
(checks/coverage.py, the same numbers as build/report.json), and the outputs with
their checksums. Nothing on it is typed by hand.

The page's Markdown has `[[check-report]]`; the build writes a placeholder there, which
`fill` replaces once the checks have passed and the outputs exist."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

from babel.numbers import format_decimal

from publication.model import references as refs_mod
from publication.model.downloads import sha256, size_kb
from publication.model.project import SectionError
from publication.render.followup_notes import tally
from publication.render.history import notice_html

PLACEHOLDER = '<div class="check-report" data-lang="{lang}"><p>{note}</p></div>'
PLACEHOLDER_RE = re.compile(r'<div class="check-report" data-lang="(?P<lang>[a-z]+)"><p>.*?</p></div>', re.S)


def placeholder(lang: str, pub) -> str:
    return PLACEHOLDER.format(lang=lang, note=pub.labels(lang)["check_report"]["note"])


def _number(value, lang: str) -> str:
    return format_decimal(value, locale=lang)


def render(coverage: dict, files: list[Path], lang: str, pub) -> str:
    """The filled report as HTML; every number carries data-key so tests can read it."""

    t = pub.labels(lang)["check_report"]
    values = {
        k: (f'<span data-key="{k}">{_number(v, lang)}</span>' if isinstance(v, int) and not isinstance(v, bool) else v)
        for k, v in coverage.items()
    }
    values["online"] = (
        f'<span data-key="external_checked_online">{t["yes"] if coverage.get("external_checked_online") else t["no"]}</span>'
    )
    # The follow-ups by their verdicts, the home page's sentence: beside the counts by
    # sources, readers took two sets of figures for a contradiction.
    try:
        names = [s.name for s in pub.sections()]
    except SectionError:
        names = []
    values["followups_verdicts"] = f'<span data-key="followups_verdicts">{html.escape(tally(lang, pub, names))}</span>'
    # The edition's day as a reader writes it ("7 December 2026"), the ISO date for machines.
    iso = str(coverage.get("edition_date", ""))
    try:
        shown = refs_mod.format_date(dt.date.fromisoformat(iso), lang)
    except ValueError:
        shown = iso
    day = f'<time datetime="{html.escape(iso)}" data-key="edition_date">{html.escape(shown)}</time>'
    edition = (
        t["commit"].format(commit=f'<code data-key="commit">{html.escape(coverage["commit"])}</code>', date=day)
        if coverage.get("commit")
        else t["no_commit"].format(date=day)
    )
    rows = "".join(
        f'<tr><th scope="row">{html.escape(name)}</th><td>{text.format(**values)}</td></tr>' for name, text in t["rows"]
    )
    # The standard validators: each ran (a published edition passed them all: a finding
    # stops the publication) or says why it did not.
    validated = []
    for name, reason in (coverage.get("validators") or {}).items():
        tool = html.escape(t["validator_names"].get(name, name))
        validated.append(
            t["validator_ran"].format(name=tool)
            if not reason
            else t["validator_not_run"].format(name=tool, reason=html.escape(reason))
        )
    if validated:
        rows += (
            f'<tr><th scope="row">{html.escape(t["validators"])}</th>'
            f'<td data-key="validators"><ul>{"".join(f"<li>{v}</li>" for v in validated)}</ul></td></tr>'
        )
    files_rows = "".join(
        f'<tr><th scope="row"><code>{html.escape(p.name)}</code></th>'
        f'<td data-label="{html.escape(t["size"])}">{size_kb(p, lang)} kB</td>'
        f'<td data-label="{html.escape(t["sha256"])}"><code class="download-details__sha256">{sha256(p)}</code></td></tr>'
        for p in files
    )

    return (
        f'<div class="check-report" data-lang="{lang}">'
        f"<p><strong>{t['edition']}:</strong> {edition}</p>"
        + notice_html(lang, pub, mark=False)
        + f'<table><caption>{t["checks"]}</caption><thead><tr><th scope="col">{t["check"]}</th>'
        f'<th scope="col">{t["covered"]}</th></tr></thead><tbody>{rows}</tbody></table>'
        f'<table><caption>{t["outputs"]}</caption><thead><tr><th scope="col">{t["file"]}</th>'
        f'<th scope="col">{t["size"]}</th><th scope="col">{t["sha256"]}</th></tr></thead>'
        f"<tbody>{files_rows}</tbody></table></div>"
    )


def fill_built_pages(site: Path, marker: str, pattern: re.Pattern, replace, first: bool = False) -> int:
    """Replace `pattern` by `replace(match, page)` in every built page holding `marker`
    (what is written into the pages after the build; `page` is the page's path, for a
    relative address); with `first`, only its first match. How many pages changed."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if marker not in text:
            continue
        filled = pattern.sub(lambda m, page=page: replace(m, page), text, count=1 if first else 0)
        if filled != text:
            page.write_text(filled, encoding="utf-8")
            count += 1
    return count


def fill(site: Path, coverage: dict, files: list[Path], pub) -> int:
    """Replace the placeholders of `site`'s report pages; how many pages were filled."""
    return fill_built_pages(
        site, 'class="check-report"', PLACEHOLDER_RE, lambda m, _page: render(coverage, files, m["lang"], pub)
    )
