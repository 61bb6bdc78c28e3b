"""The command line of scripts/publish.py: it only prints findings and sets the exit
code; the work is in plain functions (build, checks, outputs)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from pathlib import Path

import yaml

from publication.checks import run_output_checks, run_site_checks, run_source_checks, validators
from publication.checks.registry import OutputContext, UnknownCheck, every_check, select
from publication.model import datafiles, edition, segments
from publication.model.datafiles import DataFileError
from publication.model.downloads import OFFLINE_TOP, OFFLINE_ZIP
from publication.model.findings import Finding, Say, errors
from publication.model.processes import die_with_parent
from publication.model.publication import Publication
from publication.options import EXIT_CLEAN, EXIT_CONFIG, EXIT_FINDINGS, EXIT_TOOL, Early, edition_epoch, parser
from publication.outputs import dist as dist_mod
from publication.outputs import publish as outputs
from publication.outputs.build import edition_env, finish_build, start_build, stop_with_parent
from publication.render.placeholders import read_page


class ConfigError(Exception):
    """The configuration or the data files cannot be read."""


class Interrupted(Exception):
    """SIGTERM or SIGHUP: stop as Ctrl-C does."""


def check_config(config: Path) -> None:
    if not config.is_file():
        raise ConfigError(f"{config}: the MkDocs configuration is missing")
    text = config.read_text(encoding="utf-8")
    try:
        data = datafiles.parse_config(text)
    except datafiles.PolicyError as err:
        line, problem = datafiles.yaml_error(text, err)
        raise ConfigError(f"{config}:{line}: expected {err.expected}, found {problem}") from None
    except yaml.YAMLError as err:
        raise ConfigError(f"{config}: not valid YAML: {err}") from None
    from publication.model import policy
    from publication.model.findings import key_line

    for option, value in policy.config_path_problems(data if isinstance(data, dict) else {}, config.parent):
        line = key_line(config, option.split(".")[-1])
        raise ConfigError(f"{config}:{line}: expected '{option}' inside the project (model/policy.py), found {value!r}")
    hosts = config.parent / "data" / "external-links.yml"
    try:
        raw = datafiles.load(hosts, datafiles.SHAPES["external-links.yml"])
    except datafiles.DataFileError as err:
        raise ConfigError(
            f"{hosts}:{err.line}: expected 'allowed_hosts:' mapping each host to the reason it is "
            f"allowed ({err.expected}, found {err.found})"
        ) from None
    if not all(reason.strip() for reason in raw["allowed_hosts"].values()):
        raise ConfigError(f"{hosts}: expected 'allowed_hosts:' mapping each host to the reason it is allowed")


def write_report(
    path: Path,
    findings: list[Finding],
    command: str,
    seconds: float,
    coverage: dict | None = None,
    checks: dict | None = None,
) -> None:
    report = {
        "command": command,
        "coverage": coverage or {},
        "checks": checks or {},
        "seconds": round(seconds, 3),
        "errors": len(errors(findings)),
        "warnings": len(findings) - len(errors(findings)),
        "findings": [f.as_dict() for f in findings],
    }
    datafiles.write_text(path, json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def summary_markdown(findings: list[Finding], command: str, online: bool) -> str:
    """The findings as a short Markdown report, for a CI run's summary page."""
    errs = errors(findings)
    head = f"## publish.py {command}{' --online' if online else ''}: "
    if not findings:
        return head + "no findings\n"
    lines = [
        head + f"{len(errs)} error(s), {len(findings) - len(errs)} warning(s)",
        "",
        "| where | expected | found |",
        "|---|---|---|",
    ]
    cell = lambda text: str(text).replace("|", "\\|").replace("\n", " ")  # noqa: E731
    for f in findings:
        where = f"{f.file}:{f.line}" if f.line else f.file
        prefix = "warning: " if f.severity == "warning" else ""
        lines.append(f"| `{cell(where)}` | {prefix}{cell(f.expected)} | {cell(f.found)} |")
    return "\n".join(lines) + "\n"


def verify(
    project,
    site: Path,
    online: bool,
    cache_max_age: float,
    config: Path,
    say: Say,
    include_hosts: list[str] | None = None,
    coverage: dict | None = None,
    selection=None,
    epoch: int | None = None,
    build: subprocess.Popen | None = None,
) -> list[Finding]:
    """Source checks, then one strict build, then the checks on that build. A stage
    with errors stops the next: its findings are what there is to fix first. The build
    dates what it writes with `epoch` (the edition's time) when it is given; `build`,
    one already started into `site` (options.begin)."""

    # The build runs in its own process while the sources are checked; with findings
    # in the sources it is stopped, since they are what there is to fix first.
    say("Building the site (nl, en) ...")
    if build is None:
        build = start_build(site, config, edition_env(epoch) if epoch is not None else None)
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
    return findings + run_site_checks(
        project,
        site,
        online=online,
        cache_max_age=cache_max_age,
        say=say,
        include_hosts=include_hosts,
        coverage=coverage,
        selection=selection,
    )


def validate(project, site: Path, work: Path | None, selection, say: Say, nu=None) -> list[Finding]:
    """The standard validators (W3C Nu checker, EPUBCheck, pdfua) on the built site and,
    from `publish`, the offline bundle, the EPUBs and the PDFs; `nu`, the Nu checker
    started when the run began (`early_nu`)."""

    offline = None
    if work is not None:
        unpacked = work / "offline-unpacked"
        with zipfile.ZipFile(work / OFFLINE_ZIP) as z:
            z.extractall(unpacked)
        offline = unpacked / OFFLINE_TOP
    context = OutputContext(project, site, work, offline, nu)
    named = [c.tool for c in selection.checks if c.tool and not (c.unavailable and c.unavailable(context))]
    if named:  # only those that run (--only, --skip; the EPUBs and PDFs only from publish)
        say(f"Validating: {', '.join(named)} ...")
    try:
        return run_output_checks(project, site, work, offline, selection, nu)
    finally:
        if offline is not None:
            shutil.rmtree(offline.parent, ignore_errors=True)


def early_nu(project, site: Path, work: Path | None, selection):
    """The W3C Nu checker, when this run will use it: the session's service, or a run of
    its own started now, whose Java starts and reads its schemas while the site is built
    and the sources are checked."""
    context = OutputContext(project, site, work, work)
    html = next((c for c in selection.checks if c.name == "html"), None)
    if html is None or (html.unavailable and html.unavailable(context)):
        return None
    return validators.nu_checker()


def nu_service(say: Say) -> int:
    """Run the W3C Nu checker as a service until stopped (Ctrl-C): the checks of every
    command given its address in PUBLICATION_NU_SERVICE use it."""
    try:
        service = validators.NuService()
    except validators.ValidatorMissing as err:
        print(f"nu-service: {err}", file=sys.stderr)
        return EXIT_TOOL
    with service:
        print(f"export {validators.SERVICE_ENV}={service.url}", flush=True)
        say(
            "The W3C Nu checker answers there until Ctrl-C. In another shell, run the line above: each "
            "check there then uses it instead of starting Java."
        )
        try:
            signal.pause()
        except (KeyboardInterrupt, Interrupted):
            say("nu-service stopped")
    return EXIT_CLEAN


def review(args, say: Say) -> int:
    """Renew the fingerprints of the named segments (or add the missing entries)."""

    project = Publication.at(args.config)
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
    read = {lang: read_page(path, lang, project) for lang, path in paths.items()}
    record_file = segments.record_path(section, project.data)
    record = segments.load_record(record_file)
    pairing = segments.pair(read["nl"], read["en"], record, project)
    known = {s.id for s in pairing.segments}
    ids = set(args.targets[1:])
    unknown = sorted(ids - known)
    if unknown:
        print(
            f"{project.rel(record_file)}: no segment {', '.join(unknown)} in {section} "
            f"(the segments are {', '.join(s.id for s in pairing.segments[:4])}, …)",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    if pairing.problems:
        for p in pairing.problems:
            print(
                f"{project.rel(paths['en'])}:{p.segment.line('en') or p.segment.line('nl')}: "
                f"{p.segment.id} does not pair ({p.kind}); mend the English or record the grouping first",
                file=sys.stderr,
            )
        return EXIT_FINDINGS
    entries = segments.reviewed_entries(pairing, record, None if args.all else ids)
    segments.write_record(record_file, section, entries)
    renewed = sum(1 for e in entries if args.all or e.id in ids or e.id not in record.entries)
    say(f"{project.rel(record_file)}: {renewed} of {len(entries)} segment(s) marked as reviewed")
    return EXIT_CLEAN


def source_date_epoch(root: Path) -> int:
    """The edition's time; a malformed SOURCE_DATE_EPOCH is bad configuration."""

    try:
        return edition_epoch(root)
    except ValueError as err:
        raise ConfigError(str(err)) from None


def publish(args, say: Say, start: float, epoch: int) -> int:
    """Take one snapshot of the sources, make the edition from it (the rest of the
    command runs inside the snapshot, so every output reads the same state), then put
    it in place of dist/ (outputs/dist.py)."""

    root = args.config.parent.resolve()
    dist = args.dist.absolute()
    try:
        lock = dist_mod.locked(dist)
        lock.__enter__()
    except dist_mod.Busy as err:
        print(err, file=sys.stderr)
        return EXIT_TOOL
    try:
        for line in dist_mod.clean_leftovers(dist):
            say(line)
        try:
            dist_mod.check_target(dist, args.replace_folder)
        except dist_mod.DistError as err:
            raise ConfigError(str(err)) from None
        work = dist_mod.work_folder(dist)
        try:
            say("Taking a snapshot of the sources ...")
            try:
                snap = dist_mod.snapshot(root, work / "source", args.allow_uncommitted)
            except dist_mod.UnsafeSources as err:
                for rel, what in err.entries:
                    print(Finding(rel, 0, "no link or special file in the sources (model/policy.py)", what, "files"))
                say(f"{len(err.entries)} finding(s) in the sources; nothing was built, dist/ was not changed")
                return EXIT_FINDINGS
            except dist_mod.UncommittedChanges as err:
                raise ConfigError(
                    f"{root}: uncommitted changes ({err}); an edition is made from a commit. Commit "
                    "them, or publish a draft with --allow-uncommitted"
                ) from None
            if (root / "build").is_dir():  # the online link cache lives on between runs
                (snap.root / "build").symlink_to(root / "build", target_is_directory=True)
            if snap.draft:
                say(f"Draft edition: uncommitted changes on {snap.commit}, sources sha256 {snap.digest}")
            edition = work / "edition"
            command = [
                sys.executable,
                str(snap.root / "scripts" / "publish.py"),
                "publish",
                "--work",
                str(edition),
                "--report",
                str(args.report.absolute()),
                "--cache-max-age",
                str(args.cache_max_age),
                "--sources-digest",
                snap.digest,
            ]
            if snap.label:
                command += ["--edition-label", snap.label]
            command += ["--draft"] * snap.draft + ["--online"] * args.online + ["--quiet"] * args.quiet
            for host in args.include_host or []:
                command += ["--include-host", host]
            for name in args.only or []:
                command += ["--only", name]
            for name in args.skip or []:
                command += ["--skip", name]
            if args.summary:
                command += ["--summary", str(args.summary.absolute())]
            # The snapshot has no history of its own: it is given the edition's time.
            child = subprocess.Popen(
                command, cwd=snap.root, env={**os.environ, **edition_env(epoch)}, preexec_fn=die_with_parent()
            )
            try:
                code = child.wait()
            except BaseException:
                child.terminate()
                try:
                    child.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    child.kill()
                raise
            if code != EXIT_CLEAN:
                return code  # it said what it found; dist/ is as it was
            dist_mod.write_marker(edition, snap)
            edition.chmod(0o755)
            # No signal between the swap and its message: what is said about dist/ is true.
            blocked = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
            signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
            try:
                dist_mod.swap(edition, dist)
            except dist_mod.OldEditionLeft as err:
                print(f"Published, but: {err}", file=sys.stderr)
                return EXIT_TOOL
            finally:
                shutil.rmtree(work, ignore_errors=True)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, blocked)
            say(f"Published to {dist} in {time.monotonic() - start:.1f} s")
            return EXIT_CLEAN
        finally:
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
    finally:
        lock.__exit__(None, None, None)


def run(args, say: Say, early: Early | None = None) -> int:

    start = time.monotonic()
    if args.command == "review":
        return review(args, say)
    if args.command == "nu-service":
        return nu_service(say)
    if args.command == "checks":
        width = max(len(check.name) for check in every_check())
        for check in every_check():
            print(f"{check.name:{width}}  {check.stage:8} {check.covers}")
        return EXIT_CLEAN
    try:
        selection = select(args.only, args.skip)
    except UnknownCheck as err:
        raise ConfigError(str(err)) from None
    if args.targets:
        print(f"{args.command} takes no further arguments, found {' '.join(args.targets)}", file=sys.stderr)
        return EXIT_CONFIG
    # Every date a build writes (the sitemap, the PDFs, the zip's entries) is the
    # edition's: the commit's time, passed to each maker, and to the processes that
    # build (MkDocs, the snapshot's publish) as their SOURCE_DATE_EPOCH.

    epoch = source_date_epoch(args.config.parent)
    check_config(args.config)
    if args.command == "publish" and args.work is None:
        return publish(args, say, start, epoch)
    project = Publication.at(args.config)
    if early is not None:  # the build began with the command (options.begin), in its folder
        work, epoch = early.work, early.epoch
    elif args.work is not None:  # publish, inside its snapshot: the edition is made in args.work
        work = args.work
        work.mkdir(parents=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="publication-check-"))
    nu = None
    try:
        site = work / "site"
        nu = early_nu(project, site, work if args.command == "publish" else None, selection)
        coverage = {
            "edition_date": edition.day(epoch).isoformat(),
            "commit": args.edition_label if args.work is not None else project.commit,
        }
        if args.work is not None:
            coverage.update({"uncommitted_changes": args.draft, "sources_sha256": args.sources_digest})
        findings = verify(
            project,
            site,
            args.online,
            args.cache_max_age * 3600,
            args.config,
            say,
            args.include_host,
            coverage,
            selection,
            epoch,
            early.build if early is not None else None,
        )
        if not errors(findings) and args.command == "publish":
            # What the validators will say, for the check report (a finding of theirs
            # stops the publication, so a published report can say they passed).
            context = OutputContext(project, site, work, work)
            chosen = {c.name for c in selection.checks}
            coverage["validators"] = {
                c.name: (c.unavailable(context) if c.unavailable else None) or ("" if c.name in chosen else "--skip")
                for c in every_check()
                if c.stage == "outputs"
            }

            findings += outputs.make_all(
                site,
                work,
                project,
                say=say,
                coverage=coverage,
                check_links=lambda built: selection.run_one("links.offline", OutputContext(project, built, work)),
                epoch=epoch,
            )
        if not errors(findings):
            findings += validate(project, site, work if args.command == "publish" else None, selection, say, nu)
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
        if args.command == "check":
            say(f"No findings ({time.monotonic() - start:.1f} s)")
        return EXIT_CLEAN
    finally:
        if nu is not None:
            nu.close()
        if args.work is None and work.exists():
            shutil.rmtree(work, ignore_errors=True)


# Errors of the machine, not of the tool or the sources: one plain line, exit 1.
SYSTEM_ERRNOS = {
    errno.ENOSPC,
    errno.EROFS,
    errno.EACCES,
    errno.EPERM,
    errno.EDQUOT,
    errno.ENOTDIR,
    errno.EIO,
    errno.EMFILE,
    errno.ENOMEM,
    errno.EEXIST,
    errno.EXDEV,
    errno.EBUSY,
}


def main(argv: list[str] | None = None, root: Path | None = None, early: Early | None = None) -> int:
    """The command, for the project at `root` (scripts/publish.py gives its own; by
    default the current folder); `early`, the build `options.begin` started for it."""
    args = parser((root or Path.cwd()).absolute()).parse_args(argv)

    def say(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    stopping: list[int] = []

    def stop(signum, frame):
        # Once: a second signal (the parent's death after its Ctrl-C, a second Ctrl-C)
        # must not cut short the clean-up the first one started.
        if stopping:
            return
        stopping.append(signum)
        raise Interrupted(signal.Signals(signum).name)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)
    if os.environ.get("PUBLICATION_STOP_WITH_PARENT") and args.work is None:
        # make publish: when make is killed, or stopped by Ctrl-C sent to it alone, this
        # publication stops too (Linux).

        os.environ.pop("PUBLICATION_STOP_WITH_PARENT")
        stop_with_parent()
    try:
        return run(args, say, early)
    except ConfigError as err:
        print(f"configuration error: {err}", file=sys.stderr)
        return EXIT_CONFIG
    except DataFileError as err:  # a data file read outside the checks (they make it a finding)
        print(f"configuration error: {err}", file=sys.stderr)
        return EXIT_CONFIG
    except (KeyboardInterrupt, Interrupted) as err:
        print(f"interrupted{f' ({err})' if str(err) else ''}; dist/ was not changed", file=sys.stderr)
        return EXIT_TOOL
    except OSError as err:
        if err.errno not in SYSTEM_ERRNOS:
            traceback.print_exc()
            print("publish.py failed (a bug in the tool, not a finding); dist/ was not changed", file=sys.stderr)
            return EXIT_TOOL
        where = f": {err.filename}" if err.filename else ""
        print(
            f"publish.py could not write or read a file ({err.strerror}{where}); dist/ was not changed", file=sys.stderr
        )
        return EXIT_TOOL
    except Exception:  # the tool itself failed: say so, with the traceback for a developer
        traceback.print_exc()
        print("publish.py failed (a bug in the tool, not a finding); dist/ was not changed", file=sys.stderr)
        return EXIT_TOOL
    finally:
        if early is not None:  # a build the run did not take over (a bad option, a bad mkdocs.yml)
            early.stop()
