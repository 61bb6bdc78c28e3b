"""A section's sentences in the HTML: each in a span naming its segment (`#s-12`, the
same sentence in both languages), and the stylesheet rules that light a sentence of the
parallel page and its counterpart up together. The segments themselves (splitting,
pairing, the alignment record) are the model's (model/segments.py)."""

from __future__ import annotations

import html
from pathlib import Path

from publication.model.pages import Block, Page, blocks, parse, read
from publication.model.segments import load_record, pair, record_path, sentence_ids, split_markdown


def wrap_paragraph(raw: str, lang: str, ids: list[str], pub, attrs=None, before=None, after=None) -> str:
    """A paragraph's Markdown with each sentence (as the publication `pub` splits it)
    in a span naming its segment. `ids` gives each sentence's segment; `attrs(id,
    first)` adds attributes; `before(id)` is HTML put before a segment's first span (its
    number); `after(id)` is written after a segment's last sentence (a follow-up's
    marker). Both stand outside the spans, so a sentence holds its words only."""
    spans = split_markdown(raw, lang, pub)
    if len(spans) != len(ids):
        raise ValueError(f"{len(ids)} segment ids for {len(spans)} sentences")
    out, pos, seen = [], 0, set()
    for i, ((a, b), sid) in enumerate(zip(spans, ids)):
        first = sid not in seen
        extra = attrs(sid, first) if attrs else ""
        seen.add(sid)
        out.append(raw[pos:a])
        if before and first:
            out.append(before(sid))
        out.append(f'<span data-seg="{sid}"{extra}>{raw[a:b]}</span>')
        if after is not None and (i + 1 == len(ids) or ids[i + 1] != sid):
            out.append(after(sid))
        pos = b
    out.append(raw[pos:])
    return "".join(out)


def _blocks_by_pair(page: Page) -> dict[int, Block]:
    """Pair number (headings and paragraphs counted from 1) -> the paragraph."""

    return {n: b for n, b in enumerate(blocks(page), start=1) if b.kind == "paragraph"}


def mark_section(
    markdown: str, lang: str, section: str, other_markdown: str, pub, after=None, sentences: dict | None = None
) -> tuple[str, dict[int, str]]:
    """A section page's Markdown (placeholders expanded, no front matter) with each
    sentence in `<span data-seg="s-N" id="s-N">`, so that `#s-N` is a permalink to the
    same sentence in both languages. `other_markdown` is the other language's page;
    `after(id)` is written after each sentence (see `wrap_paragraph`). Also returns, per
    paragraph (pair number), the id of its first sentence; `sentences`, when given, is
    filled with each paragraph's sentence ids."""

    words = pub.labels(lang)["pairs"]

    def number_link(sid: str) -> str:
        """The sentence's number, a link to its own address: shown when the reader asks
        for the numbers (the script's toggle), out of the search index and the books."""
        n = sid.removeprefix("s-")
        name = html.escape(words["sentence_number"].format(sentence=sid, n=n))
        return (
            f'<a class="sentence-number" href="#{sid}" aria-label="{name}" title="{name}" '
            f'data-search-exclude="true">{n}</a>'
        )

    this = parse(markdown, Path(section))
    other = parse(other_markdown, Path(section))
    nl, en = (this, other) if lang == "nl" else (other, this)
    pairing = pair(nl, en, load_record(record_path(section, pub.data)), pub)
    ids = sentence_ids(pairing, lang)
    lines = markdown.split("\n")
    anchors = {}
    for number, block in sorted(_blocks_by_pair(this).items(), reverse=True):
        if number not in ids or len(ids[number]) != len(split_markdown(block.raw, lang, pub)):
            continue
        wrapped = wrap_paragraph(
            block.raw, lang, ids[number], pub, lambda sid, first: f' id="{sid}"' if first else "", number_link, after
        )
        lines[block.line - 1 : block.line + len(block.breaks)] = [wrapped]
        anchors[number] = ids[number][0]
        if sentences is not None:
            sentences[number] = tuple(dict.fromkeys(ids[number]))
    return "\n".join(lines), anchors


# --- highlighting counterparts on the parallel page ----------------------------------------

HIGHLIGHT_START = "/* segments: generated at build time */"
HIGHLIGHT_END = "/* end of segments */"


def highlight_css(count: int) -> str:
    """Stylesheet rules that light a sentence of the parallel page and its counterpart
    up while either is hovered or has the keyboard focus: no script, so no request and
    no inline code for the Content-Security-Policy. One rule per segment number (the
    numbers are per section, so `count` is the largest section's)."""
    rules = []
    for n in range(1, count + 1):
        s = f'[data-seg="s-{n}"]'
        rules.append(f".parallel:has({s}:hover,{s}:focus) {s}")
    body = ",\n".join(rules)
    return (
        f"{HIGHLIGHT_START}\n{body} {{ background: var(--pub-mark-color, #fff3b0); -webkit-box-decoration-break: clone; box-decoration-break: clone; }}\n{HIGHLIGHT_END}\n"
        if rules
        else ""
    )


def add_highlight_css(stylesheet: Path, count: int) -> None:
    """Put the rules into the built stylesheet (again at each language's build)."""
    text = stylesheet.read_text(encoding="utf-8")
    if HIGHLIGHT_START in text:
        text = text[: text.index(HIGHLIGHT_START)] + text[text.index(HIGHLIGHT_END) + len(HIGHLIGHT_END) + 1 :]
    stylesheet.write_text(text.rstrip("\n") + "\n\n" + highlight_css(count), encoding="utf-8")


def most_sentences(pub) -> int:
    """The number of Dutch sentences of the longest section of the publication `pub`."""

    most = 0
    for path in sorted((pub.docs / "nl").glob("*.md")):
        nl = read(path, "nl", expand=False)
        if nl.meta.get("source_page"):
            most = max(most, sum(len(split_markdown(b.raw, "nl", pub)) for b in nl.of("paragraph")))
    return most
