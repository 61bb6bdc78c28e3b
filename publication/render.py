"""Expand the publication's placeholders in a Markdown page, for one language.

The pages never repeat a fact the data holds; they name it:

    [[ref:kst-28741-106]]   the footnote text of a reference, with its link
    [[cite:kst-28638-233]]  a short citation with its link: Kamerstuk 28 638, nr. 233
    [[date:kst-28638-233]]  the date of a reference: 18 oktober 2023
    [[references]]          the references page: every source once, with its links
    [[terms]]               the table of terms of the translation notes
    [[downloads]]           the list of downloads (PDFs, offline bundle), on a home page
    [[chart:incidents]]     the chart of the incident shares, from data/figures.yml
    [[parallel:daderaanpak.md]]  the section in both languages, side by side
    [[edition-date]]        the date of this edition (the commit's), in the page's language
    [[check-report]]        how this edition was checked (filled in by publish)
    [[citation]]            how to cite the section: the formal citation, BibTeX, RIS, CSL-JSON

A placeholder that expands to several lines keeps the indentation of its line (so it
can stand inside an admonition).

`expand(markdown, lang)` is a plain function: MkDocs calls it through a hook, the
checks call it on the sources.
"""

from __future__ import annotations

import re

from . import references as refs_mod
from . import terms as terms_mod

PLACEHOLDER_RE = re.compile(r"\[\[(?P<name>[a-z-]+)(?::(?P<arg>[^\]\s]+))?\]\]")

LABELS = {
    "nl": {
        "footnote": "Voetnoot",
        "cited_in": "Aangehaald in",
        "title": "Titel",
        "subject": "Onderwerp",
        "dossier": "Dossier",
        "date": "Datum",
        "sender": "Afzender",
        "publisher": "Uitgever",
        "links": "Links",
        "official": "Officiële publicatie",
        "tweedekamer": "Tweede Kamer",
        "document": "Het actieplan",
        "cited": "Bronnen bij de voetnoten",
        "background": "Achtergrond bij de cijfers",
        "unverified": "adres nog niet online bevestigd",
        "term_nl": "Nederlands",
        "term_en": "Engels",
        "status": "Status",
        "why": "Toelichting",
        "source": "Engelse naam bevestigd op",
        "status_official": "officieel",
        "status_unofficial": "niet officieel",
        "status_usual": "gangbaar",
        "pdf": "PDF, {language}",
        "offline": "Offline-versie, beide talen (zip): uitpakken en <code>index.html</code> openen, ook zonder internet",
        "cite": "Citeren",
        "cite_formal": "Formeel, zoals juridische teksten Kamerstukken aanhalen",
        "cite_files": "Voor programma's voor literatuurbeheer",
        "cite_all": "alle referenties",
        "cite_sentence": "Eén zin aanhalen: elke zin heeft een eigen adres, het nummer na <code>#s-</code>, "
                         "bijvoorbeeld <a href=\"#s-16\">#s-16</a>; voeg dat nummer toe aan de aanhaling: {citation}, zin s-16.",
        "tmx": "Vertaalgeheugen voor vertalers, zin voor zin Nederlands–Engels (TMX 1.4b)",
        "xliff": "Hetzelfde vertaalgeheugen als XLIFF 1.2",
    },
    "en": {
        "footnote": "Footnote",
        "cited_in": "Cited in",
        "title": "Title",
        "subject": "Subject",
        "dossier": "Dossier",
        "date": "Date",
        "sender": "Sender",
        "publisher": "Publisher",
        "links": "Links",
        "official": "Official publication",
        "tweedekamer": "House of Representatives (Tweede Kamer)",
        "document": "The action plan",
        "cited": "Sources of the footnotes",
        "background": "Background to the figures",
        "unverified": "address not yet confirmed online",
        "term_nl": "Dutch",
        "term_en": "English",
        "status": "Status",
        "why": "Note",
        "source": "English name confirmed on",
        "status_official": "official",
        "status_unofficial": "unofficial",
        "status_usual": "usual",
        "pdf": "PDF, {language}",
        "offline": "Offline version, both languages (zip): unzip and open <code>index.html</code>, no internet needed",
        "cite": "Cite",
        "cite_formal": "Formally, as legal writing cites Dutch parliamentary papers",
        "cite_files": "For reference managers",
        "cite_all": "all references",
        "cite_sentence": "To cite one sentence: each sentence has its own address, its number after <code>#s-</code>, "
                         "for example <a href=\"#s-16\">#s-16</a>; add that number to the citation: {citation}, sentence s-16.",
        "tmx": "Translation memory for translators, Dutch–English sentence by sentence (TMX 1.4b)",
        "xliff": "The same translation memory as XLIFF 1.2",
    },
}

SECTION_PAGE = "daderaanpak.md"


class RenderError(ValueError):
    """A placeholder cannot be expanded; `line` is 1-based in the page."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.line = line


def expand(markdown: str, lang: str, bib: refs_mod.Bibliography | None = None, offline: bool = False) -> str:
    """Replace every placeholder in `markdown` by its text in `lang` (references from
    `bib`, by default the publication's data/references.yml). `offline`: for the
    offline bundle, which cannot offer itself for download."""
    bib = bib or refs_mod.bibliography()

    def replace(m: re.Match) -> str:
        name, arg = m["name"], m["arg"]
        line = markdown.count("\n", 0, m.start()) + 1
        if name == "ref":
            ref = bib.references.get(arg)
            if ref is None:
                raise RenderError(f"unknown reference id '{arg}'", line)
            return ref.footnote_markdown(lang)
        if name in ("cite", "date"):
            ref = bib.references.get(arg)
            if ref is None:
                raise RenderError(f"unknown reference id '{arg}'", line)
            if name == "date":
                return refs_mod.format_date(ref.date, lang)
            return f"[{ref.short_citation(lang)}]({ref.url})"
        if name == "references":
            return references_page(bib, lang, offline)
        if name == "edition-date":
            from . import edition
            return refs_mod.format_date(edition.date(), lang)
        if name == "check-report":
            from .check_report import placeholder
            return placeholder(lang)
        if name == "citation":
            return citation_markdown(bib, lang, offline)
        if name == "terms":
            return terms_mod.table_markdown(lang, LABELS[lang])
        if name == "downloads":
            return downloads_html(lang, offline)
        if name == "chart":
            from .chart import figure_html
            return figure_html(lang)
        if name == "parallel":
            return parallel_html(arg or "", lang, bib, line)
        raise RenderError(f"unknown placeholder '[[{m.group(0)[2:-2]}]]'", line)

    def indented(m: re.Match) -> str:
        text = replace(m)
        start = markdown.rfind("\n", 0, m.start()) + 1
        indent = re.match(r"[ \t]*", markdown[start:m.start()]).group(0)
        return text.replace("\n", "\n" + indent) if indent else text

    return PLACEHOLDER_RE.sub(indented, markdown)


def parallel_html(section: str, lang: str, bib, line: int) -> str:
    """The parallel page of a section, read from its two language versions."""
    from . import DOCS

    try:
        from .segments import record_path

        record = record_path(section)
        # The key holds what the page is made from: both sections and their alignment record.
        sources = tuple((DOCS / code / section).read_bytes() for code in ("nl", "en")) + (
            record.read_bytes() if record.is_file() else b"",)
        return _parallel_cached(section, lang, sources, id(bib) if bib else 0, bib)
    except (OSError, ValueError) as err:
        raise RenderError(f"cannot make the parallel page of {section!r}: {err}", line) from None


_PARALLEL_CACHE: dict = {}


def _parallel_cached(section: str, lang: str, sources: tuple, bib_key: int, bib) -> str:
    """Render once per section text and language (a large publication has many pages
    that name the same section; the key holds the sections' bytes, so an edit renders
    again)."""
    from . import DOCS, pages
    from .parallel import render

    key = (section, lang, sources, bib_key)
    if key not in _PARALLEL_CACHE:
        nl = pages.read(DOCS / "nl" / section, "nl", bib=bib)
        en = pages.read(DOCS / "en" / section, "en", bib=bib)
        if len(_PARALLEL_CACHE) > 64:
            _PARALLEL_CACHE.clear()
        _PARALLEL_CACHE[key] = render(nl, en, lang)
    return _PARALLEL_CACHE[key]


def _link_line(ref: refs_mod.Reference, lang: str) -> str:
    labels = LABELS[lang]
    parts = []
    if ref.kind == "kamerstuk":
        parts.append(f"[{labels['official']}: kst-{ref.dossier}-{ref.number}]({ref.url})")
    for link in ref.links:
        label = link.label.get(lang) or labels.get(link.site or "", link.site or "")
        if link.url is None:
            parts.append(f"{label} ({labels['unverified']})")
            continue
        attrs = f'{{: hreflang="{link.hreflang}" }}' if link.hreflang and link.hreflang != lang else ""
        parts.append(f"[{label}]({link.url}){attrs}")
    return " · ".join(parts)


def cite_prefix(lang: str, offline: bool) -> str:
    """From a page at the top of a language's folder to the site root."""
    from . import DEFAULT_LANGUAGE

    return "../" * ((lang != DEFAULT_LANGUAGE) + (not offline))


def citation_markdown(bib: refs_mod.Bibliography, lang: str, offline: bool = False) -> str:
    """The "Cite" box of a section page: the formal citation, the files, one sentence."""
    from . import citations

    labels = LABELS[lang]
    doc = bib.document
    formal = citations.formal(doc, citations.pinpoint(doc, bib))
    prefix = cite_prefix(lang, offline)
    return "\n".join([
        f"- {labels['cite_formal']}: **{formal}**",
        f"- {labels['cite_files']}: {citations.links_html(doc.id, prefix)} "
        f"({labels['cite_all']}: {citations.links_html(citations.ALL, prefix)})",
        f"- {labels['cite_sentence'].format(citation=formal)}",
    ])


def _entry(ref: refs_mod.Reference, bib: refs_mod.Bibliography, lang: str, offline: bool = False) -> list[str]:
    labels = LABELS[lang]
    out = [f"### {ref.heading(lang)} {{ #{ref.id} }}", ""]
    rows = []
    if ref.title:
        rows.append((labels["title"], ref.title[lang]))
    if ref.subject:
        rows.append((labels["subject"], ref.subject[lang]))
    if ref.dossier_title:
        rows.append((labels["dossier"], f"{refs_mod.format_dossier(ref.dossier)} {ref.dossier_title[lang]}"))
    if ref.sender:
        rows.append((labels["sender"], ref.sender[lang]))
    if ref.publisher:
        rows.append((labels["publisher"], ref.publisher[lang]))
    rows.append((labels["date"], refs_mod.format_date(ref.date, lang)))
    cited = bib.cited_in(ref.id)
    if cited:
        calls = ", ".join(f"[{labels['footnote'].lower()} {n}]({SECTION_PAGE}#fn:{n})" for n in cited)
        rows.append((labels["cited_in"], calls))
    rows.append((labels["links"], _link_line(ref, lang)))
    from . import citations

    rows.append((labels["cite"], f"{citations.formal(ref, citations.pinpoint(ref, bib))}"
                                 f'<span class="cite-files"> · {citations.links_html(ref.id, cite_prefix(lang, offline))}</span>'))
    out += [f"- **{name}:** {value}" for name, value in rows]
    out.append("")
    return out


def references_page(bib: refs_mod.Bibliography, lang: str, offline: bool = False) -> str:
    labels = LABELS[lang]
    out = [f"## {labels['document']} {{ #document }}", ""]
    out += _entry(bib.document, bib, lang, offline)
    out += [f"## {labels['cited']} {{ #cited }}", ""]
    seen = set()
    for number in sorted(bib.footnotes):
        ref = bib.footnotes[number]
        if ref.id not in seen:
            seen.add(ref.id)
            out += _entry(ref, bib, lang, offline)
    background = [r for r in bib.references.values() if r.background]
    if background:
        out += [f"## {labels['background']} {{ #background }}", ""]
        for ref in background:
            out += _entry(ref, bib, lang, offline)
    return "\n".join(out)


LANGUAGE_NAMES = {"nl": {"nl": "Nederlands", "en": "Engels (niet-officiële vertaling)"},
                  "en": {"nl": "Dutch (authoritative)", "en": "English (unofficial translation)"}}


def downloads_html(lang: str, offline: bool = False) -> str:
    """The downloads of a home page, as HTML (the files are added after the build, so
    MkDocs must not validate them as Markdown links)."""
    from . import DEFAULT_LANGUAGE, LANGUAGES
    from .outputs import DOWNLOADS_DIR, OFFLINE_ZIP, TMX_FILE, XLIFF_FILE, pdf_name

    prefix = "" if lang == DEFAULT_LANGUAGE else "../"
    entries = [(pdf_name(other), "application/pdf", LABELS[lang]["pdf"].format(language=LANGUAGE_NAMES[lang][other]),
                other if other != lang else None) for other in LANGUAGES]
    entries += [(TMX_FILE, "application/x-tmx+xml", LABELS[lang]["tmx"], None),
                (XLIFF_FILE, "application/xliff+xml", LABELS[lang]["xliff"], None)]
    if not offline:
        entries.append((OFFLINE_ZIP, "application/zip", LABELS[lang]["offline"], None))
    items = []
    for name, kind, label, hreflang in entries:
        attr = f' hreflang="{hreflang}"' if hreflang else ""
        # Size and checksum are written in once the file exists (outputs.fill_download_details).
        items.append(f'<li><a href="{prefix}{DOWNLOADS_DIR}/{name}"{attr} type="{kind}" download>{label}</a> '
                     f'<span class="download-details" data-file="{name}" data-lang="{lang}"></span></li>')
    return '<ul class="downloads">\n' + "\n".join(items) + "\n</ul>"
