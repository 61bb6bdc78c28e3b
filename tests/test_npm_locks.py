"""Both npm trees (axe-core for the tests, Lighthouse for the benchmark) install with
`npm ci` whatever the registry publishes later: a package that asks for a dist-tag
(`latest`) of another would make npm compare the lock with the registry's tag and refuse
it once the tag moves, so every such dependency is pinned by `overrides` in
package.json to exactly the version the lock holds."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from repo import ROOT

TREES = ["", "benchmarks"]


def tagged_dependencies(lock: dict) -> dict[str, set[str]]:
    """{package name: {the tags asked for}} of every dependency asked for by tag."""
    found: dict[str, set[str]] = {}
    for pkg in lock["packages"].values():
        for kind in ("dependencies", "optionalDependencies", "peerDependencies", "devDependencies"):
            for name, spec in (pkg.get(kind) or {}).items():
                if re.fullmatch(r"[A-Za-z][\w.-]*", spec):  # a tag, not a version range
                    found.setdefault(name, set()).add(spec)
    return found


def locked_versions(lock: dict, name: str) -> set[str]:
    return {pkg["version"] for path, pkg in lock["packages"].items() if path.endswith(f"node_modules/{name}")}


@pytest.mark.parametrize("tree", TREES)
def test_every_dependency_asked_for_by_tag_is_pinned_to_the_locked_version(tree):
    folder = ROOT / tree
    lock = json.loads((folder / "package-lock.json").read_text(encoding="utf-8"))
    overrides = json.loads((folder / "package.json").read_text(encoding="utf-8")).get("overrides", {})
    assert lock["lockfileVersion"] == 3
    for name in tagged_dependencies(lock):
        assert name in overrides, f"{tree or '.'}/package.json: {name} is asked for by tag; pin it in overrides"
        assert locked_versions(lock, name) == {overrides[name]}


def test_the_check_sees_a_tag(tmp_path: Path):
    lock = {
        "lockfileVersion": 3,
        "packages": {"": {}, "node_modules/a": {"version": "1.0.0", "dependencies": {"b": "latest", "c": "^1.2"}}},
    }
    assert tagged_dependencies(lock) == {"b": {"latest"}}
