"""pyspellchecker's word lists (model/lexicon.word_list), read once per digest of their
file and cached as the dictionary is: the same answers as pyspellchecker's own
`SpellChecker.known`, a cache written once and read after, a damaged cache read again."""

from __future__ import annotations

import pytest
from spellchecker import SpellChecker

from publication.model import lexicon

WORDS = [
    "Kabinet",
    "jeugdcriminaliteit",
    "weerbaarder",
    "prevention",
    "colour",
    "x",
    "!",
    "3.925",
    "1e5",
    "nan",
    "zzqqxxw",
    "a" * 60,
    "daderschap",
]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_word_list_knows_what_pyspellchecker_knows(lang):
    words = lexicon.word_list(lang)
    checker = SpellChecker(language=lang, distance=1)
    sample = WORDS + list(checker.word_frequency.dictionary)[:500]
    assert [w for w in sample if words.known([w]) != checker.known([w])] == []
    assert words.known(WORDS) == checker.known(WORDS)


def forget() -> None:
    """As a new process: the word lists the process kept, forgotten."""
    lexicon.word_list.cache_clear()
    lexicon._word_list.cache_clear()


def test_a_word_list_is_cached_by_its_files_digest_and_a_damaged_cache_read_again(tmp_path, monkeypatch):
    monkeypatch.setattr(lexicon, "_cache_dir", lambda: tmp_path / "cache")
    reads = []
    real = lexicon.gzip.decompress
    monkeypatch.setattr(lexicon.gzip, "decompress", lambda data: reads.append(1) or real(data))
    forget()
    try:
        first = lexicon.word_list("nl")
        cached = list((tmp_path / "cache").glob("words-nl-*.json"))
        assert len(cached) == 1 and len(reads) == 1
        forget()  # a new process: the cache, not the package's file
        assert lexicon.word_list("nl") == first and len(reads) == 1
        cached[0].write_text('{"version": 1, "digest": "other"', encoding="utf-8")
        forget()
        assert lexicon.word_list("nl") == first and len(reads) == 2
    finally:
        forget()
