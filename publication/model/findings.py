"""A finding: what a check expected and what it found, at a file and line; and where a
key or an error stands in a YAML data file, for the findings of any check."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    expected: str
    found: str
    check: str = ""
    severity: str = "error"  # error | warning (a warning never fails the publication)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}expected {self.expected}, found {self.found}"

    def as_dict(self) -> dict:
        return asdict(self)


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def yaml_problem(err: yaml.YAMLError) -> tuple[int, str]:
    """(line, one-line description) of a YAML error."""
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return (mark.line + 1 if mark else 0), problem


def key_line(path: Path, key: str, after: int = 0, value: str | None = None) -> int:
    """The line of `key:` in a YAML file (the first after line `after`; with `value`,
    the first `key: value`), 0 if absent."""
    tail = rf"\s*{re.escape(value)}\s*$" if value is not None else ""
    pattern = re.compile(rf"^\s*-?\s*{re.escape(key)}:{tail}")
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if n > after and pattern.match(line):
            return n
    return 0


# What a long-running step is given to report its progress: a callable that shows one
# short line to the person waiting (the command line's `say`; `--quiet` makes it silent).
Say = Callable[[str], None]
