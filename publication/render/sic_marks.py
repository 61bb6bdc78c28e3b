"""The source's words that stand as printed (model/as_printed.py), marked where they stand
in the built pages: `<span class="as-printed" title="as printed, …">€143 miljoen euro</span>`.
The words stay the sentence's own; after them stands the editor's "[sic]", a text of its
own (`<span class="sic" lang="la">`, so that a copy keeps it), and the title names what
is unusual.

`mark(html, lang, pub, section)` marks them in one page's HTML: the Dutch sentences of a
section page (`section`: its name, whose sentence ids are bare, `s-4`) and the Dutch
column of a side-by-side page (ids `daderaanpak-s-4` on a Dutch page, `…-nl` on a
translated one). A record whose sentence stands on the page without its words is an
error naming the data file's line (AsPrintedError).
"""

from __future__ import annotations

import html as html_lib
import re

from publication import DEFAULT_LANGUAGE

CLASS = "as-printed"
SIC_CLASS = "sic"  # the editor's mark after them
SIC = "\u00a0[sic]"  # on the line of the word it follows
OPENER = re.compile(r'<span data-seg="(?P<sid>s-\d+)" id="(?P<id>[^"]+)"[^>]*>')


class AsPrintedError(ValueError):
    """A record's words are not in its sentence (the source changed, or a slip)."""


def _dutch(span_id: str, sid: str, lang: str, section: str | None, names: set[str]) -> str | None:
    """The section whose Dutch sentence the span with `span_id` is, or None."""
    if span_id == sid:
        return section if lang == DEFAULT_LANGUAGE else None
    for name in names:
        if span_id == f"{name}-{sid}":
            return name if lang == DEFAULT_LANGUAGE else None
        if span_id == f"{name}-{sid}-{DEFAULT_LANGUAGE}":
            return name
    return None


def _marked(words: str, note: str) -> str:
    """The words as printed, and after them the editor's "[sic]" as text of its own (in
    Latin, set apart: a copy, a reading system without the stylesheet and a screen
    reader keep it; the sentence's words are untouched)."""
    return f'<span class="{CLASS}" title="{note}">{words}</span><span class="{SIC_CLASS}" lang="la">{SIC}</span>'


def mark(markup: str, lang: str, pub, section: str | None = None) -> str:
    """`markup` (a page's HTML in `lang`) with each record's words marked in its Dutch
    sentence. Raises AsPrintedError when a sentence of a record stands here without them."""
    records = pub.as_printed
    if not records:
        return markup
    by_sentence: dict[tuple[str, str], list] = {}
    for record in records:
        by_sentence.setdefault((record.section, record.sentence), []).append(record)
    names = {r.section for r in records}
    out, pos = [], 0
    for m in OPENER.finditer(markup):
        name = _dutch(m["id"], m["sid"], lang, section, names)
        wanted = by_sentence.get((name, m["sid"])) if name else None
        if not wanted:
            continue
        end = markup.find("</span>", m.end())
        inner = original = markup[m.end() : end]
        for record in wanted:
            words = html_lib.escape(record.words, quote=False)
            if words not in inner:
                raise AsPrintedError(
                    f"data/as-printed.yml:{record.line}: expected «{record.words}» in sentence {record.sentence} "
                    f"of {record.section}, found «{' '.join(re.sub(r'<[^>]+>', '', original).split())}»"
                )
            note = html_lib.escape(record.note[lang])
            inner = inner.replace(words, _marked(words, note), 1)
        out.append(markup[pos : m.end()])
        out.append(inner)
        pos = end
    out.append(markup[pos:])
    return "".join(out)


def mark_quote(escaped: str, quote_lang: str, lang: str, section: str, sentence: str, pub) -> str:
    """A sentence quoted elsewhere (the timeline's entry quotes the sentence it answers),
    already escaped, with its records' words marked as on its own page, when the quote
    is the Dutch (the mark's title in the page's `lang`). Words the quote does not hold
    stay unmarked: the page's own check (`mark`) names the record."""
    if quote_lang != DEFAULT_LANGUAGE:
        return escaped
    for record in pub.as_printed or ():
        if (record.section, record.sentence) != (section, sentence):
            continue
        words = html_lib.escape(record.words, quote=False)
        note = html_lib.escape(record.note[lang])
        escaped = escaped.replace(words, _marked(words, note), 1)
    return escaped
