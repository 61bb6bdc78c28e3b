"""Every word of a sentence pair accounted for (issue 28): lexical coverage both ways,
who does what, when, and order where order is meaning.

Runs per segment on the pairs of publication/model/segments.py, after the translation
check (registry: `lexical`, gated: it runs only when the checks before it found no
errors, so a pair's figures, terms and meaning words already agree).

- Coverage, Dutch to English: every Dutch content word (not a function word of
  data/function-words.yml) is accounted for in the English of its pair, by one of:
  a figure (its words belong to a quantity both sides state), a term of data/terms.yml,
  a meaning word of data/translation-qa.yml (compared concept by concept there), the
  same word (a name), a sense in FreeDict's Dutch–English dictionary (its headword,
  lemma, an undone inflection or the parts of a compound), or an exception recorded in
  data/coverage-exceptions.yml with its reason (a sense the dictionary lacks; a word
  this pair leaves implicit on purpose).
- Coverage, English to Dutch: an English content word that answers to no Dutch word
  of its pair (through the same senses) is an addition, unless recorded as one.
- Actors: the subject of each English clause (the word before its finite verb, the agent
  after "by") must answer to a Dutch word; and a Dutch agent (the subject, or "door …"
  of a passive) stays an agent in the English, never "to/for … the police".
- Tense: the times of the finite verbs (present, past, perfect, future) agree, with the
  honest correspondences allowed (Dutch present for an English future; the Dutch perfect
  for an English past; a Dutch "is + participle", which is a state or a perfect passive).
- Order: the two sides of a comparison (dan/than) keep their words; a negation or
  "only" keeps the word it bears on; a footnote call stays with the clause that holds
  the words before it in the Dutch.

Findings name the pair (its segment id and both sentences), the word, and what would
have counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from publication.checks import translation
from publication.model import datafiles, lexicon, quantities
from publication.model import segments as seg_mod
from publication.model.findings import Finding
from publication.model.publication import Publication as Project

CHECK = "lexical"
EXCEPTIONS = "coverage-exceptions.yml"
FUNCTION_WORDS = "function-words.yml"

SHAPE_FUNCTION_WORDS = {
    "nl": [str],
    "en": [str],
    "with_figures?": {"nl": [str], "en": [str]},
    "future_words?": [str],
}
SHAPE_EXCEPTIONS = {"senses?": [{"nl": str, "en": [str], "why": str}]}
SHAPE_PAIRS = {str: [{"nl?": str, "en?": [str], "why": str, "tense?": bool, "actor?": bool}]}
PAIRS_DIR = "coverage"  # data/coverage/<section>.yml: the exceptions of each section's pairs


# --- the project's data --------------------------------------------------------------------


@dataclass
class Exceptions:
    """The recorded exceptions, each with its reason: data/coverage-exceptions.yml, the
    senses the dictionary lacks (every pair); data/coverage/<section>.yml, per segment,
    the words a translation leaves implicit, adds, or renders with a sense of its own,
    and a change of tense it makes on purpose."""

    senses: dict = field(default_factory=dict)  # Dutch word -> [(English phrase, why)]
    pairs: dict = field(default_factory=dict)  # (section, segment) -> [entry]


def load_function_words(data: Path) -> dict:
    """lang -> its function words; ("with_figures", lang) -> the words that name what a
    period is ("de periode 2017-2021"), counted with the figure they stand before."""
    raw = datafiles.load(data / FUNCTION_WORDS, SHAPE_FUNCTION_WORDS)
    out: dict = {lang: frozenset(w.casefold() for w in raw[lang]) for lang in ("nl", "en")}
    for lang in ("nl", "en"):
        out[("with_figures", lang)] = frozenset(w.casefold() for w in (raw.get("with_figures") or {}).get(lang, []))
    out["future_words"] = frozenset(w.casefold() for w in raw.get("future_words") or [])
    return out


def pairs_path(data: Path, section: str) -> Path:
    """The exceptions of a section's pairs: data/coverage/<section>.yml (as its alignment
    record is data/alignment/<section>.yml)."""
    return data / PAIRS_DIR / f"{Path(section).stem}.yml"


def load_exceptions(data: Path, sections: list[str] = ()) -> Exceptions:
    out = Exceptions()
    path = data / EXCEPTIONS
    if path.is_file():
        raw = datafiles.load(path, SHAPE_EXCEPTIONS, allow_empty=True) or {}
        for entry in raw.get("senses") or []:
            out.senses.setdefault(entry["nl"].casefold(), []).extend((e, entry["why"]) for e in entry["en"])
    for section in sections:
        path = pairs_path(data, section)
        if path.is_file():
            for sid, entries in (datafiles.load(path, SHAPE_PAIRS, allow_empty=True) or {}).items():
                out.pairs[(Path(section).stem, sid)] = entries
    return out


# --- one side of a pair --------------------------------------------------------------------


@dataclass
class Token:
    word: lexicon.Word
    function: bool = False
    # figure | term | meaning | same | dictionary | sense (a recorded sense) | pair (recorded for the pair)
    how: str | None = None
    senses: list = field(default_factory=list)  # the English phrases that would count


def _spans_of(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _mark(tokens: list[Token], spans, how: str) -> None:
    for a, b in spans:
        for t in tokens:
            if t.how is None and t.word.start >= a and t.word.end <= b:
                t.how = how


def _term_spans(text: str, lang: str, project: Project) -> dict[str, list[tuple[int, int]]]:
    """Term (its Dutch) -> its spans in `text`."""
    out: dict[str, list] = {}
    plain = translation.plain_quotes(text)
    for t in project.terms:
        if t.abbr:
            spans = _spans_of(translation._abbr_re(t.abbr), text)
        else:
            spans = []
            for form in t.all_forms(lang):
                pattern = re.compile(rf"(?<!\w){re.escape(translation.plain_quotes(form))}(?!\w)", re.IGNORECASE)
                spans += _spans_of(pattern, plain)
        if spans:
            out[t.abbr or t.nl] = spans
    return out


def _meaning_spans(text: str, lang: str, project: Project, optional: bool = False) -> list[tuple[int, int, str]]:
    """Where the meaning words and the negation and limiting words of
    data/translation-qa.yml stand (their own checks compare them), with their concept;
    with `optional`, where the words stand that may carry a concept without it ("now"
    for "currently"): they count only where the other language has the concept."""
    index = translation.meaning_index(project)
    low = translation.plain_quotes(text).casefold()
    spans = []
    for cls, (phrases, _, _) in index["classes"].items():
        for p in phrases[lang]:
            if p.optional != optional:
                continue  # a word that may carry the concept without it: an ordinary word here
            stem = len(p.phrase.rstrip("*"))
            # dader* is daders, not daderprofiel: a compound's other part is a word of its own
            spans += [
                (a, b, f"{cls}:{p.concept}")
                for a, b in _spans_of(p.pattern, low)
                if not p.phrase.endswith("*") or b - a - stem <= 3
            ]
    if optional:
        return spans
    for cls, words in project.qa["classes"].items():
        for w in words[lang]:
            spans += [(a, b, cls) for a, b in _spans_of(re.compile(rf"(?<!\w){re.escape(w.casefold())}(?!\w)"), low)]
    return spans


@dataclass
class Side:
    text: str
    tokens: list[Token]
    terms: dict  # term -> spans
    quantities: list = field(default_factory=list)  # (meaning, start, end)
    meanings: list = field(default_factory=list)  # (start, end, class:concept)


def read_side(text: str, lang: str, project: Project, function_words) -> Side:
    tokens = [Token(w, function=w.low in function_words[lang]) for w in lexicon.words(text)]
    found = quantities.find(text, lang, project)
    _mark(tokens, [(q.start, q.end) for q in found], "figure")
    naming = function_words.get(("with_figures", lang), frozenset())
    for q in found:
        if q.key[0] != "range":
            continue
        before = [t for t in tokens if t.word.end <= q.start][-2:]
        for t in reversed(before):
            if t.word.low in naming and t.how is None:
                t.how = "figure"  # "de periode 2017-2021": the period is the figure's
                break
            if not t.function:
                break
    terms = _term_spans(text, lang, project)
    return Side(text, tokens, terms, [(q.key, q.start, q.end) for q in found])


# --- coverage --------------------------------------------------------------------------------


@dataclass
class Pair:
    """One segment's two sides with every word's account."""

    seg: seg_mod.Segment
    nl: Side
    en: Side
    stems: dict  # English stem -> indices of English tokens
    uncovered: list = field(default_factory=list)  # (Dutch token, the part, its senses)
    added: list = field(default_factory=list)  # English tokens
    used: dict = field(default_factory=dict)  # English token index -> Dutch token index
    by_synonym: set = field(default_factory=set)  # Dutch tokens tried through WordNet's synonyms


FUNCTION_STEMS_CACHE: dict = {}


def _sense_tokens(sense: str, function_words) -> tuple[list[str], str]:
    """The words of an English sense that must be found (its content words, or all of
    them when it has none), and the sense without spaces (for senses the dictionary
    writes glued: morethan)."""
    ws = [w.low for w in lexicon.words(sense.replace("-", " "))]
    content = [w for w in ws if w not in function_words["en"]]
    return (content or ws), "".join(ws)


def _match_sense(pair: Pair, sense: str, function_words) -> list[tuple[int, tuple[int, ...]]]:
    """Where a sense stands in the English of this pair: (anchor, tokens) for each English
    token its first word could be (the others found anywhere in the sentence)."""
    need, glued = _sense_tokens(sense, function_words)
    if not need:
        return []
    hits = [sorted({i for s in lexicon.stems(w) for i in pair.stems.get(s, [])}) for w in need]
    if all(hits):
        out = []
        for i in hits[0]:
            chosen = [i]
            for h in hits[1:]:  # each further word of the sense at a word of its own (day-to-day)
                free = [j for j in h if j not in chosen]
                if not free:
                    break
                chosen.append(min(free, key=lambda j: abs(j - i)))
            else:
                out.append((i, tuple(chosen)))
        if out:
            return out
    out = []
    if len(need) == 1 and len(glued) > 5:  # a sense the dictionary writes glued: "forthemostpart"
        toks = pair.en.tokens
        for i in range(len(toks)):
            joined = ""
            for j in range(i, min(i + 5, len(toks))):
                joined += toks[j].word.low
                if joined == glued and j > i:
                    out.append((i, tuple(range(i, j + 1))))
                if not glued.startswith(joined):
                    break
    return out


def options_tokens(options: list, matched: dict, anchor: int) -> tuple:
    """The English tokens the matched option at `anchor` stands for."""
    for pos, a in matched.items():
        if a == anchor:
            return options[pos][a][0]
    return ()


def _matching(candidates: list[dict]) -> dict[int, int]:
    """A largest one-to-one matching of units to English anchors (Kuhn's augmenting
    paths): each English word answers to one Dutch word only, so a word named twice in
    the Dutch needs two in the English. Unit index -> anchor."""
    owner: dict[int, int] = {}

    def place(u: int, seen: set) -> bool:
        for anchor in candidates[u]:
            if anchor in seen:
                continue
            seen.add(anchor)
            if anchor not in owner or place(owner[anchor], seen):
                owner[anchor] = u
                return True
        return False

    for u in range(len(candidates)):
        place(u, set())
    return {u: a for a, u in owner.items()}


def senses_of(word: str, dictionary: lexicon.Dictionary, extra: dict) -> tuple[list[tuple[str, str]], str | None]:
    """(sense, source) of a Dutch word, and the form that gave them: the recorded senses
    (`extra`: word -> [(English, source)]) and the dictionary's, for the word and its
    candidate lemmas."""
    out, form = [], None
    for rank, cand in enumerate(lexicon.dutch_candidates(word)):
        # this pair's own sense first; a recorded sense of every pair after the dictionary's
        got = [_Sense(e, src, rank + {"pair": -1, "sense": 0.5}.get(src, 0)) for e, src in extra.get(cand, [])]
        got += [_Sense(s, "dictionary", rank) for s in dictionary.get(cand)]
        if got:
            out += got
            form = form or cand
    return out, form


class _Sense(tuple):
    """(English phrase, source), with the rank of the Dutch form that gave it (0: the
    word itself, 1: its lemma, then the forms with an ending undone, least likely last)."""

    def __new__(cls, sense: str, source: str, rank: int = 0):
        obj = super().__new__(cls, (sense, source))
        obj.rank = rank
        return obj


def compound_parts(word: str, dictionary: lexicon.Dictionary, extra: dict, depth: int = 0) -> list[str] | None:
    """A Dutch compound as its parts, each known to the dictionary or the recorded
    senses (preventieaanpak: preventie, aanpak; beleidsdoelstellingen: beleid,
    doelstellingen): the longest known head first."""
    w = word.casefold()
    if depth > 3 or len(w) < 6:
        return None
    for i in range(3, len(w) - 2):
        head, mod = w[i:], w[:i]
        if not senses_of(head, dictionary, extra)[0]:
            continue
        # the linking s or e first (beleid-s-doelstellingen), then the whole
        for m in (mod[:-1] if mod.endswith("s") else None, mod[:-1] if mod.endswith("e") else None, mod):
            if not m or len(m) < 3:
                continue
            if senses_of(m, dictionary, extra)[0]:
                return [m, head]
            inner = compound_parts(m, dictionary, extra, depth + 1)
            if inner:
                return [*inner, head]
    return None


@dataclass
class Resources:
    project: Project
    data: Path
    function_words: dict
    exceptions: Exceptions
    dictionary: lexicon.Dictionary
    term_senses: dict  # Dutch word of a term -> [(English word, "term")]
    has_thesaurus: bool = False

    @property
    def thesaurus(self) -> lexicon.Thesaurus | None:
        """WordNet, opened when a pair first needs a synonym (most runs never do)."""
        return lexicon.thesaurus() if self.has_thesaurus else None


def resources(project: Project, sections: list[str] = ()) -> Resources:
    data = project.data
    term_senses: dict = {}
    for t in project.terms:
        if t.abbr:
            continue
        for nl in t.all_forms("nl"):
            for en in t.all_forms("en"):
                term_senses.setdefault(nl.casefold(), []).append((en, "term"))
    return Resources(
        project,
        data,
        load_function_words(data),
        load_exceptions(data, sections),
        lexicon.load(),
        term_senses,
        lexicon.thesaurus_missing() is None,
    )


def account(res: Resources, section: str, seg: seg_mod.Segment) -> Pair:
    """Every word of the pair with how it is accounted for."""
    fw = res.function_words
    nl = read_side(seg.text("nl"), "nl", res.project, fw)
    en = read_side(translation.abbreviated(seg.text("en"), res.project), "en", res.project, fw)
    stems: dict = {}
    for i, t in enumerate(en.tokens):
        for s in lexicon.stems(t.word.text):
            stems.setdefault(s, []).append(i)
    pair = Pair(seg, nl, en, stems)
    # terms: a term both sides hold accounts for its words
    for term, spans in nl.terms.items():
        if term in en.terms:
            _mark(nl.tokens, spans, "term")
            _mark(en.tokens, en.terms[term], "term")
    # meaning words: compared by the translation check
    for side, lang in ((nl, "nl"), (en, "en")):
        side.meanings = _meaning_spans(side.text, lang, res.project)
        _mark(side.tokens, [(a, b) for a, b, _ in side.meanings], "meaning")
    # an English word that may carry a concept the Dutch states ("now" for "momenteel")
    concepts = {c for _, _, c in nl.meanings}
    optional = _meaning_spans(en.text, "en", res.project, optional=True)
    _mark(en.tokens, [(a, b) for a, b, c in optional if c in concepts], "meaning")
    # the same word in both: a name, an abbreviation, a loanword (online, aspect, incident)
    en_words: dict = {}
    for i, t in enumerate(en.tokens):
        if not t.function:
            for form in (t.word.text, t.word.low, lexicon.lemma(t.word.low, "en")):
                en_words.setdefault(form, i)
    for t in nl.tokens:
        if t.how is not None or t.function:
            continue
        forms = [t.word.text] if t.word.text[:1].isupper() else []
        forms += [c for c in lexicon.dutch_candidates(t.word.text)[:2] if len(c) >= 4]
        hit = next((en_words[f] for f in forms if f in en_words), None)
        if hit is not None:
            t.how = "same"
            en.tokens[hit].how = en.tokens[hit].how or "same"
    # the recorded senses of this pair, then of every pair, then the dictionary
    local: dict = {}
    implicit: dict = {}
    added: dict = {}
    for entry in res.exceptions.pairs.get((section, seg.id), []):
        if entry.get("tense"):
            continue
        if entry.get("nl") and entry.get("en"):
            for e in entry["en"]:
                local.setdefault(entry["nl"].casefold(), []).append((e, "pair"))
        elif entry.get("nl"):
            implicit[entry["nl"].casefold()] = entry["why"]
        elif entry.get("en"):
            for e in entry["en"]:
                added[e.casefold()] = entry["why"]
    extra: dict = {}
    for source in (
        local,
        {k: [(e, "sense") for e, _ in v] for k, v in res.exceptions.senses.items()},
        res.term_senses,
    ):
        for k, v in source.items():
            extra.setdefault(k, []).extend(v)
    # units: each Dutch content word still to account for, or each part of a compound
    units: list[tuple[int, str, list]] = []  # (token index, part, senses)
    low = [t.word.low for t in nl.tokens]
    phrase_of: dict[int, str] = {}
    for i in range(len(low)):  # multiword headwords of the dictionary ("aan de andere kant")
        for head in res.dictionary.phrases.get(low[i], []):
            n = len(head.split())
            if low[i : i + n] == head.split() and any(_match_sense(pair, x, fw) for x in res.dictionary.get(head)):
                for k in range(i, i + n):
                    phrase_of.setdefault(k, head)
                break
    for i, t in enumerate(nl.tokens):
        if t.how is not None or (t.function and i not in phrase_of):
            continue
        if i in phrase_of:
            if phrase_of.get(i - 1) != phrase_of[i]:
                head = phrase_of[i]
                senses = [_Sense(x, "dictionary") for x in res.dictionary.get(head)]
                for w in head.split():  # and what is recorded for its words
                    senses += [x for x in senses_of(w, res.dictionary, extra)[0] if x[1] != "dictionary"]
                units.append((i, head, senses))
            else:
                t.how = "phrase"
            continue
        word = t.word.low
        senses = senses_of(word, res.dictionary, extra)[0]
        # a separable verb: "werken … samen" is samenwerken, "dragen … bij" bijdragen
        lem = lexicon.lemma(word, "nl")
        if lem.endswith("en") and lem != word or word.endswith("en"):
            for later in nl.tokens[i + 1 :]:
                if later.word.low in lexicon.PARTICLES and later.how is None:
                    whole = later.word.low + (lem if lem.endswith("en") else word)
                    senses = senses + senses_of(whole, res.dictionary, extra)[0]
        parts = [word] if senses else (compound_parts(word, res.dictionary, extra) or [word])
        for part in parts:
            units.append((i, part, senses if part == word else senses_of(part, res.dictionary, extra)[0]))
    # the compounds' parts first: a word left out is then the one reported
    order = sorted(range(len(units)), key=lambda k: (units[k][1] == nl.tokens[units[k][0]].word.low, k))
    options = []
    for k in order:
        opts: dict[int, tuple] = {}
        for sense_entry in units[k][2]:
            sense, source = sense_entry
            for anchor, toks in _match_sense(pair, sense, fw):
                # an English word the terms or the meaning words hold can still answer to a
                # compound's part (daderprofiel: offender profile)
                free = en.tokens[anchor].how in (None, "term", "meaning")
                rank = getattr(sense_entry, "rank", 0)
                if free and (anchor not in opts or (-len(toks), rank) < (-len(opts[anchor][0]), opts[anchor][2])):
                    opts[anchor] = (toks, source, rank)  # the fullest, likeliest sense at that word
        options.append(opts)
    # a word no term or meaning word holds is tried first
    # and of the fullest, likeliest senses, the one nearest the Dutch word's place
    n_nl, n_en = max(len(nl.tokens), 1), max(len(en.tokens), 1)

    def preference(a: int, o: dict, i: int) -> tuple:
        # a content word before a function word ("samen met": partners before with)
        return (-len(o[a][0]), en.tokens[a].function, o[a][2], en.tokens[a].how is not None, abs(a / n_en - i / n_nl))

    matched = _matching(
        [sorted(o, key=lambda a, o=o, k=k: preference(a, o, units[k][0])) for o, k in zip(options, order, strict=True)]
    )

    # WordNet's synonyms, for the Dutch words still without an English one and the English
    # words still free: a sense of the dictionary and a synonym of it (analyse for examine,
    # keep from for prevent) are one sense
    def recorded_added(t: Token) -> bool:
        return t.word.low in added or any(lexicon.stems(t.word.low) & lexicon.stems(a) for a in added)

    left = [
        pos
        for pos in range(len(order))
        if pos not in matched
        and units[order[pos]][1] not in implicit
        and nl.tokens[units[order[pos]][0]].word.low not in implicit
    ]
    free = [
        a
        for a, t in enumerate(en.tokens)
        if not t.function
        and t.how is None
        and not recorded_added(t)
        and a not in {x for m in matched.values() for x in options_tokens(options, matched, m)}
    ]
    if left and free and res.has_thesaurus:
        syn = {a: res.thesaurus.stems(en.tokens[a].word.text) | lexicon.stems(en.tokens[a].word.text) for a in free}
        second = []
        for pos in left:
            opts2: dict[int, tuple] = {}
            for sense_entry in units[order[pos]][2]:
                need, _ = _sense_tokens(sense_entry[0], fw)
                hits = []
                for w in need:
                    targets = lexicon.stems(w) | res.thesaurus.stems(w)
                    hits.append([a for a in free if syn[a] & targets])
                if not need or not all(hits):
                    continue
                for a in hits[0]:
                    chosen = [a]
                    for h in hits[1:]:
                        rest = [x for x in h if x not in chosen]
                        if not rest:
                            break
                        chosen.append(min(rest, key=lambda x, a=a: abs(x - a)))
                    else:
                        if a not in opts2:
                            opts2[a] = (tuple(chosen), sense_entry[1], getattr(sense_entry, "rank", 0))
            options[pos] = opts2
            pair.by_synonym.add(units[order[pos]][0])
            second.append(pos)
        more = _matching([sorted(options[pos]) for pos in second])
        for j, a in more.items():
            matched[second[j]] = a
    results: dict[int, list] = {}
    for pos, k in enumerate(order):
        i, part, senses = units[k]
        anchor = matched.get(pos)
        if anchor is not None:
            toks, source, _ = options[pos][anchor]
            for h in toks:
                pair.used.setdefault(h, i)
            results.setdefault(i, []).append((part, source, senses))
        else:
            results.setdefault(i, []).append((part, None, senses))
    for i, parts in results.items():
        t = nl.tokens[i]
        missing = [(part, senses) for part, source, senses in parts if source is None]
        sources = {source for _, source, _ in parts if source}
        if not missing:
            t.how = next(h for h in ("pair", "sense", "term", "dictionary") if h in sources)
        elif t.word.low in implicit or any(part in implicit for part, _ in missing):
            t.how = "pair"  # left implicit on purpose, as recorded
        else:
            pair.uncovered.append((t, missing[0][0], [s for s, _ in missing[0][1]]))
    for k in range(len(nl.tokens)):
        if nl.tokens[k].how == "phrase":
            head = next((results[j] for j in range(k, -1, -1) if j in results), None)
            nl.tokens[k].how = "dictionary" if head and all(src for _, src, _ in head) else None
    # a Dutch function word's senses: the English words it stands for are no additions
    # (worden: become), though it needs no English word itself
    for i, t in enumerate(nl.tokens):
        if t.function and t.how is None:
            for sense, _ in senses_of(t.word.low, res.dictionary, extra)[0]:
                for _, toks in _match_sense(pair, sense, fw):
                    for h in toks:
                        if en.tokens[h].how is None:
                            pair.used.setdefault(h, i)
    for i, t in enumerate(en.tokens):
        if t.function or t.how is not None or i in pair.used:
            continue
        if t.word.low in added or any(lexicon.stems(t.word.low) & lexicon.stems(a) for a in added):
            t.how = "pair"  # added on purpose, as recorded
            continue
        pair.added.append(t)
    return pair


def _finding(ctx: translation.Context, seg, expected: str, found: str) -> Finding:
    """A finding of this check at the English sentence of `seg`."""
    return Finding(ctx.rel("en"), seg.line("en") or seg.line("nl"), expected, found, CHECK)


def _quote(ctx: translation.Context, seg) -> str:
    return ctx.quote(seg, "nl")


def check_coverage(ctx: translation.Context, res: Resources, pairs: dict) -> list[Finding]:
    """Every Dutch content word has its English, and every English content word its Dutch."""
    findings = []
    record = ctx.project.rel(ctx.project.data / EXCEPTIONS)
    own = ctx.project.rel(pairs_path(ctx.project.data, ctx.section))
    for seg in ctx.complete:
        pair = pairs[seg.id]
        for tok, part, senses in pair.uncovered:
            word = tok.word.text if part == tok.word.low else f"{part}' of '{tok.word.text}"
            would = (
                f"one of {', '.join(repr(s) for s in senses[:6])}: its senses in FreeDict and {record}"
                if senses
                else "neither FreeDict nor the recorded senses know it"
            )
            findings.append(
                _finding(
                    ctx,
                    seg,
                    f"an English word for '{word}' of {_quote(ctx, seg)} ({would}; or the word recorded "
                    f"as implicit in this pair in {own}, with its reason)",
                    f"none in «{seg.text('en')}»",
                )
            )
        if pair.added:
            shown = ", ".join(f"'{t.word.text}'" for t in dict((t.word.low, t) for t in pair.added).values())
            findings.append(
                _finding(
                    ctx,
                    seg,
                    f"English words that answer to the Dutch of {_quote(ctx, seg)} (a sense of one of its words "
                    f"in FreeDict, a term, a figure, or an addition recorded with its reason in {own})",
                    f"{shown}, added in «{seg.text('en')}»",
                )
            )
    return findings


# --- which English words answer to a Dutch word ----------------------------------------------


def counterparts(pair: Pair, i: int) -> set[int]:
    """The English tokens that answer to Dutch token `i`: through its sense (the
    matching), its figure, its term, its meaning word's concept, or the same word."""
    nl, en = pair.nl, pair.en
    t = nl.tokens[i]
    out = {h for h, d in pair.used.items() if d == i}

    def tokens_in(spans) -> set[int]:
        return {k for k, x in enumerate(en.tokens) for a, b in spans if x.word.start >= a and x.word.end <= b}

    for key, a, b in nl.quantities:
        if a <= t.word.start < b:
            out |= tokens_in([(c, d) for k, c, d in en.quantities if k == key])
    for term, spans in nl.terms.items():
        if any(a <= t.word.start < b for a, b in spans):
            out |= tokens_in(en.terms.get(term, []))
    for a, b, concept in nl.meanings:
        if a <= t.word.start < b:
            out |= tokens_in([(c, d) for c, d, k in en.meanings if k == concept])
    if t.how == "same":
        out |= {k for k, x in enumerate(en.tokens) if x.word.low == t.word.low}
    return out


# --- who does what ----------------------------------------------------------------------------

EN_PRONOUN_SUBJECTS = frozenset("i you he she it we they this that which who there".split())
EN_BE = frozenset("am is are was were be been being".split())
EN_HAVE = frozenset("has have had having".split())
EN_AUX = EN_BE | EN_HAVE | frozenset("do does did will would shall should can could may might must".split())
EN_IRREGULAR_PAST = frozenset(
    "made kept held found took gave saw said went came got put began became brought thought told left felt knew "
    "grew drew rose wrote spoke chose ran stood met led paid sent spent built won lost sought taught caught fought "
    "bought set showed".split()
)
EN_IRREGULAR_PARTICIPLE = frozenset(
    "made kept held found taken given seen said gone come got gotten put begun become brought thought told left "
    "felt known grown drawn risen written spoken chosen run stood met led paid sent spent built won lost sought "
    "taught caught fought bought set shown been done".split()
)
EN_AGENT_PREPOSITIONS = frozenset({"by"})
EN_DETERMINERS = frozenset("the a an this these that those its their his her our".split())
EN_NOT_AGENT = frozenset("to for with from against at on into about towards".split())
NL_PREPOSITIONS_BEFORE = frozenset({"door"})


def _between(text: str, a, b) -> str:
    return text[a.word.end : b.word.start]


def _en_participle(w: str) -> bool:
    return w.endswith("ed") or w.endswith("en") or w in EN_IRREGULAR_PARTICIPLE


def english_verbs(side: Side) -> list[tuple[int, str]]:
    """(token index, time) of the finite verbs of an English sentence: present, past,
    perfect, future (the verb group's first word)."""
    toks = side.tokens
    low = [t.word.low for t in toks]
    out = []
    skip = set()
    for k, w in enumerate(low):
        if k in skip:
            continue
        clause_break = lambda j: bool(re.search(r"[,;:()]", _between(side.text, toks[j - 1], toks[j])))  # noqa: E731
        ahead = []  # the verb group after an auxiliary: adverbs may stand between
        for j in range(k + 1, min(k + 5, len(toks))):
            if clause_break(j):
                break
            ahead.append(j)
        if w in ("will", "shall") or w.endswith("'ll"):
            out.append((k, "future"))
            skip |= set(ahead)
        elif w in ("has", "have"):
            part = next((j for j in ahead if _en_participle(low[j])), None)
            nxt = ahead[0] if ahead else None
            if part is not None and (nxt == part or low[nxt] in ("been",) or low[nxt].endswith("ly") or nxt < part):
                out.append((k, "perfect"))
                skip |= {j for j in ahead if j <= part}
            else:
                out.append((k, "present"))
        elif w == "had":
            out.append((k, "past"))
            skip |= {j for j in ahead if _en_participle(low[j])}
        elif w in ("was", "were", "did"):
            out.append((k, "past"))
        elif w in ("am", "is", "are", "do", "does"):
            out.append((k, "present"))
        elif not toks[k].function and k > 0 and toks[k].how not in ("figure",):
            prev = low[k - 1]
            raw_before = side.text[max(0, toks[k].word.start - 1) : toks[k].word.start]
            if raw_before in "-‐" or clause_break(k):
                continue
            subject = (prev in EN_PRONOUN_SUBJECTS) or (
                not toks[k - 1].function
                and toks[k - 1].how not in ("meaning", "figure")
                and not prev.endswith("ly")
                and prev not in ("more", "most", "less", "ever", "very")
            )
            if not subject or prev in EN_AUX:
                continue
            nxt = low[k + 1] if k + 1 < len(low) else ""
            if ((w.endswith("ed") and lexicon.lemma(w, "en") != w) or w in EN_IRREGULAR_PAST) and nxt != "by":
                if any(low[j] in EN_AUX for j in range(max(0, k - 3), k)):
                    continue
                out.append((k, "past"))
            # A lexical present (helps, work) is not told from a plural noun without a
            # tagger: a sentence without another time is read as present (tense_findings).
    return out


NL_FUTURE = frozenset("zal zullen zult".split())
NL_HAVE = frozenset("heeft hebben heb hebt".split())
NL_BE = frozenset("is zijn ben bent".split())
NL_BECOME = frozenset("wordt worden word".split())
NL_PAST_AUX = frozenset("was waren werd werden had hadden kon konden moest moesten wilde wilden mocht mochten".split())
NL_STRONG_PAST = frozenset(
    "ging gingen kwam kwamen bleef bleven zag zagen gaf gaven nam namen bracht brachten dacht dachten vond vonden "
    "liet lieten stond stonden lag lagen zat zaten sprak spraken schreef schreven deed deden hield hielden wist "
    "wisten zocht zochten vroeg vroegen kreeg kregen trok trokken droeg droegen richtte richtten".split()
)
NL_DETERMINERS = frozenset("de het een deze die dit dat onze hun zijn haar mijn".split())
NL_MODAL_PRESENT = frozenset("wil kan moet mag kunt".split())
NL_NOT_NOUNS = frozenset("geen niet nooit niets slechts alleen ook wel nog al zo".split())
NL_PREPOSITIONS = frozenset(
    "aan achter bij binnen buiten in langs met na naar naast om op over per te ten ter tegen tot tussen uit van "
    "vanaf via voor zonder onder boven rond tijdens volgens".split()
)


def _nl_participle(w: str) -> bool:
    if re.match(rf"^(?:{'|'.join(lexicon.PARTICLES)}|eerder)?ge\w{{2,}}(?:d|t|en)$", w):
        return True
    return bool(re.match(r"^(?:be|ver|ont|her|er)\w{2,}[dt]$", w)) and lexicon.lemma(w, "nl").endswith("en")


def dutch_verbs(side: Side) -> list[tuple[int, str]]:
    """(token index, time) of the finite verbs of a Dutch sentence: present, past,
    perfect, state (zijn + participle: a state or a perfect passive), future."""
    toks = side.tokens
    low = [t.word.low for t in toks]
    out = []

    def clause(k: int) -> list[int]:
        """The tokens of the clause around token k (between , ; : and the sentence's ends)."""
        start = k
        while start > 0 and not re.search(r"[,;:()]", _between(side.text, toks[start - 1], toks[start])):
            start -= 1
        end = k
        while end + 1 < len(toks) and not re.search(r"[,;:()]", _between(side.text, toks[end], toks[end + 1])):
            end += 1
        return list(range(start, end + 1))

    for k, w in enumerate(low):
        if w in NL_FUTURE:
            out.append((k, "future"))
        elif w in NL_HAVE | NL_BE:
            parts = [j for j in clause(k) if j != k and _nl_participle(low[j])]
            if parts:
                out.append((k, "perfect" if w in NL_HAVE else "state"))
            elif w not in ("zijn",) or k == 0 or low[k - 1] not in ("te", "van"):
                out.append((k, "present"))
        elif w in NL_BECOME or w in NL_MODAL_PRESENT:
            out.append((k, "present"))
        elif w in NL_PAST_AUX or w in NL_STRONG_PAST:
            out.append((k, "past"))
        elif toks[k].function or toks[k].how == "figure":
            continue
        elif _nl_participle(w):
            continue
        else:
            lem = lexicon.lemma(w, "nl")
            if not lem.endswith("en") or lem == w:
                continue
            prev = low[k - 1] if k else ""
            stems = lexicon._closed_syllable(lem[:-2]) | {lem[:-1]}  # gaan: gaat
            if prev in NL_DETERMINERS or prev == "te":
                continue
            if any(w == st + end for st in stems for end in ("de", "te", "den", "ten")):
                out.append((k, "past"))  # registreerde, werkten
            elif any(w in (st + "t", st) for st in stems if st.endswith(("t", "d")) or w.endswith("t")):
                out.append((k, "present"))  # onderzoekt, richt, betreft
    return out


# English time -> the Dutch times that allow it; Dutch time -> the English that keep it
ALLOWS = {
    "present": {"present", "state"},
    "past": {"past", "perfect", "state"},
    "perfect": {"perfect", "state", "past"},
    "future": {"future"},
}
KEPT_BY = {
    "present": {"present", "future"},
    "past": {"past", "perfect"},
    "perfect": {"perfect", "past"},
    "future": {"future"},
    "state": {"present", "past", "perfect"},
}
TIME_NAMES = {
    "present": "the present",
    "past": "the past",
    "perfect": "the perfect",
    "future": "the future",
    "state": "a state or perfect passive (zijn + participle)",
}


def tense_findings(pair: Pair, future_words: frozenset) -> list[tuple[str, str]]:
    """(expected, found) where the times of the two sentences disagree."""
    nl, en = dutch_verbs(pair.nl), english_verbs(pair.en)
    if pair.seg.kind != "sentence":
        return []
    # a verb that neither list tells (werken, helps) is most likely a present
    n_times = {t for _, t in nl} or {"present"}
    if "present" in n_times and any(t.word.low in future_words for t in pair.nl.tokens):
        n_times.add("future")  # "Hierna wordt bezien": a present of what is to come
    e_times = {t for _, t in en} or {"present"}

    def words(side: Side, verbs, time) -> str:
        found = ", ".join(f"'{side.tokens[k].word.text}'" for k, t in verbs if t == time)
        return found or "no verb of another time"

    out = []
    for time in sorted(e_times):
        if not ALLOWS[time] & n_times:
            have = " and ".join(
                f"{TIME_NAMES[t]} ({words(pair.nl, nl, t)})" for t in sorted(n_times) if words(pair.nl, nl, t)
            )
            out.append((f"the time of the Dutch, {have}", f"{TIME_NAMES[time]} ({words(pair.en, en, time)})"))
    if not out:
        for time in sorted(n_times):
            if time in {t for _, t in nl} and time != "present" and not KEPT_BY[time] & e_times:
                have = " and ".join(f"{TIME_NAMES[t]} ({words(pair.en, en, t)})" for t in sorted(e_times))
                out.append((f"{TIME_NAMES[time]} of the Dutch ({words(pair.nl, nl, time)})", have))
    return out


def check_tense(ctx: translation.Context, res: Resources, pairs: dict) -> list[Finding]:
    """The Dutch and the English of a pair keep the same time."""
    findings = []
    section = Path(ctx.section).stem
    for seg in ctx.complete:
        if any(e.get("tense") for e in res.exceptions.pairs.get((section, seg.id), [])):
            continue
        for expected, found in tense_findings(pairs[seg.id], res.function_words.get("future_words", frozenset())):
            findings.append(
                _finding(
                    ctx,
                    seg,
                    f"{expected} of {_quote(ctx, seg)} in its English (or the change of tense recorded with "
                    f"its reason in {ctx.project.rel(pairs_path(ctx.project.data, ctx.section))})",
                    f"{found} in «{seg.text('en')}»",
                )
            )
    return findings


def english_subjects(side: Side) -> list[int]:
    """The subject of each English clause: the word before its finite verb (through a
    relative clause or an adverb), or the agent after 'by'."""
    out = []
    toks = side.tokens
    for k, _ in english_verbs(side):
        j = k - 1
        while j >= 0 and (toks[j].word.low.endswith("ly") or toks[j].word.low in ("therefore", "also", "not")):
            j -= 1
        if (
            j >= 0
            and not toks[j].function
            and not re.search(r"[,;:()]", side.text[toks[j].word.end : toks[k].word.start])
        ):
            out.append(j)
    for k, t in enumerate(toks):
        if t.word.low == "by":
            j = k + 1
            while j < len(toks) and toks[j].function:
                j += 1
            while (
                j + 1 < len(toks)
                and not toks[j + 1].function
                and not re.search(r"[,;:()]", _between(side.text, toks[j], toks[j + 1]))
            ):
                j += 1  # the head of the noun phrase: its last word
            if j < len(toks):
                out.append(j)
    return out


def dutch_agents(side: Side) -> list[int]:
    """Who acts in a Dutch sentence: the agent after 'door' (a passive), and a noun right
    before or after a finite verb (the subject of a main or a subordinate clause)."""
    toks = side.tokens
    out = []
    for k, t in enumerate(toks):
        if t.word.low == "door":
            j = k + 1
            while j < len(toks) and toks[j].function:
                j += 1
            if j < len(toks):
                out.append(j)
    for k, _ in dutch_verbs(side):
        for j in (k + 1, k + 2, k - 1, k - 2):
            if not (0 <= j < len(toks)) or toks[j].function or toks[j].how == "figure":
                continue
            if toks[j].word.low in NL_NOT_NOUNS:
                continue
            between = toks[min(j, k) + 1 : max(j, k)]
            named = toks[j - 1].word.low in NL_DETERMINERS if j else False
            head = j - 1 if named else j
            if head > 0 and toks[head - 1].word.low in NL_PREPOSITIONS:
                continue  # "voor de politie": a preposition's object, no subject
            noun = named or toks[j].word.text[:1].isupper() or toks[j].how in ("term", "meaning")
            if noun and all(b.word.low in NL_DETERMINERS for b in between) and not _nl_participle(toks[j].word.low):
                out.append(j)
    return sorted(set(out))


def check_actors(ctx: translation.Context, res: Resources, pairs: dict) -> list[Finding]:
    """Who does what: an English subject answers to a word of the Dutch (an actor the
    Dutch does not have is a finding), and who acts in the Dutch acts in the English
    (the subject, or 'by …'), never 'to the police' for 'door de politie'."""
    findings = []
    for seg in ctx.complete:
        pair = pairs[seg.id]
        added = {id(t) for t in pair.added}
        for j in english_subjects(pair.en):
            t = pair.en.tokens[j]
            if id(t) in added:
                findings.append(
                    _finding(
                        ctx,
                        seg,
                        f"an actor that {_quote(ctx, seg)} has (the subject of a clause answers to a word of "
                        f"the Dutch)",
                        f"'{t.word.text}' acting in «{seg.text('en')}», a word that answers to nothing in the Dutch",
                    )
                )
                pair.added = [x for x in pair.added if x is not t]
        for i in dutch_agents(pair.nl):
            theirs = counterparts(pair, i)
            if not theirs:
                continue
            roles = []
            for k in sorted(theirs):
                j = k - 1  # back over the article and the other words of the noun phrase
                while j >= 0 and pair.en.tokens[j].word.low not in EN_NOT_AGENT | EN_AGENT_PREPOSITIONS:
                    if pair.en.tokens[j].function and pair.en.tokens[j].word.low not in EN_DETERMINERS:
                        break
                    if re.search(r"[,;:()]", _between(pair.en.text, pair.en.tokens[j], pair.en.tokens[j + 1])):
                        break
                    j -= 1
                roles.append(pair.en.tokens[j].word.low if j >= 0 else "")
            if all(r in EN_NOT_AGENT for r in roles):
                word = pair.nl.tokens[i].word.text
                shown = pair.en.tokens[min(theirs)].word.text
                findings.append(
                    _finding(
                        ctx,
                        seg,
                        f"'{word}' acting in the English as in {_quote(ctx, seg)} (the subject of its verb, or "
                        f"'by …' of a passive)",
                        f"'{shown}' only after '{roles[0]}' in «{seg.text('en')}»",
                    )
                )
    return findings


# --- order where order is meaning ---------------------------------------------------------------

NL_THAN = frozenset({"dan"})
EN_THAN = frozenset({"than"})


def _side_of(tokens: list[Token], k: int, pivot: int) -> str:
    return "before" if k < pivot else "after"


def check_comparison_sides(ctx: translation.Context, res: Resources, pairs: dict) -> list[Finding]:
    """The two sides of a comparison keep their words: what the Dutch compares before
    'dan' stands before 'than' in the English, and what it compares it with after."""
    findings = []
    for seg in ctx.complete:
        pair = pairs[seg.id]
        a = [k for k, t in enumerate(pair.nl.tokens) if t.word.low in NL_THAN]
        b = [k for k, t in enumerate(pair.en.tokens) if t.word.low in EN_THAN]
        if len(a) != 1 or len(b) != 1:
            continue  # no comparison, or more than one: not compared here
        wrong = []
        for i, t in enumerate(pair.nl.tokens):
            if t.function or t.how == "figure":
                continue
            side = _side_of(pair.nl.tokens, i, a[0])
            same_word_other_side = any(
                x.word.low == t.word.low and _side_of(pair.nl.tokens, m, a[0]) != side
                for m, x in enumerate(pair.nl.tokens)
            )
            theirs = counterparts(pair, i)
            if not theirs or same_word_other_side:
                continue
            if all(_side_of(pair.en.tokens, k, b[0]) != side for k in theirs):
                wrong.append((t, side))
        if wrong:
            sides = []
            for side in ("before", "after"):
                words = [f"'{w.word.text}'" for w, x in wrong if x == side]
                if words:
                    sides.append(f"{', '.join(words)} {side} 'than'")
            findings.append(
                _finding(
                    ctx,
                    seg,
                    f"the two sides of the comparison of {_quote(ctx, seg)} kept: {' and '.join(sides)}, as "
                    f"the Dutch has them {' and '.join(x for x in ('before', 'after') if any(y == x for _, y in wrong))} 'dan'",
                    f"them on the other side of 'than' in «{seg.text('en')}»",
                )
            )
    return findings


def _items_after(side: Side, k: int, n: int) -> list[tuple]:
    """The first `n` content words or figures after token k, in its clause: ("t", index)
    for a word, ("q", meaning) for a figure."""
    toks = side.tokens
    start = toks[k].word.end
    stop = re.search(r"[,;:()]", side.text[start:])
    end = start + stop.start() if stop else len(side.text)
    items = [(q_start, ("q", key)) for key, q_start, _ in side.quantities if start <= q_start < end]
    items += [
        (t.word.start, ("t", j))
        for j, t in enumerate(toks)
        if start <= t.word.start < end and not t.function and t.how != "figure"
    ]
    return [item for _, item in sorted(items)[:n]]


def check_scope(ctx: translation.Context, res: Resources, pairs: dict) -> list[Finding]:
    """A negation or a limiting word bears on the same word: 'slechts 19%' is 'only 19%',
    never 'only a suspect … 19%'; 'geen verdachte' is 'no suspect' (or 'a suspect … not')."""
    findings = []
    classes = ctx.project.qa["classes"]
    for seg in ctx.complete:
        pair = pairs[seg.id]
        for cls, words in classes.items():
            nl_words = {w.casefold() for w in words["nl"]}
            en_words = {w.casefold() for w in words["en"]}
            nl_at = [k for k, t in enumerate(pair.nl.tokens) if t.word.low in nl_words]
            en_at = [k for k, t in enumerate(pair.en.tokens) if t.word.low in en_words or t.word.low.endswith("n't")]
            if len(nl_at) != 1 or len(en_at) != 1:
                continue  # none, or several: the polarity check compares them
            focus = _items_after(pair.nl, nl_at[0], 1)
            if not focus:
                continue
            kind, ref = focus[0]
            if kind == "q":
                theirs = {("q", ref)}
                word = next(pair.nl.text[a:b] for key, a, b in pair.nl.quantities if key == ref)
            else:
                theirs = {("t", j) for j in counterparts(pair, ref)}
                word = pair.nl.tokens[ref].word.text
            if not theirs or (kind == "q" and not any(key == ref for key, _, _ in pair.en.quantities)):
                continue
            k = en_at[0]
            scope = set(_items_after(pair.en, k, 2))
            low = pair.en.tokens[k].word.low
            if low in ("not", "never") or low.endswith("n't"):
                scope |= {("t", j) for j in english_subjects(pair.en)} | {("t", j) for j in range(max(0, k - 4), k)}
            if not theirs & scope:
                first = _items_after(pair.en, k, 1)
                shown = (
                    pair.en.tokens[first[0][1]].word.text
                    if first and first[0][0] == "t"
                    else next(
                        (pair.en.text[a:b] for key, a, b in pair.en.quantities if first and key == first[0][1]), ""
                    )
                )
                findings.append(
                    _finding(
                        ctx,
                        seg,
                        f"'{pair.en.tokens[k].word.text}' bearing on the English of '{word}', as "
                        f"'{pair.nl.tokens[nl_at[0]].word.text}' does in {_quote(ctx, seg)} ({cls})",
                        f"it bearing on '{shown}' in «{seg.text('en')}»",
                    )
                )
    return findings


CALL_MARK = "\ue000"


def _with_calls(sentences, lang: str, project: Project) -> tuple[str, list[tuple[str, int]]]:
    """The plain text of `sentences` and (footnote label, offset) of each call in it."""
    from publication.model.pages import FOOTNOTE_CALL_RE, plain

    marked = " ".join(
        plain(FOOTNOTE_CALL_RE.sub(lambda m: CALL_MARK + m["label"] + CALL_MARK, s.markdown)) for s in sentences
    )
    if lang == "en":
        marked = translation.abbreviated(marked, project)
    calls, text, pos = [], "", 0
    for m in re.finditer(rf"{CALL_MARK}([^{CALL_MARK}]*){CALL_MARK}", marked):
        text += marked[pos : m.start()]
        calls.append((m.group(1), len(text)))
        pos = m.end()
    text += marked[pos:]
    return text, calls


def _clause_span(side: Side, offset: int) -> tuple[int, int]:
    """The clause around a place in the text: between , ; : ( ) – and the ends."""
    text = side.text
    start = max((m.end() for m in re.finditer(r"[,;:()–—]", text[:offset])), default=0)
    after = re.search(r"[,;:()–—]", text[offset:])
    return start, offset + after.start() if after else len(text)


def check_call_clauses(ctx: translation.Context, res: Resources, pairs: dict) -> list[Finding]:
    """A footnote call stays with its clause: the English call stands after the English
    of the word the Dutch call follows, in the same clause."""
    findings = []
    for seg in ctx.complete:
        pair = pairs[seg.id]
        nl_text, nl_calls = _with_calls(seg.nl, "nl", ctx.project)
        en_text, en_calls = _with_calls(seg.en, "en", ctx.project)
        if nl_text != pair.nl.text or en_text != pair.en.text:
            continue
        where_en = dict(en_calls)
        for label, offset in nl_calls:
            if label not in where_en:
                continue  # a missing call is the translation check's
            before = [i for i, t in enumerate(pair.nl.tokens) if t.word.end <= offset and not t.function]
            if not before:
                continue
            i = before[-1]
            theirs = counterparts(pair, i)
            if not theirs:
                continue
            at = where_en[label]
            last = max((k for k, t in enumerate(pair.en.tokens) if t.word.end <= at), default=-1)
            # English words that answer to Dutch words after the Dutch call
            after_nl = {
                k
                for j, t in enumerate(pair.nl.tokens)
                if t.word.start >= offset and not t.function
                for k in counterparts(pair, j)
            }
            at_end = not any(t.word.start >= offset for t in pair.nl.tokens) and not any(
                t.word.start >= at for t in pair.en.tokens
            )
            # the call after the English of that word, in the same clause, with no English
            # of a word that follows the Dutch call between them ("Prevention with
            # Authority programme[^35]"; "their knowledge with each other.[^90]")
            ok = at_end or any(
                k <= last
                and not re.search(r"[,;:()]", en_text[pair.en.tokens[k].word.end : at])
                and not any(k < m <= last for m in after_nl)
                for k in theirs
            )
            if not ok:
                word = pair.nl.tokens[i].word.text
                a, _ = _clause_span(pair.en, at)
                clause = en_text[a:at].strip() if last >= 0 else ""
                holder = pair.en.tokens[max(theirs)].word.text
                findings.append(
                    _finding(
                        ctx,
                        seg,
                        f"the call of footnote {label} right after '{holder}', the English of '{word}' that it "
                        f"follows in {_quote(ctx, seg)}",
                        f"it after «{clause}» in «{seg.text('en')}»",
                    )
                )
    return findings


# --- running ------------------------------------------------------------------------------------

CHECKS = (check_actors, check_coverage, check_tense, check_comparison_sides, check_scope, check_call_clauses)


def check_section(project: Project, section: str, nl, en) -> list[Finding]:
    ctx = translation.context(project, section, nl, en)
    if ctx.pairing.problems:
        return []  # the translation check reports how the sentences pair
    res = resources(project, [section])
    name = Path(section).stem
    pairs = {seg.id: account(res, name, seg) for seg in ctx.complete}
    findings = []
    for check in CHECKS:
        findings += check(ctx, res, pairs)
    lexicon.save_lemmas()
    return findings


def run(project: Project, loaded) -> list[Finding]:
    findings = []
    for rel, nl, en in loaded.section_pairs():
        findings += check_section(project, rel, nl, en)
    return findings


def dictionary_unavailable(ctx) -> str | None:
    return lexicon.dictionary_missing() or lexicon.thesaurus_missing()


def coverage_table(project: Project, section: str, nl, en) -> dict:
    """How the content words of a section's pairs are accounted for: counts by source
    (dictionary, WordNet synonym, term, figure, meaning word, same word, exception),
    per language, and the recorded exceptions that were used, with their reasons."""
    pairing = translation.context(project, section, nl, en).pairing
    res = resources(project, [section])
    name = Path(section).stem
    counts = {"nl": {}, "en": {}}
    used_exceptions = []
    pairs = 0
    for seg in pairing.segments:
        if not (seg.nl and seg.en):
            continue
        pairs += 1
        pair = account(res, name, seg)
        for i, t in enumerate(pair.nl.tokens):
            if t.function and t.how in (None, "meaning"):
                continue
            how = t.how or "not accounted for"
            if how == "dictionary" and i in pair.by_synonym:
                how = "synonym"
            if how == "phrase":
                how = "dictionary"
            counts["nl"][how] = counts["nl"].get(how, 0) + 1
        for k, t in enumerate(pair.en.tokens):
            if t.function and t.how in (None, "meaning"):
                continue
            how = t.how or (pair.nl.tokens[pair.used[k]].how or "dictionary" if k in pair.used else "added")
            if how == "dictionary" and k in pair.used and pair.used[k] in pair.by_synonym:
                how = "synonym"
            counts["en"][how] = counts["en"].get(how, 0) + 1
        for entry in res.exceptions.pairs.get((name, seg.id), []):
            used_exceptions.append((seg.id, entry))
    return {"pairs": pairs, "counts": counts, "exceptions": used_exceptions, "senses": res.exceptions.senses}
