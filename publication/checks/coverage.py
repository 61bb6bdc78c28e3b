"""What the checks of one run covered, in numbers: the check report of an edition
("How this edition was checked") is made from this, and report.json holds it too.

Each count is taken from the very inputs the checks read (the loaded pages, the data,
the built pages), so that the report says what that run compared, not what it might."""

from __future__ import annotations

from urllib.parse import urlsplit

from publication.checks import fidelity, links, structure, translation
from publication.model import figures as fig_mod
from publication.model import segments as seg_mod
from publication.model import source as source_mod
from publication.model import terms as terms_mod
from publication.model.project import Project


def source_coverage(project: Project, loaded: structure.PagesRead) -> dict:
    units, source_footnotes = [], 0
    for section in {s.source: s for s in project.sections()}.values():  # each source page once
        src = source_mod.parse(section.source.read_text(encoding="utf-8"))
        units += fidelity._units(src.blocks, project.data)
        source_footnotes += len(src.footnotes)
    sections = list(loaded.section_pairs())
    segments = 0
    for rel, nl, en in sections:
        segments += len(seg_mod.load_pairing(rel, nl, en, project.data).segments)
    figs = fig_mod.load(project.data / "figures.yml")
    return {
        "pages": sum(len(p) for p in loaded.pages.values()),
        "sections": len(sections),
        "source_headings": sum(1 for kind, _, _ in units if kind == "heading"),
        "source_sentences": sum(1 for kind, _, _ in units if kind == "sentence"),
        "source_footnotes": source_footnotes,
        "figures": len(figs.figures),
        "figure_relations": len(figs.relations),
        "footnote_calls": sum(len(page.calls) for lang in loaded.pages.values() for page in lang.values()),
        "terms": len(terms_mod.terms(project)),
        "segments": segments,
        "segment_checks": len(translation.CHECKS),
    }


def site_coverage(project: Project, pages: dict, online: bool) -> dict:
    internal = fragments = 0
    external = set()
    for page in pages.values():
        for a in page.anchors:
            parts = urlsplit(a.href.strip())
            if parts.scheme in ("http", "https"):
                external.add(a.href)
            elif parts.scheme not in links.SKIP_SCHEMES:
                internal += 1
                fragments += bool(parts.fragment)
    return {
        "built_pages": len(pages),
        "internal_links": internal,
        "anchors": fragments,
        "external_links": len(external),
        "external_hosts": len(links.allowed_hosts(project.data)),
        "external_checked_online": online,
        "sentence_targets": sum(len(page.segments) for page in pages.values()),
    }
