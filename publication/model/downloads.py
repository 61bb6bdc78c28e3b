"""The names of the publication's downloads (the outputs make them, the pages link to
them, the checks know they come after the build)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from publication import LANGUAGES

BASENAME = "samen-tegen-mensenhandel"
DOWNLOADS_DIR = "downloads"
OFFLINE_TOP = BASENAME  # the one top folder inside the zip


def pdf_name(lang: str) -> str:
    return f"{BASENAME}-{lang}.pdf"


def epub_name(lang: str) -> str:
    return f"{BASENAME}-{lang}.epub"


OFFLINE_ZIP = f"{BASENAME}-offline.zip"
TMX_FILE = f"{BASENAME}.tmx"
XLIFF_FILE = f"{BASENAME}.xlf"
DOWNLOADS = (
    tuple(pdf_name(lang) for lang in LANGUAGES)
    + tuple(epub_name(lang) for lang in LANGUAGES)
    + (TMX_FILE, XLIFF_FILE, OFFLINE_ZIP)
)


CHECKSUMS_FILE = "SHA256SUMS"  # the downloads' SHA-256 sums, beside them


def pending_downloads() -> set[str]:
    """The site paths `publish` adds after the checks (links to them are not broken)."""
    return {f"{DOWNLOADS_DIR}/{name}" for name in (*DOWNLOADS, CHECKSUMS_FILE)}


def sha256(path: Path) -> str:
    """A download's checksum, as SHA256SUMS and the pages give it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def size_kb(path: Path, lang: str) -> str:
    """A download's size in kB, one decimal, written the language's way (CLDR): '77,5'."""
    from babel.numbers import format_decimal

    return format_decimal(round(path.stat().st_size / 1000, 1), format="#,##0.#", locale=lang)
