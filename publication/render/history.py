"""Where this text stands: the plan's later history (data/references.yml, `history:`),
rendered for the reader. Nothing here is typed: dates, citations and links come from
the data, the words from data/labels/.

- `notice_html(lang, pub)`: the notice on every page (the theme's partial
  overrides/partials/history-notice.html), on the PDF and EPUB title pages and in the
  check report: the text is of the plan's date; a strengthened plan was sent later
  (citation and link); whether this section changed is (not) known;
- `timeline_markdown(lang, pub)`: the timeline page (`[[history]]`), newest first;
- `citation_note(pub)`: which version the citation files cite (CSL note, BibTeX note,
  RIS N1);
- `later_work(bib)`: the later version as a schema.org CreativeWork (JSON-LD).
"""

from __future__ import annotations

import html

from publication.model import citation as citations
from publication.model import references as refs_mod
from publication.render.reference_links import link_line

TIMELINE_PAGE = "history.md"
NOTICE_CLASS = "history-notice"
SHORT_CLASS = "history-short"  # the notice in one line, on narrow screens


def _words(lang: str, pub) -> dict:
    return pub.labels(lang)["history"]


def _link(ref: refs_mod.Reference, lang: str) -> str:
    return f'<a href="{html.escape(ref.url)}">{html.escape(ref.short_citation(lang, nobreak=True))}</a>'


def notice_sentences(lang: str, pub, link=None) -> list[str]:
    """The notice's sentences as HTML; `link(ref, lang)` writes a citation (by default
    a link to its official page)."""
    bib = pub.bib
    link = link or _link
    words = _words(lang, pub)
    doc, history = bib.document, bib.history
    plan_date = refs_mod.format_date(doc.date, lang)
    out = [words["this_text"].format(date=plan_date, citation=html.escape(doc.short_citation(lang, nobreak=True)))]
    later = history.later_version
    if later is None:
        out.append(words["no_later"])
    else:
        out.append(
            words["later"].format(date=refs_mod.format_date(later.ref.date, lang), citation=link(later.ref, lang))
        )
        out.append(words[f"section_{history.section}"].format(date=plan_date))
    newest = history.newest
    if newest is not None and newest is not later:
        out.append(
            words["newest"].format(citation=link(newest.ref, lang), date=refs_mod.format_date(newest.ref.date, lang))
        )
    return out


def notice_html(lang: str, pub, timeline_href: str | None = None, tag: str = "p", mark: bool = True) -> str:
    """The notice as one element (a few hundred bytes), with its label and, on the site,
    a link to the timeline page. `data-later` names the later version it reports (the
    page's own notice; `mark=False` for a copy inside a page, the check report's)."""
    words = _words(lang, pub)
    later = pub.bib.history.later_version
    attrs = f' class="{NOTICE_CLASS}"' + (f' data-later="{later.ref.id if later else ""}"' if mark else "")
    body = " ".join(notice_sentences(lang, pub))
    if timeline_href:
        body += f' <a href="{html.escape(timeline_href)}">{html.escape(words["timeline_link"])}</a>'
    return f"<{tag}{attrs}><strong>{html.escape(words['label'])}:</strong> {body}</{tag}>"


def timeline_href(page, nav) -> str | None:
    """The timeline page of `page`'s language, relative to `page` (MkDocs objects; None
    when the language has no timeline page, or on the timeline page itself)."""
    lang_folder = page.file.src_uri.split("/", 1)[0] if "/" in page.file.src_uri else ""
    wanted = f"{lang_folder}/{TIMELINE_PAGE}" if lang_folder else TIMELINE_PAGE
    if page.file.src_uri == wanted:
        return None
    for other in getattr(nav, "pages", []) or []:
        if other.file.src_uri == wanted:
            return other.file.url_relative_to(page.file) or "./"
    return None


def relation_text(entry: refs_mod.HistoryEntry, lang: str, pub) -> str:
    event = refs_mod.format_date(entry.event_date or entry.ref.date, lang)
    return _words(lang, pub)["relations"][entry.relation].format(
        event=event, plan_date=refs_mod.format_date(pub.bib.document.date, lang)
    )


def timeline_markdown(lang: str, pub) -> str:
    """The timeline: every later document, newest first, then the plan itself; each with
    its date, how it relates to the plan, its formal citation and its links."""

    bib = pub.bib
    words, pages = _words(lang, pub), pub.labels(lang)["pages"]
    out: list[str] = []

    def item(ref: refs_mod.Reference, relation: str, notes: list[str]) -> None:
        out.extend(
            [f"## {refs_mod.format_date(ref.date, lang)}: {ref.short_citation(lang, nobreak=True)} {{ #{ref.id} }}", ""]
        )
        rows = [(words["relation"], relation)]
        if ref.title:
            rows.append((pages["title"], ref.title[lang]))
        if ref.subject:
            rows.append((pages["subject"], ref.subject[lang]))
        if ref.sender:
            rows.append((pages["sender"], ref.sender[lang]))
        # The citation linked to its page, as the footnotes are (the link check compares them).
        rows.append((pages["cite"], f"[{refs_mod.unbreakable(citations.formal(ref))}]({ref.url})"))
        rows.append((pages["links"], link_line(ref, lang, pub)))
        rows += [(words["disagreement"], note) for note in notes]
        out.extend(f"- **{name}:** {value}" for name, value in rows)
        out.append("")

    for entry in bib.history.newest_first():
        notes = [f"{refs_mod.tie_citations(d.note[lang])} {words['official_followed']}" for d in entry.disagreements]
        item(entry.ref, relation_text(entry, lang, pub), notes)
    item(bib.document, words["plan"], [])
    return "\n".join(out).rstrip("\n")


def citation_note(pub) -> str:
    """Which version a citation of the plan cites, for the citation files (Dutch, as
    the files' language is)."""

    bib = pub.bib
    words = _words("nl", pub)
    doc = bib.document
    date = refs_mod.format_date(doc.date, "nl")
    later = bib.history.later_version
    if later is None:
        return words["cite_note_none"].format(date=date, citation=doc.formal_citation())
    later_text = f"{citations.formal(later.ref)} ({refs_mod.format_date(later.ref.date, 'nl')}), {later.ref.url}"
    return words["cite_note"].format(date=date, citation=doc.formal_citation(), later=later_text)


def later_work(bib: refs_mod.Bibliography) -> dict | None:
    """The plan as a work (schema.org `exampleOfWork`) with its later version as a
    `workExample`: the plan the page `isBasedOn` and the strengthened plan are two
    versions of one work."""
    later = bib.history.later_version
    if later is None:
        return None
    ref = later.ref
    work = {
        "@type": "CreativeWork",
        "workExample": {
            "@type": "CreativeWork",
            "@id": ref.url,
            "url": ref.url,
            "name": (ref.title or ref.subject or {}).get("nl") or ref.formal_citation(),
            "identifier": ref.formal_citation(),
            "datePublished": ref.date.isoformat(),
            "inLanguage": "nl",
        },
    }
    if bib.history.work:
        work["name"] = bib.history.work["nl"]
    return work


def short_notice_html(lang: str, pub, timeline_href: str | None = None) -> str:
    """The notice in one line, for narrow screens (the stylesheet shows it there instead
    of the full notice): its label and whether a later version exists, linked to the
    timeline page, where the full story stands."""
    words = _words(lang, pub)
    later = pub.bib.history.later_version
    short = (
        words["short_later"].format(date=refs_mod.format_date(later.ref.date, lang))
        if later is not None
        else words["short_none"]
    )
    body = f'<a href="{html.escape(timeline_href)}">{html.escape(short)}</a>' if timeline_href else html.escape(short)
    return f'<p class="{SHORT_CLASS}"><strong>{html.escape(words["label"])}:</strong> {body}</p>'


def notice_markup(pub):
    """For the theme's templates: `notice(lang, timeline_href)` gives `notice_html` of
    the publication `pub` and its one-line form for narrow screens (already HTML: not
    escaped again)."""
    from markupsafe import Markup

    def notice(lang: str, timeline_href: str | None = None):
        return Markup(notice_html(lang, pub, timeline_href) + short_notice_html(lang, pub, timeline_href))

    return notice
