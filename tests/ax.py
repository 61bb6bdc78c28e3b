"""Chromium's own accessibility tree (through the DevTools protocol), for what
Playwright's ARIA snapshot leaves out: DPUB-ARIA roles such as doc-noteref,
doc-endnotes and doc-backlink, with the names a screen reader announces."""

from __future__ import annotations

from live import footnote_numbers


def nodes(page) -> list[tuple[str, str]]:
    """(role, accessible name) of every node of the page, in tree order."""
    cdp = page.context.new_cdp_session(page)
    try:
        tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return [
        (n.get("role", {}).get("value", ""), n.get("name", {}).get("value", "")) for n in tree if not n.get("ignored")
    ]


def footnotes(page) -> dict[str, list[str]]:
    """The names of the footnote calls, of the notes' regions and of the back-links."""
    found = nodes(page)
    return {role: [name for r, name in found if r == role] for role in ("doc-noteref", "doc-endnotes", "doc-backlink")}


# What a screen reader hears of a section page's footnotes, per language.
NOTES = footnote_numbers()
FOOTNOTE_NAMES = {
    "nl": {
        "doc-noteref": [f"voetnoot {n}" for n in NOTES],
        "doc-endnotes": ["Voetnoten"],
        "doc-backlink": [f"Terug naar voetnootverwijzing {n} in de tekst" for n in NOTES],
    },
    "en": {
        "doc-noteref": [f"footnote {n}" for n in NOTES],
        "doc-endnotes": ["Footnotes"],
        "doc-backlink": [f"Back to footnote {n} in the text" for n in NOTES],
    },
}
