from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from repo import PUB, ROOT

from publication.model.project import copy_project
from publication.options import publish_command
from publication.outputs import serve
from publication.outputs.build import mkdocs_build
from publication.outputs.serve import CHROMIUM, CHROMIUM_ARGS


@contextmanager
def once_for_the_run(tmp_path_factory, name: str):
    """A folder made once for the whole run: with pytest-xdist (`make test` runs one
    worker per core) the first worker to ask makes it, under a lock, and the others
    read the same; without xdist it is an ordinary session folder. Yields (folder,
    whether it still has to be made)."""

    if not os.environ.get("PYTEST_XDIST_WORKER"):
        yield tmp_path_factory.mktemp(name), True
        return

    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done, failed = Path(f"{shared}.done"), Path(f"{shared}.failed")
        if failed.exists():  # another worker tried and failed: say so, don't try again
            pytest.fail(f"the shared {name} could not be made (another worker):\n{failed.read_text()}")
        if done.exists():
            yield shared, False
            return
        shutil.rmtree(shared, ignore_errors=True)
        shared.mkdir()
        try:
            yield shared, True
        except BaseException as err:
            failed.write_text(str(err) or type(err).__name__)
            raise
        done.touch()


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """One strict build of the real publication, shared by the tests that read HTML."""
    with once_for_the_run(tmp_path_factory, "site") as (out, make):
        if make:
            findings = mkdocs_build(out, ROOT / "mkdocs.yml")
            assert findings == [], "\n".join(map(str, findings))
    return out


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the checkout, its code too (the copy's own scripts/publish.py runs)."""
    return copy_project(tmp_path / "project", ROOT)


@pytest.fixture(scope="session")
def pub():
    """The checkout's publication (model/publication.py), read once for the run."""
    return PUB


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` by `new` in a file; the test fails if `old` is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture(scope="session")
def dist(tmp_path_factory) -> Path:
    """The real publication, published once (site, PDFs, offline bundle) into a
    temporary dist/."""
    with once_for_the_run(tmp_path_factory, "dist") as (folder, make):
        out = folder / "dist"
        if make:
            publish_into(out)
    return out


def publish_into(out: Path) -> None:

    result = subprocess.run(
        publish_command(out, out.parent / "report.json", "--allow-uncommitted", root=ROOT),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (it cannot download its own browser)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (
        "Debian's chromium is missing: run `make test` (it installs it) or apt-get install chromium"
    )
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield b
        b.close()


@pytest.fixture(scope="session")
def nginx(dist, tmp_path_factory):
    """Debian's nginx on 127.0.0.1, serving dist/site/ with the configuration that
    `publish` wrote (dist/nginx/), only its address, root and snippet path changed."""

    assert Path(serve.NGINX).exists(), "Debian's nginx is missing: run `make test` (it installs it)"
    with serve.running_nginx(dist / "site", dist / "nginx", tmp_path_factory.mktemp("nginx")) as url:
        yield url


# What a test needs, read from its fixtures (with the fixtures they use in turn): a
# published edition marks it slow (`dist`; the doors' probe, which publishes once per
# input; the snapshot test's publication edited while it runs), Chromium (`browser`)
# marks it browser. `make test-fast` runs the rest, with the tests marked slow by hand:
# the inner loop.
NEEDS = {"dist": "slow", "probed": "slow", "edited_during_publish": "slow", "browser": "browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, marker in NEEDS.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
