"""Expand the publication's placeholders in a Markdown page, for one language.

The pages never repeat a fact the data holds; they name it:

    [[ref:kst-28741-106]]   the footnote text of a reference, with its link
    [[cite:kst-28638-233]]  a short citation with its link: Kamerstuk 28 638, nr. 233
    [[date:kst-28638-233]]  the date of a reference: 18 oktober 2023
    [[references]]          the references page: every source once, with its links
    [[terms]]               the table of terms of the translation notes
    [[downloads]]           the list of downloads (PDFs, offline bundle), on a home page
    [[chart:incidents]]     the chart of the incident shares, from data/figures.yml
    [[parallel:daderaanpak.md]]  a section in both languages, side by side
    [[parallel]]            every section (`Project.sections()`), each side by side
    [[source-page:daderaanpak.md]]   the source page a section reproduces: 32
    [[footnote-numbers:daderaanpak.md]]  the footnotes that page prints: 35, 36 en 37
    [[edition-date]]        the date of this edition (the commit's), in the page's language
    [[check-report]]        how this edition was checked (filled in by publish)
    [[citation]]            how to cite the section: the formal citation (its page), BibTeX, RIS,
                            CSL-JSON, and an example sentence address of that section
    [[history]]             the plan's later history, newest first (render/history.py)
    [[follow-ups]]          what became of the sections' forward-looking sentences
                            (data/follow-ups.yml, render/followup_notes.py)
    [[as-printed]]          the source's words that stand as printed and are marked [sic]
                            (data/as-printed.yml), quoted and listed
    [[follow-ups-table]]    the same in short: the timeline's table of them, for a home
                            page (out of the search index: the timeline holds it)
    [[follow-ups-tally]]    the answer in one sentence: how many announcements, how many
                            of each verdict, as of when

A placeholder that expands to several lines keeps the indentation of its line (so it
can stand inside an admonition).

`expand(markdown, lang, pub)` is a plain function of the publication `pub`
(model/publication.py): MkDocs calls it through the plugin, the checks on the sources.
"""

from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

from publication import DEFAULT_LANGUAGE, LANGUAGES
from publication.model import citation as citations
from publication.model import references as refs_mod
from publication.model import segments
from publication.model.downloads import DOWNLOADS_DIR, OFFLINE_ZIP, TMX_FILE, XLIFF_FILE, epub_name, pdf_name
from publication.model.labels import format_list
from publication.model.pages import RenderError
from publication.model.pages import read as read_unexpanded
from publication.model.project import SectionError
from publication.render.chart import figure_html
from publication.render.check_report import placeholder
from publication.render.followup_notes import overview_html, tally_html
from publication.render.followup_notes import timeline_html as followups_timeline
from publication.render.footnotes import REFERENCES_PAGE
from publication.render.history import timeline_markdown
from publication.render.parallel import render, section_name
from publication.render.reference_links import link_line as _link_line
from publication.render.unofficial import translated

__all__ = ["RenderError", "expand", "read_page"]

PLACEHOLDER_RE = re.compile(r"\[\[(?P<name>[a-z-]+)(?::(?P<arg>[^\]\s]+))?\]\]")

CHARTS = ("incidents",)
NO_ARGUMENT = {
    "references",
    "edition-date",
    "check-report",
    "citation",
    "history",
    "follow-ups",
    "follow-ups-table",
    "follow-ups-tally",
    "as-printed",
    "terms",
    "downloads",
}


def _section(arg: str, line: int, pub):
    """The section a placeholder names (its page path), or a RenderError."""
    try:
        section = pub.section(arg)
    except SectionError as err:
        raise RenderError(f"{arg}: {err}", line) from None
    if section is None:
        raise RenderError(f"'{arg}' is no section (no page with source_page in its front matter)", line)
    return section


def expand(
    markdown: str,
    lang: str,
    pub,
    offline: bool = False,
    cache: dict | None = None,
    page: str | None = None,
) -> str:
    """Replace every placeholder in `markdown` by its text in `lang`, from the data of
    the publication `pub`. `offline`: for the offline bundle, which cannot offer itself
    for download. `cache`: where rendered parallel pages are kept between pages (the
    MkDocs plugin's own dict). `page`: the page's path inside its language folder (the
    Cite box cites the page's own source page)."""
    bib = pub.bib

    def sections(line: int):
        """The publication's sections, or a RenderError at the placeholder's line."""
        try:
            return pub.sections()
        except SectionError as err:
            raise RenderError(str(err), line) from None

    def replace(m: re.Match) -> str:
        name, arg = m["name"], m["arg"]
        line = markdown.count("\n", 0, m.start()) + 1
        if arg and name in NO_ARGUMENT:
            raise RenderError(f"[[{name}]] takes no argument, found '{arg}'", line)
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
            return f"[{ref.short_citation(lang, nobreak=True)}]({ref.url})"
        if name == "references":
            return references_page(pub, lang, offline)
        if name == "edition-date":
            return refs_mod.format_date(pub.edition_date, lang)
        if name == "check-report":
            return placeholder(lang, pub)
        if name == "citation":
            return citation_markdown(pub, lang, offline, page)
        if name == "source-page":
            return str(_section(arg or "", line, pub).source_page)
        if name == "footnote-numbers":
            return format_list(sorted(bib.footnotes_on(_section(arg or "", line, pub).source_page)), lang)
        if name == "history":
            href = lambda target: page_href(page, target, offline)  # noqa: E731
            return timeline_markdown(lang, pub, followups_timeline(lang, pub, href))
        if name == "follow-ups":
            return followups_timeline(lang, pub, lambda target: page_href(page, target, offline))
        if name == "follow-ups-table":
            href = lambda target: page_href(page, target, offline)  # noqa: E731
            return overview_html(lang, pub, href, sections(line), search=False, caption_shown=False)
        if name == "follow-ups-tally":
            answer = tally_html(lang, pub, [s.name for s in sections(line)])
            return f'<p class="tally">{answer}</p>' if answer else ""
        if name == "as-printed":
            if lang == DEFAULT_LANGUAGE:
                quoted = [f"„{escape(r.words)}”" for r in pub.as_printed]
            else:
                quoted = [f'“<span lang="{DEFAULT_LANGUAGE}">{escape(r.words)}</span>”' for r in pub.as_printed]
            return format_list(quoted, lang)
        if name == "terms":
            return terms_table(lang, pub)
        if name == "downloads":
            return downloads_html(lang, pub, offline)
        if name == "chart":
            if arg not in CHARTS:  # the argument names the chart; an unknown one is no chart
                raise RenderError(f"unknown chart '{arg or ''}' (the charts: {', '.join(CHARTS)})", line)

            return figure_html(lang, pub)
        if name == "parallel":
            if arg:
                return parallel_html(arg, lang, pub, line, cache, references_href(page, offline))
            href = references_href(page, offline)
            return "\n\n".join(parallel_html(s.page, lang, pub, line, cache, href) for s in sections(line))
        raise RenderError(f"unknown placeholder '[[{m.group(0)[2:-2]}]]'", line)

    def indented(m: re.Match) -> str:
        text = replace(m)
        start = markdown.rfind("\n", 0, m.start()) + 1
        indent = re.match(r"[ \t]*", markdown[start : m.start()]).group(0)
        return text.replace("\n", "\n" + indent) if indent else text

    return PLACEHOLDER_RE.sub(indented, markdown)


def page_url(page: str, offline: bool = False) -> str:
    """The address of a Markdown page inside its language folder, as MkDocs writes it:
    'parallel.md' is 'parallel/' ('parallel.html' offline, without directory URLs),
    'index.md' is ''."""
    stem = page.removesuffix(".md")
    if offline:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def references_href(page: str | None, offline: bool = False) -> str:
    """From `page` (by default the side-by-side page) to the References page, the
    address a note's addition links to (raw HTML: MkDocs does not rewrite its links)."""

    return page_href(page or "parallel.md", REFERENCES_PAGE, offline)


def page_href(page: str | None, target_page: str, offline: bool = False) -> str:
    """From `page` (a Markdown page inside its language folder; by default the
    side-by-side page) to `target_page`, as a relative address (for raw HTML, whose
    links MkDocs does not rewrite)."""

    here = page_url(page or "parallel.md", offline)
    target = page_url(target_page, offline)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here)
    relative = posixpath.relpath(target or ".", folder or ".")
    return relative + ("/" if target.endswith("/") and not relative.endswith("/") else "")


def parallel_html(
    section: str, lang: str, pub, line: int, cache: dict | None = None, references: str | None = None
) -> str:
    """The parallel page of a section of the publication `pub`, read from its two
    language versions; its notes link what they cite to `references`. Rendered once
    per publication, section, language and address (`cache`: a large publication has
    many pages that name the same section)."""

    cache = {} if cache is None else cache
    key = (section, lang, references)
    if cache.get("publication") is not pub:  # a new publication: what was kept is of the old one
        cache.clear()
        cache["publication"] = pub
    if key not in cache:
        read = {}
        for code in ("nl", "en"):
            try:
                read[code] = read_page(pub.docs / code / section, code, pub)
            except (OSError, ValueError) as err:
                cause = pub.rel(pub.docs / code / section)
                raise RenderError(f"cannot make the parallel page of {section!r}: {err}", line, cause) from None
        try:
            cache[key] = render(read["nl"], read["en"], lang, pub, section_name(section), references)
        except ValueError as err:
            raise RenderError(f"cannot make the parallel page of {section!r}: {err}", line) from None
    return cache[key]


def cite_prefix(lang: str, offline: bool) -> str:
    """From a page at the top of a language's folder to the site root."""
    return "../" * ((lang != DEFAULT_LANGUAGE) + (not offline))


def example_sentence(page: str, pub) -> str | None:
    """A sentence address of a section to show as an example: its middle Dutch sentence
    (`s-N`, counted through the Dutch as the segments are)."""
    try:
        nl = read_unexpanded(pub.docs / "nl" / page, "nl")
    except (OSError, ValueError):
        return None
    count = sum(len(segments.sentences_of(b, "nl", pub)) for b in nl.of("paragraph"))
    return f"s-{(count + 1) // 2}" if count else None


def citation_markdown(pub, lang: str, offline: bool = False, page: str | None = None) -> str:
    """The "Cite" box of a section page: the formal citation of its source page, the
    files, one sentence with an example address of that section."""
    words = pub.labels(lang)["pages"]
    doc = pub.bib.document
    try:
        section = pub.section(page) if page else None
    except SectionError:
        section = None
    formal = refs_mod.unbreakable(
        citations.formal(doc, citations.pinpoint(doc, pub, section.source_page if section else None))
    )
    prefix = cite_prefix(lang, offline)
    lines = [
        f"- {words['cite_formal']}: **{formal}**",
        f"- {words['cite_files']}: {cite_links_html(doc.id, prefix)} "
        f"({words['cite_all']}: {cite_links_html(citations.ALL, prefix)})",
    ]
    example = example_sentence(section.page, pub) if section else None
    if example:
        edition = words["cite_edition"].format(
            title=pub.labels(lang)["pdf"]["title"], date=refs_mod.format_date(pub.edition_date, lang)
        )
        # "s-14" kept whole (a line broke it after its hyphen)
        example_text = f'<span class="nowrap">{example}</span>'
        lines.append(
            f"- {words['cite_sentence'].format(citation=formal, example=example, example_text=example_text, edition=edition)}"
        )
    return "\n".join(lines)


def _footnote_page(number: int, pub) -> str | None:
    """The section page that carries footnote `number` (the section of the source page
    that prints it)."""
    source_page = pub.bib.page_of(number)
    try:
        return next((s.page for s in pub.sections() if s.source_page == source_page), None)
    except SectionError:
        return None


def _entry(ref: refs_mod.Reference, pub, lang: str, offline: bool = False) -> list[str]:

    bib = pub.bib
    words = pub.labels(lang)["pages"]

    # A document's official title is its Dutch one: on a translated page it comes first,
    # the English in brackets as a translation.
    # The heading names it by that title alone; its Title row gives the translation.
    heading = ref.heading(lang)
    if ref.kind != "kamerstuk" and ref.title:
        heading = f"{translated({DEFAULT_LANGUAGE: ref.title[DEFAULT_LANGUAGE]}, lang, pub)} ({ref.date.year})"
    out = [f"### {heading} {{ #{ref.id} }}", ""]
    rows = []
    if ref.title:
        rows.append((words["title"], translated(ref.title, lang, pub)))
    if ref.subject:
        rows.append((words["subject"], translated(ref.subject, lang, pub)))
    if ref.dossier_title:
        rows.append(
            (
                words["dossier"],
                f"{refs_mod.format_dossier(ref.dossier, nobreak=True)} {translated(ref.dossier_title, lang, pub)}",
            )
        )
    if ref.sender:
        rows.append((words["sender"], ref.sender[lang]))
    if ref.publisher:
        rows.append((words["publisher"], ref.publisher[lang]))
    rows.append((words["date"], refs_mod.format_date(ref.date, lang)))
    cited = bib.cited_in(ref.id)
    if cited:
        calls = ", ".join(
            f"[{words['footnote'].lower()} {n}]({_footnote_page(n, pub)}#fn:{n})"
            if _footnote_page(n, pub)
            else f"{words['footnote'].lower()} {n}"
            for n in cited
        )
        rows.append((words["cited_in"], calls))
    rows.append((words["links"], _link_line(ref, lang, pub)))
    rows.append(
        (
            words["cite"],
            f"{refs_mod.unbreakable(citations.formal(ref, citations.pinpoint(ref, pub)))}"
            f'<span class="cite-files" data-search-exclude="true"> · {cite_links_html(ref.id, cite_prefix(lang, offline))}</span>',
        )
    )
    out += [f"- **{name}:** {value}" for name, value in rows]
    out.append("")
    return out


def references_page(pub, lang: str, offline: bool = False) -> str:
    bib = pub.bib
    words = pub.labels(lang)["pages"]
    out = [f"## {words['document']} {{ #document }}", ""]
    out += _entry(bib.document, pub, lang, offline)
    out += [f"## {words['cited']} {{ #cited }}", ""]
    seen = set()
    for number in sorted(bib.footnotes):
        ref = bib.footnotes[number]
        if ref.id not in seen:
            seen.add(ref.id)
            out += _entry(ref, pub, lang, offline)
    background = [r for r in bib.references.values() if r.background]
    if background:
        out += [f"## {words['background']} {{ #background }}", ""]
        for ref in background:
            out += _entry(ref, pub, lang, offline)
    return "\n".join(out)


def downloads_html(lang: str, pub, offline: bool = False) -> str:
    """The downloads of a home page, as HTML (the files are added after the build, so
    MkDocs must not validate them as Markdown links)."""

    labels = pub.labels

    prefix = "" if lang == DEFAULT_LANGUAGE else "../"
    entries = [
        (
            pdf_name(other),
            "application/pdf",
            labels(lang)["pages"]["pdf"].format(language=labels(lang)["language_names"][other]),
            other if other != lang else None,
        )
        for other in LANGUAGES
    ]
    entries += [
        (
            epub_name(other),
            "application/epub+zip",
            labels(lang)["pages"]["epub"].format(language=labels(lang)["language_names"][other]),
            other if other != lang else None,
        )
        for other in LANGUAGES
    ]
    entries += [
        (TMX_FILE, "application/x-tmx+xml", labels(lang)["pages"]["tmx"], None),
        (XLIFF_FILE, "application/xliff+xml", labels(lang)["pages"]["xliff"], None),
    ]
    if not offline:
        entries.append((OFFLINE_ZIP, "application/zip", labels(lang)["pages"]["offline"], None))
    items = []
    for name, mime, label, hreflang in entries:
        attr = f' hreflang="{hreflang}"' if hreflang else ""
        # Size and checksum are written in once the file exists (outputs.fill_download_details).
        items.append(
            f'<li><a href="{prefix}{DOWNLOADS_DIR}/{name}"{attr} type="{mime}" download>{label}</a> '
            f'<span class="download-details" data-file="{name}" data-lang="{lang}"></span></li>'
        )
    return '<ul class="downloads">\n' + "\n".join(items) + "\n</ul>"


def read_page(path, lang: str | None, pub):
    """A page of the content model with its placeholders expanded for `lang` (None: its
    language folder's) from the data of the publication `pub`: read once per state of
    its file for the publication's life (several checks read each page; a Publication
    is made anew when a watched file changes), so a caller must not change what it gets."""
    path = Path(path)
    try:  # the page's path inside its language folder (docs/<lang>/...)
        inside = path.relative_to(pub.docs).as_posix().split("/", 1)[1]
    except (ValueError, IndexError):
        inside = path.name
    try:
        st = path.stat()
    except OSError:  # no such page: reading it says so
        return read_unexpanded(path, lang, expand=lambda md, code: expand(md, code, pub, page=inside))
    return pub.once(
        ("page", str(path), lang, st.st_size, st.st_mtime_ns),
        lambda: read_unexpanded(path, lang, expand=lambda md, code: expand(md, code, pub, page=inside)),
    )


def cite_links_html(ref_id: str, prefix: str) -> str:
    """The three download links of one reference (or of ALL)."""
    return " · ".join(
        f'<a href="{prefix}{citations.CITE_DIR}/{ref_id}.{ext}" download>{label}</a>'
        for ext, label in citations.FORMATS
    )


def abbreviations(text: str, lang: str, pub) -> str:
    """Each abbreviation of the glossary of `lang` (includes/abbreviations/, the one the
    running text's pages include) in `text` (HTML, escaped) as `<abbr title="…">`, matched
    as Python-Markdown's abbr extension matches it: the whole word, longest first."""
    names = pub.glossary(lang)
    if not names:
        return text
    pattern = re.compile(r"\b(" + "|".join(re.escape(a) for a in sorted(names, key=len, reverse=True)) + r")\b")
    return pattern.sub(lambda m: f'<abbr title="{escape(names[m[1]])}">{m[1]}</abbr>', text)


def terms_table(lang: str, pub) -> str:
    """The table of terms, as HTML: each cell names its column (`data-label`), so that
    on a narrow screen a row can stand as a block of named fields; its abbreviations
    carry their full names, as in the running text (`abbreviations`)."""
    labels = pub.labels(lang)["pages"]

    def cell(text: str) -> str:
        return abbreviations(escape(text), lang, pub)

    heads = [labels["term_nl"], labels["term_en"], labels["status"], labels["why"]]
    out = [
        '<table class="terms">',
        "<thead><tr>" + "".join(f'<th scope="col">{escape(h)}</th>' for h in heads) + "</tr></thead>",
        "<tbody>",
    ]
    for t in pub.terms:
        nl = f'<span lang="nl">{cell(t.nl)}</span>' if lang != "nl" else cell(t.nl)
        en = f'<span lang="en">{cell(t.en)}</span>' if lang != "en" else cell(t.en)
        why = (t.why or {}).get(lang, "")
        if t.source:  # the public page that confirms the English name, in the page's language
            source = f"{labels['source']}: {t.source[lang]}."
            why = f"{why} {source}" if why else source
        cells = (nl, en, escape(labels["status_" + t.status]), cell(why))
        out.append("<tr>" + "".join(f'<td data-label="{escape(h)}">{c}</td>' for h, c in zip(heads, cells)) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)
