"""Machine-readable metadata of every page, from the data: schema.org JSON-LD (the
section as a work that `isBasedOn` the Kamerstuk, which is an `exampleOfWork` of the
plan whose later version (the strengthened plan) is its `workExample`; each English page
a `translationOfWork` of its Dutch counterpart; a section's follow-ups its `comment`s,
each about its sentence) and Open Graph tags.

`page_metadata(...)` is a plain function; the MkDocs hook passes it the page's facts
and the template writes what it returns into the page's head.
"""

from __future__ import annotations

import datetime as dt
import json

from publication import DEFAULT_LANGUAGE
from publication.model.references import Bibliography
from publication.render.history import later_work

OG_LOCALE = {"nl": "nl_NL", "en": "en_GB"}


def _url(site_url: str, path: str, relative: str) -> str:
    """An absolute URL when the site's address is known, else `relative` (resolved
    against the page itself, as JSON-LD and browsers do)."""
    return site_url.rstrip("/") + "/" + path.lstrip("/") if site_url else relative


def page_metadata(
    *,
    lang: str,
    title: str,
    description: str,
    path: str,
    counterparts: dict[str, tuple[str, str]],
    section: bool,
    site_name: str,
    publisher: str,
    site_url: str,
    edition: dt.date,
    bib: Bibliography,
    comments: list[dict] | None = None,
) -> dict:
    """{'jsonld': the JSON-LD text, 'og': [(property, content), ...]} for one page.
    `path` is the page's URL path from the site root ('en/daderaanpak/'),
    `counterparts` maps each other language to (its path, its URL relative to this page);
    `comments`: a section's follow-ups as schema.org Comments about its sentences
    (render/followup_notes.py, `jsonld`)."""
    me = _url(site_url, path, "./")
    doc = bib.document
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork" if section else "WebPage",
        "@id": me,
        "url": me,
        "name": title,
        "description": description,
        "inLanguage": lang,
        "datePublished": edition.isoformat(),
        "dateModified": edition.isoformat(),
        "publisher": {"@type": "Organization", "name": publisher},
        "isPartOf": {
            "@type": "WebSite",
            "name": site_name,
            "url": _url(site_url, "" if lang == DEFAULT_LANGUAGE else f"{lang}/", ""),
        },
    }
    if section:
        data["isBasedOn"] = {
            "@type": "CreativeWork",
            "@id": doc.url,
            "url": doc.url,
            "name": (doc.title or doc.subject or {}).get("nl") or doc.formal_citation(),
            "identifier": doc.formal_citation(),
            "datePublished": doc.date.isoformat(),
            "inLanguage": "nl",
        }
        # The plan's later version: the plan and the strengthened plan as two versions
        # (workExample) of one work (exampleOfWork), from the history's data.

        work = later_work(bib)
        if work:
            data["isBasedOn"]["exampleOfWork"] = work
    for other, (other_path, relative) in sorted(counterparts.items()):
        ref = {"@id": _url(site_url, other_path, relative), "inLanguage": other}
        if lang == DEFAULT_LANGUAGE:
            data.setdefault("workTranslation", []).append(ref)
        elif other == DEFAULT_LANGUAGE:
            data["translationOfWork"] = ref
    if comments:
        data["comment"] = comments
        data["commentCount"] = len(comments)
    if not data["isPartOf"]["url"]:
        del data["isPartOf"]["url"]
    text = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=False)
    # a home page shared is the publication, not "About this publication"
    home = path in ("", f"{lang}/")
    og = [
        ("og:type", "article" if section else "website"),
        ("og:title", site_name if home else title),
        ("og:description", description),
        ("og:site_name", site_name),
        ("og:locale", OG_LOCALE.get(lang, lang)),
    ]
    og += [("og:locale:alternate", OG_LOCALE.get(other, other)) for other in sorted(counterparts)]
    if site_url:
        og.append(("og:url", me))
    # "</" cannot close the script element it stands in.
    return {"jsonld": text.replace("</", "<\\/"), "og": og}
