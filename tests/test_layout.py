"""The package's floors: the content model imports nothing above it, and rendering
imports only the model (the MkDocs hooks, which run the build, are the one place that
calls the outputs: the theme patches and the citation files)."""

from __future__ import annotations

import ast

import pytest

from publication import ROOT

PACKAGE = ROOT / "publication"
ALLOWED = {
    "model": {"model"},
    "render": {"model", "render"},
}
GLUE = {"render/hooks.py": {"outputs"}}


def imported_floors(path) -> set[str]:
    floors = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "publication" and len(parts) > 1 and (PACKAGE / parts[1]).is_dir():
                floors.add(parts[1])
    return floors


@pytest.mark.parametrize("floor", sorted(ALLOWED))
def test_each_floor_imports_only_the_floors_below_it(floor):
    wrong = {}
    for path in sorted((PACKAGE / floor).glob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        extra = imported_floors(path) - ALLOWED[floor] - GLUE.get(rel, set())
        if extra:
            wrong[rel] = sorted(extra)
    assert wrong == {}


def test_no_two_modules_share_a_name():
    names = [p.stem for p in PACKAGE.rglob("*.py") if p.stem != "__init__"]
    assert sorted({n for n in names if names.count(n) > 1}) == []
