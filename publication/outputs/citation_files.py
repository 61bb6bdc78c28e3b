"""Citations of the action plan and of every reference, from data/references.yml: the
formal citation as Dutch legal writing gives it ("Kamerstukken II 2023/24, 28 638,
nr. 233, p. 32", as the Leidraad voor juridische auteurs does), and files for reference
managers: BibTeX (bibtexparser), RIS (rispy) and CSL-JSON.

The files are written into the built site's cite/ folder, one set per reference and
one for all of them (`write_files`); the section and references pages link to them.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from publication.model.citation import ALL, CITE_DIR, formal, pinpoint
from publication.model.references import Bibliography, Reference, format_dossier, session_of
from publication.render.followup_notes import citation_note as followups_note
from publication.render.history import citation_note

CHAMBER = {"II": "Tweede Kamer der Staten-Generaal", "I": "Eerste Kamer der Staten-Generaal"}


SUBJECT_NOTE = "Onderwerp, zoals deze publicatie het beschrijft: {subject}"


def subject_note(ref: Reference) -> str | None:
    """A paper without a title in this publication's data is titled by its formal
    citation, as Dutch legal writing cites it (a reference manager took this
    publication's description for the paper's title): the description is a note, said
    to be this publication's (not that the paper has no title: a reader knew the plan's)."""
    if ref.title or not ref.subject:
        return None
    return SUBJECT_NOTE.format(subject=ref.subject["nl"])


def _notes(*notes: str | None) -> str | None:
    return " ".join(n.rstrip(".") + "." for n in notes if n) or None


def csl(ref: Reference, page: int | None = None, note: str | None = None) -> dict:
    """One CSL-JSON item; `note`: which version of the document is cited. Its title is
    the paper's own (`Reference.title`), else its formal citation (`subject_note`)."""
    item = {
        "id": ref.id,
        "title": ref.title["nl"] if ref.title else formal(ref),
        "language": "nl",
        "issued": {"date-parts": [[ref.date.year, ref.date.month, ref.date.day]]},
    }
    if ref.url:
        item["URL"] = ref.url
    if ref.kind == "kamerstuk":
        item.update(
            {
                "type": "document",
                "container-title": f"Kamerstukken {ref.chamber} {_session(ref)}",
                "number": f"{format_dossier(ref.dossier)}, nr. {ref.number}",
                "publisher": CHAMBER[ref.chamber],
                "publisher-place": "Den Haag",
            }
        )
        if ref.dossier_title:
            item["collection-title"] = ref.dossier_title["nl"]
    elif ref.kind == "regulation":
        item.update({"type": "legislation", "publisher": ref.publisher["nl"], "container-title": ref.publisher["nl"]})
    else:
        item.update({"type": "report", "publisher": ref.publisher["nl"], "author": [{"literal": ref.publisher["nl"]}]})
    if page:
        item["page"] = str(page)
    notes = _notes(subject_note(ref), note)
    if notes:
        item["note"] = notes
    return item


def _session(ref: Reference) -> str:

    return session_of(ref.date)


def version_note(ref: Reference, pub) -> str | None:
    """For the plan: which version is cited, and its later version (render/history.py);
    then what became of its sections' announcements (render/followup_notes.py)."""

    if ref.id != pub.bib.document.id:
        return None
    return " ".join(note for note in (citation_note(pub), followups_note(pub)) if note) or None


def _note(rest: tuple) -> str | None:
    return rest[0] if rest else None


def csl_json(refs: list[tuple]) -> str:
    """(reference, page[, note]) tuples as CSL-JSON. An attachment titled by its work
    (`titled`) keeps its formal citation in the note, as RIS and BibTeX give it."""
    items = []
    for ref, page, *rest in refs:
        formal_note = formal(ref, page) if ref.attachment and ref.title else None
        items.append(csl(ref, page, _notes(formal_note, _note(rest))))
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def bibtex(refs: list[tuple]) -> str:
    """BibTeX entries (@misc for a Kamerstuk, @techreport for a report) of (reference,
    page[, note]) tuples; the note says which version is cited."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    for ref, page, *rest in refs:
        item = csl(ref, page, _note(rest))  # its note: the version cited, and a description
        fields = {
            "title": f"{{{item['title']}}}",
            "year": str(ref.date.year),
            "date": ref.date.isoformat(),
            "language": "dutch",
        }
        if ref.kind == "kamerstuk":
            kind = "misc"
            fields["howpublished"] = formal(ref)
            fields["organization"] = f"{{{item['publisher']}}}"
        elif ref.kind == "regulation":
            kind = "misc"
            fields["howpublished"] = f"{{{item['publisher']}}}"
        else:
            kind = "techreport"
            fields["institution"] = f"{{{item['publisher']}}}"
        if page:
            fields["pages"] = str(page)
        if "note" in item:
            fields["note"] = f"{{{item['note']}}}"
        if ref.url:
            fields["url"] = ref.url
        library.add(Entry(kind, ref.id, [Field(k, v) for k, v in fields.items()]))
    return bibtexparser.write_string(library)


def _ris_writer():
    import rispy

    class Writer(rispy.RisWriter):
        """rispy's writer without its numbered line before each record ('1.'), which
        the RIS format does not have."""

        def set_header(self, count: int) -> str:
            return ""

    return Writer


def ris(refs: list[tuple]) -> str:
    """RIS records (TY GOVDOC for a Kamerstuk or a regulation, RPRT for a report) of (reference, page[,
    note]) tuples; the note (which version is cited) is an N1 line."""
    import rispy

    records = []
    for ref, page, *rest in refs:
        item = csl(ref, page, _note(rest))  # its note: the version cited, and a description
        record = {
            "type_of_reference": "GOVDOC" if ref.kind in ("kamerstuk", "regulation") else "RPRT",
            "id": ref.id,
            "title": item["title"],
            "year": str(ref.date.year),
            "date": ref.date.strftime("%Y/%m/%d"),
            "publisher": item["publisher"],
            "language": "nl",
        }
        if ref.kind == "kamerstuk":
            record.update(
                {
                    "secondary_title": item["container-title"],
                    "volume": format_dossier(ref.dossier),
                    "number": ref.number,
                    "place_published": "Den Haag",
                    "notes": [formal(ref, page)],
                }
            )
        if page:
            record["start_page"] = str(page)
        if "note" in item:
            record["notes"] = record.get("notes", []) + [item["note"]]
        if ref.url:
            record["urls"] = [ref.url]
        records.append(record)
    return rispy.dumps(records, implementation=_ris_writer())


WRITERS = {"bib": bibtex, "ris": ris, "json": csl_json}


def cited(bib: Bibliography) -> list[Reference]:
    """The references in the order of the references page: the plan, the footnotes'
    sources, the background."""
    out = [bib.document]
    for number in sorted(bib.footnotes):
        if bib.footnotes[number] not in out:
            out.append(bib.footnotes[number])
    out += [r for r in bib.references.values() if r.background and r not in out]
    return out


def titled(ref: Reference, bib: Bibliography) -> Reference:
    """The plan, cited as the attachment of its letter, is titled by the work's own title
    ("Actieplan Samen tegen mensenhandel", data/references.yml `history.work`): a reader
    looks for the plan by it, not by its formal citation, which stays in the note."""
    if ref.title or not ref.attachment or ref.id != bib.document.id or not bib.history.work:
        return ref
    return dataclasses.replace(ref, title=bib.history.work)


def write_files(site: Path, pub) -> list[Path]:
    """cite/<id>.bib|.ris|.json for each reference of the publication `pub`, and
    cite/references.* for all."""
    folder = site / CITE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    entries = [(titled(ref, pub.bib), pinpoint(ref, pub), version_note(ref, pub)) for ref in cited(pub.bib)]
    groups = [(entry[0].id, [entry]) for entry in entries] + [(ALL, entries)]
    for name, refs in groups:
        for ext, write in WRITERS.items():
            path = folder / f"{name}.{ext}"
            path.write_text(write(refs), encoding="utf-8")
            written.append(path)
    return written
