"""The translation memory that `publish` writes: TMX 1.4b and XLIFF 1.2, read back with
translate-toolkit and compared with the pages, footnote calls as inline placeholders."""

from __future__ import annotations

import re

import pytest
from lxml import etree
from repo import PUB, ROOT
from translate.storage import tmx, xliff
from translate.storage.placeables import xliff as xliff_placeables

from publication.model import pages, segments
from publication.model.downloads import TMX_FILE, XLIFF_FILE
from publication.render import followup_notes
from publication.render.placeholders import read_page


@pytest.fixture(scope="module")
def pairing():
    nl = read_page(ROOT / "docs/nl/daderaanpak.md", "nl", PUB)
    en = read_page(ROOT / "docs/en/daderaanpak.md", "en", PUB)
    return segments.load_pairing("daderaanpak.md", nl, en, PUB)


def test_the_tmx_holds_every_segment_with_its_id_and_both_texts(dist, pairing):
    store = tmx.tmxfile.parsestring((dist / TMX_FILE).read_bytes())
    units = {u.getid(): u for u in store.units}
    assert list(units) == [f"daderaanpak#{s.id}" for s in pairing.segments]
    for seg in pairing.segments:
        unit = units[f"daderaanpak#{seg.id}"]
        # The toolkit reads a placeholder as its native code ([^37]); without it, the
        # unit's text is the segment's.
        assert re.sub(r"\[\^\w+\]", "", unit.source) == seg.text("nl")
        assert re.sub(r"\[\^\w+\]", "", unit.gettarget("en")) == seg.text("en")
        # What became of the sentence (data/follow-ups.yml); its id says where it stands,
        # and no note names a repository path ("docs/nl/daderaanpak.md:10" once did)
        notes = followup_notes.memory_notes("daderaanpak", seg.id, PUB)
        assert unit.getnotes() == "\n".join(notes)
    assert "docs/" not in (dist / TMX_FILE).read_text(encoding="utf-8")


def test_the_tmx_carries_footnote_calls_as_placeholders(dist, pairing):
    root = etree.fromstring((dist / TMX_FILE).read_bytes())
    assert root.get("version") == "1.4" and root.find("header").get("srclang") == "nl"
    calls = {}
    for tu in root.iter("tu"):
        for tuv in tu.iter("tuv"):
            lang = tuv.get("{http://www.w3.org/XML/1998/namespace}lang")
            seg = tuv.find("seg")
            calls[(tu.get("tuid"), lang)] = [ph.text for ph in seg.iter("ph") if ph.get("type") == "fnote"]
            words = " ".join("".join(t for t in seg.itertext() if not t.startswith("[^")).split())
            expected = next(s for s in pairing.segments if f"daderaanpak#{s.id}" == tu.get("tuid")).text(lang)
            assert words == expected, (tu.get("tuid"), lang)
    expected = {
        (f"daderaanpak#{s.id}", lang): [f"[^{c}]" for c in s.calls(lang)]
        for s in pairing.segments
        for lang in ("nl", "en")
    }
    assert calls == expected
    assert calls[("daderaanpak#s-15", "nl")] == calls[("daderaanpak#s-15", "en")] == ["[^37]"]


def test_the_xliff_is_version_1_2_with_calls_as_x_placeholders(dist, pairing):
    data = (dist / XLIFF_FILE).read_bytes()
    root = etree.fromstring(data)
    assert root.get("version") == "1.2" and root.nsmap[None] == "urn:oasis:names:tc:xliff:document:1.2"
    store = xliff.xlifffile.parsestring(data)
    units = {u.getid().split("\x04")[-1]: u for u in store.units}
    assert list(units) == [s.id for s in pairing.segments]
    assert store.getfilenames() == ["docs/nl/daderaanpak.md"]
    for seg in pairing.segments:
        unit = units[seg.id]
        placeholders = [e.id for e in unit.rich_source[0].flatten() if isinstance(e, xliff_placeables.X)]
        assert placeholders == [f"fn-{c}" for c in seg.calls("nl")], seg.id
        assert [e.id for e in unit.rich_target[0].flatten() if isinstance(e, xliff_placeables.X)] == [
            f"fn-{c}" for c in seg.calls("en")
        ]
        assert " ".join(unit.source.split()) == seg.text("nl")
        assert " ".join(unit.target.split()) == seg.text("en")


def test_the_dutch_of_the_units_in_order_is_the_section_word_for_word(dist):
    """An expectation the segmenter does not make: the TMX's Dutch units, joined in
    order, are the section's headings and paragraphs as the page reader reads them."""
    store = tmx.tmxfile.parsestring((dist / TMX_FILE).read_bytes())
    joined = " ".join(re.sub(r"\[\^\w+\]", "", unit.source) for unit in store.units)
    page = pages.read(ROOT / "docs/nl/daderaanpak.md")
    assert joined.split() == " ".join(block.text for block in pages.blocks(page)).split()
