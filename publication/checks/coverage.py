"""What the checks of one run covered, in numbers: the check report of an edition
("How this edition was checked") is made from this, and report.json holds it too.

Each count is taken from the very inputs the checks read (the loaded pages, the data,
the built pages), so that the report says what that run compared, not what it might."""

from __future__ import annotations

from urllib.parse import urlsplit

from publication.checks import fidelity, follow_ups, links, structure, translation
from publication.model import segments as seg_mod
from publication.model.publication import Publication


def source_coverage(project: Publication, loaded: structure.PagesRead) -> dict:
    units, source_footnotes = [], 0
    for section in {s.source: s for s in project.sections()}.values():  # each source page once
        src = project.source_text(section.source)
        units += fidelity._units(src.blocks, project)
        source_footnotes += len(src.footnotes)
    sections = list(loaded.section_pairs())
    segments = forward = 0
    for rel, nl, en in sections:
        pairing = seg_mod.load_pairing(rel, nl, en, project)
        segments += len(pairing.segments)
        forward += len(follow_ups.forward_sentences(pairing.segments, project))
    shown = project.followups.shown()
    figs = project.figures
    return {
        "pages": sum(len(p) for p in loaded.pages.values()),
        "sections": len(sections),
        "source_headings": sum(1 for kind, _, _ in units if kind == "heading"),
        "source_sentences": sum(1 for kind, _, _ in units if kind == "sentence"),
        "source_footnotes": source_footnotes,
        "figures": len(figs.figures),
        "figure_relations": len(figs.relations),
        "footnote_calls": sum(len(page.calls) for lang in loaded.pages.values() for page in lang.values()),
        "terms": len(project.terms),
        "segments": segments,
        "segment_checks": len(translation.CHECKS),
        "forward_sentences": forward,
        "followups": len(shown),
        "followups_official": sum(1 for f in shown if f.certainty == "official"),
        "followups_press": sum(1 for f in shown if f.certainty == "press"),
        "followups_part": sum(1 for f in shown if f.in_part(project.bib)),
        "followups_none_found": sum(1 for f in shown if f.status == "none-found" and not f.in_part(project.bib)),
        "followups_sentences": sum(len(f.sentences) for f in shown),
    }


def site_coverage(project: Publication, pages: dict, online: bool) -> dict:
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
