"""pyspellchecker's word lists (model/lexicon.word_list), read once per digest of their
file and cached as the dictionary is: the same answers as pyspellchecker's own
`SpellChecker.known`, a cache written once and read after, a damaged cache read again."""

from __future__ import annotations

import json

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
        first = lexicon.word_list("nl").known(WORDS)
        cached = list((tmp_path / "cache").glob("words-nl-*.json"))
        assert len(cached) == 1 and len(reads) == 1
        forget()  # a new process: the cache, not the package's file
        assert lexicon.word_list("nl").known(WORDS) == first and len(reads) == 1
        cached[0].write_text('{"version": 1, "digest": "other"', encoding="utf-8")
        forget()
        assert lexicon.word_list("nl").known(WORDS) == first and len(reads) == 2
    finally:
        forget()


def test_the_answers_are_kept_so_a_run_asking_known_words_reads_no_list(tmp_path, monkeypatch):
    """What a process asked is written at its end (WordList.save); the next process asking
    the same words answers them without reading the list, and reads it for a new word."""
    monkeypatch.setattr(lexicon, "_cache_dir", lambda: tmp_path / "cache")
    forget()
    try:
        words = lexicon.word_list("en")
        first = words.known(WORDS)
        words.save()
        assert len(list((tmp_path / "cache").glob("known-en-*.json"))) == 1
        forget()
        read = []
        real = lexicon._word_list
        monkeypatch.setattr(lexicon, "_word_list", lambda *a: read.append(a) or real(*a))
        monkeypatch.setattr(lexicon._word_list, "cache_clear", real.cache_clear, raising=False)
        again = lexicon.word_list("en")
        assert again.known(WORDS) == first and read == []
        assert again.known(["traffickers"]) == {"traffickers"} and len(read) == 1
        # A damaged file of answers is read as none.
        answers = next((tmp_path / "cache").glob("known-en-*.json"))
        damaged = {"version": lexicon.CACHE_VERSION, "digest": again._key, "answers": {"zzqqxxw": "yes"}}
        answers.write_text(json.dumps(damaged), encoding="utf-8")
        forget()
        assert lexicon.word_list("en").known(["zzqqxxw"]) == set()
    finally:
        forget()
