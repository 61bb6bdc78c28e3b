"""The terms of the translation (data/terms.yml) and the abbreviation glossaries
(includes/abbreviations/<lang>.md, included into every page by markdown-include)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


from publication import DATA, LANGUAGES, ROOT

GLOSSARY_DIR = ROOT / "includes" / "abbreviations"
ABBR_RE = re.compile(r"^\*\[(?P<abbr>[^\]]+)\]:\s*(?P<full>.+?)\s*$")


@dataclass(frozen=True)
class Term:
    nl: str
    en: str
    status: str
    why: dict | None = None
    abbr: str | None = None
    source: str | None = None


def glossary(lang: str, directory: Path = GLOSSARY_DIR) -> dict[str, str]:
    """Abbreviation -> full name, as the glossary of `lang` defines it."""
    out = {}
    for line in (directory / f"{lang}.md").read_text(encoding="utf-8").splitlines():
        m = ABBR_RE.match(line)
        if m:
            out[m["abbr"]] = m["full"]
    return out


@lru_cache(maxsize=None)
def terms() -> tuple[Term, ...]:
    from publication.model import datafiles

    raw = datafiles.load(DATA / "terms.yml", datafiles.SHAPES["terms.yml"])
    glossaries = {lang: glossary(lang) for lang in LANGUAGES}
    out = []
    for entry in raw["terms"]:
        if "abbr" in entry:
            abbr = entry["abbr"]
            # The English glossary gives the Dutch name in brackets: the term is the English.
            english = re.sub(r"\s*\([^)]*\)$", "", glossaries["en"][abbr])
            out.append(Term(nl=f"{glossaries['nl'][abbr]} ({abbr})", en=f"{english} ({abbr})",
                            status=entry["status"], why=entry.get("why"), abbr=abbr, source=entry.get("source")))
        else:
            out.append(Term(nl=entry["nl"], en=entry["en"], status=entry["status"], why=entry.get("why"),
                            source=entry.get("source")))
    return tuple(out)
