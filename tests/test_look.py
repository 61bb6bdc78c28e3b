"""What the reader meets: the page itself, measured in Chromium's computed styles and
layout at 320, 390 and 1280 CSS px, in the light and the dark scheme.

Headings, the measure, text sizes in boxes and the chart, values beside their bars, the
chart's visible title, citations that never break inside a dossier number, ¶ ⇄ shown on
hover or focus only, the side-by-side page's width and its ⇄ targets on a phone, the
terms table at 320 px, a dark scheme that follows the system, and axe in both schemes.
"""

from __future__ import annotations

import contextlib
import os
import re

import fontsets
import pytest
from ax import run_axe, violations
from lxml import html as lxml_html
from pagejs import TABLES_READ_WHOLE_JS
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from repo import PUB

from publication.model import references
from publication.outputs.serve import CHROMIUM, CHROMIUM_ARGS, static_server
from publication.render import sentences
from publication.render.typography import minify_css

WIDTHS = (320, 390, 1280)
SCHEMES = ("light", "dark")
MEASURE = 75  # characters per line at most


def page_paths() -> list[str]:
    out = []
    for lang, files in PUB.pages().items():
        for rel in files:
            stem = rel.removesuffix(".md")
            out.append(("" if lang == "nl" else "en/") + ("" if stem == "index" else f"{stem}/"))
    return sorted(out)


PAGES = page_paths()


# --- without a browser: what the renderer writes ------------------------------------------


def test_citations_for_reading_tie_their_numbers_and_files_keep_plain_spaces():
    assert references.unbreakable("Kamerstuk 28 741, nr. 106") == "Kamerstuk\u00a028\u00a0741, nr.\u00a0106"
    assert (
        references.unbreakable("Kamerstukken II 2023/24, 28 638, nr. 233, p. 32")
        == "Kamerstukken II\u00a02023/24, 28\u00a0638, nr.\u00a0233, p.\u00a032"
    )
    assert references.format_dossier("36350-VI", nobreak=True) == "36\u00a0350\u00a0VI"
    assert references.format_dossier("36350-VI") == "36 350 VI"  # BibTeX, RIS, metadata
    assert (
        references.tie_citations("The letter (no. 251) cites it as “Kamerstuk 28 638, nr. 248”; in 2024 33 cases")
        == "The letter (no.\u00a0251) cites it as “Kamerstuk\u00a028\u00a0638, nr.\u00a0248”; in 2024 33 cases"
    )
    ref = PUB.bib.footnotes[35]
    assert ref.short_citation("nl") == "Kamerstuk 28 741, nr. 106"
    assert ref.short_citation("en", nobreak=True) == "Parliamentary paper (Kamerstuk)\u00a028\u00a0741, no.\u00a0106"
    # The checks read both forms alike.
    m = references.CITATION_RE.search(ref.formal_citation(nobreak=True))
    assert (references.parse_dossier(m["dossier"]), m["number"]) == ("28741", "106")


def test_the_stylesheet_is_sent_without_comments_its_strings_and_markers_kept(tmp_path):

    css = (
        '/* a note */\n.a td::before { content: attr(data-label) ": " ; }\n'
        "@media screen and (max-width: 30em) {\n  .b, .c > .d { margin: calc(1px + 2px) 0; }\n}\n"
    )
    assert minify_css(css) == (
        '.a td::before{content: attr(data-label) ": ";}@media screen and (max-width: 30em)'
        "{.b,.c > .d{margin: calc(1px + 2px) 0;}}\n"
    )
    # The build adds the highlighting rules at each language's build: still once.
    sheet = tmp_path / "publication.css"
    sheet.write_text(css, encoding="utf-8")
    markers = (sentences.HIGHLIGHT_START, sentences.HIGHLIGHT_END)
    for _ in range(2):
        sentences.add_highlight_css(sheet, 3)
        sheet.write_text(minify_css(sheet.read_text(encoding="utf-8"), keep=markers), encoding="utf-8")
    text = sheet.read_text(encoding="utf-8")
    assert text.count(sentences.HIGHLIGHT_START) == 1 and text.count('[data-seg="s-3"]:hover') == 1
    assert "a note" not in text


# A dossier number ("28 741", "36 350 VI") or a number after "nr."/"no."/"p.", with the
# space it is written with.
NUMBER_SPACE_RE = re.compile(r"\b\d{2,3}(?P<a>\s)\d{3}\b|\b(?:nr|no|p)\.(?P<b>\s)\d")


@pytest.mark.parametrize("path", PAGES)
def test_every_citation_on_a_built_page_has_no_break_spaces(site, path):
    """Every text a reader sees (headings, boxes, tables, footnotes, navigation and table
    of contents): no breakable space inside a dossier number or after "nr."."""
    root = lxml_html.parse(str(site / path / "index.html")).getroot()
    body = root.find("body")
    found = []
    for text in body.itertext():
        if "Kamerstuk" not in text and not re.search(r"\b(?:nr|no)\.\s\d", text):
            continue
        for m in NUMBER_SPACE_RE.finditer(text):
            space = m["a"] or m["b"]
            if space != "\u00a0":
                found.append(m.group(0))
    assert found == []


# The declarations the dark scheme may make: colours and nothing else. `color-scheme`
# names the colours of the browser's own parts (scrollbars, form controls).
COLOUR_PROPERTIES = {
    "color",
    "color-scheme",
    "background-color",
    "border-color",
    "outline-color",
    "text-decoration-color",
    "caret-color",
    "accent-color",
    "fill",
    "stroke",
    *(f"border-{side}-color" for side in ("top", "right", "bottom", "left", "block", "inline")),
}
COLOUR_FUNCTIONS = {"rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix"}


def test_the_dark_scheme_changes_colours_only(site):
    """The dark scheme is one `prefers-color-scheme: dark` block of publication.css, and
    it sets colours only: colour properties, and custom properties whose value keeps the
    shape of their light value with only its colours changed (a shadow keeps its offsets
    and blur), or that are only ever used inside a colour. So a page lays out the same in
    both schemes, and test_axe_finds_no_violation_in_either_colour_scheme runs axe's
    colour rules only in the dark scheme (its other rules cannot find otherwise)."""
    import tinycss2

    sheets = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.css")}
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    linked = {
        href.split("?")[0]
        for text in pages.values()
        for href in re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="(?:\.\./|/)*([^"]+)"', text)
    }
    assert linked and linked <= set(sheets), linked
    # The styles the pages carry themselves (style elements and attributes, media
    # attributes), besides the linked sheets. (Material's inline script reads a palette
    # a reader chose with a palette toggle, which this site does not have.)
    own = {
        name: " ".join(lxml_html.fromstring(text).xpath("//style/text() | //@style | //@media"))
        for name, text in pages.items()
    }
    where = [name for name, text in {**own, **{s: sheets[s] for s in linked}}.items() if "prefers-color-scheme" in text]
    assert where == ["assets/publication.css"], "the dark scheme lives in publication.css only"

    def rules(sheet):
        return tinycss2.parse_stylesheet(sheet, skip_comments=True, skip_whitespace=True)

    def is_dark(rule):
        return rule.type == "at-rule" and "prefers-color-scheme" in tinycss2.serialize(rule.prelude)

    dark = [r for r in rules(sheets["assets/publication.css"]) if is_dark(r)]
    assert len(dark) == 1 and "dark" in tinycss2.serialize(dark[0].prelude)

    def declarations(rule_list, with_dark=False):
        """(property, value tokens) of every declaration, at-rules' blocks included (the
        dark scheme's only `with_dark`)."""
        for rule in rule_list:
            if rule.type == "qualified-rule":
                for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                    if d.type == "declaration":
                        yield d.lower_name if not d.name.startswith("--") else d.name, d.value
            elif rule.type == "at-rule" and rule.content is not None and (with_dark or not is_dark(rule)):
                yield from declarations(tinycss2.parse_blocks_contents(rule.content, True, True), with_dark)

    light: dict[str, list] = {}
    for name in linked:
        for prop, value in declarations(rules(sheets[name])):
            if prop.startswith("--"):
                light.setdefault(prop, []).append(value)

    def shape(tokens) -> list:
        """The value with each colour written as C (a custom property holding a colour too)."""
        out = []
        for t in tokens:
            if t.type in ("whitespace", "comment"):
                continue
            if t.type == "hash" or (t.type == "function" and t.lower_name in COLOUR_FUNCTIONS):
                out.append("C")
            elif t.type == "function" and t.lower_name == "var":
                var = tinycss2.serialize(t.arguments).strip()
                out.append("C" if any(shape(v) == ["C"] for v in light.get(var, [])) else f"var({var})")
            elif t.type in ("number", "dimension", "percentage"):
                out.append((t.value, getattr(t, "lower_unit", t.type)))
            else:
                out.append(tinycss2.serialize([t]).strip())
        return out

    def uses(tokens, inside_colour=False):
        """(custom property, whether inside a colour function) of every var() in a value."""
        for t in tokens:
            if t.type == "function":
                if t.lower_name == "var":
                    yield tinycss2.serialize(t.arguments).split(",")[0].strip(), inside_colour
                yield from uses(t.arguments, inside_colour or t.lower_name in COLOUR_FUNCTIONS)
            elif t.type in ("() block", "[] block", "{} block"):
                yield from uses(t.content, inside_colour)

    every_use = [u for name in linked for _, value in declarations(rules(sheets[name]), True) for u in uses(value)]
    not_colours = []
    for rule in tinycss2.parse_blocks_contents(dark[0].content, True, True):
        for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
            if d.type != "declaration":
                continue
            if not d.name.startswith("--"):
                if d.lower_name not in COLOUR_PROPERTIES:
                    not_colours.append(d.name)
            elif any(shape(d.value) == shape(v) for v in light.get(d.name, [])):
                continue
            elif not all(inside for var, inside in every_use if var == d.name):
                not_colours.append(f"{d.name}: {tinycss2.serialize(d.value).strip()}")
    assert not_colours == [], "the dark scheme changes more than colours: widen its axe runs"


# --- in Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(site):
    """The built site on a plain HTTP server on 127.0.0.1."""

    with static_server(site) as url:
        yield url


def settled(page):
    """The page as laid out: its fonts loaded, no transition under way."""
    page.evaluate(
        "() => document.fonts.ready.then(() => Promise.all(document.getAnimations().map(a => a.finished)))"
        ".then(() => true)"
    )
    return page


@pytest.fixture
def open_page(browser, served):
    """A page of its own, for a test that hovers, focuses, types or follows a link."""
    contexts = []

    def go(path: str, width: int = 1280, scheme: str = "light", height: int = 800):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme, reduced_motion="reduce"
        )
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{served}/{path}")  # until the load event: the page and every file it names
        return settled(page)

    yield go
    for context in contexts:
        context.close()


def _shower(browser, served):
    """A page for the tests that only read it: each address loaded once, then shown at the
    width, height and colour scheme a test asks for. (Until a reader moves the pointer,
    presses a key or the focus moves, no script of the page runs but the publication's
    loader, so a page resized or switched to the other scheme is laid out as one loaded
    that way: CSS alone decides. Each use asserts it.)"""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    pages = {}

    def go(path: str, width: int = 1280, scheme: str = "light", height: int = 800):
        page = pages.get(path)
        if page is None:
            page = pages[path] = context.new_page()
            page.goto(f"{served}/{path}")
        page.set_viewport_size({"width": width, "height": height})
        page.emulate_media(color_scheme=scheme)
        page.evaluate("scrollTo(0, 0)")  # where a page opens
        assert page.evaluate("window.document$ === undefined"), "Material's script ran: open_page is for that"
        return settled(page)

    return go, context


@pytest.fixture(scope="module")
def show(browser, served):
    """The site's pages in Chromium as this machine's fonts draw them."""
    go, context = _shower(browser, served)
    yield go
    context.close()


@pytest.fixture(scope="module", params=sorted(fontsets.FONT_SETS))
def show_in_fonts(request, browser, served, tmp_path_factory):
    """The site's pages in a Chromium that has one font set only (tests/fontsets.py):
    DejaVu, then Liberation (Arial's metrics). A test of the layout holds in both, so it
    holds whatever fonts a reader's machine (or the test machine) prefers."""
    name = request.param
    assert fontsets.available(name), f"the {name} fonts are missing: make test installs them"
    conf = fontsets.fontconfig_file(tmp_path_factory.mktemp(f"fonts-{name}"), name)
    own = browser.browser_type.launch(
        executable_path=CHROMIUM, args=list(CHROMIUM_ARGS), env={**os.environ, "FONTCONFIG_FILE": str(conf)}
    )
    go, context = _shower(own, served)
    go.fonts = name
    yield go
    context.close()
    own.close()


@pytest.mark.browser
def test_each_font_set_is_the_one_the_text_is_drawn_in(show_in_fonts):
    """The font sets are real: under each, Chromium draws the section's text, its
    headings and its code in that set's fonts only (read back through the DevTools
    protocol), so the tests that use it test what they say."""
    page = show_in_fonts("en/translation-notes/", 1280)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    drawn = set()
    for selector in ("article p", "article h1", "article code", ".md-header__title"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        drawn |= {f["familyName"] for f in fonts}
    cdp.detach()
    family = {"dejavu": "DejaVu", "liberation": "Liberation"}[show_in_fonts.fonts]
    assert drawn and all(name.startswith(family) for name in drawn), drawn


STYLES_JS = """
() => {
  const px = el => parseFloat(getComputedStyle(el).fontSize);
  const one = sel => document.querySelector(sel);
  const all = sel => [...document.querySelectorAll(sel)];
  const h1 = one('article h1'), h2 = one('article h2');
  const title = one('.chart__title');
  return {
    h1: {weight: +getComputedStyle(h1).fontWeight, size: px(h1), color: getComputedStyle(h1).color},
    h2: {weight: +getComputedStyle(h2).fontWeight, size: px(h2)},
    body: getComputedStyle(one('article > p')).color,
    box: Math.min(...all('article .admonition p, article .admonition li, article .admonition-title').map(px)),
    caption: Math.min(...all('.chart figcaption').map(px)),
    table: Math.min(...all('.chart__table td, .chart__table th, .chart__table caption').map(px)),
    title: title && {text: title.textContent, height: title.getBoundingClientRect().height,
                     visible: getComputedStyle(title).visibility === 'visible' && !title.hidden},
    scroll: document.scrollingElement.scrollWidth,
  };
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_headings_boxes_and_chart_text_sizes(show_in_fonts, width, prefix, lang):
    page = show_in_fonts(f"{prefix}daderaanpak/", width)
    s = page.evaluate(STYLES_JS)
    assert s["h1"]["weight"] >= 700 > s["h2"]["weight"] and s["h1"]["size"] > s["h2"]["size"]
    assert s["h1"]["color"] == s["body"], "the title in the text's colour, not a light grey"
    assert s["box"] >= 14, "box text at least 14 px"
    assert s["caption"] >= 12 and s["table"] >= 12, "chart caption and table at least 12 px"
    period = PUB.figures.figures["monitor_period"]
    assert s["title"]["visible"] and s["title"]["height"] > 10
    assert s["title"]["text"] == PUB.labels(lang)["chart"]["title"].format(period=getattr(period, lang))
    assert s["scroll"] <= width


NOTES_JS = """
() => {
  // Each footnote's text: its size, and its contrast against the page (its colour laid
  // over the page's background, as the browser paints it).
  const rgba = c => c.match(/[\\d.]+/g).map(Number);
  const over = (fg, bg) => { const a = fg.length > 3 ? fg[3] : 1; return fg.slice(0, 3).map((v, i) => v * a + bg[i] * (1 - a)); };
  const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = rgba(getComputedStyle(document.body).backgroundColor);
  return [...document.querySelectorAll('.footnote li')].map(li => {
    const s = getComputedStyle(li), fg = over(rgba(s.color), bg), [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return {size: parseFloat(s.fontSize), contrast: (l1 + 0.05) / (l2 + 0.05), text: li.textContent.slice(0, 30)};
  });
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["daderaanpak/", "en/daderaanpak/", "parallel/", "en/parallel/"])
def test_footnote_text_is_at_least_14px_with_the_texts_contrast(show, path, scheme, width):
    page = show(path, width, scheme)
    notes = page.evaluate(NOTES_JS)
    assert len(notes) == (3 if "daderaanpak" in path else 6)
    for note in notes:
        assert note["size"] >= 14 and note["contrast"] >= 4.5, note


MEASURE_JS = """
() => {
  // Characters per rendered line of every paragraph and list item of the text: each
  // character's box, grouped by its line's top.
  // Not the edition strip: a notice of two or three lines in small type above the title.
  const lines = [];
  for (const block of document.querySelectorAll('article p, article li')) {
    if (block.closest('.parallel, .chart, table, .edition-strip')) continue;
    const rows = new Map();
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.paragraph-link, .pair-link, sup')) continue;
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const r = range.getClientRects()[0];
        if (!r || r.width === 0) continue;
        const top = Math.round(r.top / 4);
        rows.set(top, (rows.get(top) || 0) + 1);
      }
    }
    for (const n of rows.values()) lines.push(n);
  }
  return Math.max(...lines);
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["daderaanpak/", "en/daderaanpak/", "en/translation-notes/", "accessibility/"])
@pytest.mark.parametrize("width", [1280, 1600])
def test_body_lines_hold_at_most_75_characters_at_desktop_widths(show_in_fonts, path, width):
    page = show_in_fonts(path, width)
    longest = page.evaluate(MEASURE_JS)
    assert 40 <= longest <= MEASURE, longest


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "en/", "daderaanpak/", "en/history/"])
@pytest.mark.parametrize("width", [390, 1280, 1600])
def test_the_title_is_no_wider_than_the_text_under_it(show_in_fonts, path, width):
    """At 1280 px the title ran 688 px across a text of 445: the page's edge, not its
    text, set its width."""
    page = show_in_fonts(path, width)
    widths = page.evaluate("""() => ({h1: document.querySelector('article h1').getBoundingClientRect().width,
      text: Math.max(...[...document.querySelectorAll('article > p')].map(p => p.getBoundingClientRect().width))})""")
    assert widths["h1"] <= widths["text"] + 1, widths


BARS_JS = """
() => [...document.querySelectorAll('.chart__bar')].map(bar => {
  const track = bar.querySelector('.chart__track').getBoundingClientRect();
  const value = bar.querySelector('.chart__value').getBoundingClientRect();
  return {gap: value.left - track.right, top: Math.abs((value.top + value.bottom) - (track.top + track.bottom)) / 2,
          width: track.width, share: +bar.dataset.value};
})
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_each_value_stands_beside_the_end_of_its_bar(show_in_fonts, width):
    page = show_in_fonts("daderaanpak/", width)
    bars = page.evaluate(BARS_JS)
    assert len(bars) == 4
    for bar in bars:
        assert 0 <= bar["gap"] <= 12 and bar["top"] <= 4, bar
    # The bars keep their proportions: width per share point is the same for each.
    per_point = [b["width"] / b["share"] for b in bars]
    assert max(per_point) - min(per_point) < 0.05 * max(per_point)


LINE_BREAKS_JS = """
() => {
  // Every dossier number or "nr. 106" in a visible text: its characters' boxes on one line.
  const re = /\\b\\d{2,3}[ \\u00a0]\\d{3}\\b|\\b(?:nr|no|p)\\.[ \\u00a0]\\d+/g;
  const broken = [], seen = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(re)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (!rects.length) continue;
      seen.push(m[0]);
      if (new Set(rects.map(r => Math.round(r.top))).size > 1) broken.push(m[0]);
    }
  }
  return {broken, seen: seen.length};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", ["references/", "en/references/", "daderaanpak/", "en/daderaanpak/", "", "en/"])
def test_no_dossier_number_breaks_across_a_line(show_in_fonts, path, width):
    page = show_in_fonts(path, width)
    result = page.evaluate(LINE_BREAKS_JS)
    assert result["seen"] >= 1 and result["broken"] == []


CONTROLS_JS = """
() => [...document.querySelectorAll('article .paragraph-link, article .pair-link')].map(a => ({
  opacity: +getComputedStyle(a).opacity, name: a.getAttribute('aria-label') || '', tab: a.tabIndex}))
"""


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_paragraph_links_show_only_on_hover_or_keyboard_focus(open_page, prefix):
    page = open_page(f"{prefix}daderaanpak/", 1280)
    controls = page.evaluate(CONTROLS_JS)
    assert len(controls) >= 8
    assert all(c["opacity"] == 0 and c["name"] and c["tab"] == 0 for c in controls), controls
    paragraph = page.locator("article p[data-pair]").nth(1)
    paragraph.hover()
    assert paragraph.evaluate(
        "p => [...p.querySelectorAll('.paragraph-link, .pair-link')].map(a => +getComputedStyle(a).opacity)"
    ) == [1, 1]
    page.mouse.move(0, 0)
    # The keyboard reaches them: Tab until the first ⇄ has the focus.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('pair-link')"):
            break
    else:
        pytest.fail("no ⇄ link reached with the Tab key")
    assert page.evaluate("+getComputedStyle(document.activeElement).opacity") == 1
    others = page.evaluate(CONTROLS_JS)
    assert sum(c["opacity"] == 1 for c in others) == 2, "only the focused paragraph's two links"


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_side_by_side_page_uses_the_full_content_width(show_in_fonts, prefix):
    page = show_in_fonts(f"{prefix}parallel/", 1280)
    geometry = page.evaluate("""() => {
      const toc = document.querySelector('.md-sidebar--secondary');
      const cells = [...document.querySelectorAll('.parallel__row--paragraph .parallel__cell')].slice(0, 2);
      return {table: document.querySelector('.parallel').getBoundingClientRect().width,
              toc: toc ? toc.getBoundingClientRect().width * (getComputedStyle(toc).display !== 'none') : 0,
              cells: cells.map(c => c.getBoundingClientRect().width)};
    }""")
    assert geometry["toc"] == 0, "no empty sidebar beside the table"
    assert geometry["table"] >= 880 and min(geometry["cells"]) >= 420, geometry


@pytest.mark.browser
@pytest.mark.parametrize("prefix,counterpart", [("", "en"), ("en/", "nl")])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_following_a_pair_link_brings_the_counterpart_into_view(open_page, prefix, counterpart, width):
    page = open_page(f"{prefix}daderaanpak/", width, height=740)
    link = page.locator('p[data-pair="5"] a.pair-link')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/parallel/#daderaanpak-pair-5-{counterpart}$"))
    settled(page)
    where = f"""() => {{
      const cell = document.getElementById('daderaanpak-pair-5-{counterpart}').getBoundingClientRect();
      const header = document.querySelector('.md-header').getBoundingClientRect();
      return {{top: cell.top, header: header.bottom, height: innerHeight}};
    }}"""
    # Until the browser has scrolled to the cell (or 2 s have passed: then the test fails).
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"() => {{ const b = ({where})(); return b.header <= b.top && b.top < b.height / 2; }}", timeout=2000
        )
    box = page.evaluate(where)
    assert box["header"] <= box["top"] < box["height"] / 2, box


@pytest.mark.browser
@pytest.mark.parametrize(
    "path,sentence,width",
    [
        ("daderaanpak/", "s-12", 390),
        ("en/daderaanpak/", "s-12", 390),
        ("parallel/", "daderaanpak-s-12", 1280),
        ("en/parallel/", "daderaanpak-s-12", 1280),
        ("en/parallel/", "daderaanpak-s-12", 390),
    ],
)
def test_a_targeted_sentence_is_highlighted_without_an_outline(open_page, path, sentence, width):
    # A page of its own: the focus moves to a focusable target, which loads Material's script.
    page = open_page(f"{path}#{sentence}", width)
    style = page.evaluate(
        """id => { const s = getComputedStyle(document.getElementById(id));
      return {outline: s.outlineStyle, background: s.backgroundColor, clone: s.boxDecorationBreak || s.webkitBoxDecorationBreak}; }""",
        sentence,
    )
    assert style["outline"] == "none" and style["clone"] == "clone"
    assert style["background"] not in ("rgba(0, 0, 0, 0)", "transparent")


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_terms_table_reads_at_320_px_with_nothing_hidden(show_in_fonts, prefix):
    page = show_in_fonts(f"{prefix}translation-notes/", 320)
    result = page.evaluate("""() => {
      const table = document.querySelector('article table.terms');
      const cells = [...table.querySelectorAll('td')];
      // An element that scrolls sideways (the visually hidden header row aside: its
      // column names stand before each field).
      const scrollers = [table, ...table.querySelectorAll('tbody, tbody *'), table.parentElement].filter(
        el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible');
      return {page: document.scrollingElement.scrollWidth, scrollers: scrollers.length, cells: cells.length,
              outside: cells.filter(td => { const r = td.getBoundingClientRect();
                                           return r.width === 0 || r.left < 0 || r.right > innerWidth; }).length,
              labels: cells.slice(0, 4).map(td => getComputedStyle(td, '::before').content)};
    }""")
    assert result["page"] <= 320 and result["scrollers"] == 0 and result["outside"] == 0, result
    assert result["cells"] >= 4 * 10
    words = PUB.labels("nl" if prefix == "" else "en")["pages"]
    assert result["labels"] == [f'"{words[k]}: "' for k in ("term_nl", "term_en", "status", "why")]


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("path", ["history/", "en/history/", "translation-notes/", "en/translation-notes/"])
def test_no_table_is_cut_off_or_scrolls_sideways_on_a_phone(show_in_fonts, path, width):
    """Every table of a page reads whole on a phone: no part of it scrolls sideways inside
    the page, and no cell stands outside the screen (the accessibility statement says
    nothing needs sideways scrolling at 320 px)."""
    page = show_in_fonts(path, width)
    result = page.evaluate(TABLES_READ_WHOLE_JS)
    assert result["tables"] >= 1 and result["page"] <= width, result
    assert result["scrollers"] == [] and result["outside"] == 0, result


@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_timelines_table_stays_in_the_text_and_keeps_each_address_whole(show_in_fonts, prefix, width):
    """The table of what became of each announcement: no wider than the text's paragraphs,
    nothing to scroll sideways, no sentence address (s-21) broken over a line; on a
    narrow screen each field named by its column."""
    page = show_in_fonts(f"{prefix}history/", width)
    result = page.evaluate("""() => {
      const table = document.querySelector('article table.followup-overview');
      const text = [...document.querySelectorAll('article > p')].map(p => p.getBoundingClientRect().right);
      const links = [...document.querySelectorAll('article table.followup-overview a, article .followup-item__title a')];
      return {right: table.getBoundingClientRect().right, text: Math.max(...text), page: document.scrollingElement.scrollWidth,
              broken: links.filter(a => a.getClientRects().length > 1).map(a => a.textContent),
              links: links.length, cells: table.querySelectorAll('td').length,
              label: getComputedStyle(table.querySelector('td'), '::before').content};
    }""")
    assert result["page"] <= width and result["right"] <= result["text"] + 1, result
    assert result["links"] >= 4 and result["broken"] == [], result
    words = PUB.labels("nl" if prefix == "" else "en")["followups"]
    assert result["label"] == (f'"{words["table_sentence"]}: "' if width < 720 else "none"), result
    assert result["cells"] == 3 * len(PUB.followups.shown("daderaanpak"))


@pytest.mark.browser
@pytest.mark.parametrize("scheme,dark", [("light", False), ("dark", True)])
def test_the_colour_scheme_follows_the_system(show, scheme, dark):
    page = show("daderaanpak/", 390, scheme)
    rgb = page.evaluate(
        """() => getComputedStyle(document.body).backgroundColor.match(/[\\d.]+/g).slice(0, 3).map(Number)"""
    )
    luminance = sum(rgb) / 3 / 255
    assert (luminance < 0.25) if dark else (luminance > 0.9), rgb
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert len(sheets) == 2 and not any("palette" in s for s in sheets), "no stylesheet more (palette.css)"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation_in_either_colour_scheme(show, path, scheme):
    """axe's WCAG A and AA rules at 390 px in the light scheme (at 1280 px it is
    test_served.py's, through nginx); in the dark scheme, which changes colours only
    (test_the_dark_scheme_changes_colours_only), axe's colour rules at 390 and 1280 px."""
    for width in (390, 1280) if scheme == "dark" else (390,):
        result = run_axe(show(path, width, scheme), colours_only=scheme == "dark")
        assert violations(result) == [], (path, width, scheme)
        if scheme == "dark":
            assert "color-contrast" in [p["id"] for p in result["passes"]], (path, width, "contrast checked")
        else:
            assert len(result["passes"]) > 20, (path, width, "axe ran its rules")


FIRST_SCREEN_JS = """
() => {
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, left: r.left, width: r.width, height: r.height}; };
  // what stands before the chart, past the follow-ups of the paragraph it follows
  const paragraphBefore = el => { let e = el.previousElementSibling; while (e && e.matches('details.followup')) e = e.previousElementSibling; return e; };
  const first = document.querySelector('article p [data-seg]');
  const strip = document.querySelector('article .edition-strip');
  const chart = document.querySelector('article details:not(.followup)');
  const timeline = strip && strip.querySelector('.history-notice a[href$="history/"]');
  return {
    first: box(first).top, text: first.textContent.slice(0, 30),
    column: box(first.closest('p')).width,
    strip: strip && box(strip), title: box(document.querySelector('article h1')).top,
    unofficial: !!(strip && strip.querySelector('.unofficial-notice')),
    timeline: timeline ? timeline.href : null,
    chart: chart && {open: chart.open, height: box(chart).height, after: paragraphBefore(chart).tagName},
    followups: [...document.querySelectorAll('article details.followup')].map(el => box(el).height),
    line: parseFloat(getComputedStyle(document.querySelector('article details.followup summary')).lineHeight),
    boxes: [...document.querySelectorAll('article .admonition, article details')].filter(
      el => el.offsetParent !== null).map(el => box(el).width),
  };
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("width,height,limit", [(1280, 800, 300), (390, 844, 320)])
def test_the_section_text_is_the_first_thing_on_the_screen(show_in_fonts, prefix, width, height, limit):
    """The section's first sentence begins within the first 300 px at 1280 × 800 and
    320 px at 390 × 844, in both languages: the title, then only the edition strip (on a
    translation its unofficial notice first; then where the text stands, linked to the
    timeline), nothing wider than the text column; the chart after its paragraph is one
    closed line, never splitting the text on a phone; a follow-up beside the text, closed,
    takes at most three lines."""
    s = show_in_fonts(f"{prefix}daderaanpak/", width, height=height).evaluate(FIRST_SCREEN_JS)
    assert s["first"] <= limit, s
    assert s["title"] < s["strip"]["top"] < s["first"], s
    assert s["strip"]["width"] <= s["column"] + 1 and all(w <= s["column"] + 1 for w in s["boxes"]), s
    assert s["unofficial"] == bool(prefix), s
    assert s["timeline"] and s["timeline"].endswith(f"/{prefix}history/"), s
    assert s["chart"] == {"open": False, "height": s["chart"]["height"], "after": "P"} and s["chart"]["height"] < 90, s
    assert s["followups"] and all(h <= 3 * s["line"] + 12 for h in s["followups"]), s


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("width,height", [(1280, 800), (1600, 900)])
def test_the_home_pages_answer_in_short_begins_on_the_first_screen(show_in_fonts, prefix, width, height):
    """A reader's question is whether what page 32 announced happened: on a desktop's
    first screen the home page shows the way into the text (a button to the section)
    and gives its answer in one sentence (every verdict, counted), the table in short
    right after it (it began 770 px down at 1280 × 800, under a paragraph of caveats)."""
    page = show_in_fonts(prefix, width, height=height)
    where = page.evaluate(
        """() => {
      const answer = document.getElementById('outcomes').nextElementSibling;
      const table = document.querySelector('article table.followup-overview thead');
      const button = document.querySelector('article a.home-action--main');
      const bottom = (e) => e.getBoundingClientRect().bottom + window.scrollY;
      const top = (e) => e.getBoundingClientRect().top + window.scrollY;
      return {answer: bottom(answer), table: top(table), said: answer.textContent,
              button: bottom(button), to: button.getAttribute('href')};
    }"""
    )
    assert where["said"].startswith(("Of the ", "Van de ")), where
    assert where["button"] < where["answer"] <= height, (show_in_fonts.fonts, where)
    assert where["to"] == "daderaanpak/" and where["table"] - where["answer"] < 40, where


TARGETS_JS = """
() => [...document.querySelectorAll('article a.footnote-ref, article a.followup-ref')].map(a => {
  a.scrollIntoView({block: 'center'});
  const r = a.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  const hits = [[0, 0], [-10, 0], [10, 0], [0, -10], [0, 10]].map(([dx, dy]) => {
    const el = document.elementFromPoint(x + dx, y + dy);
    return !!el && (el === a || a.contains(el));
  });
  return {cls: a.className, text: a.textContent, width: r.width, hits};
})
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["daderaanpak/", "en/daderaanpak/"])
def test_the_small_links_in_the_text_are_targets_of_24_px(open_page, path):
    """A footnote call and a follow-up's marker are a few pixels wide: each answers a
    touch anywhere within 24 × 24 CSS px around it (WCAG 2.2, 2.5.8)."""
    targets = open_page(path, 390, height=844).evaluate(TARGETS_JS)
    assert {t["cls"] for t in targets} == {"footnote-ref", "followup-ref"}
    small = [t for t in targets if not all(t["hits"])]
    assert small == [], small


TITLE_BANDS_JS = """
() => [...document.querySelectorAll('article .admonition > .admonition-title')].map(t => {
  const box = t.parentElement.getBoundingClientRect(), band = t.getBoundingClientRect();
  return {title: t.textContent.trim(), gap: Math.round(box.right - band.right)};
})
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["daderaanpak/", "en/daderaanpak/"])
def test_a_boxs_title_band_runs_to_its_right_edge(open_page, path):
    """The title band of a box (the end of the excerpt, the citation box) spans the box;
    the measure of 50ch is for its lines of text (it stopped 27 px short at 1280)."""
    bands = open_page(path, 1280, height=800).evaluate(TITLE_BANDS_JS)
    assert bands and [b for b in bands if abs(b["gap"]) > 1] == []


def _drawn_in(page, selector: str) -> set[str]:
    """The families Chromium drew the first element of `selector` in (DevTools)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = {f["familyName"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    cdp.detach()
    return fonts


@pytest.mark.browser
@pytest.mark.parametrize("path", ["daderaanpak/", "en/daderaanpak/", "en/history/"])
def test_the_text_is_set_in_a_serif_and_the_headings_in_a_sans(show_in_fonts, path):
    """The house look: the text in the set's serif (the PDF's Libertine is a serif too),
    the titles, the header and the navigation in its sans."""
    page = show_in_fonts(path, 1280)
    serif = {"dejavu": "DejaVu Serif", "liberation": "Liberation Serif"}[show_in_fonts.fonts]
    sans = {"dejavu": "DejaVu Sans", "liberation": "Liberation Sans"}[show_in_fonts.fonts]
    assert {f.split(" Bold")[0] for f in _drawn_in(page, "article > p")} == {serif}
    for furniture in ("article h1", "article h2", ".md-header__topic .md-ellipsis", ".md-nav__link"):
        assert {f.split(" Bold")[0] for f in _drawn_in(page, furniture)} == {sans}, furniture


HOUSE_JS = """
() => {
  const bg = el => getComputedStyle(el).backgroundColor;
  const body = bg(document.body);
  const boxes = [...document.querySelectorAll('article :is(.admonition, details):not(.followup)')];
  return {
    body, header: bg(document.querySelector('.md-header')),
    shadow: getComputedStyle(document.querySelector('.md-header')).boxShadow,
    footer: bg(document.querySelector('.md-footer')),
    boxes: boxes.map(b => [bg(b), bg(b.querySelector(':scope > :is(.admonition-title, summary)'))]),
    icons: boxes.map(b => getComputedStyle(b.querySelector(':scope > :is(.admonition-title, summary)'), '::before'))
      .filter(s => s.display !== 'none' && s.maskImage !== 'none').map(s => s.maskImage),
  };
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_page_is_paper_and_ink_not_an_app(show, scheme, width):
    """No coloured bar over the page (Material's indigo header read as a software
    manual): the header is the page's own ground, without a shadow; the boxes are notes
    with a rule, without a tinted band or an icon."""
    looks = show("en/daderaanpak/", width, scheme).evaluate(HOUSE_JS)
    assert looks["header"] == looks["body"], looks
    assert looks["shadow"] == "none"
    assert len(looks["boxes"]) >= 3
    assert {c for pair in looks["boxes"] for c in pair} == {"rgba(0, 0, 0, 0)"}, looks["boxes"]
    assert looks["icons"] == []


GROUP_JS = """
() => {
  const box = sel => document.querySelector(sel).getBoundingClientRect();
  const text = Math.max(...[...document.querySelectorAll('article > p')].map(p => p.getBoundingClientRect().right));
  const nav = box('.md-sidebar--primary'), toc = box('.md-sidebar--secondary');
  return {text, toc: toc.left, left: nav.left, right: document.documentElement.clientWidth - toc.right};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1600])
@pytest.mark.parametrize("path", ["daderaanpak/", "en/", "en/history/"])
def test_on_a_wide_screen_the_text_stands_with_its_contents_in_the_middle(show_in_fonts, path, width):
    """No wide empty band between the text and its table of contents (it was 250 px at
    1280): the navigation, the text and the contents stand together, in the middle."""
    at = show_in_fonts(path, width, height=800).evaluate(GROUP_JS)
    assert 0 < at["toc"] - at["text"] <= 80, at
    assert abs(at["left"] - at["right"]) <= 40, at


ADDRESSES_WHOLE_JS = """
() => {
  const broken = [], seen = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/#?s-\\d+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      seen.push(m[0]);
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return {seen: seen.length, broken};
}
"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 1280])
@pytest.mark.parametrize("path", ["daderaanpak/", "en/daderaanpak/", "en/history/"])
def test_no_sentence_address_breaks_across_a_line(show_in_fonts, path, width):
    """A sentence's address (s-14, #s-14) in the text around it, in the citation box, the
    notes and the tables, stands on one line ("zin s-/14" broke in the citation box)."""
    found = show_in_fonts(path, width).evaluate(ADDRESSES_WHOLE_JS)
    assert found["seen"] >= 2 and found["broken"] == [], found


@pytest.mark.browser
@pytest.mark.parametrize("prefix,other", [("", "English"), ("en/", "Nederlands"), ("en/daderaanpak/", "Nederlands")])
@pytest.mark.parametrize("width", [320, 390, 1280])
def test_the_language_button_names_the_other_language_on_every_screen(show_in_fonts, prefix, other, width):
    """An icon alone did not tell a phone's reader where the button leads: beside it
    stands the other language's name, in that language, whole on the screen, and the
    button's accessible name holds the word it shows (WCAG 2.5.3)."""
    page = show_in_fonts(prefix, width, height=600)
    said = page.evaluate(
        """() => {
      const button = document.querySelector('.md-header__option .md-select > button');
      const word = button.querySelector('.md-header__language');
      if (!word) return null;
      const r = word.getBoundingClientRect();
      return {text: word.textContent.trim(), lang: word.lang, name: button.getAttribute('aria-label'),
              shown: r.width > 0 && r.left >= 0 && r.right <= innerWidth && getComputedStyle(word).visibility === 'visible',
              fits: word.scrollWidth <= Math.ceil(r.width)};
    }"""
    )
    assert said is not None
    assert said["text"] == other and said["lang"] == ("nl" if other == "Nederlands" else "en"), said
    assert said["shown"] and said["fits"] and said["name"].endswith(": " + other), said


@pytest.mark.browser
@pytest.mark.parametrize("prefix,title", [("", "Daderaanpak"), ("en/daderaanpak/", "Tackling offenders")])
def test_a_phones_header_shows_the_sections_name_whole(show_in_fonts, prefix, title):
    """The header named the site, cut to "Samen tegen m…" on a phone: at 390 px it shows
    the section's name whole; a desktop shows the site's whole name."""
    read = """() => { const t = document.querySelector('.md-header__topic .md-ellipsis');
      return {text: t.innerText.trim(), whole: t.scrollWidth <= t.clientWidth}; }"""
    phone = show_in_fonts(prefix, 390, height=600).evaluate(read)
    assert phone == {"text": title, "whole": True}, (show_in_fonts.fonts, phone)
    desktop = show_in_fonts(prefix, 1280, height=800).evaluate(read)
    assert desktop["whole"] and desktop["text"].endswith(" – " + title) and len(desktop["text"]) > len(title) + 10
