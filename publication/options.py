"""The command line of scripts/publish.py as it is read, and the build a `check` starts
before the rest of the tool is: the part of the command line that needs none of the
checks or the output makers (cli.py is the rest)."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from publication.model import edition
from publication.outputs.build import edition_env, start_build

EXIT_CLEAN, EXIT_TOOL, EXIT_FINDINGS, EXIT_CONFIG = 0, 1, 2, 3


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error exits 3 (bad configuration) with argparse's message."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_CONFIG, f"{self.prog}: error: {message}\n")


def publish_command(dist: Path, report: Path, *options: str, root: Path) -> list[str]:
    """`scripts/publish.py publish --quiet OPTIONS --dist DIST --report REPORT` of the
    project at `root`, as a process: for the scripts and tests that need a whole
    edition (run it with `cwd=root`)."""
    script = root / "scripts" / "publish.py"
    return [sys.executable, str(script), "publish", "--quiet", *options, "--dist", str(dist), "--report", str(report)]


def parser(root: Path) -> argparse.ArgumentParser:
    """The command line of the project at `root` (its dist/, build/ and mkdocs.yml by
    default)."""
    p = Parser(
        prog="publish.py",
        description="Build the publication strictly, run every check on that one build, and only then replace dist/.",
        epilog="Exit codes: 0 clean, 1 the tool itself failed, 2 findings, 3 bad configuration. "
        "Findings are printed as 'file:line: expected ..., found ...'.",
    )
    p.add_argument(
        "command",
        choices=["check", "publish", "review", "checks", "nu-service"],
        help="check: build and verify without writing dist/; publish: verify, then write dist/; "
        "review SECTION [ID ...]: mark the English of these segments as revisited against "
        "the current Dutch (renews their fingerprints in data/alignment/SECTION.yml); "
        "checks: list the checks by name, stage and what each covers; "
        "nu-service: keep the W3C Nu checker running for a session of checks (see its first line)",
    )
    p.add_argument(
        "targets",
        nargs="*",
        metavar="SECTION ID",
        help="with review: the section (its page's name, without .md) and its segment ids (s-12, a heading's anchor); "
        "without ids, only the record's missing entries are added",
    )
    p.add_argument("--all", action="store_true", help="with review: renew every segment's fingerprint")
    p.add_argument("--dist", type=Path, default=root / "dist", help="output folder (default: dist/)")
    p.add_argument(
        "--report",
        type=Path,
        default=root / "build" / "report.json",
        help="where to write the JSON report of findings (default: build/report.json)",
    )
    p.add_argument(
        "--online",
        action="store_true",
        help="also check the external links over the network (cached; see --cache-max-age)",
    )
    p.add_argument(
        "--cache-max-age",
        type=float,
        default=24.0,
        metavar="HOURS",
        help="reuse external link results younger than this (default: 24)",
    )
    p.add_argument(
        "--include-host",
        action="append",
        default=None,
        metavar="HOST",
        help="with --online, request only links to this host (repeatable; default: every allowed host)",
    )
    p.add_argument(
        "--summary",
        type=Path,
        default=None,
        metavar="FILE",
        help="also append the findings as Markdown to FILE (in CI: $GITHUB_STEP_SUMMARY)",
    )
    p.add_argument(
        "--allow-uncommitted",
        action="store_true",
        help="with publish: publish uncommitted changes as a draft edition (its check report and "
        "dist/EDITION say so, with a digest of the sources); without it, publish refuses them",
    )
    p.add_argument(
        "--replace-folder",
        action="store_true",
        help="with publish: replace the --dist folder even though it holds files that are not an edition",
    )
    p.add_argument(
        "--only",
        action="append",
        default=None,
        metavar="CHECK",
        help="run only this check (repeatable; `publish.py checks` lists them)",
    )
    p.add_argument("--skip", action="append", default=None, metavar="CHECK", help="leave this check out (repeatable)")
    p.add_argument("--config", type=Path, default=root / "mkdocs.yml", help=argparse.SUPPRESS)
    p.add_argument("--quiet", action="store_true", help="print only findings")
    # Set by publish for the run inside its snapshot (outputs/dist.py); not for people.
    p.add_argument("--work", type=Path, default=None, help=argparse.SUPPRESS)
    p.add_argument("--edition-label", default=None, help=argparse.SUPPRESS)
    p.add_argument("--sources-digest", default=None, help=argparse.SUPPRESS)
    p.add_argument("--draft", action="store_true", help=argparse.SUPPRESS)
    return p


def edition_epoch(root: Path) -> int:
    """The edition's time (model/edition.py); a malformed SOURCE_DATE_EPOCH is a
    ValueError that says so."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if value and not value.isdigit():
        raise ValueError(f"SOURCE_DATE_EPOCH: expected whole seconds since 1970 (like 1700000000), found {value!r}")
    return edition.epoch(root)


@dataclass
class Early:
    """A strict build started as the command began: the tool's checks and makers (a fifth
    of a second of Python to read) are read while it runs. `cli.run` takes it over."""

    work: Path  # the run's folder; the build writes work/site
    build: subprocess.Popen
    epoch: int
    temporary: bool  # `check`'s own folder, removed when the run ends

    def stop(self) -> None:
        """Stop the build if it still runs, and remove a folder of `check`'s own."""
        if self.build.returncode is None:  # not waited for by the run
            self.build.kill()
            self.build.communicate()
        if self.temporary:
            shutil.rmtree(self.work, ignore_errors=True)


def begin(argv: list[str] | None, root: Path) -> Early | None:
    """For `check` (and `publish` inside its snapshot): the build, started now. Nothing
    for any other command or a command line that does not read: `cli.main` reads it
    again and says what is wrong."""
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            args = parser(root.absolute()).parse_args(argv)
    except SystemExit:
        return None
    inner = args.command == "publish" and args.work is not None
    if not (args.command == "check" or inner) or args.targets or not args.config.is_file():
        return None
    try:
        epoch = edition_epoch(args.config.parent)
    except ValueError:
        return None
    if inner:
        work = args.work
        try:
            work.mkdir(parents=True)
        except OSError:
            return None  # cli.run makes it, and says why it cannot
    else:
        work = Path(tempfile.mkdtemp(prefix="publication-check-"))
    build = start_build(work / "site", args.config, edition_env(epoch))
    return Early(work, build, epoch, temporary=not inner)
