"""One consistent, safe edition from any state of the tree (issue 16): an edition is
made from one snapshot of the sources; dist/ is never lost, whatever is killed when;
leftovers of interrupted runs go at the next run; a folder that is not an edition is
never replaced unasked; two publications at once are serialised."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from clitools import SKIP_VALIDATORS, call, tree_digest
from repo import ROOT

from publication.model.project import copy_project
from publication.outputs import dist as dist_mod

OFFLINE_ZIP = "samen-tegen-mensenhandel-offline.zip"


def publish_cmd(project: Path, *args: str) -> list[str]:
    """publish as a process (these tests stop, kill and time it). The standard
    validators read the edition, they do not make it: they are left out here (the
    session's publication runs them, test_validators.py)."""
    return [sys.executable, str(project / "scripts" / "publish.py"), "publish", *SKIP_VALIDATORS, "--quiet", *args]


def debris(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".dist-"))


def wait_for(condition, timeout: float = 240, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if proc is not None and proc.poll() is not None:
            raise AssertionError(
                f"publish ended ({proc.returncode}) before the moment came: {proc.stdout.read() if proc.stdout else ''}"
            )
        time.sleep(0.05)
    raise AssertionError("the moment never came")


def edition_work(project: Path, inside: str):
    return lambda: next((p for p in project.glob(f".dist-new-*/edition/{inside}")), None)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(path).pages)


# --- 1. an edition is one snapshot ------------------------------------------------------


@pytest.fixture(scope="module")
def edited_during_publish(tmp_path_factory):
    """A publication whose sources were edited (27 -> 28 municipalities, in both pages
    and data/figures.yml) while publish was running, after it had taken its snapshot;
    it replaced an edition already in dist/ (a small one, made here)."""
    project = copy_project(tmp_path_factory.mktemp("snapshot") / "project", ROOT)
    make_edition(project / "dist", "an older edition")
    proc = subprocess.Popen(
        publish_cmd(project), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    wait_for(edition_work(project, "site"), proc=proc)  # the build has started, from the snapshot
    for path, old, new in (
        ("docs/nl/daderaanpak.md", "in 27 gemeenten", "in 28 gemeenten"),
        ("docs/en/daderaanpak.md", "in 27 municipalities", "in 28 municipalities"),
        ("data/figures.yml", 'value: 27\n    nl: "27"', 'value: 28\n    nl: "28"'),
    ):
        text = (project / path).read_text(encoding="utf-8")
        assert old in text
        (project / path).write_text(text.replace(old, new), encoding="utf-8")
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out
    return project


def test_an_edit_during_publish_does_not_reach_any_output(edited_during_publish):
    dist = edited_during_publish / "dist"
    texts = {
        "site nl": (dist / "site" / "daderaanpak" / "index.html").read_text(encoding="utf-8"),
        "site en": (dist / "site" / "en" / "daderaanpak" / "index.html").read_text(encoding="utf-8"),
        "TMX": (dist / "samen-tegen-mensenhandel.tmx").read_text(encoding="utf-8"),
        "XLIFF": (dist / "samen-tegen-mensenhandel.xlf").read_text(encoding="utf-8"),
        "PDF nl": pdf_text(dist / "samen-tegen-mensenhandel-nl.pdf"),
        "PDF en": pdf_text(dist / "samen-tegen-mensenhandel-en.pdf"),
    }
    with zipfile.ZipFile(dist / OFFLINE_ZIP) as z:
        texts["zip nl"] = z.read(
            next(n for n in z.namelist() if n.endswith("/daderaanpak.html") and "/en/" not in n)
        ).decode()
        texts["zip en"] = z.read(next(n for n in z.namelist() if n.endswith("/en/daderaanpak.html"))).decode()
    for name, text in texts.items():
        text = " ".join(text.split())
        assert "27 gemeenten" in text or "27 municipalities" in text, name
        assert "28 gemeenten" not in text and "28 municipalities" not in text, name
    assert debris(edited_during_publish) == []
    marker = (dist / dist_mod.MARKER).read_text(encoding="utf-8")
    assert "uncommitted changes: no" in marker and "sources sha256: " in marker


def test_the_new_edition_replaced_the_old_one_whole(edited_during_publish):
    """publish over an edition in dist/: the old one's files are gone, none of the
    work folders is left beside it."""
    dist = edited_during_publish / "dist"
    assert "an older edition" not in (dist / "site" / "index.html").read_text(encoding="utf-8")
    assert "an older edition" not in (dist / dist_mod.MARKER).read_text(encoding="utf-8")
    assert (dist / "samen-tegen-mensenhandel-nl.pdf").is_file()
    assert sorted(p.name for p in edited_during_publish.parent.iterdir()) == ["project"]
    assert debris(edited_during_publish) == []


def test_the_checks_left_out_reach_the_publication_made_in_the_snapshot(edited_during_publish):
    """publish passes --skip on to the run inside its snapshot (which writes the report):
    the validators left out are reported as not chosen, the other output checks ran."""

    report = json.loads((edited_during_publish / "build" / "report.json").read_text(encoding="utf-8"))
    assert report["command"] == "publish" and report["errors"] == 0
    assert {name: report["checks"][name] for name in ("html", "epub", "pdfua")} == {
        name: {"stage": "outputs", "ran": False, "findings": 0, "errors": 0, "reason": "not chosen"}
        for name in ("html", "epub", "pdfua")
    }
    assert report["checks"]["contents"]["ran"] and report["checks"]["history-outputs"]["ran"]
    assert set(report["coverage"]["validators"].values()) >= {"--skip"}


def git_project(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "page.md").write_text("committed\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *cmd], cwd=root, check=True, env=env)
    return root


def test_a_clean_checkout_is_published_from_its_commit(tmp_path):
    root = git_project(tmp_path)
    snap = dist_mod.snapshot(root, tmp_path / "snap")
    assert not snap.draft and snap.commit and len(snap.commit) == 12 and snap.label == snap.commit
    assert (snap.root / "docs" / "page.md").read_text() == "committed\n"


def test_uncommitted_changes_are_refused_or_published_as_a_marked_draft(tmp_path):
    root = git_project(tmp_path)
    (root / "docs" / "page.md").write_text("edited\n", encoding="utf-8")
    (root / "docs" / "new.md").write_text("new\n", encoding="utf-8")
    with pytest.raises(dist_mod.UncommittedChanges) as err:
        dist_mod.snapshot(root, tmp_path / "refused")
    assert "docs/page.md" in str(err.value) and "docs/new.md" in str(err.value)
    snap = dist_mod.snapshot(root, tmp_path / "draft", allow_uncommitted=True)
    assert snap.draft and (snap.root / "docs" / "page.md").read_text() == "edited\n"
    assert (snap.root / "docs" / "new.md").is_file()
    assert snap.label == f"{snap.commit} + uncommitted changes (sources sha256 {snap.digest[:16]})"
    assert snap.digest == dist_mod.sources_digest(snap.root)


def test_publish_refuses_uncommitted_changes_with_a_plain_message(tmp_path):
    project = copy_project(tmp_path / "project", ROOT)
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *cmd], cwd=project, check=True, env=env, capture_output=True)
    (project / "data" / "figures.yml").write_text((project / "data" / "figures.yml").read_text() + "\n")
    result = call(project, "publish", "--quiet")
    assert result.returncode == 3
    assert "uncommitted changes (data/figures.yml)" in result.stderr and "--allow-uncommitted" in result.stderr
    assert not (project / "dist").exists() and debris(project) == []


# --- 3. no folder is ever lost ------------------------------------------------------------


@pytest.fixture(scope="module")
def published(edited_during_publish):
    """The project of the snapshot test, its sources as they were again, with dist/."""
    project = edited_during_publish
    for path, old, new in (
        ("docs/nl/daderaanpak.md", "in 28 gemeenten", "in 27 gemeenten"),
        ("docs/en/daderaanpak.md", "in 28 municipalities", "in 27 municipalities"),
        ("data/figures.yml", 'value: 28\n    nl: "28"', 'value: 27\n    nl: "27"'),
    ):
        text = (project / path).read_text(encoding="utf-8")
        (project / path).write_text(text.replace(old, new), encoding="utf-8")
    return project


def test_dist_into_a_folder_with_other_files_leaves_them_untouched(published, tmp_path):
    folder = tmp_path / "mine"
    (folder / "photos").mkdir(parents=True)
    (folder / "notes.txt").write_text("mine\n")
    (folder / "photos" / "a.jpg").write_bytes(b"\xff\xd8")
    before = tree_digest(folder)
    result = call(published, "publish", "--quiet", "--dist", str(folder))
    assert result.returncode == 3
    assert f"configuration error: {folder} holds files that are not a previous edition" in result.stderr
    assert "--replace-folder" in result.stderr
    assert tree_digest(folder) == before and sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_a_file_as_dist_is_refused(tmp_path):
    (tmp_path / "dist").write_text("x")
    with pytest.raises(dist_mod.DistError, match="is not a folder"):
        dist_mod.check_target(tmp_path / "dist")


@pytest.mark.parametrize(
    "names,edition",
    [
        ({"EDITION", "site"}, True),
        ({"site", "SHA256SUMS", "nginx"}, True),
        ({"site", "mine.txt"}, False),
        (set(), True),
    ],
)
def test_only_an_edition_or_an_empty_folder_is_replaced(tmp_path, names, edition):
    folder = tmp_path / "dist"
    folder.mkdir()
    for name in names:
        (folder / name).mkdir() if name in ("site", "nginx") else (folder / name).write_text("x")
    if edition:
        dist_mod.check_target(folder)
    else:
        with pytest.raises(dist_mod.DistError):
            dist_mod.check_target(folder)
        dist_mod.check_target(folder, replace_any=True)


def test_two_publications_at_once_are_serialised_with_a_clear_message(published):
    dist = published / "dist"
    with dist_mod.locked(dist):
        result = subprocess.run(publish_cmd(published), cwd=published, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"another publication into {published} is running; wait for it to end, then try again (nothing was changed)"
    )


SWAP_SCRIPT = """
import os, signal, sys
from pathlib import Path
from publication.outputs import dist
moment, exchange = sys.argv[1], sys.argv[2] == "1"
def kill(name):
    if name == moment:
        os.kill(os.getpid(), signal.SIGKILL)
work = Path(sys.argv[3])
dist.swap(work / "edition", Path(sys.argv[4]), moment=kill, exchange=exchange)
"""


def make_edition(folder: Path, text: str) -> None:
    (folder / "site").mkdir(parents=True)
    (folder / "site" / "index.html").write_text(text)
    (folder / dist_mod.MARKER).write_text(text)


@pytest.mark.parametrize(
    "moment,exchange",
    [
        ("before", True),
        ("exchanged", True),
        ("after", True),
        ("before", False),
        ("between-renames", False),
        ("renamed", False),
        ("after", False),
    ],
)
def test_a_kill_at_any_moment_of_the_swap_leaves_a_complete_edition(tmp_path, moment, exchange):
    dist = tmp_path / "dist"
    make_edition(dist, "old")
    work = dist_mod.work_folder(dist)
    make_edition(work / "edition", "new")
    result = subprocess.run(
        [sys.executable, "-c", SWAP_SCRIPT, moment, "1" if exchange else "0", str(work), str(dist)],
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    if exchange or moment != "between-renames":
        # at the instant of the kill, dist/ is one whole edition
        assert (dist / "site" / "index.html").read_text() in ("old", "new")
    with dist_mod.locked(dist):  # the next run
        dist_mod.clean_leftovers(dist)
    assert (dist / "site" / "index.html").read_text() == (dist / dist_mod.MARKER).read_text()
    assert (dist / "site" / "index.html").read_text() in ("old", "new")
    assert debris(tmp_path) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


def test_an_old_edition_that_cannot_be_removed_is_said_truly(tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    make_edition(dist, "old")
    work = dist_mod.work_folder(dist)
    make_edition(work / "edition", "new")

    def fail(path, *a, **k):
        raise PermissionError(1, "Operation not permitted", str(path / "site" / "index.html"))

    monkeypatch.setattr(dist_mod.shutil, "rmtree", fail)
    with pytest.raises(dist_mod.OldEditionLeft, match=f"{dist} holds the new edition; the previous one could not"):
        dist_mod.swap(work / "edition", dist)
    assert (dist / "site" / "index.html").read_text() == "new"


@pytest.mark.parametrize("inside", ["site", "samen-tegen-mensenhandel-nl.pdf"])
def test_sigkill_during_publish_leaves_the_edition_and_the_next_run_no_debris(published, inside):
    dist = published / "dist"
    before = tree_digest(dist)
    proc = subprocess.Popen(
        publish_cmd(published), cwd=published, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    wait_for(edition_work(published, inside), proc=proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    time.sleep(1)
    assert tree_digest(dist) == before
    assert debris(published) != [], "a killed run leaves its work folder (until the next run)"


def test_the_next_run_cleans_what_killed_runs_left(published):
    """Whatever the next run comes to: this one finds a defect in the sources and stops
    there (a whole publication after an edit is the snapshot test's), having removed
    the killed runs' work folders first; the edition in dist/ is left as it was."""
    dist = published / "dist"
    before = tree_digest(dist)
    page = published / "docs" / "en" / "daderaanpak.md"
    text = page.read_text(encoding="utf-8")
    assert "in 27 municipalities" in text
    page.write_text(text.replace("in 27 municipalities", "in 29 municipalities"), encoding="utf-8")
    try:
        result = subprocess.run(
            [*publish_cmd(published)[:-1]], cwd=published, capture_output=True, text=True, timeout=600
        )
    finally:
        page.write_text(text, encoding="utf-8")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "docs/en/daderaanpak.md" in result.stdout and "29" in result.stdout
    assert "removed (left by an interrupted run)" in result.stderr
    assert debris(published) == [] and tree_digest(dist) == before


def ctrl_c_able() -> None:
    """For Popen: Ctrl-C as in a terminal (a process started from a script or a test
    may inherit SIGINT as ignored), in a session of its own, so that a signal sent to
    make reaches make alone, never its children (issue 27)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.setsid()


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGHUP], ids=["SIGKILL", "SIGINT", "SIGHUP"])
def test_killing_make_publish_stops_the_publication(published, tmp_path, sig):
    """make killed, or stopped by Ctrl-C (SIGINT) or a closed terminal (SIGHUP) sent to
    make alone: GNU make then waits for its child, the publication notices, stops, and
    dist/ stays as it was."""

    shutil.copy2(Path(__file__).parent.parent / "Makefile", published / "Makefile")
    dist = published / "dist"
    before = tree_digest(dist)
    make = subprocess.Popen(
        [
            "make",
            "--no-print-directory",
            "publish",
            f"BIN={Path(sys.executable).parent}",
            "STAMP=",
            "PUBLISH_FLAGS=--quiet",
        ],
        cwd=published,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=ctrl_c_able,
    )
    wait_for(edition_work(published, "site"), proc=make)
    make.send_signal(sig)
    out, _ = make.communicate(timeout=60)
    assert make.returncode == -sig, out
    # the publication make started notices, stops and removes its work folder
    wait_for(lambda: debris(published) == [], timeout=60)
    time.sleep(3)
    assert tree_digest(dist) == before and debris(published) == []
    if sig != signal.SIGKILL:  # make waited for it: it said so before make ended
        assert "interrupted (SIGTERM); dist/ was not changed" in out
