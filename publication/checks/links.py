"""Links, on the built HTML of both languages:

- every id stands once on its page;
- every internal link and every fragment (#fn:36, heading anchors) resolves;
- every page has its counterpart in the other language and the selector points to it;
- each Kamerstuk citation's text and its URL agree (the dossier and number of
  "Kamerstuk 28 741, nr. 106" are the ones in the link);
- external links go only to the allowed hosts of data/external-links.yml, over https;
  no link names a javascript:/vbscript:/data: address (model/policy.py), whatever door
  it came through.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from publication.checks import site_html as html_mod
from publication.model import datafiles, policy
from publication.model import references as refs_mod
from publication.model.findings import Finding

CHECK = "links"
SKIP_SCHEMES = ("mailto", "tel")


# A 404 page is served at any path, so its links are rooted ("/en/"), as MkDocs makes them.
def absolute_ok(rel: str) -> bool:
    return rel == "404.html" or rel.endswith("/404.html")


def built_pages(site: Path) -> dict[str, html_mod.HtmlPage]:
    return {p.relative_to(site).as_posix(): html_mod.read(p) for p in sorted(site.rglob("*.html"))}


def resolve(site: Path, page_rel: str, href: str) -> tuple[str | None, str]:
    """(the file a relative href reaches, relative to the site, or None; the fragment)."""
    parts = urlsplit(href)
    fragment = unquote(parts.fragment)
    if not parts.path:
        return page_rel, fragment
    target = resolve_path(page_rel, href)
    if target.startswith("../") or target == "..":
        return None, fragment
    candidate = site / target
    if candidate.is_dir() or parts.path.endswith("/"):
        target = posixpath.join(target, "index.html") if target != "." else "index.html"
    return (target if (site / target).is_file() else None), fragment


def resolve_path(page_rel: str, href: str) -> str:
    """The site path a relative href names, whether or not it exists."""
    path = unquote(urlsplit(href).path)
    base = "" if path.startswith("/") else posixpath.dirname(page_rel)
    return posixpath.normpath(posixpath.join(base, path.lstrip("/")))


def allowed_hosts(data: Path) -> dict[str, str]:

    return datafiles.load(data / "external-links.yml", datafiles.SHAPES["external-links.yml"])["allowed_hosts"]


def language_of(rel: str, languages: tuple[str, ...], default: str) -> str:
    first = rel.split("/", 1)[0]
    return first if first in languages and first != default else default


def counterpart(rel: str, lang: str, other: str, default: str) -> str:
    bare = rel[len(lang) + 1 :] if lang != default else rel
    return bare if other == default else f"{other}/{bare}"


def check_site(
    site: Path,
    data: Path,
    languages: tuple[str, ...] = ("nl", "en"),
    default: str = "nl",
    pages: dict[str, html_mod.HtmlPage] | None = None,
    pending: set[str] = frozenset(),
) -> list[Finding]:
    """All the link findings of a built site. `pending` are site paths that publishing
    adds after the checks (the downloads); links to them count as resolved."""
    pages = pages if pages is not None else built_pages(site)
    hosts = allowed_hosts(data)
    findings: list[Finding] = []
    name = lambda rel: f"site/{rel}"  # noqa: E731

    for rel, page in pages.items():
        # One element per id: a second makes its links and permalinks ambiguous.
        for ident, line, first in page.duplicate_ids:
            findings.append(
                Finding(
                    name(rel),
                    line,
                    f'an id used once on the page (id="{ident}" is on line {first})',
                    f'a second id="{ident}"',
                    CHECK,
                )
            )
        # Internal links and fragments; external hosts.
        for a in page.anchors:
            href = a.href.strip()
            parts = urlsplit(href)
            active = policy.active_address(href)
            if active:  # whatever door it came through: a page, the data, a template
                findings.append(
                    Finding(name(rel), a.line, "no active address (model/policy.py)", f"{active}: {href[:60]}", CHECK)
                )
                continue
            if parts.scheme.lower() in SKIP_SCHEMES:
                continue
            if parts.scheme or href.startswith("//"):
                problem = policy.address_problem(href if parts.scheme else "https:" + href, hosts)
                if problem:
                    found = href if problem.startswith("a link to the host") else f"{href} ({problem})"
                    expected = "a link to an allowed host (data/external-links.yml)"
                    findings.append(Finding(name(rel), a.line, expected, found, CHECK))
                continue
            if href.startswith("/") and not absolute_ok(rel):
                findings.append(
                    Finding(name(rel), a.line, "a relative link (the site may live under a sub-path)", href, CHECK)
                )
                continue
            target, fragment = resolve(site, rel, href)
            if target is None and resolve_path(rel, href) in pending:
                continue
            if target is None:
                findings.append(
                    Finding(name(rel), a.line, "a link to a page of the site", f"{href} (no such page)", CHECK)
                )
                continue
            if fragment and target in pages and fragment not in pages[target].ids:
                findings.append(
                    Finding(name(rel), a.line, f"an anchor #{fragment} on {target}", f"{href} (no such anchor)", CHECK)
                )
        for tag, url, line in page.resources:
            if urlsplit(url).scheme or url.startswith("//"):
                findings.append(
                    Finding(name(rel), line, "no resource loaded from another host", f"<{tag}> {url}", CHECK)
                )
            elif resolve(site, rel, url)[0] is None:
                findings.append(
                    Finding(name(rel), line, "a resource that ships with the site", f"<{tag}> {url} (missing)", CHECK)
                )

        # Kamerstuk citations and their URLs.
        for a in page.anchors:
            m = refs_mod.CITATION_RE.search(a.text)
            u = refs_mod.KST_URL_RE.match(a.href)
            if m and u:
                cited = (refs_mod.parse_dossier(m["dossier"]), m["number"])
                linked = (u["dossier"], u["number"])
                if cited != linked:
                    citation = " ".join(m.group(0).split())  # the page's no-break spaces as spaces
                    findings.append(
                        Finding(
                            name(rel), a.line, f"the link of '{citation}' to kst-{cited[0]}-{cited[1]}", a.href, CHECK
                        )
                    )
            elif m and urlsplit(a.href).hostname == urlsplit(refs_mod.OFFICIAL_SITE).hostname:
                findings.append(
                    Finding(
                        name(rel), a.line, f"'{' '.join(m.group(0).split())}' linked to its kst- page", a.href, CHECK
                    )
                )
            elif u and "Kamerstuk" in a.text and not m:
                findings.append(
                    Finding(
                        name(rel),
                        a.line,
                        "a well-formed citation like 'Kamerstuk 28 741, nr. 106'",
                        f"'{a.text}'",
                        CHECK,
                    )
                )

    # Counterparts and the language selector, on content pages (those with a selector).
    for rel, page in pages.items():
        selector = page.links("md-select__link")
        if not selector or absolute_ok(rel):
            continue
        lang = language_of(rel, languages, default)
        if page.lang != lang:
            findings.append(Finding(name(rel), 2, f'<html lang="{lang}">', f'lang="{page.lang}"', CHECK))
        for other in languages:
            if other == lang:
                continue
            expected = counterpart(rel, lang, other, default)
            if expected not in pages:
                findings.append(Finding(name(rel), 0, f"its counterpart site/{expected}", "no such page", CHECK))
                continue
            links = [a for a in selector if a.hreflang == other]
            reached = resolve(site, rel, links[0].href)[0] if links else None
            if reached != expected:
                line = links[0].line if links else 0
                findings.append(
                    Finding(
                        name(rel),
                        line,
                        f"the language selector's '{other}' link to {expected}",
                        reached or (links[0].href if links else "no link"),
                        CHECK,
                    )
                )
    return findings
