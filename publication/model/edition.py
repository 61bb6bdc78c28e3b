"""The edition: the moment a publication stands for, taken from the commit it is built
from (or SOURCE_DATE_EPOCH when that is set, as reproducible-builds.org asks), never
from the clock, so that two builds of one commit give the same bytes."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

# What the edition is of when there is no commit to ask (an unpacked copy): the newest
# of these files' modification times.
SOURCES = ("docs", "data", "source", "includes", "overrides", "publication", "mkdocs.yml")


def epoch(root: Path) -> int:
    """Seconds since 1970 (UTC): SOURCE_DATE_EPOCH, else the commit's time, else the
    newest source file's."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return _from_sources(root)


def _from_sources(root: Path) -> int:
    """The commit's time, else the newest source file's (a publication asks once:
    `Publication.edition_epoch`)."""
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10)
        if out.returncode == 0 and out.stdout.strip():
            return int(out.stdout.strip())
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    times = [
        p.stat().st_mtime for part in SOURCES for p in ([root / part] + list((root / part).rglob("*"))) if p.is_file()
    ]
    return int(max(times)) if times else 0


def date(root: Path) -> dt.date:
    return day(epoch(root))


def day(seconds: int) -> dt.date:
    """The edition's date (UTC) of an epoch."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date()


def commit(root: Path) -> str | None:
    """The commit an edition is built from (its short hash), if there is one."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    return out.stdout.strip() or None
