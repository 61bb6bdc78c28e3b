"""The page reader (`publication.model.pages.parse`) reads footnote definitions and
paragraphs as Python-Markdown does: each case is run through the library too, and the
reader must find the same notes (label and words) and the same number of paragraphs."""

from __future__ import annotations

import re

import markdown
import pytest
from markdown.extensions.footnotes import FootnoteExtension

from publication.model.pages import parse, plain

CASES = {
    "one line each": "Text[^1] and more[^2].\n\n[^1]: First note.\n[^2]: Second note.\n",
    "lazy continuation": "Text[^1].\n\n[^1]: First line\nof the same note.\n\nAfter.\n",
    "indented continuation": "Text[^1].\n\n[^1]: First line\n    continued, indented.\n\nAfter.\n",
    "indented paragraph of the note": "Text[^1].\n\n[^1]: First paragraph.\n\n    Second paragraph.\n\nAfter.\n",
    "indented definition": "Text[^1].\n\n   [^1]: Indented by three spaces.\n\nAfter.\n",
    "definition right after a paragraph": "Text[^1] ends here.\n[^1]: The note.\n\nAfter.\n",
    "a note then an unindented paragraph": "Text[^1].\n\n[^1]: The note.\n\nA paragraph, not the note.\n",
    "two notes in one block, the first continued": "A[^a] b[^b].\n\n[^a]: One\ngoes on.\n[^b]: Two.\n",
}


def library_reading(text: str) -> tuple[dict[str, str], int]:
    ext = FootnoteExtension()
    md = markdown.Markdown(extensions=[ext])
    html = md.convert(text)
    notes = {label: " ".join(plain(body).split()) for label, body in ext.footnotes.items()}
    body = re.sub(r'<div class="footnote">.*</div>', "", html, flags=re.S)
    return notes, body.count("<p>")


@pytest.mark.parametrize("case", CASES)
def test_the_reader_finds_the_notes_and_paragraphs_python_markdown_finds(case):
    text = CASES[case]
    notes, paragraphs = library_reading(text)
    page = parse(text)
    assert {label: " ".join(b.text.split()) for label, b in page.footnotes.items()} == notes
    assert len(page.of("paragraph")) == paragraphs


def test_a_continued_note_keeps_its_first_line_and_its_calls_stay_calls():
    page = parse("Text[^36].\n\n[^36]: Kamerstuk 30 995,\n    nr. 100.\n")
    note = page.footnotes["36"]
    assert (note.line, note.text) == (3, "Kamerstuk 30 995, nr. 100.")
    assert page.calls == [("36", 1)]
    assert [b.kind for b in page.blocks] == ["paragraph", "footnote"]
