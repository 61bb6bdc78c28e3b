"""Sentence segments: the two language versions of a section split into sentences and
paired, one Dutch sentence with one English sentence unless the alignment record says
otherwise.

- The splitter is sentence-splitter (Koehn and Schroeder's algorithm with Moses'
  non-breaking prefixes for Dutch and English, as used for the Europarl corpus), with
  the publication's own additions in data/sentence-prefixes/<lang>.txt.
- The Dutch sentences are numbered through the section, `s-1`, `s-2`, ...: the Dutch
  is the source's word for word, so the numbers stay put when the English is edited or
  the site rebuilt. A segment is named by its first Dutch sentence. Headings are
  segments too, named by their anchor (`preventie`).
- The alignment record, data/alignment/<section>.yml, lists every segment: how many
  Dutch and English sentences it joins where the translation merges (`nl: 2`) or splits
  (`en: 2`) sentences, and `from`, the fingerprint of the Dutch text its English was
  translated from. `scripts/publish.py review <section> <id>` renews a fingerprint once
  the English has been revisited.
- Where a paragraph's English has more or fewer sentences than the record expects,
  the sentences are aligned by length, numbers and footnote calls (in the manner of
  Gale and Church) to tell which sentence was left out, added, merged or split.
"""

from __future__ import annotations

import hashlib
import math
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from publication.model import datafiles
from publication.model.pages import FOOTNOTE_CALL_RE, Block, Page, align, plain
from publication.model.quantities import find

# --- splitting -------------------------------------------------------------------------


def make_splitter(lang: str, extra: Path):
    """sentence-splitter for `lang`, its non-breaking prefixes and those of the project
    (`extra`: data/sentence-prefixes/<lang>.txt); a publication makes one per language
    (`Publication.splitter`)."""
    import sentence_splitter

    builtin = Path(sentence_splitter.__file__).parent / "non_breaking_prefixes" / f"{lang}.txt"
    text = builtin.read_text(encoding="utf-8")
    if not extra.is_file():
        raise datafiles.DataFileError(
            extra,
            0,
            "the publication's abbreviations a sentence does not end at (one a line; the file may be empty)",
            "no such file",
        )
    text += "\n" + datafiles.read_text(extra)
    # The library reads its prefixes from one file: give it the two lists as one.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(text)
    try:
        return sentence_splitter.SentenceSplitter(language=lang, non_breaking_prefix_file=f.name)
    finally:
        Path(f.name).unlink()


def split_sentences(text: str, lang: str, pub) -> tuple[str, ...]:
    """The splitter's sentences of `text`, with the abbreviations of the publication
    `pub` (each text split once per publication: `Publication.sentences`)."""
    return pub.sentences(text, lang)


def split_text(text: str, lang: str, pub) -> list[str]:
    """The sentences of a plain text: everything that splits uses this one splitter."""
    return [s for s in split_sentences(text, lang, pub) if s]


def split_markdown(raw: str, lang: str, pub) -> list[tuple[int, int]]:
    """The sentences of a paragraph's Markdown as (start, end) offsets in `raw`. The
    footnote calls are left out while splitting and then go with the sentence they
    stand in, or end ("uitbuiting.[^37] Van" keeps 37 with the first sentence)."""
    text_parts, calls, pos, length = [], [], 0, 0
    for m in FOOTNOTE_CALL_RE.finditer(raw):
        text_parts.append(raw[pos : m.start()])
        length += m.start() - pos
        calls.append((length, m.start(), m.end()))
        pos = m.end()
    text_parts.append(raw[pos:])
    text = "".join(text_parts)

    def to_raw(offset: int, after_calls: bool) -> int:
        """An offset in the call-less text as an offset in `raw`."""
        shift = 0
        for at, start, end in calls:
            if at < offset or (after_calls and at == offset):
                shift += end - start
        return offset + shift

    spans, cursor = [], 0
    for sentence in split_sentences(text, lang, pub):
        if not sentence:
            continue
        start = text.find(sentence, cursor)
        if start < 0:  # the splitter changed white space: find the words again
            words = r"\s+".join(map(re.escape, sentence.split()))
            m = re.compile(words).search(text, cursor)
            if not m:
                raise ValueError(f"cannot find the sentence {sentence!r} in the paragraph")
            start, end = m.span()
        else:
            end = start + len(sentence)
        spans.append((to_raw(start, False), to_raw(end, True)))
        cursor = end
    return spans


@dataclass(frozen=True)
class Sentence:
    markdown: str  # as written, with its footnote calls
    line: int

    @property
    def text(self) -> str:
        """The words a reader sees (footnote calls left out)."""
        return plain(self.markdown)

    @property
    def calls(self) -> tuple[str, ...]:
        return tuple(m["label"] for m in FOOTNOTE_CALL_RE.finditer(self.markdown))


def sentences_of(block: Block, lang: str, pub) -> list[Sentence]:
    if block.kind == "heading":
        return [Sentence(block.text, block.line)]
    return [Sentence(block.raw[a:b], block.line_at(a)) for a, b in split_markdown(block.raw, lang, pub)]


# --- the record ------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    id: str
    nl: int = 1
    en: int = 1
    source: str | None = None  # the fingerprint of the Dutch the English was made from
    line: int = 0


@dataclass
class Record:
    path: Path
    entries: dict = field(default_factory=dict)  # id -> Entry, in order
    exists: bool = False


class RecordError(ValueError):
    def __init__(self, message: str, line: int = 0):
        super().__init__(message)
        self.line = line


RECORD_HEADER = """\
# How the English of docs/en/{section} pairs with the Dutch, segment by segment.
# Made and renewed by `scripts/publish.py review {stem}`; the checks read it.
#
#   id    the segment: s-N names its first Dutch sentence (numbered through the
#         section), a heading its anchor
#   nl/en how many sentences the segment joins in each language, where it is not one
#         (a translation that merges two Dutch sentences: nl: 2; that splits one: en: 2)
#   from  the fingerprint of the Dutch text the English was translated from; when the
#         Dutch changes, the English is "older than the Dutch" until it is revisited and
#         `scripts/publish.py review {stem} <id>` renews this
segments:
"""


def record_path(section: str, data: Path) -> Path:
    return data / "alignment" / f"{Path(section).stem}.yml"


def load_record(path: Path) -> Record:
    if not path.is_file():
        return Record(path)
    text = datafiles.read_text(path)
    raw = datafiles.load(path, datafiles.SHAPES["alignment"], allow_empty=True)
    lines = {
        m[1]: n
        for n, line in enumerate(text.splitlines(), start=1)
        for m in [re.search(r"\bid:\s*([\w-]+)", line)]
        if m
    }
    record = Record(path, exists=True)
    for item in raw.get("segments") or []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise RecordError(f"each segment needs an id, found {item!r}")
        counts = {k: item.get(k, 1) for k in ("nl", "en")}
        line = lines.get(item["id"], 0)
        if not all(isinstance(v, int) and 1 <= v <= 5 for v in counts.values()):
            raise RecordError(f"{item['id']}: nl and en are counts of sentences from 1 to 5", line)
        record.entries[item["id"]] = Entry(
            item["id"], counts["nl"], counts["en"], str(item["from"]) if item.get("from") else None, line
        )
    return record


def write_record(path: Path, section: str, entries: list[Entry]) -> None:
    rows = []
    for e in entries:
        counts = "".join(f", {k}: {getattr(e, k)}" for k in ("nl", "en") if getattr(e, k) != 1)
        rows.append(f"  - {{id: {e.id}{counts}, from: {e.source}}}")
    datafiles.write_text(path, RECORD_HEADER.format(section=section, stem=Path(section).stem) + "\n".join(rows) + "\n")


def fingerprint(sentences: list[Sentence]) -> str:
    """Of the words (a moved footnote call is the calls check's, not a new text)."""
    text = " ".join(" ".join(s.text.split()) for s in sentences)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --- pairing ---------------------------------------------------------------------------


@dataclass
class Segment:
    id: str
    kind: str  # heading | sentence
    nl: list[Sentence]
    en: list[Sentence]
    pair: int  # the heading or paragraph pair it is in (the parallel page's pair-N)

    def text(self, lang: str) -> str:
        return " ".join(s.text for s in getattr(self, lang))

    def line(self, lang: str) -> int:
        found = getattr(self, lang)
        return found[0].line if found else 0

    def calls(self, lang: str) -> tuple[str, ...]:
        return tuple(c for s in getattr(self, lang) for c in s.calls)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.nl)


@dataclass(frozen=True)
class Problem:
    """Where the English does not pair as the record says: `kind` is missing (a Dutch
    sentence without English), added (English without Dutch), merged, split, or record
    (the record's grouping no longer fits)."""

    kind: str
    segment: Segment
    expected: tuple = ()  # the record's (id, nl, en) beads that the paragraph has instead


@dataclass
class Pairing:
    segments: list[Segment]
    problems: list[Problem]
    english_sentences: int = 0
    dutch_sentences: int = 0


def _numbers(text: str, lang: str, pub) -> set[tuple]:
    """What the quantities of a text mean (the one parser: publication/model/quantities.py)."""

    return {q.key for q in find(text, lang, pub)}


def _cost(a: list[Sentence], b: list[Sentence], ratio: float, pub) -> float:
    """How unlike a translation pair the Dutch sentences `a` and English `b` are."""
    la = sum(len(s.text) for s in a) + 1
    lb = sum(len(s.text) for s in b) + 1
    cost = 2 * abs(math.log(lb / (la * ratio)))
    ta, tb = " ".join(s.text for s in a), " ".join(s.text for s in b)
    cost += 2 * len(_numbers(ta, "nl", pub) ^ _numbers(tb, "en", pub))
    cost += 2 * len(set(c for s in a for c in s.calls) ^ set(c for s in b for c in s.calls))
    cost += 1 * (ta.rstrip().endswith("?") != tb.rstrip().endswith("?"))
    return cost


SKIP, MERGE = 3.5, 3.0
BEADS = ((1, 1, 0.0), (1, 0, SKIP), (0, 1, SKIP), (2, 1, MERGE), (1, 2, MERGE))


def align_sentences(a: list[Sentence], b: list[Sentence], ratio: float, pub) -> list[tuple[int, int]]:
    """The cheapest sequence of beads (Dutch count, English count) pairing `a` with `b`."""
    inf = float("inf")
    best = [[(inf, None)] * (len(b) + 1) for _ in range(len(a) + 1)]
    best[0][0] = (0.0, None)
    for i in range(len(a) + 1):
        for j in range(len(b) + 1):
            here = best[i][j][0]
            if here == inf:
                continue
            for n, m, penalty in BEADS:
                if i + n > len(a) or j + m > len(b):
                    continue
                cost = here + penalty + (_cost(a[i : i + n], b[j : j + m], ratio, pub) if n and m else 0)
                if cost < best[i + n][j + m][0]:
                    best[i + n][j + m] = (cost, (n, m))
    beads, i, j = [], len(a), len(b)
    while i or j:
        n, m = best[i][j][1]
        beads.append((n, m))
        i, j = i - n, j - m
    return beads[::-1]


def pair(nl: Page, en: Page, record: Record, pub) -> Pairing:
    """The segments of a section, and where the English does not pair as recorded.
    The headings and paragraphs must align (the alignment check says where not).
    `pub`: the publication (its sentence splitter and quantity words)."""

    pairs, misaligned = align(nl, en)
    if misaligned:
        return Pairing([], [])
    sentences = {lang: {p.number: sentences_of(getattr(p, lang), lang, pub) for p in pairs} for lang in ("nl", "en")}
    total = {lang: sum(len(s.text) for ss in sentences[lang].values() for s in ss) or 1 for lang in sentences}
    ratio = total["en"] / total["nl"]
    out = Pairing([], [], sum(map(len, sentences["en"].values())), sum(map(len, sentences["nl"].values())))
    numbered = 0
    for p in pairs:
        a, b = sentences["nl"][p.number], sentences["en"][p.number]
        if p.kind == "heading":
            out.segments.append(Segment(p.nl.id or f"pair-{p.number}", "heading", a, b, p.number))
            continue
        # The record's beads for this paragraph (one to one where it says nothing).
        expected, i = [], 0
        while i < len(a):
            sid = f"s-{numbered + i + 1}"
            entry = record.entries.get(sid)
            n = min(entry.nl if entry else 1, len(a) - i)
            expected.append((sid, n, entry.en if entry else 1))
            i += n
        if sum(m for _, _, m in expected) == len(b):
            beads, problems = [(n, m) for _, n, m in expected], None
        else:
            beads, problems = align_sentences(a, b, ratio, pub), []
        i = j = 0
        for n, m in beads:
            sid = f"s-{numbered + i + 1}" if n else f"s-{numbered + i}+"
            seg = Segment(sid, "sentence", a[i : i + n], b[j : j + m], p.number)
            out.segments.append(seg)
            if problems is not None:
                recorded = next(((e, x, y) for e, x, y in expected if e == sid), None)
                if (n, m) == (1, 0):
                    out.problems.append(Problem("missing", seg))
                elif (n, m) == (0, 1):
                    out.problems.append(Problem("added", seg))
                elif recorded is None or recorded[1:] != (n, m):
                    kind = {(2, 1): "merged", (1, 2): "split"}.get((n, m), "record")
                    out.problems.append(
                        Problem(
                            kind,
                            seg,
                            tuple(x for x in expected if x[0] in {f"s-{numbered + k + 1}" for k in range(i, i + n)}),
                        )
                    )
            i, j = i + n, j + m
        numbered += len(a)
    return out


def reviewed_entries(pairing: Pairing, record: Record, ids: set[str] | None) -> list[Entry]:
    """The record's entries with the fingerprints of `ids` (None: every segment)
    renewed from the current Dutch; segments new to the record are added."""
    out = []
    for seg in pairing.segments:
        if not seg.nl or not seg.en:
            continue
        old = record.entries.get(seg.id)
        n, m = len(seg.nl), len(seg.en)
        renew = ids is None or seg.id in ids or old is None
        out.append(Entry(seg.id, n, m, seg.fingerprint if renew else old.source))
    return out


def load_pairing(section: str, nl: Page, en: Page, pub) -> Pairing:
    """The pairing of a section of the publication `pub` with its alignment record."""
    return pair(nl, en, load_record(record_path(section, pub.data)), pub)


def sentence_ids(pairing: Pairing, lang: str) -> dict[int, list[str]]:
    """Pair number -> the segment id of each sentence of that paragraph, in order."""
    out: dict[int, list[str]] = {}
    for seg in pairing.segments:
        if seg.kind == "sentence":
            out.setdefault(seg.pair, []).extend(seg.id for _ in getattr(seg, lang))
    return out
