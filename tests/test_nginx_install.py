"""The README's serving steps on a stock Debian nginx (issue 27): deploy/nginx/install.sh
run against Debian's own /etc/nginx, as installed (its default site enabled), then the
site, not "Welcome to nginx!", answers on port 80 with the publication's headers, and
`nginx -t` says nothing but that the configuration is fine.

Run as root inside new mount and network namespaces (unshare): /etc/nginx, /var/www,
/var/log/nginx, /var/lib/nginx and /run are this test's own copies there, and port 80
is the namespace's, so the machine's nginx and files are never touched."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from repo import ROOT

pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip") or not Path("/usr/sbin/nginx").exists(),
    reason="needs root, unshare, ip and Debian's nginx (make test installs them)",
)


def stock_etc(dest: Path) -> Path:
    """A copy of Debian's /etc/nginx as the packages install it: every conffile as
    shipped (checked against dpkg's checksums), the default site enabled, nothing else
    in sites-enabled."""
    shutil.copytree("/etc/nginx", dest, symlinks=True)
    listed = subprocess.run(
        ["dpkg-query", "-W", "-f=${Conffiles}\n", "nginx-common", "nginx"], capture_output=True, text=True
    ).stdout
    changed = []
    for line in listed.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].startswith("/etc/nginx/") and "obsolete" not in parts[2:]:
            copy = dest / parts[0].removeprefix("/etc/nginx/")
            if copy.is_file() and hashlib.md5(copy.read_bytes()).hexdigest() != parts[1]:
                changed.append(parts[0])
    if changed:
        pytest.skip(f"this machine's nginx configuration is not Debian's as shipped: {', '.join(changed)}")
    enabled = dest / "sites-enabled"
    for link in enabled.iterdir():
        link.unlink()
    (enabled / "default").symlink_to("/etc/nginx/sites-available/default")
    return dest


INSIDE = r"""
set -eu
mount --make-rprivate /
mount -t tmpfs tmpfs /run
mount --bind "$T/etc" /etc/nginx
mkdir -p /var/www /var/log/nginx /var/lib/nginx
mount --bind "$T/www" /var/www
mount --bind "$T/log" /var/log/nginx
mount --bind "$T/lib" /var/lib/nginx
ip link set lo up
nginx
echo "--- before"
python3 -c 'import urllib.request; print(urllib.request.urlopen("http://127.0.0.1/").read().decode()[:2000])' || true
echo "--- install"
sh "$REPO/deploy/nginx/install.sh" "$DIST" 2>&1
echo "--- nginx -t"
nginx -t 2>&1
echo "--- after"
python3 - <<'EOF'
import urllib.request
for path in ("/", "/en/daderaanpak/", "/assets/favicon.svg"):
    r = urllib.request.urlopen("http://127.0.0.1" + path)
    print(path, r.status, r.headers.get("Content-Type"), "CSP" if r.headers.get("Content-Security-Policy") else "no CSP")
    print(r.read().decode()[:300].replace("\n", " "))
EOF
nginx -s stop
"""


@pytest.fixture(scope="module")
def installed(dist, tmp_path_factory) -> str:
    t = tmp_path_factory.mktemp("stock-nginx")
    stock_etc(t / "etc")
    for name in ("www", "log", "lib"):
        (t / name).mkdir()
    # Debian's default site serves /var/www/html (the package's welcome page).
    (t / "www" / "html").mkdir()
    shutil.copy2("/usr/share/nginx/html/index.html", t / "www" / "html" / "index.nginx-debian.html")
    result = subprocess.run(
        ["unshare", "--mount", "--net", "--fork", "sh", "-c", INSIDE],
        env={**os.environ, "T": str(t), "DIST": str(dist), "REPO": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def section(out: str, name: str) -> str:
    return out.split(f"--- {name}\n", 1)[1].split("\n--- ", 1)[0]


def test_a_stock_debian_nginx_answers_with_its_welcome_page_before(installed):
    assert "Welcome to nginx!" in section(installed, "before")


def test_after_the_steps_the_site_answers_on_port_80_with_its_headers(installed):
    after = section(installed, "after")
    assert "Welcome to nginx!" not in after
    assert "/ 200 text/html; charset=utf-8 CSP" in after
    assert "/en/daderaanpak/ 200 text/html; charset=utf-8 CSP" in after
    assert "/assets/favicon.svg 200 image/svg+xml" in after and "CSP" in after.split("/assets/favicon.svg", 1)[1]
    assert "disabled Debian's default site" in section(installed, "install")


def test_nginx_t_passes_without_a_warning(installed):
    said = section(installed, "nginx -t").strip().splitlines()
    assert said == [
        "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok",
        "nginx: configuration file /etc/nginx/nginx.conf test is successful",
    ]
