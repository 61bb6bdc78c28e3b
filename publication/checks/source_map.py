"""Findings on a built page, moved to the Markdown the editor wrote: the built page's
source page (site/en/accessibility/index.html -> docs/en/accessibility.md) and the line
there of the link (its text `[…]`, else its address). A finding about something no page
wrote (the theme's markup, a placeholder's output) keeps the built page's place, with
the source page named beside it."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from publication import DEFAULT_LANGUAGE
from publication.model.findings import Finding
from publication.model.publication import Publication

ANCHOR_RE = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.S)
HREF_RE = re.compile(r'\bhref="(?P<href>[^"]*)"')
TAG_RE = re.compile(r"<[^>]+>")


def source_page(project: Publication, built: str) -> Path | None:
    """docs/<lang>/<page>.md of a built page named 'site/<…>.html', if there is one."""
    rel = built.removeprefix("site/")
    if not rel.endswith(".html"):
        return None
    parts = rel.split("/")
    lang = parts[0] if parts[0] in project.languages and parts[0] != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE
    if lang != DEFAULT_LANGUAGE:
        parts = parts[1:]
    path = "/".join(parts)
    stem = path.removesuffix("index.html").rstrip("/") if path.endswith("index.html") else path.removesuffix(".html")
    md = project.docs / lang / f"{stem or 'index'}.md"
    return md if md.is_file() else None


def _candidates(href: str, text: str) -> list[str]:
    """What the Markdown line of a link holds, most telling first: its address as
    written (a page link as `page.md#anchor`), its text in brackets, the text alone."""
    out = []
    url = html.unescape(href)
    if "://" in url or url.startswith("mailto:"):
        out.append(url)
        stem = posixpath.splitext(posixpath.basename(urlsplit(url).path))[0]
        if len(stem) > 6:  # a placeholder names it: [[cite:kst-28638-233]]
            out.append(f":{stem}]]")
    elif url:
        path, _, fragment = url.partition("#")
        name = posixpath.basename(path.rstrip("/")) if path.strip("./") else ""
        if name:
            out.append(f"{name}.md" + (f"#{fragment}" if fragment else ""))
            out.append(f"{name}.md")
        if fragment:
            out.append(f"#{fragment}")
    if text:
        out += [f"[{text}]", text]
    return out


def locate(project: Publication, site: Path, finding: Finding) -> Finding:
    """`finding` at its Markdown source when it is on a built page and the page's
    Markdown holds the link it is about; else as it was."""
    md = source_page(project, finding.file)
    if md is None or not finding.line:
        return finding
    try:
        built_lines = (site / finding.file.removeprefix("site/")).read_text(encoding="utf-8").split("\n")
        md_lines = md.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    except OSError:
        return finding
    first = built_lines[finding.line - 1] if finding.line <= len(built_lines) else ""
    chunk = "\n".join(built_lines[finding.line - 1 : finding.line + 30])  # a link may span lines
    anchors = [
        (
            h["href"] if (h := HREF_RE.search(m["attrs"])) else "",
            " ".join(html.unescape(TAG_RE.sub("", m["text"])).split()),
        )
        for m in ANCHOR_RE.finditer(chunk)
        if m.start() < len(first)
    ]
    if not anchors:
        return finding
    about = f"{finding.expected} {finding.found}"
    href, text = next(((h, t) for h, t in anchors if h and (h in about or html.unescape(h) in about)), anchors[0])
    for wanted in _candidates(href, text):
        for n, md_line in enumerate(md_lines, start=1):
            if wanted in md_line:
                return replace(finding, file=project.rel(md), line=n)
    return finding


def locate_all(project: Publication, site: Path, findings: list[Finding]) -> list[Finding]:
    return [locate(project, site, f) for f in findings]
