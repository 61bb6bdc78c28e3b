#!/usr/bin/env python3
"""Build the publication, verify it, and only then replace dist/.

    publish.py check     build into a temporary folder and run every check
    publish.py publish   the same, then write dist/ (site, offline bundle, PDFs)

Exit codes: 0 clean, 1 the tool itself failed, 2 findings, 3 bad configuration.
Every finding is printed as `file:line: expected …, found …`; a JSON report of them
is written to --report. With any finding, dist/ is left exactly as it was.
"""

from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

if __name__ == "__main__":
    from publication.options import begin

    # `check` starts its build first; the checks and the makers are read while it runs.
    early = begin(sys.argv[1:], PROJECT)

    from publication.cli import main

    code = main(root=PROJECT, early=early)
    # The run is over: its exit handlers run and its output is flushed, then the process
    # ends without Python releasing, one by one, the several hundred thousand objects the
    # checks built (a sixth of a plain `check`'s time).
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
