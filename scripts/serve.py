#!/usr/bin/env python3
"""The live preview (`make serve`): MkDocs' own server (started through
publication/outputs/mkdocs_run.py, which reads its YAML safely), which rebuilds when the pages,
the data, the includes or the theme overrides change (mkdocs.yml, `watch`). A change to
the publication's code (publication/*.py) starts the server again in a new process, so
that the new code is what builds: the running one never swaps its modules.

    serve.py [--dev-addr 127.0.0.1:8000]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

PROJECT = Path(__file__).resolve().parent.parent
CODE = PROJECT / "publication"


# What changes a file (reading one, as an import does, is no change).
CHANGES = {"created", "modified", "deleted", "moved", "closed"}


class CodeChanged(FileSystemEventHandler):
    """Sets `changed` when a Python file of the code is written, made, moved or removed."""

    def __init__(self) -> None:
        self.changed = threading.Event()

    def on_any_event(self, event) -> None:
        paths = [getattr(event, "src_path", ""), getattr(event, "dest_path", "")]
        if event.event_type in CHANGES and any(str(p).endswith(".py") for p in paths):
            self.changed.set()


def command(dev_addr: str) -> list[str]:
    """MkDocs' live preview, started as the project starts MkDocs (its YAML read safely)."""
    return [sys.executable, "-m", "publication.outputs.mkdocs_run", "serve", "--dev-addr", dev_addr]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="serve.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address and port (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    handler = CodeChanged()
    observer = Observer()
    observer.schedule(handler, str(CODE), recursive=True)
    observer.start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.set())
    server = None
    try:
        while not stop.is_set():
            handler.changed.clear()
            server = subprocess.Popen(
                command(args.dev_addr), cwd=PROJECT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}
            )
            while not stop.is_set() and not handler.changed.is_set() and server.poll() is None:
                handler.changed.wait(0.5)
            if server.poll() is not None and not handler.changed.is_set():
                return server.returncode  # the server stopped by itself (a bad configuration)
            if handler.changed.is_set():
                print("The publication's code changed: starting the preview again ...", file=sys.stderr, flush=True)
            server.terminate()
            server.wait(timeout=20)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=20)
        observer.stop()
        observer.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
