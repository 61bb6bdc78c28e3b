"""The external link checker against a real HTTP server on 127.0.0.1 that answers 200,
301, 404, 410, 429, 500 and hangs. No test reaches the internet."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from repo import ROOT

from publication.checks import online, run_site_checks
from publication.checks.links import built_pages
from publication.model.publication import Publication
from publication.outputs.build import mkdocs_build


class Handler(BaseHTTPRequestHandler):
    hits: dict = {}
    times: list = []
    lock = threading.Lock()

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        with self.lock:
            Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
            Handler.times.append((self.path, time.monotonic()))
        if self.path == "/hang":
            time.sleep(2)
            return
        status = {
            "/ok": 200,
            "/ok2": 200,
            "/ok3": 200,
            "/moved": 301,
            "/gone": 404,
            "/gone-for-good": 410,
            "/busy": 429,
            "/broken": 500,
        }.get(self.path, 404)
        self.send_response(status)
        if status == 301:
            self.send_header("Location", "/ok")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def server():
    Handler.hits = {}
    Handler.times = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def options(tmp_path, **kw):
    base = dict(
        timeout=0.5,
        retries=1,
        backoff=0.05,
        host_interval=0.0,
        workers=4,
        cache_file=tmp_path / "cache.json",
        cache_max_age=3600,
    )
    base.update(kw)
    return online.Options(**base)


def test_each_answer_gets_its_verdict(server, tmp_path):
    urls = {
        f"{server}{p}": [("daderaanpak/index.html", 10 + i)]
        for i, p in enumerate(["/ok", "/moved", "/gone", "/gone-for-good", "/busy", "/broken", "/hang"])
    }
    found = [str(f) for f in online.check_urls(urls, options(tmp_path))]
    assert found == [
        f"site/daderaanpak/index.html:15: warning: expected a working link, found {server}/broken: could not verify: HTTP 500 after 2 tries",
        f"site/daderaanpak/index.html:14: warning: expected a working link, found {server}/busy: could not verify: HTTP 429 (too many requests) after 2 tries",
        f"site/daderaanpak/index.html:12: expected a working link, found {server}/gone: HTTP 404",
        f"site/daderaanpak/index.html:13: expected a working link, found {server}/gone-for-good: HTTP 410",
        f"site/daderaanpak/index.html:16: warning: expected a working link, found {server}/hang: could not verify: timed out after 2 tries",
        f"site/daderaanpak/index.html:11: warning: expected a link without a redirect, found {server}/moved: redirected to {server}/ok",
    ]
    # 404 and 410 are final at once; 429, 500 and the hang were retried.
    assert Handler.hits["/gone"] == 1 and Handler.hits["/gone-for-good"] == 1
    assert Handler.hits["/busy"] == 2 and Handler.hits["/broken"] == 2 and Handler.hits["/hang"] == 2


def test_only_404_and_410_are_errors(server, tmp_path):
    urls = {f"{server}{p}": [("index.html", 1)] for p in ["/busy", "/broken", "/hang", "/moved", "/gone"]}
    found = online.check_urls(urls, options(tmp_path))
    assert [f.severity for f in found if f.severity == "error"] == ["error"]
    assert [f for f in found if f.severity == "error"][0].found.endswith("/gone: HTTP 404")


def test_a_second_run_within_the_maximum_age_makes_no_requests(server, tmp_path):
    urls = {f"{server}{p}": [("index.html", 1)] for p in ["/ok", "/moved", "/gone"]}
    first = online.check_urls(urls, options(tmp_path))
    hits = dict(Handler.hits)
    second = online.check_urls(urls, options(tmp_path))
    assert Handler.hits == hits
    assert [str(f) for f in second] == [str(f) for f in first]


def test_could_not_verify_is_not_cached_and_an_old_cache_is_not_used(server, tmp_path):
    urls = {f"{server}/busy": [("index.html", 1)], f"{server}/ok": [("index.html", 2)]}
    online.check_urls(urls, options(tmp_path))
    online.check_urls(urls, options(tmp_path))
    assert Handler.hits["/busy"] == 4 and Handler.hits["/ok"] == 1
    online.check_urls(urls, options(tmp_path, cache_max_age=0))
    assert Handler.hits["/ok"] == 2


def test_requests_to_one_host_keep_their_interval(server, tmp_path):
    urls = {f"{server}{p}": [("index.html", 1)] for p in ["/ok", "/ok2", "/ok3"]}
    online.check_urls(urls, options(tmp_path, host_interval=0.3, workers=3, cache_file=None))
    times = sorted(t for _, t in Handler.times)
    assert len(times) == 3
    assert all(b - a >= 0.2 for a, b in zip(times, times[1:])), "requests to one host keep their interval (0.3 s set)"


def test_the_external_links_of_built_pages_are_collected_with_their_places(site):

    urls = online.external_links(built_pages(site))
    assert "https://zoek.officielebekendmakingen.nl/kst-28741-106.html" in urls
    places = urls["https://zoek.officielebekendmakingen.nl/kst-28741-106.html"]
    assert ("daderaanpak/index.html" in [p for p, _ in places]) and (
        "en/daderaanpak/index.html" in [p for p, _ in places]
    )
    assert all(u.startswith("https://") for u in urls)


def test_check_online_fails_on_a_broken_external_link_and_caches_the_good_ones(server, tmp_path, monkeypatch):
    """The checks of a built site with --online (the function `check` calls on its one
    build), then `check --online` end to end for the broken link."""
    from clitools import run
    from conftest import copy_project, edit

    from publication.model import policy

    project = copy_project(tmp_path / "p", ROOT)
    with (project / "data" / "external-links.yml").open("a", encoding="utf-8") as f:
        f.write("  127.0.0.1: the test server of this test\n")
    # The test server speaks plain HTTP, which the policy refuses in an edition: the copy's
    # policy (its own code, for the command run in it) and this process's allow it here.
    edit(project / "publication/model/policy.py", 'LINK_SCHEMES = ("https",)', 'LINK_SCHEMES = ("https", "http")')
    edit(
        project / "publication/model/policy.py",
        'PAGE_SCHEMES = ("https", "mailto")',
        'PAGE_SCHEMES = ("https", "http", "mailto")',
    )
    monkeypatch.setattr(policy, "LINK_SCHEMES", ("https", "http"))
    edit(
        project / "docs/nl/translation-notes.md",
        "zie de [referenties](references.md).",
        f"zie de [referenties](references.md) en [de testserver]({server}/ok).",
    )
    site = tmp_path / "site"
    assert mkdocs_build(site, project / "mkdocs.yml") == []

    def site_checks(online: bool):  # its errors: what makes `check` exit 2
        found = run_site_checks(Publication(project), site, online=online, include_hosts=["127.0.0.1"])
        return [f for f in found if f.severity == "error"]

    assert site_checks(online=True) == []
    assert Handler.hits == {"/ok": 1}
    assert site_checks(online=True) == [] and Handler.hits == {"/ok": 1}, "the second run used the cache"
    assert (project / "build" / "link-cache.json").is_file()
    assert site_checks(online=False) == [] and Handler.hits == {"/ok": 1}, "without --online nothing is requested"

    edit(project / "docs/nl/translation-notes.md", f"{server}/ok", f"{server}/gone")
    broken = run(project, "check", "--online", "--include-host", "127.0.0.1", "--quiet", "--skip", "html")
    assert broken.returncode == 2
    # The finding names the Markdown line the editor wrote the link on.
    line = next(
        n
        for n, text in enumerate((project / "docs/nl/translation-notes.md").read_text(encoding="utf-8").splitlines(), 1)
        if f"{server}/gone" in text
    )
    assert (
        f"docs/nl/translation-notes.md:{line}: expected a working link, found {server}/gone: HTTP 404" in broken.stdout
    )
    assert Handler.hits == {"/ok": 1, "/gone": 1}
