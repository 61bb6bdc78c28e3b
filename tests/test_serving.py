"""Serving (issue 16): relative redirects that never echo the Host header, the right
types for the citation and translation-memory files, the English 404 for everything
under /en/, and the security headers only where they protect something."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import pytest


def get(nginx: str, path: str, host: str | None = None, encoding: str | None = None):
    conn = http.client.HTTPConnection(urlsplit(nginx).netloc, timeout=10)
    headers = {"Host": host} if host else {}
    if encoding:
        headers["Accept-Encoding"] = encoding
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


@pytest.mark.parametrize("path", ["/en/daderaanpak", "/daderaanpak", "/en"])
def test_directory_redirects_are_relative_and_never_echo_the_host(nginx, path):
    status, headers, _ = get(nginx, path, host="evil.example:45629")
    assert status == 301
    assert headers["location"] == path + "/"


@pytest.mark.parametrize(
    "suffix,kind",
    [
        (".bib", "application/x-bibtex"),
        (".ris", "application/x-research-info-systems"),
        (".tmx", "application/xml"),
        (".xlf", "application/xliff+xml"),
    ],
)
def test_downloads_have_their_types(nginx, dist, suffix, kind):
    site = dist / "site"
    path = next(p for p in sorted(site.rglob(f"*{suffix}")))
    status, headers, _ = get(nginx, "/" + path.relative_to(site).as_posix())
    assert status == 200 and headers["content-type"].split(";")[0] == kind
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    ["/en/nowhere/", "/en/assets/javascripts/bundle.0123abcd.min.js", "/en/assets/missing.css", "/en/cite/missing.bib"],
)
def test_everything_missing_under_en_gets_the_english_404(nginx, path):
    status, _, body = get(nginx, path)
    assert status == 404 and b'<html lang="en"' in body and "404 – Not found".encode() in body


def test_a_missing_dutch_asset_gets_the_dutch_404(nginx):
    status, _, body = get(nginx, "/assets/javascripts/bundle.0123abcd.min.js")
    assert status == 404 and b'<html lang="nl"' in body


@pytest.mark.parametrize("path", ["/en/daderaanpak/", "/nergens", "/assets/favicon.svg"])
def test_documents_carry_the_policy_headers(nginx, path):
    _, headers, _ = get(nginx, path)
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    if headers["content-type"].startswith("text/html"):
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cross-origin-opener-policy"] == "same-origin"


def test_assets_carry_only_what_protects_them(nginx, dist):
    bundle = next((dist / "site" / "assets" / "javascripts").glob("bundle.*.min.js")).name
    for path in ("/assets/publication.css", f"/assets/javascripts/{bundle}"):
        _, headers, _ = get(nginx, path, encoding="br")
        assert headers["x-content-type-options"] == "nosniff"
        for name in (
            "content-security-policy",
            "referrer-policy",
            "cross-origin-opener-policy",
            "x-frame-options",
            "permissions-policy",
        ):
            assert name not in headers, (path, name)


def test_no_header_that_protects_nothing(nginx):
    _, headers, _ = get(nginx, "/en/daderaanpak/")
    assert "x-frame-options" not in headers and "permissions-policy" not in headers
    assert "server" not in headers or headers["server"] == "nginx"
