from __future__ import annotations

from pathlib import Path

import pytest

from publication import ROOT
from publication.build import mkdocs_build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One strict build of the real publication, shared by the tests that read HTML."""
    out = tmp_path_factory.mktemp("site")
    findings = mkdocs_build(out)
    assert findings == [], "\n".join(map(str, findings))
    return out


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "source", "includes", "overrides", "publication", "scripts")


def copy_project(dest: Path) -> Path:
    """A full copy of the publication (code included, so its ROOT is the copy)."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file; the test fails if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
