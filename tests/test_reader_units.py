"""The reader's additions as plain functions: the unofficial notice's words and link,
official titles first, a note's addition, the controls left out of the search."""

from __future__ import annotations

import markdown
from repo import PUB

from publication.render.footnotes import SourceFootnotesExtension
from publication.render.pairs import PairsExtension
from publication.render.unofficial import notice, translated


def test_the_notice_stands_on_a_translated_page_only():
    assert notice("nl", "../", PUB, "nl") is None
    words = PUB.labels("en")["reader"]
    assert notice("en", "../../daderaanpak/", PUB, "nl") == {
        "text": words["unofficial_notice"],
        "section_text": words["unofficial_section"],
        "authority": words["unofficial_authority"],
        "name": words["unofficial_name"],
        "link": words["unofficial_link"],
        "href": "../../daderaanpak/",
        "hreflang": "nl",
    }
    assert (
        "authoritative" in words["unofficial_authority"]
        and "gezaghebbend" in PUB.labels("nl")["reader"]["unofficial_authority"]
    )


def test_an_official_title_comes_first_with_its_translation_in_brackets():
    texts = {"nl": "Aanpak Wijken", "en": "Neighbourhood approach"}
    assert translated(texts, "nl", PUB, "nl") == "Aanpak Wijken"
    assert (
        translated(texts, "en", PUB, "nl")
        == '<span lang="nl">Aanpak Wijken</span> (translation: Neighbourhood approach)'
    )
    assert translated({"nl": "Jeugd", "en": "Jeugd"}, "en", PUB, "nl") == '<span lang="nl">Jeugd</span>'


def md(text: str, lang: str) -> str:
    return markdown.markdown(
        text,
        extensions=[
            "footnotes",
            "admonition",
            SourceFootnotesExtension(lang=lang, publication=PUB),
            PairsExtension(enabled=True, lang=lang, anchors={1: "s-1"}, publication=PUB),
        ],
    )


def test_a_note_keeps_its_words_and_adds_what_it_cites():
    out = md("Tekst[^35].\n\n[^35]: Kamerstuk 28 741, nr. 106.", "nl")
    assert (
        '<li id="fn:35" value="35">\n<p>Kamerstuk 28 741, nr. 106. <span class="note-added">['
        '<span class="note-added__label">Toegevoegd door deze publicatie</span>: '
        "<cite>Brede preventieaanpak (georganiseerde en ondermijnende) jeugdcriminaliteit</cite>, 7 juli 2023 · "
        '<a class="note-added__link" href="references.md#kst-28741-106">vermelding in Referenties</a>]</span>&#160;'
        '<a aria-label="Terug naar voetnootverwijzing 35 in de tekst" class="footnote-backref"'
    ) in out


def test_an_english_note_gives_the_dutch_title_first():
    out = md("Text[^36].\n\n[^36]: Parliamentary paper (Kamerstuk) 30 995, no. 100.", "en")
    assert (
        '[<span class="note-added__label">Added by this publication</span>: <cite lang="nl">Brief over het '
        "Nationaal Programma Leefbaarheid en Veiligheid</cite> (translation: Letter on the National Programme for "
        'Liveability and Safety), 4 July 2022 · <a class="note-added__link" href="references.md#kst-30995-100">'
        "entry in References</a>]"
    ) in out


def test_a_note_of_no_cited_document_is_left_as_it_is():
    out = md("Text[^9].\n\n[^9]: A note.", "en")
    assert "note-added" not in out


def test_the_controls_are_kept_out_of_the_search_index():
    out = md('Een zin.\n\n!!! quote cite "Citeren"\n    Zo citeert u.\n\nMeer[^35].\n\n[^35]: Noot.', "nl")
    assert '<a aria-label="Vaste link naar zin s-1" class="paragraph-link" data-search-exclude="true"' in out
    assert out.count('class="pair-link" data-search-exclude="true"') == 2
    assert '<div class="admonition quote cite" data-search-exclude="true">' in out
    assert 'class="footnote-backref" data-search-exclude="true"' in out
