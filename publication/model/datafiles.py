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
    if isinstance(err, PolicyError):  # valid YAML beyond the policy's limits: its own line
        return (mark.line + 1 if mark else 0), problem
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


class PolicyError(yaml.MarkedYAMLError):
    """YAML that breaks the policy's limits (model/policy.py): more aliases than the
    budget, a document that expands past YAML_NODES nodes, a key given twice. A
    YAMLError, so every reader of YAML reports it as it reports a syntax error, at its
    line; `expected` says what the policy asks."""

    def __init__(self, expected: str, problem: str, mark, context_mark=None):
        super().__init__(problem=problem, problem_mark=mark, context_mark=context_mark)
        self.expected = expected


def _key_name(node) -> str:
    return str(node.value)[:40] if isinstance(node, yaml.ScalarNode) else "a composite key"


class _Limits:
    """The policy's limits on a composed document, checked before anything is
    constructed: composing is linear in the text even for an alias bomb (an alias is the
    anchored node itself, shared), and so is this walk, which visits each node once."""

    kind = "data"  # policy.YAML_ALIASES: "data" or "config"

    def __init__(self, stream):
        self._policy_text = stream if isinstance(stream, str) else None  # to name an alias's line
        super().__init__(stream)

    def _alias_at(self, number: int, fallback) -> tuple:
        """(mark, name) of the `number`-th alias of the text (its events, in order)."""
        if self._policy_text is not None:
            seen = 0
            for event in yaml.parse(self._policy_text, Loader=yaml.SafeLoader):
                if isinstance(event, yaml.AliasEvent):
                    seen += 1
                    if seen == number:
                        return event.start_mark, f"*{event.anchor}"
        return fallback.start_mark, f"of the anchor at line {fallback.start_mark.line + 1}"

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            self._check_limits(node)
        return node

    def _check_limits(self, root) -> None:
        from publication.model import policy

        budget = policy.YAML_ALIASES[self.kind]
        seen: set[int] = set()
        aliases = 0
        stack = [(root, 1)]
        order = []  # nodes in the order first seen, for the expanded size
        while stack:
            node, depth = stack.pop()
            if depth > policy.YAML_DEPTH:
                raise PolicyError(
                    f"values nested at most {policy.YAML_DEPTH} deep (model/policy.py)",
                    "values nested deeper",
                    node.start_mark,
                )
            order.append(node)
            if isinstance(node, yaml.MappingNode):
                self._unique_keys(node)
                children = [item for pair in node.value for item in pair]
            elif isinstance(node, yaml.SequenceNode):
                children = list(node.value)
            else:
                children = []
            for child in children:
                if id(child) in seen:
                    aliases += 1
                    if aliases > budget:
                        allowed = "no YAML aliases" if budget == 0 else f"at most {budget} YAML aliases"
                        where, name = self._alias_at(budget + 1, child)
                        raise PolicyError(f"{allowed} (model/policy.py)", f"an alias {name}", where)
                    continue
                seen.add(id(child))
                stack.append((child, depth + 1))
        if aliases:  # the size with every alias expanded, each node counted once per use
            size: dict[int, int] = {}
            for node in reversed(order):
                if isinstance(node, yaml.MappingNode):
                    inner = [item for pair in node.value for item in pair]
                elif isinstance(node, yaml.SequenceNode):
                    inner = node.value
                else:
                    inner = []
                size[id(node)] = 1 + sum(size.get(id(child), 1) for child in inner)
                if size[id(node)] > policy.YAML_NODES:
                    raise PolicyError(
                        f"a document of at most {policy.YAML_NODES} values with its aliases expanded",
                        "an alias bomb (its aliases multiply the document past that)",
                        node.start_mark,
                    )

    def _unique_keys(self, node) -> None:
        first: dict = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            try:
                key = self.construct_object(key_node)
                hash(key)
            except (yaml.YAMLError, TypeError):
                key = (key_node.tag, key_node.value)
            if key in first:
                raise PolicyError(
                    "each key once in a mapping (YAML keeps only the later value)",
                    f"a second key '{_key_name(key_node)}' (the first is at line {first[key].start_mark.line + 1})",
                    key_node.start_mark,
                    first[key].start_mark,
                )
            first[key] = key_node


# libyaml's parser where PyYAML has it (several times faster; the checks read hundreds
# of data files a run); the pure-Python one for the messages of a file that is not YAML,
# whose words and lines `yaml_error` is written for. Both with the policy's limits.
class _FastLoader(_Limits, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe YAML with the policy's limits for data files, libyaml's parser."""


class SafeLoader(_Limits, yaml.SafeLoader):
    """Safe YAML with the policy's limits for data files, PyYAML's own parser."""


_FAST_LOADER = _FastLoader


def parse(text: str):
    """YAML text's data (safe, within the policy's limits), with the fast parser where
    it agrees with PyYAML's own."""
    return _read(text, yaml.load, _FAST_LOADER, SafeLoader)


class _ConfigLoader(_Limits, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """mkdocs.yml as plain data: its own tags (!ENV, !relative) read as nothing."""

    kind = "config"


class _PlainConfigLoader(_Limits, yaml.SafeLoader):
    """The same with the pure-Python parser, for its error messages."""

    kind = "config"


class ConfigSafeLoader(_Limits, yaml.SafeLoader):
    """The loader MkDocs is given for mkdocs.yml wherever the project starts it
    (outputs/mkdocs_run.py): safe (no `!!python/` tag runs), within the policy's limits;
    MkDocs adds its own tags (!ENV, !relative) to a subclass."""

    kind = "config"


for _loader in (_ConfigLoader, _PlainConfigLoader):
    _loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _read(text: str, read, fast, plain):
    """`read(text, Loader=...)` with the fast loader class, or with the plain
    (pure-Python) one where only it may read the text, and again with the plain one when
    the text is not YAML: its error is the one raised, with the words and lines the
    messages are written for. libyaml accepts a tab after a value or before a comment,
    which PyYAML's own parser (and so MkDocs, and anyone's yaml.safe_load) refuses: a
    text with a tab is read by the plain parser alone, so such a file stays an error."""
    too_deep = _too_deep(text)  # before any parser recurses into it
    if too_deep is not None:
        raise too_deep
    try:
        if "\t" in text:
            return read(text, Loader=plain)
        try:
            return read(text, Loader=fast)
        except yaml.YAMLError:
            return read(text, Loader=plain)
    except RecursionError:  # nested past what a parser's own recursion reaches
        raise PolicyError("values nested less deep", "values nested too deep to read", None) from None


def _too_deep(text: str) -> PolicyError | None:
    """The policy's error for a text nested deeper than YAML_DEPTH, at the line where it
    goes past (libyaml's events, one pass, no recursion); None when it is not (or is not
    YAML at all: the parsers say so then)."""
    from publication.model import policy

    # libyaml's, else PyYAML's own parser (libyaml gives up on a deep text before its
    # first events; PyYAML's event parser is a state machine, without recursion).
    for loader in (getattr(yaml, "CSafeLoader", yaml.SafeLoader), yaml.SafeLoader):
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    depth += 1
                    if depth > policy.YAML_DEPTH:
                        return PolicyError(
                            f"values nested at most {policy.YAML_DEPTH} deep (model/policy.py)",
                            "values nested deeper",
                            event.start_mark,
                        )
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    depth -= 1
            return None
        except yaml.YAMLError:
            continue
    return None


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
        node, data = _read(text, _compose, _FAST_LOADER, SafeLoader)
    except yaml.YAMLError as err:
        line, problem = yaml_error(text, err)
        raise DataFileError(path, line, getattr(err, "expected", "valid YAML"), problem) from None
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
        "terms": [
            {"status": str, "abbr?": str, "nl?": str, "en?": str, "why?": TEXT_BY_LANGUAGE, "source?": TEXT_BY_LANGUAGE}
        ]
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
    "characters.yml": {"allowed": [{"character": str, "files": [str], "why": str}]},
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


def strings(text: str, line_offset: int = 0) -> list[tuple[int, str, str, bool]]:
    """(line, where, text, whether it is a key) of every scalar of a YAML text, keys and
    values, in document order: what the text holds once read (escapes such as "\\u202E" undone), for the
    checks of what data may say. Read within the policy's limits (raises yaml.YAMLError)."""

    def compose(text, Loader):
        loader = Loader(text)
        try:
            return loader.get_single_node()
        finally:
            loader.dispose()

    node = _read(text, compose, _FAST_LOADER, SafeLoader)
    out = []

    def walk(node, where: str, key: bool = False) -> None:
        if isinstance(node, yaml.ScalarNode):
            if node.value and node.tag == "tag:yaml.org,2002:str":  # not null, numbers, dates
                out.append((node.start_mark.line + 1 + line_offset, where, node.value, key))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, f"{where}[{i + 1}]")
        elif isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                name = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                walk(key_node, f"{where}.{name}" if where else name, key=True)
                walk(value, f"{where}.{name}" if where else name)

    if node is not None:
        walk(node, "")
    return out
