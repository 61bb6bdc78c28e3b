from __future__ import annotations

from pathlib import Path

import pytest

from publication import ROOT
from publication.build import mkdocs_build
from publication.project import copy_project


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One strict build of the real publication, shared by the tests that read HTML."""
    out = tmp_path_factory.mktemp("site")
    findings = mkdocs_build(out)
    assert findings == [], "\n".join(map(str, findings))
    return out


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file; the test fails if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The real publication, published once (site, PDFs, offline bundle) into a
    temporary dist/."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("dist") / "dist"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "publish.py"), "publish", "--quiet",
                             "--dist", str(out), "--report", str(out.parent / "report.json")],
                            cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run", "--disable-gpu", "--no-sandbox"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (it cannot download its own browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run `make test` (it installs it) or apt-get install chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


NGINX = "/usr/sbin/nginx"
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def nginx(dist, tmp_path_factory):
    """Debian's nginx on 127.0.0.1, serving dist/site/ with the configuration that
    `publish` wrote (dist/nginx/), only its address, root and snippet path changed."""
    import os
    import socket
    import subprocess
    import time

    from publication import serve

    assert Path(NGINX).exists(), "Debian's nginx is missing: run `make test` (it installs it) or apt-get install nginx"
    work = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    conf = (dist / "nginx" / serve.CONF_NAME).read_text(encoding="utf-8")
    conf = conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
    conf = conf.replace(f"root {serve.DEFAULT_ROOT};", f"root {dist / 'site'};")
    conf = conf.replace(f"/etc/nginx/snippets/{serve.HEADERS_NAME}", str(dist / "nginx" / serve.HEADERS_NAME))
    (work / "site.conf").write_text(conf, encoding="utf-8")
    temp = "\n".join(f"  {kind}_temp_path {work}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""
    (work / "nginx.conf").write_text(f"""
{user}
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
    deadline = time.monotonic() + 15
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                proc.kill()
                raise RuntimeError(f"nginx did not start: {log}")
            time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)
