"""One consistent, safe edition from any state of the tree (issue 16): an edition is
made from one snapshot of the sources; dist/ is never lost, whatever is killed when;
leftovers of interrupted runs go at the next run; a folder that is not an edition is
never replaced unasked; two publications at once are serialised."""

from __future__ import annotations

import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from publication.model.project import copy_project
from publication.outputs import dist as dist_mod

OFFLINE_ZIP = "samen-tegen-mensenhandel-offline.zip"


def publish_cmd(project: Path, *args: str) -> list[str]:
    return [sys.executable, str(project / "scripts" / "publish.py"), "publish", "--quiet", *args]


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        h.update(p.relative_to(folder).as_posix().encode())
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()


def debris(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".dist-"))


def wait_for(condition, timeout: float = 240, proc: subprocess.Popen | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"publish ended ({proc.returncode}) before the moment came: "
                                 f"{proc.stdout.read() if proc.stdout else ''}")
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
    and data/figures.yml) while publish was running, after it had taken its snapshot."""
    project = copy_project(tmp_path_factory.mktemp("snapshot") / "project")
    proc = subprocess.Popen(publish_cmd(project), cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    wait_for(edition_work(project, "site"), proc=proc)  # the build has started, from the snapshot
    for path, old, new in (("docs/nl/daderaanpak.md", "in 27 gemeenten", "in 28 gemeenten"),
                           ("docs/en/daderaanpak.md", "the 27 municipalities", "the 28 municipalities"),
                           ("data/figures.yml", 'value: 27\n    nl: "27"', 'value: 28\n    nl: "28"')):
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
        texts["zip nl"] = z.read(next(n for n in z.namelist() if n.endswith("/daderaanpak.html")
                                      and "/en/" not in n)).decode()
        texts["zip en"] = z.read(next(n for n in z.namelist() if n.endswith("/en/daderaanpak.html"))).decode()
    for name, text in texts.items():
        text = " ".join(text.split())
        assert ("27 gemeenten" in text or "27 municipalities" in text), name
        assert "28 gemeenten" not in text and "28 municipalities" not in text, name
    assert debris(edited_during_publish) == []
    marker = (dist / dist_mod.MARKER).read_text(encoding="utf-8")
    assert "uncommitted changes: no" in marker and "sources sha256: " in marker


def git_project(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "page.md").write_text("committed\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
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
    project = copy_project(tmp_path / "project")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for cmd in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "first"]):
        subprocess.run(["git", *cmd], cwd=project, check=True, env=env, capture_output=True)
    (project / "data" / "figures.yml").write_text((project / "data" / "figures.yml").read_text() + "\n")
    result = subprocess.run(publish_cmd(project), cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 3
    assert "uncommitted changes (data/figures.yml)" in result.stderr and "--allow-uncommitted" in result.stderr
    assert not (project / "dist").exists() and debris(project) == []
