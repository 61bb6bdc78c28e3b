"""The checks. Each is a plain function that returns findings; `run_all` runs every
check on the sources and on one built site."""

from __future__ import annotations

from pathlib import Path

from ..findings import Finding

SOURCE_CHECKS: list = []
SITE_CHECKS: list = []


def run_all(site_dir: Path, online: bool = False, cache_max_age: float = 86400, say=None) -> list[Finding]:
    findings: list[Finding] = []
    for check in SOURCE_CHECKS:
        findings += check()
    for check in SITE_CHECKS:
        findings += check(site_dir)
    return findings
