"""The command line of scripts/publish.py: it only prints findings and sets the exit
code; the work is in plain functions (build, checks, outputs)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

import yaml

from publication import ROOT
from publication.outputs.build import finish_build, start_build
from publication.model.findings import Finding, errors

EXIT_CLEAN, EXIT_TOOL, EXIT_FINDINGS, EXIT_CONFIG = 0, 1, 2, 3


class ConfigError(Exception):
    """The configuration or the data files cannot be read."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="publish.py",
        description="Build the publication strictly, run every check on that one build, "
                    "and only then replace dist/.",
        epilog="Exit codes: 0 clean, 1 the tool itself failed, 2 findings, 3 bad configuration. "
               "Findings are printed as 'file:line: expected ..., found ...'.",
    )
    p.add_argument("command", choices=["check", "publish", "review", "checks"],
                   help="check: build and verify without writing dist/; publish: verify, then write dist/; "
                        "review SECTION [ID ...]: mark the English of these segments as revisited against "
                        "the current Dutch (renews their fingerprints in data/alignment/SECTION.yml); "
                        "checks: list the checks by name, stage and what each covers")
    p.add_argument("targets", nargs="*", metavar="SECTION ID",
                   help="with review: the section (its page's name, without .md) and its segment ids (s-12, a heading's anchor); "
                        "without ids, only the record's missing entries are added")
    p.add_argument("--all", action="store_true", help="with review: renew every segment's fingerprint")
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    p.add_argument("--report", type=Path, default=ROOT / "build" / "report.json",
                   help="where to write the JSON report of findings (default: build/report.json)")
    p.add_argument("--online", action="store_true",
                   help="also check the external links over the network (cached; see --cache-max-age)")
    p.add_argument("--cache-max-age", type=float, default=24.0, metavar="HOURS",
                   help="reuse external link results younger than this (default: 24)")
    p.add_argument("--include-host", action="append", default=None, metavar="HOST",
                   help="with --online, request only links to this host (repeatable; default: every allowed host)")
    p.add_argument("--summary", type=Path, default=None, metavar="FILE",
                   help="also append the findings as Markdown to FILE (in CI: $GITHUB_STEP_SUMMARY)")
    p.add_argument("--only", action="append", default=None, metavar="CHECK",
                   help="run only this check (repeatable; `publish.py checks` lists them)")
    p.add_argument("--skip", action="append", default=None, metavar="CHECK",
                   help="leave this check out (repeatable)")
    p.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    p.add_argument("--quiet", action="store_true", help="print only findings")
    return p


def check_config(config: Path) -> None:
    if not config.is_file():
        raise ConfigError(f"{config}: the MkDocs configuration is missing")

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    try:
        yaml.load(config.read_text(encoding="utf-8"), Loader=Loader)
    except yaml.YAMLError as err:
        raise ConfigError(f"{config}: not valid YAML: {err}") from None
    hosts = config.parent / "data" / "external-links.yml"
    try:
        raw = yaml.safe_load(hosts.read_text(encoding="utf-8"))
    except (yaml.YAMLError, OSError) as err:
        raise ConfigError(f"{hosts}: {err}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("allowed_hosts"), dict) \
            or not all(isinstance(reason, str) and reason.strip() for reason in raw["allowed_hosts"].values()):
        raise ConfigError(f"{hosts}: expected 'allowed_hosts:' mapping each host to the reason it is allowed")


def write_report(path: Path, findings: list[Finding], command: str, seconds: float,
                 coverage: dict | None = None, checks: dict | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "command": command,
        "coverage": coverage or {},
        "checks": checks or {},
        "seconds": round(seconds, 3),
        "errors": len(errors(findings)),
        "warnings": len(findings) - len(errors(findings)),
        "findings": [f.as_dict() for f in findings],
    }
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def summary_markdown(findings: list[Finding], command: str, online: bool) -> str:
    """The findings as a short Markdown report, for a CI run's summary page."""
    errs = errors(findings)
    head = f"## publish.py {command}{' --online' if online else ''}: "
    if not findings:
        return head + "no findings\n"
    lines = [head + f"{len(errs)} error(s), {len(findings) - len(errs)} warning(s)", "",
             "| where | expected | found |", "|---|---|---|"]
    cell = lambda text: str(text).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    for f in findings:
        where = f"{f.file}:{f.line}" if f.line else f.file
        prefix = "warning: " if f.severity == "warning" else ""
        lines.append(f"| `{cell(where)}` | {prefix}{cell(f.expected)} | {cell(f.found)} |")
    return "\n".join(lines) + "\n"


def swap_into_place(new: Path, dist: Path) -> None:
    """Replace dist/ by the new folder with renames on one file system."""
    old = dist.with_name(f".{dist.name}-old")
    if old.exists():
        shutil.rmtree(old)
    if dist.exists():
        dist.rename(old)
    new.rename(dist)
    if old.exists():
        shutil.rmtree(old)


def verify(project, site: Path, online: bool, cache_max_age: float, config: Path, say,
           include_hosts: list[str] | None = None, coverage: dict | None = None, selection=None) -> list[Finding]:
    """Source checks, then one strict build, then the checks on that build. A stage
    with errors stops the next: its findings are what there is to fix first."""
    from publication.checks import run_site_checks, run_source_checks

    # The build runs in its own process while the sources are checked; with findings
    # in the sources it is stopped, since they are what there is to fix first.
    say("Building the site (nl, en) ...")
    build = start_build(site, config)
    say("Checking the sources meanwhile: text against the source, figures, footnotes, sentence pairs ...")
    try:
        findings = run_source_checks(project, coverage, selection)
    except BaseException:
        build.kill()
        build.communicate()
        raise
    if errors(findings):
        build.kill()
        build.communicate()
        return findings
    findings += finish_build(build, project.docs)
    if errors(findings):
        return findings
    say("Checking the built site: links, anchors, languages" + (", external links online" if online else "") + " ...")
    return findings + run_site_checks(project, site, online=online, cache_max_age=cache_max_age, say=say,
                                      include_hosts=include_hosts, coverage=coverage, selection=selection)


def validate(project, site: Path, work: Path | None, selection, say) -> list[Finding]:
    """The standard validators (W3C Nu checker, EPUBCheck, pdfua) on the built site and,
    from `publish`, the offline bundle, the EPUBs and the PDFs."""
    from publication.checks import run_output_checks

    offline = None
    if work is not None:
        import zipfile

        from publication.model.downloads import OFFLINE_ZIP, OFFLINE_TOP

        unpacked = work / "offline-unpacked"
        with zipfile.ZipFile(work / OFFLINE_ZIP) as z:
            z.extractall(unpacked)
        offline = unpacked / OFFLINE_TOP
    say("Validating: W3C Nu HTML checker" + (", EPUBCheck, pdfua" if work is not None else "") + " ...")
    try:
        return run_output_checks(project, site, work, offline, selection)
    finally:
        if offline is not None:
            shutil.rmtree(offline.parent, ignore_errors=True)


def review(args, say) -> int:
    """Renew the fingerprints of the named segments (or add the missing entries)."""
    from publication.render.placeholders import read_page
    from publication.model import segments
    from publication.model.project import Project

    project = Project(args.config.parent)
    if not args.targets:
        try:
            names = ", ".join(s.name for s in project.sections()) or "none found"
        except ValueError:
            names = "see the findings of check"
        print(f"review needs a section: publish.py review SECTION [s-12 …] (the sections: {names})", file=sys.stderr)
        return EXIT_CONFIG
    section = args.targets[0] if args.targets[0].endswith(".md") else f"{args.targets[0]}.md"
    paths = {lang: project.docs / lang / section for lang in ("nl", "en")}
    for path in paths.values():
        if not path.is_file():
            print(f"{project.rel(path)}: no such page", file=sys.stderr)
            return EXIT_CONFIG
    read = {lang: read_page(path, lang) for lang, path in paths.items()}
    record_file = segments.record_path(section, project.data)
    record = segments.load_record(record_file)
    pairing = segments.pair(read["nl"], read["en"], record)
    known = {s.id for s in pairing.segments}
    ids = set(args.targets[1:])
    unknown = sorted(ids - known)
    if unknown:
        print(f"{project.rel(record_file)}: no segment {', '.join(unknown)} in {section} "
              f"(the segments are {', '.join(s.id for s in pairing.segments[:4])}, …)", file=sys.stderr)
        return EXIT_CONFIG
    if pairing.problems:
        for p in pairing.problems:
            print(f"{project.rel(paths['en'])}:{p.segment.line('en') or p.segment.line('nl')}: "
                  f"{p.segment.id} does not pair ({p.kind}); mend the English or record the grouping first",
                  file=sys.stderr)
        return EXIT_FINDINGS
    entries = segments.reviewed_entries(pairing, record, None if args.all else ids)
    segments.write_record(record_file, section, entries)
    renewed = sum(1 for e in entries if args.all or e.id in ids or e.id not in record.entries)
    say(f"{project.rel(record_file)}: {renewed} of {len(entries)} segment(s) marked as reviewed")
    return EXIT_CLEAN


def run(args, say) -> int:
    from publication.outputs import publish as outputs
    from publication.model.project import Project

    from publication.checks.registry import UnknownCheck, every_check, select

    start = time.monotonic()
    if args.command == "review":
        return review(args, say)
    if args.command == "checks":
        for check in every_check():
            print(f"{check.name:15} {check.stage:8} {check.covers}")
        return EXIT_CLEAN
    try:
        selection = select(args.only, args.skip)
    except UnknownCheck as err:
        raise ConfigError(str(err)) from None
    # Every date a build writes (the sitemap, the PDFs, the zip's entries) is the
    # edition's: the commit's time, passed on to MkDocs as SOURCE_DATE_EPOCH.
    from publication.model import edition

    os.environ["SOURCE_DATE_EPOCH"] = str(edition.epoch(args.config.parent))
    if args.targets:
        print(f"{args.command} takes no further arguments, found {' '.join(args.targets)}", file=sys.stderr)
        return EXIT_CONFIG
    check_config(args.config)
    project = Project(args.config.parent)
    args.dist.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{args.dist.name}-new-", dir=args.dist.parent))
    try:
        site = work / "site"
        coverage = {"edition_date": edition.date(project.root).isoformat(), "commit": edition.commit(project.root)}
        findings = verify(project, site, args.online, args.cache_max_age * 3600, args.config, say, args.include_host,
                          coverage, selection)
        if not errors(findings) and args.command == "publish":
            from publication.checks import links
            from publication.checks.registry import OutputContext

            # What the validators will say, for the check report (a finding of theirs
            # stops the publication, so a published report can say they passed).
            context = OutputContext(project, site, work, work)
            chosen = {c.name for c in selection.checks}
            coverage["validators"] = {
                c.name: (c.unavailable(context) if c.unavailable else None) or ("" if c.name in chosen else "--skip")
                for c in every_check() if c.stage == "outputs"}

            findings += outputs.make_all(site, work, say=say, coverage=coverage,
                                         check_links=lambda built: links.check_site(built, project.data))
        if not errors(findings):
            findings += validate(project, site, work if args.command == "publish" else None, selection, say)
        for f in findings:
            print(f, file=sys.stdout if f.severity == "error" else sys.stderr)
        write_report(args.report, findings, args.command, time.monotonic() - start, coverage, selection.report())
        for name, outcome in selection.report().items():
            if "not installed" in outcome.get("reason", ""):
                say(f"{name}: not run ({outcome['reason']})")
        if args.summary:
            with args.summary.open("a", encoding="utf-8") as out:
                out.write(summary_markdown(findings, args.command, args.online))
        n_err = len(errors(findings))
        if n_err:
            say(f"{n_err} finding(s); dist/ was not changed. Report: {args.report}")
            return EXIT_FINDINGS
        if args.command == "publish":
            work.chmod(0o755)  # mkdtemp made it private; a web server must read it
            swap_into_place(work, args.dist)
            say(f"Published to {args.dist} in {time.monotonic() - start:.1f} s")
        else:
            say(f"No findings ({time.monotonic() - start:.1f} s)")
        return EXIT_CLEAN
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)

    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    try:
        return run(args, say)
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        print("interrupted; dist/ was not changed", file=sys.stderr)
        return EXIT_TOOL
    except Exception:  # the tool itself failed: say so, with the traceback for a developer
        traceback.print_exc()
        print("publish.py failed (a bug in the tool, not a finding); dist/ was not changed", file=sys.stderr)
        return EXIT_TOOL
