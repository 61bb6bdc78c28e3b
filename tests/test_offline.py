"""The offline bundle: unzipped and opened from file:// in Debian's Chromium, with no
network. Every page in both languages, the language selector, footnotes and their
tooltips, abbreviations, search in both languages; no request leaves file://."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from repo import PUB, ROOT

from publication.model.downloads import OFFLINE_TOP, OFFLINE_ZIP, pdf_name

pytestmark = pytest.mark.browser

SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "shim.js"
SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"  # iframe-worker 1.0.4, shim/index.js


@pytest.fixture(scope="module")
def bundle(dist, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(dist / OFFLINE_ZIP) as z:
        names = z.namelist()
        assert names and all(n.startswith(f"{OFFLINE_TOP}/") for n in names), "one top folder"
        z.extractall(out)
    root = out / OFFLINE_TOP
    assert (root / "index.html").is_file()
    return root


@pytest.fixture
def page(browser):
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.requests = []
    page.console_errors = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def assert_only_file_requests(page):
    schemes = {urlsplit(u).scheme for u in page.requests}
    assert schemes <= {"file", "data", "blob"}, [
        u for u in page.requests if urlsplit(u).scheme not in ("file", "data", "blob")
    ]


def all_pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "assets" not in p.parts and p.name != "404.html")


def test_the_bundle_holds_nothing_only_a_web_server_uses(bundle):
    """No 404 page (its links start at a server's root: broken from disk) and no
    sitemap (for search engines) in the bundle; the website keeps both."""
    names = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*")}
    assert not {n for n in names if n.endswith("404.html") or n.startswith("sitemap")}, names
    assert (bundle / "index.html").is_file() and (bundle / "en" / "index.html").is_file()


def test_the_shim_is_the_npm_packages_and_ships_with_its_licence(bundle):
    assert hashlib.sha256(SHIM.read_bytes()).hexdigest() == SHIM_SHA256
    assert (bundle / "assets/vendor/iframe-worker/shim.js").read_bytes() == SHIM.read_bytes()
    assert (
        "MIT" in (bundle / "assets/vendor/iframe-worker/license.txt").read_text()
        or "Permission is hereby granted" in (bundle / "assets/vendor/iframe-worker/license.txt").read_text()
    )


def test_no_page_of_the_bundle_names_a_cdn_or_font_host(bundle):
    """The pages and styles name no CDN or font host. (Material's script has loaders
    for features this site does not use, mermaid or a ResizeObserver polyfill; the
    browser tests record every request and prove none is made.)"""
    for path in list(bundle.rglob("*.html")) + list(bundle.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for marker in ("unpkg.com", "fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr"):
            assert marker not in text, f"{path.relative_to(bundle)}: {marker}"
    assert (bundle / "downloads" / pdf_name("nl")).is_file() and (bundle / "downloads" / pdf_name("en")).is_file()


def test_every_page_in_both_languages_opens_from_file_without_network(bundle, page):
    pages = all_pages(bundle)
    assert len(pages) == 2 * len(PUB.pages()["nl"])
    for path in pages:
        page.goto(path.as_uri())
        assert page.locator("h1").first.inner_text().strip(), path
        expected_lang = "en" if path.parent.name == "en" else "nl"
        assert page.locator("html").get_attribute("lang") == expected_lang
    assert page.console_errors == []
    assert_only_file_requests(page)


def test_navigate_and_switch_language(bundle, page):
    page.goto((bundle / "index.html").as_uri())
    page.locator(".md-nav__link", has_text="Daderaanpak").first.click()
    assert page.url.endswith("/daderaanpak.html")
    assert page.locator("h1").inner_text() == "Daderaanpak"
    page.hover(".md-header__option .md-select")
    page.locator('a.md-select__link[hreflang="en"]').click()
    assert page.url.endswith("/en/daderaanpak.html")
    assert page.locator("h1").inner_text() == "Tackling offenders"
    page.hover(".md-header__option .md-select")
    page.locator('a.md-select__link[hreflang="nl"]').click()
    assert page.url.endswith(f"/{OFFLINE_TOP}/daderaanpak.html")
    assert page.console_errors == []
    assert_only_file_requests(page)


def test_footnotes_back_links_and_tooltips(bundle, page):
    page.goto((bundle / "en" / "daderaanpak.html").as_uri())
    call = page.locator('a.footnote-ref[href="#fn:36"]')
    assert call.inner_text() == "36"
    call.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    # The citation keeps its parts together with no-break spaces: compared as words.
    assert "Parliamentary paper (Kamerstuk) 30 995, no. 100." in " ".join(tooltip.inner_text().split())
    call.click()
    assert page.url.endswith("#fn:36")
    page.locator("#fn\\:36 a.footnote-backref").click()
    assert page.url.endswith("#fnref:36")
    assert_only_file_requests(page)


@pytest.mark.parametrize("lang,path", [("nl", "daderaanpak.html"), ("en", "en/daderaanpak.html")])
def test_footnotes_are_announced_as_footnotes_offline_too(bundle, page, lang, path):
    from ax import FOOTNOTE_NAMES, footnotes

    page.goto((bundle / path).as_uri())
    assert footnotes(page) == FOOTNOTE_NAMES[lang]
    assert_only_file_requests(page)


def test_abbreviations_show_their_full_name(bundle, page):
    page.goto((bundle / "daderaanpak.html").as_uri())
    page.locator("abbr", has_text="KMar").first.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().strip() == "Koninklijke Marechaussee"


@pytest.mark.parametrize(
    "start,query,expected",
    [
        ("daderaanpak.html", "arbeidsuitbuiting", "daderaanpak.html"),
        ("en/daderaanpak.html", "exploitation", "en/daderaanpak.html"),
    ],
)
def test_search_finds_a_dutch_and_an_english_word(bundle, page, start, query, expected):
    page.goto((bundle / start).as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="attached", timeout=10000)
    # the results are drawn again as each letter arrives: read their addresses at once
    # (one by one, an item could vanish between the list and its address)
    want = f"/{OFFLINE_TOP}/{expected}"
    found = (
        "(want) => [...document.querySelectorAll('.md-search-result__item a')]"
        ".some(a => new URL(a.href).pathname.endsWith(want))"
    )
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(found, arg=want, timeout=10000)
    except PlaywrightTimeoutError:  # the assertion below names what was found instead
        pass
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.getAttribute('href'))")
    assert any(urlsplit(h).path.endswith(want) for h in hrefs), hrefs
    assert page.console_errors == []
    assert_only_file_requests(page)


def test_printing_a_page_from_the_browser_leaves_out_the_screen_furniture(bundle, page, tmp_path):
    from pypdf import PdfReader

    page.goto((bundle / "daderaanpak.html").as_uri())
    page.emulate_media(media="print")
    for furniture in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert not page.locator(furniture).first.is_visible(), furniture
    assert page.locator("article h1").is_visible()
    target = tmp_path / "printed.pdf"
    page.pdf(path=str(target), format="A4")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Met het programma Preventie met gezag" in text
    assert "(https://zoek.officielebekendmakingen.nl/kst-28741-106.html)" in text.replace(" ", ""), (
        "links out show their address"
    )
    for word in ("Zoeken", "Terug naar boven", "Over deze publicatie"):
        assert word not in text, word
