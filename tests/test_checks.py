"""The checks: the publication on main is clean; each defect, in a copy of it, gives
exactly the finding that names it."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import edit
from live import section_lines
from repo import PUB, ROOT

from publication.checks import figure_use as figures_check
from publication.checks import links, run_site_checks, run_source_checks
from publication.model import figures as fig_mod
from publication.model import source
from publication.model.downloads import pending_downloads
from publication.model.findings import key_line
from publication.model.project import copy_project
from publication.model.publication import Publication
from publication.outputs.build import mkdocs_build

NL = "docs/nl/daderaanpak.md"
EN = "docs/en/daderaanpak.md"
# Where the section pages' blocks stand, read from the pages (tests/live.py).
NL_AT = section_lines(ROOT / NL)
EN_AT = section_lines(ROOT / EN)
# The section's source text, as the rule finds it from its source_page (a fidelity
# finding names it, with the line of the source's paragraph).
SECTION = PUB.section("daderaanpak.md")
SOURCE = PUB.rel(SECTION.source)


def at(text: str) -> str:

    block = next(b for b in source.load(SECTION.source).blocks if text in b.text)
    return f"({SOURCE}:{block.line})"


def findings_of(root: Path) -> list[str]:
    return [str(f) for f in run_source_checks(Publication(root))]


def tree_state(root: Path) -> dict[Path, tuple[bytes | None, int]]:
    """Every file's bytes and every folder's and file's modification time under `root`."""
    state: dict[Path, tuple[bytes | None, int]] = {}
    for path in root.rglob("*"):
        stat = path.lstat()
        state[path] = (path.read_bytes() if path.is_file() else None, stat.st_mtime_ns)
    return state


@pytest.fixture(scope="module")
def shared_copy(tmp_path_factory) -> Path:

    root = copy_project(tmp_path_factory.mktemp("checks") / "project", ROOT)
    return root


@pytest.fixture
def project_copy(shared_copy) -> Path:
    """One copy of the project for the module, as it was before each test: each test
    edits it, and afterwards every file is restored with its bytes and modification
    time (what the checks read of an unchanged file at an unchanged path and time, they
    may reuse: it is the same file; an edited file has a new time)."""
    before = tree_state(shared_copy)
    yield shared_copy
    for path in sorted(set(tree_state(shared_copy)) - set(before), reverse=True):
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for path, (data, _) in sorted(before.items()):
        if data is None:
            path.mkdir(parents=True, exist_ok=True)
        elif not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    for path, (_, mtime) in sorted(before.items(), reverse=True):  # the files, then their folders
        if path.stat().st_mtime_ns != mtime:
            os.utime(path, ns=(mtime, mtime))
    assert tree_state(shared_copy) == before


# --- the good fixture: the publication itself -----------------------------------------


def test_the_publication_on_main_is_clean(site):
    project = PUB
    assert run_source_checks(project) == []
    assert run_site_checks(project, site) == []


# --- fidelity -------------------------------------------------------------------------


def test_an_edited_dutch_word_shows_the_sources_sentence_beside_the_pages(project_copy):
    edit(project_copy / NL, "geharde criminelen", "harde criminelen")
    sentence = (
        "Met het programma Preventie met gezag wil het kabinet voorkomen dat kinderen, jongeren en "
        "jongvolwassenen in een kwetsbare positie de criminaliteit in gaan, daar steeds verder in verstrikt "
        "raken en uitgroeien tot {} criminelen."
    )
    assert findings_of(project_copy) == [
        f"{NL}:{NL_AT.paragraphs[1]}: expected the source's sentence «{sentence.format('geharde')}» {at('Preventie met gezag')}, "
        f"found «{sentence.format('harde')}» [geharde → harde]"
    ]


def test_a_word_inserted_inside_a_sentence_is_a_finding(project_copy):
    edit(project_copy / NL, "verdachte geregistreerd.", "verdachte echt geregistreerd.")
    assert findings_of(project_copy) == [
        f"{NL}:{NL_AT.paragraphs[2]}: expected the source's sentence «Van de in totaal 3.925 incidenten, is bij slechts 19% een verdachte "
        f"geregistreerd.» {at('Van de in totaal')}, found «Van de in totaal 3.925 incidenten, is bij slechts 19% een verdachte echt "
        "geregistreerd.» [∅ → echt]"
    ]


def test_an_inserted_sentence_is_a_finding(project_copy):
    edit(project_copy / NL, "kan hebben.", "kan hebben. Dit is nieuw.")
    assert findings_of(project_copy) == [
        f"{NL}:{NL_AT.paragraphs[2]}: expected only the source's text ({SOURCE}), found an inserted sentence «Dit is nieuw.»"
    ]


def test_an_edited_word_in_a_dutch_footnote_from_the_data_is_a_finding(project_copy):
    edit(
        project_copy / "data/references.yml",
        "nl: Nationaal Rapporteur Mensenhandel",
        "nl: Nationale Rapporteur Mensenhandel",
    )
    assert findings_of(project_copy) == [
        f"{NL}:{NL_AT.notes[37]}: expected the source's footnote 37 «Dadermonitor mensenhandel 2017-2021, Nationaal Rapporteur "
        f"Mensenhandel en Seksueel Geweld tegen Kinderen, 2022.» ({SOURCE}), found «Dadermonitor mensenhandel 2017-2021, "
        "Nationale Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen, 2022.» [Nationaal → Nationale]"
    ]


def test_a_footnote_typed_by_hand_with_a_wrong_number_is_two_findings(project_copy):
    edit(
        project_copy / NL,
        "[^35]: [[ref:kst-28741-106]]",
        "[^35]: [Kamerstuk 28 741, nr. 107](https://zoek.officielebekendmakingen.nl/kst-28741-107.html).",
    )
    assert findings_of(project_copy) == [
        f"{NL}:{NL_AT.notes[35]}: expected [[ref:kst-28741-106]] for footnote 35, found 'Kamerstuk 28 741, nr. 107.'",
        f"{NL}:{NL_AT.notes[35]}: expected the source's footnote 35 «Kamerstuk 28 741, nr. 106.» ({SOURCE}), found «Kamerstuk 28 741, nr. 107.» [106. → 107.]",
    ]


# --- figures ---------------------------------------------------------------------------

FIGURES = [  # (id, Dutch as printed, Dutch changed, English, English changed, data value, changed value)
    ("incidents", "3.925", "3.926", "3,925", "3,926", "value: 3925", "value: 3926"),
    ("share_sexual", "76%", "77%", "76%", "77%", "value: 76", "value: 77"),
    ("with_suspect", "19%", "18%", "19%", "18%", "value: 19", "value: 18"),
    ("budget", "€143 miljoen", "€142 miljoen", "€143 million", "€142 million", "value: 143", "value: 142"),
    ("municipalities", " 27 gemeenten", " 28 gemeenten", "in 27 ", "in 28 ", "value: 27", "value: 28"),
    (
        "monitor_period",
        "periode 2017-2021",
        "periode 2017-2020",
        "period 2017–2021",
        "period 2017–2020",
        "value: [2017, 2021]",
        "value: [2017, 2020]",
    ),
    (
        "without_suspect",
        "ruim vier op de vijf",
        "ruim drie op de vijf",
        "more than four out of five",
        "more than three out of five",
        "value: [4, 5]",
        "value: [3, 5]",
    ),
]


def _number(s: str) -> str:
    return re.sub(r"^(periode |period |in )|( gemeenten)$", "", s.strip()).strip()


@pytest.mark.parametrize("fid,nl,nl2,en,en2,value,value2", FIGURES, ids=[f[0] for f in FIGURES])
def test_a_changed_figure_in_the_dutch_is_a_finding_naming_both_values(
    project_copy, fid, nl, nl2, en, en2, value, value2
):
    edit(project_copy / NL, nl, nl2)
    found = findings_of(project_copy)
    line = NL_AT.paragraphs[1] if fid in ("budget", "municipalities") else NL_AT.paragraphs[2]
    written = _number(nl2) + (" euro" if fid == "budget" else "")  # the quantity as the page writes it
    assert f"{NL}:{line}: expected {_number(nl)} ({fid}), found {written}" in found


@pytest.mark.parametrize("fid,nl,nl2,en,en2,value,value2", FIGURES, ids=[f[0] for f in FIGURES])
def test_a_changed_figure_in_the_english_is_a_finding_naming_both_values(
    project_copy, fid, nl, nl2, en, en2, value, value2
):
    edit(project_copy / EN, en, en2)
    line = EN_AT.paragraphs[1] if fid in ("budget", "municipalities") else EN_AT.paragraphs[2]
    assert findings_of(project_copy) == [f"{EN}:{line}: expected {_number(en)} ({fid}), found {_number(en2)}"]


@pytest.mark.parametrize("fid,nl,nl2,en,en2,value,value2", FIGURES, ids=[f[0] for f in FIGURES])
def test_a_changed_figure_in_the_data_is_a_finding_naming_both_values(
    project_copy, fid, nl, nl2, en, en2, value, value2
):
    path = project_copy / "data/figures.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"\n  {fid}:")
    at = text.index(value, start)
    path.write_text(text[:at] + value2 + text[at + len(value) :], encoding="utf-8")
    found = findings_of(project_copy)
    line = key_line(path, "nl", key_line(path, fid))
    old, new = value.split(": ", 1)[1], value2.split(": ", 1)[1]
    printed = _number(nl).removeprefix("ruim ")  # the data keeps the qualifier apart
    assert found[0] == f"data/figures.yml:{line}: expected '{printed}' ({fid}) to be the value {new}, found {old}"
    line_en = EN_AT.paragraphs[1] if fid in ("budget", "municipalities") else EN_AT.paragraphs[2]
    english_new = fig_mod.english(PUB.figures.figures[fid].kind, eval(new))
    english_new = f"more than {english_new}" if fid == "without_suspect" else english_new
    assert f"{EN}:{line_en}: expected {english_new} ({fid}), found {_number(en)}" in found


def test_a_number_added_to_the_english_only_is_a_finding(project_copy):
    edit(project_copy / EN, "in 27 municipalities", "in 27 (out of 342) municipalities")
    assert findings_of(project_copy) == [
        f"{EN}:{EN_AT.paragraphs[1]}: expected no number beyond those of data/figures.yml in the English text, found 342"
    ]


def test_shares_above_the_whole_are_a_finding():
    figs = fig_mod.parse(
        {
            "figures": {
                "a": {"kind": "percent", "value": 76, "nl": "76%", "meaning": {}},
                "b": {"kind": "percent", "value": 30, "nl": "30%", "meaning": {}},
            },
            "relations": [{"kind": "parts_at_most_whole", "parts": ["a", "b"]}],
        }
    )
    found = [str(f) for f in figures_check.check_data(PUB, figs)]
    line = key_line(PUB.data / "figures.yml", "relations")
    assert found == [f"data/figures.yml:{line}: expected the shares 76% + 30% at most 100%, found 106%"]


def test_a_suspect_share_that_contradicts_four_out_of_five_is_a_finding():
    figs = fig_mod.parse(
        {
            "figures": {
                "with": {"kind": "percent", "value": 21, "nl": "21%", "meaning": {}},
                "without": {"kind": "fraction", "value": [4, 5], "nl": "vier op de vijf", "meaning": {}},
            },
            "relations": [{"kind": "complement_exceeds", "figure": "with", "exceeds": "without"}],
        }
    )
    found = [str(f) for f in figures_check.check_data(PUB, figs)]
    line = key_line(PUB.data / "figures.yml", "relations")
    assert found == [
        f"data/figures.yml:{line}: expected 100% − 21% with a suspect to be more than "
        "vier op de vijf (80%) without one, found 79%"
    ]


# --- structure: pages, footnotes, references ---------------------------------------------


def test_a_deleted_footnote_is_a_finding(project_copy):
    edit(project_copy / NL, "[^36]: [[ref:kst-30995-100]]\n", "")
    assert findings_of(project_copy) == [
        f"{NL}:{NL_AT.paragraphs[1]}: expected a note for the footnote call [^36], found no note",
        f"{NL}: expected footnote 36 (kst-30995-100) as data/references.yml lists it for page {SECTION.source_page}, "
        "found no such note",
        f"{NL}: expected the source's footnote 36 «Kamerstuk 30 995, nr. 100.» ({SOURCE}), found no such note",
    ]


def test_a_note_without_a_call_is_a_finding(project_copy):
    edit(project_copy / EN, "labour exploitation.[^37]", "labour exploitation.")
    assert findings_of(project_copy) == [
        f"{EN}:{EN_AT.notes[37]}: expected a call in the text for the footnote [^37], found no call"
    ]


def test_a_deleted_page_is_a_finding(project_copy):
    (project_copy / "docs/en/references.md").unlink()
    assert findings_of(project_copy) == [
        "docs/nl/references.md: expected its translation docs/en/references.md, found no such page"
    ]


def test_an_unknown_reference_id_is_a_finding(project_copy):
    edit(project_copy / EN, "[[ref:kst-30995-100]]", "[[ref:kst-30995-101]]")
    assert findings_of(project_copy) == [
        f"{EN}:{EN_AT.notes[36]}: expected placeholders that name known data, found unknown reference id 'kst-30995-101'"
    ]


def test_a_malformed_kamerstuk_citation_is_a_finding(project_copy):
    edit(
        project_copy / "docs/nl/translation-notes.md",
        "zie de [referenties](references.md).",
        "zie de [referenties](references.md) en Kamerstuk 28741 nr 106.",
    )
    assert findings_of(project_copy) == [
        "docs/nl/translation-notes.md:14: expected a citation like 'Kamerstuk 28 741, nr. 106', found 'Kamerstuk 28741 nr 106.'"
    ]


def test_a_malformed_reference_entry_is_a_finding_on_its_line(project_copy):
    path = project_copy / "data/references.yml"
    edit(path, 'dossier: "30995"', 'dossier: "30 995"')
    line = key_line(path, "kst-30995-100")
    assert findings_of(project_copy) == [
        f"data/references.yml:{line}: expected valid references, found kst-30995-100: a Kamerstuk needs a dossier "
        "and a number, found '30 995', '100'"
    ]


def test_a_page_that_is_not_utf8_is_a_finding(project_copy):
    path = project_copy / "docs/en/translation-notes.md"
    raw = path.read_bytes()
    line = raw[: raw.index("“".encode())].count(b"\n") + 1  # the line of the first curly quote
    path.write_bytes(raw.replace("“".encode(), b"\x93", 1))
    found = findings_of(project_copy)
    assert len(found) == 1 and re.fullmatch(
        rf"docs/en/translation-notes\.md:{line}: expected a readable page, found the page is not valid UTF-8 \(byte \d+\)",
        found[0],
    )


def test_an_empty_page_is_a_finding(project_copy):
    (project_copy / "docs/en/references.md").write_text("\n", encoding="utf-8")
    assert findings_of(project_copy) == [
        "docs/en/references.md:1: expected a page with a title and text, found an empty file"
    ]


def test_front_matter_that_is_not_yaml_is_a_finding(project_copy):
    edit(project_copy / "docs/en/index.md", "title: About this publication", "title: About: this: publication")
    assert findings_of(project_copy) == [
        "docs/en/index.md:2: expected a readable page, found the front matter is not valid YAML "
        "(mapping values are not allowed here)"
    ]


def test_a_page_without_description_is_a_finding(project_copy):
    path = project_copy / "docs/en/references.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^description: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    assert findings_of(project_copy) == [
        "docs/en/references.md:1: expected front matter with a 'description', found none"
    ]


def test_heading_anchors_that_differ_between_languages_are_a_finding(project_copy):
    edit(project_copy / EN, "## Prevention { #preventie }", "## Prevention { #prevention }")
    assert findings_of(project_copy) == [
        f"{EN}:{EN_AT.headings[1]}: expected the heading anchors of docs/nl/daderaanpak.md (daderaanpak, preventie, "
        "opsporen-en-vervolgen), found daderaanpak, prevention, opsporen-en-vervolgen"
    ]


def test_a_heading_without_an_anchor_is_a_finding(project_copy):
    def line_of(rel: str, heading: str) -> int:
        lines = (project_copy / rel).read_text(encoding="utf-8").splitlines()
        return next(n for n, line in enumerate(lines, start=1) if line.startswith(heading))

    nl_line, en_line = (
        line_of("docs/nl/index.md", "## Het plan, en dit"),
        line_of("docs/en/index.md", "## The plan, and"),
    )
    edit(
        project_copy / "docs/nl/index.md",
        "## Het plan, en dit fragment ervan { #excerpt }",
        "## Het plan, en dit fragment ervan",
    )
    assert findings_of(project_copy) == [
        f"docs/en/index.md:{en_line}: expected the heading anchors of docs/nl/index.md (home, outcomes, contents, "
        "None, downloads), found home, outcomes, contents, excerpt, downloads",
        f"docs/nl/index.md:{nl_line}: expected an explicit anchor '{{ #id }}' on the heading, found 'Het plan, en dit fragment ervan' "
        "without one",
    ]


# --- the built site ----------------------------------------------------------------------


@pytest.fixture
def built_copy(site, tmp_path) -> Path:
    out = tmp_path / "site"
    shutil.copytree(site, out)
    return out


def site_findings(built: Path) -> list[str]:
    return [str(f) for f in links.check_site(built, PUB.data, pending=pending_downloads())]


def break_page(built: Path, rel: str, old: str, new: str) -> int:
    """Replace `old` by `new` once in a built page; the line `new` stands on."""
    page = built / rel
    text = page.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return next(n for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1) if new in line)


def test_a_kamerstuk_link_that_disagrees_with_its_citation_is_a_finding(built_copy):
    line = break_page(built_copy, "en/daderaanpak/index.html", "kst-28741-106.html", "kst-28741-107.html")
    assert site_findings(built_copy) == [
        f"site/en/daderaanpak/index.html:{line}: expected the link of 'Parliamentary paper (Kamerstuk) 28 741, "
        "no. 106' to kst-28741-106, found https://zoek.officielebekendmakingen.nl/kst-28741-107.html"
    ]


def test_a_link_to_a_missing_anchor_is_a_finding(built_copy):
    line = break_page(built_copy, "daderaanpak/index.html", 'href="#fn:36"', 'href="#fn:38"')
    assert site_findings(built_copy) == [
        f"site/daderaanpak/index.html:{line}: expected an anchor #fn:38 on daderaanpak/index.html, found #fn:38 (no such anchor)"
    ]


def test_a_missing_page_is_a_finding_for_its_counterpart_and_every_link_to_it(built_copy):
    shutil.rmtree(built_copy / "en/translation-notes")
    found = site_findings(built_copy)
    assert (
        "site/translation-notes/index.html: expected its counterpart site/en/translation-notes/index.html, "
        "found no such page" in found
    )
    broken = [f for f in found if "expected a link to a page of the site, found" in f]
    assert any(
        f.startswith("site/en/index.html:") and f.endswith("found translation-notes/ (no such page)") for f in broken
    )
    assert any(
        f.startswith("site/en/daderaanpak/index.html:") and f.endswith("found ../translation-notes/ (no such page)")
        for f in broken
    )
    assert all("translation-notes" in f for f in found)


def test_a_link_to_a_host_not_allowed_is_a_finding(built_copy):
    line = break_page(built_copy, "index.html", "</article>", '<a href="https://example.org/x">x</a></article>')
    assert site_findings(built_copy) == [
        f"site/index.html:{line}: expected a link to an allowed host (data/external-links.yml), found https://example.org/x"
    ]


def test_a_selector_that_misses_the_counterpart_is_a_finding(built_copy):
    line = break_page(
        built_copy,
        "en/references/index.html",
        'href="../../references/" hreflang="nl" lang="nl" class="md-select__link"',
        'href="../../" hreflang="nl" lang="nl" class="md-select__link"',
    )
    assert site_findings(built_copy) == [
        f"site/en/references/index.html:{line}: expected the language selector's 'nl' link to references/index.html, "
        "found index.html"
    ]


def test_a_resource_from_another_host_is_a_finding(built_copy):
    line = break_page(
        built_copy, "en/index.html", "</head>", '<script src="https://cdn.example.net/x.js"></script></head>'
    )
    assert site_findings(built_copy) == [
        f"site/en/index.html:{line}: expected no resource loaded from another host, found <script> https://cdn.example.net/x.js"
    ]


def test_the_build_reports_a_broken_include_as_a_finding(project_copy, tmp_path):
    edit(project_copy / "docs/en/index.md", "{!abbreviations/en.md!}", "{!abbreviations/fr.md!}")
    found = mkdocs_build(tmp_path / "out", project_copy / "mkdocs.yml")
    line = (project_copy / "docs/en/index.md").read_text(encoding="utf-8").splitlines().index(
        "{!abbreviations/fr.md!}"
    ) + 1
    assert [(f.file, f.line, f.expected) for f in found] == [("docs/en/index.md", line, "a page MkDocs can read")]
    assert found[0].found == (
        f"[Errno 2] No such file or directory: '{project_copy / 'includes' / 'abbreviations' / 'fr.md'}'"
    )
