"""The terms of the translation (data/terms.yml) and the abbreviation glossaries
(includes/abbreviations/<lang>.md, included into every page by markdown-include)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from publication.model import datafiles
from publication.model.findings import key_line

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
    source: dict | None = None  # the public page that confirms the English, per language
    # Other forms of the term that count as the term, per language (`forms` in
    # data/terms.yml: "opsporing" beside "opsporen", "detecting" beside "detect").
    forms: dict | None = None

    def all_forms(self, lang: str) -> list[str]:
        """The term in `lang` and its other forms there."""
        return [getattr(self, lang), *((self.forms or {}).get(lang) or [])]


def parse_glossary(text: str) -> dict[str, str]:
    """Abbreviation -> full name, as a glossary (includes/abbreviations/<lang>.md) defines it."""
    out = {}
    for line in text.splitlines():
        m = ABBR_RE.match(line)
        if m:
            out[m["abbr"]] = m["full"]
    return out


def load(path: Path, glossaries: dict[str, dict[str, str]]) -> tuple[Term, ...]:
    """The terms of data/terms.yml at `path`; an abbreviation's names come from the
    glossaries (language -> abbreviation -> full name)."""

    raw = datafiles.load(path, datafiles.SHAPES["terms.yml"])
    out = []
    for entry in raw["terms"]:
        source = entry.get("source")
        if source is not None and set(source) != {"nl", "en"}:
            name = entry.get("abbr") or entry.get("nl") or "?"
            term_line = key_line(path, "abbr" if "abbr" in entry else "nl", after=0, value=name)
            raise datafiles.DataFileError(
                path,
                key_line(path, "source", after=term_line),
                f"the source of '{name}' in Dutch and English (nl: and en:)",
                ", ".join(sorted(source)) or "none",
            )
        if entry["status"] == "official" and source is None:
            # An official name is one seen where its owner uses it: the data says where.
            name = entry.get("abbr") or entry.get("nl") or "?"
            raise datafiles.DataFileError(
                path,
                key_line(path, "abbr" if "abbr" in entry else "nl", after=0, value=name),
                f"the source (nl: and en:) where the official English name of '{name}' was seen, "
                "or a status other than official",
                "none",
            )
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
