"""Every bad input gets a finding or a configuration error naming its file and line,
never a traceback (issue 16): malformed, empty or wrongly shaped data files, duplicate
footnote definitions, placeholders that are not quite placeholders, a byte order mark
or CRLF, a missing prefix file, MkDocs' own configuration errors, a mistyped command, a
malformed SOURCE_DATE_EPOCH, a full or read-only disk, --online without a network.

The table INPUTS is the closing note's: each input, its exit code and its message."""

from __future__ import annotations

import errno
import os
import re
import shutil
import socket
import subprocess
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from clitools import SKIP_VALIDATORS, call, run
from repo import ROOT

from publication import cli
from publication.checks import markup, online, run_source_checks
from publication.checks.source_map import locate
from publication.model import datafiles
from publication.model.findings import Finding
from publication.model.pages import read
from publication.model.project import copy_project
from publication.model.publication import Publication
from publication.outputs import dist as dist_mod


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("bad-inputs") / "project", ROOT)


def replace(old: str, new: str):
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


# (file, change of its text, exit code, the line the tool prints: stdout for findings, stderr otherwise)
INPUTS = {
    "labels: malformed YAML": (
        "data/labels/en.yml",
        lambda t: t + "broken: [unclosed\n",
        2,
        "data/labels/en.yml:{end}: expected valid YAML, found ",
    ),
    "labels: a quote left open": (
        "data/labels/en.yml",
        replace("  pdf: PDF, {language}\n", '  pdf: "PDF, {language}\n'),
        2,
        "data/labels/en.yml:{line:  pdf: PDF, }: expected valid YAML, found a quote opened here",
    ),
    "labels: a key the code needs is missing": (
        "data/labels/en.yml",
        replace("  pdf: PDF, {language}\n", ""),
        2,
        "data/labels/en.yml:{line:pages:}: expected the label 'pages.pdf', found none",
    ),
    "labels: empty file": (
        "data/labels/nl.yml",
        lambda t: "",
        2,
        "data/labels/nl.yml:1: expected data, found an empty file",
    ),
    "labels: a list": (
        "data/labels/nl.yml",
        lambda t: "- a\n- b\n",
        2,
        "data/labels/nl.yml:1: expected a mapping, found a list",
    ),
    "terms: malformed YAML": ("data/terms.yml", lambda t: t + "  - {nl: x\n", 2, "data/terms.yml:"),
    "terms: wrong type": (
        "data/terms.yml",
        lambda t: "terms:\n  a: b\n",
        2,
        "data/terms.yml:2: expected 'terms' as a list, found a mapping",
    ),
    "translation-qa: malformed YAML": (
        "data/translation-qa.yml",
        lambda t: t + "classes: [\n",
        2,
        "data/translation-qa.yml:",
    ),
    "translation-qa: missing key": (
        "data/translation-qa.yml",
        lambda t: t.replace("toolkit_checks:", "toolkit:"),
        2,
        "data/translation-qa.yml:6: expected the key 'toolkit_checks', found none",
    ),
    "figures: empty file": (
        "data/figures.yml",
        lambda t: "",
        2,
        "data/figures.yml:1: expected data, found an empty file",
    ),
    "figures: unclosed quote": (
        "data/figures.yml",
        replace('nl: "27"', 'nl: "27'),
        2,
        'data/figures.yml:{line:nl: "27"}: expected valid YAML, found a quote opened here is closed only at line',
    ),
    "figures: a value that is text": (
        "data/figures.yml",
        replace("value: 27\n", "value: veel\n"),
        2,
        "data/figures.yml:{line:value: 27}: expected 'figures.municipalities.value' as "
        "a whole number "
        "or a number or a list, found text ('veel')",
    ),
    "references: a list": (
        "data/references.yml",
        lambda t: "- kst-1\n- kst-2\n",
        2,
        "data/references.yml:1: expected a mapping, found a list",
    ),
    "references: missing document": (
        "data/references.yml",
        replace("document: kst-28638-233\n", ""),
        2,
        "data/references.yml:",
    ),
    "alignment: malformed YAML": (
        "data/alignment/daderaanpak.yml",
        lambda t: t + "  - {id: s-99\n",
        2,
        "data/alignment/daderaanpak.yml:",
    ),
    "alignment: segments not a list": (
        "data/alignment/daderaanpak.yml",
        lambda t: "segments: 3\n",
        2,
        "data/alignment/daderaanpak.yml:1: expected 'segments' as a list, found ",
    ),
    "external-links: malformed YAML": (
        "data/external-links.yml",
        lambda t: "allowed_hosts: [\n",
        3,
        "configuration error: {root}/data/external-links.yml:2: expected 'allowed_hosts:'",
    ),
    "sentence prefixes: missing file": (
        "data/sentence-prefixes/en.txt",
        None,
        2,
        "data/sentence-prefixes/en.txt: expected the publication's abbreviations",
    ),
    "footnote defined twice in the section": (
        "docs/nl/daderaanpak.md",
        lambda t: t + "\n[^35]: [[ref:kst-28741-106]]\n",
        2,
        "docs/nl/daderaanpak.md:{end}: expected one definition of the footnote [^35] (the first is at line {line:[^35]: [[ref}), "
        "found a second one",
    ),
    "footnote defined twice on another page": (
        "docs/en/accessibility.md",
        lambda t: t + "\nText[^9].\n\n[^9]: One.\n[^9]: Two.\n",
        2,
        "docs/en/accessibility.md:{end}: expected one definition of the footnote [^9]",
    ),
    "[[chart:anything]]": (
        "docs/en/daderaanpak.md",
        replace("[[chart:incidents]]", "[[chart:anything]]"),
        2,
        "docs/en/daderaanpak.md:{line:[[chart:incidents]]}: expected a placeholder that names what the publication has, "
        "found [[chart:anything]] (unknown chart 'anything' (the charts: incidents))",
    ),
    "[[charts:incidents]]": (
        "docs/en/daderaanpak.md",
        replace("[[chart:incidents]]", "[[charts:incidents]]"),
        2,
        "docs/en/daderaanpak.md:{line:[[chart:incidents]]}: expected a placeholder that names what the publication has, "
        "found [[charts:incidents]] (unknown placeholder '[[charts:incidents]]')",
    ),
    "[[chart:]]": (
        "docs/en/daderaanpak.md",
        replace("[[chart:incidents]]", "[[chart:]]"),
        2,
        "docs/en/daderaanpak.md:{line:[[chart:incidents]]}: expected a placeholder like [[ref:kst-28741-106]] (lower case, no "
        "spaces, closed with ]]), found [[chart:]] (an empty argument)",
    ),
    "[[ref:]]": (
        "docs/nl/daderaanpak.md",
        replace("[[ref:kst-28741-106]]", "[[ref:]]"),
        2,
        "docs/nl/daderaanpak.md:{line:[[ref:kst-28741-106]]}: expected a placeholder like [[ref:kst-28741-106]] (lower case, no spaces, "
        "closed with ]]), found [[ref:]] (an empty argument)",
    ),
    "[[REF:x]]": (
        "docs/nl/daderaanpak.md",
        replace("[[ref:kst-28741-106]]", "[[REF:kst-28741-106]]"),
        2,
        "docs/nl/daderaanpak.md:{line:[[ref:kst-28741-106]]}: expected a placeholder like [[ref:kst-28741-106]] (lower case, no "
        "spaces, closed with ]]), found [[REF:kst-28741-106]] (capital letters)",
    ),
    "[[ ref:x ]]": (
        "docs/nl/daderaanpak.md",
        replace("[[ref:kst-28741-106]]", "[[ ref:kst-28741-106 ]]"),
        2,
        "docs/nl/daderaanpak.md:{line:[[ref:kst-28741-106]]}: expected a placeholder like [[ref:kst-28741-106]] (lower case, no "
        "spaces, closed with ]]), found [[ ref:kst-28741-106 ]] (a space inside)",
    ),
    "unclosed [[ref:": (
        "docs/nl/daderaanpak.md",
        replace("[[ref:kst-28741-106]]", "[[ref:kst-28741-106"),
        2,
        "docs/nl/daderaanpak.md:{line:[[ref:kst-28741-106]]}: expected a placeholder like [[ref:kst-28741-106]] (lower case, no "
        "spaces, closed with ]]), found [[ref:kst-28741-106 (never closed with ]])",
    ),
    "[[terms:x]]": (
        "docs/en/translation-notes.md",
        replace("[[terms]]", "[[terms:all]]"),
        2,
        "docs/en/translation-notes.md:{line:[[terms]]}: expected placeholders that name known data, "
        "found [[terms]] "
        "takes no argument, found 'all'",
    ),
    "unknown key in mkdocs.yml": (
        "mkdocs.yml",
        lambda t: t + "unknown_key: 1\n",
        2,
        "mkdocs.yml:{end}: expected a configuration MkDocs accepts, found Config value "
        "'unknown_key': Unrecognised configuration name: unknown_key",
    ),
}


@contextmanager
def bad_input(project: Path, case: str) -> Iterator[str]:
    """The project with the case's bad input (restored afterwards); yields the line
    the tool must print for it."""
    rel, change, code, expected = INPUTS[case]
    path = project / rel
    before = path.read_bytes()
    try:
        if change is None:
            path.unlink()
        else:
            text = change(before.decode("utf-8"))
            path.write_text(text, encoding="utf-8")
            expected = expected.replace("{end}", str(text.rstrip("\n").count("\n") + 1))
        original = before.decode("utf-8")
        expected = re.sub(r"\{line:(.*?)\}", lambda m: str(original[: original.index(m[1])].count("\n") + 1), expected)
        yield expected.replace("{root}", str(project))
    finally:
        path.write_bytes(before)


# Through the command line, as a process of the copy (its own code reads the copy's
# data wherever the renderers read "the repository's"): one case per stage, the
# sources, MkDocs' build, the configuration read before anything else.
END_TO_END = ("labels: a quote left open", "unknown key in mkdocs.yml", "external-links: malformed YAML")


@pytest.mark.parametrize("case", END_TO_END)
def test_a_bad_input_is_named_by_file_and_line_never_a_traceback(project, case):
    code = INPUTS[case][2]
    with bad_input(project, case) as expected:
        result = run(project, "check", "--quiet", "--skip", "html")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == code, result.stdout + result.stderr
    printed = (result.stdout if code == 2 else result.stderr).splitlines()
    assert any(line.startswith(expected) for line in printed), "\n".join(printed)


SOURCE_CASES = [c for c in INPUTS if c not in END_TO_END]


# The checks of the sources as the command line runs them (the stage every other input
# is found in), for each case in turn, on a Publication of the copy made afresh for each
# case (its data is read from the copy); an exception is the traceback the command
# would show.
@pytest.fixture(scope="module")
def source_stage(project) -> dict:

    out = {}
    for case in SOURCE_CASES:
        with bad_input(project, case) as expected:
            try:
                found = run_source_checks(Publication(project))
                out[case] = {"expected": expected, "printed": [str(f) for f in found if f.severity == "error"]}
            except Exception:
                out[case] = {"expected": expected, "traceback": traceback.format_exc()}
    return out


@pytest.mark.parametrize("case", SOURCE_CASES)
def test_a_bad_input_in_the_sources_is_a_finding_naming_file_and_line(source_stage, case):
    """Every other input is one of the sources: the checks of the sources return its
    finding (the command line prints their errors, exit 2), never an exception."""
    rel, _, code, _ = INPUTS[case]
    assert code == 2 and rel != "mkdocs.yml", "a case of another stage: test it end to end"
    outcome = source_stage[case]
    assert "traceback" not in outcome, outcome.get("traceback")
    assert outcome["printed"], "no error: the command would exit 0"
    assert any(line.startswith(outcome["expected"]) for line in outcome["printed"]), "\n".join(outcome["printed"])


# --- at the level of the functions ---------------------------------------------------------


@pytest.mark.parametrize("body,found", [("key: [1\n", "valid YAML"), ("", "data"), ("just text\n", "a mapping")])
def test_the_central_loader_names_file_and_line(tmp_path, body, found):
    path = tmp_path / "x.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(datafiles.DataFileError) as err:
        datafiles.load(path, {"key": list})
    assert err.value.path == path and err.value.expected == found and err.value.line >= 1


def test_an_unclosed_quote_is_named_where_it_opens(tmp_path):
    path = tmp_path / "f.yml"
    path.write_text('a:\n  b: "open\n  c: 1\n  d: 2\n  e: 3\n', encoding="utf-8")
    with pytest.raises(datafiles.DataFileError) as err:
        datafiles.load(path)
    assert err.value.line == 2


def test_bom_and_crlf_are_accepted_in_data_and_pages(tmp_path, root):

    data = tmp_path / "d.yml"
    data.write_bytes(b"\xef\xbb\xbfkey:\r\n  - 1\r\n")
    assert datafiles.load(data, {"key": list}) == {"key": [1]}
    original = root / "docs" / "en" / "accessibility.md"
    page = tmp_path / "en" / "accessibility.md"
    page.parent.mkdir()
    page.write_bytes(b"\xef\xbb\xbf" + original.read_bytes().replace(b"\n", b"\r\n"))
    clean, bommed = read(original), read(page)
    assert bommed.meta == clean.meta and bommed.meta.get("title")
    assert [(b.kind, b.line, b.text) for b in bommed.blocks] == [(b.kind, b.line, b.text) for b in clean.blocks]


def test_well_formed_placeholders_and_single_footnotes_are_no_finding(root):

    assert markup.run(Publication(root)) == []


def test_link_findings_name_the_markdown_line(site, root):

    lines = (site / "en" / "index.html").read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines, 1) if '<li><a href="daderaanpak/">' in line)
    finding = Finding("site/en/index.html", n, "an anchor #x on daderaanpak/", "none", "links")
    moved = locate(Publication(root), site, finding)
    md = (root / "docs" / "en" / "index.md").read_text(encoding="utf-8").split("\n")
    assert moved.file == "docs/en/index.md" and "(daderaanpak.md)" in md[moved.line - 1]


def test_online_that_could_verify_nothing_is_no_pass(tmp_path):

    with socket.socket() as s:  # a port nothing listens on: as good as no network
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    urls = {f"http://127.0.0.1:{port}/a": [("index.html", 3)], f"http://127.0.0.1:{port}/b": [("index.html", 4)]}
    findings = online.check_urls(urls, online.Options(cache_max_age=0, cache_file=tmp_path / "cache.json"))
    assert [(f.file, f.severity) for f in findings] == [("data/external-links.yml", "error")]
    assert findings[0].found.startswith("none of the 2 could be verified")


def test_a_mistyped_command_is_a_usage_error_exit_3(project):
    result = run(project, "publsh")
    assert result.returncode == 3
    assert result.stderr.splitlines()[-1] == (
        "publish.py: error: argument command: invalid choice: 'publsh' "
        "(choose from 'check', 'publish', 'review', 'checks', 'nu-service')"
    )


def test_a_malformed_source_date_epoch_is_bad_configuration(project):
    result = call(project, "check", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.returncode == 3 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "configuration error: SOURCE_DATE_EPOCH: expected whole seconds since 1970 (like 1700000000), found 'yesterday'"
    )


def test_a_system_error_is_one_plain_line_exit_1(monkeypatch, capsys, tmp_path):

    def full(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "x"))

    monkeypatch.setattr(dist_mod, "snapshot", full)
    code = cli.main(["publish", "--quiet", "--dist", str(tmp_path / "dist"), "--report", str(tmp_path / "r.json")])
    err = capsys.readouterr().err
    assert code == 1 and err == (
        f"publish.py could not write or read a file (No space left on device: {tmp_path}/x); dist/ was not changed\n"
    )


needs_root = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounts a small tmpfs")


@needs_root
@pytest.mark.slow
def test_a_full_disk_is_a_tool_failure_in_one_line(project, tmp_path):
    tiny = tmp_path / "tiny"
    tiny.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(tiny)]).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        result = run(
            project,
            "publish",
            *SKIP_VALIDATORS,
            "--quiet",
            "--allow-uncommitted",
            "--dist",
            str(tiny / "dist"),
            "--report",
            str(tmp_path / "report.json"),
        )
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
        assert (
            result.stderr.strip()
            .splitlines()[-1]
            .startswith("publish.py could not write or read a file (No space left on device")
        )
        assert sorted(p.name for p in tiny.iterdir()) == [], "nothing left behind"
    finally:
        subprocess.run(["umount", str(tiny)])


@needs_root
def test_an_immutable_dist_is_a_tool_failure_in_one_line(tmp_path):

    dist = tmp_path / "dist"
    (dist / "site").mkdir(parents=True)
    (dist / dist_mod.MARKER).write_text("old")
    (dist / "site" / "index.html").write_text("old")
    if subprocess.run(["chattr", "+i", str(dist / "site" / "index.html")], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not possible here")
    try:
        work = dist_mod.work_folder(dist)
        (work / "edition" / "site").mkdir(parents=True)
        (work / "edition" / "site" / "index.html").write_text("new")
        with pytest.raises(
            dist_mod.OldEditionLeft, match="holds the new edition; the previous one could not be removed entirely"
        ):
            dist_mod.swap(work / "edition", dist)
        assert (dist / "site" / "index.html").read_text() == "new"
    finally:
        subprocess.run(["chattr", "-R", "-i", str(tmp_path)], capture_output=True)
