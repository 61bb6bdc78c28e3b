"""How the publication cites: the formal citation as Dutch legal writing gives it
("Kamerstukken II 2023/24, 28 638, nr. 233, p. 32", as the Leidraad voor juridische
auteurs does), the page it cites, and the names of the citation files
(outputs/citation_files.py writes them; the pages link to them)."""

from __future__ import annotations

from publication.model.references import Bibliography, Reference

CITE_DIR = "cite"
FORMATS = (("bib", "BibTeX"), ("ris", "RIS"), ("json", "CSL-JSON"))
ALL = "references"  # cite/references.bib: every reference at once
SOURCE_PAGE = 32  # the page of the action plan the publication reproduces


def title_of(ref: Reference) -> str:
    """A reference's own (Dutch) title, or its subject."""
    return (ref.title or ref.subject or {}).get("nl", "")


def pinpoint(ref: Reference, bib: Bibliography) -> int | None:
    """The page the publication cites: page 32 of the action plan."""
    return SOURCE_PAGE if ref.id == bib.document.id else None


def formal(ref: Reference, page: int | None = None) -> str:
    """'Kamerstukken II 2023/24, 28 638, nr. 233, p. 32'; a report by its title."""
    if ref.kind == "kamerstuk":
        return ref.formal_citation() + (f", p. {page}" if page else "")
    return f"{ref.publisher['nl']}, {ref.title['nl']}, {ref.date.year}" + (f", p. {page}" if page else "")
