"""Each language searches its own pages.

mkdocs-static-i18n builds every language into one search index (`search/search_index.json`
at the site root), and Material's search on every page loads the index at its
`__config.base`, the site root: a Dutch search listed English pages and an English
search Dutch ones. After the build, the combined index is split by language:

- each index stems its own language (its `config.lang` is that language alone);
- the default language keeps `search/search_index.json` at the site root, with its own
  entries only;
- every other language gets `<lang>/search/search_index.json` with its entries, their
  locations relative to its folder (`en/daderaanpak/#preventie` → `daderaanpak/#preventie`);
- when the offline plugin wrote `search/search_index.js` (the index inlined for
  file://), every language gets its own inlined copy too.

The pages of a non-default language point Material at their language's folder: the
`base` of their `__config` (which Material uses only to load the search index and to
resolve the results' links; this site has no versions and no instant navigation) is the
language's folder, not the site root (`language_base`); so does the 404 page of a
non-default language, whose rooted base ("/", served at any path) gains the language's
folder ("/en/", `not_found_base`).

Plain functions on files and text; the MkDocs hooks call them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

INDEX = Path("search") / "search_index.json"
INLINED = Path("search") / "search_index.js"
CONFIG_BASE_RE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": ")([^"]*)(")')


class SearchIndexError(RuntimeError):
    pass


def entry_language(location: str, languages: list[str], default: str) -> str:
    """The language of an index entry, from its location (`en/…` is English)."""
    first = re.split(r"[/#]", location, maxsplit=1)[0]
    return (
        first if first in languages and first != default and location[len(first) :][:1] in ("/", "#", "") else default
    )


def split_index(site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
    """Split the site's combined search index into one index per language (see the
    module's docstring). Returns the number of entries written per language. A language
    with no entry in the combined index keeps the index it has (the split can run after
    each language's build: the last run, on the combined index, decides)."""
    path = site_dir / INDEX
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    by_language: dict[str, list[dict]] = {code: [] for code in languages}
    for doc in data.get("docs", []):
        code = entry_language(doc["location"], languages, default)
        if code != default:
            doc = {**doc, "location": doc["location"][len(code) :].lstrip("/")}
        by_language[code].append(doc)
    inlined = (site_dir / INLINED).is_file()
    written = {}
    for code, docs in by_language.items():
        if code != default and not docs:
            continue
        folder = site_dir if code == default else site_dir / code
        # Each language's index stems its own language only.
        config = {**data.get("config", {})}
        if code in config.get("lang", []):
            config["lang"] = [code]
        text = json.dumps({**data, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        (folder / INDEX).parent.mkdir(parents=True, exist_ok=True)
        (folder / INDEX).write_text(text, encoding="utf-8")
        if inlined:
            (folder / INLINED).write_text(f"var __index = {text}", encoding="utf-8")
        written[code] = len(docs)
    return written


def language_base(html: str, dest_uri: str, lang: str, default: str) -> str:
    """A page of a non-default language with Material's `__config.base` at its language's
    folder (so that it loads that language's search index); other pages unchanged."""
    if lang == default or "__config" not in html:
        return html
    match = CONFIG_BASE_RE.search(html)
    if match is None:
        raise SearchIndexError(
            f"{dest_uri}: expected Material's __config with a base; "
            "review publication/render/search_index.py for this Material version."
        )
    if not dest_uri.startswith(f"{lang}/"):
        return html  # a page outside the language's folder (the 404 page at the root)
    base = "../" * (dest_uri.count("/") - 1) or "./"
    return html[: match.start(2)] + base + html[match.end(2) :]


def not_found_base(html: str, lang: str, default: str) -> str:
    """The 404 page of a non-default language with Material's `__config.base` at its
    language's folder: the page is served at any path under it, so its base is rooted
    ("/" or the site's path), and becomes "/en/"; the default language's is unchanged."""
    if lang == default or "__config" not in html:
        return html
    match = CONFIG_BASE_RE.search(html)
    if match is None:
        raise SearchIndexError(
            "404.html: expected Material's __config with a base; "
            "review publication/render/search_index.py for this Material version."
        )
    base = match.group(2)
    if not base.startswith("/"):
        raise SearchIndexError(f"404.html: expected a rooted base, found {base!r}")
    return html[: match.start(2)] + base.rstrip("/") + f"/{lang}/" + html[match.end(2) :]
