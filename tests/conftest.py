from __future__ import annotations

from pathlib import Path

import pytest

from publication import ROOT
from publication.build import mkdocs_build
from publication.project import copy_project


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


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file; the test fails if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
