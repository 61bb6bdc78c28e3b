"""Zip archives that one commit always writes the same: the offline bundle and the
EPUBs (whose OCF container is a zip with `mimetype` first and stored)."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path


def write_zip(target: Path, entries, epoch: int, stored: frozenset[str] = frozenset()) -> Path:
    """Write `entries` ((name, bytes), in the order given) into a zip: each with the
    edition's time and the same permissions, so one commit gives one zip. Names in
    `stored` are not compressed (an EPUB's mimetype)."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip starts in 1980
    with zipfile.ZipFile(target, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            if name in stored:
                z.writestr(info, data, compress_type=zipfile.ZIP_STORED)
            else:
                z.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return target


def zip_folder(folder: Path, target: Path, top: str, epoch: int) -> Path:
    """Zip `folder` under one top folder, its files in a stable order."""
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    return write_zip(target, ((f"{top}/{p.relative_to(folder).as_posix()}", p.read_bytes()) for p in files), epoch)
