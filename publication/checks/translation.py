"""Translation QA per segment: every Dutch sentence of a section against its English
sentence (publication/model/segments.py pairs them), as translation QA tools check segments
rather than pages, and with what those tools cannot know: the publication's figures and
terms as data.

Each check is a plain function `(ctx) -> [Finding]`; a finding names both segments
(file:line of each) and quotes them. A segment whose English is missing is left out of
the later checks (there is nothing to compare).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from publication.model import lexicon, quantities
from publication.model import segments as seg_mod
from publication.model import source as source_mod
from publication.model import terms as terms_mod
from publication.model.datafiles import DataFileError
from publication.model.findings import Finding
from publication.model.project import SectionError
from publication.model.publication import Publication
from publication.render.placeholders import read_page

CHECK = "translation"
RATIO_BOUNDS = (0.5, 2.0)  # a pair's length ratio against the section's, outside: a warning
RATIO_MIN_CHARS = 25  # too short a sentence says nothing by its length
WORD_RE = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")


@dataclass
class Context:
    project: Publication
    section: str
    nl: object  # pages.Page
    en: object
    pairing: seg_mod.Pairing
    record: seg_mod.Record

    def rel(self, lang: str) -> str:
        return self.project.rel(getattr(self, lang).path)

    def where(self, seg: seg_mod.Segment, lang: str) -> str:
        return f"{self.rel(lang)}:{seg.line(lang)}"

    def quote(self, seg: seg_mod.Segment, lang: str) -> str:
        return f"{seg.id} «{seg.text(lang)}» ({self.where(seg, lang)})"

    def finding(
        self, seg: seg_mod.Segment, expected: str, found: str, lang: str = "en", severity: str = "error"
    ) -> Finding:
        return Finding(self.rel(lang), seg.line(lang) or seg.line("nl"), expected, found, CHECK, severity)

    @property
    def complete(self) -> list[seg_mod.Segment]:
        """The segments with text in both languages."""
        return [s for s in self.pairing.segments if s.nl and s.en]


def _quoted(sentences) -> str:
    return " ".join(f"«{s.text}»" for s in sentences)


# --- the pairing -------------------------------------------------------------------------


def check_pairing(ctx: Context) -> list[Finding]:
    """Every Dutch sentence has its English and every English sentence its Dutch; a
    merge or a split is in the alignment record."""
    record = ctx.project.rel(ctx.record.path)
    findings = []
    for p in ctx.pairing.problems:
        seg = p.segment
        if p.kind == "missing":
            findings.append(ctx.finding(seg, f"the English of {ctx.quote(seg, 'nl')}", "no English sentence for it"))
        elif p.kind == "added":
            findings.append(
                ctx.finding(
                    seg,
                    f"no English sentence beyond the Dutch ({seg.id.rstrip('+')} is the one before)",
                    f"the added sentence {_quoted(seg.en)}",
                )
            )
        elif p.kind == "merged":
            findings.append(
                ctx.finding(
                    seg,
                    f"an English sentence for each of {', '.join(x[0] for x in p.expected)} "
                    f"{_quoted(seg.nl)} ({ctx.where(seg, 'nl')}), or the merge recorded in "
                    f"{record} (nl: {len(seg.nl)})",
                    f"one English sentence {_quoted(seg.en)}",
                )
            )
        elif p.kind == "split":
            findings.append(
                ctx.finding(
                    seg,
                    f"one English sentence for {ctx.quote(seg, 'nl')}, or the split recorded "
                    f"in {record} (en: {len(seg.en)})",
                    f"{len(seg.en)} sentences {_quoted(seg.en)}: a sentence added, or a split",
                )
            )
        else:
            findings.append(
                ctx.finding(
                    seg,
                    f"the grouping of {record} for {', '.join(x[0] for x in p.expected)}",
                    f"{len(seg.nl)} Dutch and {len(seg.en)} English sentences {_quoted(seg.en)}",
                )
            )
    return findings


def check_record(ctx: Context) -> list[Finding]:
    """The record exists and names only segments the section has."""
    record = ctx.project.rel(ctx.record.path)
    stem = Path(ctx.section).stem
    if not ctx.record.exists:
        return [
            Finding(
                record,
                0,
                f"the alignment record of {ctx.rel('en')} (make it with `scripts/publish.py review {stem}`)",
                "no such file",
                CHECK,
            )
        ]
    if ctx.pairing.problems:
        return []  # the pairing's findings come first; the record follows them
    ids = {s.id for s in ctx.pairing.segments}
    return [
        Finding(record, e.line, "only the segments of the section", f"the unknown segment {e.id}", CHECK)
        for e in ctx.record.entries.values()
        if e.id not in ids
    ]


def check_stale(ctx: Context) -> list[Finding]:
    """An English segment made from a Dutch text that has changed since is older than
    the Dutch (as po4a and Weblate mark a string fuzzy)."""
    if not ctx.record.exists:
        return []
    stem = Path(ctx.section).stem
    unpaired = {p.segment.id for p in ctx.pairing.problems}
    findings = []
    for seg in ctx.complete:
        if seg.id in unpaired:
            continue  # how it pairs is the first thing to mend
        entry = ctx.record.entries.get(seg.id)
        if entry is None:
            findings.append(
                ctx.finding(
                    seg,
                    f"a record of the Dutch that the English of {seg.id} was translated from",
                    f"none: check the English against {ctx.quote(seg, 'nl')}, then run "
                    f"`scripts/publish.py review {stem} {seg.id}`",
                )
            )
        elif entry.source != seg.fingerprint:
            findings.append(
                ctx.finding(
                    seg,
                    f"an English translation of the current Dutch {ctx.quote(seg, 'nl')}",
                    f"a translation older than the Dutch (made from {entry.source}, the Dutch is "
                    f"now {seg.fingerprint}): revisit «{seg.text('en')}», then run "
                    f"`scripts/publish.py review {stem} {seg.id}`",
                )
            )
    return findings


def _expansions(pub: Publication) -> tuple[tuple[re.Pattern, str], ...]:
    """An abbreviation written out at its first mention, as the English glossary names it
    ("the Royal Netherlands Marechaussee (KMar)"), and the abbreviation alone."""

    def make():
        out = []
        for abbr, full in pub.glossary("en").items():
            english = re.sub(r"\s*\([^)]*\)$", "", full)
            out.append((re.compile(rf"(?<!\w){re.escape(english)} \({re.escape(abbr)}\)(?!\w)"), abbr))
        return tuple(out)

    return pub.once(("translation", "expansions"), make)


def abbreviated(text: str, pub: Publication) -> str:
    """`text` with every glossary name written out before its abbreviation reduced to the
    abbreviation: the English gives the official name at first mention (paper, e-books
    and touch screens show no tooltip), which the Dutch, whose readers know the
    abbreviations, does not; its length and brackets are not a difference of meaning."""
    for pattern, abbr in _expansions(pub):
        text = pattern.sub(abbr, text)
    return text


def check_length(ctx: Context) -> list[Finding]:
    """A pair far out of the section's usual length ratio (a warning: a sentence cut
    short, or one that says more than the Dutch)."""
    pairs = [s for s in ctx.complete if s.kind == "sentence"]
    total_nl = sum(len(s.text("nl")) for s in pairs) or 1
    usual = sum(len(abbreviated(s.text("en"), ctx.project)) for s in pairs) / total_nl
    findings = []
    for seg in pairs:
        a, b = len(seg.text("nl")), len(abbreviated(seg.text("en"), ctx.project))
        if min(a, b) < RATIO_MIN_CHARS:
            continue
        ratio = (b / a) / usual
        if not RATIO_BOUNDS[0] <= ratio <= RATIO_BOUNDS[1]:
            findings.append(
                ctx.finding(
                    seg,
                    f"about as long as {ctx.quote(seg, 'nl')} ({a} characters; the section's "
                    f"English is {usual:.2f} times its Dutch)",
                    f"{b} characters, {ratio:.2f} times the usual: «{seg.text('en')}»",
                    severity="warning",
                )
            )
    return findings


# --- numbers and figures -------------------------------------------------------------------


def numbers(text: str, lang: str, pub: Publication | None = None) -> list[tuple[str, tuple, int, int]]:
    """(as written, meaning, start, end) of every quantity in `text` (one parser for
    every check: publication/model/quantities.py; the relation words of `pub`)."""
    return [(q.text, q.key, q.start, q.end) for q in quantities.find(text, lang, pub)]


def check_numbers(ctx: Context) -> list[Finding]:
    """Each number of a Dutch sentence stands in its English sentence, with the same
    value, and the English has no number its Dutch lacks."""
    findings = []
    for seg in ctx.complete:
        nl = [(w, v) for w, v, _, _ in numbers(seg.text("nl"), "nl", ctx.project)]
        en = [(w, v) for w, v, _, _ in numbers(seg.text("en"), "en", ctx.project)]
        missing = list((Counter(v for _, v in nl) - Counter(v for _, v in en)).elements())
        extra = list((Counter(v for _, v in en) - Counter(v for _, v in nl)).elements())
        written = {v: w for w, v in nl}
        found = {v: w for w, v in en}
        for i in range(max(len(missing), len(extra))):
            m = missing[i] if i < len(missing) else None
            x = extra[i] if i < len(extra) else None
            exp = (
                f"{written[m]} of {ctx.quote(seg, 'nl')} in its English"
                if m
                else f"no number that {ctx.quote(seg, 'nl')} lacks"
            )
            got = f"{found[x]} in «{seg.text('en')}»" if x else f"it missing from «{seg.text('en')}»"
            findings.append(ctx.finding(seg, exp, got))
    return findings


SEPARATOR_RE = re.compile(r"[,;:()]|\b(?:en|of|and|or|dan|than)\b|\d", re.IGNORECASE)


def _bound_terms(text: str, lang: str, pairs: list[tuple[str, str]], pub: Publication) -> dict:
    """Number value -> the term it is tied to in `text`: a term of data/terms.yml that
    follows it (or else precedes it) within three words, with no other number, comma or
    'and'/'or' between ("10% criminele uitbuiting", "10% for criminal exploitation")."""
    spans = []
    for nl_term, en_term in pairs:
        term = nl_term if lang == "nl" else en_term
        for m in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE):
            spans.append((m.start(), m.end(), nl_term))
    out = {}
    for _, value, start, end in numbers(text, lang, pub):

        def near(gap: str) -> bool:
            return len(gap.split()) <= 3 and not SEPARATOR_RE.search(gap)

        after = [t for s, e, t in spans if s >= end and near(text[end:s])]
        before = [t for s, e, t in spans if e <= start and near(text[e:start])]
        bound = after[:1] or before[-1:]
        if bound:
            out.setdefault(value, bound[0])
    return out


def check_bound_figures(ctx: Context) -> list[Finding]:
    """A figure stays with what it counts: where the Dutch ties a number to a term (a
    share to a form of exploitation), the English ties it to that term's English."""
    pairs = [(t.nl, t.en) for t in ctx.project.terms if not t.abbr]
    english = dict(pairs)
    findings = []
    for seg in ctx.complete:
        dutch = _bound_terms(seg.text("nl"), "nl", pairs, ctx.project)
        if not dutch:
            continue
        translated = _bound_terms(seg.text("en"), "en", pairs, ctx.project)
        for value, term in dutch.items():
            other = translated.get(value)
            if other is not None and other != term:
                written = next(w for w, v, _, _ in numbers(seg.text("en"), "en", ctx.project) if v == value)
                findings.append(
                    ctx.finding(
                        seg,
                        f"{written} with {english[term]}, as {ctx.quote(seg, 'nl')} has it with {term}",
                        f"{written} with {english[other]} in «{seg.text('en')}»",
                    )
                )
    return findings


# --- footnote calls ---------------------------------------------------------------------


def _longest_piece(line: str, pub: Publication) -> str:
    """The longest sentence piece of a printed line, less its first and last word (which
    may be parts of words hyphenated across lines). Split by the one sentence splitter."""
    pieces = [p.split() for p in seg_mod.split_text(line, "nl", pub)] or [[]]
    words = max(pieces, key=len)
    return " ".join(words[1:-1]) if len(words) > 2 else " ".join(words)


def check_calls(ctx: Context) -> list[Finding]:
    """Footnote calls per segment, in the same order: the English has each call in the
    sentence where the Dutch has it, and the Dutch where the source prints it."""
    findings = []
    where_nl = {c: s for s in ctx.pairing.segments for c in s.calls("nl")}
    where_en = {c: s for s in ctx.pairing.segments for c in s.calls("en")}
    for seg in ctx.complete:
        a, b = seg.calls("nl"), seg.calls("en")
        if a == b:
            continue
        if sorted(a) == sorted(b):
            findings.append(
                ctx.finding(
                    seg,
                    f"the footnote calls {', '.join(a)} in this order, as in {ctx.quote(seg, 'nl')}",
                    f"{', '.join(b)} in «{seg.text('en')}»",
                )
            )
            continue
        for call in a:
            if call not in b:
                other = where_en.get(call)
                found = f"it in {other.id} «{other.text('en')}»" if other else "no call of it in the English"
                findings.append(
                    ctx.finding(
                        seg, f"the call of footnote {call} in the English of {ctx.quote(seg, 'nl')}", found, lang="en"
                    )
                )
        for call in b:
            if call not in a and call not in where_nl:
                findings.append(
                    ctx.finding(seg, f"no call of footnote {call}: the Dutch has none", f"one in «{seg.text('en')}»")
                )
    # The Dutch: the call stands in the sentence that carries it in the source.
    try:
        section = ctx.project.section(ctx.section)
    except SectionError:
        section = None  # the fidelity check names the missing source text
    src = ctx.project.source_text(section.source) if section else source_mod.SourcePage()
    for number, line in src.call_lines.items():
        seg = where_nl.get(str(number))
        piece = _longest_piece(line, ctx.project)
        if seg is None or not piece:
            continue  # a missing call is the structure check's
        if piece not in seg.text("nl"):
            # The footnote-placement rule (model/source.py), said rather than a sentence
            # guessed: the reader of the finding applies it to the printed line.
            where = f"{ctx.project.rel(section.source)}:{src.call_line_numbers.get(number, 0)}"
            findings.append(
                ctx.finding(
                    seg,
                    f"the call of footnote {number} in the sentence that holds most words of the line the "
                    f"source prints after the number ({where}: «{line}»; those words: «…{piece}…»)",
                    f"it in {ctx.quote(seg, 'nl')}, which does not hold them",
                    lang="nl",
                )
            )
    return findings


# --- terms and words ---------------------------------------------------------------------


def _has(text: str, phrase: str) -> bool:
    """`phrase` in `text` as whole words, ignoring case and the kind of quotation marks."""
    return re.search(rf"(?<!\w){re.escape(plain_quotes(phrase))}(?!\w)", plain_quotes(text), re.IGNORECASE) is not None


def _abbr_re(abbr: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(abbr)}(?:s|[’']s)?(?!\w)")


def check_terms(ctx: Context) -> list[Finding]:
    """A term of data/terms.yml in a Dutch sentence has its English in the English
    sentence, and an English term stands only where the Dutch has its term. An
    abbreviation stands in both or in neither."""
    findings = []
    for seg in ctx.complete:
        nl, en = seg.text("nl"), seg.text("en")
        for t in ctx.project.terms:
            if t.abbr:
                a, b = bool(_abbr_re(t.abbr).search(nl)), bool(_abbr_re(t.abbr).search(en))
                name_nl = name_en = t.abbr
            else:
                a = any(_has(nl, form) for form in t.all_forms("nl"))
                b = any(_has(en, form) for form in t.all_forms("en"))
                name_nl, name_en = t.nl, t.en
            if a and not b:
                findings.append(
                    ctx.finding(
                        seg,
                        f"the term '{name_en}' for '{name_nl}' of {ctx.quote(seg, 'nl')} (data/terms.yml)",
                        f"it missing from «{en}»",
                    )
                )
            elif b and not a:
                findings.append(
                    ctx.finding(
                        seg,
                        f"'{name_en}' only where the Dutch has '{name_nl}' (data/terms.yml), "
                        f"which {ctx.quote(seg, 'nl')} has not",
                        f"it in «{en}»",
                    )
                )
    return findings


def _word_class_in(text: str, words: list[str], exceptions: list[str]) -> list[str]:
    for phrase in exceptions:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text, flags=re.IGNORECASE)
    found = []
    for w in words:
        pattern = rf"\w{re.escape(w)}\b" if w.startswith("n'") else rf"(?<!\w){re.escape(w)}(?!\w)"
        found += [m.group(0) for m in re.finditer(pattern, text, re.IGNORECASE)]
    return found


def check_polarity(ctx: Context) -> list[Finding]:
    """Negation and limiting words agree: where the Dutch sentence says geen, niet or
    slechts, the English says no, not or only, and the other way round."""
    findings = []
    for name, words in ctx.project.qa["classes"].items():
        exceptions = words.get("except") or {}
        for seg in ctx.complete:
            a = _word_class_in(seg.text("nl"), words["nl"], exceptions.get("nl", []))
            b = _word_class_in(seg.text("en"), words["en"], exceptions.get("en", []))
            if bool(a) != bool(b):
                exp = (
                    f"a {name} word ({'/'.join(words['en'][:4])} …) in the English, as {ctx.quote(seg, 'nl')} "
                    f"has '{a[0]}'"
                    if a
                    else f"no {name} word, as {ctx.quote(seg, 'nl')} has none"
                )
                got = f"'{b[0]}' in «{seg.text('en')}»" if b else f"none in «{seg.text('en')}»"
                findings.append(ctx.finding(seg, exp, got))
    return findings


# --- meaning words: comparison, legal status, quantity, modality, hedges -------------------

plain_quotes = terms_mod.plain_quotes


QUOTE_MARK_RE = re.compile(r"[‘’‚‛“”„‟«»‹›\"'`´]")


def quotation_marks_as_one(text: str) -> str:
    """Every quotation mark as the straight double one; an apostrophe inside a word
    (RIEC’s, don't) stays."""

    def one(m: re.Match) -> str:
        inside = 0 < m.start() and m.end() < len(text) and text[m.start() - 1].isalpha() and text[m.end()].isalpha()
        return m.group(0) if inside else '"'

    return QUOTE_MARK_RE.sub(one, text)


@dataclass(frozen=True)
class _Phrase:
    phrase: str
    pattern: re.Pattern
    concept: str
    optional: bool
    order: int = 0


def _pattern(phrase: str) -> re.Pattern:
    stem = phrase.endswith("*")
    words = [re.escape(w) for w in plain_quotes(phrase.rstrip("*")).casefold().split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + (r"\w*" if stem else r"(?!\w)"))


def _meaning_index(pub: Publication) -> dict:
    """class -> {lang: [_Phrase], longest first}, {lang: [except pattern]}, flags;
    and (lang, phrase) -> the (class, concept) senses of a phrase."""
    raw = pub.qa.get("meaning") or {}
    classes, senses = {}, {}
    for cls, concepts in raw.items():
        phrases = {"nl": [], "en": []}
        flags = {"comparative": set(), "superlative": set()}
        for concept, words in concepts.items():
            if concept == "except":
                continue
            for lang in ("nl", "en"):
                optional = ((words.get("optional") or {}).get(lang)) or []
                listed = [(w, False) for w in words.get(lang) or []] + [(w, True) for w in optional]
                for order, (phrase, opt) in enumerate(listed):
                    phrases[lang].append(_Phrase(phrase, _pattern(phrase), concept, opt, order))
                    senses.setdefault((lang, phrase.casefold()), set()).add((cls, concept))
            for flag in flags:
                if words.get(flag):
                    flags[flag].add(concept)
        for lang in phrases:
            phrases[lang].sort(key=lambda p: (-len(p.phrase.split()), -len(p.phrase)))
        exceptions = {
            lang: [_pattern(w) for w in ((concepts.get("except") or {}).get(lang) or [])] for lang in ("nl", "en")
        }
        classes[cls] = (phrases, exceptions, flags)
    return {"classes": classes, "senses": senses}


def meaning_index(pub: Publication) -> dict:
    """The meaning words of the publication `pub`, indexed once for it."""
    return pub.once(("translation", "meaning"), lambda: _meaning_index(pub))


ENDINGS = {"comparative": ("dere", "der", "ere", "er"), "superlative": ("ste", "st")}


def _dutch_degree(word: str, kind: str) -> bool:
    """A Dutch adjective with its comparative or superlative ending (weerbaarder,
    grootst): a known Dutch word before the ending."""
    _, dutch = _lexicons()
    for ending in ENDINGS[kind]:
        if not word.endswith(ending) or len(word) - len(ending) < 3:
            continue
        base = word[: -len(ending)]
        stems = {base}
        if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiou":
            stems.add(base[:-1])  # dikk-er: dik
        if len(base) > 3 and base[-1] not in "aeiou" and base[-2] in "aeiou" and base[-3] not in "aeiou":
            stems.add(base[:-2] + base[-2] * 2 + base[-1])  # grot-er: groot
        if dutch.known(stems):
            return True
    return False


def meaning_words(text: str, lang: str, pub: Publication) -> dict:
    """class -> {concept: [(phrase of the data, word as written, optional)]} in `text`
    (its quantities taken out first, quotation marks plain)."""
    index = meaning_index(pub)
    low = plain_quotes(quantities.mask(text, lang, pub)).casefold()
    out = {}
    for cls, (phrases, exceptions, flags) in index["classes"].items():
        work = low
        for pattern in exceptions[lang]:
            work = pattern.sub(lambda m: " " * len(m.group(0)), work)
        taken = [False] * len(work)
        found: dict[str, list] = {}
        for p in phrases[lang]:
            for m in p.pattern.finditer(work):
                if any(taken[m.start() : m.end()]):
                    continue
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                found.setdefault(p.concept, []).append((p.phrase.casefold(), text[m.start() : m.end()], p.optional))
        if lang == "nl":
            for kind in ("comparative", "superlative"):
                for concept in flags[kind]:
                    for m in re.finditer(r"[^\W\d_]+", work):
                        if not any(taken[m.start() : m.end()]) and _dutch_degree(m.group(0), kind):
                            found.setdefault(concept, []).append((None, text[m.start() : m.end()], True))
        out[cls] = found
    return out


def check_meaning(ctx: Context) -> list[Finding]:
    """Meaning words agree, concept by concept (data/translation-qa.yml, `meaning`): a
    comparison keeps its direction (less is not more, most often not least often), a
    suspect stays a suspect (never an offender), all/some/most/few keep their quantity,
    must/can/may/will/wants and a promise to consider keep their commitment, and a
    hedge (among other things, such as) stays. In both directions: a concept of the
    Dutch missing from the English, and one the English adds."""
    index = meaning_index(ctx.project)
    findings = []
    for seg in ctx.complete:
        a = meaning_words(seg.text("nl"), "nl", ctx.project)
        b = meaning_words(seg.text("en"), "en", ctx.project)
        dutch_senses = {(cls, c) for cls, found in a.items() for c in found}
        for cls, (phrases, _, _) in index["classes"].items():
            nl, en = a.get(cls, {}), b.get(cls, {})
            required_nl = [c for c, occ in nl.items() if any(not o for _, _, o in occ)]
            missing = [c for c in required_nl if c not in en]
            extra = []
            for c, occ in en.items():
                if c in nl or all(o for _, _, o in occ):
                    continue
                # A word of two concepts is read in the sense the Dutch supports.
                if any(index["senses"].get(("en", phrase), set()) & dutch_senses for phrase, _, o in occ if not o):
                    continue
                extra.append(c)
            examples = {
                c: [p.phrase for p in sorted(phrases["en"], key=lambda p: p.order) if p.concept == c and not p.optional]
                for c in missing
            }
            for i, concept in enumerate(missing):
                word = next(w for _, w, o in nl[concept] if not o)
                shown = "/".join(w.rstrip("*") for w in examples[concept][:3]) or concept
                other = extra[i] if i < len(extra) else None
                found = (
                    f"'{en[other][0][1]}' ({other}) in «{seg.text('en')}»" if other else f"none in «{seg.text('en')}»"
                )
                findings.append(
                    ctx.finding(seg, f"'{concept}' ({shown} …) for '{word}' of {ctx.quote(seg, 'nl')} ({cls})", found)
                )
            for concept in extra[len(missing) :]:
                findings.append(
                    ctx.finding(
                        seg,
                        f"no {cls} word meaning '{concept}', as {ctx.quote(seg, 'nl')} has none",
                        f"'{en[concept][0][1]}' in «{seg.text('en')}»",
                    )
                )
    return findings


def time_words(pub: Publication) -> dict:
    """Concept -> {lang: [words]}: the seasons from the data, the months from CLDR."""
    from babel.dates import get_month_names

    out = {k: {lang: v[lang] for lang in ("nl", "en") if lang in v} for k, v in pub.qa["seasons"].items()}
    months = {lang: get_month_names("wide", locale=lang) for lang in ("nl", "en")}
    for n in range(1, 13):
        out[f"month {n}"] = {lang: [months[lang][n]] for lang in months}
    return out


def check_time_words(ctx: Context) -> list[Finding]:
    """Seasons and months agree: 'najaar van 2023' is the autumn of 2023, not spring."""
    findings = []
    concepts = time_words(ctx.project)
    for seg in ctx.complete:

        def present(lang: str, seg=seg) -> dict:
            text = seg.text(lang)

            def has(name: str, w: str) -> bool:
                # A month's name as CLDR writes it: English "May" is the month, "may" a modal.
                if name.startswith("month") and w[:1].isupper():
                    return re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) is not None
                return _has(text, w)

            return {
                c: next(w for w in words[lang] if has(c, w))
                for c, words in concepts.items()
                if any(has(c, w) for w in words[lang])
            }

        a, b = present("nl"), present("en")
        missing, extra = sorted(set(a) - set(b)), sorted(set(b) - set(a))
        for concept in missing:
            other = ", ".join(f"'{b[c]}'" for c in extra)
            findings.append(
                ctx.finding(
                    seg,
                    f"'{concepts[concept]['en'][0]}' for '{a[concept]}' of {ctx.quote(seg, 'nl')}",
                    f"{other} in «{seg.text('en')}»" if extra else f"it missing from «{seg.text('en')}»",
                )
            )
        if not missing:
            for concept in extra:
                findings.append(
                    ctx.finding(
                        seg, f"no time word that {ctx.quote(seg, 'nl')} lacks", f"'{b[concept]}' in «{seg.text('en')}»"
                    )
                )
    return findings


def _lexicons():
    """The word lists of pyspellchecker for English and Dutch (model/lexicon.word_list:
    kept for the process, read once per digest of their files)."""
    return lexicon.word_list("en"), lexicon.word_list("nl")


def _kept_words(project: Publication) -> set[str]:
    """Words the English may have that English word lists lack: the English terms'
    own words (a name such as 'Kamerstuk' stays in 'parliamentary paper (Kamerstuk)'),
    the abbreviations and their English names."""
    out = set()
    for t in project.terms:
        out.update(w.casefold() for w in WORD_RE.findall(f"{t.en} {t.abbr or ''}"))
    for abbr, full in project.glossary("en").items():
        english = re.sub(r"\s*\([^)]*\)$", "", full)
        out.update(w.casefold() for w in WORD_RE.findall(f"{abbr} {english}"))
    return out


# British spellings as the American word list has them (the English is British).
BRITISH = (
    ("isation", "ization"),
    ("ise", "ize"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ys", "yz"),
    ("our", "or"),
    ("tre", "ter"),
    ("bre", "ber"),
    ("ogue", "og"),
    ("lled", "led"),
    ("lling", "ling"),
    ("mme", "m"),
    ("ae", "e"),
    ("oe", "e"),
    ("ence", "ense"),
    ("ium", "um"),
    ("eable", "able"),
)


def _is_english(word: str, english) -> bool:
    if english.known([word]):
        return True
    variants = {word.replace(a, b) for a, b in BRITISH if a in word}
    combined = word
    for a, b in BRITISH:
        combined = combined.replace(a, b)
    return bool(english.known(variants | {combined}))


def check_untranslated(ctx: Context) -> list[Finding]:
    """Dutch words left in the English: a word English does not know but Dutch does,
    or one copied from the Dutch sentence that English does not know, beyond names (a
    capital inside the sentence) and the glossary's terms."""
    kept = _kept_words(ctx.project)
    english, dutch = _lexicons()
    findings = []
    for seg in ctx.complete:
        source_words = {w.casefold() for w in WORD_RE.findall(seg.text("nl"))}
        left = []
        for m in WORD_RE.finditer(seg.text("en")):
            word = m.group(0)
            w = re.sub(r"[’']s$", "", word).casefold()
            if w in kept or len(w) < 2 or (word[0].isupper() and m.start() > 0):
                continue
            if _is_english(w, english):
                continue
            if w in source_words or dutch.known([w]):
                left.append(word)
        if left:
            findings.append(
                ctx.finding(
                    seg,
                    f"English words for {ctx.quote(seg, 'nl')}",
                    f"the Dutch {', '.join(repr(w) for w in dict.fromkeys(left))} left in «{seg.text('en')}»",
                )
            )
    return findings


def check_toolkit(ctx: Context) -> list[Finding]:
    """translate-toolkit's pofilter checks that fit (data/translation-qa.yml names them)."""
    from translate.filters import checks
    from translate.storage import pypo

    checker = checks.StandardChecker(
        checks.CheckerConfig(targetlanguage="en"), limitfilters=ctx.project.qa["toolkit_checks"]
    )
    findings = []
    for seg in ctx.complete:
        # Quotation marks are typography: the toolkit sees one kind in both languages.
        unit = pypo.pounit(quotation_marks_as_one(seg.text("nl")))
        unit.target = quotation_marks_as_one(abbreviated(seg.text("en"), ctx.project))
        for name, failure in sorted(checker.run_filters(unit).items()):
            message = failure.get("message", "") if isinstance(failure, dict) else str(failure)
            findings.append(
                ctx.finding(
                    seg,
                    f"the English of {ctx.quote(seg, 'nl')} to pass translate-toolkit's '{name}' check",
                    f"{message.rstrip('.')}: «{seg.text('en')}»",
                )
            )
    return findings


# The per-segment checks, by the name each is chosen by (`--only translation.numbers`;
# `--only translation` chooses them all), in the order they run; what each covers is
# its docstring's first sentence (as translate-toolkit's checks are titled).
CHECKS = {
    "record": check_record,
    "pairing": check_pairing,
    "stale": check_stale,
    "length": check_length,
    "numbers": check_numbers,
    "figures": check_bound_figures,
    "calls": check_calls,
    "terms": check_terms,
    "polarity": check_polarity,
    "meaning": check_meaning,
    "time-words": check_time_words,
    "untranslated": check_untranslated,
    "toolkit": check_toolkit,
}


def context(project: Publication, section: str, nl, en) -> Context:
    """One section's segments, paired as its alignment record says."""
    record = seg_mod.load_record(seg_mod.record_path(section, project.data))
    return Context(project, section, nl, en, seg_mod.pair(nl, en, record, project), record)


def check_section(project: Publication, section: str, nl, en) -> list[Finding]:
    """Every per-segment check on one section."""
    ctx = context(project, section, nl, en)
    return [f for check in CHECKS.values() for f in check(ctx)]


def contexts(project: Publication, loaded) -> tuple[list[Context], list[Finding]]:
    """Each section's Context, and a finding for each alignment record that cannot be
    read (its section is then left out)."""
    out, findings = [], []
    for rel, nl, en in loaded.section_pairs():
        record = seg_mod.record_path(rel, project.data)
        try:
            out.append(context(project, rel, nl, en))
        except seg_mod.RecordError as err:
            findings.append(Finding(project.rel(record), err.line, "a readable alignment record", str(err), CHECK))
        except DataFileError as err:
            if err.path != record:
                raise
            found = f"not {err.expected}: {err.found}"
            findings.append(Finding(project.rel(err.path), err.line, "a readable alignment record", found, CHECK))
    return out, findings


def run(project: Publication, loaded) -> list[Finding]:
    """Every per-segment check on every section."""
    found, findings = contexts(project, loaded)
    return findings + [f for ctx in found for check in CHECKS.values() for f in check(ctx)]


def check_site(project: Publication, built: dict) -> list[Finding]:
    """Each sentence of a section is a permalink target on its built page in both
    languages (`#s-12` on daderaanpak/ and en/daderaanpak/), holding that very sentence."""
    findings = []
    files = project.pages()
    for rel, path in files.get("nl", {}).items():
        if rel not in files.get("en", {}):
            continue
        nl = read_page(path, "nl", project)
        if not nl.meta.get("source_page"):
            continue
        en = read_page(files["en"][rel], "en", project)
        pairing = seg_mod.load_pairing(rel, nl, en, project)
        stem = rel[:-3]
        for lang in project.languages:
            prefix = "" if lang == project.languages[0] else f"{lang}/"
            name = next((n for n in (f"{prefix}{stem}/index.html", f"{prefix}{stem}.html") if n in built), None)
            if name is None:
                continue  # the links check reports a missing page
            page = built[name]
            marked = {}
            for el in page.segments:
                marked.setdefault(el["seg"], []).append(el)
            for seg in pairing.segments:
                if seg.kind != "sentence" or not getattr(seg, lang):
                    continue
                expected = seg.text(lang)
                target = next((el for el in marked.get(seg.id, []) if el["id"] == seg.id), None)
                found = " ".join(el["text"] for el in marked.get(seg.id, []))
                if target is None:
                    findings.append(
                        Finding(f"site/{name}", 0, f'an element id="{seg.id}" holding «{expected}»', "none", CHECK)
                    )
                elif found != expected:
                    findings.append(
                        Finding(f"site/{name}", target["line"], f"#{seg.id} to hold «{expected}»", f"«{found}»", CHECK)
                    )
    return findings
