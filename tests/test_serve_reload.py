"""`make serve` (scripts/serve.py: MkDocs' live preview) rebuilds when a maintainer edits
what the pages are made from: the data, the includes, the theme overrides, not only
docs/; an edit to the publication's code starts the preview again in a new process."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import urllib.request

import yaml
from conftest import edit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except (OSError, http.client.HTTPException):
            # not up yet, or stopped mid-answer: an edit to the code starts a new process
            pass
        time.sleep(0.5)
    return False


def test_mkdocs_watches_what_the_pages_are_made_from(root):
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert set(config["watch"]) == {"data", "includes", "overrides"}


def test_the_live_preview_shows_an_edit_to_the_data_and_to_the_code(project_copy):
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/daderaanpak/"
    server = subprocess.Popen(
        [sys.executable, str(project_copy / "scripts" / "serve.py"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: ">Footnotes</h2>" in fetch(url), 120), "the preview did not start"
        edit(project_copy / "data" / "labels" / "en.yml", "  heading: Footnotes\n", "  heading: Notes of the plan\n")
        assert wait_for(lambda: ">Notes of the plan</h2>" in fetch(url)), "an edit to data/labels/ was not shown"
        # A part of the data the publication caches once loaded: the references.
        references_url = f"http://127.0.0.1:{port}/en/references/"
        assert "Youth crime" in fetch(references_url)
        edit(project_copy / "data" / "references.yml", "en: Youth crime", "en: Youth crime EDITED")
        assert wait_for(lambda: "Youth crime EDITED" in fetch(references_url)), (
            "an edit to data/references.yml was not shown"
        )
        edit(
            project_copy / "publication" / "render" / "footnotes.py",
            'title = div.makeelement("h2", {"id": "footnotes", "class": "footnote__title"})',
            'title = div.makeelement("h2", {"id": "footnotes", "class": "footnote__title footnote__edited"})',
        )
        assert wait_for(lambda: "footnote__edited" in fetch(url)), "an edit to publication/ was not shown"
    finally:
        server.terminate()
        server.wait(timeout=20)
