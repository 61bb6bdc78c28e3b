"""Labels: every language's file of reader-facing words (data/labels/) has the same keys,
so that no page, PDF or EPUB of one language falls back on a missing word."""

from __future__ import annotations

from publication.model.findings import Finding, key_line
from publication.model.labels import missing_keys
from publication.model.publication import Publication

CHECK = "labels"


def run(project: Publication) -> list[Finding]:
    findings = []
    for lang, key in missing_keys(project.data):
        path = project.data / "labels" / f"{lang}.yml"
        parent = key.rsplit(".", 1)[0] if "." in key else ""
        line = key_line(path, parent.rsplit(".", 1)[-1]) if parent else 0
        findings.append(
            Finding(project.rel(path), line, f"the key {key}, as the other languages have it", "it missing", CHECK)
        )
    return findings
