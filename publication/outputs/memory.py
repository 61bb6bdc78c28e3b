"""The translation memory: a section's aligned segments as TMX 1.4b and XLIFF 1.2, for
translators, written with translate-toolkit (its TMX and XLIFF stores; the library
writes XLIFF 1.2 but not 2.0).

Each segment is one unit whose id is the segment's (`s-12`, `preventie`); the footnote
calls travel as inline placeholders, not as text: `<ph type="fnote">[^37]</ph>` in TMX
(the native code it stands for) and `<x id="fn-37"/>` in XLIFF. A unit's notes say,
for a sentence with a follow-up (data/follow-ups.yml), what became of it in each
language (`notes`, from the caller); the XLIFF's developer note says where the Dutch
stands in the repository, the TMX, read by anyone, names no path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage import tmx, xliff
from translate.storage.placeables import StringElem
from translate.storage.placeables import xliff as xliff_placeables

from publication.model.pages import FOOTNOTE_CALL_RE, plain
from publication.model.segments import Segment

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
# (the Dutch page's path, a segment's id) -> the unit's further notes
Notes = Callable[[str, str], list[str]]


def _no_notes(original: str, segment: str) -> list[str]:
    return []


@dataclass(frozen=True)
class Call:
    label: str


def parts(sentences) -> list:
    """A segment's text in one language as text pieces and footnote calls."""
    markdown = " ".join(s.markdown for s in sentences)
    out, pos = [], 0
    for m in FOOTNOTE_CALL_RE.finditer(markdown):
        out += [_text(markdown[pos : m.start()]), Call(m["label"])]
        pos = m.end()
    out.append(_text(markdown[pos:]))
    return [p for p in out if p != ""]


def _text(markdown: str) -> str:
    """Plain text, keeping one space at either edge where the Markdown has one."""
    core = plain(markdown)
    if not core:
        return " " if markdown[:1].isspace() or markdown[-1:].isspace() else ""
    return (" " if markdown[:1].isspace() else "") + core + (" " if markdown[-1:].isspace() else "")


def _flat(pieces: list) -> str:
    return "".join(p for p in pieces if isinstance(p, str))


def tmx_bytes(sections: list[tuple[str, list[Segment]]], notes: Notes = _no_notes) -> bytes:
    """TMX 1.4b: a <tu> per segment, Dutch then English; its tuid is the section and
    the segment, as in the segment's address: daderaanpak#s-12."""
    store = tmx.tmxfile(sourcelanguage="nl", targetlanguage="en")
    for original, segments in sections:
        for seg in segments:
            if seg.nl and seg.en:
                _tmx_unit(store, seg, original, notes)
    return bytes(store)


def _tmx_unit(store, seg: Segment, original: str, notes: Notes = _no_notes) -> None:
    rich = {"nl": parts(seg.nl), "en": parts(seg.en)}
    unit = store.addsourceunit(_flat(rich["nl"]))
    unit.target = _flat(rich["en"])
    unit.xmlelement.set("tuid", f"{Path(original).stem}#{seg.id}")
    # the unit's id says where it stands (daderaanpak#s-12); a note is for its reader, so
    # no repository path (the XLIFF's developer note keeps the file and line)
    for note in notes(original, seg.id):
        unit.addnote(note)
    # The store writes plain text; the calls go in as <ph> elements of the same tree.
    for tuv in unit.xmlelement.iter("tuv"):
        lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
        _fill(tuv.find("seg"), rich[lang], _tmx_ph)


def _tmx_ph(parent, call: Call, n: int):
    ph = etree.SubElement(parent, "ph", x=str(n), type="fnote")
    ph.text = f"[^{call.label}]"
    return ph


def _fill(seg, pieces: list, make) -> None:
    """Put text pieces and placeholder elements into `seg`, in order."""
    for child in list(seg):
        seg.remove(child)
    seg.text, last, n = "", None, 0
    for piece in pieces:
        if isinstance(piece, Call):
            n += 1
            last = make(seg, piece, n)
            last.tail = ""
        elif last is None:
            seg.text += piece
        else:
            last.tail += piece


class _Xliff12Unit(xliff.xliffunit):
    namespace = XLIFF_12


class _Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF store, in the 1.2 namespace."""

    UnitClass = _Xliff12Unit
    namespace = XLIFF_12
    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version="1.2" xmlns="{XLIFF_12}">
<file original="NoName" source-language="nl" datatype="plaintext">
<body>
</body>
</file>
</xliff>"""


def xliff_bytes(sections: list[tuple[str, list[Segment]]], notes: Notes = _no_notes) -> bytes:
    """XLIFF 1.2: a <file original="docs/nl/…"> per section, a <trans-unit id="s-12">
    per segment, footnote calls as <x/>."""
    store = _Xliff12(sourcelanguage="nl", targetlanguage="en")
    for original, segments in sections:
        store.switchfile(original, createifmissing=True)
        for seg in segments:
            if not seg.nl or not seg.en:
                continue
            unit = store.addsourceunit(_flat(parts(seg.nl)), filename=original)
            unit.rich_source = [_rich(parts(seg.nl))]
            unit.rich_target = [_rich(parts(seg.en))]
            unit.setid(seg.id)
            unit.addnote(f"{original}:{seg.line('nl')}", origin="developer")
            for note in notes(original, seg.id):
                unit.addnote(note, origin="publication")
    return bytes(store)


def _rich(pieces: list) -> StringElem:
    return StringElem([xliff_placeables.X(id=f"fn-{p.label}") if isinstance(p, Call) else p for p in pieces])


def write_all(
    sections: list[tuple[str, list[Segment]]], tmx_path: Path, xliff_path: Path, notes: Notes = _no_notes
) -> None:
    """Both files for `sections`: (the Dutch page's path, its segments); `notes` gives a
    unit's further notes."""
    tmx_path.write_bytes(tmx_bytes(sections, notes))
    xliff_path.write_bytes(xliff_bytes(sections, notes))
