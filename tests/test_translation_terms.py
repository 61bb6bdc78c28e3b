"""The renderings the translation notes promise are terms the checks hold (data/terms.yml),
with their other forms; an abbreviation written out at its first mention is not a
difference the sentence checks report."""

from __future__ import annotations

import re

import pytest
from conftest import edit
from live import section_lines
from repo import PUB, ROOT

from publication.checks import run_source_checks
from publication.checks.translation import abbreviated
from publication.model.publication import Publication

EN = "docs/en/daderaanpak.md"
# Where the section page's blocks stand, read from the page (tests/live.py).
EN_AT = section_lines(ROOT / EN)


def findings_of(root) -> list[str]:
    return [str(f) for f in run_source_checks(Publication(root))]


def test_the_promised_renderings_are_terms():
    terms = {t.nl: t for t in PUB.terms if not t.abbr}
    assert terms["daders"].en == "offenders" and "dader" in terms["daders"].all_forms("nl")
    assert terms["opsporen"].en == "detect"
    assert terms["opsporen"].all_forms("nl") == ["opsporen", "opsporing"]
    assert terms["opsporen"].all_forms("en") == ["detect", "detecting", "detection"]
    assert terms["justitiële functies"].en == "justice functions"


def test_tracking_down_for_opsporen_is_a_finding(project_copy):
    edit(project_copy / EN, "is aimed at detecting offenders.", "is aimed at tracking down offenders.")
    found = findings_of(project_copy)
    assert len(found) == 1 and "expected the term 'detect' for 'opsporen'" in found[0], found
    assert found[0].startswith(f"{EN}:{EN_AT.paragraphs[3]}: ") and "tracking down offenders" in found[0]


def test_human_traffickers_for_daders_is_a_finding(project_copy):
    edit(
        project_copy / EN,
        "Do human trafficking offenders have specific characteristics?",
        "Do human traffickers have specific characteristics?",
    )
    found = findings_of(project_copy)
    assert len(found) == 1 and "expected the term 'offenders' for 'daders'" in found[0], found


def test_an_abbreviation_written_out_at_first_mention_counts_as_the_abbreviation():
    assert (
        abbreviated(
            "the police, the Royal Netherlands Marechaussee (KMar) and the Netherlands Labour "
            "Authority (NLA); the Regional Information and Expertise Centres (RIECs)",
            PUB,
        )
        == "the police, the KMar and the NLA; the RIECs"
    )
    # Only the glossary's own name: another name in brackets stays as written.
    assert abbreviated("the Dutch military police (KMar)", PUB) == "the Dutch military police (KMar)"


def test_brackets_that_are_not_an_expansion_are_still_a_finding(project_copy):
    edit(project_copy / EN, "the Royal Netherlands Marechaussee (KMar)", "the military police (KMar)")
    found = findings_of(project_copy)
    assert any("'brackets' check" in f for f in found), found


# --- The terms table in each language ------------------------------------------------------


def test_the_terms_table_says_where_each_english_name_is_confirmed_in_the_pages_language(site):
    """Each page's terms table gives the public page that confirms an English name in
    the page's own language: the Dutch table in Dutch, the English in English."""
    from lxml import html as lxml_html

    sourced = [t for t in PUB.terms if t.source]
    assert len(sourced) >= 5
    for lang, prefix in (("nl", ""), ("en", "en/")):
        table = lxml_html.parse(str(site / prefix / "translation-notes" / "index.html")).xpath(
            "//table[@class='terms']"
        )
        text = " ".join(table[0].text_content().split())
        other = "en" if lang == "nl" else "nl"
        for t in sourced:
            assert f"{t.source[lang]}." in text, (lang, t.nl)
            if t.source[other] not in t.source[lang]:
                assert t.source[other] not in text, (lang, t.nl)


def test_a_terms_source_in_one_language_only_is_an_error_at_its_line(project_copy):
    from publication.model import datafiles

    path = project_copy / "data" / "terms.yml"
    text = path.read_text(encoding="utf-8")
    first = text.index("    source:\n      nl: ")
    line_end = text.index("\n", first + len("    source:\n"))
    path.write_text(text[: first + len("    source:\n")] + text[line_end + 1 :], encoding="utf-8")
    line = text[:first].count("\n") + 1
    with pytest.raises(datafiles.DataFileError) as caught:
        Publication(project_copy).terms  # noqa: B018 (reading the terms is the test)
    assert (caught.value.line, caught.value.found) == (line, "en"), caught.value
    assert "in Dutch and English (nl: and en:)" in caught.value.expected


@pytest.mark.parametrize("kind", ["abbr", "nl"])
def test_an_official_name_without_the_source_where_it_was_seen_is_an_error_at_its_line(project_copy, kind):
    """Every official term says where its English name was seen; without, the data names
    the term's line (an abbreviation's or a word's), whichever term it is."""
    from publication.model import datafiles

    path = project_copy / "data" / "terms.yml"
    text = path.read_text(encoding="utf-8")
    # The first official term of that kind, its source taken away.
    start = next(
        m.start()
        for m in re.finditer(rf"^  - {kind}: .*\n(?:    .*\n)*", text, re.M)
        if "    status: official\n" in m.group(0) and "    source:\n" in m.group(0)
    )
    entry = re.match(r"  - .*\n(?:    .*\n)*", text[start:]).group(0)
    bare = re.sub(r"    source:\n(?:      .*\n)+", "", entry)
    path.write_text(text[:start] + bare + text[start + len(entry) :], encoding="utf-8")
    with pytest.raises(datafiles.DataFileError) as caught:
        Publication(project_copy).terms  # noqa: B018 (reading the terms is the test)
    assert (caught.value.line, caught.value.found) == (text[:start].count("\n") + 1, "none"), caught.value
    assert "where the official English name of" in caught.value.expected


def test_each_language_version_has_one_name_with_its_standing():
    """The language menu (mkdocs.yml) names each version as the labels do everywhere
    else (the side-by-side page's column heads, the downloads): in its own language,
    with its standing."""
    from publication.model import datafiles

    config = datafiles.parse_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    menu = {entry["locale"]: entry["name"] for entry in plugin["languages"]}
    for lang, name in menu.items():
        assert name == PUB.labels(lang)["language_names"][lang], (lang, name)
        assert "(" in name, f"{name}: its standing"
