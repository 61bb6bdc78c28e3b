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
from publication.model import terms as terms_mod
from publication.model.findings import Finding
from publication.model.project import Project

CHECK = "lexical"
EXCEPTIONS = "coverage-exceptions.yml"
FUNCTION_WORDS = "function-words.yml"

SHAPE_FUNCTION_WORDS = {"nl": [str], "en": [str], "with_figures?": {"nl": [str], "en": [str]}}
SHAPE_EXCEPTIONS = {
    "senses?": [{"nl": str, "en": [str], "why": str}],
    "pairs?": {str: {str: [{"nl?": str, "en?": [str], "why": str, "tense?": bool, "actor?": bool}]}},
}


# --- the project's data --------------------------------------------------------------------


@dataclass
class Exceptions:
    """data/coverage-exceptions.yml: senses the dictionary lacks (every pair), and per
    section and segment the words a translation leaves implicit, adds, or renders with
    a sense of its own, and a change of tense it makes on purpose; each with its reason."""

    senses: dict = field(default_factory=dict)  # Dutch word -> [(English phrase, why)]
    pairs: dict = field(default_factory=dict)  # (section, segment) -> [entry]
    lines: dict = field(default_factory=dict)  # (section, segment) -> line in the file


def load_function_words(data: Path) -> dict:
    """lang -> its function words; ("with_figures", lang) -> the words that name what a
    period is ("de periode 2017-2021"), counted with the figure they stand before."""
    raw = datafiles.load(data / FUNCTION_WORDS, SHAPE_FUNCTION_WORDS)
    out: dict = {lang: frozenset(w.casefold() for w in raw[lang]) for lang in ("nl", "en")}
    for lang in ("nl", "en"):
        out[("with_figures", lang)] = frozenset(w.casefold() for w in (raw.get("with_figures") or {}).get(lang, []))
    return out


def load_exceptions(data: Path) -> Exceptions:
    path = data / EXCEPTIONS
    if not path.is_file():
        return Exceptions()
    raw = datafiles.load(path, SHAPE_EXCEPTIONS, allow_empty=True) or {}
    out = Exceptions()
    for entry in raw.get("senses") or []:
        out.senses.setdefault(entry["nl"].casefold(), []).extend((e, entry["why"]) for e in entry["en"])
    text = datafiles.read_text(path).splitlines()
    for section, segs in (raw.get("pairs") or {}).items():
        for sid, entries in segs.items():
            out.pairs[(section, sid)] = entries
            out.lines[(section, sid)] = next(
                (n for n, line in enumerate(text, start=1) if re.match(rf"\s*{re.escape(sid)}:\s*$", line)), 0
            )
    return out


# --- one side of a pair --------------------------------------------------------------------


@dataclass
class Token:
    word: lexicon.Word
    function: bool = False
    how: str | None = None  # figure | term | meaning | same | dictionary | exception
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
    for t in terms_mod.terms(project):
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


def _meaning_spans(text: str, lang: str, data: Path) -> list[tuple[int, int]]:
    """Where the meaning words and the negation and limiting words of
    data/translation-qa.yml stand (their own checks compare them)."""
    index = translation.meaning_index(data)
    low = translation.plain_quotes(text).casefold()
    spans = []
    for phrases, _, _ in index["classes"].values():
        for p in phrases[lang]:
            if p.optional:
                continue  # a word that may carry the concept without it: an ordinary word here
            stem = len(p.phrase.rstrip("*"))
            # dader* is daders, not daderprofiel: a compound's other part is a word of its own
            spans += [(a, b) for a, b in _spans_of(p.pattern, low) if not p.phrase.endswith("*") or b - a - stem <= 3]
    for words in translation.qa_data(data)["classes"].values():
        for w in words[lang]:
            spans += _spans_of(re.compile(rf"(?<!\w){re.escape(w.casefold())}(?!\w)"), low)
    return spans


@dataclass
class Side:
    text: str
    tokens: list[Token]
    terms: dict  # term -> spans


def read_side(text: str, lang: str, project: Project, data: Path, function_words) -> Side:
    tokens = [Token(w, function=w.low in function_words[lang]) for w in lexicon.words(text)]
    found = quantities.find(text, lang, data)
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
    return Side(text, tokens, terms)


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
        got = [_Sense(e, src, rank - (src == "exception")) for e, src in extra.get(cand, [])]
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
        for m in (mod, mod[:-1] if mod.endswith("s") else None, mod[:-1] if mod.endswith("e") else None):
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
    thesaurus: lexicon.Thesaurus | None = None


def resources(project: Project, data: Path | None = None) -> Resources:
    data = data or project.data
    term_senses: dict = {}
    for t in terms_mod.terms(project):
        if t.abbr:
            continue
        for nl in t.all_forms("nl"):
            for en in t.all_forms("en"):
                term_senses.setdefault(nl.casefold(), []).append((en, "term"))
    return Resources(
        project,
        data,
        load_function_words(data),
        load_exceptions(data),
        lexicon.load(),
        term_senses,
        None if lexicon.thesaurus_missing() else lexicon.thesaurus(),
    )


def account(res: Resources, section: str, seg: seg_mod.Segment) -> Pair:
    """Every word of the pair with how it is accounted for."""
    fw = res.function_words
    nl = read_side(seg.text("nl"), "nl", res.project, res.data, fw)
    en = read_side(translation.abbreviated(seg.text("en")), "en", res.project, res.data, fw)
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
    _mark(nl.tokens, _meaning_spans(nl.text, "nl", res.data), "meaning")
    _mark(en.tokens, _meaning_spans(en.text, "en", res.data), "meaning")
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
                local.setdefault(entry["nl"].casefold(), []).append((e, "exception"))
        elif entry.get("nl"):
            implicit[entry["nl"].casefold()] = entry["why"]
        elif entry.get("en"):
            for e in entry["en"]:
                added[e.casefold()] = entry["why"]
    extra: dict = {}
    for source in (
        local,
        {k: [(e, "exception") for e, _ in v] for k, v in res.exceptions.senses.items()},
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
        return (-len(o[a][0]), o[a][2], en.tokens[a].how is not None, abs(a / n_en - i / n_nl))

    matched = _matching(
        [sorted(o, key=lambda a, o=o, k=k: preference(a, o, units[k][0])) for o, k in zip(options, order, strict=True)]
    )
    # WordNet's synonyms, for the Dutch words still without an English one and the English
    # words still free: a sense of the dictionary and a synonym of it (analyse for examine,
    # keep from for prevent) are one sense
    left = [pos for pos in range(len(order)) if pos not in matched]
    free = [
        a
        for a, t in enumerate(en.tokens)
        if not t.function
        and t.how is None
        and a not in {x for m in matched.values() for x in options_tokens(options, matched, m)}
    ]
    if left and free and res.thesaurus is not None:
        syn = {a: res.thesaurus.stems(en.tokens[a].word.text) | lexicon.stems(en.tokens[a].word.text) for a in free}
        second = []
        for pos in left:
            opts2: dict[int, tuple] = {}
            for sense_entry in units[order[pos]][2]:
                need, _ = _sense_tokens(sense_entry[0], fw)
                if len(need) != 1:
                    continue
                targets = lexicon.stems(need[0]) | res.thesaurus.stems(need[0])
                for a in free:
                    if syn[a] & targets and a not in opts2:
                        opts2[a] = ((a,), "dictionary", getattr(sense_entry, "rank", 0))
            options[pos] = opts2
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
            t.how = "dictionary" if sources == {"dictionary"} else ("term" if "term" in sources else "exception")
        elif t.word.low in implicit or any(part in implicit for part, _ in missing):
            t.how = "exception"
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
            t.how = "exception"
            continue
        pair.added.append(t)
    return pair


def _quote(ctx: translation.Context, seg) -> str:
    return ctx.quote(seg, "nl")


def check_coverage(ctx: translation.Context, res: Resources, pairs: dict) -> list[Finding]:
    """Every Dutch content word has its English, and every English content word its Dutch."""
    findings = []
    record = ctx.project.rel(ctx.data / EXCEPTIONS)
    for seg in ctx.complete:
        pair = pairs[seg.id]
        for tok, part, senses in pair.uncovered:
            word = tok.word.text if part == tok.word.low else f"{part}' of '{tok.word.text}"
            would = (
                f"FreeDict gives {', '.join(repr(s) for s in senses[:6])}"
                if senses
                else "the dictionary has no sense of it"
            )
            findings.append(
                ctx.finding(
                    seg,
                    f"an English word for '{word}' of {_quote(ctx, seg)} ({would}; or a sense or an "
                    f"implicit word recorded with its reason in {record})",
                    f"none in «{seg.text('en')}»",
                )
            )
        if pair.added:
            shown = ", ".join(f"'{t.word.text}'" for t in dict((t.word.low, t) for t in pair.added).values())
            findings.append(
                ctx.finding(
                    seg,
                    f"English words that answer to the Dutch of {_quote(ctx, seg)} (a sense of one of its words "
                    f"in FreeDict, a term, a figure, or an addition recorded with its reason in {record})",
                    f"{shown}, added in «{seg.text('en')}»",
                )
            )
    return findings


# --- running ------------------------------------------------------------------------------------

CHECKS = (check_coverage,)


def check_section(project: Project, section: str, nl, en, data: Path | None = None) -> list[Finding]:
    data = data or project.data
    record = seg_mod.load_record(seg_mod.record_path(section, data))
    ctx = translation.Context(project, section, nl, en, seg_mod.pair(nl, en, record, data), record, data)
    if ctx.pairing.problems:
        return []  # the translation check reports how the sentences pair
    res = resources(project, data)
    name = Path(section).stem
    pairs = {seg.id: account(res, name, seg) for seg in ctx.complete}
    findings = []
    for check in CHECKS:
        findings += check(ctx, res, pairs)
    return findings


def run(project: Project, loaded) -> list[Finding]:
    findings = []
    for rel, nl, en in loaded.section_pairs():
        findings += check_section(project, rel, nl, en)
    return findings


def dictionary_unavailable(ctx) -> str | None:
    return lexicon.dictionary_missing() or lexicon.thesaurus_missing()
