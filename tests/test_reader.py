"""What the reader meets, tried in Debian's Chromium as a reader would: search over HTTP
and from file:// (the offline build), the unofficial notice on every English page, the
footnotes' additions and their calls' target size."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from publication import DOCS
from publication.model.segments import sentences_of
from publication.outputs.build import mkdocs_build
from publication.render.placeholders import read_page

pytestmark = pytest.mark.browser

SECTION = "daderaanpak"
MISSING = {"nl": "Ontbreekt", "en": "Missing"}
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The site as the offline bundle holds it (the same build `publish` zips)."""
    out = tmp_path_factory.mktemp("offline-site")
    findings = mkdocs_build(out, env={"OFFLINE": "true"})
    assert findings == [], "\n".join(map(str, findings))
    return out


@pytest.fixture(scope="module")
def http_site(site):
    """The built site over HTTP on 127.0.0.1 (Python's server in a thread)."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console_errors = []
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def stop_words(site: Path, lang: str) -> set[str]:
    """Lunr's stop words for `lang`, from the files the site ships (a stop word is never
    searched, by design)."""
    scripts = site / "assets" / "javascripts"
    if lang == "en":
        text = next(scripts.glob("workers/search.*.min.js")).read_text(encoding="utf-8")
        listed = re.search(r"generateStopWordFilter\(\[([^\]]*)\]", text)[1]
        return set(re.findall(r'"([^"]+)"', listed))
    text = (scripts / "lunr" / "min" / f"lunr.{lang}.min.js").read_text(encoding="utf-8")
    return set(re.search(r'generateStopWordFilter\("([^"]*)"', text)[1].split())


def search_words(lang: str, stops: set[str]) -> list[str]:
    """One word from every sentence of the section (its longest), and the last word of
    every paragraph (its last that is not a stop word), from the Markdown the page is
    made from."""
    page = read_page(DOCS / lang / f"{SECTION}.md", lang)
    words = []
    for block in page.of("paragraph"):
        sentences = sentences_of(block, lang)
        for sentence in sentences:
            candidates = [w for w in WORD_RE.findall(sentence.text) if w.lower() not in stops and len(w) > 2]
            if candidates:
                words.append(max(candidates, key=len))
        last = [w for w in WORD_RE.findall(sentences[-1].text) if w.lower() not in stops and len(w) > 2]
        if last:
            words.append(last[-1])
    # A word both languages' pages hold (the footnotes keep the Dutch "Kamerstuk"): each
    # language's search must list its own pages only.
    words.append("Kamerstuk")
    return list(dict.fromkeys(words))


def search_section(page, start_url: str, lang: str, words: list[str], section_href: re.Pattern) -> list[str]:
    """Type each word into the search box of one loaded page; what went wrong, per word."""
    page.goto(start_url)
    page.locator(".md-search__input").click()
    problems = []
    for word in words:
        page.locator(".md-search__input").fill("")
        page.keyboard.type(word)
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            "w => { const i = document.querySelector('.md-search__input');"
            " const items = document.querySelectorAll('.md-search-result__item');"
            " return i.value === w && (items.length > 0 || /\\d|Geen|No /.test("
            "document.querySelector('.md-search-result__meta').textContent)); }", arg=word, timeout=10000)
        page.wait_for_timeout(50)
        found = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(li => ({
            href: li.querySelector('a').href,
            marks: [...li.querySelectorAll('mark')].map(m => m.textContent.toLowerCase()),
            missing: [...li.querySelectorAll('del')].map(d => d.textContent),
            text: li.textContent}))""")
        hits = [f for f in found if section_href.search(urlsplit(f["href"]).path)]
        if not hits:
            problems.append(f"{word}: section not found ({meta.inner_text()}; {[f['href'] for f in found]})")
            continue
        if any(f["missing"] or MISSING[lang] in f["text"] for f in hits):
            problems.append(f"{word}: marked missing {[f['missing'] for f in hits]}")
        if not any(m for f in hits for m in f["marks"] if word.lower()[:4] in m):
            problems.append(f"{word}: not highlighted {[f['marks'] for f in hits]}")
        if any(ch in f["text"] for f in found for ch in "¶⇄↩"):
            problems.append(f"{word}: a control in a snippet")
        other = [f["href"] for f in found if (urlsplit(f["href"]).path.find("/en/") >= 0) != (lang == "en")]
        if other:
            problems.append(f"{word}: pages of the other language listed: {other}")
    return problems


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_search_over_http_finds_every_sentence_of_the_section_in_its_language(site, http_site, page, lang):
    words = search_words(lang, stop_words(site, lang))
    assert len(words) >= 20
    start = http_site + ("" if lang == "nl" else "en/")
    section = re.compile(("/en" if lang == "en" else "") + rf"/{SECTION}/$")
    problems = search_section(page, start, lang, words, section)
    assert problems == [], "\n".join(problems)
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_search_from_file_finds_every_sentence_of_the_section_in_its_language(offline_site, page, lang):
    words = search_words(lang, stop_words(offline_site, lang))
    start = (offline_site / ("index.html" if lang == "nl" else "en/index.html")).as_uri()
    section = re.compile(("/en" if lang == "en" else "") + rf"/{SECTION}\.html$")
    problems = search_section(page, start, lang, words, section)
    assert problems == [], "\n".join(problems)
    assert page.console_errors == []
