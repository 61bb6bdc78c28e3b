"""What the reader meets, tried in Debian's Chromium as a reader would: search over HTTP
and from file:// (the offline build), the unofficial notice on every English page, the
footnotes' additions and their calls' target size."""

from __future__ import annotations

import http.server
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from repo import PUB, ROOT

from publication.model.pages import plain
from publication.model.references import format_date
from publication.model.segments import sentences_of
from publication.outputs import serve
from publication.outputs.build import mkdocs_build
from publication.render.placeholders import read_page

DOCS = ROOT / "docs"

pytestmark = pytest.mark.browser

SECTION = "daderaanpak"
MISSING = {"nl": "Ontbreekt", "en": "Missing"}
WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The site as the offline bundle holds it (the same build `publish` zips)."""
    out = tmp_path_factory.mktemp("offline-site")
    findings = mkdocs_build(out, ROOT / "mkdocs.yml", env={"OFFLINE": "true"})
    assert findings == [], "\n".join(map(str, findings))
    return out


@pytest.fixture(scope="module")
def http_site(site):
    """The built site over HTTP on 127.0.0.1 (Python's server in a thread)."""
    with serve.static_server(site, QuietHandler) as url:
        yield url + "/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        """A missing page answers with the 404 page of the visitor's language, as the
        nginx configuration does (English for everything under /en/)."""
        folder = Path(self.directory)
        page = folder / ("en/404.html" if self.path.startswith("/en/") else "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


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
    page = read_page(DOCS / lang / f"{SECTION}.md", lang, PUB)
    words = []
    for block in page.of("paragraph"):
        sentences = sentences_of(block, lang, PUB)
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
    """Search each word in the search box of one loaded page; what went wrong, per word."""
    page.goto(start_url)
    page.locator(".md-search__input").click()
    problems = []
    for word in words:
        # The last word's results taken off the page, then the whole word at once: the
        # results that come are the word's, not those of a prefix typed on the way.
        page.evaluate(
            "() => { document.querySelector('.md-search-result__list').replaceChildren();"
            " document.querySelector('.md-search-result__meta').textContent = ''; }"
        )
        # (Material searches on a key going up: all but the last letter filled in, the last typed.)
        page.locator(".md-search__input").fill(word[:-1])
        page.keyboard.type(word[-1])
        meta = page.locator(".md-search-result__meta")
        page.wait_for_function(
            "w => { const i = document.querySelector('.md-search__input');"
            " const items = document.querySelectorAll('.md-search-result__item');"
            " return i.value === w && (items.length > 0 || /\\d|Geen|No /.test("
            "document.querySelector('.md-search-result__meta').textContent)); }",
            arg=word,
            timeout=10000,
        )
        # No wait more: Material writes the count and the first ten results in one step
        # when the search worker answers (mountSearchResult), and it asks the worker only
        # when a key goes up with a new value (watchSearchQuery), so the answer that
        # filled the cleared list is the whole word's.
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


@pytest.mark.parametrize("lang,missing", [("nl", "nergens/"), ("en", "en/nowhere/")])
def test_the_404_page_searches_its_own_languages_pages(site, http_site, page, lang, missing):
    """On the 404 page of a language (served at any missing path under its folder), the
    search finds that language's pages only: the section's words, and a word both
    languages' pages hold."""
    words = search_words(lang, stop_words(site, lang))
    words = [*words[:4], words[-1]]
    section = re.compile(("/en" if lang == "en" else "") + rf"/{SECTION}/$")
    problems = search_section(page, http_site + missing, lang, words, section)
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


# --- the unofficial notice -----------------------------------------------------------


def english_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "en").rglob("*.html") if p.name != "404.html")


def dutch_pages(site: Path) -> list[Path]:
    return sorted(
        p for p in site.rglob("*.html") if p.name != "404.html" and p.relative_to(site).parts[0] not in ("en", "assets")
    )


def check_notice(page, site: Path, path: Path, url: str) -> list[str]:
    """The notice of one English page, as the browser shows it: what is wrong."""

    words = PUB.labels("en")["reader"]
    page.goto(url)
    notice = page.locator(".unofficial-notice")
    if notice.count() != 1:
        return [f"{path}: {notice.count()} notices"]
    problems = []
    box, h1 = notice.bounding_box(), page.locator("article h1").first.bounding_box()
    if not notice.is_visible() or box["height"] < 20:
        problems.append(f"{path}: notice not visible")
    # right under the title, before any of the page's own text
    text_box = page.locator("article > p, article > ul, article > div.parallel").first.bounding_box()
    if not h1["y"] < box["y"] < text_box["y"]:
        problems.append(f"{path}: notice not between the title and the text")
    text = " ".join(notice.inner_text().split())
    if not text.startswith(words["unofficial_notice"].rstrip(".")) or "authoritative" not in text:
        problems.append(f"{path}: notice says {text!r}")
    link = notice.locator("a[hreflang]")
    href = link.get_attribute("href")
    target = (path.parent / href).resolve()
    if target.is_dir():
        target = target / "index.html"
    counterpart = site / path.relative_to(site / "en")
    if target != counterpart.resolve():
        problems.append(f"{path}: notice links to {target}, not {counterpart}")
    if link.get_attribute("hreflang") != "nl":
        problems.append(f"{path}: link without hreflang nl")
    menu = page.locator('.md-select__link[hreflang="en"]')
    if "unofficial translation" not in menu.text_content():
        problems.append(f"{path}: the language menu names the English {menu.text_content().strip()!r}")
    return problems


def test_every_english_page_over_http_carries_the_unofficial_notice(site, http_site, page):
    pages = english_pages(site)
    assert len(pages) == len(dutch_pages(site)) >= 7
    problems = []
    for path in pages:
        url = http_site + path.relative_to(site).as_posix().removesuffix("index.html")
        problems += check_notice(page, site, path, url)
    assert problems == []


def test_every_english_page_offline_carries_the_unofficial_notice(offline_site, page):
    pages = english_pages(offline_site)
    assert len(pages) == len(dutch_pages(offline_site)) >= 7
    problems = []
    for path in pages:
        problems += check_notice(page, offline_site, path, path.as_uri())
    assert problems == []


def test_no_dutch_page_carries_the_notice_and_the_menu_names_the_english_unofficial(site):
    pages = dutch_pages(site)
    assert len(pages) >= 7
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "unofficial-notice" not in text, path
        assert re.search(
            r'hreflang="en" lang="en" class="md-select__link">\s*English \(unofficial translation\)', text
        ), path


def test_english_references_give_the_official_dutch_title_first(site):
    from lxml import html as lxml_html

    tree = lxml_html.parse(str(site / "en" / "references" / "index.html"))
    bib = PUB.bib
    listed = [ref for ref in bib.references.values() if tree.xpath(f'//h3[@id="{ref.id}"]')]
    assert {bib.document.id, *(r.id for r in bib.footnotes.values())} <= {r.id for r in listed}
    for ref in listed:
        words = PUB.labels("en")["pages"]
        for field, label in (("title", "Title"), ("subject", words["subject"]), ("dossier_title", "Dossier")):
            texts = getattr(ref, field)
            if not texts:
                continue
            row = tree.xpath(f'//h3[@id="{ref.id}"]/following-sibling::ul[1]/li[strong="{label}:"]')
            assert len(row) == 1, (ref.id, field)
            first = row[0].xpath("./span[@lang='nl']")
            assert [s.text_content() for s in first] == [texts["nl"]], (ref.id, field)
            assert f"(translation: {texts['en']})" in row[0].text_content(), (ref.id, field)
        if ref.kind == "report":
            heading = tree.xpath(f'//h3[@id="{ref.id}"]')[0]
            assert heading.text_content().startswith(ref.title["nl"]), heading.text_content()


# --- footnotes -----------------------------------------------------------------------


def check_note_addition(paragraph, ref, lang: str, references: str) -> None:
    """A note (`paragraph`: the element holding its words) keeps the source's words and
    adds, after them and before its back-link, what it cites, linking to `references`."""

    words = PUB.labels(lang)["reader"]
    source_words = (paragraph.text or "") + "".join(
        el.text_content() + (el.tail or "")
        for el in paragraph.xpath(
            "./*[not(contains(@class, 'note-added')) and not(contains(@class, 'footnote-backref'))]"
        )
    )
    assert " ".join(source_words.split()) == " ".join(plain(ref.footnote_markdown(lang)).split())
    added = paragraph.xpath("./span[@class='note-added']")
    assert len(added) == 1
    text = " ".join(added[0].text_content().split())
    titles = ref.title or ref.subject
    said = " ".join(source_words.split())
    followed = ref.link
    leads = ""
    if followed is not None and followed.label.get(lang):
        # A link to a page named apart from the document says where it leads.
        name = followed.label[lang]
        leads = words["note_link"].format(label=name[:1].lower() + name[1:]) + " · "
    if any(" ".join(t.split()) in said for t in titles.values() if t):
        # The source's note names the document already: the addition gives its date.
        assert text == f"[{words['note_added']}: {format_date(ref.date, lang)} · {leads}{words['note_entry']}]", text
    else:
        assert text.startswith(f"[{words['note_added']}: {titles['nl']}")
        assert format_date(ref.date, lang) in text
        if lang == "en":
            assert f"(translation: {titles['en']})" in text
    link = added[0].xpath(".//a")[0]
    assert link.get("href") == f"{references}#{ref.id}"
    # The addition stands after the source's words, before the back-link.
    children = list(paragraph)
    assert children.index(added[0]) == len(children) - 2 and "footnote-backref" in children[-1].get("class")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_each_note_keeps_the_source_words_and_adds_what_it_cites(site, lang):
    from lxml import html as lxml_html

    prefix = "" if lang == "nl" else "en/"
    tree = lxml_html.parse(str(site / prefix / SECTION / "index.html"))
    for number, ref in PUB.bib.footnotes.items():
        note = tree.xpath(f'//li[@id="fn:{number}"]')[0]
        check_note_addition(note.xpath("./p")[0], ref, lang, "../references/")
        assert (site / prefix / "references" / "index.html").read_text(encoding="utf-8").count(f'id="{ref.id}"') == 1


@pytest.mark.parametrize("reader", ["nl", "en"])
def test_the_side_by_side_notes_carry_the_same_addition_in_both_columns(site, offline_site, reader):
    """The side-by-side page's notes, in each language's column, carry the addition the
    section page's notes carry (the same function writes both), linked to the reader's
    References page, online and in the offline bundle."""
    from lxml import html as lxml_html

    prefix = "" if reader == "nl" else "en/"
    for built, path, references in (
        (site, "parallel/index.html", "../references/"),
        (offline_site, "parallel.html", "references.html"),
    ):
        tree = lxml_html.parse(str(built / prefix / path))
        numbers = PUB.bib.footnotes_on(32)
        assert len(numbers) == 3
        for column in ("nl", "en"):
            for number in numbers:
                note = tree.xpath(f'//li[@id="fn:{SECTION}-{column}-{number}"]')[0]
                check_note_addition(note, PUB.bib.footnotes[number], column, references)
                href = note.xpath(".//a[@class='note-added__link']/@href")[0]
                assert (built / prefix / path).parent.joinpath(href.split("#")[0]).exists(), href


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_footnote_calls_are_24px_targets_and_the_tooltip_names_the_document(site, http_site, page, lang):

    prefix = "" if lang == "nl" else "en/"
    page.goto(f"{http_site}{prefix}{SECTION}/")
    calls = page.locator("a.footnote-ref")
    assert calls.count() == 3
    for i in range(3):
        call = calls.nth(i)
        call.evaluate("a => a.scrollIntoView({block: 'center'})")  # all its hit area on the screen
        hits = page.evaluate(
            """a => { const r = a.getBoundingClientRect(), cx = r.x + r.width / 2, cy = r.y + r.height / 2;
            const out = []; for (const dx of [-11.5, 0, 11.5]) for (const dy of [-11.5, 0, 11.5]) {
              const el = document.elementFromPoint(cx + dx, cy + dy); out.push(!!el && (el === a || a.contains(el))); }
            return out; }""",
            call.element_handle(),
        )
        assert all(hits), (i, hits)
    # The hit area takes no room: every paragraph is as tall without it.
    heights = page.evaluate(
        "() => [...document.querySelectorAll('article p')].map(p => p.getBoundingClientRect().height)"
    )
    page.add_style_tag(
        content=".md-typeset a.footnote-ref::after { content: none !important; }"
        " .md-typeset a.footnote-ref { position: static !important; }"
    )
    assert (
        page.evaluate("() => [...document.querySelectorAll('article p')].map(p => p.getBoundingClientRect().height)")
        == heights
    )
    # Material's tooltip copies the note: it names the cited document too.
    first = PUB.bib.footnotes[35]
    calls.first.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert (first.title or first.subject)["nl"] in tooltip.inner_text()


def test_english_pages_use_one_kind_of_quotation_mark(site):
    """Curly quotes and apostrophes in what an English reader sees (code left out)."""
    from lxml import html as lxml_html

    straight = []
    for path in english_pages(site):
        for article in lxml_html.parse(str(path)).getroot().xpath("//article"):
            for el in article.iter():
                if not isinstance(el.tag, str) or el.tag in ("script", "style", "code"):
                    continue
                for text in (el.text, el.tail):
                    if text and re.search(r"[\"']", text):
                        straight.append(f"{path.relative_to(site)}: {text.strip()[:80]}")
    assert straight == []
