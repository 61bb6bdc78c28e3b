"""`check` starts its build before the rest of the tool is read (options.begin): only for
`check` and the run inside `publish`'s snapshot, silently nothing for a command line that
does not read (the command then says what is wrong), and a build that is not taken over
is stopped with its folder removed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from repo import ROOT

from publication import options


@pytest.mark.parametrize(
    "argv",
    [
        ["review", "daderaanpak", "s-1"],
        ["checks"],
        ["nu-service"],
        ["check", "extra"],
        ["check", "--no-such-option"],
        ["publish", "--quiet"],
        ["--help"],
    ],
)
def test_begin_starts_nothing_for_any_other_command_line(argv, capsys):
    assert options.begin(argv, ROOT) is None
    assert capsys.readouterr() == ("", "")  # `cli.main` reads it again and says what is wrong


def test_begin_starts_the_build_of_check_and_stop_ends_it_and_removes_its_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(options.tempfile, "tempdir", None)  # read TMPDIR again
    early = options.begin(["check", "--quiet"], ROOT)
    try:
        assert early is not None and early.temporary
        assert early.work.parent == tmp_path and early.build.poll() is None
        assert early.build.args[-1] == str(early.work / "site")
    finally:
        early.stop()
    assert early.build.returncode is not None and not early.work.exists()


def test_a_check_refused_after_its_build_began_leaves_no_build_folder(tmp_path):
    """`check --only NAME` of no check is refused (exit 3) once the build has begun: that
    build is stopped and its folder removed."""
    argv = ["check", "--only", "nothing-of-that-name"]
    began = options.begin(argv, ROOT)
    assert began is not None  # the name is read only after the build began
    began.stop()
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "publish.py"), *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        timeout=120,
    )
    assert result.returncode == 3 and "no check named 'nothing-of-that-name'" in result.stderr
    assert list(tmp_path.glob("publication-check-*")) == []  # (a cache the build began may stay)
