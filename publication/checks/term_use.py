"""Terms: wherever a Dutch term of data/terms.yml stands in a Dutch section, its
English term stands in the English section."""

from __future__ import annotations

from publication.model import terms as terms_mod
from publication.model.findings import Finding
from publication.model.publication import Publication

CHECK = "terms"


def run(project: Publication, loaded) -> list[Finding]:
    findings = []
    for _, nl, en in loaded.section_pairs():
        # Quotation marks are typography: ‘cross the line’ is “cross the line”.
        plain = terms_mod.plain_quotes
        nl_text = plain(" ".join(b.text for b in nl.blocks if b.kind != "editorial"))
        en_text = plain(" ".join(b.text for b in en.blocks if b.kind != "editorial"))
        for term in project.terms:
            if term.abbr:
                continue  # abbreviations stand as they are in both languages
            nl_forms = [plain(f).casefold() for f in term.all_forms("nl")]
            if any(f in nl_text.casefold() for f in nl_forms) and not any(
                plain(f).casefold() in en_text.casefold() for f in term.all_forms("en")
            ):
                line = next((b.line for b in nl.blocks if any(f in plain(b.text).casefold() for f in nl_forms)), 0)
                en_line = (
                    en.blocks[[b.line for b in nl.blocks].index(line)].line
                    if line and len(en.blocks) == len(nl.blocks)
                    else 0
                )
                findings.append(
                    Finding(
                        project.rel(en.path),
                        en_line,
                        f"the term '{term.en}' for '{term.nl}' (data/terms.yml)",
                        "it missing",
                        CHECK,
                    )
                )
    return findings
