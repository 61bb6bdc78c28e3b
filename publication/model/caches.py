"""The machine's caches of what is slow to read and never changes for a given input (a
dictionary, a word list, Material's stylesheet parsed): JSON files in a per-user folder
under the system's temporary folder, each checked by its version and the digest of what
it caches, written whole or not at all. A cache that does not read is read again from
its source; none holds anything of a project."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def folder(name: str) -> Path:
    """The cache folder `name` of this user."""
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"publication-{name}-{uid}"


def read(path: Path, version: int, key: str | None = None):
    """What the cache file `path` holds (its `version` and, given, its `digest`
    checked), or None: no cache yet, or one that does not read."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict) or (key is not None and (raw.get("version"), raw.get("digest")) != (version, key)):
        return None
    return raw


def write(path: Path, raw) -> bool:
    """Write a cache file whole (a temporary file, then renamed); one that cannot be
    written is skipped. Returns whether it was written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
        tmp.replace(path)
        return True
    except OSError:
        return False
