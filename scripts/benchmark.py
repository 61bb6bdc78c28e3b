#!/usr/bin/env python3
"""Print the publication's speed and size figures (median of several runs).

    benchmark.py checks    plain `mkdocs build` against the full `publish.py check`,
                           on the publication and on one generated 50 times larger
    benchmark.py outputs   the time `publish` spends on the offline bundle and each PDF
    benchmark.py all       everything (default)

Figures are printed, never asserted: the tests check behaviour, this measures it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publication.project import copy_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return elapsed


def median_of(runs: int, cmd: list[str], cwd: Path) -> float:
    return statistics.median(timed(cmd, cwd) for _ in range(runs))


def bench_checks(runs: int, scale: int) -> None:
    print(f"Checks against the plain build (median of {runs} runs; seconds)")
    print(f"{'publication':<22}{'pages':>6}{'mkdocs build':>14}{'publish check':>15}{'check/build':>13}{'checks only':>13}")
    rows = []
    for factor in (1, scale):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "p", factor)
            pages = len(list((project / "docs").rglob("*.md")))
            build = median_of(runs, [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir",
                                     str(Path(tmp) / "plain")], project)
            check = median_of(runs, [sys.executable, str(project / "scripts" / "publish.py"), "check", "--quiet",
                                     "--report", str(Path(tmp) / "r.json")], project)
            rows.append((factor, pages, build, check))
            label = "as published" if factor == 1 else f"{factor}× larger"
            print(f"{label:<22}{pages:>6}{build:>14.2f}{check:>15.2f}{check / build:>13.2f}{check - build:>13.2f}")
    (f1, p1, b1, c1), (fn, pn, bn, cn) = rows
    print(f"growth from 1× to {scale}×: pages ×{pn / p1:.0f}, build ×{bn / b1:.1f}, "
          f"check ×{cn / c1:.1f}, checks alone ×{(cn - bn) / max(c1 - b1, 1e-9):.1f}")


def bench_outputs(runs: int) -> None:
    from publication import outputs

    print(f"Publish outputs (median of {runs} runs; seconds)")
    with tempfile.TemporaryDirectory() as tmp:
        from publication.build import mkdocs_build

        site = Path(tmp) / "site"
        assert mkdocs_build(site) == []
        times: dict[str, list[float]] = {}
        for i in range(runs):
            work = Path(tmp) / f"w{i}"
            work.mkdir()
            for name, seconds in outputs.make_all_timed(site, work):
                times.setdefault(name, []).append(seconds)
        for name, values in times.items():
            print(f"{name:<38}{statistics.median(values):>8.2f}")
        for f in sorted((Path(tmp) / "w0").iterdir()):
            if f.is_file():
                print(f"  {f.name:<44}{f.stat().st_size / 1024:>8.1f} KiB")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", nargs="?", default="all", choices=["all", "checks", "outputs"])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--scale", type=int, default=50)
    args = p.parse_args()
    if args.what in ("all", "checks"):
        bench_checks(args.runs, args.scale)
    if args.what in ("all", "outputs"):
        bench_outputs(max(1, args.runs // 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
