"""Each check function on small inputs, without copying or building the project (as
translate-toolkit tests its checks): a good input gives no finding, each defect exactly
its finding. The whole-project tests (test_checks.py) show the same checks wired up."""

from __future__ import annotations

from pathlib import Path

import pytest

from publication.checks import chart_numbers, figure_use, label_keys, links, site_html, structure
from publication.model import figures as fig_mod
from publication.model.findings import Finding
from publication.model.pages import parse
from publication.model.publication import Publication

PROJECT = Publication(Path("/p"))
FIGURES = fig_mod.parse(
    {
        "figures": {
            "incidents": {
                "kind": "count",
                "value": 3925,
                "nl": "3.925",
                "meaning": {"nl": "incidenten", "en": "incidents"},
            },
            "share": {"kind": "percent", "value": 76, "nl": "76%", "meaning": {"nl": "aandeel", "en": "share"}},
        },
        "relations": [],
    }
)


def page(text: str, lang: str = "nl", name: str = "daderaanpak.md"):
    return parse(text, Path(f"/p/docs/{lang}/{name}"))


# --- structure: footnote calls and notes ---------------------------------------------------


def test_footnotes_that_match_their_calls_pass():
    assert structure.check_footnotes(PROJECT, page("Tekst[^35].\n\n[^35]: Noot.\n")) == []


def test_a_call_without_a_note_and_a_note_without_a_call():
    found = structure.check_footnotes(PROJECT, page("Tekst[^35] en[^36].\n\n[^35]: Noot.\n[^37]: Los.\n"))
    assert found == [
        Finding("docs/nl/daderaanpak.md", 1, "a note for the footnote call [^36]", "no note", "structure"),
        Finding("docs/nl/daderaanpak.md", 4, "a call in the text for the footnote [^37]", "no call", "structure"),
    ]


# --- figures: every number of the data, in each language's notation -------------------------


def test_the_figures_in_both_languages_pass():
    nl = page("Van de 3.925 incidenten betreft 76% seksuele uitbuiting.\n")
    en = page("Of the 3,925 incidents, 76% concern sexual exploitation.\n", "en")
    assert figure_use.check_section(PROJECT, FIGURES, nl, en) == []


def test_a_figure_changed_in_the_english_is_named_with_both_values():
    nl = page("Van de 3.925 incidenten betreft 76% seksuele uitbuiting.\n")
    en = page("Of the 3,952 incidents, 76% concern sexual exploitation.\n", "en")
    assert [str(f) for f in figure_use.check_section(PROJECT, FIGURES, nl, en)] == [
        "docs/en/daderaanpak.md:1: expected 3,925 (incidents), found 3,952"
    ]


# --- chart: the built chart shows the data's numbers ------------------------------------------

CHART_FIGURES = fig_mod.parse(
    {
        "figures": {
            "share_sexual": {"kind": "percent", "value": 76, "nl": "76%", "meaning": {"nl": "a", "en": "a"}},
            "share_criminal": {"kind": "percent", "value": 10, "nl": "10%", "meaning": {"nl": "b", "en": "b"}},
            "share_labour": {"kind": "percent", "value": 6, "nl": "6%", "meaning": {"nl": "c", "en": "c"}},
        },
        "relations": [{"kind": "parts_at_most_whole", "parts": ["share_sexual", "share_criminal", "share_labour"]}],
    }
)


def chart_page(values: dict[str, str]):
    rows = "".join(
        f'<div class="chart__bar" data-figure="{k}" data-value="{v}"><span>{v}%</span></div>\n'
        for k, v in values.items()
    )
    return site_html.parse(f'<!doctype html><html lang="en"><body>\n{rows}</body></html>')


def test_a_chart_with_the_datas_numbers_passes():
    shown = chart_page({"share_sexual": "76", "share_criminal": "10", "share_labour": "6", "rest": "8"})
    assert chart_numbers.check_page("en/x.html", shown, CHART_FIGURES) == []


def test_a_chart_number_that_is_not_the_datas():
    shown = chart_page({"share_sexual": "77", "share_criminal": "10", "share_labour": "6", "rest": "8"})
    assert [str(f) for f in chart_numbers.check_page("en/x.html", shown, CHART_FIGURES)] == [
        "site/en/x.html:2: expected 76% for share_sexual (data/figures.yml), found 77%"
    ]


# --- links: internal links and fragments resolve ----------------------------------------------


@pytest.fixture
def tiny_site(tmp_path):
    site, data = tmp_path / "site", tmp_path / "data"
    (site / "en").mkdir(parents=True)
    data.mkdir()
    (data / "external-links.yml").write_text("allowed_hosts: {}\n", encoding="utf-8")
    head = (
        '<!doctype html><html lang="{lang}"><head><link rel="alternate" hreflang="{other}" href="{alt}"></head><body>\n'
    )
    (site / "index.html").write_text(
        head.format(lang="nl", other="en", alt="en/") + '<h1 id="top">T</h1>\n<a href="#top">x</a>\n</body></html>',
        encoding="utf-8",
    )
    (site / "en" / "index.html").write_text(
        head.format(lang="en", other="nl", alt="../") + '<h1 id="top">T</h1>\n<a href="../#top">x</a>\n</body></html>',
        encoding="utf-8",
    )
    return site, data


def test_links_that_resolve_pass(tiny_site):
    site, data = tiny_site
    assert [str(f) for f in links.check_site(site, data)] == []


def test_a_link_to_a_missing_fragment(tiny_site):
    site, data = tiny_site
    page_file = site / "en" / "index.html"
    page_file.write_text(page_file.read_text(encoding="utf-8").replace("../#top", "../#nowhere"), encoding="utf-8")
    found = [str(f) for f in links.check_site(site, data)]
    assert len(found) == 1 and found[0].startswith("site/en/index.html:3: ") and "#nowhere" in found[0]


# --- labels: the same keys in every language ----------------------------------------------------


def test_label_files_with_the_same_keys_pass(tmp_path):

    (tmp_path / "data" / "labels").mkdir(parents=True)
    for lang in ("nl", "en"):
        (tmp_path / "data" / "labels" / f"{lang}.yml").write_text("chart:\n  form: x\n  share: y\n", encoding="utf-8")
    assert label_keys.run(Publication(tmp_path)) == []


def test_a_label_one_language_lacks(tmp_path):

    (tmp_path / "data" / "labels").mkdir(parents=True)
    (tmp_path / "data" / "labels" / "nl.yml").write_text("chart:\n  form: x\n  share: y\n", encoding="utf-8")
    (tmp_path / "data" / "labels" / "en.yml").write_text("chart:\n  form: x\n", encoding="utf-8")
    assert [str(f) for f in label_keys.run(Publication(tmp_path))] == [
        "data/labels/en.yml:1: expected the key chart.share, as the other languages have it, found it missing"
    ]
