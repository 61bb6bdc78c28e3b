"""How the publication cites: the formal citation as Dutch legal writing gives it
("Bijlage bij Kamerstukken II 2023/24, 28 638, nr. 233, p. 32", as the Leidraad voor
juridische auteurs does: the plan is the attachment of the letter nr. 233), the pages it cites (those of the sections found, `Project.sections()`),
and the names of the citation files (outputs/citation_files.py writes them; the pages
link to them)."""

from __future__ import annotations

from publication.model.project import page_range  # noqa: F401 (the pages as a citation gives them)
from publication.model.references import Reference

CITE_DIR = "cite"
FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
ALL = "references"  # cite/references.bib: every reference at once


def source_pages(project) -> list[int]:
    """The pages of the action plan the publication reproduces: its sections' source
    pages, in order, each once."""
    return sorted({s.source_page for s in project.sections()})


def pinpoint(ref: Reference, pub, page: int | None = None) -> str | None:
    """The page(s) the publication `pub` cites of `ref`: of the action plan, the
    section's source page `page`, or without one the source pages of every section
    ('32', '32–33'); of anything else none."""
    if ref.id != pub.bib.document.id:
        return None
    if page is not None:
        return str(page)
    return page_range(source_pages(pub)) or None


ATTACHMENT = "Bijlage bij "  # the Leidraad's form for a Kamerstuk's attachment


def formal(ref: Reference, page: int | str | None = None) -> str:
    """'Bijlage bij Kamerstukken II 2023/24, 28 638, nr. 233, p. 32' (the plan is the
    letter's attachment, `attachment: true`; a Kamerstuk itself without "Bijlage bij");
    a report by its title."""
    where = ""
    if page:
        page = str(page)
        where = f", {'pp.' if any(c in page for c in '–,') else 'p.'} {page}"
    if ref.kind == "kamerstuk":
        return (ATTACHMENT if ref.attachment else "") + ref.formal_citation() + where
    return f"{ref.publisher['nl']}, {ref.title['nl']}, {ref.date.year}" + where
