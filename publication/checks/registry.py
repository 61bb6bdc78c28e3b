"""The checks, in one registry: each is a small function declared with `@check(name,
stage, covers)`, taking the one context object of its stage (as translate-toolkit's
checks are selected by name, and GOV.UK runs named checks on one build):

    sources   the Markdown pages and the data, before anything is built   (SourceContext)
    site      one built site (the HTML)                                    (SiteContext)
    outputs   the files `publish` makes, and the built site, through the
              standard validators (W3C Nu checker, EPUBCheck, pdfua)       (OutputContext)

`publish.py check --only NAME` / `--skip NAME` choose by name; a name before a dot is a
group (`--only translation` chooses every `translation.…` check). The report counts the
findings of each check, and says which did not run and why (a validator whose tool is
not installed is reported as not run, never as a pass).

The stages run in order, and a stage with errors stops the next: its findings are what
there is to fix first. Within the sources, the sentence-by-sentence checks (`gate`) run
only once the checks before their group found no errors, so that a defect is reported
once, by the coarsest check that sees it.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import shutil
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from publication.checks import (
    active_content,
    alignment,
    chart_numbers,
    chronology,
    contents,
    doors,
    fidelity,
    figure_use,
    follow_ups,
    internal_notes,
    label_keys,
    lexical,
    links,
    markup,
    online,
    reference_dates,
    spelling,
    structure,
    term_use,
    translation,
    validators,
)
from publication.model.downloads import epub_name, pdf_name, pending_downloads
from publication.model.findings import Finding, Say, errors
from publication.model.publication import Publication

STAGES = ("sources", "site", "outputs")


@dataclass(frozen=True)
class Check:
    name: str
    stage: str
    covers: str  # what it compares, in one line
    run: Callable[[Any], list[Finding]]
    gate: bool = False  # sources: runs only when the checks before its group found no errors
    unavailable: Callable[[Any], str | None] | None = None  # why it cannot run on this context (None: it can)
    tool: str | None = None  # the standard validator it runs (named in the progress line)
    own_reading: bool = False  # site: reads the built files itself, not the parsed pages (run_forked)

    @property
    def group(self) -> str:
        """'translation' of 'translation.numbers'; a check of its own is its own group."""
        return self.name.split(".", 1)[0]


REGISTRY: list[Check] = []


def check(name: str, stage: str, covers: str, **options):
    """Declare the function below as the check `name` of `stage` (in the order of
    declaration, which is the order they run in)."""

    def declare(run: Callable[[Any], list[Finding]]):
        REGISTRY.append(Check(name, stage, " ".join(covers.split()), run, **options))
        return run

    return declare


def every_check() -> list[Check]:
    """The registry, in the order the checks run."""
    return list(REGISTRY)


# --- the contexts ---------------------------------------------------------------------------


@dataclass
class SourceContext:
    project: Publication
    bib: Any  # model.references.Bibliography
    loaded: Any  # checks.structure.PagesRead
    _sections: tuple | None = field(default=None, repr=False)

    def sections(self) -> tuple[list, list[Finding]]:
        """Each section's sentence pairs (translation.Context), and the findings of an
        alignment record that cannot be read; made once for the checks of a run."""
        if self._sections is None:
            self._sections = translation.contexts(self.project, self.loaded)
        return self._sections


@dataclass
class SiteContext:
    project: Publication
    site: Path
    online: bool = False
    cache_max_age: float = 86400.0
    include_hosts: list[str] | None = None
    say: Say | None = None
    _pages: dict | None = field(default=None, repr=False)

    @property
    def pages(self) -> dict:
        """site path -> checks.site_html.HtmlPage: every built page, parsed when first asked."""
        if self._pages is None:
            self._pages = links.built_pages(self.site)
        return self._pages


@dataclass
class OutputContext:
    project: Publication
    site: Path  # the built site
    files: Path | None = None  # the folder holding the downloads (`publish` only)
    offline: Path | None = None  # the offline bundle, unpacked (`publish` only)
    nu: Any = None  # validators.NuChecker started beside the build, when the command started one


# --- a run's selection ------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one check did in a run: for report.json and the check report."""

    stage: str
    ran: bool = False
    findings: int = 0
    errors: int = 0
    reason: str = ""  # why it did not run

    def add(self, new: list[Finding]) -> list[Finding]:
        """Count `new` as found by a run of the check; returns it."""
        self.ran = True
        self.findings += len(new)
        self.errors += len(errors(new))
        return new

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

    def chosen(self, name: str) -> bool:
        return any(c.name == name for c in self.checks)

    def run(self, stage: str, context, findings: list[Finding] | None = None) -> list[Finding]:
        """Run the chosen checks of `stage` on `context`; `findings` are those found so
        far in this stage (a gated check waits for none of them, outside its own group,
        to be errors)."""
        found = list(findings or [])
        group_errors: dict[str, int] = {}
        for one in self.checks:
            if one.stage != stage:
                continue
            outcome = self.outcomes.setdefault(one.name, Outcome(stage))
            reason = one.unavailable(context) if one.unavailable else None
            before = len(errors(found)) - group_errors.get(one.group, 0)
            if one.gate and before:
                reason = "the checks before it found errors"
            if reason:
                outcome.reason = reason
                continue
            new = self._run(one, context, outcome)
            group_errors[one.group] = group_errors.get(one.group, 0) + len(errors(new))
            found += new
        return found[len(findings or []) :]

    def run_forked(self, stage: str, context, processes: int | None = None) -> list[Finding]:
        """`run` for the site's checks, which need nothing but their context and none of
        the others' findings: those that read the built files themselves (`own_reading`)
        run in a process forked from this one, which has the context without it being
        sent, while this one parses the pages for the others; the findings come back in
        the registry's order. One process where there is one core to run on (`processes`:
        by default the cores this process may use), or nothing to share."""
        chosen = [c for c in self.checks if c.stage == stage]
        theirs = {c.name for c in chosen if c.own_reading}
        processes = len(os.sched_getaffinity(0)) if processes is None else processes
        if processes < 2 or not theirs or len(theirs) == len(chosen):
            return self.run(stage, context)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the forked process: its checks, sent back, then gone
            code = 1
            try:
                os.close(read)
                done = {c.name: self._attempt(c, context) for c in chosen if c.name in theirs}
                with os.fdopen(write, "wb") as out:
                    pickle.dump(done, out)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(write)
        with os.fdopen(read, "rb") as got:
            try:
                mine = {c.name: self._attempt(c, context) for c in chosen if c.name not in theirs}
                raw = got.read()
            except BaseException:
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
                raise
        _, status = os.waitpid(child, 0)
        if status != 0 or not raw:
            raise RuntimeError(f"the forked process of the {stage} checks failed (status {status})")
        done = {**mine, **pickle.loads(raw)}
        found: list[Finding] = []
        for one in chosen:
            reason, new = done[one.name]
            outcome = self.outcomes.setdefault(one.name, Outcome(stage))
            if reason:
                outcome.reason = reason
                continue
            found += outcome.add(new)
        return found

    @staticmethod
    def _attempt(one: Check, context) -> tuple[str | None, list[Finding]]:
        """(why `one` cannot run on `context`, or None; its findings)."""
        reason = one.unavailable(context) if one.unavailable else None
        return (reason, []) if reason else (None, one.run(context))

    def run_one(self, name: str, context) -> list[Finding]:
        """Run the check `name` on `context` when it is chosen (counted like the others;
        a check that runs more than once in a run adds up)."""
        one = next((c for c in self.checks if c.name == name), None)
        if one is None:
            return []
        return self._run(one, context, self.outcomes.setdefault(name, Outcome(one.stage)))

    @staticmethod
    def _run(one: Check, context, outcome: Outcome) -> list[Finding]:
        return outcome.add(one.run(context))

    def count(self, name: str, stage: str, new: list[Finding]) -> list[Finding]:
        """Count findings made outside a check's own run (reading the inputs) for `name`,
        when it is chosen; they are returned either way (a page that cannot be read stops
        every check of the sources)."""
        if not self.chosen(name):
            return new
        return self.outcomes.setdefault(name, Outcome(stage)).add(new)

    def tools(self) -> list[str]:
        """The standard validators this selection runs, by their tools' names."""
        return [c.tool for c in self.checks if c.tool]

    def report(self) -> dict:
        return {
            c.name: self.outcomes.get(c.name, Outcome(c.stage, reason="not chosen")).as_dict() for c in every_check()
        }


class UnknownCheck(ValueError):
    pass


def select(only: list[str] | None = None, skip: list[str] | None = None) -> Selection:
    """The checks named by `only` (all without it) less those named by `skip`; a group's
    name names each of its checks."""
    checks = every_check()
    known = {c.name for c in checks} | {c.group for c in checks}
    for name in (only or []) + (skip or []):
        if name not in known:
            names = ", ".join(dict.fromkeys(c.group for c in checks))
            raise UnknownCheck(f"no check named {name!r}; the checks are {names} (`publish.py checks` lists each)")

    def named(c: Check, names: list[str]) -> bool:
        return c.name in names or c.group in names

    return Selection([c for c in checks if (not only or named(c, only)) and not named(c, skip or [])])


# --- why a check cannot run -----------------------------------------------------------------


def offline(ctx: SiteContext) -> str | None:
    return None if ctx.online else "only with --online"


def java_missing(ctx: OutputContext) -> str | None:
    return None if shutil.which("java") else "Java is not installed (apt-get install default-jre-headless)"


def no_files(ctx: OutputContext) -> str | None:
    return None if ctx.files is not None else "only `publish` makes the files it checks"


def epubcheck_missing(ctx: OutputContext) -> str | None:
    return (
        no_files(ctx)
        or java_missing(ctx)
        or (None if validators.EPUBCHECK_JAR.is_file() else "EPUBCheck is not installed (apt-get install epubcheck)")
    )


def pdfua_missing(ctx: OutputContext) -> str | None:
    if importlib.util.find_spec("pdfua") is None:  # found, not imported: `check` needs it not
        return no_files(ctx) or "pdfua is not installed (it is in requirements.lock)"
    return no_files(ctx)


def no_dictionary(ctx) -> str | None:
    return spelling.dictionary_missing()


# --- the sources ------------------------------------------------------------------------------
# The content policy's doors first (model/policy.py, checks/doors.py): what comes in from
# outside is what to fix before anything else.


@check(
    "files",
    "sources",
    """no symbolic link, special file or hard link in the sources; page and asset names
    lower-case ASCII slugs, none differing from another only in case; assets of the passive
    types, scripts only in the vendor folder""",
)
def files_check(ctx: SourceContext) -> list[Finding]:
    return doors.check_files(ctx.project)


@check(
    "includes",
    "sources",
    "every {!…!} include reads a Markdown file inside includes/ (no absolute path, ~, .. or link out, no loop)",
)
def includes_check(ctx: SourceContext) -> list[Finding]:
    return doors.check_includes(ctx.project)


@check(
    "characters",
    "sources",
    """no invisible or direction control (U+202A–202E, U+2066–2069, zero-width, BOM in text,
    controls) in any content file or data string, unless data/characters.yml declares it;
    UTF-8 only""",
)
def characters_check(ctx: SourceContext) -> list[Finding]:
    return doors.check_characters(ctx.project)


@check(
    "data",
    "sources",
    """every string of the data, mkdocs.yml and the front matter: addresses https to an
    allowed host, no javascript:/data:/vbscript: in any case or encoding, no markup (labels:
    nh3's passive HTML)""",
)
def data_check(ctx: SourceContext) -> list[Finding]:
    return doors.check_data(ctx.project)


@check(
    "assets",
    "sources",
    """SVG and HTML files passive (no script, event handler, foreignObject, outside
    reference); stylesheets load nothing from elsewhere""",
)
def assets_check(ctx: SourceContext) -> list[Finding]:
    return doors.check_assets(ctx.project)


@check(
    "structure",
    "sources",
    """every page in both languages: front matter, anchors, footnote calls and notes,
    reference ids, well-formed citations""",
)
def structure_check(ctx: SourceContext) -> list[Finding]:
    return structure.check_loaded(ctx.project, ctx.bib, ctx.loaded)


@check(
    "active-content",
    "sources",
    """only passive HTML in the Markdown sources (nh3's policy): no script, event handler,
    javascript:/vbscript:/data: address, object, embed, iframe, style""",
)
def active_content_check(ctx: SourceContext) -> list[Finding]:
    return active_content.run(ctx.project, ctx.loaded)


@check("markup", "sources", "every [[ opens a well-formed placeholder; each footnote defined once per page")
def markup_check(ctx: SourceContext) -> list[Finding]:
    return markup.run(ctx.project, ctx.loaded)


@check(
    "sections",
    "sources",
    """every section (a page with source_page) with its one source text, the same source
    page in both languages, in each language's menu and on the parallel page""",
)
def sections_check(ctx: SourceContext) -> list[Finding]:
    return structure.check_sections_shown(ctx.project, ctx.loaded)


@check("fidelity", "sources", "each Dutch section against its source page's text, word for word")
def fidelity_check(ctx: SourceContext) -> list[Finding]:
    return fidelity.run(ctx.project, ctx.loaded)


@check(
    "figures",
    "sources",
    "every figure of data/figures.yml in both languages of its page's section, and their relations",
)
def figures_check(ctx: SourceContext) -> list[Finding]:
    return figure_use.run(ctx.project, ctx.loaded)


@check("terms", "sources", "the terms of data/terms.yml in each section")
def terms_check(ctx: SourceContext) -> list[Finding]:
    return term_use.run(ctx.project, ctx.loaded)


@check("alignment", "sources", "the two languages of a section pair heading by heading, paragraph by paragraph")
def alignment_check(ctx: SourceContext) -> list[Finding]:
    return alignment.run(ctx.project, ctx.loaded)


@check("labels", "sources", "every language's labels have the same keys")
def labels_check(ctx: SourceContext) -> list[Finding]:
    return label_keys.run(ctx.project)


def _sentence_check(name: str, run: Callable) -> None:
    """`translation.<name>`: one per-segment check on every section's sentence pairs
    (the record check also reports a record that cannot be read)."""

    def per_section(ctx: SourceContext) -> list[Finding]:
        sections, unreadable = ctx.sections()
        return (unreadable if name == "record" else []) + [f for one in sections for f in run(one)]

    title = " ".join((run.__doc__ or name).split(". ")[0].split())
    check(f"translation.{name}", "sources", f"sentence by sentence: {title.rstrip('.')}", gate=True)(per_section)


for _name, _run in translation.CHECKS.items():
    _sentence_check(_name, _run)


@check(
    "lexical",
    "sources",
    """sentence by sentence: every content word accounted for both ways (FreeDict, terms,
    figures, recorded exceptions), who does what, tense, comparison sides, negation scope,
    footnote clauses""",
    gate=True,
    unavailable=lexical.dictionary_unavailable,
)
def lexical_check(ctx: SourceContext) -> list[Finding]:
    return lexical.run(ctx.project, ctx.loaded)


@check(
    "history",
    "sources",
    """the plan's later history (data/references.yml) in date order, its newest document
    dated on or before the edition""",
)
def history_check(ctx: SourceContext) -> list[Finding]:
    return chronology.run(ctx.project, ctx.bib)


@check(
    "follow-ups",
    "sources",
    """every forward-looking sentence of a section whose date has passed has a follow-up
    (data/follow-ups.yml); each follow-up's sentence, dates, sources, certainty and
    figures""",
    gate=True,
)
def follow_ups_check(ctx: SourceContext) -> list[Finding]:
    sections, _ = ctx.sections()
    return follow_ups.run(sections, ctx.project)


@check(
    "reference-dates",
    "sources",
    """each Kamerstuk's date in data/references.yml against the dates and sessions the
    project's notes record for it (source/NOTES.md)""",
)
def reference_dates_check(ctx: SourceContext) -> list[Finding]:
    return reference_dates.run(ctx.project)


@check(
    "spelling",
    "sources",
    """every word of the English pages: British English (Hunspell en_GB) or the project's
    words (data/spelling/en.txt)""",
    unavailable=no_dictionary,
)
def spelling_check(ctx: SourceContext) -> list[Finding]:
    return spelling.run(ctx.project)


# --- one built site ---------------------------------------------------------------------------


@check(
    "links",
    "site",
    """internal links and anchors, counterparts and the language selector, citations
    against their URLs, allowed hosts""",
)
def links_check(ctx: SiteContext) -> list[Finding]:
    project = ctx.project
    return links.check_site(ctx.site, project.data, project.languages, pages=ctx.pages, pending=pending_downloads())


@check(
    "passive-site",
    "site",
    """no event handler and no javascript:/data:/vbscript: address in any built page, every
    SVG passive, whatever door it came through""",
    own_reading=True,
)
def passive_site_check(ctx: SiteContext) -> list[Finding]:
    return doors.check_built(ctx.site)


@check("chart", "site", "every number of the chart against data/figures.yml")
def chart_check(ctx: SiteContext) -> list[Finding]:
    return chart_numbers.check_site(ctx.pages, ctx.project.figures)


@check("permalinks", "site", "each sentence's #s-N address on both languages' section pages")
def permalinks_check(ctx: SiteContext) -> list[Finding]:
    return translation.check_site(ctx.project, ctx.pages)


@check("internal-notes", "site", "no repository path or working note in any page's text", own_reading=True)
def internal_notes_check(ctx: SiteContext) -> list[Finding]:
    return internal_notes.check_site(ctx.site, ctx.project.root)


@check(
    "history-notice",
    "site",
    """the notice of the plan's later history on every page, naming and linking its later
    version; the plan's citation files name the version they cite""",
)
def history_notice_check(ctx: SiteContext) -> list[Finding]:
    return chronology.check_site(ctx.site, ctx.pages, ctx.project.bib)


@check(
    "follow-ups.site",
    "site",
    """every follow-up beside its sentences on both section pages, on the side-by-side page
    and on the timeline page, dated and linked to its sentence""",
)
def follow_ups_site_check(ctx: SiteContext) -> list[Finding]:
    return follow_ups.check_site(ctx.pages, ctx.project)


@check("external-links", "site", "external links over the network (only with --online)", unavailable=offline)
def external_links_check(ctx: SiteContext) -> list[Finding]:
    allowed = links.allowed_hosts(ctx.project.data)
    hosts = set(ctx.include_hosts) if ctx.include_hosts else set(allowed)
    urls = {
        u: places
        for u, places in online.external_links(ctx.pages).items()
        if urlsplit(u).hostname in hosts and urlsplit(u).hostname in allowed
    }
    options = online.Options(cache_max_age=ctx.cache_max_age, cache_file=ctx.project.root / "build" / "link-cache.json")
    return online.check_urls(urls, options, say=ctx.say)


@check(
    "references-online",
    "site",
    """each Kamerstuk's date, dossier, number and titles in data/references.yml against its
    official page's meta tags (only with --online)""",
    unavailable=offline,
)
def references_online_check(ctx: SiteContext) -> list[Finding]:
    return online.check_references(ctx.project, ctx.project.bib)


# --- what publish makes -----------------------------------------------------------------------


@check(
    "links.offline",
    "outputs",
    """internal links and anchors of the offline bundle before it is zipped, and of the
    site again once its downloads are in place (publish)""",
    unavailable=no_files,
)
def offline_links_check(ctx: OutputContext) -> list[Finding]:
    return links.check_site(ctx.site, ctx.project.data)


@check(
    "contents",
    "outputs",
    """every section as a chapter of both PDFs and both EPUBs (their outline and table of
    contents, read back)""",
    unavailable=no_files,
)
def contents_check(ctx: OutputContext) -> list[Finding]:
    return contents.run(ctx.project, ctx.files)


@check(
    "internal-notes-outputs",
    "outputs",
    "no repository path or working note in the pages as published, the offline bundle, the PDFs and the EPUBs",
    unavailable=no_files,
)
def internal_notes_outputs_check(ctx: OutputContext) -> list[Finding]:
    root = ctx.project.root
    found = internal_notes.check_site(ctx.site, root)  # with what publish filled in
    if ctx.offline is not None:
        found += [
            Finding(f"offline/{f.file}", f.line, f.expected, f.found, f.check, f.severity)
            for f in internal_notes.check_site(ctx.offline, root)
        ]
    return found + internal_notes.check_books(sorted(ctx.files.glob("*.pdf")) + sorted(ctx.files.glob("*.epub")), root)


def no_offline_bundle(ctx: OutputContext) -> str | None:
    return None if ctx.offline is not None else "only `publish` makes the offline bundle"


@check(
    "passive-offline",
    "outputs",
    """the offline bundle (opened from file://, without the site's headers): no event handler,
    no active address, every SVG passive""",
    unavailable=no_offline_bundle,
)
def passive_offline_check(ctx: OutputContext) -> list[Finding]:
    return doors.check_built(ctx.offline, "offline")


@check(
    "html",
    "outputs",
    "every HTML page (the site; with publish the offline bundle too) through the W3C Nu HTML checker",
    unavailable=java_missing,
    tool="W3C Nu HTML checker",
)
def html_check(ctx: OutputContext) -> list[Finding]:
    trees = [(ctx.site, "site")] + ([(ctx.offline, "offline")] if ctx.offline is not None else [])
    return ctx.nu.check(trees) if ctx.nu is not None else validators.nu_html_trees(trees)


@check("epub", "outputs", "both EPUBs through EPUBCheck", unavailable=epubcheck_missing, tool="EPUBCheck")
def epub_check(ctx: OutputContext) -> list[Finding]:
    return validators.epubchecks([ctx.files / epub_name(lang) for lang in ctx.project.languages])


@check(
    "history-outputs",
    "outputs",
    "the title pages of both PDFs and EPUBs carry the notice of the plan's later history",
    unavailable=no_files,
)
def history_outputs_check(ctx: OutputContext) -> list[Finding]:
    return chronology.check_outputs(ctx.files, ctx.project)


@check(
    "follow-ups.outputs",
    "outputs",
    "every follow-up in both PDFs and both EPUBs (read back)",
    unavailable=no_files,
)
def follow_ups_outputs_check(ctx: OutputContext) -> list[Finding]:
    return follow_ups.check_outputs(ctx.files, ctx.project)


@check("pdfua", "outputs", "both PDFs through pdfua's PDF/UA-1 rules", unavailable=pdfua_missing, tool="pdfua")
def pdfua_check(ctx: OutputContext) -> list[Finding]:
    return [f for lang in ctx.project.languages for f in validators.pdfua(ctx.files / pdf_name(lang))]
