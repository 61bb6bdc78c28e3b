"""scripts/publish.py as a person runs it: exit codes, printed findings, the JSON
report, and dist/ left exactly as it was whenever anything is wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from clitools import call, run, tree_digest
from conftest import edit
from live import correct_last_sentence, last_sentence, line_of, section_lines
from repo import ROOT

from publication.checks import run_source_checks
from publication.model.project import copy_project
from publication.model.publication import Publication


@pytest.fixture(scope="module")
def published(dist, tmp_path_factory) -> Path:
    """A copy of the project with the good dist/ the session published from the same
    sources (a copy of it, not a second publication) and its report."""

    from conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("published") / "project", ROOT)
    shutil.copytree(dist, project / "dist", symlinks=True)
    (project / "build").mkdir()
    shutil.copy2(dist.parent / "report.json", project / "build" / "report.json")
    return project


def test_help_documents_the_command_and_its_exit_codes(published):
    result = run(published, "--help")
    assert result.returncode == 0
    for text in (
        "check",
        "publish",
        "--online",
        "--report",
        "0 clean, 1 the tool itself failed, 2 findings, 3 bad configuration",
    ):
        assert text in " ".join(result.stdout.split())


def test_publish_writes_the_site_into_dist(published):
    dist = published / "dist"
    assert (dist / "site" / "index.html").is_file() and (dist / "site" / "en" / "daderaanpak" / "index.html").is_file()
    report = json.loads((published / "build" / "report.json").read_text(encoding="utf-8"))
    assert report["errors"] == 0 and report["findings"] == []
    assert not [p for p in published.iterdir() if p.name.startswith(".dist-")], "no temporary folder left behind"


# One defect per stage, end to end (publish and check exit 2, dist/ untouched, the same
# findings): each check's own defects are tested on the check functions
# (test_checks.py, test_check_functions.py, test_translation.py); a stage that stops
# publish stops it whichever check found the defect.
DEFECTS = {
    "dutch word (sources)": (
        lambda p: edit(p / "docs/nl/daderaanpak.md", "geharde criminelen", "harde criminelen"),
        f"docs/nl/daderaanpak.md:{section_lines(ROOT / 'docs/nl/daderaanpak.md').paragraphs[1]}: expected the source's sentence",
    ),
    "missing anchor (built site)": (
        lambda p: edit(p / "docs/nl/index.md", "[Referenties](references.md)", "[Referenties](references.md#nergens)"),
        f"docs/nl/index.md:{line_of(ROOT, 'docs/nl/index.md', '[Referenties](references.md)')}: "
        "expected an anchor #nergens on references/index.html",
    ),
}


def WRONG_KAMERSTUK_LINK(p: Path) -> None:
    edit(
        p / "docs/en/index.md",
        "[[cite:kst-28638-233]]",
        "[Parliamentary paper (Kamerstuk) 28 638, no. 233](https://zoek.officielebekendmakingen.nl/kst-28638-232.html)",
    )


@pytest.mark.parametrize("defect", list(DEFECTS))
def test_a_defect_fails_publish_and_leaves_dist_untouched(published, defect):

    change, expected = DEFECTS[defect]
    project = published.parent / f"defect-{defect.split(' (')[0].replace(' ', '-')}"
    shutil.copytree(published, project)
    before = tree_digest(project / "dist")
    change(project)
    result = call(project, "publish", "--quiet")
    assert result.returncode == 2, result.stdout + result.stderr
    assert any(line.startswith(expected) for line in result.stdout.splitlines()), result.stdout
    assert tree_digest(project / "dist") == before
    report = json.loads((project / "build" / "report.json").read_text(encoding="utf-8"))
    assert report["errors"] >= 1 and any(
        f"{f['file']}:{f['line']}".startswith(expected.split(": ")[0].rstrip(":")) for f in report["findings"]
    )
    check = call(project, "check", "--quiet")
    assert check.returncode == 2 and check.stdout == result.stdout
    assert not [p for p in project.iterdir() if p.name.startswith(".dist-")]


def test_an_english_sentence_older_than_its_corrected_dutch_is_a_finding(tmp_path):
    """The sentence-by-sentence stage of the sources (it stops publish as the first
    stage does, end to end above): the finding names the English line and the segment."""

    project = copy_project(tmp_path / "project", ROOT)
    correct_last_sentence(project)
    found = [str(f) for f in run_source_checks(Publication(project)) if f.severity == "error"]
    expected = (
        f"docs/en/daderaanpak.md:{last_sentence().line('en')}: expected an English translation of the current "
        f"Dutch {last_sentence().id}"
    )
    assert len(found) == 1 and found[0].startswith(expected), found


def test_the_kamerstuk_link_finding_names_both_numbers(published, tmp_path):

    project = tmp_path / "p"
    shutil.copytree(published, project, ignore=shutil.ignore_patterns("dist"))
    WRONG_KAMERSTUK_LINK(project)
    result = call(project, "check", "--quiet")
    assert result.returncode == 2
    assert (
        "expected the link of 'Parliamentary paper (Kamerstuk) 28 638, no. 233' to kst-28638-233, "
        "found https://zoek.officielebekendmakingen.nl/kst-28638-232.html" in result.stdout
    )


def test_bad_configuration_exits_3(published, tmp_path):

    project = tmp_path / "p"
    shutil.copytree(published, project, ignore=shutil.ignore_patterns("dist"))
    (project / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 3
    assert result.stderr.startswith(f"configuration error: {project / 'mkdocs.yml'}: not valid YAML")


def test_an_allowed_host_without_a_reason_is_bad_configuration(published, tmp_path):

    project = tmp_path / "p"
    shutil.copytree(published, project, ignore=shutil.ignore_patterns("dist"))
    (project / "data" / "external-links.yml").write_text("allowed_hosts:\n  example.org:\n", encoding="utf-8")
    result = call(project, "check")
    assert result.returncode == 3 and "mapping each host to the reason it is allowed" in result.stderr


def test_the_tool_failing_exits_1_and_leaves_dist_alone(published):
    before = tree_digest(published / "dist")
    result = call(published, "publish", "--dist", "/dev/null/dist")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "publish.py could not write or read a file (File exists: /dev/null); dist/ was not changed"
    )
    assert tree_digest(published / "dist") == before


def test_progress_is_shown_and_quiet_hides_it(published):
    loud = call(published, "check", "--skip", "html")
    assert loud.returncode == 0
    assert "Building the site (nl, en) ..." in loud.stderr and "No findings" in loud.stderr
    quiet = call(published, "check", "--quiet", "--skip", "html")
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
