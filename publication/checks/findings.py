"""A finding: what a check expected and what it found, at a file and line."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
