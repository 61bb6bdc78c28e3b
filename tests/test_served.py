"""The site as visitors get it: dist/site/ served by a real nginx on 127.0.0.1 with
the configuration `publish` wrote, every page opened in Debian's Chromium.

Accessibility (axe-core, WCAG 2.0/2.1 A and AA, keyboard, language), privacy (no
request to another host) and security (CSP without 'unsafe-inline' for scripts, no
violation, no console error); compression, caching and a 404 page per language."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import brotli
import pytest
from ax import FOOTNOTE_NAMES, axe_source, run_axe, violations
from pagejs import TABLES_READ_WHOLE_JS
from repo import PUB, ROOT

from publication.model import edition
from publication.model.references import format_date

pytestmark = pytest.mark.browser


def page_paths() -> list[str]:
    """The URL path of every page, both languages."""
    out = []
    for lang, files in PUB.pages().items():
        for rel in files:
            stem = rel.removesuffix(".md")
            path = "" if stem == "index" else f"{stem}/"
            out.append(("" if lang == "nl" else "en/") + path)
    return sorted(out)


PAGES = page_paths()


def fetch(url: str, encoding: str | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


# --- nginx: compression, caching, headers, 404 -----------------------------------------


def test_every_page_is_sent_compressed_with_brotli_or_gzip(nginx, dist):
    for path in PAGES:
        original = (dist / "site" / path / "index.html").read_bytes()
        status, headers, body = fetch(f"{nginx}/{path}", "br")
        assert status == 200 and headers.get("content-encoding") == "br", path
        assert brotli.decompress(body) == original
        status, headers, body = fetch(f"{nginx}/{path}", "gzip")
        assert headers.get("content-encoding") == "gzip" and gzip.decompress(body) == original
        assert "accept-encoding" in headers.get("vary", "").lower()


def test_hashed_assets_are_cached_for_a_year_and_pages_revalidate(nginx, dist):
    bundle = next((dist / "site" / "assets" / "javascripts").glob("bundle.*.min.js")).name
    _, headers, _ = fetch(f"{nginx}/assets/javascripts/{bundle}", "br")
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "br"
    _, headers, _ = fetch(f"{nginx}/daderaanpak/")
    assert headers["cache-control"] == "no-cache" and "etag" in headers
    _, headers, _ = fetch(f"{nginx}/assets/publication.css")
    assert headers["cache-control"] == "no-cache", "an asset without a hash in its name is revalidated"


@pytest.mark.parametrize("path", ["", "en/daderaanpak/", "does-not-exist"])
def test_security_headers_on_every_document(nginx, path):
    _, headers, _ = fetch(f"{nginx}/{path}")
    csp = headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "path,lang,title", [("nergens/", "nl", "404 – Niet gevonden"), ("en/nowhere/", "en", "404 – Not found")]
)
def test_the_404_page_is_in_the_visitors_language(nginx, path, lang, title):
    status, headers, body = fetch(f"{nginx}/{path}", "gzip")
    assert status == 404
    text = gzip.decompress(body).decode() if headers.get("content-encoding") == "gzip" else body.decode()
    assert f'<html lang="{lang}"' in text and title in text


# --- every page in Chromium ---------------------------------------------------------------


def open_recorded(browser, nginx, path: str, width: int = 1280, bypass_csp: bool = False):
    """A page of its own context through nginx, recording requests, console errors and
    CSP violations; returned once its document has arrived (not yet loaded)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=bypass_csp)
    page = context.new_page()
    page.requests, page.problems = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    page.goto(f"{nginx}/{path}", wait_until="commit")
    return context, page


@pytest.fixture
def visit(browser, nginx):
    """Open a page through nginx, recording requests, console errors and CSP violations."""
    contexts = []

    def open_page(path: str, *, width: int = 1280, bypass_csp: bool = False):
        context, page = open_recorded(browser, nginx, path, width, bypass_csp)
        contexts.append(context)
        page.wait_for_load_state("load")
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def every_page(browser, nginx):
    """Every page opened as `visit` opens one, all at once (each its own context), each
    kept until its network has been idle: the half second of quiet that proves it is
    idle passes for all of them side by side, not one after another. Only read."""
    opened = {path: open_recorded(browser, nginx, path) for path in PAGES}
    for _, page in opened.values():
        page.wait_for_load_state("load")  # networkidle alone may come first
        page.wait_for_load_state("networkidle")
    yield {path: page for path, (_, page) in opened.items()}
    for context, _ in opened.values():
        context.close()


def other_hosts(page, nginx) -> list[str]:
    host = urlsplit(nginx).netloc
    return [u for u in page.requests if urlsplit(u).scheme not in ("data", "blob") and urlsplit(u).netloc != host]


@pytest.mark.parametrize("path", PAGES)
def test_each_page_in_its_language_without_console_error_csp_violation_or_other_host(every_page, nginx, path):
    page = every_page[path]
    assert page.problems == []
    assert other_hosts(page, nginx) == []
    lang = "en" if path.startswith("en/") else "nl"
    assert page.locator("html").get_attribute("lang") == lang
    other = "nl" if lang == "en" else "en"
    # The language selector names the other language in that language.
    assert page.locator(f'a.md-select__link[hreflang="{other}"]').get_attribute("lang") == other


@pytest.fixture(scope="module")
def axe_page(browser, nginx):
    """One page through nginx for the axe runs, axe-core in every document it opens (the
    policy bypassed for it: axe is injected by the test, not shipped)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.add_init_script(axe_source())
    page = context.new_page()

    def go(path: str, width: int = 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{nginx}/{path}")
        return page

    yield go
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_wcag_a_or_aa_violation(axe_page, path):
    result = run_axe(axe_page(path))
    assert violations(result) == []
    assert len(result["passes"]) > 20, "axe ran its rules"


@pytest.mark.parametrize("path", ["", "en/daderaanpak/", "en/parallel/"])
def test_axe_finds_no_violation_on_a_narrow_screen(axe_page, path):
    result = run_axe(axe_page(path, width=375))
    assert [v["id"] for v in result["violations"]] == []


KEY_JS = "el => el.getAttribute('href') || el.id || el.getAttribute('aria-label') || (el.textContent || '').trim().slice(0, 40) || el.tagName"
KEYBOARD_JS = (
    """
() => {
  const key = """
    + KEY_JS
    + """;
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== 'none';
  return {key: key(el), tag: el.tagName,
          visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && r.bottom > 0 && r.top < innerHeight,
          indicator: outline || shadow};
}
"""
)
CONTROLS_JS = (
    """
() => { const key = """
    + KEY_JS
    + """; return [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])')]
  .filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
                  const box = el.closest('details');  // a closed box's content waits until it is opened
                  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0
                         && el.tabIndex >= 0 && !el.closest('[hidden], [inert]')
                         && (!box || box.open || !!el.closest('summary')); })
  .map(key); }
"""
)


@pytest.mark.parametrize("path", ["daderaanpak/", "en/parallel/", "en/"])
def test_every_control_is_reachable_by_keyboard_and_visible_when_focused(visit, path):
    page = visit(path)
    keyboard_walk(page)


def test_focus_rings_show_before_materials_script_has_run(browser, nginx):
    """Material's script loads at the first key; until it has run, every control the
    keyboard reaches still shows where the focus is (the browser's :focus-visible)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    page.goto(f"{nginx}/en/parallel/")
    keyboard_walk(page)
    context.close()


def keyboard_walk(page):
    controls = page.evaluate(CONTROLS_JS)
    reached, problems = [], []
    for _ in range(len(controls) + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate(KEYBOARD_JS)
        if focused is None:
            continue
        key = focused["key"]
        if reached and key == reached[0]:
            break
        reached.append(key)
        if not focused["visible"] or not focused["indicator"]:
            problems.append(focused)
    assert problems == [], "\n".join(map(str, problems))
    missing = [c for c in controls if c not in reached]
    assert missing == []


def test_passages_in_the_other_language_are_marked(visit):
    page = visit("en/translation-notes/")
    dutch_terms = page.locator('td span[lang="nl"]')
    assert dutch_terms.count() >= 10
    assert "Preventie met gezag" in dutch_terms.all_inner_texts()
    page = visit("en/parallel/")
    assert page.locator('[role="cell"][lang="nl"]').count() == page.locator('[role="cell"][lang="en"]').count() > 5


def test_the_accessibility_statement_exists_in_both_languages(every_page):

    for path, heading, lang, status, covers in (
        (
            "accessibility/",
            "Toegankelijkheidsverklaring",
            "nl",
            "Status C: eerste maatregelen genomen.",
            ("website", "offline-versie", "PDF’s"),
        ),
        (
            "en/accessibility/",
            "Accessibility statement",
            "en",
            "Status C: first measures taken.",
            ("website", "offline version", "PDFs"),
        ),
    ):
        page = every_page[path]
        assert page.locator("h1").inner_text() == heading
        text = page.locator("article").inner_text()
        assert "EN 301 549" in text and "WCAG) 2.1" in text and status in text
        assert format_date(edition.date(ROOT), lang) in text, "the date of the last check is the edition's"
        assert all(word in text for word in covers)
        assert page.locator("#limitations + ul li, #limitations ~ ul li").count() >= 4


# --- the reader's features through nginx ----------------------------------------------------


@pytest.mark.parametrize("lang,path", [("nl", "daderaanpak/"), ("en", "en/daderaanpak/")])
def test_footnotes_are_announced_as_footnotes(every_page, lang, path):
    """Chromium's accessibility tree: each call is a doc-noteref named "footnote 35" in
    the page's language, the notes a doc-endnotes region named by its heading, and each
    back-link says where it returns to (govspeak's pattern)."""
    from ax import footnotes

    page = every_page[path]
    assert footnotes(page) == FOOTNOTE_NAMES[lang]
    assert page.problems == []


def test_the_parallel_pages_footnotes_are_announced_in_each_columns_language(visit):
    from ax import footnotes

    page = visit("en/parallel/")
    found = footnotes(page)
    assert sorted(found["doc-noteref"]) == sorted(
        FOOTNOTE_NAMES["nl"]["doc-noteref"] + FOOTNOTE_NAMES["en"]["doc-noteref"]
    )
    assert found["doc-endnotes"] == ["Voetnoten", "Footnotes"]
    assert found["doc-backlink"] == FOOTNOTE_NAMES["nl"]["doc-backlink"] + FOOTNOTE_NAMES["en"]["doc-backlink"]


def test_materials_script_waits_for_the_reader(visit):
    """A reader who only reads gets the page, its styles and no script file; the first
    pointer movement loads Material's script, and the tooltip under the pointer opens."""
    page = visit("en/daderaanpak/")
    assert not [u for u in page.requests if "/javascripts/" in u]
    assert page.evaluate("document.documentElement.className") == "js"
    call = page.locator('a.footnote-ref[href="#fn:36"]')
    call.hover()
    page.locator(".md-tooltip2--active").wait_for(state="visible", timeout=5000)
    assert [u for u in page.requests if "/javascripts/bundle." in u]
    assert page.problems == []


def test_a_page_opened_from_a_search_result_loads_the_script_at_once(visit):
    page = visit("daderaanpak/?h=gemeenten")
    assert [u for u in page.requests if "/javascripts/bundle." in u]
    page.locator("mark", has_text="gemeenten").first.wait_for(state="attached", timeout=10000)
    assert page.problems == []


def test_language_selector_footnotes_and_tooltips(visit):
    page = visit("references/")
    page.hover(".md-header__option .md-select")
    page.locator('a.md-select__link[hreflang="en"]').click()
    assert page.url.endswith("/en/references/")
    page.goto(page.url.replace("/en/references/", "/daderaanpak/"))
    call = page.locator('a.footnote-ref[href="#fn:37"]')
    assert call.inner_text() == "37"
    call.hover()
    tip = page.locator('.md-tooltip2--active[role="dialog"]')
    tip.wait_for(state="visible", timeout=5000)
    assert "Dadermonitor mensenhandel 2017-2021" in tip.inner_text()
    call.click()
    assert page.url.endswith("#fn:37")
    page.locator("#fn\\:37 a.footnote-backref").click()
    assert page.url.endswith("#fnref:37")
    page.mouse.move(0, 0)
    page.locator("abbr", has_text="NLA").first.hover()
    tip = page.get_by_role("tooltip", name="Nederlandse Arbeidsinspectie")
    tip.wait_for(state="visible", timeout=5000)
    assert page.problems == []


@pytest.mark.parametrize(
    "path,query,expected",
    [
        ("", "gemeenten", "/daderaanpak/"),
        ("en/", "municipalities", "/en/daderaanpak/"),
        ("", "uitbuiting", "/daderaanpak/"),
        ("en/", "exploitation", "/en/daderaanpak/"),
    ],
)
def test_search_finds_dutch_and_english_words(visit, path, query, expected):
    page = visit(path)
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(state="attached", timeout=10000)
    assert any(urlsplit(a.get_attribute("href")).path.endswith(expected) for a in results.all())
    assert page.problems == []


def test_print_media_hides_the_screen_furniture(visit):
    page = visit("en/daderaanpak/")
    page.emulate_media(media="print")
    for furniture in (".md-header", ".md-sidebar--primary", ".md-footer", ".pair-link"):
        assert not page.locator(furniture).first.is_visible(), furniture
    assert page.locator("article h1").is_visible()


def test_a_narrow_mobile_viewport_has_no_horizontal_scrolling_and_a_working_menu(browser, nginx, visit):
    context = browser.new_context(viewport={"width": 375, "height": 900})
    page = context.new_page()
    for path in PAGES:
        page.goto(f"{nginx}/{path}")  # until the load event: the page and every file it names
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    context.close()
    page = visit("en/", width=375)
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.locator(".md-nav--primary .md-nav__link", has_text="Accessibility").first.click()
    assert page.url.endswith("/en/accessibility/")


def test_the_search_loads_only_when_a_reader_opens_it(visit):
    page = visit("daderaanpak/")
    loaded = lambda: [u for u in page.requests if "search_index" in u or "/workers/" in u or "/lunr/" in u]  # noqa: E731
    assert loaded() == [], "a first visit does not fetch the search index, worker or Lunr"
    page.locator(".md-search__input").click()
    page.keyboard.type("kabinet")
    page.locator(".md-search-result__item a").first.wait_for(state="attached", timeout=10000)
    assert any("search_index.json" in u for u in loaded()) and any("/workers/" in u for u in loaded())
    assert page.problems == []


def test_a_page_opened_from_a_search_result_highlights_the_term(visit):
    page = visit("en/daderaanpak/?h=exploitation")
    page.locator("article mark").first.wait_for(state="attached", timeout=10000)
    assert page.locator("article mark").first.inner_text().lower().startswith("exploit")


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", ["checks/", "en/checks/"])
def test_the_check_reports_tables_read_whole_on_a_phone(visit, path, width):
    """The report `publish` writes into the checks page: its tables as blocks on a phone,
    nothing scrolling sideways, no cell off the screen."""
    result = visit(path, width=width).evaluate(TABLES_READ_WHOLE_JS)
    assert result["tables"] == 2 and result["page"] <= width, result
    assert result["scrollers"] == [] and result["outside"] == 0, result
