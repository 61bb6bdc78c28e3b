"""Run MkDocs as a separate process (its internals stay out of the checks) and turn
what it reports into findings."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from publication.model.findings import Finding, key_line
from publication.model.processes import die_with_parent

LOG_RE = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.*)$")
DOC_FILE_RE = re.compile(r"Doc file '(?P<file>[^']+)'")
PAGE_LINE_RE = re.compile(r"(?P<file>docs/[^\s:]+\.md):(?P<line>\d+): (?P<message>.*)")
# "Error reading page 'en/index.md': [Errno 2] No such file or directory: '…/fr.md'"
PAGE_ERROR_RE = re.compile(r"Error reading page '(?P<file>[^']+)': (?P<message>.*)")
MISSING_FILE_RE = re.compile(r"No such file or directory: '(?P<path>[^']+)'")


CONFIG_VALUE_RE = re.compile(r"Config value '(?P<key>[^']+)'")
SYSTEM_ERROR_RE = re.compile(r"\[Errno (?P<errno>28|30|122)\] [^:'\n]+(?:: '(?P<file>[^']*)')?")  # ENOSPC EROFS EDQUOT


def _signal_set(hex_mask: str) -> set[int]:
    mask = int(hex_mask, 16)
    return {n for n in range(1, 65) if mask & (1 << (n - 1))}


def parent_stopping(parent: int) -> bool:
    """Whether `parent` is gone, or is handling a signal that stops it (Linux /proc).
    GNU make, on Ctrl-C sent to it alone (SIGINT, SIGHUP, SIGQUIT), resets the signal to
    its default and, with it blocked, waits for its children before it dies: it takes
    for granted that the terminal sent the signal to them too. That state (the signal
    blocked, no longer caught) is what is read here."""
    import signal

    try:
        with open(f"/proc/{parent}/status", encoding="ascii") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
    except OSError:
        return True
    if os.getppid() != parent:
        return True
    blocked, caught = _signal_set(fields["SigBlk"].strip()), _signal_set(fields["SigCgt"].strip())
    stopping = {signal.SIGINT, signal.SIGHUP, signal.SIGQUIT, signal.SIGTERM}
    return any(sig in blocked and sig not in caught for sig in stopping)


def stop_with_parent(interval: float = 0.2) -> None:
    """This process stops (SIGTERM to itself) when the process that started it is gone
    or stopping: PR_SET_PDEATHSIG for its death, and a watcher thread for a parent that
    waits for it after a signal of its own (`parent_stopping`: make after Ctrl-C)."""
    import signal
    import threading
    import time

    die_with_parent(signal.SIGTERM)()
    parent = os.getppid()

    def watch() -> None:
        while not parent_stopping(parent):
            time.sleep(interval)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="stop-with-parent", daemon=True).start()


def edition_env(epoch: int) -> dict[str, str]:
    """What a process that builds needs to date everything it writes (the sitemap, the
    pages' edition date) with the edition's time: SOURCE_DATE_EPOCH, as
    reproducible-builds.org asks. Given to that process only, never set in ours."""
    return {"SOURCE_DATE_EPOCH": str(epoch)}


def start_build(site_dir: Path, config: Path, env: dict | None = None) -> subprocess.Popen:
    """Start a strict build into `site_dir` in its own process (other work can go on
    meanwhile); `finish_build` waits for it and reads its findings."""
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.Popen(
        # Not --quiet: it hides the warnings that --strict then aborts on (MkDocs' own
        # text for a configuration it does not know, for one).
        [
            sys.executable,
            "-m",
            "publication.outputs.mkdocs_run",  # MkDocs with the project's safe YAML reading
            "build",
            "--strict",
            "--clean",
            "--config-file",
            str(config),
            "--site-dir",
            str(site_dir),
        ],
        cwd=config.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=run_env,
        preexec_fn=die_with_parent(),
    )


def page_error(message: str, docs: Path) -> Finding | None:
    """MkDocs' "Error reading page" as a finding on that page, at the line that names
    the missing file (an include) when there is one."""
    m = PAGE_ERROR_RE.search(message)
    if not m:
        return None
    page = docs / m["file"]
    line = 0
    missing = MISSING_FILE_RE.search(m["message"])
    if missing and page.is_file():
        name = Path(missing["path"]).name
        line = next(
            (n for n, text in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1) if name in text), 0
        )
    return Finding(f"docs/{m['file']}", line, "a page MkDocs can read", m["message"], check="build")


def finish_build(proc: subprocess.Popen, docs: Path | None = None) -> list[Finding]:
    """The warnings and errors of a started build as findings (none: a clean build).
    `docs`: the pages' folder, to find the line a page's error is about."""
    stdout, stderr = proc.communicate()
    system = SYSTEM_ERROR_RE.search(stderr)
    if system:  # the machine's trouble (a full or read-only disk), not the sources'
        number = int(system["errno"])
        raise OSError(number, os.strerror(number), system["file"])
    findings = []
    for line in (stderr + stdout).splitlines():
        m = LOG_RE.match(line.strip())
        if not m:
            continue
        message = m["message"]
        where = PAGE_LINE_RE.search(message)
        if where:
            findings.append(
                Finding(where["file"], int(where["line"]), "a page MkDocs can build", where["message"], check="build")
            )
            continue
        read_error = page_error(message, docs) if docs is not None else None
        if read_error is not None:
            findings.append(read_error)
            continue
        config_value = CONFIG_VALUE_RE.search(message)
        if config_value and docs is not None:
            key = config_value["key"].split(".")[0]
            config = docs.parent / "mkdocs.yml"
            findings.append(
                Finding(
                    "mkdocs.yml",
                    key_line(config, key) if config.is_file() else 0,
                    "a configuration MkDocs accepts",
                    message,
                    check="build",
                )
            )
            continue
        doc = DOC_FILE_RE.search(message)
        file = f"docs/{doc['file']}" if doc else "mkdocs.yml"
        findings.append(Finding(file, 0, "a build without warnings", message, check="build"))
    if proc.returncode != 0 and not findings:
        # MkDocs' own words: its last lines (an error it raised, or why it stopped).
        said = [line.strip() for line in stderr.splitlines() if line.strip() and not line.startswith("INFO")]
        findings.append(
            Finding("mkdocs.yml", 0, "a build without errors", " / ".join(said[-3:]) or "(no output)", check="build")
        )
    return findings


def mkdocs_build(site_dir: Path, config: Path, env: dict | None = None) -> list[Finding]:
    """Build strictly into `site_dir`; return the warnings and errors as findings
    (an empty list means a clean build)."""
    return finish_build(start_build(site_dir, config, env), config.parent / "docs")
