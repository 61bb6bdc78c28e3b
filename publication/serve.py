"""Serving dist/site/ with nginx: the Content-Security-Policy with the hashes of the
build's inline scripts, pre-compressed copies of the text files (brotli and gzip),
and the nginx configuration filled in from deploy/nginx/."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from pathlib import Path

from . import ROOT

TEMPLATES = ROOT / "deploy" / "nginx"
CONF_NAME = "samen-tegen-mensenhandel.conf"
HEADERS_NAME = "samen-tegen-mensenhandel-headers.conf"
DEFAULT_ROOT = "/var/www/samen-tegen-mensenhandel"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}
MIN_SIZE = 256  # bytes: smaller files are sent as they are

SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
NON_JS_TYPE_RE = re.compile(r'\btype="(?!text/javascript|module)[^"]+"', re.I)


def inline_script_hashes(site: Path) -> list[str]:
    """'sha256-…' of every inline script any page runs (JSON data blocks excluded)."""
    hashes = set()
    for page in site.rglob("*.html"):
        for m in SCRIPT_RE.finditer(page.read_text(encoding="utf-8")):
            if "src=" in m["attrs"] or NON_JS_TYPE_RE.search(m["attrs"]):
                continue
            digest = hashlib.sha256(m["body"].encode("utf-8")).digest()
            hashes.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return sorted(hashes)


def content_security_policy(site: Path) -> str:
    scripts = " ".join(f"'{h}'" for h in inline_script_hashes(site))
    return "; ".join([
        "default-src 'none'",
        f"script-src 'self' {scripts}".strip(),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def precompress(site: Path) -> int:
    """Write name.gz and name.br beside every compressible file; return how many."""
    from concurrent.futures import ThreadPoolExecutor

    import brotli

    def one(path: Path) -> None:
        data = path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))

    files = [p for p in sorted(site.rglob("*"))
             if p.is_file() and p.suffix in COMPRESSIBLE and p.stat().st_size >= MIN_SIZE]
    with ThreadPoolExecutor(max_workers=2) as pool:  # the compressors release the GIL
        list(pool.map(one, files))
    return len(files)


def nginx_config(site: Path, listen: str = "80", root: str = DEFAULT_ROOT,
                 headers_path: str | None = None) -> tuple[str, str]:
    """(server configuration, security-headers snippet) for `site`, whose inline
    scripts give the CSP. `headers_path` is where the snippet will be on the server."""
    headers = (TEMPLATES / "headers.conf").read_text(encoding="utf-8").replace("@CSP@", content_security_policy(site))
    server = (TEMPLATES / "site.conf").read_text(encoding="utf-8")
    server = server.replace("@LISTEN@", listen).replace("@ROOT@", root)
    server = server.replace("@HEADERS@", headers_path or f"/etc/nginx/snippets/{HEADERS_NAME}")
    return server, headers


def write_nginx_config(site: Path, out_dir: Path) -> None:
    """dist/nginx/: the server configuration and its headers, ready to install."""
    out_dir.mkdir(parents=True, exist_ok=True)
    server, headers = nginx_config(site)
    (out_dir / CONF_NAME).write_text(server, encoding="utf-8")
    (out_dir / HEADERS_NAME).write_text(headers, encoding="utf-8")
