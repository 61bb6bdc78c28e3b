"""Only passive content (issue 16): every kind of active content a Markdown source can
carry is a finding with file and line; the CSP hashes only the scripts the publication's
templates write; every page carries the policy as a <meta> for hosts without headers,
and Chromium reports no violation of it."""

from __future__ import annotations

import html as html_mod
import http.server
import re
import shutil
from pathlib import Path

import pytest
from repo import PUB, ROOT

from publication.checks import active_content, run_source_checks
from publication.model.project import copy_project
from publication.model.publication import Publication
from publication.outputs import serve

EXPECTED = active_content.EXPECTED

# (what a careless editor pastes into line 3 of a page, what the finding names)
ACTIVE = {
    "script": ("<script>alert(1)</script>", "<script>"),
    "script upper case": ("<SCRIPT>alert(1)</SCRIPT>", "<script>"),
    "javascript link": ("[klik](javascript:alert(1))", "the address 'javascript:alert(1'"),
    "javascript any case": ('<a href="JaVaScRiPt:alert(1)">x</a>', 'href="JaVaScRiPt:alert(1)" on <a>'),
    "javascript with a tab entity": (
        '<a href="java&#x09;script:alert(1)">x</a>',
        'href="java\tscript:alert(1)" on <a>',
    ),
    "vbscript link": ("[x](VBScript:msgbox)", "the address 'VBScript:msgbox'"),
    "data link": ("[x](data:text/html;base64,PHNjcmlwdD4=)", "the address 'data:text/html;base64,PHNjcmlwdD4='"),
    "data image": ("![chart](data:image/svg+xml;base64,PHN2Zz4=)", "the address 'data:image/svg+xml;base64,PHN2Zz4='"),
    "reference definition": ("[a]: javascript:alert(1)", "the address 'javascript:alert(1)'"),
    "onclick": ('<span onclick="steal()">tekst</span>', 'onclick="steal()" on <span>'),
    "onerror on an image": ('<img src="a.png" onerror="steal()">', 'onerror="steal()" on <img>'),
    "object": ('<object data="x.swf"></object>', '<object data="x.swf">'),
    "embed": ('<embed src="x.swf">', '<embed src="x.swf">'),
    "iframe": ('<iframe src="https://example.org/"></iframe>', '<iframe src="https://example.org/">'),
    "svg onload": ('<svg onload="alert(1)"></svg>', '<svg onload="alert(1)">'),
    "style block": ("<style>body{display:none}</style>", "<style>"),
    "style attribute": ('<p style="display:none">x</p>', 'style="display:none" on <p>'),
    "attribute list handler": (
        '[x](https://example.org/){: onclick="alert(1)" }',
        'onclick="alert(1)" in an attribute list',
    ),
    "form": ('<form action="https://example.org/"><input name="q"></form>', '<form action="https://example.org/">'),
}


def page_project(tmp_path: Path, body: str, lang: str = "en") -> Publication:
    folder = tmp_path / "docs" / lang
    folder.mkdir(parents=True)
    (folder / "page.md").write_text(f"---\ntitle: T\n---\n{body}\n", encoding="utf-8")
    return Publication(tmp_path)


@pytest.mark.parametrize("case", list(ACTIVE))
def test_active_content_is_a_finding_with_file_and_line(tmp_path, case):
    pasted, found = ACTIVE[case]
    findings = active_content.run(page_project(tmp_path, "Tekst.\n\n" + pasted))
    assert [(f.file, f.line, f.expected, f.found) for f in findings][:1] == [("docs/en/page.md", 6, EXPECTED, found)]


PASSIVE = [
    '<span lang="nl">Preventie met gezag</span>',
    '[Kamerstuk](https://zoek.officielebekendmakingen.nl/kst-28638-233.html){: hreflang="nl" }',
    "[mail](mailto:info@example.org) and [a page](../references.md#cited) and [top](#top)",
    "## Heading { #heading }",
    "`<script>` in a code span is text",
    "```html\n<script>alert(1)</script>\n```",
    '<abbr title="Nederlandse Arbeidsinspectie">NLA</abbr> <sup>1</sup> <br>',
    '<div markdown class="note">**x**</div>',
    "Autolinks: <https://www.tweedekamer.nl/> and <info@example.org>",
]


@pytest.mark.parametrize("text", PASSIVE)
def test_the_html_the_pages_need_is_no_finding(tmp_path, text):
    assert active_content.run(page_project(tmp_path, text)) == []


def test_the_real_pages_and_includes_are_passive():
    assert active_content.run(PUB) == []


def test_the_check_runs_with_the_source_checks(tmp_path):

    project = copy_project(tmp_path / "p", ROOT)
    page = project / "docs" / "en" / "accessibility.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<span onclick="x()">y</span>\n', encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    findings = [f for f in run_source_checks(Publication(project)) if f.check == active_content.CHECK]
    assert [(f.file, f.line, f.found) for f in findings] == [
        ("docs/en/accessibility.md", line, 'onclick="x()" on <span>')
    ]


# --- the CSP: only the publication's own scripts -------------------------------------------


def test_an_inline_script_no_template_writes_is_a_finding_and_not_hashed(site, tmp_path):

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    assert serve.unknown_scripts(copy, ROOT) == []
    hashes = serve.inline_script_hashes(copy, ROOT)
    page = copy / "en" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("</article>", "<script>fetch('https://evil.example/')</script></article>", 1), encoding="utf-8"
    )
    found = serve.unknown_scripts(copy, ROOT)
    assert [(f.file, f.found[:30]) for f in found] == [("site/en/index.html", "<script>fetch('https://evil.ex")]
    assert found[0].line == text[: text.index("</article>")].count("\n") + 1
    assert serve.inline_script_hashes(copy, ROOT) == hashes


def test_every_script_hashed_comes_from_a_template(site):
    known = serve.template_scripts(ROOT)
    scripts = list(serve.page_scripts(site))
    assert scripts and all(any(p.fullmatch(body) for p in known) for _, _, body in scripts)


# --- the same policy as a <meta> for GitHub Pages, in Chromium -----------------------------


# Pages a test adds to what plain_server serves, by URL path (the shared dist/ is never
# written to: other test files read it at the same time).
EXTRA_PAGES: dict[str, str] = {}


class PlainHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path in EXTRA_PAGES:
            body = EXTRA_PAGES[self.path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def plain_server(dist):
    """dist/site/ from Python's own server: no headers at all, as GitHub Pages sends no CSP."""
    with serve.static_server(dist / "site", PlainHandler) as url:
        yield url


def meta_policy(html: str) -> str:

    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)


def test_every_page_carries_the_headers_policy_as_a_meta(dist):

    header = (dist / "nginx" / serve.HEADERS_NAME).read_text(encoding="utf-8")
    pages = sorted((dist / "site").rglob("*.html"))
    assert len(pages) >= 14
    for page in pages:
        text = page.read_text(encoding="utf-8")
        policy = html_mod.unescape(meta_policy(text))
        assert policy + "; frame-ancestors 'none'" in header, page
        assert text.index("Content-Security-Policy") < text.index("<script"), "the policy comes before any script"


def visitor(browser):
    """A page that records, in page.problems, console errors, uncaught errors and
    violations of the policy."""
    context = browser.new_context()
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return context, page


def visit(page, url: str) -> list[str]:
    """Open `url` and let Material's script run; the problems the page had."""
    page.problems.clear()
    page.goto(url)  # until the load event: the page and every file it names
    page.mouse.move(0, 0)
    page.mouse.move(200, 200)  # Material's script loads at the first pointer movement
    # Until Material's script has run (it sets window.document$), and then the tasks it
    # queued at its start.
    page.wait_for_function("() => window.document$ !== undefined", timeout=10000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))))")
    return page.problems


@pytest.mark.browser
def test_no_page_violates_its_meta_policy_in_chromium(browser, plain_server, dist):
    """Every page in one tab, one after the other (each document checks its own policy,
    whether a file comes from the cache or not)."""
    paths = sorted(p.relative_to(dist / "site").as_posix() for p in (dist / "site").rglob("index.html"))
    context, page = visitor(browser)
    for path in paths:
        assert visit(page, f"{plain_server}/{path}") == [], path
        assert page.evaluate("document.documentElement.className").startswith("js"), "the hashed scripts ran"
    context.close()


@pytest.mark.browser
def test_the_meta_policy_blocks_a_script_it_does_not_know(browser, plain_server, dist):
    text = (dist / "site" / "en" / "index.html").read_text(encoding="utf-8")
    EXTRA_PAGES["/en/csp-probe.html"] = text.replace("</article>", "<script>document.title='ran'</script></article>", 1)
    try:
        context, page = visitor(browser)
        problems = visit(page, f"{plain_server}/en/csp-probe.html")
        assert page.title() != "ran"
        assert any(p.startswith("CSP violation: script-src") for p in problems)
        context.close()
    finally:
        EXTRA_PAGES.clear()
