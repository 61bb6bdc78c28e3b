"""The package's floors, one way: model -> render -> outputs -> checks -> cli. Each floor
imports only the floors below it (imports inside functions count too), no two modules
import each other through any path (no circles), and no two modules share a name."""

from __future__ import annotations

import ast

import pytest
from repo import ROOT

PACKAGE = ROOT / "publication"
FLOORS = ("model", "render", "outputs", "checks", "cli")
ALLOWED = {floor: set(FLOORS[: i + 1]) for i, floor in enumerate(FLOORS)}


def module_name(path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path) -> set[str]:
    """The publication's modules a file imports (wherever the import stands)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from publication.checks import links` imports the module links (a name
            # that is not a module counts as the module it comes from).
            names = [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            if name.split(".")[0] == "publication":
                out.add(name)
    return out


def floor_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in FLOORS else None


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (an imported name that is not a module
    counts as its module)."""
    edges = {}
    for name, path in MODULES.items():
        targets = set()
        for imported in imports_of(path):
            while imported and imported not in MODULES:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and imported != "publication":
                targets.add(imported)
        edges[name] = targets
    return edges


@pytest.mark.parametrize("floor", FLOORS)
def test_each_floor_imports_only_the_floors_below_it(floor):
    wrong = {}
    for name, path in MODULES.items():
        if floor_of(name) != floor:
            continue
        extra = {floor_of(m) for m in imports_of(path)} - {None} - ALLOWED[floor]
        if extra:
            wrong[name] = sorted(extra)
    assert wrong == {}


def circles(edges: dict[str, set[str]]) -> list[str]:
    """Every import path that leads from a module back to itself."""
    found = []

    def visit(start, node, path):
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                found.append(" -> ".join(path + [nxt]))
            elif nxt not in path and len(path) < 12:
                visit(start, nxt, path + [nxt])

    for name in sorted(edges):
        visit(name, name, [name])
    return found


def test_no_module_imports_itself_through_others():
    assert circles(graph()) == []


def test_a_circle_through_a_third_module_is_found():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(edges) == ["a -> b -> c -> a", "b -> c -> a -> b", "c -> a -> b -> c"]


def test_no_two_modules_share_a_name():
    names = [p.stem for p in PACKAGE.rglob("*.py") if p.stem != "__init__"]
    assert sorted({n for n in names if names.count(n) > 1}) == []
