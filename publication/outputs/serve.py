"""Serving dist/site/ with nginx: the Content-Security-Policy with the hashes of the
build's inline scripts, pre-compressed copies of the text files (brotli and gzip),
and the nginx configuration filled in from deploy/nginx/."""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import html
import http.server
import json
import os
import re
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from publication.model.findings import Finding
from publication.render.theme import LAZY_EVENTS, LAZY_LOADER

TEMPLATES = Path("deploy") / "nginx"  # inside the project
CONF_NAME = "samen-tegen-mensenhandel.conf"
HEADERS_NAME = "samen-tegen-mensenhandel-headers.conf"
DEFAULT_ROOT = "/var/www/samen-tegen-mensenhandel"
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}
MIN_SIZE = 256  # bytes: smaller files are sent as they are

SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
NON_JS_TYPE_RE = re.compile(r'\btype="(?!text/javascript|module)[^"]+"', re.I)


def template_scripts(project: Path) -> list[re.Pattern]:
    """The inline scripts the publication itself writes, as patterns: those of
    Material's templates and of the project's overrides/ (a template expression `{{ … }}` stands for
    any text without quotes or tags) and the loader of Material's script
    (render/theme.py). Known from the templates, never from what a page holds."""
    import material

    bodies = []
    for folder in (Path(material.__file__).parent / "templates", project / "overrides"):
        for template in sorted(folder.rglob("*.html")):
            for m in SCRIPT_RE.finditer(template.read_text(encoding="utf-8")):
                if "src=" not in m["attrs"] and not NON_JS_TYPE_RE.search(m["attrs"]):
                    bodies.append(m["body"])
    patterns = [
        "[^\"'<>\\\n]*".join(re.escape(part) for part in re.split(r"\{\{.*?\}\}", body, flags=re.S)) for body in bodies
    ]
    loader = LAZY_LOADER.format(events=json.dumps(list(LAZY_EVENTS), separators=(",", ":")), src="\0")
    patterns.append("[^\"'<>\\\n]*".join(re.escape(part) for part in loader.split("\0")))
    return [re.compile(p, re.S) for p in patterns]


def page_scripts(site: Path):
    """(page, line, body) of every inline script a built page runs (JSON data blocks
    are not run, so not listed)."""
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for m in SCRIPT_RE.finditer(text):
            if "src=" in m["attrs"] or NON_JS_TYPE_RE.search(m["attrs"]):
                continue
            yield page, text.count("\n", 0, m.start()) + 1, m["body"]


def unknown_scripts(site: Path, project: Path) -> list[Finding]:
    """An inline script in a built page that no template of the publication (the
    project at `project`) writes."""
    known = template_scripts(project)
    return [
        Finding(
            f"site/{page.relative_to(site).as_posix()}",
            line,
            "only the inline scripts the publication's templates write (their hashes make the CSP)",
            f"<script>{body[:60]}…</script>",
            "csp",
        )
        for page, line, body in page_scripts(site)
        if not any(p.fullmatch(body) for p in known)
    ]


def inline_script_hashes(site: Path, project: Path) -> list[str]:
    """'sha256-…' of every inline script of the pages that the publication's templates
    write (an unknown one is a finding of `unknown_scripts`, never hashed)."""
    known = template_scripts(project)
    hashes = set()
    for _page, _line, body in page_scripts(site):
        if any(p.fullmatch(body) for p in known):
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return sorted(hashes)


# What a <meta http-equiv> policy cannot hold (CSP 3, section 3.3): these are sent
# only as the header.
META_UNSUPPORTED = ("frame-ancestors", "report-uri", "report-to", "sandbox")


def content_security_policy(site: Path, project: Path, meta: bool = False) -> str:
    scripts = " ".join(f"'{h}'" for h in inline_script_hashes(site, project))
    directives = [
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
    ]
    if meta:
        directives = [d for d in directives if d.split()[0] not in META_UNSUPPORTED]
    return "; ".join(directives)


CHARSET_META = '<meta charset="utf-8">'


def add_meta_policy(site: Path, project: Path) -> int:
    """Write the policy into every page as `<meta http-equiv="Content-Security-Policy">`
    right after `<meta charset>` (before any script), for hosts that send no headers
    (GitHub Pages); the same policy as nginx's header, less what a meta cannot hold.
    Returns how many pages carry it."""

    policy = html.escape(content_security_policy(site, project, meta=True))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    count = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if CHARSET_META not in text or 'http-equiv="Content-Security-Policy"' in text:
            continue
        page.write_text(text.replace(CHARSET_META, CHARSET_META + tag, 1), encoding="utf-8")
        count += 1
    return count


def precompress(site: Path) -> int:
    """Write name.gz and name.br beside every compressible file; return how many."""

    import brotli

    def one(path: Path) -> None:
        data = path.read_bytes()
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
        path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=11))

    files = [
        p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix in COMPRESSIBLE and p.stat().st_size >= MIN_SIZE
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:  # the compressors release the GIL
        list(pool.map(one, files))
    return len(files)


def nginx_config(site: Path, project: Path, listen: str = "80", root: str = DEFAULT_ROOT) -> tuple[str, str]:
    """(server configuration, security-headers snippet) for `site`, whose inline
    scripts give the CSP, from the templates of the project at `project`; the server
    includes the snippet from /etc/nginx/snippets/."""
    templates = project / TEMPLATES
    policy = content_security_policy(site, project)
    headers = (templates / "headers.conf").read_text(encoding="utf-8").replace("@CSP@", policy)
    server = (templates / "site.conf").read_text(encoding="utf-8")
    server = server.replace("@LISTEN@", listen).replace("@ROOT@", root)
    server = server.replace("@HEADERS@", f"/etc/nginx/snippets/{HEADERS_NAME}")
    return server, headers


def write_nginx_config(site: Path, out_dir: Path, project: Path) -> None:
    """dist/nginx/: the server configuration and its headers, ready to install."""
    out_dir.mkdir(parents=True, exist_ok=True)
    server, headers = nginx_config(site, project)
    (out_dir / CONF_NAME).write_text(server, encoding="utf-8")
    (out_dir / HEADERS_NAME).write_text(headers, encoding="utf-8")


NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"

# Debian's Chromium, for the tests, the screenshots and the benchmark (Playwright and
# Lighthouse cannot download a browser here). Without the background-networking flags it
# keeps trying to reach Google's hosts, which this machine's closed network refuses.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--no-sandbox",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def static_server(folder: Path, handler=None):
    """`folder` over plain HTTP on 127.0.0.1 (a free port), from Python's own server in a
    thread, without a line per request; yields its address (no slash at the end). For
    the tests, the screenshots and anywhere no nginx is wanted; `handler` is a
    SimpleHTTPRequestHandler subclass for a server that answers some paths itself."""

    class Quiet(handler or http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


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
    temp = "\n".join(
        f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(
        f"""{user}
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
""",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [NGINX, "-p", str(work), "-c", str(work / "nginx.conf"), "-e", str(work / "error.log")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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
