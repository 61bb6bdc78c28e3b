"""Ready to move: ProperDocs, the continuation of MkDocs 1.x by its original maintainers,
builds the site from the same mkdocs.yml, byte for byte as MkDocs does. It is installed
beside MkDocs in the same environment (Material and mkdocs-static-i18n depend on the
`mkdocs` package, so a second environment would hold it too); when `properdocs` runs,
it answers every `mkdocs.*` import itself. MkDocs stays the default."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from clitools import tree_files


@pytest.mark.slow
def test_properdocs_builds_the_same_site_byte_for_byte(site, root, tmp_path):
    out = tmp_path / "properdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "--clean", "--quiet", "--site-dir", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    mkdocs, properdocs = tree_files(site), tree_files(out)
    assert sorted(properdocs) == sorted(mkdocs)
    assert [name for name in mkdocs if mkdocs[name] != properdocs[name]] == []


def test_properdocs_is_itself_and_finds_the_plugin(root):
    """It is ProperDocs that runs (not MkDocs under another name), and it finds the
    publication's plugin through the same entry point."""
    code = (
        "import properdocs.__main__, sys; from properdocs.plugins import get_plugins; "
        "print(sys.modules['mkdocs'] is sys.modules['properdocs'], 'publication' in get_plugins())"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True)
    assert result.stdout.split() == ["True", "True"], result.stderr
