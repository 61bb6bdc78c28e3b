"""scripts/publish.py from the tests, two ways:

- `run`: as a person runs it, a process of its own. For what only the process shows:
  its exit status, signals, what it writes to its streams as a whole process.
- `call`: `publication.cli.main` in this process, with the project's configuration,
  report and dist/ (the defaults a process started in the project would take). For what
  the command says and does (findings, messages, exit codes, files), without an
  interpreter start-up and the imports per run. A `publish` still makes its edition in
  a process of its own (the command starts it), as it does from the command line.

The standard validators (W3C Nu, EPUBCheck, pdfua) are run and tested on the session's
publication (conftest.py `dist`, test_validators.py); a test of something else leaves
them out with `*SKIP_VALIDATORS`.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from publication import cli

SKIP_VALIDATORS = ("--skip", "html", "--skip", "epub", "--skip", "pdfua")


def run(project: Path, *args: str, env: dict | None = None, timeout: float = 900) -> subprocess.CompletedProcess:
    """scripts/publish.py ARGS as a process, in `project` (a copy holds its own code)."""
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "publish.py"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@dataclass
class Result:
    """What `call` returns: the exit code and the streams, as subprocess.run names them."""

    returncode: int
    stdout: str
    stderr: str


@contextmanager
def captured() -> Iterator[list[str]]:
    """This process's standard output and error, and those of the processes it starts,
    into the list [stdout, stderr] at the end of the block (file descriptors 1 and 2, as
    a process started with capture_output has them)."""
    streams: list[str] = []
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush()
        sys.stderr.flush()
        saved_fds = os.dup(1), os.dup(2)
        saved_sys = sys.stdout, sys.stderr
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        sys.stdout = open(1, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", buffering=1, closefd=False)  # noqa: SIM115
        try:
            yield streams
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            sys.stdout, sys.stderr = saved_sys
            os.dup2(saved_fds[0], 1)
            os.dup2(saved_fds[1], 2)
            os.close(saved_fds[0])
            os.close(saved_fds[1])
            for f in (out, err):
                f.seek(0)
                streams.append(f.read().decode("utf-8", errors="replace"))


def call(project: Path, *args: str, env: dict | None = None) -> Result:
    """publication.cli.main(ARGS) in this process, as if started in `project`: its
    mkdocs.yml, build/report.json and dist/ unless ARGS name others. Its streams are
    captured (`captured`), those of the processes it starts included. The working
    folder, the environment and the signal handlers the command sets are restored.

    Only for a copy whose data equals the repository's: what the code reads through its
    defaults (ROOT, DATA: the bibliography, the labels, the edition's date) is this
    repository's, not the copy's. A test that edits those files uses `run` (a process
    started in the copy reads the copy's)."""

    project = Path(project).absolute()
    defaults = [
        "--config",
        str(project / "mkdocs.yml"),
        "--report",
        str(project / "build" / "report.json"),
        "--dist",
        str(project / "dist"),
    ]
    saved_env = dict(os.environ)
    saved_cwd = os.getcwd()
    saved_signals = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP)}
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    os.chdir(project)
    try:
        with captured() as streams:
            try:
                code = cli.main([*defaults, *args])
            except SystemExit as stop:  # argparse: --help, a usage error
                code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        for sig, handler in saved_signals.items():
            signal.signal(sig, handler)
    return Result(code, *streams)


def tree_digest(folder: Path) -> str:
    """One digest of a folder's names and bytes: equal digests, an untouched folder."""

    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(p.relative_to(folder).as_posix().encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def tree_files(folder: Path) -> dict[str, str]:
    """Each file under `folder` (its path inside it) and its SHA-256: two trees compared
    file by file."""

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
