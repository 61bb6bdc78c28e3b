"""One way to read a data file: YAML, checked against the shape its loader expects, with
every problem named by file and line (never a traceback, never the page that happened
to read it). A UTF-8 byte order mark and CRLF line endings are accepted and stripped.

    load(path)                  the data, or DataFileError(file, line, expected, found)
    load(path, SHAPES["figures.yml"])   and checked: types, required keys

A shape is a type (str, int, dict, list, or a tuple of them), a dict of keys to shapes
(a key ending in "?" is optional; the key `str` stands for any key), or a one-item list
(every item has that shape). `checks/__init__.py` turns a DataFileError into a finding.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from pathlib import Path
from typing import Any

import yaml


class DataFileError(Exception):
    """A data file that cannot be used, at `line` (1-based; 0: the whole file). Not a
    ValueError on purpose: no caller mistakes it for a problem of the page reading it."""

    def __init__(self, path: Path, line: int, expected: str, found: str):
        super().__init__(f"{path}:{line}: expected {expected}, found {found}")
        self.path, self.line, self.expected, self.found = Path(path), line, expected, found


def read_text(path: Path) -> str:
    """A text file as UTF-8, without a byte order mark, with \\n line ends."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataFileError(path, 0, "the file", "no such file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataFileError(
            path, raw[: err.start].count(b"\n") + 1, "UTF-8 text", f"a byte that is not UTF-8 (byte {err.start})"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _node_line(node) -> int:
    return node.start_mark.line + 1 if node is not None else 0


TYPE_NAMES = {
    dict: "a mapping",
    list: "a list",
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "yes/no",
    dt.date: "a date",
    type(None): "nothing",
}


def _name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(TYPE_NAMES.get(k, k.__name__) for k in kinds)


def _check(value, node, shape, path: Path, where: str) -> None:
    label = f"'{where}' as " if where else ""
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise DataFileError(path, _node_line(node), f"{label}a mapping", _describe(value))
        children = {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}
        for key, sub in shape.items():
            if key is str:
                for k, v in value.items():
                    _check(v, children.get(str(k), children.get(k)), sub, path, f"{where}.{k}" if where else str(k))
                continue
            optional = key.endswith("?")
            name = key.rstrip("?")
            if name not in value:
                if not optional:
                    inside = f" in '{where}'" if where else ""
                    raise DataFileError(path, _node_line(node), f"the key '{name}'{inside}", "none")
                continue
            _check(value[name], children.get(name), sub, path, f"{where}.{name}" if where else name)
        return
    if isinstance(shape, list):
        if not isinstance(value, list):
            raise DataFileError(path, _node_line(node), f"{label}a list", _describe(value))
        items = node.value if isinstance(node, yaml.SequenceNode) else [None] * len(value)
        for i, (item, item_node) in enumerate(zip(value, items, strict=False)):
            _check(item, item_node, shape[0], path, f"{where}[{i + 1}]")
        return
    kinds = shape if isinstance(shape, tuple) else (shape,)
    if not isinstance(value, shape) or (isinstance(value, bool) and bool not in kinds):
        raise DataFileError(path, _node_line(node), f"{label}{_name(shape)}", _describe(value))


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (dict, list)):
        return TYPE_NAMES[type(value)]
    return f"{TYPE_NAMES.get(type(value), type(value).__name__)} ({str(value)[:40]!r})"


def yaml_error(text: str, err: yaml.YAMLError) -> tuple[int, str]:
    """(line, problem) of a YAML error, at the line an editor must look at: where an
    unclosed quote or bracket opened, not where the parser gave up."""
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    problem = problem.removeprefix("found ")  # the finding says "found" itself
    context, context_mark = getattr(err, "context", None), getattr(err, "context_mark", None)
    if context_mark is not None and context and ("quoted scalar" in context or "stream end" in problem):
        return context_mark.line + 1, f"{problem} ({context}, opened here)"
    # A quote left open runs on to the next quote, lines further: the last quoted text
    # before the error that spans lines is where it opened.
    opened = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                opened = token
    except yaml.YAMLError:
        pass
    if opened is not None and mark is not None and opened.end_mark.line <= mark.line:
        return opened.start_mark.line + 1, (
            f"a quote opened here is closed only at line {opened.end_mark.line + 1} ({problem})"
        )
    return (mark.line + 1 if mark else 0), problem


KEY_LINE_RE = re.compile(r"^\s*-?\s*[\w-]+:(\s|$)")


def _quoted_scalars(node):
    """Every quoted scalar of a composed document, keys included, in document order."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            if node.style in ('"', "'"):
                yield node
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))


def _runaway_quote(text: str, node) -> tuple[int, str, str] | None:
    """A quote left open that the next quote closes, lines further, swallowing keys on
    the way: valid YAML, but not what anyone wrote."""
    if node is None:
        return None
    lines = text.split("\n")
    for scalar in _quoted_scalars(node):
        if scalar.end_mark.line > scalar.start_mark.line:
            inner = lines[scalar.start_mark.line + 1 : scalar.end_mark.line + 1]
            swallowed = next((line.strip() for line in inner if KEY_LINE_RE.match(line)), None)
            if swallowed:
                return (
                    scalar.start_mark.line + 1,
                    "valid YAML",
                    f"a quote opened here is closed only at line {scalar.end_mark.line + 1}, "
                    f"taking in '{swallowed[:40]}'",
                )
    return None


# libyaml's parser where PyYAML has it (several times faster; the checks read hundreds
# of data files a run); the pure-Python one for the messages of a file that is not YAML,
# whose words and lines `yaml_error` is written for.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str):
    """YAML text's data (safe), with the fast parser where it agrees with PyYAML's own."""
    return _read(text, yaml.load, _FAST_LOADER, yaml.SafeLoader)


class _ConfigLoader(_FAST_LOADER):
    """mkdocs.yml as plain data: its own tags (!ENV, !relative) read as nothing."""


class _PlainConfigLoader(yaml.SafeLoader):
    """The same with the pure-Python parser, for its error messages."""


for _loader in (_ConfigLoader, _PlainConfigLoader):
    _loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _read(text: str, read, fast, plain):
    """`read(text, Loader=...)` with the fast loader class, or with the plain
    (pure-Python) one where only it may read the text, and again with the plain one when
    the text is not YAML: its error is the one raised, with the words and lines the
    messages are written for. libyaml accepts a tab after a value or before a comment,
    which PyYAML's own parser (and so MkDocs, and anyone's yaml.safe_load) refuses: a
    text with a tab is read by the plain parser alone, so such a file stays an error."""
    if "\t" in text:
        return read(text, Loader=plain)
    try:
        return read(text, Loader=fast)
    except yaml.YAMLError:
        return read(text, Loader=plain)


def parse_config(text: str):
    """MkDocs' configuration as plain data (its tags read as None), accepted exactly when
    MkDocs' own parser accepts it; a text that is not YAML raises the pure-Python
    parser's error (its message quotes the line)."""
    return _read(text, yaml.load, _ConfigLoader, _PlainConfigLoader)


def _compose(text: str, Loader):
    """(the document's node, its data) in one parse."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def load(path: Path, shape: Any = None, allow_empty: bool = False) -> Any:
    """The data of a YAML file; with `shape`, checked against it (see the module). An
    empty file is a problem unless `allow_empty` (then its data is {})."""
    path = Path(path)
    text = read_text(path)
    try:
        node, data = _read(text, _compose, _FAST_LOADER, yaml.SafeLoader)
    except yaml.YAMLError as err:
        line, problem = yaml_error(text, err)
        raise DataFileError(path, line, "valid YAML", problem) from None
    runaway = _runaway_quote(text, node)
    if runaway:
        raise DataFileError(path, *runaway)
    if data is None:
        if allow_empty:
            return {}
        if shape is not None:
            raise DataFileError(path, 1, "data", "an empty file")
    if shape is not None:
        _check(data, node, shape, path, "")
    return data


def where(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# The shapes of the publication's data files (what their loaders read).
TEXT_BY_LANGUAGE = {str: str}
SHAPES = {
    "figures.yml": {
        "figures": {
            str: {"kind": str, "value": (int, float, list), "nl": (str, int, float), "meaning": TEXT_BY_LANGUAGE}
        },
        "relations?": list,
    },
    "references.yml": {"document": str, "references": {str: dict}, "footnotes?": {str: {str: str}}},
    "terms.yml": {
        "terms": [{"status": str, "abbr?": str, "nl?": str, "en?": str, "why?": TEXT_BY_LANGUAGE, "source?": str}]
    },
    "translation-qa.yml": {
        "classes": {str: {"nl": list, "en": list, "except?": {str: list}}},
        "seasons": {str: {str: list}},
        "toolkit_checks": [str],
        "outlook?": {"concepts": [str], "undated_due_months": int},
    },
    "external-links.yml": {"allowed_hosts": {str: str}},
    "alignment": {"segments?": [{"id": str, "nl?": int, "en?": int, "from?": (str, int)}]},
    "labels": {str: (str, dict, list)},
}


def write_text(path: Path, text: str) -> None:
    """Write `path` whole or not at all: into a temporary file beside it, named for this
    process and thread (two runs at once, a check beside the tests, never write into
    each other's), then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
