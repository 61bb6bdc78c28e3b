"""Spelling of the English: every word of the English pages is British English (Hunspell's
en_GB dictionary from Debian, `hunspell-en-gb`, read by spylls, a pure-Python port of
Hunspell) or in the project's own word list for names and terms
(data/spelling/en.txt), or a term or abbreviation of the glossaries.

Not read as English: text marked as another language (`<span lang="nl">…</span>`),
code, link targets, addresses, placeholders, and, inside quotation marks, a word the
Dutch word list knows (a quotation of the Dutch source). A finding names the file, the
line and the word. Without the dictionary the check does not run, and says so.
"""

from __future__ import annotations

import gc
import json
import re
import warnings
from functools import lru_cache
from pathlib import Path

from publication.checks.translation import _lexicons
from publication.model import datafiles
from publication.model.findings import Finding
from publication.model.publication import Publication

CHECK = "spelling"
DICTIONARY = Path("/usr/share/hunspell/en_GB")  # .dic and .aff, Debian's hunspell-en-gb
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
OTHER_LANGUAGE_RE = re.compile(r"<(\w+)[^>]*\blang=\"(?!en\b)[^\"]+\"[^>]*>.*?</\1>", re.DOTALL)
CODE_RE = re.compile(r"`[^`]*`")
PLACEHOLDER_RE = re.compile(
    r"\[\[[^\]]*\]\]|\{![^}]*!\}|\{[^}]*#[^}]*\}|\{:?[ \t]*[.#][^}]*\}"
)  # and attribute lists: { .epub-only }
LINK_TARGET_RE = re.compile(r"\]\([^)]*\)|\[\^[^\]]*\]|<[^>]+>")
ADDRESS_RE = re.compile(r"\b(?:https?://\S+|[\w-]+(?:\.[\w-]+)+\.(?:nl|com|org|net|eu|io|gov|uk|int)\b\S*)")
# Quoted or in italics: where English prose cites a foreign word.
QUOTED_RE = re.compile(r"[\"“‘]([^\"”’]*?)[\"”’](?![^\W\d_])|(?<![*\w])\*([^*]+)\*(?!\*)")


def dictionary_missing(path: Path | None = None) -> str | None:
    """Why the check cannot run here, or None."""
    path = path or DICTIONARY
    try:
        import spylls.hunspell  # noqa: F401
    except ImportError:
        return "spylls is not installed (it is in requirements.lock)"
    if not (path.with_suffix(".dic").is_file() and path.with_suffix(".aff").is_file()):
        return f"Hunspell's en_GB dictionary is not installed ({path}.dic; apt-get install hunspell-en-gb)"
    return None


@lru_cache(maxsize=2)
def _dictionary(path: Path):

    from spylls.hunspell import Dictionary

    # spylls leaves its two files for the garbage collector to close: close them here.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        dictionary = Dictionary.from_files(str(path))
        gc.collect()
    return dictionary


class Lookup:
    """Hunspell's verdicts, with a cache of them (build/spelling-cache.json, valid for
    one dictionary file): the dictionary, slow to load in pure Python, is read only when
    a word has no verdict yet."""

    def __init__(self, path: Path, cache: Path | None):
        self.path, self.cache = path, cache
        stamp = [
            f"{f.stat().st_mtime_ns}-{f.stat().st_size}" for f in (path.with_suffix(".dic"), path.with_suffix(".aff"))
        ]
        self.stamp = f"{path}:{':'.join(stamp)}"
        self.words: dict[str, bool] = {}
        self.changed = False
        if cache is not None and cache.is_file():
            try:
                raw = json.loads(cache.read_text(encoding="utf-8"))
                if raw.get("dictionary") == self.stamp:
                    self.words = dict(raw.get("words") or {})
            except (OSError, ValueError):
                pass

    def lookup(self, word: str) -> bool:
        if word not in self.words:
            self.words[word] = bool(_dictionary(self.path).lookup(word))
            self.changed = True
        return self.words[word]

    def save(self) -> None:
        if self.cache is None or not self.changed:
            return
        datafiles.write_text(
            self.cache,
            json.dumps(
                {"dictionary": self.stamp, "words": dict(sorted(self.words.items()))}, ensure_ascii=False, indent=0
            ),
        )


def word_list(project: Publication) -> set[str]:
    """The project's words: data/spelling/en.txt, the terms' words (the English, and the
    Dutch an English text may name: "Tackling offenders (Daderaanpak)") and the
    glossaries' abbreviations."""
    out = set()
    path = project.data / "spelling" / "en.txt"
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                out.add(line)
    for t in project.terms:
        # the English term, and the Dutch one an English text names in brackets
        out.update(WORD_RE.findall(f"{t.en} {t.nl} {t.abbr or ''}"))
    for abbr in project.glossary("en"):
        out.add(abbr)
    return out


def _prose(line: str) -> str:
    """The English words of a Markdown line, the rest blanked (offsets kept)."""
    for pattern in (OTHER_LANGUAGE_RE, CODE_RE, PLACEHOLDER_RE, LINK_TARGET_RE, ADDRESS_RE):
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


def misspelt(text: str, known: set[str], dictionary, dutch=None) -> list[str]:
    """The words of `text` that are neither British English nor known."""
    quoted = [m.span(1) if m.group(1) is not None else m.span(2) for m in QUOTED_RE.finditer(text)]
    out = []
    for m in WORD_RE.finditer(text):
        word = m.group(0).replace("’", "'")
        bare = re.sub(r"'s$", "", word)
        if len(bare) < 2 or bare in known or word in known or bare.casefold() in known:
            continue
        if (
            dictionary.lookup(word)
            or dictionary.lookup(bare)
            or (word[0].isupper() and dictionary.lookup(word.lower()))
        ):
            continue
        if dutch is not None and any(a <= m.start() < b for a, b in quoted) and dutch.known([bare.casefold()]):
            continue  # a quotation of the Dutch source
        out.append(m.group(0))
    return out


def check_page(project: Publication, path: Path, known: set[str], dictionary, dutch=None) -> list[Finding]:
    """The prose of one page, line by line: the front matter's title and description,
    then the text (code blocks left out)."""
    findings = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # an unreadable page is the structure check's finding
    front = bool(lines) and lines[0].strip() == "---"
    in_code = False
    for n, line in enumerate(lines, start=1):
        if front:
            if n > 1 and line.strip() == "---":
                front = False
            elif re.match(r"\s*(title|description):", line):
                line = line.split(":", 1)[1]
            else:
                continue
        elif line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code:
            continue
        for word in dict.fromkeys(misspelt(_prose(line), known, dictionary, dutch)):
            findings.append(
                Finding(
                    project.rel(path),
                    n,
                    "a word of British English (Hunspell en_GB) or of data/spelling/en.txt",
                    f"'{word}'",
                    CHECK,
                )
            )
    return findings


def run(project: Publication, lang: str = "en") -> list[Finding]:
    """Every English page of the project."""

    dictionary = Lookup(DICTIONARY, project.root / "build" / "spelling-cache.json")
    known = word_list(project)
    _, dutch = _lexicons()  # the Dutch word list the untranslated-words check loads too
    findings = []
    for _, path in sorted(project.pages().get(lang, {}).items()):
        findings += check_page(project, path, known, dictionary, dutch)
    dictionary.save()
    return findings
