"""The MkDocs glue, kept thin: everything it calls is plain functions on text.

- on_config: add the source-footnote-numbers extension to the Markdown pipeline.
- on_page_markdown: expand the placeholders ([[ref:…]], [[references]], …) in the
  page's language and tell the footnote extension that language.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from publication import DEFAULT_LANGUAGE  # noqa: E402
from publication.footnotes import SourceFootnotesExtension  # noqa: E402
from publication.pairs import PairsExtension  # noqa: E402
from publication.render import RenderError, expand  # noqa: E402

FOOTNOTES = SourceFootnotesExtension()
PAIRS = PairsExtension()
IFRAME_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"


def page_language(page, config) -> str:
    """The language of a page: mkdocs-static-i18n sets file.locale; the theme's
    language is the fallback."""
    return getattr(page.file, "locale", None) or config.theme.get("language") or DEFAULT_LANGUAGE


# Add the footnote-numbers extension once (on_config runs once per language build).
# For the offline bundle, give Material's offline plugin the vendored iframe-worker shim,
# so that it does not add the shim from a CDN.
@event_priority(100)
def on_config(config):
    for ext in (FOOTNOTES, PAIRS):
        if ext not in config.markdown_extensions:
            config.markdown_extensions.append(ext)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None and offline.config.enabled:
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = polyfills + [IFRAME_WORKER_SHIM]
    return config


# Expand the placeholders for the page's language.
def on_page_markdown(markdown, page, config, files):
    lang = page_language(page, config)
    FOOTNOTES.setConfig("lang", lang)
    # A page that reproduces the source links each paragraph to its pair.
    PAIRS.setConfig("enabled", bool(page.meta.get("source_page")))
    PAIRS.setConfig("lang", lang)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    try:
        markdown = expand(markdown, lang, offline=bool(offline and offline.config.enabled))
    except RenderError as err:
        raise PluginError(f"docs/{page.file.src_uri}:{err.line}: {err}") from None
    PAIRS.setConfig("anchors", {})
    if page.meta.get("source_page"):
        markdown = mark_sentences(markdown, lang, page, config)
    return markdown


def mark_sentences(markdown: str, lang: str, page, config) -> str:
    """Each sentence of a section in a span with its segment id (`#s-12`, the same
    sentence in both languages). A section that does not pair is left unmarked: the
    checks say why, and a preview must still build."""
    from publication.segments import mark_section

    section = page.file.src_uri.split("/", 1)[1] if "/" in page.file.src_uri else page.file.src_uri
    other = next((code for code in ("nl", "en") if code != lang), None)
    other_file = Path(config.docs_dir) / other / section
    from publication import citations
    from publication.references import bibliography

    try:
        marked, anchors = mark_section(markdown, lang, section, other_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return markdown
    bib = bibliography()
    PAIRS.setConfig("anchors", anchors)
    PAIRS.setConfig("citation", citations.formal(bib.document, citations.pinpoint(bib.document, bib)))
    return marked


# The language selector: link every page, the home pages too, to its counterpart by a
# relative URL. mkdocs-static-i18n leaves the home pages' links absolute ("/", "/en/"),
# which break under a sub-path (GitHub Pages) and in the offline bundle (file://).
@event_priority(-100)  # after mkdocs-static-i18n has set the links (priority 50)
def on_page_context(context, page, config, nav):
    alternates = getattr(page.file, "alternates", None) or {}
    # i18n sets the attribute config.extra.alternate, which Jinja reads before the key.
    for alternate in getattr(config.extra, "alternate", None) or []:
        counterpart = alternates.get(alternate.get("lang"))
        if counterpart is not None:
            alternate["link"] = counterpart.url or "./"
    context["publication_meta"] = page_metadata_of(page, config, alternates)
    return context


def page_metadata_of(page, config, alternates) -> dict:
    """JSON-LD and Open Graph for the page's head (publication/metadata.py)."""
    from publication import edition, metadata
    from publication.references import bibliography

    lang = page_language(page, config)
    here = page.url or ""
    counterparts = {}
    for code, file in alternates.items():
        if code != lang and file is not None:
            counterparts[code] = (file.url or "", file.url_relative_to(page.file) or "./")
    title = page.meta.get("title") or page.title or config.site_name
    return metadata.page_metadata(
        lang=lang, title=str(title), description=str(page.meta.get("description") or config.site_description or ""),
        path=here, counterparts=counterparts, section=bool(page.meta.get("source_page")),
        site_name=config.site_name, publisher=config.site_author or config.site_name, site_url=config.site_url or "",
        edition=edition.date(Path(config.config_file_path).parent), bib=bibliography())


# After each language's build: give every language its own 404 page (each build writes
# the theme's 404.html at the site root, so the last language's would win), patch
# Material's built JavaScript (search with stemming, no sitemap requests) and drop the
# search language files no page loads.
_default_404: dict[str, bytes] = {}


def on_post_build(config):
    from publication.material_patches import PatchError, apply, prune_search_languages

    site = Path(config.site_dir)
    lang = config.theme.get("language") or DEFAULT_LANGUAGE
    page_404 = site / "404.html"
    if page_404.is_file():
        if lang == DEFAULT_LANGUAGE:
            _default_404[str(site)] = page_404.read_bytes()
        elif (site / lang).is_dir():
            (site / lang / "404.html").write_bytes(page_404.read_bytes())
            if str(site) in _default_404:
                page_404.write_bytes(_default_404[str(site)])
    from publication import citations
    from publication.references import bibliography

    citations.write_files(site, bibliography())
    from publication import segments

    stylesheet = site / "assets" / "publication.css"
    if stylesheet.is_file():
        segments.add_highlight_css(stylesheet, segments.most_sentences(Path(config.docs_dir)))
    try:
        apply(site)
    except PatchError as err:
        raise PluginError(str(err)) from None
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None:
        prune_search_languages(site, list(search.config.lang or []))
