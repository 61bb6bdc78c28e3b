"""Material's stylesheet cut to what the site uses (render/used_css.py): the rules a page
or a script can use stay, the others go, and every page looks exactly as it does with
Material's whole stylesheet, in Chromium, at a phone's and a desktop's width, in both
schemes, with the search open on results."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageChops

from publication.outputs.serve import static_server
from publication.render import used_css

# --- which selectors stay -----------------------------------------------------------------


@pytest.mark.parametrize(
    "selector, used",
    [
        (".md-nav__link", True),
        (".md-nav__link:hover", True),  # a state keeps what the names need
        (".md-nav__link:not(.md-nav__link--active)", True),  # so does a negation
        (".md-nav__link::before", True),
        ("a.md-nav__link > .md-icon", True),
        (".md-typeset .admonition.note", False),  # no page has an admonition
        (".md-nav__link[data-md-state=blur]", True),
        (".md-nav__link[data-md-state=lock]", False),  # a value named nowhere
        ("[dir=rtl] .md-nav__link", False),
        ("#__drawer", True),
        ("table", False),
        (":root", True),
        ("*", True),
    ],
)
def test_a_selector_stays_when_the_site_names_all_it_needs(selector, used):
    words = {"md-nav__link", "md-icon", "a", "div", "data-md-state", "blur", "__drawer", "dir", "ltr"}
    assert used_css.selector_used(selector, words) is used


def make_site(tmp_path, css: str, page_body: str, script: str = ""):
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(css, encoding="utf-8")
    (site / "assets" / "bundle.js").write_text(script, encoding="utf-8")
    for name in ("index.html", "en/index.html"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(
            '<!doctype html><html lang="nl"><head><link rel="stylesheet" '
            'href="assets/stylesheets/main.0123abcd.min.css"></head>' + page_body + "</html>",
            encoding="utf-8",
        )
    source = tmp_path / "material.css"
    source.write_text(css, encoding="utf-8")
    return site, source


CSS = (
    ":root{--md-a:red;--md-b:var(--md-c);--md-c:blue;--md-unread:green}"
    "@font-face{font-family:X;src:url(x.woff2)}"
    "@keyframes spin{to{transform:rotate(1turn)}}"
    ".page{color:var(--md-a)}"
    ".made-by-script{color:var(--md-b)}"
    ".nowhere{color:black}"
    ".page,.nowhere-either{margin:0}"
    "@media screen and (min-width:60em){.nowhere{display:none}.page{padding:1px}}"
    "@media print{.nowhere{display:none}}"
)


def test_the_site_keeps_what_its_pages_and_scripts_use_and_every_page_points_at_it(tmp_path):
    site, source = make_site(tmp_path, CSS, '<body class="page"></body>', "el.className = 'made-by-script'")
    before, after = used_css.trim_site_stylesheet(site, source)
    written = list((site / "assets" / "stylesheets").iterdir())
    assert len(written) == 1 and written[0].name != "main.0123abcd.min.css"
    assert used_css.STYLESHEET.fullmatch(written[0].name)
    assert written[0].read_text(encoding="utf-8") == (
        ":root{--md-a:red;--md-b:var(--md-c);--md-c:blue}"
        "@font-face{font-family:X;src:url(x.woff2)}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
        ".page{color:var(--md-a)}"
        ".made-by-script{color:var(--md-b)}"
        ".page{margin:0}"
        "@media screen and (min-width:60em){.page{padding:1px}}"
    )
    assert (before, after) == (len(CSS), written[0].stat().st_size)
    for page in ("index.html", "en/index.html"):
        assert f"assets/stylesheets/{written[0].name}" in (site / page).read_text(encoding="utf-8")
    # Called again with nothing new (mkdocs-static-i18n calls twice): nothing to do.
    assert used_css.trim_site_stylesheet(site, source) is None
    # A page written since with Material's stylesheet (the next language's build, or a
    # rebuild): made again from Material's file, the same result.
    (site / "en" / "index.html").write_text(
        (site / "en" / "index.html").read_text(encoding="utf-8").replace(written[0].name, "main.0123abcd.min.css"),
        encoding="utf-8",
    )
    assert used_css.trim_site_stylesheet(site, source) == (before, after)
    assert [p.name for p in (site / "assets" / "stylesheets").iterdir()] == [written[0].name]
    assert written[0].name in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_a_site_without_materials_stylesheet_is_left_alone(tmp_path):
    (tmp_path / "index.html").write_text("<p>x</p>", encoding="utf-8")
    assert used_css.trim_site_stylesheet(tmp_path) is None


def test_materials_stylesheet_is_found_and_parsed_as_it_reads(tmp_path):
    css = used_css.material_stylesheet().read_text(encoding="utf-8")
    nodes = used_css.parsed(css)
    # Nothing dropped when everything is used: the same rules, in the same order.
    everything = used_css.serialize(nodes)
    assert everything.count("{") == css.count("{") and everything.count("}") == css.count("}")
    assert len(everything) > 0.95 * len(css)


# --- the pages look the same ------------------------------------------------------------


PAGES = ["/", "/daderaanpak/", "/parallel/", "/en/history/", "/en/translation-notes/", "/en/404.html"]


# Every element's computed style, and its ::before's and ::after's (custom properties
# aside: those nothing reads are the ones that went), once transitions have ended: what
# the stylesheet decides, read exactly, as the element's name and a digest (FNV-1a): of
# the search's results, which Material's script makes.
STYLES = """() => [...document.querySelectorAll('.md-search__output, .md-search__output *')].map(el => {
    const text = [null, '::before', '::after'].map(pseudo => {
        const style = getComputedStyle(el, pseudo);
        return [...style].filter(name => !name.startsWith('--'))
            .map(name => name + ':' + style.getPropertyValue(name)).sort().join(';');
    }).join('|');
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
    return el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined && el.className
        ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' ' + hash.toString(16);
})"""
SEARCH = ("light", 1280, "search")
STILL = "() => document.getAnimations().every(a => a.playState !== 'running')"


# Transitions and animations off, in both runs alike: the pages are compared as they
# stand, not caught mid-way (on a busy machine a placeholder's colour can be).
STILL_STYLE = "*,*::before,*::after,*::placeholder{transition:none!important;animation:none!important}"


def still(page) -> None:
    """The page as it stands: fonts in, transitions and animations off."""
    page.add_style_tag(content=STILL_STYLE)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_function(STILL)


def drawn(page) -> bytes:
    still(page)
    return page.screenshot(full_page=True, animations="disabled", caret="hide")


def pixels_apart(one: bytes, other: bytes) -> int:
    """How many pixels two screenshots differ in (all of them when their sizes do)."""
    a, b = (Image.open(io.BytesIO(x)).convert("RGB") for x in (one, other))
    if a.size != b.size:
        return max(a.size[0] * a.size[1], b.size[0] * b.size[1])
    return sum(1 for value in ImageChops.difference(a, b).convert("L").get_flattened_data() if value)


def shots(browser, url: str) -> dict:
    """Each page at a phone's and a desktop's width in both schemes, the menu open on a
    phone, and (SEARCH) Material's script, loaded on first use: the search on results."""
    out = {}
    for scheme in ("light", "dark"):
        for width, height in ((390, 844), (1280, 800)):
            context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
            page = context.new_page()
            for path in PAGES:
                page.goto(url + path, wait_until="networkidle")
                out[(scheme, width, path)] = drawn(page)
            if width < 1000:
                page.goto(url + "/en/daderaanpak/")
                page.locator(".md-header__button[for=__drawer]").click()
                out[(scheme, width, "menu")] = drawn(page)
            if (scheme, width, "search") == SEARCH:
                page.goto(url + "/daderaanpak/")
                page.locator(".md-search__input").click()
                page.locator(".md-search__input").fill("daderaanpa")
                page.keyboard.type("k")
                page.wait_for_selector(".md-search-result__item", timeout=10000)
                still(page)
                out[(scheme, width, "search")] = page.evaluate(STYLES)
            context.close()
    return out


def test_every_page_looks_as_it_does_with_materials_whole_stylesheet(site, browser, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    trimmed = next((copy / "assets" / "stylesheets").glob("used.*.min.css"))
    whole = used_css.material_stylesheet().read_bytes()
    assert trimmed.stat().st_size < 0.7 * len(whole)  # it was cut
    with static_server(copy) as url:
        cut = shots(browser, url)
        trimmed.write_bytes(whole)  # the same name, Material's whole stylesheet
        full = shots(browser, url)
    # The pages' pixels but for a few (the edge of a rounded border or of a letter is not
    # always drawn alike twice on a busy machine); the search's overlay by its styles,
    # exactly (its text is never drawn alike twice).
    styled = [f"{a} / {b}" for a, b in zip(cut[SEARCH], full[SEARCH]) if a != b]
    apart = {key: n for key in full if key != SEARCH and (n := pixels_apart(cut[key], full[key])) > 64}
    for n, key in enumerate(apart):  # to look at
        (tmp_path / f"differs-{n}-trimmed.png").write_bytes(cut[key])
        (tmp_path / f"differs-{n}-whole.png").write_bytes(full[key])
    assert (styled[:5], apart) == ([], {}), f"see {tmp_path}"
