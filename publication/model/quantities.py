"""Quantities by meaning, in Dutch and English: one parser for every check that reads
numbers (the figures data, the figures in the pages, the sentence pairs, the aligner).

A quantity is read with its unit and compared by value, never by spelling:

- digits in the language's notation (CLDR through Babel: 3.925 / 3,925) and number
  words (text2num reads Dutch and English: "negentien", "nineteen", "forty-three");
- scale words (duizend/thousand, miljoen/million/mln, miljard/billion/bn);
- percentages (%, procent, percent, per cent) and percentage points;
- currencies as symbol, ISO code or name (€, EUR, euro, euros: CLDR's names and symbols);
- ranges with a dash (2017-2021, 2017–2021, 2023 – 2026) or in words (van … tot …,
  from … to …, between … and …, tussen … en …);
- proportions (vier op de vijf, four out of five, four in five);
- the relation stated with a quantity (ruim, meer dan, more than, over, about, at
  least, …), from data/translation-qa.yml (`relations`): "ruim vier op de vijf" is
  "more than four out of five", not "four out of five".

`find(text, lang)` gives every quantity of a text with its span, so a check can also
say where it stands (a figure bound to a term) or mask it (a comparison word inside
"more than four out of five" belongs to the figure, not to the sentence's meaning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

# Scale words (short scale in English: a billion is a thousand million, a Dutch miljard).
SCALES = {
    "nl": {"duizend": 3, "miljoen": 6, "mln": 6, "mio": 6, "miljard": 9, "mld": 9, "mrd": 9, "biljoen": 12},
    "en": {"thousand": 3, "million": 6, "mln": 6, "m": 6, "billion": 9, "bn": 9, "trillion": 12},
}
# Scale words that only count written right after the digits ("€143m", "€2bn").
ATTACHED_ONLY = {"m", "bn"}
PERCENT = {"nl": [["%"], ["procent"], ["percent"], ["pct"]], "en": [["%"], ["per", "cent"], ["percent"], ["pct"]]}
POINTS = {"nl": [["procentpunt"], ["procentpunten"]], "en": [["percentage", "point"], ["percentage", "points"]]}
FRACTION_WORDS = {"nl": [["op", "de"], ["op"]], "en": [["out", "of"], ["in"]]}
RANGE_OPEN = {
    "nl": {"van": [["tot", "en", "met"], ["tot"], ["t/m"]], "tussen": [["en"]]},
    "en": {"from": [["up", "to", "and", "including"], ["to"], ["until"], ["till"], ["through"]], "between": [["and"]]},
}
RANGE_WORDS = {
    "nl": [["tot", "en", "met"], ["tot"], ["t/m"]],
    "en": [["up", "to", "and", "including"], ["to"], ["through"]],
}
DASHES = {"-", "–", "—", "‒"}
# "een" and "one" are articles and pronouns far more often than numbers: only numbers
# before a scale word or in a proportion.
ARTICLES = {"een", "één", "one"}

TOKEN_RE = re.compile(r"(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+(?:[-'’/][^\W\d_]+)*)|(?P<sym>\S)")


@dataclass(frozen=True)
class Quantity:
    kind: str  # number | range | fraction
    value: object  # Decimal, (Decimal, Decimal) or (int, int)
    unit: str | None  # None, "%", "pp" (percentage points) or an ISO currency code
    relation: str | None  # ">", ">=", "<", "<=", "~", "<~" or None
    text: str
    start: int
    end: int

    @property
    def key(self) -> tuple:
        """What the quantity means: equal keys, equal meaning, however written."""
        return (self.kind, self.value, self.unit, self.relation)


@dataclass
class _Tok:
    kind: str
    text: str
    start: int
    end: int
    low: str = ""  # the text casefolded

    def __post_init__(self) -> None:
        self.low = self.text.casefold()


def _norm(d: Decimal) -> Decimal:
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


# --- data --------------------------------------------------------------------------------


def relation_words(raw: dict | None) -> dict[str, tuple]:
    """lang -> ((words, relation), ...), longest first, from the `relations` of
    data/translation-qa.yml (the publication keeps them: `Publication.relation_words`)."""
    raw = raw or {}
    out = {}
    for lang in ("nl", "en"):
        pairs = [
            (tuple(phrase.casefold().split()), rel) for rel, words in raw.items() for phrase in words.get(lang, [])
        ]
        out[lang] = tuple(sorted(pairs, key=lambda p: -len(p[0])))
    return out


def words_of(pub, lang: str) -> tuple:
    """The relation words of `lang` of the publication `pub` (none without one)."""
    return pub.relation_words(lang) if pub is not None else ()


@cache
def currencies(lang: str) -> dict[tuple[str, ...], str]:
    """Currency names and symbols of CLDR (singular and plural) -> ISO code."""
    from babel.numbers import get_currency_name, get_currency_symbol, list_currencies

    names: dict[tuple[str, ...], str] = {}
    symbols: dict[str, set] = {}
    for code in sorted(list_currencies()):
        for count in (None, 2):  # the name, and its plural (euro, euros)
            try:
                name = get_currency_name(code, count=count, locale=lang)
            except Exception:  # noqa: BLE001 - a currency CLDR lacks a name for
                continue
            if name and name != code:
                names.setdefault(tuple(name.casefold().replace("-", " - ").split()), code)
        symbol = get_currency_symbol(code, locale=lang)
        if symbol != code:
            symbols.setdefault(symbol, set()).add(code)
    for symbol, codes in symbols.items():
        if len(codes) == 1 and len(symbol) == 1:  # "$" is many currencies: only unambiguous symbols
            names[(symbol.casefold(),)] = next(iter(codes))
    return names


@cache
def _codes() -> frozenset:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


@lru_cache(maxsize=4096)
def _word_number(word: str, lang: str) -> int | None:
    from text_to_num import text2num

    w = word.casefold()
    if not re.fullmatch(r"[^\W\d_]+(?:-[^\W\d_]+)*", w):
        return None
    try:
        return int(text2num(w, lang))
    except (ValueError, IndexError, KeyError):
        return None


# --- parsing -----------------------------------------------------------------------------


class _Parser:
    def __init__(self, text: str, lang: str, relations: tuple):
        self.text, self.lang = text, lang
        self.toks = [_Tok(m.lastgroup, m.group(0), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        self.relations = _by_first_word(relations)

    def words_at(self, i: int, options) -> int:
        """How many tokens at i spell the longest of `options` (lists of lowercase words),
        0 if none."""
        if i >= len(self.toks):
            return 0
        low, toks, longest = self.toks[i].low, self.toks, 0
        for words in options:
            if (
                words
                and words[0] == low
                and len(words) > longest
                and i + len(words) <= len(toks)
                and all(toks[i + k].low == w for k, w in enumerate(words))
            ):
                longest = len(words)
        return longest

    def number_at(self, i: int, allow_article: bool = False):
        """(value as Decimal, tokens used, attached scale exponent) of a number at i."""
        if i >= len(self.toks):
            return None
        t = self.toks[i]
        if t.kind == "num":
            from babel.numbers import NumberFormatError, parse_decimal

            try:
                value = parse_decimal(t.text, locale=self.lang, strict=True)
            except (NumberFormatError, InvalidOperation, ValueError):
                return None
            return value, 1
        if t.kind != "word":
            return None
        # The longest run of number words that text2num reads as one number.
        scales = SCALES[self.lang]
        run, j = [], i
        while j < len(self.toks) and self.toks[j].kind == "word":
            low = self.toks[j].low
            if _word_number(low, self.lang) is not None and low not in ATTACHED_ONLY:
                run.append(j)
                j += 1
            elif (
                low in ("and", "en")
                and run
                and j + 1 < len(self.toks)
                and _word_number(self.toks[j + 1].low, self.lang) is not None
            ):
                j += 1
            else:
                break
        while run:
            last = run[-1]
            phrase = " ".join(tok.low for tok in self.toks[i : last + 1])
            try:
                from text_to_num import text2num

                value = int(text2num(phrase, self.lang))
            except (ValueError, IndexError, KeyError):
                run.pop()
                continue
            used = last + 1 - i
            only = self.toks[i].low
            if used == 1 and (only in ARTICLES and not allow_article or only in scales):
                return None
            return Decimal(value), used
        return None

    def quantity_at(self, i: int):
        """The quantity starting at token i: (Quantity, next token index) or None."""
        start = i
        relation = None
        for words, rel in self.relations.get(self.toks[i].low, ()) if i < len(self.toks) else ():
            if self.words_at(i, [words]):
                relation, i = rel, i + len(words)
                break
        # A range opened by a word: van/from/between/tussen.
        opener = RANGE_OPEN[self.lang].get(self.toks[i].low) if i < len(self.toks) else None
        if opener:
            a = self.amount_at(i + 1)
            if a:
                n = self.words_at(a[-1], opener)
                b = self.amount_at(a[-1] + n) if n else None
                if b:
                    r = self.make_range(start, a, b)
                    if r:
                        return r
        a = self.amount_at(i)
        if not a:
            return None
        value, unit, scale, j = a
        # A range: a dash, or tot/to, and a second amount.
        if j < len(self.toks) and self.toks[j].text in DASHES and self.toks[j].start - self.toks[j - 1].end <= 1:
            b = self.amount_at(j + 1)
            if b:
                r = self.make_range(start if relation is None else i, a, b)
                if r:
                    return r
        n = self.words_at(j, RANGE_WORDS[self.lang])
        if n:
            b = self.amount_at(j + n)
            if b and (b[1] == unit or unit is None):
                r = self.make_range(start if relation is None else i, a, b)
                if r:
                    return r
        # A proportion: four out of five, vier op de vijf.
        if unit is None and scale == 0:
            n = self.words_at(j, FRACTION_WORDS[self.lang])
            if n:
                b = self.number_at(j + n)
                whole = b and b[0] == b[0].to_integral_value() and value == value.to_integral_value()
                if whole and 0 < value < b[0] <= 1000:
                    end = j + n + b[1]
                    return self._q("fraction", (int(value), int(b[0])), None, relation, start, end), end
        if (
            unit is None
            and scale == 0
            and value == value.to_integral_value()
            and 1000 <= value <= 2999
            and "." not in self.toks[i].text
            and "," not in self.toks[i].text
        ):
            relation = None  # a year: "over 2023" is not "more than 2023"
            start = i
        return self._q("number", _norm(value * Decimal(10) ** scale), unit, relation, start, j), j

    def make_range(self, start: int, a, b):
        (va, ua, sa, _), (vb, ub, sb, end) = a, b
        unit = ub or ua
        if ua and ub and ua != ub:
            return None
        if sa == 0 and sb:
            sa = sb  # €10–20 million: both ends in millions
        value = (_norm(va * Decimal(10) ** sa), _norm(vb * Decimal(10) ** sb))
        if not value[0] < value[1]:
            return None  # "28638-233" is a number and another, not a range
        return self._q("range", value, unit, None, start, end), end

    def amount_at(self, i: int):
        """(value, unit, scale exponent, next index) of a number with its currency, scale
        and percent sign at token i."""
        if i >= len(self.toks):
            return None
        unit, j = None, i
        currency = self.currency_at(j)
        if currency:
            unit, j = currency[0], j + currency[1]
        num = self.number_at(j, allow_article=True)
        if not num:
            return None
        value, used = num
        if self.toks[j].kind == "word" and self.toks[j].low in ARTICLES:
            nxt = self.toks[j + used].low if j + used < len(self.toks) else ""
            fraction = any(self.words_at(j + used, [w]) for w in FRACTION_WORDS[self.lang])
            if used == 1 and nxt not in SCALES[self.lang] and not fraction:
                return None
        j += used
        scale = 0
        if j < len(self.toks) and self.toks[j].low in SCALES[self.lang]:
            attached = self.toks[j].start == self.toks[j - 1].end
            if self.toks[j].low not in ATTACHED_ONLY or attached:
                scale, j = SCALES[self.lang][self.toks[j].low], j + 1
        if unit is None:
            for options, name in ((POINTS[self.lang], "pp"), (PERCENT[self.lang], "%")):
                n = self.words_at(j, options)
                if n:
                    unit, j = name, j + n
                    break
        after = self.currency_at(j)
        if after and (unit is None or unit == after[0]):
            unit, j = after[0], j + after[1]
        return value, unit, scale, j

    def currency_at(self, i: int):
        if i >= len(self.toks):
            return None
        t = self.toks[i]
        if t.kind == "word" and t.text.isupper() and t.text in _codes():
            return t.text, 1
        names = currencies(self.lang)
        for length in (3, 2, 1):
            words = tuple(tok.low for tok in self.toks[i : i + length])
            if len(words) == length and words in names:
                return names[words], length
        return None

    def _q(self, kind, value, unit, relation, i: int, j: int) -> Quantity:
        s, e = self.toks[i].start, self.toks[j - 1].end
        return Quantity(kind, value, unit, relation, self.text[s:e], s, e)

    def all(self) -> list[Quantity]:
        out, i = [], 0
        while i < len(self.toks):
            found = self.quantity_at(i)
            if found:
                out.append(found[0])
                i = found[1]
            else:
                i += 1
        return out


@lru_cache(maxsize=64)
def _by_first_word(relations: tuple) -> dict[str, list]:
    """The relation words by their first word, each word's in their order."""
    index: dict[str, list] = {}
    for words, rel in relations:
        if words:
            index.setdefault(words[0], []).append((words, rel))
    return index


@lru_cache(maxsize=4096)
def _find(text: str, lang: str, relations: tuple) -> tuple[Quantity, ...]:
    """A pure function's results kept by their arguments (text, language, words)."""
    return tuple(_Parser(text, lang, relations).all())


def find(text: str, lang: str, pub=None) -> list[Quantity]:
    """Every quantity of `text` in `lang`, in order; the relation words ("ruim", "more
    than") of the publication `pub` (data/translation-qa.yml)."""
    return list(_find(text, lang, words_of(pub, lang)))


def parse_one(printed: str, lang: str, pub=None) -> Quantity | None:
    """The one quantity `printed` is, or None when it is not exactly one."""
    found = find(printed.strip(), lang, pub)
    if len(found) == 1 and found[0].text == printed.strip():
        return found[0]
    return None


def mask(text: str, lang: str, pub=None) -> str:
    """`text` with its quantities (and their relation words) blanked, offsets kept."""
    for q in find(text, lang, pub):
        text = text[: q.start] + " " * (q.end - q.start) + text[q.end :]
    return text


def relation_of(phrase: str, lang: str, pub=None) -> str | None:
    """The relation a qualifier such as "ruim" or "more than" states."""
    words = tuple(phrase.casefold().split())
    for w, rel in words_of(pub, lang):
        if w == words:
            return rel
    return None
