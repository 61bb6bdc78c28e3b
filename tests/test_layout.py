"""The package's floors, one way: model -> render -> outputs -> checks -> options -> cli. Each floor
imports only the floors below it (imports inside functions count too), no two modules
import each other through any path (no circles), and no two modules share a name."""

from __future__ import annotations

import ast

import pytest
from repo import ROOT

PACKAGE = ROOT / "publication"
FLOORS = ("model", "render", "outputs", "checks", "options", "cli")
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


# --- no project state outside a Publication -----------------------------------------------
# What a project holds is read through one object (model/publication.py): a module never
# names a project's folder, and never keeps what it read of one (a second project in the
# same process would get the first one's data).

PROJECT_PARAMETERS = {"project", "pub", "publication", "root", "data", "docs", "config"}
CACHES = {"cache", "lru_cache", "cached_property"}


def code_files():
    return sorted(PACKAGE.rglob("*.py"))


def project_paths(text: str) -> list[str]:
    """Where a module's code names a project's folder: a module-level name holding
    Path(__file__) climbed out of the package, an import of the old path globals, the
    old default project."""
    found = []
    tree = ast.parse(text)
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            value = ast.unparse(node.value)
            if "__file__" in value and value.count(".parent") >= 2:
                found.append(f"{node.lineno}: {value}")
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "publication":
            names = {a.name for a in node.names} & {"ROOT", "DATA", "DOCS", "SOURCE_DIR"}
            if names:
                found.append(f"{node.lineno}: imports {', '.join(sorted(names))}")
        if isinstance(node, ast.Attribute) and node.attr == "default" and getattr(node.value, "id", "") == "Project":
            found.append(f"{node.lineno}: Project.default")
    return found


def project_caches(text: str) -> list[str]:
    """Module-level functions cached by functools that take a project, a publication,
    a data folder or a root."""
    found = []
    for node in ast.parse(text).body:  # a method's cache is its object's
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        decorators = {ast.unparse(d).split("(")[0].split(".")[-1] for d in node.decorator_list}
        params = {a.arg for a in node.args.args + node.args.kwonlyargs}
        if decorators & CACHES and params & PROJECT_PARAMETERS:
            found.append(f"{node.lineno}: {node.name}({', '.join(sorted(params))})")
    return found


def test_no_module_names_a_project_folder():
    """No module-level name holds a path of a project (the checkout's root, data/, docs/
    and the like); the code's own files (a stylesheet beside its module) are no project's."""
    found = [f"{p.relative_to(ROOT)}:{line}" for p in code_files() for line in project_paths(p.read_text("utf-8"))]
    assert found == []


def test_no_module_keeps_what_it_read_of_a_project():
    """What a project holds is kept on its Publication (`Publication.once`), for that
    object's life only; never by a function cached at module level."""
    found = [f"{p.relative_to(ROOT)}:{line}" for p in code_files() for line in project_caches(p.read_text("utf-8"))]
    assert found == []


def test_the_code_reading_finds_each_way_of_keeping_project_state():
    bad = (
        "from pathlib import Path\nfrom functools import cache, lru_cache\nfrom publication import ROOT\n"
        "HOME = Path(__file__).resolve().parent.parent / 'data'\n"
        "@cache\ndef load(data): ...\n@lru_cache(maxsize=8)\ndef labels(lang, project=None): ...\n"
        "@cache\ndef currencies(lang): ...\nx = Project.default()\n"
    )
    assert project_paths(bad) == [
        "4: Path(__file__).resolve().parent.parent / 'data'",
        "3: imports ROOT",
        "11: Project.default",
    ]
    assert project_caches(bad) == ["6: load(data)", "8: labels(lang, project)"]
