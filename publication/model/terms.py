"""The terms of the translation (data/terms.yml) and the abbreviation glossaries
(includes/abbreviations/<lang>.md, included into every page by markdown-include)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from publication import LANGUAGES, ROOT

GLOSSARY_DIR = ROOT / "includes" / "abbreviations"
ABBR_RE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<full>.+?)\s*$")


# Quotation marks are typography: single or double, straight or curly, one mark.
QUOTES = str.maketrans({c: '"' for c in "'‘’‚‛“”„‟«»‹›`´′″"})


def plain_quotes(text: str) -> str:
    """`text` with every quotation mark (and apostrophe) as one straight mark, for
    matching terms: ‘cross the line’ and “cross the line” are one term."""
    return text.translate(QUOTES)


@dataclass(frozen=True)
class Term:
    nl: str
    en: str
    status: str
    why: dict | None = None
    abbr: str | None = None
    source: str | None = None
    # Other forms of the term that count as the term, per language (`forms` in
    # data/terms.yml: "opsporing" beside "opsporen", "detecting" beside "detect").
    forms: dict | None = None

    def all_forms(self, lang: str) -> list[str]:
        """The term in `lang` and its other forms there."""
        return [getattr(self, lang), *((self.forms or {}).get(lang) or [])]


def glossary(lang: str, directory: Path = GLOSSARY_DIR) -> dict[str, str]:
    """Abbreviation -> full name, as the glossary of `lang` defines it."""
    out = {}
    for line in (directory / f"{lang}.md").read_text(encoding="utf-8").splitlines():
        m = ABBR_RE.match(line)
        if m:
            out[m["abbr"]] = m["full"]
    return out


def _root(project) -> Path:
    """The root folder of `project` (a Project, its root folder, or None: this repository)."""
    if project is None:
        return ROOT
    return project if isinstance(project, Path) else Path(project.root)


def glossary_dir(project=None) -> Path:
    return _root(project) / "includes" / "abbreviations"


def terms(project=None) -> tuple[Term, ...]:
    """The terms of `project` (its data/terms.yml and its glossaries). The checks always
    pass their project; None is this repository (the build's renderers)."""
    root = _root(project)
    files = (root / "data" / "terms.yml", *(glossary_dir(root) / f"{lang}.md" for lang in LANGUAGES))
    return _terms(root, tuple(f.stat().st_mtime_ns if f.is_file() else 0 for f in files))


@lru_cache(maxsize=8)
def _terms(root: Path, mtimes: tuple) -> tuple[Term, ...]:
    from publication.model import datafiles

    raw = datafiles.load(root / "data" / "terms.yml", datafiles.SHAPES["terms.yml"])
    glossaries = {lang: glossary(lang, glossary_dir(root)) for lang in LANGUAGES}
    out = []
    for entry in raw["terms"]:
        if "abbr" in entry:
            abbr = entry["abbr"]
            # The English glossary gives the Dutch name in brackets: the term is the English.
            english = re.sub(r"\s*\([^)]*\)$", "", glossaries["en"][abbr])
            out.append(
                Term(
                    nl=f"{glossaries['nl'][abbr]} ({abbr})",
                    en=f"{english} ({abbr})",
                    status=entry["status"],
                    why=entry.get("why"),
                    abbr=abbr,
                    source=entry.get("source"),
                )
            )
        else:
            out.append(
                Term(
                    nl=entry["nl"],
                    en=entry["en"],
                    status=entry["status"],
                    why=entry.get("why"),
                    source=entry.get("source"),
                    forms=entry.get("forms"),
                )
            )
    return tuple(out)
