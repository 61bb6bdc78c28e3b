"""Fixes to Material for MkDocs' built JavaScript, applied to the built site.

Material 9.x is pinned by the lock; each patch names the exact text it replaces, and
the build fails with a clear message if that text is not there (a new Material
release must be reviewed, not silently half-patched).

1. Search with stemming. Material appends `*` to every query term, and Lunr skips
   its pipeline (the stemmer) for a term with a wildcard, so with a stemmer in the
   pipeline "uitbuiting" or "exploitation" finds nothing: the index holds their stems
   ("uitbuit", "exploit"). The query is made "term term*": the stemmed word, or any
   word it begins.
2. No sitemap requests. Material fetches `sitemap.xml` at the site's base and next to
   every `<link rel="alternate">`, for instant navigation and its language switch,
   neither of which this site uses (the selector links straight to the counterpart).
   With page-level hreflang links that asked for `<page>/sitemap.xml` and got 404 on
   every sub-page, and under file:// every fetch is a console error.
3. Search loads when it is first opened. Material fetches the search index and starts
   the search worker (which then loads Lunr's language files) on every page load:
   about 26 kB of a first visit that most readers never use. Material already waits
   for the search to open under file://; the index now waits everywhere, the worker
   is started by its first message (the index), not when the page loads, and the
   search highlighting fetches the index only on a page opened from a search result
   (its address carries ?h=).
7. A found word is not "missing". Material marks a query term as found in a result when
   a matched word of the index begins with it; with the stemmer (patch 1) the index
   holds stems ("recidiv", "identifi"), which are shorter than the word typed, so every
   word the stemmer shortens was shown as missing ("Ontbreekt: recidive") under a
   snippet that contains it. The term is now also found when a matched word begins with
   its stem (the index's own search pipeline).
4. Valid toggles (in every page as it is written, `html_toggles`). Material's
   `base.html` gives its two checkbox toggles (drawer, search) `autocomplete="off"`,
   which HTML allows only on text-like inputs: 2 of the W3C checker's errors on every
   page. The toggles are not in a form and Material's script resets them, so the
   attribute is dropped. The template has no block around them to override.

8. A header title a phone can show (in every page as it is written, `short_header_title`).
   The header names the site ("Samen tegen mensenhandel – Daderaanpak"), cut to
   "Samen tegen m…" on a phone. The part before the dash is wrapped in a span the
   stylesheet hides on a narrow screen, so a phone shows "Daderaanpak" whole.

Two removals from the built assets, not patches: the Lunr language files search never
loads (`prune_search_languages`) and Material's source maps (`remove_source_maps`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Patch:
    glob: str
    old: str
    new: str
    why: str


LAZY_WORKER = (
    "(function(u){let w=null,q=[];return{"
    "addEventListener(...a){q.push(a);w&&w.addEventListener(...a)},"
    "removeEventListener(...a){q=q.filter(b=>b[0]!==a[0]||b[1]!==a[1]);w&&w.removeEventListener(...a)},"
    "postMessage(m){if(!w){w=new Worker(u);q.forEach(a=>w.addEventListener(...a))}w.postMessage(m)}}})(e)"
)

PATCHES = (
    Patch(
        "assets/javascripts/workers/search.*.min.js",
        r".map(r=>/(^[+-]|[~^]\d+$)/.test(r)?r:`${r}*`)",
        r".map(r=>/(^[+-]|[~^]\d+$)/.test(r)?r:`${r} ${r}*`)",
        "query terms keep their stemmed form beside the prefix form",
    ),
    Patch(
        "assets/javascripts/workers/search.*.min.js",
        "let f=he(r,Object.keys(u.metadata))",
        "let f=he(r,Object.keys(u.metadata),this.index.pipeline)",
        "a term's stem counts as the term when the results mark what is missing (7)",
    ),
    Patch(
        "assets/javascripts/workers/search.*.min.js",
        "function he(t,e){var i;let r=new Set(t),n={};for(let s=0;s<e.length;s++)"
        "for(let o of r)e[s].startsWith(o.term)&&(n[o.term]=!0,r.delete(o));",
        "function he(t,e,p){var i;let r=new Set(t),n={};for(let s=0;s<e.length;s++)"
        "for(let o of r)(e[s].startsWith(o.term)||!!p&&p.runString(o.term).some(k=>k&&e[s].startsWith(k)))"
        "&&(n[o.term]=!0,r.delete(o));",
        "a term is found when a matched word begins with the term or its stem (7)",
    ),
    Patch(
        "assets/javascripts/bundle.*.min.js",
        'function kt(e){return En(new URL("sitemap.xml",e)).pipe(m(t=>ds(t,new URL(e))),ve(()=>$(new Map)),le())}',
        "function kt(e){return $(new Map)}",
        "no sitemap.xml requests (no instant navigation, no alternate sitemaps)",
    ),
    Patch(
        "assets/javascripts/bundle.*.min.js",
        'L($(location.protocol!=="file:"),Je("search"))',
        'L($(!1),Je("search"))',
        "the search index is fetched when the search opens",
    ),
    Patch(
        "assets/javascripts/bundle.*.min.js",
        'V("search.highlight")?Ai(e,{index$:zi,location$:Kt}):y',
        'V("search.highlight")&&new URL(location.href).searchParams.has("h")?Ai(e,{index$:zi,location$:Kt}):y',
        "highlighting fetches the index only when there is something to highlight",
    ),
    Patch(
        "assets/javascripts/bundle.*.min.js",
        "function Mn(e,t=new Worker(e)){",
        f"function Mn(e,t={LAZY_WORKER}){{",
        "the search worker starts with its first message",
    ),
    Patch(
        "assets/javascripts/bundle.*.min.js",
        'h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document))',
        'document.readyState!=="loading"?e.next(document):'
        'h(document,"DOMContentLoaded",{once:!0}).subscribe(()=>e.next(document))',
        "Material starts when it is loaded after the document (patch 5)",
    ),
)

# Patch 5: the loader that replaces Material's <script src=bundle>. It keeps the URL the
# template wrote (relative, so it works under any path and from file://).
LAZY_EVENTS = ("pointerover", "pointerdown", "touchstart", "keydown", "focusin")
LAZY_LOADER = (
    "(function(){{var d=document,w=window,t={events},done=0;"
    "function go(){{if(done)return;done=1;t.forEach(function(n){{w.removeEventListener(n,go,!0)}});"
    "var s=d.createElement('script');s.src='{src}';"
    "s.onload=function(){{setTimeout(function(){{"
    "d.querySelectorAll(':hover').forEach(function(e){{e.dispatchEvent(new MouseEvent('mouseenter'))}});"
    "var a=d.activeElement;if(a&&a!==d.body){{"
    "if(a.matches(':focus-visible'))d.dispatchEvent(new KeyboardEvent('keydown',{{key:'Tab'}}));"
    "a.dispatchEvent(new FocusEvent('focus'))}}}},50)}};"
    "d.body.appendChild(s)}}"
    "if(/[?&]h=/.test(location.search))go();"
    "else t.forEach(function(n){{w.addEventListener(n,go,{{capture:!0,passive:!0}})}})}})()"
)


class PatchError(RuntimeError):
    pass


def apply(site_dir: Path) -> list[str]:
    """Patch the built files under `site_dir`; return the files patched. Files already
    patched are left as they are; a file without the expected text is an error."""
    done = []
    for patch in PATCHES:
        for path in sorted(site_dir.glob(patch.glob)):
            text = path.read_text(encoding="utf-8")
            if patch.new in text:
                continue
            if text.count(patch.old) != 1:
                raise PatchError(
                    f"{path}: expected Material's code «{patch.old[:60]}…» once "
                    f"({patch.why}); found it {text.count(patch.old)} times. "
                    "Review publication/render/theme.py for this Material version."
                )
            path.write_text(text.replace(patch.old, patch.new), encoding="utf-8")
            done.append(str(path))
    return done


def html_toggles(html: str, where: str) -> str:
    """A page's HTML with Material's checkbox toggles valid (patch 4)."""
    pattern = re.compile(
        r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">'
    )
    fixed, count = pattern.subn(r"\1>", html)
    if count != 2 and "md-toggle" in html:
        raise PatchError(
            f'{where}: expected Material\'s two checkbox toggles with autocomplete="off"; '
            f"found {count}. Review publication/render/theme.py for this Material version."
        )
    return fixed


HEADER_LONG_CLASS = "md-header__long"
TITLE_DASH = " – "


def short_header_title(html: str, site_name: str, where: str) -> str:
    """A page's HTML with the header's site name split at its dash (patch 8): the words
    before it in a span of their own (`HEADER_LONG_CLASS`), which a narrow screen hides.
    A name without a dash stays as it is."""
    import html as html_lib

    from markupsafe import escape

    if TITLE_DASH not in site_name or 'class="md-header' not in html:
        return html  # a name without a dash, or a page without Material's header
    # as the template writes it: raw (MkDocs' Jinja does not escape), or escaped
    forms = dict.fromkeys((site_name, html_lib.escape(site_name, quote=False), str(escape(site_name))))
    pattern = re.compile(
        r'(<div class="md-header__topic">\s*<span class="md-ellipsis">\s*)(' + "|".join(map(re.escape, forms)) + ")"
    )

    def split(m: re.Match) -> str:
        head, _, tail = m.group(2).rpartition(TITLE_DASH)  # the last part names the section
        return f'{m.group(1)}<span class="{HEADER_LONG_CLASS}">{head}{TITLE_DASH}</span>{tail}'

    fixed, count = pattern.subn(split, html, count=1)
    if count != 1:
        raise PatchError(
            f"{where}: expected the header's site name '{site_name}' in Material's header topic; found none. "
            "Review publication/render/theme.py for this Material version."
        )
    return fixed


def lazy_scripts(scripts: str) -> str:
    """The template's scripts block with Material's bundle loaded on first use (patch 5);
    the other scripts stay as they are."""
    tag = re.search(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>', scripts)
    if tag is None:
        raise PatchError(
            "expected Material's <script src=…/bundle.….min.js> in the scripts block; "
            "review publication/render/theme.py for this Material version."
        )
    loader = LAZY_LOADER.format(
        events=json.dumps(list(LAZY_EVENTS), separators=(",", ":")), src=tag["src"].replace("'", "%27")
    )
    return scripts[: tag.start()] + f"<script>{loader}</script>" + scripts[tag.end() :]


def prune_search_languages(site_dir: Path, languages: list[str]) -> int:
    """Remove the Lunr language files search never loads for `languages` (Material
    ships all of them, about 1.4 MB; the search worker loads lunr.stemmer.support,
    lunr.multi and lunr.<lang> for each language but English, and the Japanese, Hindi
    and Thai segmenters only for those languages). Returns how many files went."""
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    if not lunr.is_dir():
        return 0
    keep = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"}
    keep |= {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    if "ja" in languages:
        keep.add("tinyseg.js")
    if {"hi", "th"} & set(languages):
        keep.add("wordcut.js")
    removed = 0
    for path in sorted(lunr.rglob("*")):
        if path.is_file() and path.relative_to(lunr).as_posix() not in keep:
            path.unlink()
            removed += 1
    return removed


def remove_source_maps(site_dir: Path) -> int:
    """Remove Material's source maps from the built assets, and from each script the
    comment that names its map. They serve only developers' tools, describe Material's
    scripts as they were before the patches above, and were 1.3 MB of the site and 40 %
    of the offline bundle (280 of 716 KiB). Returns how many maps went."""
    assets = site_dir / "assets"
    removed = 0
    for source_map in sorted(assets.rglob("*.map")) if assets.is_dir() else []:
        mapped = source_map.with_suffix("")  # bundle.<hash>.min.js for bundle.<hash>.min.js.map
        if mapped.is_file():
            data = mapped.read_bytes()
            comment = re.compile(rb"\n?//# sourceMappingURL=" + re.escape(source_map.name.encode()) + rb"\s*\Z")
            if comment.search(data):
                mapped.write_bytes(comment.sub(b"\n", data))
        source_map.unlink()
        removed += 1
    return removed
