"""Chromium's own accessibility tree (through the DevTools protocol), for what
Playwright's ARIA snapshot leaves out: DPUB-ARIA roles such as doc-noteref,
doc-endnotes and doc-backlink, with the names a screen reader announces; and axe-core,
injected into a page by the tests."""

from __future__ import annotations

import functools

from live import footnote_numbers
from repo import ROOT


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


# --- axe-core, injected by the tests (never shipped) ------------------------------------------

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@functools.cache
def axe_source() -> str:
    """axe-core's script, read once per test process (it is about 500 kB)."""
    return AXE.read_text(encoding="utf-8")


def run_axe(page, colours_only: bool = False) -> dict:
    """axe's WCAG 2.0/2.1 A and AA rules on the page as it is now (axe injected once per
    document); with `colours_only`, only those of them in axe's colour category."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    # Nothing half-way: a colour or layout change (a new scheme, a new width) has finished.
    page.evaluate("() => Promise.all(document.getAnimations().map(a => a.finished)).then(() => true)")
    if not colours_only:
        return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    rules = page.evaluate(
        "tags => axe.getRules(tags).filter(r => r.tags.includes('cat.color')).map(r => r.ruleId)", WCAG_TAGS
    )
    assert "color-contrast" in rules, rules
    return page.evaluate("rules => axe.run(document, {runOnly: {type: 'rule', values: rules}})", rules)


def violations(result: dict) -> list[tuple]:
    """axe's violations, each with its impact and (at most three of) the elements."""
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
