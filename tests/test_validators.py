"""Every output against its standard validator: the W3C Nu HTML checker on every page of
the site and of the offline bundle, EPUBCheck on both EPUBs, pdfua on both PDFs. Each
validator is also shown to fail on a fixture that breaks what it checks, so that a
passing run means the validator ran and found nothing."""

from __future__ import annotations

import http.server
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from clitools import call
from repo import ROOT

from publication.checks import registry, validators
from publication.model.downloads import epub_name
from publication.model.findings import Finding
from publication.model.publication import Publication
from publication.outputs.pdf import add_header_scopes
from publication.render.raw_blocks import RawHtmlBlocksExtension
from publication.render.theme import PatchError, html_toggles

# --- The session's publication: `publish` ran every validator ------------------------------


@pytest.mark.parametrize("name", ["html", "epub", "pdfua"])
def test_publish_ran_each_validator_on_its_outputs_and_it_found_nothing(dist, name):
    """The session's publication ran the W3C Nu checker on every page of the site and of
    the offline bundle, EPUBCheck on both EPUBs and pdfua on both PDFs (registry.py):
    no error, no warning."""
    checks = json.loads((dist.parent / "report.json").read_text(encoding="utf-8"))["checks"]
    assert checks[name] == {"stage": "outputs", "ran": True, "findings": 0, "errors": 0}


def test_the_html_validator_checks_the_site_and_the_offline_bundle(tmp_path, monkeypatch):

    seen = []
    monkeypatch.setattr(validators, "nu_html_trees", lambda trees: seen.append(trees) or [])
    check = next(c for c in registry.every_check() if c.name == "html")
    context = registry.OutputContext(Publication(tmp_path), tmp_path / "site", tmp_path, tmp_path / "offline")
    assert check.run(context) == []
    assert seen == [[(tmp_path / "site", "site"), (tmp_path / "offline", "offline")]]  # one Java run


# --- HTML: the W3C Nu checker -----------------------------------------------------------


@pytest.fixture(scope="module")
def nu_service():
    """One W3C Nu service for this module's tests of the session's checker."""
    with validators.NuService() as service:
        yield service


@pytest.fixture(params=["one run", "service"])
def nu_way(request, monkeypatch):
    """Each test of the Nu checker's findings, once through a run of its own (Java
    started for it, a named pipe and a folder) and once through a session's service."""
    if request.param == "service":
        monkeypatch.setenv(validators.SERVICE_ENV, request.getfixturevalue("nu_service").url)
    else:
        monkeypatch.delenv(validators.SERVICE_ENV, raising=False)
    return request.param


def test_the_nu_checker_reports_the_errors_the_theme_and_the_chart_once_had(tmp_path, nu_way):
    """The two defects the checker found before: autocomplete on checkbox toggles, and a
    figure inside a paragraph (a </p> with no paragraph open)."""
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>\n'
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<p><figure class="chart"></figure></p>\n</body></html>\n',
        encoding="utf-8",
    )
    found = validators.nu_html(tmp_path, label="site")
    assert [(f.file, f.line, f.severity) for f in found] == [
        ("site/en/index.html", 3, "error"),
        ("site/en/index.html", 4, "error"),
    ]
    assert found[0].found.startswith("Attribute “autocomplete” is only allowed when the input type is “color”")
    assert found[1].found == "No “p” element in scope but a “p” end tag seen."


def test_one_nu_run_names_each_trees_pages_by_its_own_label(tmp_path, nu_way):
    """The site and the offline bundle go through one Java start; each finding still
    names its own tree, and a tree without pages is a finding."""
    page = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>\n'
    for tree, body in (("site", "<p><div></div></p>"), ("offline", "<b></i>")):
        (tmp_path / tree / "en").mkdir(parents=True)
        (tmp_path / tree / "en" / "a.html").write_text(page + body + "</body></html>\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    trees = [(tmp_path / "site", "site"), (tmp_path / "offline", "offline"), (tmp_path / "empty", "x")]
    found = validators.nu_html_trees(trees)
    assert [(f.file, f.line, f.found) for f in found] == [
        ("x", 0, "none"),
        ("site/en/a.html", 3, "No “p” element in scope but a “p” end tag seen."),
        ("offline/en/a.html", 3, "Stray end tag “i”."),
        ("offline/en/a.html", 3, "End tag for  “body” seen, but there were unclosed elements."),
        ("offline/en/a.html", 3, "Unclosed element “b”."),
    ]


def test_a_nu_service_that_does_not_answer_is_a_finding_not_a_pass(tmp_path, monkeypatch):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv(validators.SERVICE_ENV, f"http://127.0.0.1:{port}/")
    (tmp_path / "a.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    found = validators.nu_html(tmp_path, label="site")
    assert [(f.file, f.expected, f.severity) for f in found] == [("site", "a report from the Nu checker", "error")]
    assert found[0].found.startswith(f"the service at http://127.0.0.1:{port}/ (PUBLICATION_NU_SERVICE) did not answer")


def test_a_nu_run_never_given_its_pages_is_stopped_and_leaves_nothing(monkeypatch):
    """A check that stops before the pages exist (findings in the sources) closes the
    checker it started: its Java ends and its folder (the pipe, the copies) goes."""
    monkeypatch.delenv(validators.SERVICE_ENV, raising=False)
    nu = validators.NuChecker()
    folder, java = nu._dir, nu._proc
    assert folder.is_dir() and java.poll() is None
    nu.close()
    assert java.poll() is not None and not folder.exists()


def test_check_uses_the_session_service_it_is_given(tmp_path, monkeypatch):
    """With PUBLICATION_NU_SERVICE, `check` asks that service (here one that says each
    page has one error) and starts no Java of its own for the pages."""
    asked = []

    class Service(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            asked.append(self.headers["Content-Type"])
            self.rfile.read(int(self.headers["Content-Length"]))
            body = json.dumps({"messages": [{"type": "error", "lastLine": 7, "message": "Said by the service."}]})
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Service)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv(validators.SERVICE_ENV, f"http://127.0.0.1:{server.server_address[1]}/")
    started = []
    monkeypatch.setattr(validators, "NuChecker", lambda: started.append(1))
    try:
        result = call(ROOT, "check", "--quiet", "--only", "html", "--report", str(tmp_path / "r.json"))
    finally:
        server.shutdown()
        server.server_close()
    pages = sorted(p.relative_to(ROOT / "docs") for p in (ROOT / "docs").rglob("*.md"))
    assert result.returncode == 2 and started == [] and asked and set(asked) == {"text/html; charset=utf-8"}
    lines = [line for line in result.stdout.splitlines() if "Said by the service." in line]
    assert len(lines) == len(asked) >= len(pages)
    assert all(line.startswith("site/") and ":7: " in line for line in lines)


def test_the_nu_service_command_answers_until_it_is_stopped(tmp_path):
    """`publish.py nu-service` prints the line that names it, answers checks, and on
    SIGTERM stops, its Java with it."""
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "publish.py"), "nu-service"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = proc.stdout.readline().strip()
        assert first.startswith(f"export {validators.SERVICE_ENV}=http://127.0.0.1:")
        url = first.split("=", 1)[1]
        (tmp_path / "a.html").write_text(
            '<!doctype html><html lang="en"><head><title>x</title></head><body><b></i></body></html>', encoding="utf-8"
        )
        found = validators.NuClient(url).check([(tmp_path, None)])
        assert [(f.file, f.found) for f in found][0] == ("a.html", "Stray end tag “i”.")
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "nu-service stopped" in err
    port = int(url.rsplit(":", 1)[1].strip("/"))
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_the_theme_patch_makes_the_toggles_valid_and_fails_loudly_on_new_markup():

    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
    )
    assert html_toggles(page, "x.html") == page.replace(' autocomplete="off"', "")
    with pytest.raises(PatchError, match="x.html: expected Material's two checkbox toggles"):
        html_toggles(page.replace('type="checkbox" id="__search"', 'id="__search" type="checkbox"'), "x.html")


def test_the_header_title_keeps_the_sites_name_before_its_dash_apart_and_fails_loudly_on_new_markup():
    from publication.render.theme import short_header_title

    header = (
        '<div class="md-header__topic">\n  <span class="md-ellipsis">\n    Samen tegen mensenhandel – Daderaanpak\n'
        "  </span>\n</div>"
    )
    assert short_header_title(header, "Samen tegen mensenhandel – Daderaanpak", "x.html") == header.replace(
        "Samen tegen mensenhandel – ", '<span class="md-header__long">Samen tegen mensenhandel – </span>'
    )
    # a name with a character HTML escapes; a name without a dash stays as it is
    escaped = header.replace("Samen tegen mensenhandel", "Samen &amp; tegen")
    assert '<span class="md-header__long">Samen &amp; tegen – </span>Daderaanpak' in short_header_title(
        escaped, "Samen & tegen – Daderaanpak", "x.html"
    )
    # MkDocs' Jinja writes the name as it is; escaped by a template, it is found too
    for written in ('Children\'s "plan"', "Children&#39;s &#34;plan&#34;"):
        page = header.replace("Samen tegen mensenhandel", written)
        assert f'<span class="md-header__long">{written} – </span>Daderaanpak' in short_header_title(
            page, 'Children\'s "plan" – Daderaanpak', "x.html"
        )
    assert short_header_title(header, "Daderaanpak", "x.html") == header
    # two dashes: the last part names the section
    two = header.replace("Samen tegen mensenhandel", "Samen – tegen")
    assert '<span class="md-header__long">Samen – tegen – </span>Daderaanpak' in short_header_title(
        two, "Samen – tegen – Daderaanpak", "x.html"
    )
    with pytest.raises(PatchError, match="x.html: expected the header's site name 'Samen – Anders'"):
        short_header_title(header, "Samen – Anders", "x.html")
    # Material's header whose topic has another name: loud, not silently unpatched
    renamed = '<header class="md-header">' + header.replace("md-header__topic", "md-header__subject") + "</header>"
    with pytest.raises(PatchError, match="x.html: expected the header's site name"):
        short_header_title(renamed, "Samen tegen mensenhandel – Daderaanpak", "x.html")
    assert short_header_title("<p>no header</p>", "Samen – Daderaanpak", "x.html") == "<p>no header</p>"


def test_a_placeholder_block_in_an_admonition_is_raw_html_not_a_paragraph():
    import markdown

    source = (
        '!!! note "x"\n    Text.\n\n    <figure class="chart"><svg></svg></figure><table><tr><td>1</td></tr></table>\n'
    )
    out = markdown.markdown(source, extensions=["admonition", RawHtmlBlocksExtension()])
    assert "<p><figure" not in out and "</table></p>" not in out
    assert '<figure class="chart"><svg></svg></figure><table><tr><td>1</td></tr></table>' in out
    # A paragraph that merely starts with an inline element stays a paragraph.
    inline = markdown.markdown("<abbr>NLA</abbr> werkt.", extensions=[RawHtmlBlocksExtension()])
    assert inline.startswith("<p>")


# --- EPUB: EPUBCheck --------------------------------------------------------------------


def test_epubcheck_reports_a_broken_epub(dist, tmp_path):
    """The Dutch EPUB with a footnote link to a note that is not there, and its nav
    document left out of the manifest."""
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(dist / epub_name("nl")) as src, zipfile.ZipFile(broken, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "EPUB/daderaanpak.xhtml":  # the section's chapter
                data = data.replace(b'href="#fn36"', b'href="#fn99"')
            if info.filename == "EPUB/content.opf":
                data = data.replace(b'properties="nav"', b"")
            out.writestr(
                info, data, compress_type=zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            )
    found = validators.epubcheck(broken)
    assert {f.check for f in found} == {"epub"} and all(f.severity == "error" for f in found)
    # The fragment #fn99 is not defined; no manifest item is the nav document.
    assert sorted((f.file.split("/", 1)[1], f.found.split(" ", 1)[0]) for f in found) == [
        ("EPUB/content.opf", "RSC-005"),
        ("EPUB/daderaanpak.xhtml", "RSC-012"),
    ]
    nav = next(f for f in found if f.file.endswith("content.opf"))
    assert 'Exactly one manifest item must declare the "nav" property' in nav.found


EPUBCHECK_STOPPED = """
import signal, sys, time
from pathlib import Path
from publication.checks import validators

def stop(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGTERM, stop)
try:
    validators.epubchecks([Path(p) for p in sys.argv[1:]])
except KeyboardInterrupt:
    print("stopped", flush=True)
"""


def test_a_signal_that_stops_the_command_stops_both_epubchecks(dist, tmp_path):
    """The two EPUBChecks run side by side as processes this thread waits for: the
    signal that stops `publish` (its handler raises, as cli.main's does) ends both Javas
    before the command ends, none is left reading a removed work folder."""

    epubs = [str(dist / epub_name(lang)) for lang in ("nl", "en")]
    proc = subprocess.Popen(
        [sys.executable, "-c", EPUBCHECK_STOPPED, *epubs],
        cwd=Path(__file__).parent.parent,
        stdout=subprocess.PIPE,
        text=True,
    )

    def javas() -> list[int]:  # the EPUBChecks the command started, from any of its threads
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_bytes().rsplit(b")", 1)[1].split()
                if int(fields[1]) == proc.pid and b"epubcheck" in (stat.parent / "cmdline").read_bytes():
                    found.append(int(stat.parent.name))
            except (OSError, IndexError, ValueError):
                continue  # a process that ended meanwhile
        return found

    deadline = time.monotonic() + 60
    while len(javas()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    started = javas()
    assert len(started) == 2, "both EPUBChecks run at once"
    proc.send_signal(signal.SIGTERM)  # at once: each EPUBCheck takes seconds more
    out, _ = proc.communicate(timeout=3)  # not after the Javas end by themselves
    assert out.strip() == "stopped"
    assert javas() == [], "no EPUBCheck outlives the command"


def test_an_epub_epubcheck_cannot_read_or_find_is_a_finding_not_a_pass(tmp_path):
    (tmp_path / "nothing.epub").write_bytes(b"")
    found = validators.epubchecks([tmp_path / "nothing.epub", tmp_path / "missing.epub"])
    assert [(f.file, f.line, f.found.split(" ", 1)[0], f.severity) for f in found] == [
        ("missing.epub", 0, "no", "error"),
        ("nothing.epub/nothing.epub", 0, "PKG-003", "error"),
        ("nothing.epub/nothing.epub", 0, "PKG-008", "error"),
    ]


# --- PDF: pdfua -------------------------------------------------------------------------


def test_pdfua_reports_table_headers_without_scope_and_the_scopes_fix_it(tmp_path):
    """WeasyPrint tags a table's header cells without /Scope (pdfua's UA-15-003); the PDF
    step adds it, /Column in the head and /Row in the body."""
    from weasyprint import HTML

    target = tmp_path / "table.pdf"
    HTML(
        string='<html lang="en"><head><title>A table</title></head><body><table><caption>Shares</caption>'
        '<thead><tr><th scope="col">Form</th><th scope="col">Share</th></tr></thead>'
        '<tbody><tr><th scope="row">Sexual</th><td>76%</td></tr></tbody></table></body></html>'
    ).write_pdf(target, pdf_variant="pdf/ua-1")
    found = validators.pdfua(target)
    assert [(f.expected, f.severity) for f in found] == [("PDF/UA-1 UA-15-003", "warning")]
    assert add_header_scopes(target) == 3
    assert validators.pdfua(target) == []
    import pikepdf

    with pikepdf.open(target) as pdf:
        scopes = []
        stack = [pdf.Root.StructTreeRoot.K]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack += list(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.S == "/TH":
                    scopes.append(str(node.A.Scope))
                if "/K" in node:
                    stack.append(node.K)
    assert sorted(scopes) == ["/Column", "/Column", "/Row"]


def test_a_rule_pdfua_cannot_run_is_a_finding_not_a_pass(tmp_path, monkeypatch):
    """pdfua reports a rule that raised as skipped; the validator makes that a finding."""
    from pdfua.rules import structure
    from weasyprint import HTML

    target = tmp_path / "h.pdf"
    HTML(
        string='<html lang="en"><head><title>H</title></head><body><h1>Heading</h1><p>Text.</p></body></html>'
    ).write_pdf(target, pdf_variant="pdf/ua-1")

    def broken(self, doc):
        raise ValueError("a rule that cannot run")
        yield  # pragma: no cover

    monkeypatch.setattr(structure.EmptyHeadingRule, "check", broken)
    found = validators.pdfua(target)
    assert found == [
        Finding("h.pdf", 0, "rule UA-14-001 evaluated", "rule raised ValueError: a rule that cannot run", "pdfua")
    ]
