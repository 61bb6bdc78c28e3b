"""The parallel page: the Dutch section and its English translation side by side,
heading by heading and paragraph by paragraph, generated from the two section pages
at build time (never kept by hand).

`align(nl, en)` pairs the blocks of the two sections, or says where they do not
align; `render(nl, en, lang)` makes the HTML of the parallel page for one language.
A paragraph with follow-ups (data/follow-ups.yml) is followed by a row of their notes,
in both languages (`<name>-pair-N-followups`; a note `<name>-followup-s-21`, in the
other column `…-en`), each sentence they answer marked.
Every id is prefixed with the section's name, so that several sections stand on one
page without two equal ids: each pair has the anchor `<name>-pair-N` (N counts headings
and paragraphs from 1; `daderaanpak-pair-3`), which the section pages link each
paragraph to; a sentence is `<name>-s-N` (in the other column `<name>-s-N-en`), the
notes' heading `<name>-footnotes-nl`, a footnote `fn:<name>-nl-35` and its call
`fnref:<name>-nl-35` (the source's numbers, with the section's name: two copies of one
source page stay apart too).
"""

from __future__ import annotations

import html as html_lib
import re
from functools import lru_cache

import markdown

from publication import LANGUAGES
from publication.model import segments
from publication.model.pages import FOOTNOTE_CALL_RE, Block, Page, align
from publication.render import followup_notes, sentences
from publication.render.footnotes import note_addition


def section_name(page: str) -> str:
    """A section's name in ids: its page path without '.md' ('daderaanpak')."""
    return page.removesuffix(".md").replace("/", "-")


def pair_id(section: str, number: int | str) -> str:
    """The parallel page's anchor of pair `number` of the section named `section`."""
    return f"{section}-pair-{number}"


def _ids(lang: str, reader: str, section: str) -> tuple[str, str]:
    """The prefix and suffix of a column's ids: the reader's column `daderaanpak-s-12`,
    the other `daderaanpak-s-12-en`."""
    return (f"{section}-" if section else ""), ("" if lang == reader else f"-{lang}")


def _inline(raw: str, lang: str, pub, ids: list[str] | None = None, reader: str = "", section: str = "") -> str:
    """A block's Markdown as HTML: its footnote calls point at this page's notes, its
    abbreviations have their titles; with `ids`, each sentence is a span naming its
    segment (focusable, so that its counterpart lights up from the keyboard too), and a
    sentence with a follow-up has its marker."""
    if ids:
        prefix, suffix = _ids(lang, reader, section)
        after = followup_notes.markers(section, lang, pub, lambda f: f"#{prefix}{f.anchor}{suffix}")
        raw = sentences.wrap_paragraph(
            raw,
            lang,
            ids,
            pub,
            lambda sid, first: (f' id="{prefix}{sid}{suffix}"' if first else "") + ' tabindex="0"',
            after=after,
        )

    name = pub.labels(lang)["footnotes"]["call"]
    note = f"{section}-" if section else ""

    def call(m: re.Match) -> str:
        n = m["label"]
        return (
            f'<sup id="fnref:{note}{lang}-{n}"><a class="footnote-ref" href="#fn:{note}{lang}-{n}" role="doc-noteref" '
            f'aria-label="{html_lib.escape(name.format(n=n))}">{n}</a></sup>'
        )

    text = FOOTNOTE_CALL_RE.sub(call, raw)
    out = _converter().reset().convert(text + "\n\n" + pub.glossary_text(lang))
    return out.strip()


@lru_cache(maxsize=1)
def _converter() -> markdown.Markdown:
    """One Markdown converter for every block, reset before each (as Python-Markdown
    recommends for many documents: setting up its extensions is most of a small
    block's time)."""
    return markdown.Markdown(extensions=["abbr", "attr_list"])


def _notes_of(ids: list[str], lang: str, reader: str, section: str, pub) -> str:
    """The follow-ups of a paragraph's sentences (`ids`), after it in its column."""
    prefix, suffix = _ids(lang, reader, section)
    return "".join(
        followup_notes.note_html(
            f,
            lang,
            pub,
            ident=f"{prefix}{f.anchor}{suffix}",
            sentence_href=lambda sid: f"#{prefix}{sid}{suffix}",
        )
        for f in pub.followups.shown(section)
        if f.sentence in ids
    )


def _heading(block: Block, lang: str) -> str:
    level = min(block.level + 1, 6)  # the page's own title is the h1
    return f"<h{level}>{html_lib.escape(block.text)}</h{level}>"


def _notes(
    page: Page, lang: str, pub, section: str = "", references: str | None = None, cited: dict | None = None
) -> str:
    """The notes of one column, each with the source's number and, after the source's
    words, the same addition as on the section page (`note_addition`: what the note
    cites, `cited` by number, linked to its entry at `references`)."""
    from lxml import html as lxml_html

    items = []
    prefix = f"{section}-" if section else ""
    for label, note in page.footnotes.items():
        body = _inline(note.raw, lang, pub, section=section)
        body = re.sub(r"^<p>|</p>$", "", body)
        value = f' value="{label}"' if label.isdigit() else ""
        back = html_lib.escape(pub.labels(lang)["footnotes"]["backlink"].format(n=label))
        item = (
            f'<li id="fn:{prefix}{lang}-{label}"{value}>{body} '
            f'<a class="footnote-backref" href="#fnref:{prefix}{lang}-{label}" role="doc-backlink" '
            f'aria-label="{back}" title="{back}">↩</a></li>'
        )
        ref = (cited or {}).get(int(label)) if label.isdigit() and references is not None else None
        if ref is not None:
            li = lxml_html.fragment_fromstring(item)
            note_addition(li, ref, lang, references, pub, nbsp="\xa0")
            item = lxml_html.tostring(li, encoding="unicode")
        items.append(item)
    return "<ol>" + "".join(items) + "</ol>"


def render(nl: Page, en: Page, lang: str, pub, section: str | None = None, references: str | None = None) -> str:
    """The parallel page's body of one section of the publication `pub` for a reader of
    `lang` (words in that language); `section` prefixes its ids (by default the page's
    file name without .md). With `references` (the References page's address from this
    page), each note carries what it cites, as on the section page."""
    section = section or section_name(nl.path.name)
    cited = pub.bib.footnotes if references is not None else {}
    words = pub.labels(lang)["parallel"]
    names = pub.labels(lang)["language_names"]  # each version with its standing, as everywhere
    title = (nl if lang == "nl" else en).meta.get("title", "")
    pairs, problems = align(nl, en)
    if problems:
        number, x, y = problems[0]
        raise ValueError(
            f"the two sections do not align at pair {number}: "
            f"{x.kind if x else 'nothing'} (nl) beside {y.kind if y else 'nothing'} (en)"
        )
    pages = {"nl": nl, "en": en}
    rows = [
        f'<div class="parallel" role="table" aria-label="{html_lib.escape(words["caption"].format(title=title))}">',
        '<div class="parallel__row parallel__head" role="row">'
        + "".join(
            f'<div class="parallel__cell" role="columnheader">{html_lib.escape(names[c])}</div>' for c in LANGUAGES
        )
        + "</div>",
    ]
    pairing = segments.load_pairing(nl.path.name, nl, en, pub)
    ids = {c: segments.sentence_ids(pairing, c) for c in LANGUAGES}
    for pair in pairs:
        cells, followed = [], []
        for c in LANGUAGES:
            block = getattr(pair, c)
            mine = ids[c].get(pair.number)
            if mine and len(mine) != len(segments.split_markdown(block.raw, c, pub)):
                mine = None
            body = _heading(block, c) if pair.kind == "heading" else _inline(block.raw, c, pub, mine, lang, section)
            cells.append(
                f'<div class="parallel__cell" role="cell" lang="{c}" id="{pair_id(section, pair.number)}-{c}" '
                f'data-label="{html_lib.escape(names[c])}">'
                f"{body}</div>"
            )
            notes_of = _notes_of(mine or [], c, lang, section, pub)
            if notes_of:
                followed.append(f'<div class="parallel__cell" role="cell" lang="{c}">{notes_of}</div>')
        rows.append(
            f'<div class="parallel__row parallel__row--{pair.kind}" role="row" id="{pair_id(section, pair.number)}">'
            + "".join(cells)
            + "</div>"
        )
        # The paragraph's follow-ups, this publication's additions, in a row of their own
        # right after it: the pair's own cells hold the source's text and its translation.
        if followed:
            rows.append(
                f'<div class="parallel__row parallel__row--followups" role="row" '
                f'id="{pair_id(section, pair.number)}-followups">' + "".join(followed) + "</div>"
            )
    notes = "".join(
        f'<div class="parallel__cell" role="cell" lang="{c}">'
        f'<div role="doc-endnotes" aria-labelledby="{section}-footnotes-{c}">'
        f'<h2 class="parallel__notes-title" id="{section}-footnotes-{c}">{html_lib.escape(pub.labels(c)["footnotes"]["heading"])}</h2>'
        f"{_notes(pages[c], c, pub, section, references, cited)}</div></div>"
        for c in LANGUAGES
    )
    rows.append(
        f'<div class="parallel__row parallel__notes footnote" role="row" id="{pair_id(section, "notes")}">{notes}</div>'
    )
    rows.append("</div>")
    return "\n".join(rows)
