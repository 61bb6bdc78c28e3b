"""The parallel page and the chart: generated from the sections and the figures data,
checked, and readable in Chromium at 1280 px and 375 px."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from live import footnote_numbers, section_lines
from repo import PUB, ROOT

from publication.checks import chart_numbers as chart_check
from publication.checks import run_source_checks
from publication.checks import site_html as html
from publication.model import pages, segments
from publication.model.publication import Publication
from publication.outputs.build import mkdocs_build
from publication.outputs.serve import static_server
from publication.render import parallel

DOCS = ROOT / "docs"

EN = "docs/en/daderaanpak.md"


def section(lang: str) -> pages.Page:
    return pages.read(DOCS / lang / "daderaanpak.md")


SIC_OR_CALL = r'<sup.*?</sup>|<span class="sic" lang="la">\u00a0\[sic\]</span>'


def rows(site: Path, prefix: str = "") -> list[dict]:
    """The rows of a built parallel page: id and each cell's lang and text."""
    text = (site / prefix / "parallel" / "index.html").read_text(encoding="utf-8")
    out = []
    for m in re.finditer(
        r'<div class="parallel__row parallel__row--(\w+)" role="row" id="(daderaanpak-pair-\d+)">(.*?)</div></div>',
        text,
        re.S,
    ):
        cells = re.findall(
            r'<div class="parallel__cell" role="cell" lang="(\w+)"[^>]*>(.*?)$',
            m.group(3).replace("</div><div", "</div>\n<div"),
            re.M,
        )
        out.append(
            {
                "kind": m.group(1),
                "id": m.group(2),
                "cells": [
                    # footnote calls and the editor's [sic] after a slip left out (not the source's words)
                    (lang, " ".join(re.sub(r"<[^>]+>", "", re.sub(SIC_OR_CALL, "", body)).split()))
                    for lang, body in cells
                ],
            }
        )
    return out


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_parallel_page_pairs_every_paragraph_in_order_with_its_lang(site, prefix):
    found = rows(site, prefix)
    nl, en = pages.blocks(section("nl")), pages.blocks(section("en"))
    assert len(found) == len(nl) == len(en)
    for i, row in enumerate(found):
        assert row["id"] == f"daderaanpak-pair-{i + 1}"
        assert [lang for lang, _ in row["cells"]] == ["nl", "en"]
        for (lang, text), block in zip(row["cells"], (nl[i], en[i])):
            assert text == block.text, (i, lang)  # footnote calls (<sup>) left out, as in the plain text
    assert [r["kind"] for r in found] == [b.kind for b in nl]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_parallel_page_has_both_languages_footnotes(site, prefix):
    page = html.read(site / prefix / "parallel" / "index.html")
    for lang in ("nl", "en"):
        for n in footnote_numbers():
            assert f"fn:daderaanpak-{lang}-{n}" in page.ids and f"fnref:daderaanpak-{lang}-{n}" in page.ids
    first = footnote_numbers()[0]
    assert page.footnote_values[f"fn:daderaanpak-nl-{first}"] == str(first)


def test_each_section_paragraph_links_to_its_pair(site):
    text = (site / "daderaanpak" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<p data-pair="(\d+)">.*?<a aria-label="[^"]+" class="pair-link" href="([^"]+)"', text, re.S)
    assert links and all(href == f"../parallel/#daderaanpak-pair-{n}-en" for n, href in links)  # the counterpart's cell
    assert len(links) == len(section("nl").of("paragraph"))


def test_the_chart_shows_the_figures_data(site):
    figs = PUB.figures.figures
    for prefix in ("", "en/"):
        page = html.read(site / prefix / "daderaanpak" / "index.html")
        shown = {(r["id"], r["value"] or r["text"]) for r in page.figures}
        expected = {
            ("share_sexual", str(figs["share_sexual"].value)),
            ("share_criminal", str(figs["share_criminal"].value)),
            ("share_labour", str(figs["share_labour"].value)),
            ("rest", "8"),
        }
        assert {(i, v) for i, v in shown if not v.endswith("%")} == expected
        assert {(i, v.rstrip("%")) for i, v in shown if v.endswith("%")} == expected
        assert chart_check.check_page(f"{prefix}daderaanpak/index.html", page, PUB.figures) == []


def test_the_chart_has_a_text_alternative_and_is_marked_as_an_addition(site):
    text = (site / "en" / "daderaanpak" / "index.html").read_text(encoding="utf-8")
    plot = re.search(r'<div class="chart__plot".*?</span></div></div>', text, re.S).group(0)
    assert plot.startswith(
        '<div class="chart__plot" role="img" aria-labelledby="chart-incidents-en-title" '
        'aria-describedby="chart-incidents-en-desc">'
    )
    assert (
        '<span class="chart__desc" id="chart-incidents-en-desc" hidden>Bar chart of the 3,925 incidents registered '
        "by the police in 2017–2021: sexual exploitation 76%, criminal exploitation 10%, labour exploitation 6%, "
        "not named on the page 8%." in plot
    )
    # Each bar is drawn only as a shape, hidden from assistive technology; its words are text.
    assert plot.count('aria-hidden="true"') == 4 and plot.count('<span class="chart__label">') == 4
    assert "Added by this publication" in text and "not in the action plan" in text
    nl = (site / "daderaanpak" / "index.html").read_text(encoding="utf-8")
    # the rest is the publication's own sum: named as what page 32 does not name
    assert "Niet genoemd op de pagina" in nl and "Toevoeging bij deze publicatie" in nl
    assert "worked out by this publication" in text


def test_changing_a_share_in_the_data_changes_the_chart_and_the_text_check_catches_it(project_copy, tmp_path):
    path = project_copy / "data" / "figures.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n  share_sexual:")
    text = text[:start] + text[start:].replace("value: 76", "value: 77", 1).replace("nl: 76%", "nl: 77%", 1)
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert mkdocs_build(out, project_copy / "mkdocs.yml") == []
    page = html.read(out / "daderaanpak" / "index.html")
    assert {r["value"] for r in page.figures if r["id"] == "share_sexual" and r["value"]} == {"77"}
    assert {r["value"] for r in page.figures if r["id"] == "rest" and r["value"]} == {"7"}
    found = [str(f) for f in run_source_checks(Publication(project_copy))]
    assert (
        f"docs/nl/daderaanpak.md:{section_lines(ROOT / 'docs/nl/daderaanpak.md').paragraphs[2]}: expected 77% (share_sexual), found 76%"
        in found
    )
    assert (
        f"docs/en/daderaanpak.md:{section_lines(ROOT / 'docs/en/daderaanpak.md').paragraphs[2]}: expected 77% (share_sexual), found 76%"
        in found
    )


def test_a_hand_edited_chart_number_is_a_finding(site, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(site, out)
    page_path = out / "en" / "daderaanpak" / "index.html"
    text = page_path.read_text(encoding="utf-8")
    page_path.write_text(
        text.replace('<td data-figure="share_labour">6%</td>', '<td data-figure="share_labour">9%</td>'),
        encoding="utf-8",
    )
    page = html.read(page_path)
    line = next(r["line"] for r in page.figures if r["id"] == "share_labour" and r["text"].strip() == "9%")
    assert [str(f) for f in chart_check.check_page("en/daderaanpak/index.html", page, PUB.figures)] == [
        f"site/en/daderaanpak/index.html:{line}: expected 6% for share_labour (data/figures.yml), found 9%"
    ]


def test_a_paragraph_missing_in_one_language_is_an_alignment_finding(project_copy):
    path = project_copy / EN
    text = path.read_text(encoding="utf-8")
    start = text.index("In addition, to develop")
    end = text.index("\n", start)
    path.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    found = [str(f) for f in run_source_checks(Publication(project_copy))]
    heading, paragraph = section_lines(path).headings[2], section_lines(ROOT / "docs/nl/daderaanpak.md").paragraphs[2]
    assert (
        f"docs/en/daderaanpak.md:{heading}: expected a paragraph beside the Dutch paragraph of "
        f"docs/nl/daderaanpak.md:{paragraph} (pair 5), found a heading" in found
    )


def test_rendering_refuses_sections_that_do_not_align():
    nl = section("nl")
    en = section("en")
    en.blocks = [b for b in en.blocks if not b.text.startswith("In addition")]
    with pytest.raises(ValueError, match="do not align at pair 5: paragraph \\(nl\\) beside heading \\(en\\)"):
        parallel.render(nl, en, "en", PUB)


# --- in Chromium ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(dist):
    """dist/site on a real HTTP server on 127.0.0.1."""

    with static_server(dist / "site") as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_the_parallel_page_renders_side_by_side_or_stacked(browser, served, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{served}/en/parallel/")
    row = page.locator("#daderaanpak-pair-4")
    nl = row.locator('[lang="nl"]').bounding_box()
    en = row.locator('[lang="en"]').bounding_box()
    if width == 1280:
        assert abs(nl["y"] - en["y"]) < 2 and en["x"] > nl["x"] + nl["width"] - 1
    else:
        assert en["y"] >= nl["y"] + nl["height"] - 1 and abs(nl["x"] - en["x"]) < 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


CHART_TEXT_SIZES = """() => {
  const size = e => parseFloat(getComputedStyle(e).fontSize);
  const visible = [...document.querySelectorAll('.chart__label, .chart__value')];
  const table = [...document.querySelectorAll('.chart__table th, .chart__table td')];
  const plot = document.querySelector('.chart__plot').getBoundingClientRect();
  const article = document.querySelector('article').getBoundingClientRect();
  return {chart: Math.min(...visible.map(size)), table: Math.max(...table.map(size)),
          labels: visible.length, plotRight: plot.right, articleRight: article.right,
          scroll: document.documentElement.scrollWidth};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_chart_text_is_as_large_as_the_tables_at_any_width(browser, served, width, prefix):
    """WCAG 1.4.4 and 1.4.10: the chart's words and numbers render at least as large as
    the table's at 320, 375 and 1280 px, and nothing scrolls sideways."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{served}/{prefix}daderaanpak/")
    m = page.evaluate(CHART_TEXT_SIZES)
    assert m["labels"] == 8
    assert m["chart"] >= m["table"] and m["chart"] >= 12, m
    assert m["plotRight"] <= m["articleRight"] + 0.5, m
    assert m["scroll"] <= width, m
    # The table of the same numbers is for a screen reader: out of sight, in the page.
    hidden = page.evaluate("""() => { const t = document.querySelector('.chart__table');
      const r = t.parentElement.getBoundingClientRect(); const s = getComputedStyle(t);
      return {w: r.width, h: r.height, display: s.display, cells: t.querySelectorAll('td').length}; }""")
    assert hidden["w"] <= 1 and hidden["h"] <= 1 and hidden["display"] != "none" and hidden["cells"] == 4, hidden
    page.close()


@pytest.mark.browser
def test_the_chart_text_follows_the_readers_text_size(browser, served):
    """Text zoomed to 200% (the root font size doubled): the chart's text doubles with it."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/daderaanpak/")
    before = page.evaluate(CHART_TEXT_SIZES)["chart"]
    page.evaluate("document.documentElement.style.setProperty('font-size', '250%', 'important')")
    after = page.evaluate(CHART_TEXT_SIZES)
    assert after["chart"] == pytest.approx(2 * before, rel=0.01) and after["scroll"] <= 1280
    page.close()


@pytest.mark.browser
def test_from_a_paragraph_to_its_pair(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/daderaanpak/")
    paragraph = page.locator('p[data-pair="5"]')
    paragraph.locator("a.pair-link").click()
    assert page.url.endswith("/parallel/#daderaanpak-pair-5-en")
    nl_text = page.locator('#daderaanpak-pair-5 [lang="nl"]').inner_text()
    assert nl_text.startswith("Om daarnaast meer gerichte acties")
    assert page.locator('#daderaanpak-pair-5 [lang="en"]').inner_text().startswith("In addition, to develop")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("prefix,lang", [("", "nl"), ("en/", "en")])
def test_a_sentence_permalink_lands_on_the_same_sentence_in_both_languages(browser, served, prefix, lang):

    pairing = segments.load_pairing("daderaanpak.md", section("nl"), section("en"), PUB)
    s12 = next(s for s in pairing.segments if s.id == "s-12")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/{prefix}daderaanpak/#s-12")
    target = page.locator(":target")
    assert target.get_attribute("id") == "s-12" and target.get_attribute("data-seg") == "s-12"
    assert " ".join(target.inner_text().split()) == s12.text(lang)
    box = target.bounding_box()
    assert 0 <= box["y"] < 900, "scrolled into view"
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 243, 176)"
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("prefix,reader,other", [("", "nl", "en"), ("en/", "en", "nl")])
def test_on_the_parallel_page_a_sentence_lights_up_its_counterpart(browser, served, prefix, reader, other):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/{prefix}parallel/")
    mine, theirs = page.locator("#daderaanpak-s-12"), page.locator(f"#daderaanpak-s-12-{other}")
    assert mine.evaluate("e => e.closest('[lang]').lang") == reader
    assert theirs.evaluate("e => e.closest('[lang]').lang") == other
    lit = "rgb(255, 243, 176)"

    def backgrounds():
        return [
            page.locator(f'[data-seg="s-{n}"]').evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)")
            for n in (11, 12, 13)
        ]

    layout = (
        "() => [...document.querySelectorAll('.parallel__row, .parallel [data-seg]')].map(e => {"
        "const r = e.getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, r.width, r.height]; })"
    )
    page.mouse.move(1, 1)
    before = page.evaluate(layout)
    assert lit not in sum(backgrounds(), [])
    mine.hover()
    b11, b12, b13 = backgrounds()
    assert b12 == [lit, lit] and lit not in b11 + b13
    page.mouse.move(1, 1)
    assert lit not in sum(backgrounds(), [])
    # From the keyboard: Tab from the sentence before reaches s-12 and lights up both,
    # with the focus ring still visible on the focused one.
    page.locator("#daderaanpak-s-11").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "daderaanpak-s-12"
    b11, b12, b13 = backgrounds()
    assert b12 == [lit, lit] and lit not in b11 + b13
    assert mine.evaluate("e => getComputedStyle(e).outlineColor") == "rgb(40, 53, 147)"
    theirs.hover()
    assert backgrounds()[1] == [lit, lit]
    assert page.evaluate(layout) == before, "highlighting moves nothing"
    page.evaluate("document.activeElement.blur()")
    page.mouse.move(1, 1)
    assert lit not in sum(backgrounds(), [])
    page.close()


def test_a_hand_edited_number_beside_a_bar_is_a_finding(site, tmp_path):
    """The number printed beside each bar is checked as the table's is."""
    out = tmp_path / "site"
    shutil.copytree(site, out)
    page_path = out / "daderaanpak" / "index.html"
    text = page_path.read_text(encoding="utf-8")
    bar = '<span class="chart__value" data-figure="share_criminal">10%</span>'
    assert text.count(bar) == 1
    page_path.write_text(text.replace(bar, bar.replace("10%", "12%")), encoding="utf-8")
    page = html.read(page_path)
    line = next(r["line"] for r in page.figures if r["id"] == "share_criminal" and r["text"].strip() == "12%")
    assert [str(f) for f in chart_check.check_page("daderaanpak/index.html", page, PUB.figures)] == [
        f"site/daderaanpak/index.html:{line}: expected 10% for share_criminal (data/figures.yml), found 12%"
    ]
