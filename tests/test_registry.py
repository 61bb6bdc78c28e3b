"""The check registry: every check declared once with its name, stage and what it
covers; chosen by name (--only, --skip); counted per check in the report; a check that
cannot run says why instead of passing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from publication.checks import registry, translation
from publication.cli import EXIT_CLEAN, EXIT_CONFIG, main
from publication.model.findings import Finding
from publication.model.project import copy_project


def test_every_check_has_a_unique_name_a_known_stage_and_says_what_it_covers():
    checks = registry.every_check()
    names = [c.name for c in checks]
    assert len(names) == len(set(names))
    assert {c.stage for c in checks} == set(registry.STAGES)
    assert all(c.covers.strip() for c in checks)
    # The stages run in order: no check of a later stage stands before an earlier one.
    order = [registry.STAGES.index(c.stage) for c in checks]
    assert order == sorted(order)


def test_only_and_skip_choose_checks_by_name():
    assert [c.name for c in registry.select(only=["fidelity", "links"]).checks] == [
        "fidelity",
        "links",
        "links.offline",
    ]
    assert "html" not in [c.name for c in registry.select(skip=["html"]).checks]
    with pytest.raises(registry.UnknownCheck, match="no check named 'fidelty'"):
        registry.select(only=["fidelty"])


def fake(name, stage="sources", found=(), gate=False, unavailable=None):
    return registry.Check(name, stage, f"{name} covers", lambda ctx: list(found), gate=gate, unavailable=unavailable)


def test_a_gated_check_waits_until_the_checks_before_it_find_no_error():
    error = Finding("a.md", 1, "x", "y", "first")
    selection = registry.Selection([fake("first", found=[error]), fake("sentences", gate=True)])
    assert selection.run("sources", None) == [error]
    report = {name: o.as_dict() for name, o in selection.outcomes.items()}
    assert report == {
        "first": {"stage": "sources", "ran": True, "findings": 1, "errors": 1},
        "sentences": {
            "stage": "sources",
            "ran": False,
            "findings": 0,
            "errors": 0,
            "reason": "the checks before it found errors",
        },
    }


def test_a_check_that_cannot_run_here_says_why_and_is_no_pass():
    selection = registry.Selection([fake("validator", "outputs", unavailable=lambda ctx: "Java is not installed")])
    assert selection.run("outputs", None) == []
    assert selection.outcomes["validator"].as_dict() == {
        "stage": "outputs",
        "ran": False,
        "findings": 0,
        "errors": 0,
        "reason": "Java is not installed",
    }


def test_the_checks_command_lists_every_check(capsys):
    assert main(["checks"]) == EXIT_CLEAN
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [c.name for c in registry.every_check()]


def test_an_unknown_check_name_is_bad_configuration(capsys):
    assert main(["check", "--only", "nothing-of-that-name"]) == EXIT_CONFIG
    assert "no check named 'nothing-of-that-name'" in capsys.readouterr().err


@pytest.mark.slow
def test_check_only_runs_the_chosen_check_and_the_report_counts_each(tmp_path):
    report = tmp_path / "report.json"
    assert main(["check", "--quiet", "--only", "labels", "--only", "chart", "--report", str(report)]) == EXIT_CLEAN
    checks = json.loads(report.read_text(encoding="utf-8"))["checks"]
    assert {name for name, c in checks.items() if c["ran"]} == {"labels", "chart"}
    assert checks["fidelity"] == {"stage": "sources", "ran": False, "findings": 0, "errors": 0, "reason": "not chosen"}


@pytest.mark.parametrize(
    "options,line",
    [
        ((), "Validating: W3C Nu HTML checker ..."),
        (("--only", "links"), None),
        (("--skip", "html"), None),
    ],
)
def test_the_progress_names_only_the_validators_that_run(options, line, tmp_path):
    from clitools import call
    from repo import ROOT

    result = call(ROOT, "check", *options, "--report", str(tmp_path / "report.json"))
    assert result.returncode == EXIT_CLEAN, result.stdout + result.stderr
    said = [text for text in result.stderr.splitlines() if text.startswith("Validating")]
    assert said == ([line] if line else [])


def test_the_check_report_of_an_edition_names_the_validators_that_passed(dist):
    from lxml import html

    for page in ("checks/index.html", "en/checks/index.html"):
        root = html.fromstring((dist / "site" / page).read_text(encoding="utf-8"))
        cell = root.xpath('//*[@data-key="validators"]')[0].text_content()
        outputs = [c for c in registry.every_check() if c.stage == "outputs"]
        assert (
            cell.count("no errors") + cell.count("geen fouten") == len(outputs) == 9
            and "--skip" not in cell
            and ("no errors" in cell or "geen fouten" in cell)
        ), cell


def test_a_groups_name_chooses_each_of_its_checks_and_each_can_be_chosen_alone():
    sentence_checks = [c.name for c in registry.every_check() if c.name.startswith("translation.")]
    assert len(sentence_checks) == len(translation.CHECKS) >= 12
    assert [c.name for c in registry.select(only=["translation"]).checks] == sentence_checks
    assert [c.name for c in registry.select(only=["translation.numbers"]).checks] == ["translation.numbers"]
    assert "translation.meaning" not in [c.name for c in registry.select(skip=["translation.meaning"]).checks]
    # The links of the site and of the offline bundle are one group: --skip links skips both.
    assert not {"links", "links.offline"} & {c.name for c in registry.select(skip=["links"]).checks}


def test_each_check_is_its_own_small_function_whose_covers_is_said():
    for c in registry.every_check():
        assert callable(c.run) and c.run.__name__ != "<lambda>", c.name
        assert len(c.covers) < 400 and not c.covers.endswith("."), c.name


def test_a_check_run_outside_the_stages_is_counted_when_chosen_and_not_run_when_skipped():
    error = Finding("site/x.html", 3, "a link that resolves", "none", "links")
    selection = registry.Selection([fake("links.offline", "outputs", found=[error])])
    assert selection.run_one("links.offline", None) == [error]
    assert selection.run_one("links.offline", None) == [error]  # the site again, after the downloads
    assert selection.outcomes["links.offline"].as_dict() == {
        "stage": "outputs",
        "ran": True,
        "findings": 2,
        "errors": 2,
    }
    assert registry.Selection([]).run_one("links.offline", None) == []


def test_a_gated_check_of_a_group_waits_only_for_the_checks_before_its_group():
    error = Finding("a.md", 1, "x", "y", "first")
    own = Finding("b.md", 2, "x", "y", "translation")
    selection = registry.Selection([fake("g.first", found=[own], gate=True), fake("g.second", gate=True, found=[own])])
    assert selection.run("sources", None) == [own, own]
    selection = registry.Selection([fake("before", found=[error]), fake("g.first", gate=True, found=[own])])
    assert selection.run("sources", None) == [error]
    assert selection.outcomes["g.first"].reason == "the checks before it found errors"


def test_with_the_plugin_disabled_the_build_is_materials_own(tmp_path):
    """`enabled: false` turns everything of the plugin off: no 404 page per language, no
    citation files, the stylesheet as it is in docs/."""

    from conftest import edit
    from repo import ROOT

    copy = copy_project(tmp_path / "p", ROOT, code=False)
    edit(copy / "mkdocs.yml", "  - publication\n", "  - publication:\n      enabled: false\n")
    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=copy,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)},
    )
    assert build.returncode == 0, build.stderr
    assert (site / "404.html").is_file() and not (site / "en" / "404.html").exists()
    assert not (site / "cite").exists()
    assert (site / "assets" / "publication.css").read_bytes() == (copy / "docs/assets/publication.css").read_bytes()
    assert "[[" in (site / "daderaanpak" / "index.html").read_text(encoding="utf-8")  # no placeholder expanded


def site_checks(crash: str = ""):
    """Site checks, some reading the built files themselves (run by the forked process):
    each says in which process it ran; `crash` names one that fails."""

    def one(name: str, own: bool, found: int = 1, unavailable=None):
        def run(ctx):
            if name == crash:
                raise ValueError(f"{name} failed")
            return [Finding(f"{name}.html", n, "x", f"pid {os.getpid()}", name) for n in range(found)]

        return registry.Check(name, "site", "x", run, unavailable=unavailable, own_reading=own)

    return [
        one("links", False),
        one("passive", True, 2),
        one("chart", False, 0),
        one("notes", True, 3),
        one("online", True, unavailable=lambda ctx: "only with --online"),
        one("history", False),
    ]


def test_the_site_checks_forked_say_what_they_would_say_in_one_process_in_the_registrys_order():
    forked, single = registry.Selection(site_checks()), registry.Selection(site_checks())
    by_fork, by_one = forked.run_forked("site", None, processes=2), single.run("site", None)
    where = lambda found: [(f.file, f.line) for f in found]  # noqa: E731
    assert where(by_fork) == where(by_one) == [
        ("links.html", 0), ("passive.html", 0), ("passive.html", 1),
        ("notes.html", 0), ("notes.html", 1), ("notes.html", 2), ("history.html", 0),
    ]  # fmt: skip
    outcomes = lambda selection: {n: o.as_dict() for n, o in selection.outcomes.items()}  # noqa: E731
    assert outcomes(forked) == outcomes(single) and outcomes(forked)["online"]["reason"] == "only with --online"
    assert outcomes(forked)["notes"] == {"stage": "site", "ran": True, "findings": 3, "errors": 3}
    own = {f.found for f in by_fork if f.check in ("passive", "notes")}
    assert own != {f"pid {os.getpid()}"} and len(own) == 1  # they ran in the forked process
    assert {f.found for f in by_fork if f.check in ("links", "history")} == {f"pid {os.getpid()}"}


def test_on_one_core_the_site_checks_run_in_this_process():
    found = registry.Selection(site_checks()).run_forked("site", None, processes=1)
    assert {f.found for f in found} == {f"pid {os.getpid()}"} and len(found) == 7


@pytest.mark.parametrize("crash", ["notes", "links"])
def test_a_site_check_that_fails_in_either_process_fails_the_run(crash, capfd):
    selection = registry.Selection(site_checks(crash))
    with pytest.raises((RuntimeError, ValueError), match="forked process of the site checks failed|links failed"):
        selection.run_forked("site", None, processes=2)
    if crash == "notes":
        assert "ValueError: notes failed" in capfd.readouterr().err  # the forked process said why
