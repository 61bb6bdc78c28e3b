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
