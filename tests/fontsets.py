"""Font sets for the browser tests: a fontconfig file that gives Chromium one family of
fonts only, so that a look test holds whichever fonts a reader's machine prefers.

    dejavu       DejaVu Sans, Serif and Mono (what a bare Debian has)
    liberation   Liberation Sans, Serif and Mono: Arial's, Times New Roman's and Courier
                 New's metrics (what most Windows and Linux readers get for Helvetica or
                 Arial)

`fontconfig_file(folder, name)` writes the file; Chromium reads it through the
FONTCONFIG_FILE variable of its environment."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

FONT_SETS = {
    "dejavu": (
        "/usr/share/fonts/truetype/dejavu",
        {"sans-serif": "DejaVu Sans", "serif": "DejaVu Serif", "monospace": "DejaVu Sans Mono"},
    ),
    "liberation": (
        "/usr/share/fonts/truetype/liberation",
        {"sans-serif": "Liberation Sans", "serif": "Liberation Serif", "monospace": "Liberation Mono"},
    ),
}
# The families pages name that the set's own stand in for.
STAND_INS = {
    "sans-serif": ("Helvetica", "Arial", "Roboto", "-apple-system", "BlinkMacSystemFont", "system-ui"),
    "monospace": ("Courier New", "Roboto Mono", "SFMono-Regular", "Consolas", "Menlo"),
    "serif": ("Times New Roman", "Georgia"),
}


def fontconfig_file(folder: Path, name: str) -> Path:
    """A fontconfig file for the set `name` in `folder` (with its cache beside it)."""
    directory, generic = FONT_SETS[name]
    rules = []
    for kind, family in generic.items():
        for alias in (kind, *STAND_INS[kind]):
            rules.append(
                f"<alias binding='same'><family>{escape(alias)}</family>"
                f"<prefer><family>{escape(family)}</family></prefer></alias>"
            )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "fonts.conf"
    path.write_text(
        "<?xml version='1.0'?>\n<!DOCTYPE fontconfig SYSTEM 'fonts.dtd'>\n<fontconfig>\n"
        f"<dir>{escape(directory)}</dir>\n<cachedir>{escape(str(folder / 'cache'))}</cachedir>\n"
        + "\n".join(rules)
        + "\n</fontconfig>\n",
        encoding="utf-8",
    )
    return path


def available(name: str) -> bool:
    return Path(FONT_SETS[name][0]).is_dir()
