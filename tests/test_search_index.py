"""One search index per language (render/search_index.py), as plain functions on files."""

from __future__ import annotations

import json

import pytest

from publication.render.search_index import (
    INDEX,
    INLINED,
    SearchIndexError,
    entry_language,
    language_base,
    not_found_base,
    split_index,
)

CONFIG = {"lang": ["nl", "en"], "separator": "[\\s\\-]+", "pipeline": ["stemmer", "stopWordFilter", "trimmer"]}


def combined(site, docs, inlined=False):
    data = {"config": CONFIG, "docs": docs}
    (site / "search").mkdir(parents=True, exist_ok=True)
    (site / INDEX).write_text(json.dumps(data), encoding="utf-8")
    if inlined:
        (site / INLINED).write_text(f"var __index = {json.dumps(data)}", encoding="utf-8")


def doc(location, text="t"):
    return {"location": location, "title": location, "text": text}


@pytest.mark.parametrize(
    "location,lang",
    [
        ("", "nl"),
        ("#excerpt", "nl"),
        ("daderaanpak/#preventie", "nl"),
        ("daderaanpak.html#preventie", "nl"),
        ("en/", "en"),
        ("en/#excerpt", "en"),
        ("en/daderaanpak/#preventie", "en"),
        ("en/daderaanpak.html", "en"),
        ("english/", "nl"),
        ("enquete/", "nl"),
    ],
)
def test_each_entry_has_the_language_of_its_folder(location, lang):
    assert entry_language(location, ["nl", "en"], "nl") == lang


def test_the_combined_index_is_split_by_language_with_locations_in_its_folder(tmp_path):
    combined(
        tmp_path, [doc(""), doc("daderaanpak/#preventie"), doc("en/"), doc("en/daderaanpak/#preventie")], inlined=True
    )
    assert split_index(tmp_path, ["nl", "en"], "nl") == {"nl": 2, "en": 2}
    nl = json.loads((tmp_path / INDEX).read_text(encoding="utf-8"))
    en = json.loads((tmp_path / "en" / INDEX).read_text(encoding="utf-8"))
    assert [d["location"] for d in nl["docs"]] == ["", "daderaanpak/#preventie"]
    assert [d["location"] for d in en["docs"]] == ["", "daderaanpak/#preventie"]
    assert nl["config"]["lang"] == ["nl"] and en["config"]["lang"] == ["en"]
    assert nl["config"]["pipeline"] == CONFIG["pipeline"]
    # The offline bundle's inlined copies say the same.
    for folder in (tmp_path, tmp_path / "en"):
        text = (folder / INLINED).read_text(encoding="utf-8")
        assert text.startswith("var __index = ") and json.loads(text[len("var __index = ") :]) == json.loads(
            (folder / INDEX).read_text(encoding="utf-8")
        )


def test_a_language_missing_from_the_index_keeps_its_own(tmp_path):
    combined(tmp_path, [doc("en/x/")])
    split_index(tmp_path, ["nl", "en"], "nl")
    combined(tmp_path, [doc("y/")])  # a later run on an index without English
    assert split_index(tmp_path, ["nl", "en"], "nl") == {"nl": 1}
    assert [d["location"] for d in json.loads((tmp_path / "en" / INDEX).read_text())["docs"]] == ["x/"]
    assert not (tmp_path / "en" / INLINED).exists()


def test_no_index_no_split(tmp_path):
    assert split_index(tmp_path, ["nl", "en"], "nl") == {}


CONFIG_SCRIPT = (
    '<script id="__config" type="application/json">{{"annotate": null, "base": "{base}", "features": []}}</script>'
)


@pytest.mark.parametrize(
    "dest,base,expected",
    [
        ("en/daderaanpak/index.html", "../..", "../"),
        ("en/index.html", "..", "./"),
        ("en/daderaanpak.html", "..", "./"),
    ],
)
def test_a_translated_page_searches_from_its_language_folder(dest, base, expected):
    html = f"<html><head></head><body>{CONFIG_SCRIPT.format(base=base)}</body></html>"
    assert language_base(html, dest, "en", "nl") == html.replace(f'"base": "{base}"', f'"base": "{expected}"')


def test_a_page_of_the_default_language_is_left_as_it_is():
    html = CONFIG_SCRIPT.format(base="..")
    assert language_base(html, "daderaanpak/index.html", "nl", "nl") == html


def test_a_changed_theme_is_an_error_not_a_silent_pass():
    with pytest.raises(SearchIndexError, match="en/x/index.html: expected Material's __config"):
        language_base(
            '<script id="__config" type="application/json">{"root": ".."}</script>', "en/x/index.html", "en", "nl"
        )


@pytest.mark.parametrize("base,expected", [("/", "/en/"), ("/samen/", "/samen/en/")])
def test_a_translated_404_page_searches_its_language_folder(base, expected):
    html = CONFIG_SCRIPT.format(base=base)
    assert not_found_base(html, "en", "nl") == html.replace(f'"base": "{base}"', f'"base": "{expected}"')
    assert not_found_base(html, "nl", "nl") == html
    with pytest.raises(SearchIndexError, match="expected a rooted base"):
        not_found_base(CONFIG_SCRIPT.format(base=".."), "en", "nl")
