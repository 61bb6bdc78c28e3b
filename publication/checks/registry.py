"""The checks, in one registry: each declares its name, its stage and what it covers, and
takes the one context object of its stage (as translate-toolkit's checks are selected by
name, and GOV.UK runs named checks on one build):

    sources   the Markdown pages and the data, before anything is built   (SourceContext)
    site      one built site (the HTML)                                    (SiteContext)
    outputs   the files `publish` makes, and the built site, through the
              standard validators (W3C Nu checker, EPUBCheck, pdfua)       (OutputContext)

`publish.py check --only NAME` / `--skip NAME` choose by name; the report counts the
findings of each check, and says which did not run and why (a validator whose tool is
not installed is reported as not run, never as a pass).

The stages run in order, and a stage with errors stops the next: its findings are what
there is to fix first. Within the sources, the sentence-by-sentence checks (`gate`) run
only once the pages agree as wholes, so that a defect is reported once, by the coarsest
check that sees it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publication.model.findings import Finding, Say, errors
from publication.model.project import Project

STAGES = ("sources", "site", "outputs")


@dataclass(frozen=True)
class Check:
    name: str
    stage: str
    covers: str  # what it compares, in one line
    run: Callable[[Any], list[Finding]]
    gate: bool = False  # sources: runs only when the checks before it found no errors
    unavailable: Callable[[Any], str | None] | None = None  # why it cannot run on this context (None: it can)


@dataclass
class SourceContext:
    project: Project
    bib: Any  # model.references.Bibliography
    loaded: Any  # checks.structure.PagesRead


@dataclass
class SiteContext:
    project: Project
    site: Path
    pages: dict  # site path -> checks.site_html.HtmlPage
    online: bool = False
    cache_max_age: float = 86400.0
    include_hosts: list[str] | None = None
    say: Say | None = None


@dataclass
class OutputContext:
    project: Project
    site: Path  # the built site
    files: Path | None = None  # the folder holding the downloads (`publish` only)
    offline: Path | None = None  # the offline bundle, unpacked (`publish` only)


@dataclass
class Outcome:
    """What one check did in a run: for report.json and the check report."""

    stage: str
    ran: bool = False
    findings: int = 0
    errors: int = 0
    reason: str = ""  # why it did not run

    def as_dict(self) -> dict:
        return {
            "stage": self.stage,
            "ran": self.ran,
            "findings": self.findings,
            "errors": self.errors,
            **({"reason": self.reason} if self.reason else {}),
        }


@dataclass
class Selection:
    """The checks of a run (`--only`, `--skip`) and what each did."""

    checks: list[Check]
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def run(self, stage: str, context, findings: list[Finding] | None = None) -> list[Finding]:
        """Run the chosen checks of `stage` on `context`; `findings` are those found so
        far in this stage (a gated check waits for none of them to be errors)."""
        found = list(findings or [])
        for check in self.checks:
            if check.stage != stage:
                continue
            outcome = self.outcomes.setdefault(check.name, Outcome(stage))
            reason = check.unavailable(context) if check.unavailable else None
            if check.gate and errors(found):
                reason = "the checks before it found errors"
            if reason:
                outcome.reason = reason
                continue
            new = check.run(context)
            outcome.ran = True
            outcome.findings += len(new)
            outcome.errors += len(errors(new))
            found += new
        return found[len(findings or []) :]

    def count(self, name: str, stage: str, new: list[Finding]) -> list[Finding]:
        """Count findings made outside a check's own run (reading the inputs) for `name`,
        when it is chosen; they are returned either way (a page that cannot be read stops
        every check of the sources)."""
        if name not in {check.name for check in self.checks}:
            return new
        outcome = self.outcomes.setdefault(name, Outcome(stage))
        outcome.ran = True
        outcome.findings += len(new)
        outcome.errors += len(errors(new))
        return new

    def report(self) -> dict:
        return {
            check.name: self.outcomes.get(check.name, Outcome(check.stage, reason="not chosen")).as_dict()
            for check in every_check()
        }


class UnknownCheck(ValueError):
    pass


def select(only: list[str] | None = None, skip: list[str] | None = None) -> Selection:
    checks = every_check()
    names = [c.name for c in checks]
    for name in (only or []) + (skip or []):
        if name not in names:
            raise UnknownCheck(f"no check named {name!r}; the checks are {', '.join(names)}")
    chosen = [c for c in checks if (not only or c.name in only) and c.name not in (skip or [])]
    return Selection(chosen)


# --- the checks ---------------------------------------------------------------------------


def _offline(ctx: SiteContext) -> str | None:
    return None if ctx.online else "only with --online"


def _java_missing(ctx: OutputContext) -> str | None:
    return None if shutil.which("java") else "Java is not installed (apt-get install default-jre-headless)"


def _no_files(ctx: OutputContext) -> str | None:
    return None if ctx.files is not None else "only `publish` makes the files it checks"


def _epubcheck_missing(ctx: OutputContext) -> str | None:
    from publication.checks.validators import EPUBCHECK_JAR

    return (
        _no_files(ctx)
        or _java_missing(ctx)
        or (None if EPUBCHECK_JAR.is_file() else "EPUBCheck is not installed (apt-get install epubcheck)")
    )


def _pdfua_missing(ctx: OutputContext) -> str | None:
    try:
        import pdfua  # noqa: F401
    except ImportError:
        return _no_files(ctx) or "pdfua is not installed (it is in requirements.lock)"
    return _no_files(ctx)


def _no_dictionary(ctx) -> str | None:
    from publication.checks.spelling import dictionary_missing

    return dictionary_missing()


def every_check() -> list[Check]:
    """The registry, in the order the checks run."""
    from publication.checks import (
        active_content,
        alignment,
        chart_numbers,
        chronology,
        contents,
        fidelity,
        figure_use,
        internal_notes,
        label_keys,
        lexical,
        links,
        markup,
        reference_dates,
        spelling,
        structure,
        term_use,
        translation,
        validators,
    )
    from publication.model.downloads import pending_downloads

    def structure_run(ctx: SourceContext) -> list[Finding]:
        return structure.check_loaded(ctx.project, ctx.bib, ctx.loaded)

    def links_run(ctx: SiteContext) -> list[Finding]:
        return links.check_site(
            ctx.site, ctx.project.data, ctx.project.languages, pages=ctx.pages, pending=pending_downloads()
        )

    def online_run(ctx: SiteContext) -> list[Finding]:
        from urllib.parse import urlsplit

        from publication.checks import online

        allowed = links.allowed_hosts(ctx.project.data)
        hosts = set(ctx.include_hosts) if ctx.include_hosts else set(allowed)
        urls = {
            u: places
            for u, places in online.external_links(ctx.pages).items()
            if urlsplit(u).hostname in hosts and urlsplit(u).hostname in allowed
        }
        options = online.Options(
            cache_max_age=ctx.cache_max_age, cache_file=ctx.project.root / "build" / "link-cache.json"
        )
        return online.check_urls(urls, options, say=ctx.say)

    def internal_notes_outputs_run(ctx: OutputContext) -> list[Finding]:
        found = internal_notes.check_site(ctx.site, ctx.project.root)  # with what publish filled in
        if ctx.offline is not None:
            found += [
                Finding(f"offline/{f.file}", f.line, f.expected, f.found, f.check, f.severity)
                for f in internal_notes.check_site(ctx.offline, ctx.project.root)
            ]
        return found + internal_notes.check_books(
            sorted(ctx.files.glob("*.pdf")) + sorted(ctx.files.glob("*.epub")), ctx.project.root
        )

    def references_online_run(ctx: SiteContext) -> list[Finding]:
        from publication.checks import online
        from publication.model import references as refs_mod

        bib = refs_mod.load(ctx.project.data / "references.yml")
        return online.check_references(ctx.project, bib)

    def history_site_run(ctx: SiteContext) -> list[Finding]:
        from publication.model.references import load

        return chronology.check_site(ctx.site, ctx.pages, load(ctx.project.data / "references.yml"))

    def history_outputs_run(ctx: OutputContext) -> list[Finding]:
        from publication.model.references import load

        return chronology.check_outputs(ctx.files, load(ctx.project.data / "references.yml"), ctx.project.languages)

    def html_run(ctx: OutputContext) -> list[Finding]:
        trees = [(ctx.site, "site")] + ([(ctx.offline, "offline")] if ctx.offline is not None else [])
        return validators.nu_html_trees(trees)

    def epub_run(ctx: OutputContext) -> list[Finding]:
        from publication.model.downloads import epub_name

        return validators.epubchecks([ctx.files / epub_name(lang) for lang in ctx.project.languages])

    def pdfua_run(ctx: OutputContext) -> list[Finding]:
        from publication.model.downloads import pdf_name

        return [f for lang in ctx.project.languages for f in validators.pdfua(ctx.files / pdf_name(lang))]

    return [
        Check(
            "structure",
            "sources",
            "every page in both languages: front matter, anchors, footnote calls and "
            "notes, reference ids, well-formed citations",
            structure_run,
        ),
        Check(
            "active-content",
            "sources",
            "only passive HTML in the Markdown sources (nh3's policy): no script, "
            "event handler, javascript:/vbscript:/data: address, object, embed, iframe, "
            "style",
            lambda ctx: active_content.run(ctx.project, ctx.loaded),
        ),
        Check(
            "markup",
            "sources",
            "every [[ opens a well-formed placeholder; each footnote defined once per page",
            lambda ctx: markup.run(ctx.project, ctx.loaded),
        ),
        Check(
            "sections",
            "sources",
            "every section (a page with source_page) with its one source text, the same "
            "source page in both languages, in each language's menu and on the parallel page",
            lambda ctx: structure.check_sections_shown(ctx.project, ctx.loaded),
        ),
        Check(
            "fidelity",
            "sources",
            "each Dutch section against its source page's text, word for word",
            lambda ctx: fidelity.run(ctx.project, ctx.loaded),
        ),
        Check(
            "figures",
            "sources",
            "every figure of data/figures.yml in both languages of its page's section, and their relations",
            lambda ctx: figure_use.run(ctx.project, ctx.loaded),
        ),
        Check(
            "terms",
            "sources",
            "the terms of data/terms.yml in each section",
            lambda ctx: term_use.run(ctx.project, ctx.loaded),
        ),
        Check(
            "alignment",
            "sources",
            "the two languages of a section pair heading by heading, paragraph by paragraph",
            lambda ctx: alignment.run(ctx.project, ctx.loaded),
        ),
        Check(
            "labels", "sources", "every language's labels have the same keys", lambda ctx: label_keys.run(ctx.project)
        ),
        Check(
            "translation",
            "sources",
            "sentence by sentence: pairing, numbers, footnote calls, terms, meaning "
            "words, untranslated words, translate-toolkit",
            lambda ctx: translation.run(ctx.project, ctx.loaded),
            gate=True,
        ),
        Check(
            "lexical",
            "sources",
            "sentence by sentence: every content word accounted for both ways (FreeDict, terms, "
            "figures, recorded exceptions), who does what, tense, comparison sides, negation scope, "
            "footnote clauses",
            lambda ctx: lexical.run(ctx.project, ctx.loaded),
            gate=True,
            unavailable=lambda ctx: lexical.dictionary_unavailable(ctx),
        ),
        Check(
            "history",
            "sources",
            "the plan's later history (data/references.yml) in date order, its newest "
            "document dated on or before the edition",
            lambda ctx: chronology.run(ctx.project, ctx.bib),
        ),
        Check(
            "reference-dates",
            "sources",
            "each Kamerstuk's date in data/references.yml against the dates and "
            "sessions the project's notes record for it (source/NOTES.md)",
            lambda ctx: reference_dates.run(ctx.project),
        ),
        Check(
            "spelling",
            "sources",
            "every word of the English pages: British English (Hunspell en_GB) or the "
            "project's words (data/spelling/en.txt)",
            lambda ctx: spelling.run(ctx.project),
            unavailable=_no_dictionary,
        ),
        Check(
            "links",
            "site",
            "internal links and anchors, counterparts and the language selector, citations "
            "against their URLs, allowed hosts",
            links_run,
        ),
        Check(
            "chart",
            "site",
            "every number of the chart against data/figures.yml",
            lambda ctx: chart_numbers.check_site(ctx.pages, ctx.project.data),
        ),
        Check(
            "permalinks",
            "site",
            "each sentence's #s-N address on both languages' section pages",
            lambda ctx: translation.check_site(ctx.project, ctx.pages),
        ),
        Check(
            "internal-notes",
            "site",
            "no repository path or working note in any page's text",
            lambda ctx: internal_notes.check_site(ctx.site, ctx.project.root),
        ),
        Check(
            "history-notice",
            "site",
            "the notice of the plan's later history on every page, naming and linking "
            "its later version; the plan's citation files name the version they cite",
            history_site_run,
        ),
        Check(
            "external-links",
            "site",
            "external links over the network (only with --online)",
            online_run,
            unavailable=_offline,
        ),
        Check(
            "references-online",
            "site",
            "each Kamerstuk's date, dossier, number and titles in "
            "data/references.yml against its official page's meta tags "
            "(only with --online)",
            references_online_run,
            unavailable=_offline,
        ),
        Check(
            "contents",
            "outputs",
            "every section as a chapter of both PDFs and both EPUBs (their outline and table of contents, read back)",
            lambda ctx: contents.run(ctx.project, ctx.files),
            unavailable=_no_files,
        ),
        Check(
            "internal-notes-outputs",
            "outputs",
            "no repository path or working note in the pages as published, the offline bundle, the PDFs and the EPUBs",
            internal_notes_outputs_run,
            unavailable=_no_files,
        ),
        Check(
            "html",
            "outputs",
            "every HTML page (the site; with publish the offline bundle too) through the W3C Nu HTML checker",
            html_run,
            unavailable=_java_missing,
        ),
        Check("epub", "outputs", "both EPUBs through EPUBCheck", epub_run, unavailable=_epubcheck_missing),
        Check(
            "history-outputs",
            "outputs",
            "the title pages of both PDFs and EPUBs carry the notice of the plan's later history",
            history_outputs_run,
            unavailable=_no_files,
        ),
        Check("pdfua", "outputs", "both PDFs through pdfua's PDF/UA-1 rules", pdfua_run, unavailable=_pdfua_missing),
    ]
