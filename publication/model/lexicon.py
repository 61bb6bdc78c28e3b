"""The words of a sentence pair and what they can mean in the other language: the
bilingual dictionary, lemmas and stems, for the lexical coverage check
(publication/checks/lexical.py).

- The dictionary is FreeDict's Dutch–English one as Debian ships it
  (`dict-freedict-nld-eng`: dictd files, `.index` and `.dict.dz`), read by pyglossary's
  dictd reader. Reading all of it takes seconds, so it is read once and cached by the
  digest of its two files: in this process, and as JSON in a per-user folder under the
  system's temporary folder (a damaged or foreign cache file is read again from the
  dictionary). The dictionary is not project data: its cache holds nothing of a project.
- Lemmas come from simplemma (Dutch and English), with the Dutch inflections and
  derivations it does not undo (participles, -e, -ing, -schap, compounds) tried as
  candidates against the dictionary's headwords.
- English words are compared by their Snowball stems (snowballstemmer), so that a
  nominalisation or another form of the same word counts: prevention, preventing and
  prevent are one stem.
- Everything a project decides (its function words, its recorded exceptions) comes in as
  arguments; nothing here reads a project's folder.
"""

from __future__ import annotations

import atexit
import gzip
import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import spellchecker

from publication.model import caches

FREEDICT = Path("/usr/share/dictd/freedict-nld-eng")  # + .index, .dict.dz (Debian: dict-freedict-nld-eng)
CACHE_VERSION = 1
WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
SENSE_SPLIT_RE = re.compile(r"\s*(?:\d+\.\s+|,\s*|;\s*|/\s*)")
HYPHENS = "-‐‑"


def dictionary_missing(base: Path | None = None) -> str | None:
    """Why the dictionary cannot be read (None: it can)."""
    base = base or FREEDICT
    for suffix in (".index", ".dict.dz"):
        path = base.with_name(base.name + suffix)
        if not path.is_file():
            return (
                f"FreeDict's Dutch–English dictionary is not installed ({path}; apt-get install dict-freedict-nld-eng)"
            )
    return None


def digest(base: Path | None = None) -> str:
    base = base or FREEDICT
    h = hashlib.sha256()
    for suffix in (".index", ".dict.dz"):
        h.update(base.with_name(base.name + suffix).read_bytes())
    return h.hexdigest()


@dataclass(eq=False)
class Dictionary:
    """Dutch headword (lower case) -> its English senses, each a phrase as the
    dictionary writes it ("prevent", "more than"; a few have lost their spaces:
    "morethan")."""

    senses: dict
    digest: str = ""

    def __contains__(self, word: str) -> bool:
        return word in self.senses

    def get(self, word: str) -> tuple[str, ...]:
        return tuple(self.senses.get(word, ()))

    @cached_property
    def phrases(self) -> dict[str, list[str]]:
        """First word -> the multiword headwords beginning with it, longest first."""
        out: dict[str, list[str]] = {}
        for head in self.senses:
            if " " in head:
                out.setdefault(head.split()[0], []).append(head)
        for heads in out.values():
            heads.sort(key=lambda h: -len(h.split()))
        return out


def _cache_dir() -> Path:
    return caches.folder("lexicon")


def load(base: Path | None = None) -> Dictionary:
    """The dictionary at `base` (.index + .dict.dz; FreeDict's by default), read once per
    digest of its files."""
    base = base or FREEDICT
    return _load(base, digest(base))


def _read_cache(path: Path, key: str | None = None):
    """What a cache file of this module holds (model/caches.py), or None."""
    return caches.read(path, CACHE_VERSION, key)


def _write_cache(path: Path, raw) -> bool:
    return caches.write(path, raw)


@lru_cache(maxsize=2)
def _load(base: Path, key: str) -> Dictionary:
    cache = _cache_dir() / f"{base.name}-{key[:32]}.json"
    raw = _read_cache(cache, key)
    if raw is not None and isinstance(raw.get("senses"), dict):
        return Dictionary(raw["senses"], key)
    senses = read_dictd(base)
    _write_cache(cache, {"version": CACHE_VERSION, "digest": key, "senses": senses})
    return Dictionary(senses, key)


def read_dictd(base: Path) -> dict[str, list[str]]:
    """Every entry of a dictd dictionary (FreeDict's format: the headword and its
    pronunciation on the first line, then the senses, numbered when there are several)."""
    from pyglossary.plugin_lib.dictdlib import DictDB

    db = DictDB(str(base), "read", quiet=True)
    out: dict[str, list[str]] = {}
    try:
        for head in list(db.indexEntries):
            word = head.strip().casefold().replace("ĳ", "ij")
            if not word or word.startswith("00database"):
                continue
            for definition in db.getDef(head):
                lines = definition.decode("utf-8", "replace").split("\n")[1:]
                for line in lines:
                    for sense in SENSE_SPLIT_RE.split(line.strip()):
                        sense = sense.strip().rstrip("?").replace("‐", "-")
                        if sense and sense not in out.setdefault(word, []):
                            out[word].append(sense)
    finally:
        db.close()
    return out


# --- words -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str  # as written
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.casefold()


def words(text: str) -> list[Word]:
    """The words of `text` with their offsets; a hyphenated word is its parts
    (cross-domain: cross, domain), a possessive or plural 's is left out (RIEC's)."""
    out = []
    for m in WORD_RE.finditer(text):
        w = re.sub(r"[’']s$", "", m.group(0))
        out.append(Word(w, m.start(), m.start() + len(w)))
    return out


# --- Dutch lemmas ------------------------------------------------------------------------

VOWELS = "aeiouy"
PARTICLES = (
    "aan",
    "af",
    "bij",
    "door",
    "in",
    "mee",
    "na",
    "om",
    "op",
    "over",
    "samen",
    "tegen",
    "terug",
    "toe",
    "uit",
    "vast",
    "voor",
    "vrij",
    "weg",
)


_LEMMAS: dict = {}  # (simplemma's version) -> {lang: {word: lemma}}: a memo of a pure function
_NEW_LEMMAS: list = []


@lru_cache(maxsize=1)
def _simplemma_version() -> str:
    import simplemma  # cheap: its dictionaries load on the first lemma

    return str(getattr(simplemma, "__version__", "unknown"))


def _lemma_memo() -> dict:
    """Lemmas found before, by language: loading simplemma's two dictionaries takes longer
    than the whole check of a section, so what it said is kept between runs (per user,
    per version of simplemma, under the system's temporary folder)."""
    key = _simplemma_version()
    if key not in _LEMMAS:
        raw = _read_cache(_cache_dir() / f"lemmas-{key}.json") or {}
        _LEMMAS[key] = {lang: dict(raw.get(lang) or {}) for lang in ("nl", "en")}
    return _LEMMAS[key]


def lemma(word: str, lang: str) -> str:
    """simplemma's lemma of `word` in `lang`, lower case (separable verbs written whole)."""
    memo = _lemma_memo().setdefault(lang, {})
    found = memo.get(word)
    if found is None:
        import simplemma

        found = memo[word] = simplemma.lemmatize(word, lang=lang).casefold().replace("_", "")
        _NEW_LEMMAS.append((lang, word))
    return found


def save_lemmas() -> None:
    """Keep the lemmas found in this run for the next (a cache that cannot be written is
    skipped)."""
    if not _NEW_LEMMAS:
        return
    if _write_cache(_cache_dir() / f"lemmas-{_simplemma_version()}.json", _lemma_memo()):
        _NEW_LEMMAS.clear()


def _open_syllable(stem: str) -> set[str]:
    """Spellings of a Dutch stem before -en/-e: maak/maken, leg/leggen, geef/geven."""
    out = {stem}
    if len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] == stem[-3] and stem[-2] in VOWELS:
        short = stem[:-3] + stem[-2] + stem[-1]  # maak -> mak(en)
        out.add(short)
        out.add(short[:-1] + {"f": "v", "s": "z"}.get(short[-1], short[-1]))  # geef -> gev(en)
    if len(stem) >= 2 and stem[-1] not in VOWELS and stem[-2] in VOWELS and (len(stem) < 3 or stem[-3] not in VOWELS):
        out.add(stem + stem[-1])  # leg -> legg(en)
    return out


def _closed_syllable(stem: str) -> set[str]:
    """The stem as written alone, from its spelling before -e/-en: bred -> breed,
    kwetsbar -> kwetsbaar, positiev -> positief, kenn -> ken."""
    out = {stem}
    if len(stem) >= 2 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        out.add(stem[:-1])
    if len(stem) >= 3 and stem[-1] not in VOWELS and stem[-2] in "aeou" and stem[-3] not in VOWELS:
        out.add(stem[:-2] + stem[-2] * 2 + stem[-1])
    out |= {s[:-1] + {"v": "f", "z": "s"}[s[-1]] for s in list(out) if s[-1:] in ("v", "z")}
    return out


def dutch_candidates(word: str) -> list[str]:
    """Possible dictionary forms of a Dutch word, most likely first: itself, simplemma's
    lemma, then forms with an inflection or a derivation undone (kwetsbare: kwetsbaar;
    geregistreerde: registreren, geregistreerd; bestrijding: bestrijden; weerbaarder:
    weerbaar; thema's: thema)."""
    w = word.casefold().replace("ĳ", "ij")
    out = [w, lemma(w, "nl")]
    ends = []
    for suffix in ("e", "en", "n", "s", "er", "ere", "st", "ste", "de", "te", "den", "ten", "t", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            ends.append(w[: -len(suffix)])
    for base in ends:
        for stem in _closed_syllable(base):
            out.append(stem)
            out += [s + "en" for s in _open_syllable(stem)]
    if w.endswith("ing") and len(w) > 6:
        out += [s + "en" for s in _open_syllable(w[:-3])] + [w[:-3] + "en"]
    for suffix in ("schap", "heid"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            out.append(w[: -len(suffix)])
    # participles: ge-X-d/t, after a separable particle too (vast-ge-legd, toe-ge-voegd)
    for particle in ("", *PARTICLES):
        if not w.startswith(particle + "ge") or len(w) < len(particle) + 5:
            continue
        rest = re.sub(r"(e|en)$", "", w[len(particle) + 2 :]) if w.endswith(("de", "te")) else w[len(particle) + 2 :]
        for core in {rest, re.sub(r"[dt]$", "", rest)}:
            if len(core) < 2:
                continue
            for stem in _closed_syllable(core) | {core}:
                out += [particle + s + "en" for s in _open_syllable(stem)]
            if core.endswith("n") and len(core) > 3:  # strong participle: opgenomen -> opnemen (lemma)
                out.append(particle + core)
    seen, ordered = set(), []
    for c in out:
        if c and c not in seen:
            seen.add(c)
            ordered.append(c)
    return ordered


# --- English stems -----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    """The Snowball stems of an English word and of its lemma (made, make: make)."""
    w = word.casefold()
    forms = {w, lemma(w, "en")}
    # British spellings as the dictionary's American ones: organised, organized; labour, labor
    forms |= {re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", f) for f in forms}
    forms |= {re.sub(r"our$", "or", f) for f in forms}
    return frozenset(_stemmer().stemWord(f) for f in forms)


# --- English synonyms (WordNet) ------------------------------------------------------------

WORDNET = Path("/usr/share/dictd/wn")  # + .index, .dict.dz (Debian: dict-wn, WordNet 3.0 for dictd)
SYN_RE = re.compile(r"\[syn:\s*((?:\{[^}]*\},?\s*)+)\]")


def thesaurus_missing(base: Path | None = None) -> str | None:
    base = base or WORDNET
    for suffix in (".index", ".dict.dz"):
        path = base.with_name(base.name + suffix)
        if not path.is_file():
            return f"WordNet for dictd is not installed ({path}; apt-get install dict-wn)"
    return None


class Thesaurus:
    """WordNet's synonyms of an English word, read entry by entry from its dictd files
    (pyglossary's reader) when a word is first asked for: only a pair whose words the
    bilingual dictionary does not pair asks at all."""

    def __init__(self, base: Path):
        from pyglossary.plugin_lib.dictdlib import DictDB

        self.db = DictDB(str(base), "read", quiet=True)
        self._cache: dict[str, frozenset[str]] = {}

    def synonyms(self, word: str) -> frozenset[str]:
        """The words that share a synset with `word` or its lemma (lower case)."""
        w = word.casefold()
        if w not in self._cache:
            out: set[str] = set()
            for form in {w, lemma(w, "en")}:
                if not self.db.hasDef(form):
                    continue
                for definition in self.db.getDef(form):
                    text = re.sub(r"\s+", " ", definition.decode("utf-8", "replace"))
                    for group in SYN_RE.findall(text):
                        out.update(x.strip().casefold() for x in re.findall(r"\{([^}]*)\}", group))
            self._cache[w] = frozenset(out)
        return self._cache[w]

    def stems(self, word: str) -> frozenset[str]:
        """The stems of the synonyms of `word` (one-word synonyms)."""
        return frozenset(s for syn in self.synonyms(word) if " " not in syn for s in stems(syn))


@lru_cache(maxsize=2)
def _thesaurus(base: Path, key: tuple) -> Thesaurus:
    return Thesaurus(base)


def thesaurus(base: Path | None = None) -> Thesaurus:
    """WordNet's synonyms, opened once per process for each state of its files."""
    base = base or WORDNET
    index = base.with_name(base.name + ".index")
    st = index.stat()
    return _thesaurus(base, (st.st_size, st.st_mtime_ns))


# --- pyspellchecker's word lists: read once per digest of their file ---------------------------


def _should_check(word: str, longest: int) -> bool:
    """pyspellchecker's own rule of which words it looks up: no lone punctuation mark, no
    word much longer than its longest, no number."""
    if len(word) == 1 and not word.isalnum():
        return False
    if len(word) > longest + 3:
        return False
    if word in ("nan", "inf", "infinity"):
        return True
    try:
        float(word)
        return False
    except ValueError:
        return True


class WordList:
    """The words of pyspellchecker's list of one language: `known` answers as
    `SpellChecker.known` does (lower case, the same words looked up). Its answers are
    kept, by the list's digest, for every word ever asked (`save`, at the process's end,
    writes those it added): a run that asks only words asked before never reads the
    list, which takes a tenth of a second for both languages."""

    def __init__(self, lang: str, path: Path, key: str) -> None:
        self._path, self._key = path, key
        self._file = _cache_dir() / f"known-{lang}-{key[:32]}.json"
        raw = _read_cache(self._file, key)
        answers = raw.get("answers") if raw is not None else None
        valid = isinstance(answers, dict) and all(isinstance(v, bool) for v in answers.values())
        self._answers: dict[str, bool] = answers if valid else {}
        self._added = False

    def known(self, words) -> set[str]:
        low = [w.lower() for w in words]
        answers = self._answers
        missing = [w for w in low if w not in answers]
        if missing:
            listed, longest = _word_list(self._path, self._key)
            for w in missing:
                answers[w] = w in listed and _should_check(w, longest)
            if not self._added:
                self._added = True
                atexit.register(self.save)
        return {w for w in low if answers[w]}

    def save(self) -> None:
        """Write the answers (with those this process added) for the next run."""
        if self._added:
            _write_cache(self._file, {"version": CACHE_VERSION, "digest": self._key, "answers": self._answers})
            self._added = False


@lru_cache(maxsize=4)
def word_list(lang: str) -> WordList:
    """pyspellchecker's word list of `lang` ('en', 'nl'), once per process (the checks ask
    for it tens of thousands of times). Its package file (gzipped JSON of word
    frequencies) takes a third of a second to read for both languages; the words are
    cached, as the dictionary is, by the file's digest, and read only for a word not
    asked before (WordList)."""
    path = Path(spellchecker.__file__).with_name("resources") / f"{lang}.json.gz"
    return WordList(lang, path, hashlib.sha256(path.read_bytes()).hexdigest())


@lru_cache(maxsize=4)
def _word_list(path: Path, key: str) -> tuple[frozenset, int]:
    """The words of the list at `path` and the length of its longest."""
    cache = _cache_dir() / f"words-{path.name.split('.')[0]}-{key[:32]}.json"
    raw = _read_cache(cache, key)
    if raw is not None and isinstance(raw.get("words"), list) and isinstance(raw.get("longest"), int):
        return frozenset(raw["words"]), raw["longest"]
    words = [w.lower() for w in json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))]
    longest = max(map(len, words), default=0)
    _write_cache(cache, {"version": CACHE_VERSION, "digest": key, "words": words, "longest": longest})
    return frozenset(words), longest
