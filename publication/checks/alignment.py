"""Alignment: the two language versions of a section pair up heading by heading and
paragraph by paragraph, as the parallel page shows them."""

from __future__ import annotations

from publication.model import pages
from publication.model.findings import Finding
from publication.model.publication import Publication

CHECK = "alignment"


def run(project: Publication, loaded) -> list[Finding]:
    findings = []
    for _, nl, en in loaded.section_pairs():
        _, problems = pages.align(nl, en)
        for number, x, y in problems:
            if x is not None:
                where = project.rel(en.path), (y.line if y else (en.blocks[-1].line if en.blocks else 0))
                findings.append(
                    Finding(
                        where[0],
                        where[1],
                        f"a {x.kind} beside the Dutch {x.kind} of {project.rel(nl.path)}:{x.line} (pair {number})",
                        f"a {y.kind}" if y else "nothing",
                        CHECK,
                    )
                )
            else:
                findings.append(
                    Finding(
                        project.rel(en.path),
                        y.line,
                        f"nothing beyond the Dutch text's {len(pages.blocks(nl))} headings and paragraphs",
                        f"a {y.kind} (pair {number})",
                        CHECK,
                    )
                )
            break  # after the first misalignment every later pair is off too
    return findings
