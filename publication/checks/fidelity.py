"""Fidelity: the Dutch section says what the source says, word for word.

Against the repository's copy of its source page's text (`source_page: N` -> the one file
source/*-pN.txt, read as source/NOTES.md describes; each finding names that file),
every heading, every sentence and every footnote text of the source stands in the
Dutch section, in order, and nothing is inserted inside a sentence or between them.
Editorial notes (admonitions) are not source text and are left out.
"""

from __future__ import annotations

import difflib

from publication.model import pages as pages_mod
from publication.model import source as source_mod
from publication.model.findings import Finding
from publication.model.publication import Publication

CHECK = "fidelity"


def _quote(text: str) -> str:
    return f"«{text}»"


def _changed_words(expected: str, found: str) -> str:
    """The first difference in words: '[geharde → harde]'."""
    a, b = expected.split(), found.split()
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            return f" [{' '.join(a[a1:a2]) or '∅'} → {' '.join(b[b1:b2]) or '∅'}]"
    return ""


def _units(blocks, pub) -> list[tuple[str, str, int]]:
    """(kind, text, line) for each heading and each sentence, in order."""
    out = []
    for b in blocks:
        if b.kind == "heading":
            out.append(("heading", b.text, b.line))
        elif b.kind == "paragraph":
            out += [("sentence", s, b.line) for s in source_mod.sentences(b.text, pub)]
    return out


def _differences(name: str, expected, found, fallback_line: int, source: str = "") -> list[Finding]:
    """The differences of the page's units (`found`) from the source's (`expected`);
    `source` names the source file, each expected unit with its line there."""

    def where(unit) -> str:
        return f" ({source}:{unit[2]})" if source else ""

    findings = []
    matcher = difflib.SequenceMatcher(
        a=[(k, t) for k, t, _ in expected], b=[(k, t) for k, t, _ in found], autojunk=False
    )
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        exp, got = expected[a1:a2], found[b1:b2]
        # Pair the replaced units one by one, so an edited word shows its two sentences.
        for i in range(max(len(exp), len(got))):
            e = exp[i] if i < len(exp) else None
            g = got[i] if i < len(got) else None
            line = g[2] if g else (found[b1 - 1][2] if b1 > 0 and found else fallback_line)
            if e and g:
                findings.append(
                    Finding(
                        name,
                        line,
                        f"the source's {e[0]} {_quote(e[1])}{where(e)}",
                        _quote(g[1]) + _changed_words(e[1], g[1]),
                        CHECK,
                    )
                )
            elif e:
                findings.append(
                    Finding(name, line, f"the source's {e[0]} {_quote(e[1])}{where(e)}", "it missing", CHECK)
                )
            else:
                findings.append(
                    Finding(
                        name,
                        line,
                        f"only the source's text{f' ({source})' if source else ''}",
                        f"an inserted {g[0]} {_quote(g[1])}",
                        CHECK,
                    )
                )
    return findings


def check(project: Publication, page: pages_mod.Page, src: source_mod.SourcePage, source: str = "") -> list[Finding]:
    """The page against the source page `src`; `source` names its file in the findings."""
    name = project.rel(page.path)
    first_line = page.blocks[0].line if page.blocks else 1
    findings = _differences(name, _units(src.blocks, project), _units(page.blocks, project), first_line, source)
    notes = page.footnotes
    of = f" ({source})" if source else ""
    for number, text in src.footnotes.items():
        note = notes.get(str(number))
        if note is None:
            findings.append(
                Finding(name, 0, f"the source's footnote {number} {_quote(text)}{of}", "no such note", CHECK)
            )
        elif note.text != text:
            findings.append(
                Finding(
                    name,
                    note.line,
                    f"the source's footnote {number} {_quote(text)}{of}",
                    _quote(note.text) + _changed_words(text, note.text),
                    CHECK,
                )
            )
    return findings


def run(project: Publication, loaded) -> list[Finding]:
    loaded_pages = loaded.pages
    findings = []
    for rel in loaded.sections:
        page = loaded_pages.get("nl", {}).get(rel)
        section = loaded.section(rel)
        if page is not None and section is not None:
            findings += check(project, page, project.source_text(section.source), project.rel(section.source))
    return findings
