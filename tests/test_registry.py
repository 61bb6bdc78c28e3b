"""The check registry: every check declared once with its name, stage and what it
covers; chosen by name (--only, --skip); counted per check in the report; a check that
cannot run says why instead of passing."""

from __future__ import annotations

import json

import pytest

from publication.checks import registry
from publication.cli import EXIT_CLEAN, EXIT_CONFIG, main
from publication.model.findings import Finding


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
    assert [c.name for c in registry.select(only=["fidelity", "links"]).checks] == ["fidelity", "links"]
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

    from publication import ROOT

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
            cell.count(":") == len(outputs) == 7
            and "--skip" not in cell
            and ("no errors" in cell or "geen fouten" in cell)
        ), cell
