"""A fictional second section, added to a copy of the publication by data and pages
alone, as the README's recipe "New section" says: the source page's text, the two
language versions, its footnotes and figures in the data, the menu entries, then the
alignment record made by `scripts/publish.py review`. Nothing of it is real: the
source page 33 here is invented for the tests."""

from __future__ import annotations

import re
from pathlib import Path

PAGE = 33
NAME = "samenwerking"
FOOTNOTE = 90  # a number the real source pages do not print
REFERENCE = "kst-28741-106"

# As the extraction prints a page (source/NOTES.md): the heading, the lines of the
# paragraph, a footnote's number on its own line before the line with its call, the
# footnotes, the running footer.
SOURCE = f"""Samenwerking
In 12 gemeenten werken partners samen aan de aanpak van daders van mensenhandel. Zij delen
{FOOTNOTE}
hun kennis met elkaar.
{FOOTNOTE}
 Kamerstuk 28 741, nr. 106.
Samen tegen mensenhandel {PAGE}
"""

PAGES = {
    "nl": f"""---
source_page: {PAGE}
title: Samenwerking
description: "Een verzonnen paragraaf voor de tests: samenwerking tegen daders."
---

# Samenwerking {{ #samenwerking }}

In 12 gemeenten werken partners samen aan de aanpak van daders van mensenhandel. Zij delen hun kennis met elkaar.[^{FOOTNOTE}]

[^{FOOTNOTE}]: [[ref:{REFERENCE}]]
""",
    "en": f"""---
source_page: {PAGE}
title: Cooperation
description: "An invented section for the tests: cooperation against offenders."
---

# Cooperation {{ #samenwerking }}

In 12 municipalities, partners work together on tackling the offenders of human trafficking. They share their knowledge with each other.[^{FOOTNOTE}]

[^{FOOTNOTE}]: [[ref:{REFERENCE}]]
""",
}

FIGURE = f"""
  partner_municipalities:
    page: {PAGE}
    kind: count
    value: 12
    nl: "12"
    meaning:
      nl: gemeenten waar partners samenwerken (verzonnen)
      en: municipalities where partners work together (invented)
"""

MENU = {"nl": "Samenwerking", "en": "Cooperation"}


def add_section(root: Path) -> None:
    """Write the section's files into the copy at `root` (everything but the alignment
    record, which `review` makes)."""
    (root / "source" / f"samen-tegen-mensenhandel-p{PAGE}.txt").write_text(SOURCE, encoding="utf-8")
    for lang, text in PAGES.items():
        (root / "docs" / lang / f"{NAME}.md").write_text(text, encoding="utf-8")
    # The footnotes of page 33, beside those of the other pages.
    refs = root / "data" / "references.yml"
    text = refs.read_text(encoding="utf-8")
    assert re.search(r"^footnotes:\n", text, re.M)
    text = re.sub(r"^footnotes:\n", f"footnotes:\n  {PAGE}:\n    {FOOTNOTE}: {REFERENCE}\n", text, flags=re.M)
    refs.write_text(text, encoding="utf-8")
    # Its figure, among the others.
    figures = root / "data" / "figures.yml"
    text = figures.read_text(encoding="utf-8")
    text = re.sub(r"^figures:\n", "figures:" + FIGURE + "\n", text, flags=re.M)
    figures.write_text(text, encoding="utf-8")
    # The menu of each language: at its end.
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    for lang, title in MENU.items():
        block = re.search(rf"- locale: {lang}\n(?:.*\n)*?\s*nav:\n(?:\s+- [^\n]*\.md\n)+", text)
        assert block, lang
        indent = re.search(r"\n(\s+)- [^\n]*\n$", block.group(0)).group(1)
        text = text[: block.end()] + f"{indent}- {title}: {NAME}.md\n" + text[block.end() :]
    config.write_text(text, encoding="utf-8")
