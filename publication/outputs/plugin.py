"""The publication as a MkDocs plugin (`plugins: [publication]` in mkdocs.yml), registered
through the `mkdocs.plugins` entry point of the project's pyproject.toml, as Material's
own plugins are: typed options, and all its state on the instance, none in a module.

It is thin glue: everything it calls is a plain function of the `Publication`
(model/publication.py), which it makes from `config.config_file_path` and hands on.

    on_config        the Publication (a new one when its files changed: `mkdocs serve`);
                     its Markdown extensions, handed the publication (markdown-include
                     confined to includes/); the offline plugin's vendored shim
    on_env           the templates' filter that loads Material's script on first use; the
                     compiled templates kept between builds
    on_page_markdown expand the placeholders in the page's language; mark a section's
                     sentences; hand the page's state to the extensions (as an object)
    on_page_content  take the page's state back
    on_page_context  the language selector's relative links; the page's metadata; a
                     translated page's notice that it is unofficial
    on_post_page     Material's toggles as valid HTML (also on_post_template); a
                     translated page's search at its own language's index
    on_post_build    a 404 page per language, citation files, Material's patches;
                     then (priority -200) one search index per language

With `enabled: false` it does nothing at all: the site is Material's as it is (the
templates' filter then passes Material's scripts through unchanged).
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from publication import DEFAULT_LANGUAGE, LANGUAGES
from publication.model import citation as citations
from publication.model.publication import Publication
from publication.outputs import citation_files
from publication.render import followup_notes, history, metadata, sentences, sic_marks, unofficial
from publication.render.followup_notes import FollowUpsExtension
from publication.render.footnotes import SourceFootnotesExtension
from publication.render.includes import ConfinedIncludeExtension
from publication.render.page_state import PageState
from publication.render.pairs import PairsExtension
from publication.render.parallel import section_name
from publication.render.placeholders import RenderError, expand
from publication.render.raw_blocks import RawHtmlBlocksExtension
from publication.render.search_index import SearchIndexError, language_base, not_found_base, split_index
from publication.render.theme import (
    PatchError,
    apply,
    html_toggles,
    lazy_scripts,
    prune_search_languages,
    remove_source_maps,
    short_header_title,
)
from publication.render.typography import minify_css, tie_toc
from publication.render.used_css import trim_site_stylesheet


class PublicationConfig(base.Config):
    """The plugin's options (mkdocs.yml: `plugins: - publication: {...}`)."""

    enabled = c.Type(bool, default=True)
    # The page a section's paragraphs link to (⇄), as a Markdown link target.
    parallel_page = c.Type(str, default="parallel.md")
    # The vendored iframe-worker shim the offline bundle loads instead of a CDN's copy.
    offline_shim = c.Type(str, default="assets/vendor/iframe-worker/shim.js")
    # Keep the theme's compiled templates between builds (Jinja's bytecode cache, in
    # Jinja's own per-user folder under the system's temporary folder): every build
    # after the first skips compiling them, about half of a build's time. A template
    # whose source changed is compiled again (the cache compares the source's checksum).
    template_cache = c.Type(bool, default=True)


class PublicationPlugin(BasePlugin[PublicationConfig]):
    def __init__(self):
        # The publication the pages are made from (on_config makes it).
        self.publication: Publication | None = None
        # The Markdown extensions this plugin adds, one instance each for every page;
        # each page's own state is handed to them before MkDocs converts it.
        self.footnotes = SourceFootnotesExtension()
        self.pairs = PairsExtension()
        self.follow_ups = FollowUpsExtension()
        self.includes = ConfinedIncludeExtension()
        self.extensions = (self.footnotes, self.pairs, self.follow_ups, RawHtmlBlocksExtension(), self.includes)
        # The default language's 404 page, kept while the other languages build
        # (mkdocs-static-i18n builds every language with this same plugin object).
        self.default_404: bytes | None = None
        # Rendered parallel pages of this publication (a large one names the same
        # section on many pages).
        self.parallel_cache: dict = {}

    @property
    def page_aware(self) -> tuple:
        """The extensions handed the publication and each page's state."""
        return (self.footnotes, self.pairs, self.follow_ups)

    # The publication (again when its files changed); the extensions once (on_config
    # runs once per language build); the offline bundle's shim instead of a CDN's.
    @event_priority(100)
    def on_config(self, config):
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path).resolve().parent
        if self.publication is None or self.publication.root != root or self.publication.stale():
            self.publication = Publication(root)
        for ext in self.page_aware:
            ext.publication = self.publication
        # markdown-include held inside the project's include folders (render/includes.py).
        self.includes.setConfig("root", str(root))
        for ext in self.extensions:
            if ext not in config.markdown_extensions:
                config.markdown_extensions.append(ext)
        self.pairs.setConfig("target", self.config.parallel_page)
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        if offline is not None and offline.config.enabled:
            polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
            config.extra["polyfills"] = polyfills + [self.config.offline_shim]
        return config

    # The templates' own filter: Material's script loaded on first use (render/theme.py);
    # the history notice on every page; the compiled templates kept.
    def on_env(self, env, config, files):
        if not self.config.enabled:
            env.filters["publication_lazy_scripts"] = Markup  # Material's scripts as they are
            return env
        if self.config.template_cache and env.bytecode_cache is None:
            env.bytecode_cache = template_cache()
        env.filters["publication_lazy_scripts"] = lazy_scripts
        return env

    # Expand the placeholders for the page's language; mark a section's sentences; hand
    # the page's state to the extensions.
    def on_page_markdown(self, markdown, page, config, files):
        if not self.config.enabled:
            return markdown
        lang = page_language(page, config)
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        try:
            markdown = expand(
                markdown,
                lang,
                self.publication,
                offline=bool(offline and offline.config.enabled),
                cache=self.parallel_cache,
                page=page_path(page),
            )
        except RenderError as err:
            raise PluginError(f"docs/{page.file.src_uri}:{err.line}: {err}") from None
        state = PageState(lang=lang)
        # A page that reproduces the source links each paragraph to its pair; a search
        # for a word of its text finds it before any page that only names the word.
        if page.meta.get("source_page"):
            page.meta.setdefault("search", {}).setdefault("boost", SECTION_SEARCH_BOOST)
            markdown, anchors, citation, paragraphs = self.mark_sentences(markdown, lang, page, config)
            # The section's name prefixes its pairs' ids on the parallel page.
            state = PageState(lang, True, anchors, citation, section_name(page_path(page)), paragraphs)
        for ext in self.page_aware:
            ext.page = state
        return markdown

    # The page is converted: its state goes (a conversion outside a page has none). The
    # cells of a table are words apart in the search index (which reads the HTML before
    # on_page_context), not run together ("DutchEnglishStatus").
    def on_page_content(self, html, page, config, files):
        for ext in self.page_aware:
            ext.page = None
        if not self.config.enabled:
            return html
        # The source's words that stand as printed, marked [sic] in its Dutch sentences.
        section = section_name(page_path(page)) if page.meta.get("source_page") else None
        try:
            html = sic_marks.mark(html, page_language(page, config), self.publication, section)
        except sic_marks.AsPrintedError as err:
            raise PluginError(str(err)) from None
        return spaced_cells(html)

    def mark_sentences(self, markdown: str, lang: str, page, config) -> tuple[str, dict, str, dict]:
        """Each sentence of a section in a span with its segment id (`#s-12`, the same
        sentence in both languages), a follow-up's marker after each sentence it
        answers, the id of each paragraph's first sentence, the citation a paragraph's
        permalink offers, and each paragraph's sentences. A section that does not pair
        is left unmarked: the checks say why, and a preview must still build."""
        pub = self.publication
        section = page_path(page)
        other = next((code for code in LANGUAGES if code != lang), None)
        doc = pub.bib.document
        citation = citations.formal(doc, citations.pinpoint(doc, pub, page.meta.get("source_page")))
        after = followup_notes.markers(section_name(section), lang, pub, lambda f: f"#{f.anchor}")
        paragraphs: dict = {}
        try:
            other_markdown = (pub.docs / other / section).read_text(encoding="utf-8")
            marked, anchors = sentences.mark_section(markdown, lang, section, other_markdown, pub, after, paragraphs)
        except (OSError, ValueError):
            return markdown, {}, citation, {}
        return marked, anchors, citation, paragraphs

    # The language selector: every page, the home pages too, linked to its counterpart
    # by a relative URL (mkdocs-static-i18n leaves the home pages' links absolute, "/",
    # "/en/", which break under a sub-path and from file://); the page's metadata.
    @event_priority(-100)  # after mkdocs-static-i18n has set the links (priority 50)
    def on_page_context(self, context, page, config, nav):
        if not self.config.enabled:
            return context
        alternates = getattr(page.file, "alternates", None) or {}
        # i18n sets the attribute config.extra.alternate, which Jinja reads before the key.
        for alternate in getattr(config.extra, "alternate", None) or []:
            counterpart = alternates.get(alternate.get("lang"))
            if counterpart is not None:
                alternate["link"] = counterpart.url or "./"
        context["publication_meta"] = self.page_metadata(page, config, alternates)
        tie_toc(page.toc)  # citations in the table of contents never break (render/typography.py)
        strip = history.strip_html(
            page_language(page, config),
            self.publication,
            section=bool(page.meta.get("source_page")),
            unofficial=self.unofficial_notice(page, config, alternates),
            timeline_href=history.timeline_href(page, nav),
        )
        context["publication_edition_strip"] = Markup(strip)
        return context

    # Every page as written: Material's toggles valid HTML (render/theme.py); a page of a
    # translation searches its own language's index (render/search_index.py).
    def on_post_page(self, output, page, config):
        if not self.config.enabled:
            return output
        output = history.after_title(page_patches(output, page.file.dest_uri, config.site_name))
        try:
            return language_base(output, page.file.dest_uri, page_language(page, config), DEFAULT_LANGUAGE)
        except SearchIndexError as err:
            raise PluginError(str(err)) from None

    # The 404 page carries the edition strip too (a translation's says it is unofficial),
    # its links from the site's root (a 404 page is served at any path); its language
    # switch leads to the other language's 404 page.
    def on_template_context(self, context, template_name, config):
        if self.config.enabled and template_name == "404.html":
            lang = config.theme.get("language") or DEFAULT_LANGUAGE
            root = context.get("base_url", "").rstrip("/") + "/"
            notice = unofficial.notice(lang, root, self.publication)
            strip = history.strip_html(lang, self.publication, section=False, unofficial=notice, timeline_href=None)
            context["publication_edition_strip"] = Markup(strip)
            for alternate in getattr(config.extra, "alternate", None) or []:
                code = alternate.get("lang")
                alternate["link"] = "404.html" if code == DEFAULT_LANGUAGE else f"{code}/404.html"
        return context

    # Material's toggles valid HTML; a translation's 404 page searches its own index.
    def on_post_template(self, output_content, template_name, config):
        if not self.config.enabled or not template_name.endswith(".html"):
            return output_content
        output_content = page_patches(output_content, template_name, config.site_name)
        if template_name == "404.html":
            output_content = history.after_title(output_content)
            try:
                lang = config.theme.get("language") or DEFAULT_LANGUAGE
                return not_found_base(output_content, lang, DEFAULT_LANGUAGE)
            except SearchIndexError as err:
                raise PluginError(str(err)) from None
        return output_content

    # After each language's build: its own 404 page, the citation files, the counterpart
    # highlighting rules, Material's patched JavaScript, no unused search languages.
    def _on_post_build(self, config):
        if not self.config.enabled:
            return
        site = Path(config.site_dir)
        self.keep_default_404(site, config.theme.get("language") or DEFAULT_LANGUAGE)
        citation_files.write_files(site, self.publication)
        stylesheet = site / "assets" / "publication.css"
        if stylesheet.is_file():
            sentences.add_highlight_css(stylesheet, sentences.most_sentences(self.publication))
            markers = (sentences.HIGHLIGHT_START, sentences.HIGHLIGHT_END)
            stylesheet.write_text(minify_css(stylesheet.read_text(encoding="utf-8"), keep=markers), encoding="utf-8")
        try:
            apply(site)
        except PatchError as err:
            raise PluginError(str(err)) from None
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is not None:
            prune_search_languages(site, list(search.config.lang or []))
        remove_source_maps(site)

    # After mkdocs-static-i18n has written the combined search index and the offline
    # plugin has inlined it (both at priority -100): one index per language; Material's
    # stylesheet cut to what the pages and scripts use (render/used_css.py).
    @event_priority(-200)
    def _on_post_build_search(self, config):
        if self.config.enabled:
            split_index(Path(config.site_dir), list(LANGUAGES), DEFAULT_LANGUAGE)
            trim_site_stylesheet(Path(config.site_dir), cache=self.config.template_cache)

    on_post_build = CombinedEvent(_on_post_build, _on_post_build_search)

    def keep_default_404(self, site: Path, lang: str) -> None:
        """Each language build writes the theme's 404.html at the site root: the default
        language's is kept while the others build, each other language's goes into its
        folder, and the default one returns to the root."""
        page_404 = site / "404.html"
        if not page_404.is_file():
            return
        if lang == DEFAULT_LANGUAGE:
            self.default_404 = page_404.read_bytes()
        elif (site / lang).is_dir():
            (site / lang / "404.html").write_bytes(page_404.read_bytes())
            if self.default_404 is not None:
                page_404.write_bytes(self.default_404)

    def unofficial_notice(self, page, config, alternates) -> dict | None:
        """The notice of a translated page, with its link to the same page in the original
        language (render/unofficial.py, overrides/partials/unofficial.html)."""
        original = alternates.get(DEFAULT_LANGUAGE)
        href = (original.url_relative_to(page.file) or "./") if original is not None else None
        return unofficial.notice(page_language(page, config), href, self.publication)

    def page_metadata(self, page, config, alternates) -> dict:
        """JSON-LD and Open Graph for the page's head (render/metadata.py)."""
        lang = page_language(page, config)
        counterparts = {}
        for code, file in alternates.items():
            if code != lang and file is not None:
                counterparts[code] = (file.url or "", file.url_relative_to(page.file) or "./")
        title = page.meta.get("title") or page.title or config.site_name
        section = bool(page.meta.get("source_page"))
        me = (config.site_url or "").rstrip("/") + "/" + (page.url or "") if config.site_url else ""
        comments = followup_notes.jsonld(section_name(page_path(page)), lang, self.publication, me) if section else []
        return metadata.page_metadata(
            lang=lang,
            title=str(title),
            description=str(page.meta.get("description") or config.site_description or ""),
            path=page.url or "",
            counterparts=counterparts,
            section=section,
            site_name=config.site_name,
            publisher=config.site_author or config.site_name,
            site_url=config.site_url or "",
            edition=self.publication.edition_date,
            bib=self.publication.bib,
            comments=comments,
        )


# How much more a section's page weighs in the search than another page (Material's
# `search.boost` of a page).
SECTION_SEARCH_BOOST = 4
CELLS_RE = re.compile(r"(</t[hd]>|</tr>|</thead>)\s*(<t[hdr][\s>]|<tbody)")


def spaced_cells(html: str) -> str:
    """White space between a table's cells and rows, which the HTML renders alike and the
    search's parser reads as a word's end."""
    return CELLS_RE.sub(lambda m: f"{m[1]}\n{m[2]}", html)


def page_path(page) -> str:
    """A page's path inside its language folder: 'daderaanpak.md'."""
    return page.file.src_uri.split("/", 1)[1] if "/" in page.file.src_uri else page.file.src_uri


def page_language(page, config) -> str:
    """The language of a page: mkdocs-static-i18n sets file.locale; the theme's
    language is the fallback."""
    return getattr(page.file, "locale", None) or config.theme.get("language") or DEFAULT_LANGUAGE


def page_patches(html: str, where: str, site_name: str) -> str:
    """Material's toggles valid (patch 4) and a header title a phone shows whole (patch 8)."""
    try:
        return short_header_title(html_toggles(html, where), site_name, where)
    except PatchError as err:
        raise PluginError(str(err)) from None


def template_cache(directory: str | None = None):
    """Jinja's bytecode cache in `directory` (by default Jinja's per-user folder under
    the system's temporary folder), or None where that folder cannot be made. A cache
    that cannot be read or written only makes the build slower: a damaged entry is
    compiled again, a full disk skips the writing."""

    class TemplateCache(FileSystemBytecodeCache):
        def load_bytecode(self, bucket):
            try:
                super().load_bytecode(bucket)
            except Exception:  # whatever a damaged entry raises (pickle's, marshal's, the disk's)
                bucket.reset()

        def dump_bytecode(self, bucket):
            try:
                super().dump_bytecode(bucket)
            except OSError:
                pass

    try:
        return TemplateCache(directory)
    except (OSError, RuntimeError):  # Jinja refuses a folder another user owns
        return None
