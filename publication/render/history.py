"""Where this text stands: the plan's later history (data/references.yml, `history:`),
rendered for the reader. Nothing here is typed: dates, citations and links come from
the data, the words from data/labels/.

- `strip_html(...)`: the edition strip above every page's title (the plugin gives it to
  overrides/main.html): on a translation its unofficial notice, then `notice_html`;
- `notice_html(lang, pub)`: what this text is and what happened to the plan since, one
  wording everywhere (the strip, the PDF and EPUB title pages, the check report): "This
  is page 32 of the action plan of 18 October 2023 (…). The plan was strengthened on
  17 June 2024 (…): what is known of page 32 since." (the link to the timeline, which says
  whether the section changed and what became of what it announced);
- `timeline_markdown(lang, pub)`: the timeline page (`[[history]]`), newest first;
- `citation_note(pub)`: which version the citation files cite (CSL note, BibTeX note,
  RIS N1);
- `later_work(bib)`: the later version as a schema.org CreativeWork (JSON-LD).
"""

from __future__ import annotations

import html

from publication.model import citation as citations
from publication.model import references as refs_mod
from publication.model.labels import format_list
from publication.render.reference_links import link_line
from publication.render.unofficial import translated

TIMELINE_PAGE = "history.md"
NOTICE_CLASS = "history-notice"
STRIP_CLASS = "edition-strip"


def _words(lang: str, pub) -> dict:
    return pub.labels(lang)["history"]


def _link(ref: refs_mod.Reference, lang: str, text: str, cite: bool) -> str:
    """`text` linked to the official page of `ref`, its citation in the link's title;
    with `cite`, the citation written out after it too (a book's title page), after a
    comma: the English citation holds its own brackets, "(Kamerstuk)", and a bracket in a
    bracket read badly."""
    citation = html.escape(ref.short_citation(lang, nobreak=True))
    linked = f'<a href="{html.escape(ref.url)}" title="{citation}">{html.escape(text)}</a>'
    return f"{linked}, {citation}" if cite else linked


def plan_link(lang: str, pub, cite: bool = False) -> str:
    """ "the action plan of 18 October 2023", linked to its official page."""
    doc = pub.bib.document
    text = _words(lang, pub)["plan_link"].format(date=refs_mod.format_date(doc.date, lang))
    return _link(doc, lang, text, cite)


def plan_sentence(lang: str, pub, section: bool, cite: bool = False) -> str:
    """What this text is, as HTML: "This is page 32 of the action plan of 18 October
    2023, word for word." on a section page, "This publication reproduces page 32 …"
    on any other (a translation's page says it in its unofficial notice)."""
    key = "this_page" if section else "this_publication"
    return _words(lang, pub)[key].format(plan=plan_link(lang, pub, cite))


def later_sentence(lang: str, pub, timeline_href: str | None = None, cite: bool = False) -> str:
    """What happened to the plan since, as HTML, one wording everywhere: "The plan was
    strengthened on 17 June 2024: what is known of page 32 since." (the date linked to the
    strengthened plan, the last words to the timeline page, which answers), or that no
    later version is known."""
    words = _words(lang, pub)
    later = pub.bib.history.later_version
    if later is None:
        return words["no_later"]
    date = refs_mod.format_date(later.ref.date, lang)
    text = words["later"].format(link=_link(later.ref, lang, words["later_link"].format(date=date), cite))
    if timeline_href:
        return f'{text}: <a href="{html.escape(timeline_href)}">{html.escape(words["meaning"])}</a>.'
    return f"{text}."


def notice_sentences(lang: str, pub, section: bool = False) -> list[str]:
    """The notice's sentences as HTML, as a book's title page and the check report say
    them (citations written out, no timeline link): what this text is, and what happened
    to the plan since."""
    return [plan_sentence(lang, pub, section, cite=True), later_sentence(lang, pub, None, cite=True)]


def notice_html(
    lang: str,
    pub,
    timeline_href: str | None = None,
    tag: str = "p",
    mark: bool = True,
    section: bool = False,
    plan: bool = True,
    cite: bool = True,
) -> str:
    """The notice as one element: what this text is (unless `plan` is false: a
    translation's unofficial notice says it) and what happened to the plan since, with,
    on the site, the link to the timeline page. `data-later` names the later version it
    reports (the page's own notice; `mark=False` for a copy inside a page, the check
    report's). `cite`: the citations written out (a book's title page, the check report;
    the site's strip gives them in the links' titles)."""
    later = pub.bib.history.later_version
    attrs = f' class="{NOTICE_CLASS}"' + (f' data-later="{later.ref.id if later else ""}"' if mark else "")
    body = [plan_sentence(lang, pub, section, cite)] if plan else []
    body.append(later_sentence(lang, pub, timeline_href, cite))
    return f"<{tag}{attrs}>{' '.join(body)}</{tag}>"


def after_title(output: str) -> str:
    """A built page with its edition strip moved from before its title (where the
    template puts it, outside the page's Markdown) to right after it: the title first,
    then where the text stands, then the text. A page without a strip, or without a
    title after it, is returned as it is."""
    start = output.find(f'<div class="{STRIP_CLASS}"')
    if start < 0:
        return output
    end = output.find("</div>", start)  # the strip holds no div
    title = output.find("</h1>", end)
    if end < 0 or title < 0 or output.find("<h1", end) > title or output.find("<h1", end) < 0:
        return output
    end += len("</div>")
    title += len("</h1>")
    return output[:start] + output[end:title] + output[start:end] + output[title:]


def strip_html(lang: str, pub, section: bool, unofficial: dict | None, timeline_href: str | None) -> str:
    """The edition strip under a page's title (`after_title`), the one place a page says where its text
    stands: on a translation, that it is unofficial (for a section, of which page) and
    where the Dutch is; what this text is; what happened to the plan since, with the
    link to the timeline. Small type, no box, as wide as the text."""
    words = _words(lang, pub)
    parts = []
    if unofficial is not None:
        text = (
            unofficial["section_text"].format(plan=plan_link(lang, pub))
            if section
            else f"<strong>{unofficial['text']}</strong>"
        )
        parts.append(
            f'<p class="unofficial-notice">{text} {html.escape(unofficial["authority"])} '
            f'<a href="{html.escape(unofficial["href"])}" hreflang="{unofficial["hreflang"]}">'
            f"{html.escape(unofficial['link'])}</a>.</p>"
        )
    plan = unofficial is None or not section
    parts.append(notice_html(lang, pub, timeline_href, section=section, plan=plan, cite=False))
    if section:  # the sentence numbers on demand (docs/assets/publication.js shows the button)
        pairs = pub.labels(lang)["pairs"]
        show, hide = html.escape(pairs["numbers_show"]), html.escape(pairs["numbers_hide"])
        parts.append(
            f'<p class="sentence-tools"><button type="button" class="sentence-numbers-toggle" '
            f'aria-pressed="false" data-show="{show}" data-hide="{hide}" hidden>{show}</button></p>'
        )
    label = html.escape(words["label"])
    return f'<div class="{STRIP_CLASS}" role="note" aria-label="{label}">{"".join(parts)}</div>'


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


def answer_markdown(lang: str, pub) -> str:
    """The timeline's answer to a reader's question, before any paper: what became of the
    section since (why the plan was revised, the strengthened plan, whether the section
    changed in it, as far as this publication knows, and the progress reported since)."""
    bib, words = pub.bib, _words(lang, pub)
    history = bib.history
    later = history.later_version
    out = [f"## {words['answer_heading']} {{ #answer }}", ""]
    if later is None:
        out.append(words["no_later"])
        return "\n".join(out)
    date = refs_mod.format_date(later.ref.date, lang)
    citation = later.ref.short_citation(lang, nobreak=True)
    known = []
    # Why it changed, first: the debate whose motion asked for a revision (its paper
    # linked to its entry below).
    for entry in history.entries:
        if entry.relation == "revision_asked" and entry.ref.date <= later.ref.date:
            event = refs_mod.format_date(entry.event_date or entry.ref.date, lang)
            link = f"[{entry.ref.short_citation(lang, nobreak=True)}](#{entry.ref.id})"
            # the paper is the government's letter that reports the motion, not the
            # motion itself: the sentence says so ("as the letter of … reports")
            reported = refs_mod.format_date(entry.ref.date, lang)
            known.append(words["answer_revision"].format(event=event, link=link, reported=reported))
    if later.relation in words["answer_relations"]:
        # One sentence: when and how the plan changed, the paper linked and cited.
        link = f"[{words['answer_link']}]({later.ref.url})"
        known.append(words["answer_relations"][later.relation].format(date=date, link=link, citation=citation))
    else:
        strengthened = words["later"].format(link=f"[{words['later_link'].format(date=date)}]({later.ref.url})")
        known += [f"{strengthened} ({citation}).", relation_text(later, lang, pub)]
    known.append(words[f"section_{history.section}"].format(date=refs_mod.format_date(bib.document.date, lang)))
    progress = [e for e in history.entries if e.relation == "progress" and e.ref.date > later.ref.date]
    if progress:
        letters = [f"[{refs_mod.format_date(e.ref.date, lang)}](#{e.ref.id})" for e in progress]
        known.append(words["progress_since"].format(letters=format_list(letters, lang)))
    out.append(" ".join(known))
    return "\n".join(out)


def timeline_markdown(lang: str, pub, followups: str | None = None) -> str:
    """The timeline page's body: the answer first (`answer_markdown`), then what became of
    each sentence that looked forward (`followups`, the block of render/followup_notes.py),
    then every paper, newest first, the strengthened plan marked, then the plan itself;
    each with its date, how it relates to the plan, its formal citation and its links;
    last, where the sources differ."""
    bib = pub.bib
    words, pages = _words(lang, pub), pub.labels(lang)["pages"]
    later = bib.history.later_version
    out: list[str] = [answer_markdown(lang, pub), ""]
    if followups:
        out += [followups, ""]
    out += [f"## {words['papers_heading']} {{ #papers }}", ""]

    def item(ref: refs_mod.Reference, relation: str) -> None:
        key = " .timeline-key" if later is not None and ref.id == later.ref.id else ""
        date = refs_mod.format_date(ref.date, lang)
        heading = f"{date}: {ref.short_citation(lang, nobreak=True)}"
        if ref.kind == "kamerstuk":
            # "Kamerstuk 28 638, no. 259", not "Parliamentary paper (Kamerstuk) …" eight times
            # over (its first mention in the section's footnotes and the references says it)
            brief = words["paper_heading"].format(dossier=refs_mod.format_dossier(ref.dossier), number=ref.number)
            heading = f"{date}: {refs_mod.unbreakable(brief)}"
        out.extend([f"### {heading} {{ #{ref.id}{key} }}", ""])
        rows = [(words["relation"], relation)]
        if ref.title:
            # the paper's own Dutch title, its translation in brackets, as the references give it
            rows.append((pages["title"], translated(ref.title, lang, pub)))
        if ref.subject:
            rows.append((pages["subject"], ref.subject[lang]))
        if ref.sender:
            rows.append((pages["sender"], ref.sender[lang]))
        # The citation linked to its page, as the footnotes are (the link check compares them).
        rows.append((pages["cite"], f"[{refs_mod.unbreakable(citations.formal(ref))}]({ref.url})"))
        rows.append((pages["links"], link_line(ref, lang, pub)))
        out.extend(f"- **{name}:** {value}" for name, value in rows)
        out.append("")

    notes = []
    for entry in bib.history.newest_first():
        item(entry.ref, relation_text(entry, lang, pub))
        for d in entry.disagreements:
            cited = f"[{entry.ref.short_citation(lang, nobreak=True)}](#{entry.ref.id})"
            notes.append(f"- {cited}: {refs_mod.tie_citations(d.note[lang])} {words['official_followed']}")
    item(bib.document, words["plan"])
    if notes:
        out += [f"## {words['notes_heading']} {{ #notes }}", "", *notes, ""]
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
