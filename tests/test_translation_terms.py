"""The renderings the translation notes promise are terms the checks hold (data/terms.yml),
with their other forms; an abbreviation written out at its first mention is not a
difference the sentence checks report."""

from __future__ import annotations

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
