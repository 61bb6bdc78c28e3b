"""External links over the network (only with `publish.py check --online`).

Concurrent, with a minimum interval between requests to one host, retries with
exponential back-off, redirects followed and reported. 404 and 410 are broken links
(errors); 429, 5xx, other 4xx and time-outs are "could not verify" (warnings), never
"broken". Definite results are cached with a maximum age, so a second run within it
makes no requests.
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from publication.model import datafiles
from publication.model.findings import Finding, Say, key_line
from publication.model.references import OFFICIAL_SITE, format_dossier, kamerstuk_url, session_of

CHECK = "external-links"
USER_AGENT = "samen-tegen-mensenhandel-linkcheck/1.0 (+publication verification)"


@dataclass
class Options:
    timeout: float = 15.0
    retries: int = 2  # further tries after the first
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    host_interval: float = 1.0  # seconds between two requests to one host
    workers: int = 8
    cache_file: Path | None = None
    cache_max_age: float = 24 * 3600.0


@dataclass
class Result:
    url: str
    verdict: str  # ok | redirect | broken | unverified
    status: int | None = None
    final_url: str | None = None
    detail: str = ""
    from_cache: bool = False


class HostPacer:
    """At most one request per host per `interval` seconds."""

    def __init__(self, interval: float):
        self.interval = interval
        self.lock = threading.Lock()
        self.next_time: dict[str, float] = {}

    def wait(self, host: str) -> None:
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_time.get(host, now))
            self.next_time[host] = slot + self.interval
        delay = slot - time.monotonic()
        if delay > 0:
            time.sleep(delay)


def fetch_once(url: str, timeout: float) -> tuple[int | None, str | None, str]:
    """(HTTP status, final URL, error text)."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT}, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.geturl(), ""
    except urllib.error.HTTPError as err:
        return err.code, err.geturl(), ""
    except TimeoutError:
        return None, None, "timed out"
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            return None, None, "timed out"
        return None, None, str(reason)
    except (ConnectionError, OSError) as err:
        return None, None, str(err)


def check_url(url: str, options: Options, pacer: HostPacer) -> Result:
    host = urlsplit(url).hostname or ""
    delay = options.backoff
    status = final = None
    error = ""
    for attempt in range(options.retries + 1):
        pacer.wait(host)
        status, final, error = fetch_once(url, options.timeout)
        if status is not None and (
            200 <= status < 300 or status in (404, 410) or (400 <= status < 500 and status != 429)
        ):
            break
        if attempt < options.retries:
            time.sleep(delay)
            delay *= 2
    tries = f"after {options.retries + 1} tries"
    if status is not None and 200 <= status < 300:
        if final and final != url:
            return Result(url, "redirect", status, final, f"redirected to {final}")
        return Result(url, "ok", status, final)
    if status in (404, 410):
        return Result(url, "broken", status, final, f"HTTP {status}")
    if status == 429:
        return Result(url, "unverified", status, final, f"could not verify: HTTP 429 (too many requests) {tries}")
    if status is not None:
        return Result(url, "unverified", status, final, f"could not verify: HTTP {status} {tries}")
    return Result(url, "unverified", None, None, f"could not verify: {error} {tries}")


def load_cache(path: Path | None, max_age: float) -> dict:
    if not path or not path.is_file():
        return {}
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    now = time.time()
    return {url: entry for url, entry in raw.items() if now - entry.get("checked", 0) <= max_age}


def save_cache(path: Path | None, cache: dict) -> None:
    if not path:
        return
    datafiles.write_text(path, json.dumps(cache, indent=1, sort_keys=True))


def check_all(urls: list[str], options: Options, say: Say | None = None) -> dict[str, Result]:
    cache = load_cache(options.cache_file, options.cache_max_age)
    results: dict[str, Result] = {}
    todo = []
    for url in urls:
        entry = cache.get(url)
        if entry:
            results[url] = Result(
                url,
                entry["verdict"],
                entry.get("status"),
                entry.get("final_url"),
                entry.get("detail", ""),
                from_cache=True,
            )
        else:
            todo.append(url)
    if say and todo:
        say(f"Checking {len(todo)} external link(s) online ({len(results)} from the cache) ...")
    pacer = HostPacer(options.host_interval)
    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        for result in pool.map(lambda u: check_url(u, options, pacer), todo):
            results[result.url] = result
            if result.verdict in ("ok", "redirect", "broken"):
                cache[result.url] = {
                    "verdict": result.verdict,
                    "status": result.status,
                    "final_url": result.final_url,
                    "detail": result.detail,
                    "checked": time.time(),
                }
    save_cache(options.cache_file, cache)
    return results


def external_links(pages: dict) -> dict[str, list[tuple[str, int]]]:
    """URL -> the places (built page, line) that link to it."""
    out: dict[str, list[tuple[str, int]]] = {}
    for rel, page in pages.items():
        for a in page.anchors:
            if urlsplit(a.href).scheme in ("http", "https"):
                out.setdefault(a.href, []).append((rel, a.line))
    return out


def check_urls(urls: dict[str, list[tuple[str, int]]], options: Options, say: Say | None = None) -> list[Finding]:
    results = check_all(sorted(urls), options, say)
    findings = []
    if urls and all(r.verdict == "unverified" for r in results.values()):
        # Nothing could be looked at (no network): that is no pass.
        detail = next(iter(results.values())).detail
        return [
            Finding(
                "data/external-links.yml",
                0,
                "the external links checked online (--online)",
                f"none of the {len(urls)} could be verified ({detail}); is there a network?",
                CHECK,
            )
        ]
    for url, places in sorted(urls.items()):
        result = results[url]
        if result.verdict == "ok":
            continue
        severity = "error" if result.verdict == "broken" else "warning"
        expected = "a working link" if result.verdict != "redirect" else "a link without a redirect"
        for rel, line in places:
            findings.append(Finding(f"site/{rel}", line, expected, f"{url}: {result.detail}", CHECK, severity))
    return findings


# --- the reference data against the official record ----------------------------------------
#
# A Kamerstuk's page on zoek.officielebekendmakingen.nl says what it is in its own meta
# tags (the metadata of the Officiële Publicaties: DC.identifier, OVERHEIDop.dossiernummer,
# OVERHEIDop.ondernummer, OVERHEIDop.dossiertitel, OVERHEIDop.documenttitel,
# OVERHEIDop.datumBrief, DCTERMS.issued, OVERHEIDop.vergaderjaar). With --online, each
# Kamerstuk of data/references.yml is compared with them; offline the check does not run
# and the check report says so.

REFERENCES_CHECK = "references-online"
HEAD_LIMIT = 256 * 1024  # the head is at the top of the page: read no more than this


def page_metadata(html: bytes | str) -> dict[str, list[str]]:
    """name -> contents of the page's <meta name=… content=…> tags (names as written)."""
    from lxml import html as lxml_html

    if isinstance(html, bytes):
        html = html.decode("utf-8", "replace")
    root = lxml_html.fromstring(html or "<html></html>")
    out: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        name, content = meta.get("name"), meta.get("content")
        if name and content is not None:
            out.setdefault(name, []).append(" ".join(content.split()))
    return out


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold().rstrip(".") == " ".join(b.split()).casefold().rstrip(".")


def compare_reference(ref, meta: dict[str, list[str]], path: Path, rel: str) -> list[Finding]:
    """The findings of one Kamerstuk of the data against the metadata of its page."""

    entry_line = key_line(path, ref.id)

    def finding(key: str, expected: str, found: str) -> Finding:
        return Finding(rel, key_line(path, key, entry_line) or entry_line, expected, found, REFERENCES_CHECK)

    def first(name: str) -> str | None:
        values = meta.get(name)
        return values[0] if values else None

    identifier = f"kst-{ref.dossier}-{ref.number}"
    findings = []
    official = first("DC.identifier")
    if official is None:
        return [
            finding(
                "dossier",
                f"the official page of {identifier} to name itself (DC.identifier)",
                "no DC.identifier meta tag",
            )
        ]
    if official != identifier:
        findings.append(
            finding("dossier", f"the page of {identifier} to be that Kamerstuk", f"DC.identifier {official}")
        )
    dossier, number = first("OVERHEIDop.dossiernummer"), first("OVERHEIDop.ondernummer")
    if dossier is not None and dossier.replace(" ", "") != ref.dossier:
        findings.append(
            finding(
                "dossier",
                f"dossier {format_dossier(ref.dossier)} as the official record has it",
                f"OVERHEIDop.dossiernummer {dossier}",
            )
        )
    if number is not None and number != ref.number:
        findings.append(
            finding("number", f"nr. {ref.number} as the official record has it", f"OVERHEIDop.ondernummer {number}")
        )
    # The date: the letter's own date where the record gives it, else the publication date
    # (a letter is published on or after its date, within a fortnight).
    letter, issued = first("OVERHEIDop.datumBrief"), first("DCTERMS.issued")
    shown = ref.date.isoformat()
    if letter is not None:
        if letter[:10] != shown:
            findings.append(
                finding(
                    "date", f"the date {shown} as the official record's letter date", f"OVERHEIDop.datumBrief {letter}"
                )
            )
    elif issued is not None:
        try:
            published = dt.date.fromisoformat(issued[:10])
        except ValueError:
            published = None
        if published is None or not (published - dt.timedelta(days=14) <= ref.date <= published):
            findings.append(
                finding(
                    "date",
                    f"the date {shown} on or at most 14 days before the official publication date",
                    f"DCTERMS.issued {issued}",
                )
            )
    session = first("OVERHEIDop.vergaderjaar")
    if session is not None and session[:4] != session_of(ref.date)[:4]:
        findings.append(
            finding(
                "date", f"the session {session_of(ref.date)} of the date {shown}", f"OVERHEIDop.vergaderjaar {session}"
            )
        )
    # The titles, where the data gives them (the subject is our own description).
    for key, name in (("dossier_title", "OVERHEIDop.dossiertitel"), ("title", "OVERHEIDop.documenttitel")):
        ours = (getattr(ref, key, None) or {}).get("nl")
        theirs = first(name)
        if ours and theirs is not None and not _same_text(ours, theirs):
            findings.append(finding(key, f"the {key.replace('_', ' ')} «{theirs}» of the official record", f"«{ours}»"))
    return findings


def check_references(project, bib, base: str | None = None, timeout: float = 15.0, fetch=None) -> list[Finding]:
    """Every Kamerstuk of the references against its official page's meta tags. `base`
    replaces the official site's address (tests serve a recorded head on 127.0.0.1)."""

    path = project.data / "references.yml"
    rel = project.rel(path)
    findings = []
    for ref in bib.references.values():
        if ref.kind != "kamerstuk":
            continue
        url = kamerstuk_url(ref.dossier, ref.number)
        if base:
            url = base.rstrip("/") + url[len(OFFICIAL_SITE) :]
        try:
            html = (fetch or _fetch_head)(url, timeout)
        except (urllib.error.URLError, OSError, ValueError) as err:
            findings.append(
                Finding(
                    rel,
                    key_line(path, ref.id),
                    f"the official page of {ref.id} ({url}) to compare the reference with",
                    f"it could not be read ({err})",
                    REFERENCES_CHECK,
                    "warning",
                )
            )
            continue
        findings += compare_reference(ref, page_metadata(html), path, rel)
    return findings


def _fetch_head(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - an http(s) URL of the data
        return response.read(HEAD_LIMIT)
