"""What became of it (issue 26): the follow-ups of data/follow-ups.yml, rendered for the
reader in each language from the one record (model/followups.py). Every follow-up is
this publication's addition: it says so, with the date it was recorded, and never
enters the source's sentences (the fidelity check and the sentence pairs read the
Markdown, where it is not).

- `marker_html`: beside each sentence it answers (after the sentence's span), a small
  link to the note, kept out of the search index: the note's letter (a, b, c … in the
  text's order, `FollowUps.letter`), as an edition letters its editor's notes and
  numbers its author's; the note's line begins with the same letter;
- `note_html`: the note itself, a `role="note"` block after the sentence's paragraph
  (section pages: `FollowUpsExtension`; the side-by-side page: parallel.py), its date,
  what happened (or what was searched), how sure it is, its sources, a link back to
  the sentence; the PDFs and EPUBs take it from the built pages as a note of its own
  kind (never numbered like the source's footnotes);
- `timeline_html`: every follow-up gathered on the timeline page (`[[follow-ups]]`,
  "What became of it"), each linking to its sentence; a block of its own, movable;
- `jsonld`: each follow-up of a section page as a schema.org Comment about its sentence;
- `citation_note`: the follow-ups in one sentence, for the plan's citation files;
- `memory_notes`: the notes of a segment's unit in the translation memory.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.treeprocessors import Treeprocessor

from publication import DEFAULT_LANGUAGE
from publication.model import references as refs_mod
from publication.model.followups import FollowUp
from publication.model.followups import order as _order
from publication.model.labels import format_list
from publication.model.pages import read as read_unexpanded
from publication.model.project import SectionError
from publication.model.segments import load_pairing
from publication.render import sic_marks
from publication.render.page_state import PageAwareExtension

NOTE_CLASS = "followup"
MARKER_CLASS = "followup-ref"
ITEM_CLASS = "followup-item"
TIMELINE_LINK_CLASS = "followup__timeline"  # a screen's link to the timeline (the books drop it)
TIMELINE_ID = "followups"  # the timeline block's heading
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def words(lang: str, pub) -> dict:
    return pub.labels(lang)["followups"]


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def upper_first(text: str) -> str:
    """`text` with its first letter a capital ("A recurring €143 million …")."""
    return text[:1].upper() + text[1:]


def _time(date, lang: str) -> str:
    return f'<time datetime="{date.isoformat()}">{_e(refs_mod.format_date(date, lang))}</time>'


def source_html(ref: refs_mod.Reference, lang: str, pub) -> str:
    """One source, linked where its page is known: a Kamerstuk by its citation and date,
    a report or press report by its publisher, title (the original's, with a
    translation on a translated page) and date; a press report says it is one."""
    w = words(lang, pub)
    date = refs_mod.format_date(ref.date, lang)
    if ref.kind == "kamerstuk":
        text = f"{_e(ref.short_citation(lang, nobreak=True))} ({_e(date)})"
    else:
        # "nr. 6692706" in a regulation's title kept on one line, as in a citation
        title = {k: refs_mod.tie_citations(v) for k, v in (ref.title or {}).items()}
        original = title.get(DEFAULT_LANGUAGE, "")
        cite = f"<cite>{_e(original)}</cite>"
        if lang != DEFAULT_LANGUAGE:
            cite = f'<cite lang="{DEFAULT_LANGUAGE}">{_e(original)}</cite>'
            if title.get(lang) and title[lang] != original:
                cite += f" ({_e(pub.labels(lang)['reader']['translated'].format(text=title[lang]))})"
        text = f"{_e(ref.publisher[lang])}, {cite}, {_e(date)}"
    if ref.url:
        hreflang = ref.hreflang if ref.hreflang and ref.hreflang != lang else None
        attrs = f' hreflang="{hreflang}"' if hreflang else ""
        text = f'<a href="{_e(ref.url)}"{attrs}>{text}</a>'
    if ref.kind == "press":
        text += f" ({_e(w['press'])})"
    return text


def _refs(ids, pub) -> list[refs_mod.Reference]:
    return [pub.bib.references[r] for r in ids if r in pub.bib.references]


def _sources_html(f: FollowUp, lang: str, pub) -> str:
    """The certainty, the sources and what was searched, as one paragraph's content."""
    w = words(lang, pub)
    parts = []
    if f.certainty:
        parts.append(_e(w[f"certainty_{f.certainty}"]))
    sources = _refs(f.sources, pub)
    if sources:
        label = w["source_one"] if len(sources) == 1 else w["source_other"]
        parts.append(f"{_e(label)}: " + "; ".join(source_html(r, lang, pub) for r in sources) + ".")
    searched = _refs(f.searched, pub)
    if searched:
        parts.append(f"{_e(w['searched'])}: " + "; ".join(source_html(r, lang, pub) for r in searched) + ".")
    return " ".join(parts)


def note_html(
    f: FollowUp,
    lang: str,
    pub,
    *,
    ident: str,
    sentence_href: Callable[[str], str],
    timeline_href: str | None = None,
    search: bool = False,
    heading: str | None = None,
    heading_names_all: bool = False,
    quote: str | None = None,
    quote_lang: str | None = None,
    css: str = NOTE_CLASS,
) -> str:
    """A follow-up as one block of (well-formed) HTML: its label, marked as this
    publication's addition and dated; the sentence it answers (`sentence_href(sid)` is
    the link to a sentence); what happened, with its date; how sure it is and its
    sources; on the site a link to the timeline's entry. `ident` is its id; `heading`
    and `quote` (the sentence's words) make it the timeline's entry; `search`: leave
    it in the search index (the timeline), else it stays out (beside the source's text)."""
    w = words(lang, pub)
    label_id = f"{ident}-label"
    # The sentences it answers in the text's order (s-19 before s-21, whichever is its key).
    first, *rest = sorted(f.sentences, key=_order)
    own = f'<a href="{_e(sentence_href(first))}">{_e(w["at_sentence"].format(sentence=first))}</a>'
    also = ""
    if rest:
        links = format_list([f'<a href="{_e(sentence_href(s))}">{_e(s)}</a>' for s in rest], lang)
        also = " " + _e(w["also"]).replace("{sentences}", links)
    dated = _e(w["addition"]).replace("{date}", _time(f.recorded, lang))
    if f.status != "happened" and f.date == f.recorded:
        # Searched and recorded on one day: the text's "As of <date>" says it once.
        dated = _e(w["addition_undated"])
    parts = []
    if heading is None:
        # Beside the text: one line, closed until the reader opens it (the text's flow
        # goes on): the label, marked as an addition and dated, and what happened in
        # short; inside, the sentence it answers, what happened, how sure, the sources.
        parts.append(
            f'<summary id="{_e(label_id)}"><span class="{NOTE_CLASS}__letter">{_e(pub.followups.letter(f))}</span> '
            f"<strong>{_e(w['label'])}</strong> "
            f'<span class="{NOTE_CLASS}__addition">({_e(w["addition_short"])})</span>: '
            f"{_e(summary(f, lang, pub))}</summary>"
        )
        # Opened, it says whose note it is in full: added by this publication, when.
        parts.append(f'<p class="{NOTE_CLASS}__label">{upper_first(dated)} · {own}{also}</p>')
    else:
        # On the timeline: a heading names the section and the sentences; the sentence's
        # words follow, then the label's addition and date.
        parts.append(
            f'<h3 class="{ITEM_CLASS}__title" id="{_e(label_id)}">{heading}{"" if heading_names_all else also}</h3>'
        )
        if quote:
            attr = f' lang="{quote_lang}"' if quote_lang and quote_lang != lang else ""
            said = sic_marks.mark_quote(_e(quote), quote_lang or lang, lang, f.section, f.sentence, pub)
            parts.append(f'<blockquote class="{ITEM_CLASS}__sentence"{attr}><p>{said}</p></blockquote>')
        dated = upper_first(dated)
        # with its answer in short, as beside the text: the verdict first, how sure after
        answer = summary_html(f, lang, pub)
        parts.append(
            f'<p class="{NOTE_CLASS}__label"><span class="{NOTE_CLASS}__addition">{dated}</span> · {answer}</p>'
        )
    # What happened, dated by when it happened; nothing found, dated by when it was searched.
    when = _time(f.date, lang)
    if f.status != "happened":
        when = _e(w["as_of"]).replace("{date}", when)
    parts.append(f'<p class="{NOTE_CLASS}__text">{when}: {_e(f.text[lang])}</p>')
    sources = _sources_html(f, lang, pub)
    if timeline_href:
        link = f'<a class="{TIMELINE_LINK_CLASS}" href="{_e(timeline_href)}">{_e(w["timeline_link"])}</a>'
        sources = f"{sources} {link}" if sources else link
    if sources:
        parts.append(f'<p class="{NOTE_CLASS}__sources">{sources}</p>')
    attrs = [
        f'class="{css} {NOTE_CLASS}--{f.status}"',
        f'id="{_e(ident)}"',
        f'data-followup="{_e(f.key)}"',
        f'aria-labelledby="{_e(label_id)}"',
    ]
    if not search:
        attrs.append('data-search-exclude="true"')
    tag = "details" if heading is None else "div"
    return f"<{tag} {' '.join(attrs)}>" + "".join(parts) + f"</{tag}>"


def marker_html(f: FollowUp, lang: str, pub, target: str) -> str:
    """The marker beside a sentence the follow-up answers: a link to its note (`target`,
    an address), named for screen readers, outside the search index."""
    w = words(lang, pub)
    letter = pub.followups.letter(f)
    name = w["marker_name"].format(letter=letter)
    return (
        f'<sup class="{MARKER_CLASS}"><a class="{MARKER_CLASS}" href="{_e(target)}" title="{_e(name)}" '
        f'aria-label="{_e(name)}" data-search-exclude="true">{_e(letter)}</a></sup>'
    )


def markers(section: str, lang: str, pub, target: Callable[[FollowUp], str]) -> Callable[[str], str]:
    """For sentences.wrap_paragraph's `after`: the marker of each sentence of `section`
    that a shown follow-up answers (else nothing)."""
    followups = pub.followups

    def after(sid: str) -> str:
        # One call for one note: after the record's own sentence, whose paragraph the
        # note follows (the other sentences it answers are named in the note).
        f = followups.covering(section, sid)
        return marker_html(f, lang, pub, target(f)) if f is not None and f.shown and sid == f.sentence else ""

    return after


# --- the section pages: the notes after their paragraphs ----------------------------------------


class FollowUpsTreeprocessor(Treeprocessor):
    """After each paragraph of a section page, the notes of the follow-ups of its
    sentences (the page's state names the sentences of each paragraph)."""

    def __init__(self, md, ext: FollowUpsExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        page, pub = self.ext.page, self.ext.publication
        if page is None or not page.section or pub is None:
            return
        shown = pub.followups.shown(page.name)
        if not shown:
            return
        lang = page.lang
        timeline = timeline_page(lang, pub)
        number = 0
        for el in list(root):
            if el.tag in HEADINGS or el.tag == "p":
                number += 1
            if el.tag != "p":
                continue
            ids = set(page.sentences.get(number, ()))
            index = list(root).index(el)
            for f in (f for f in shown if f.sentence in ids):
                note = note_html(
                    f,
                    lang,
                    pub,
                    ident=f.anchor,
                    sentence_href=lambda sid: f"#{sid}",
                    timeline_href=f"{timeline}#followup-{f.key}" if timeline else None,
                )
                index += 1
                root.insert(index, etree.fromstring(note))


class FollowUpsExtension(PageAwareExtension):
    def __init__(self, **kwargs):
        self.config = {"lang": ["en", "Language of the notes' words."]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # Before the paragraph pairs (5) count the paragraphs, and before MkDocs' link
        # processor (0) resolves the link to the timeline page.
        md.treeprocessors.register(FollowUpsTreeprocessor(md, self), "follow-ups", 6)


TIMELINE_PLACEHOLDER = "[[follow-ups]]"
# The pages that gather the follow-ups: the block alone, or the timeline ([[history]]),
# which holds it after its answer.
GATHERING_PLACEHOLDERS = (TIMELINE_PLACEHOLDER, "[[history]]")


def timeline_page(lang: str, pub) -> str | None:
    """The page of `lang` that gathers the follow-ups (holding `[[follow-ups]]` or the
    timeline's `[[history]]`), as a Markdown link target inside the language folder;
    None without one."""

    def find():
        folder = pub.docs / lang
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            try:
                text = path.read_text(encoding="utf-8")
                if any(placeholder in text for placeholder in GATHERING_PLACEHOLDERS):
                    return path.relative_to(folder).as_posix()
            except (OSError, UnicodeDecodeError):
                continue
        return None

    return pub.once(("followups", "timeline", lang), find)


# --- the timeline: "What became of it" ----------------------------------------------------------


def _sentences(section, pub) -> dict[str, dict[str, str]]:
    """sentence id -> {lang: its words} of a section (its pages as written)."""

    def make():
        try:
            nl = read_unexpanded(pub.docs / "nl" / section.page, "nl")
            en = read_unexpanded(pub.docs / "en" / section.page, "en")
            pairing = load_pairing(section.page, nl, en, pub)
        except (OSError, ValueError):
            return {}
        return {s.id: {"nl": s.text("nl"), "en": s.text("en")} for s in pairing.segments if s.kind == "sentence"}

    return pub.once(("followups", "sentences", section.page), make)


def timeline_html(lang: str, pub, section_href: Callable[[str], str]) -> str:
    """The block "What became of it" of the timeline page: its heading, what it is, and
    each follow-up a reader sees, by section and sentence (`section_href(page)` is the
    address of a section page from the timeline page)."""
    w = words(lang, pub)
    out = [f"## {w['heading']} {{ #{TIMELINE_ID} }}", "", w["intro"], ""]
    try:
        sections = pub.sections()
    except SectionError:
        sections = []
    table = overview_html(lang, pub, section_href, sections)
    if table:
        answer = tally_html(lang, pub, [s.name for s in sections])
        out += [f'<p class="tally">{answer}</p>', "", table, ""]
    items = 0
    for section in sections:
        shown = pub.followups.shown(section.name)
        if not shown:
            continue
        said = _sentences(section, pub)
        title = _section_title(section, lang, pub)
        for f in sorted(shown, key=lambda f: _order(f.sentence)):
            href = section_href(section.page)
            first = min(f.sentences, key=_order)
            link = f'<a href="{_e(href)}#{_e(first)}">{_e(w["sentence"].format(sentence=first))}</a>'
            # what was announced names the entry ("Tackling offenders, sentence s-4" said
            # nothing), its sentences after it; the section's title where there are several
            about = f.about.get(lang)
            heading, named = f"{_e(title)}, {link}", False
            if about:
                where = sentences_named(f, lang, pub, link=lambda s, href=href: f"{href}#{s}")
                heading = _e(w["announced"]).replace("{about}", _e(upper_first(about))).replace("{where}", where)
                named = True
                if len(sections) > 1:
                    heading = f"{_e(title)}: {heading}"
            out.append(
                note_html(
                    f,
                    lang,
                    pub,
                    ident=f"followup-{f.key}",
                    sentence_href=lambda sid, href=href: f"{href}#{sid}",
                    search=True,
                    heading=heading,
                    heading_names_all=named,
                    quote=said.get(f.sentence, {}).get(lang),
                    css=ITEM_CLASS,
                )
            )
            out.append("")
            items += 1
    if not items:
        out += [w["none"], ""]
    return "\n".join(out).rstrip("\n")


OVERVIEW_CLASS = "followup-overview"


def sentences_named(f: FollowUp, lang: str, pub, link: Callable[[str], str] | None = None) -> str:
    """The sentences a follow-up answers, in the text's order, as a reader names them:
    "sentence s-4", "sentences s-19 and s-21"; plain text, or HTML with each number
    linked by `link(sentence id)` (an address)."""
    w = words(lang, pub)
    ids = sorted(f.sentences, key=_order)
    template = w["sentence" if len(ids) == 1 else "sentences"]
    if link is None:
        return template.format(sentence=format_list(ids, lang))
    links = format_list([f'<a href="{_e(link(s))}">{_e(s)}</a>' for s in ids], lang)
    return _e(template).replace("{sentence}", links)


def overview_html(
    lang: str, pub, section_href: Callable[[str], str], sections, search: bool = True, caption_shown: bool = True
) -> str:
    """The table that opens the timeline's block (and stays in the books): a row for each
    follow-up a reader sees, its sentences linked to the section page, what became of it
    in a few words, and how sure that is. Empty without one. `search`: leave it in the
    search index (the timeline), else it stays out (a home page's copy). `caption_shown`:
    else the caption is for screen readers only (a home page, whose heading and `tally`
    above the table say what it is)."""
    w = words(lang, pub)
    several = len([s for s in sections if pub.followups.shown(s.name)]) > 1
    rows = []
    for section in sections:
        href = section_href(section.page)
        title = _section_title(section, lang, pub)
        for f in sorted(pub.followups.shown(section.name), key=lambda f: _order(f.sentence)):
            where = sentences_named(f, lang, pub, link=lambda s, href=href: f"{href}#{s}")
            if f.about.get(lang):
                where = _e(w["announced"]).replace("{about}", _e(f.about[lang])).replace("{where}", where)
            if several:
                where = f"{_e(title)}, {where}"
            if f.status == "happened":
                sure = w[f"sure_{f.certainty}"]
            else:
                # a date kept on one line ("7 December 2026" broke after its day); an
                # official source later than the plan answers part of it (s-4: the
                # approach continues, its amount is not found)
                # an official source of the announcement itself (s-25: the agenda's term)
                # is named, so "none found" would read as a contradiction
                key = (
                    "sure_part"
                    if f.in_part(pub.bib)
                    else "sure_background"
                    if f.official_source(pub.bib)
                    else "sure_none"
                )
                sure = w[key].format(date=refs_mod.format_date(f.date, lang).replace(" ", "\u00a0"))
            what = _e(f.short[lang])
            if f.verdict:
                # the verdict in a word first: a reader's question is whether it happened
                what = f"<strong>{_e(w['verdicts'][f.verdict])}:</strong> {what}"
            cells = zip(("table_sentence", "table_what", "table_sure"), (where, what, _e(sure)))
            rows.append("<tr>" + "".join(f'<td data-label="{_e(w[k])}">{v}</td>' for k, v in cells) + "</tr>")
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{_e(w[k])}</th>' for k in ("table_sentence", "table_what", "table_sure"))
    exclude = "" if search else ' data-search-exclude="true"'
    hidden = "" if caption_shown else ' class="visually-hidden"'
    return (
        f'<table class="{OVERVIEW_CLASS}"{exclude}><caption{hidden}>{_e(w["table_caption"])}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def tally(lang: str, pub, names, item: Callable[[str], str] | None = None) -> str:
    """The answer in one sentence, before the table in short: how many announcements
    have a follow-up a reader sees, and how many have each verdict (in the order of the
    labels' verdicts), "as of" the latest record: "Of the 4 announcements: 1 later than
    expected, 1 partly confirmed, 1 not found and 1 still running (as of 7 December
    2026)." A verdict the press alone reports says so, as the table does: "1 later than
    expected (press reports only)". `names`: the sections' page names. A follow-up
    without a verdict counts by its status. Empty without one. `item(text)` wraps each
    count and verdict ("1 not found"), as the home page sets them apart (`tally_html`)."""
    w = words(lang, pub)
    item = item or (lambda text: text)
    shown = [f for name in names for f in pub.followups.shown(name)]
    if not shown:
        return ""
    said = {**w["tally_without"], **w["verdicts"]}
    counts: dict[str, int] = {}
    press: dict[str, int] = {}
    for f in shown:
        key = f.verdict or f.status
        counts[key] = counts.get(key, 0) + 1
        press[key] = press.get(key, 0) + (f.certainty == "press")
    order = list(w["verdicts"]) + list(w["tally_without"])

    def named(key: str) -> str:
        # how sure, as the table says it: a verdict the press alone reports says so; a
        # verdict of several in its plural ("2 lopen nog")
        name = w["tally_plural"].get(key, said[key]) if counts[key] > 1 else said[key]
        name = name[:1].lower() + name[1:]
        if press[key] == counts[key]:
            return f"{name} ({w['sure_press']})"
        if press[key]:
            return f"{name} ({w['tally_press_some'].format(count=press[key])})"
        return name

    date = refs_mod.format_date(max(f.recorded for f in shown), lang).replace(" ", "\u00a0")
    if len(shown) == 1:
        return w["tally_one"].format(verdict=item(named(shown[0].verdict or shown[0].status)), date=date)
    items = format_list([item(f"{counts[k]}\u00a0{named(k)}") for k in order if k in counts], lang)
    return w["tally"].format(count=len(shown), items=items, date=date)


TALLY_ITEM_CLASS = "tally__item"
NBSP = "\u00a0"


def tally_html(lang: str, pub, names) -> str:
    """`tally` as HTML for a page: each count and verdict a span of its own (the home page
    sets them apart, easier to take in than one run of words); plain text is `tally`."""

    def item(text: str) -> str:
        # the count and its verdict kept on one line ("1 not / found" broke); how sure, in
        # brackets after it, may wrap
        verdict, bracket, rest = text.partition(" (")
        return f"\x00{verdict.replace(' ', NBSP)}{bracket}{rest}\x01"

    plain = tally(lang, pub, names, item=item)
    return _e(plain).replace("\x00", f'<span class="{TALLY_ITEM_CLASS}">').replace("\x01", "</span>")


def _section_title(section, lang: str, pub) -> str:
    def make():
        try:
            page = read_unexpanded(pub.docs / lang / section.page, lang)
        except (OSError, ValueError):
            return section.name
        return str(page.meta.get("title") or section.name)

    return pub.once(("followups", "title", section.page, lang), make)


# --- metadata, citation files, translation memory ------------------------------------------------


def jsonld(section: str, lang: str, pub, page_url: str) -> list[dict]:
    """The follow-ups of the section named `section` as schema.org Comments about their
    sentences (`page_url`: the section page's address in `lang`)."""
    out = []
    for f in pub.followups.shown(section):
        sources = _refs(f.sources, pub)
        item = {
            "@type": "Comment",
            "@id": f"{page_url}#{f.anchor}",
            "name": words(lang, pub)["label"],
            "about": [{"@id": f"{page_url}#{sid}"} for sid in f.sentences],
            "text": f.text[lang],
            "temporalCoverage": f.date.isoformat(),
            "dateCreated": f.recorded.isoformat(),
            "inLanguage": lang,
            "creativeWorkStatus": f.status if f.status != "happened" else f"happened ({f.certainty})",
        }
        if sources:
            item["citation"] = [_jsonld_source(r) for r in sources]
        out.append(item)
    return out


def _jsonld_source(ref: refs_mod.Reference) -> dict:
    kind = {"press": "NewsArticle", "report": "Report", "regulation": "Legislation"}.get(ref.kind, "CreativeWork")
    item = {
        "@type": kind,
        "name": (ref.title or ref.subject or {}).get(DEFAULT_LANGUAGE) or ref.formal_citation(),
        "datePublished": ref.date.isoformat(),
    }
    if ref.kind == "kamerstuk":
        item["identifier"] = ref.formal_citation()
    else:
        item["publisher"] = {"@type": "Organization", "name": ref.publisher[DEFAULT_LANGUAGE]}
    if ref.url:
        item["url"] = ref.url
    return item


def summary_parts(f: FollowUp, lang: str, pub) -> tuple[str | None, str]:
    """A follow-up's verdict in a word (None without one) and, in plain text, what
    became of it in a few words with how sure that is ("(press reports only)")."""
    w = words(lang, pub)
    date = refs_mod.format_date(f.date, lang)
    key = f"summary_{f.certainty}" if f.status == "happened" else "summary_none"
    return (w["verdicts"][f.verdict] if f.verdict else None), w[key].format(short=f.short[lang], date=date)


def summary_html(f: FollowUp, lang: str, pub) -> str:
    """`summary` as HTML: the verdict in bold ("<strong>Not found:</strong> no decision …")."""
    verdict, said = summary_parts(f, lang, pub)
    return f"<strong>{_e(verdict)}:</strong> {_e(said)}" if verdict else _e(said)


def summary(f: FollowUp, lang: str, pub) -> str:
    """A follow-up in one line of plain text: its verdict in a word, what became of it in
    a few words, and how sure that is (or when it was searched)."""
    verdict, text = summary_parts(f, lang, pub)
    # the verdict in a word first, as in the tables in short
    return f"{verdict}: {text}" if verdict else text


def citation_note(pub) -> str | None:
    """The follow-ups in one sentence (Dutch, as the citation files are), or None."""
    lang = DEFAULT_LANGUAGE
    shown = pub.followups.shown()
    if not shown:
        return None
    w = words(lang, pub)
    several = len({f.section for f in shown}) > 1

    def where(f: FollowUp) -> str:
        # "zin s-4", "zinnen s-19 en s-21", as the tables name them (a reader's words, not
        # the site's relative address "daderaanpak#s-4"); the section's name with several
        said = sentences_named(f, lang, pub)
        return f"{f.section}, {said}" if several else said

    items = [w["cite_item"].format(address=where(f), summary=summary(f, lang, pub)) for f in shown]
    recorded = max(f.recorded for f in shown)
    return w["cite_note"].format(date=refs_mod.format_date(recorded, lang), items="; ".join(items))


def memory_notes(section: str, sentence: str, pub) -> list[str]:
    """The translation memory's notes of a segment a follow-up answers: one per
    language, its label, dates and text."""
    f = pub.followups.covering(section, sentence)
    if f is None or not f.shown:
        return []
    out = []
    for lang in pub.languages:
        w = words(lang, pub)
        added = w["addition"].format(date=refs_mod.format_date(f.recorded, lang))
        out.append(f"{lang}: {w['label']} ({added}): {summary(f, lang, pub)}. {f.text[lang]}")
    return out
