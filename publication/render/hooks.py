"""The MkDocs glue, kept thin: everything it calls is plain functions on text.

- on_config: load the publication afresh if it changed (`mkdocs serve`), add its
  Markdown extensions (footnote numbers and names, paragraph pairs, raw HTML blocks);
- on_env: the templates' filter that loads Material's script on first use;
- on_page_markdown: expand the placeholders ([[ref:…]], [[references]], …) in the
  page's language, and mark a section's sentences;
- on_page_context: the language selector's relative links, the page's metadata;
- on_post_page, on_post_template: Material's toggles as valid HTML;
- on_post_build: a 404 page per language, citation files, Material's patches.

No state lives in this module: the extensions are the build's own (on its config), and
so is what must outlast one language's build.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads this file by path, once per process (its loader is cached), and
# `python -m mkdocs` (as the Makefile and the build run it, from the project's folder)
# puts that folder on the import path. Everything of the publication is imported inside
# the events, so that `mkdocs serve` can load it afresh when its code or data change.
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority


def default_language() -> str:
    from publication import DEFAULT_LANGUAGE

    return DEFAULT_LANGUAGE


IFRAME_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"


def fresh_publication() -> None:
    """Forget the publication's modules when their code or data changed since they were
    loaded (a maintainer's edit during `mkdocs serve`): the next import reads them again,
    and their caches of the data go with them."""
    import publication

    if publication.fingerprint() != publication.LOADED_FINGERPRINT:
        for name in [name for name in sys.modules if name == "publication" or name.startswith("publication.")]:
            del sys.modules[name]


def extension(config, name: str):
    """The build's own instance of one of the publication's Markdown extensions (added
    by on_config), so that no state lives in this module."""
    return next(ext for ext in config.markdown_extensions if type(ext).__name__ == name)


def page_language(page, config) -> str:
    """The language of a page: mkdocs-static-i18n sets file.locale; the theme's
    language is the fallback."""
    return getattr(page.file, "locale", None) or config.theme.get("language") or default_language()


# Add the footnote-numbers extension once (on_config runs once per language build).
# For the offline bundle, give Material's offline plugin the vendored iframe-worker shim,
# so that it does not add the shim from a CDN.
@event_priority(100)
def on_config(config):
    fresh_publication()
    from publication.render.footnotes import SourceFootnotesExtension
    from publication.render.pairs import PairsExtension
    from publication.render.raw_blocks import RawHtmlBlocksExtension

    for kind in (SourceFootnotesExtension, PairsExtension, RawHtmlBlocksExtension):
        if not any(type(ext).__name__ == kind.__name__ for ext in config.markdown_extensions):
            config.markdown_extensions.append(kind())
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is not None and offline.config.enabled:
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = polyfills + [IFRAME_WORKER_SHIM]
    return config


# Expand the placeholders for the page's language.
def on_page_markdown(markdown, page, config, files):
    lang = page_language(page, config)
    from publication.render.placeholders import RenderError, expand

    footnotes, pairs = extension(config, "SourceFootnotesExtension"), extension(config, "PairsExtension")
    footnotes.setConfig("lang", lang)
    # A page that reproduces the source links each paragraph to its pair.
    pairs.setConfig("enabled", bool(page.meta.get("source_page")))
    pairs.setConfig("lang", lang)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    try:
        markdown = expand(markdown, lang, offline=bool(offline and offline.config.enabled))
    except RenderError as err:
        raise PluginError(f"docs/{page.file.src_uri}:{err.line}: {err}") from None
    pairs.setConfig("anchors", {})
    if page.meta.get("source_page"):
        markdown = mark_sentences(markdown, lang, page, config, pairs)
    return markdown


def mark_sentences(markdown: str, lang: str, page, config, pairs) -> str:
    """Each sentence of a section in a span with its segment id (`#s-12`, the same
    sentence in both languages). A section that does not pair is left unmarked: the
    checks say why, and a preview must still build."""
    from publication.render.sentences import mark_section

    section = page.file.src_uri.split("/", 1)[1] if "/" in page.file.src_uri else page.file.src_uri
    other = next((code for code in ("nl", "en") if code != lang), None)
    other_file = Path(config.docs_dir) / other / section
    from publication.model import citation as citations
    from publication.model.references import bibliography

    try:
        marked, anchors = mark_section(markdown, lang, section, other_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return markdown
    bib = bibliography()
    pairs.setConfig("anchors", anchors)
    pairs.setConfig("citation", citations.formal(bib.document, citations.pinpoint(bib.document, bib)))
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
    context["unofficial_notice"] = unofficial_notice_of(page, config, alternates)
    return context


def unofficial_notice_of(page, config, alternates) -> dict | None:
    """The notice of a translated page, with its link to the same page in Dutch."""
    from publication.render.unofficial import notice

    original = alternates.get(default_language())
    href = (original.url_relative_to(page.file) or "./") if original is not None else None
    return notice(page_language(page, config), href, default_language())


def page_metadata_of(page, config, alternates) -> dict:
    """JSON-LD and Open Graph for the page's head (publication/metadata.py)."""
    from publication.model import edition
    from publication.render import metadata
    from publication.model.references import bibliography

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
# The templates' own filter: Material's script loaded on first use (render/theme.py).
def on_env(env, config, files):
    from publication.render.theme import lazy_scripts

    env.filters["publication_lazy_scripts"] = lazy_scripts
    return env


# Every page as written: Material's toggles valid HTML (publication/render/theme.py); a
# page of a non-default language searches its language's index (render/search_index.py).
def on_post_page(output, page, config):
    from publication.render.theme import PatchError, html_toggles

    from publication.render.search_index import SearchIndexError, language_base

    try:
        output = html_toggles(output, page.file.dest_uri)
        return language_base(output, page.file.dest_uri, page_language(page, config), default_language())
    except (PatchError, SearchIndexError) as err:
        raise PluginError(str(err)) from None


def on_post_template(output_content, template_name, config):
    from publication.render.theme import PatchError, html_toggles

    if not template_name.endswith(".html"):
        return output_content
    try:
        return html_toggles(output_content, template_name)
    except PatchError as err:
        raise PluginError(str(err)) from None


def _post_build(config):
    from publication.render.theme import PatchError, apply, prune_search_languages

    site = Path(config.site_dir)
    lang = config.theme.get("language") or default_language()
    keep_default_404(config, site, lang)
    from publication.outputs import citation_files as citations
    from publication.model.references import bibliography

    citations.write_files(site, bibliography())
    from publication.render import sentences as segments

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


def keep_default_404(config, site: Path, lang: str) -> None:
    """The default language's 404 page is kept on the build's config (mkdocs-static-i18n
    builds every language with the same config) while the others build; each other
    language's goes into its folder, and the default one returns to the root."""
    page_404 = site / "404.html"
    if not page_404.is_file():
        return
    if lang == default_language():
        config.publication_default_404 = page_404.read_bytes()
    elif (site / lang).is_dir():
        (site / lang / "404.html").write_bytes(page_404.read_bytes())
        kept = getattr(config, "publication_default_404", None)
        if kept is not None:
            page_404.write_bytes(kept)


# After mkdocs-static-i18n has written the combined search index and the offline plugin
# has inlined it (both at priority -100): one index per language (render/search_index.py).
@event_priority(-200)
def _post_build_search(config):
    from publication import LANGUAGES
    from publication.render.search_index import split_index

    split_index(Path(config.site_dir), list(LANGUAGES), default_language())


on_post_build = CombinedEvent(_post_build, _post_build_search)
