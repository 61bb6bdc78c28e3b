"""Serving dist/site/ with nginx: the Content-Security-Policy with the hashes of the
build's inline scripts, pre-compressed copies of the text files (brotli and gzip),
and the nginx configuration filled in from deploy/nginx/."""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import re
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from publication import ROOT

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


def nginx_config(site: Path, listen: str = "80", root: str = DEFAULT_ROOT) -> tuple[str, str]:
    """(server configuration, security-headers snippet) for `site`, whose inline
    scripts give the CSP; the server includes the snippet from /etc/nginx/snippets/."""
    headers = (TEMPLATES / "headers.conf").read_text(encoding="utf-8").replace("@CSP@", content_security_policy(site))
    server = (TEMPLATES / "site.conf").read_text(encoding="utf-8")
    server = server.replace("@LISTEN@", listen).replace("@ROOT@", root)
    server = server.replace("@HEADERS@", f"/etc/nginx/snippets/{HEADERS_NAME}")
    return server, headers


def write_nginx_config(site: Path, out_dir: Path) -> None:
    """dist/nginx/: the server configuration and its headers, ready to install."""
    out_dir.mkdir(parents=True, exist_ok=True)
    server, headers = nginx_config(site)
    (out_dir / CONF_NAME).write_text(server, encoding="utf-8")
    (out_dir / HEADERS_NAME).write_text(headers, encoding="utf-8")


NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_nginx(site: Path, conf_dir: Path, work: Path, port: int | None = None):
    """Debian's nginx on 127.0.0.1 serving `site` with the configuration that publish
    wrote into `conf_dir` (only its address, root and snippet path changed); yields
    the base URL. Used by the tests and the benchmark."""
    if not Path(NGINX).exists():
        raise RuntimeError("Debian's nginx is missing: apt-get install nginx libnginx-mod-http-brotli-static")
    work.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    conf = (conf_dir / CONF_NAME).read_text(encoding="utf-8")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
    conf = conf.replace(f"root {DEFAULT_ROOT};", f"root {site};")
    conf = conf.replace(f"/etc/nginx/snippets/{HEADERS_NAME}", str(conf_dir / HEADERS_NAME))
    (work / "site.conf").write_text(conf, encoding="utf-8")
    temp = "\n".join(f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""{user}
load_module {BROTLI_MODULE};
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 256; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
{temp}
  include {work}/site.conf;
}}
""", encoding="utf-8")
    proc = subprocess.Popen([NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                    raise RuntimeError(f"nginx did not start: {log}") from None
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
