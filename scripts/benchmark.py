#!/usr/bin/env python3
"""Print the publication's speed and size figures (median of several runs).

    benchmark.py checks    plain `mkdocs build` against the full `publish.py check`, against
                           `check --skip html` (without the W3C Nu checker, whose Java
                           start-up dominates) and against `check` in a session whose Nu
                           service runs (`publish.py nu-service`), on the publication and
                           on one generated --scale times larger
    benchmark.py suite     the whole test suite (`pytest`) beside one `publish.py publish`
    benchmark.py outputs   the time `publish` spends on the offline bundle and each PDF
    benchmark.py pages     every page through nginx: bytes on a first visit (compressed,
                           all requests), and Lighthouse's mobile profile (simulated
                           slow 4G, 4x CPU): first and largest contentful paint and the
                           four category scores; the source text alone as the floor
    benchmark.py all       everything (default)

Figures are printed, never asserted: the tests check behaviour, this measures it.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publication.checks.validators import SERVICE_ENV, NuService  # noqa: E402
from publication.model import source  # noqa: E402
from publication.model.project import copy_project  # noqa: E402
from publication.model.publication import Publication  # noqa: E402
from publication.options import publish_command  # noqa: E402
from publication.outputs import publish as outputs  # noqa: E402
from publication.outputs import serve  # noqa: E402
from publication.outputs.build import mkdocs_build  # noqa: E402
from publication.outputs.serve import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def timed(cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env={**ENV, **(env or {})}, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stdout}{proc.stderr}")
    return elapsed


def median_of(runs: int, cmd: list[str], cwd: Path, env: dict | None = None) -> float:
    return statistics.median(timed(cmd, cwd, env) for _ in range(runs))


def bench_checks(runs: int, scale: int) -> None:
    print(f"Checks against the plain build (median of {runs} runs; seconds)")
    print(
        f"{'publication':<22}{'pages':>6}{'mkdocs build':>14}{'publish check':>15}{'check/build':>13}"
        f"{'no Nu':>9}{'no Nu/build':>13}{'Nu share':>10}{'in a session':>14}{'its Nu share':>14}"
    )
    rows = []
    for factor in (1, scale):
        with tempfile.TemporaryDirectory() as tmp:
            project = copy_project(Path(tmp) / "p", ROOT, factor)
            pages = len(list((project / "docs").rglob("*.md")))
            build = median_of(
                runs,
                [
                    sys.executable,
                    "-m",
                    "publication.outputs.mkdocs_run",
                    "build",
                    "--quiet",
                    "--site-dir",
                    str(Path(tmp) / "plain"),
                ],
                project,
            )
            # The W3C checker only on the publication as it is: the copies of the larger one
            # stand outside the menu, where Material writes a label for a toggle it leaves out.
            command = [sys.executable, str(project / "scripts" / "publish.py"), "check", "--quiet"]
            command += ["--report", str(Path(tmp) / "r.json")]
            # One run first, untimed: a new copy's first check fills its caches (the
            # spelling's in its build/), which a writer's every later check finds.
            timed([*command, "--skip", "html"], project, {SERVICE_ENV: ""})
            no_nu = median_of(runs, [*command, "--skip", "html"], project, {SERVICE_ENV: ""})
            rows.append((factor, pages, build, no_nu))
            label = "as published" if factor == 1 else f"{factor}× larger"
            if factor == 1:
                # A run of its own (Java started beside the build), then the same check in a
                # session whose Nu service (`publish.py nu-service`) is already running.
                check = median_of(runs, command, project, {SERVICE_ENV: ""})
                with NuService() as service:
                    timed(command, project, {SERVICE_ENV: service.url})  # the service's first pages
                    session = median_of(runs, command, project, {SERVICE_ENV: service.url})
                with_nu = f"{check:>15.2f}{check / build:>13.2f}{no_nu:>9.2f}{no_nu / build:>13.2f}"
                with_nu += f"{check - no_nu:>10.2f}{session:>14.2f}{session - no_nu:>14.2f}"
            else:
                with_nu = f"{'—':>15}{'—':>13}{no_nu:>9.2f}{no_nu / build:>13.2f}{'—':>10}{'—':>14}{'—':>14}"
            print(f"{label:<22}{pages:>6}{build:>14.2f}{with_nu}")
    (f1, p1, b1, c1), (fn, pn, bn, cn) = rows
    # The source checks run beside the build, so "checks only" (check minus build) can be
    # nothing, or below nothing on a busy machine: then it has no growth to give.
    alone = (
        f"checks alone ×{(cn - bn) / (c1 - b1):.1f}"
        if c1 - b1 > 0.05
        else "checks alone: hidden behind the build at 1×"
    )
    print(f"growth from 1× to {scale}×: pages ×{pn / p1:.0f}, build ×{bn / b1:.1f}, check ×{cn / c1:.1f}, {alone}")


def bench_suite(workers: str) -> None:
    """The whole suite beside one publication, each timed once on this machine; the
    suite as `make test` runs it (one worker per core), or with --workers 0 in one
    process."""
    print(f"The test suite beside one publication (seconds, one run each; workers: {workers})")
    with tempfile.TemporaryDirectory() as tmp:
        publish = timed(publish_command(Path(tmp) / "dist", Path(tmp) / "r.json", root=ROOT), ROOT)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        + (["-n", workers, "--dist", "loadfile"] if workers != "0" else []),
        cwd=ROOT,
        env=ENV,
        capture_output=True,
        text=True,
    )
    suite = time.perf_counter() - start
    summary = (proc.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"{'publish.py publish':<38}{publish:>8.2f}")
    print(f"{'pytest (every test)':<38}{suite:>8.2f}  {summary}")
    print(f"{'suite / publish':<38}{suite / publish:>8.2f}")


def bench_outputs(runs: int) -> None:

    print(f"Publish outputs (median of {runs} runs; seconds)")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        assert mkdocs_build(site, ROOT / "mkdocs.yml") == []
        times: dict[str, list[float]] = {}
        for i in range(runs):
            work = Path(tmp) / f"w{i}"
            work.mkdir()
            for name, seconds in outputs.make_all_timed(site, work, Publication(ROOT)):
                times.setdefault(name, []).append(seconds)
        for name, values in times.items():
            print(f"{name:<38}{statistics.median(values):>8.2f}")
        for f in sorted((Path(tmp) / "w0").iterdir()):
            if f.is_file():
                print(f"  {f.name:<44}{f.stat().st_size / 1024:>8.1f} KiB")


FLOOR_PAGE = "__floor__/"
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = " ".join(("--headless=new", *CHROMIUM_ARGS))


def floor_html() -> str:
    """The source text alone, as the lightest page that could carry it."""

    page = source.load(Publication(ROOT).sections()[0].source)
    body = []
    for block in page.blocks:
        tag = "h1" if block is page.blocks[0] else ("h2" if block.kind == "heading" else "p")
        body.append(f"<{tag}>{html_lib.escape(block.text)}</{tag}>")
    notes = "".join(f'<li value="{n}">{html_lib.escape(t)}</li>' for n, t in page.footnotes.items())
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width,initial-scale=1"><title>Daderaanpak</title>'
        f'<meta name="description" content="De tekst van pagina 32, zonder meer."></head>'
        f"<body>{''.join(body)}<ol>{notes}</ol></body></html>"
    )


def first_visit_bytes(browser, url: str) -> tuple[int, int]:
    """(bytes over the wire, requests) for a first visit with an empty cache: every
    response's headers and its body as sent (Content-Length of the compressed file),
    the search worker's requests included."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    responses = []
    context.on("requestfinished", lambda r: responses.append(r))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    total = 0
    for request in responses:
        if not request.url.startswith("http"):
            continue
        response = request.response()
        body = int(response.headers.get("content-length", 0)) if response else 0
        total += body + request.sizes()["responseHeadersSize"]
    count = len([r for r in responses if r.url.startswith("http")])
    context.close()
    return total, count


def lighthouse(url: str, out: Path, tries: int = 3) -> dict:
    """One Lighthouse run (mobile profile, simulated throttling); a run that could not
    measure a paint (Lighthouse's NO_FCP on a busy machine) is tried again."""

    env = {**ENV, "CHROME_PATH": CHROMIUM}
    for _ in range(tries):
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        report = json.loads(out.read_text(encoding="utf-8"))
        audits = report["audits"]
        if "numericValue" in audits["first-contentful-paint"]:
            break
    else:
        raise RuntimeError(
            f"Lighthouse measured no paint on {url}: {audits['first-contentful-paint'].get('errorMessage')}"
        )
    failing = sorted(
        {
            ref["id"]
            for cat in report["categories"].values()
            for ref in cat["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        }
    )
    return {
        "scores": {k: round(100 * (v["score"] or 0)) for k, v in report["categories"].items()},
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "failing": failing,
    }


def bench_pages(use_lighthouse: bool = True) -> None:
    """Publish once (with SITE_URL set to the test server, as a deployment sets it),
    then measure every page through nginx."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        port = serve.free_port()
        base = f"http://127.0.0.1:{port}"
        dist = tmp / "dist"
        proc = subprocess.run(
            publish_command(dist, tmp / "report.json", "--allow-uncommitted", root=ROOT),
            cwd=ROOT,
            env={**ENV, "SITE_URL": base + "/"},
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise SystemExit(proc.stdout + proc.stderr)
        floor = dist / "site" / FLOOR_PAGE
        floor.mkdir()
        (floor / "index.html").write_text(floor_html(), encoding="utf-8")
        serve.precompress(floor)
        paths = []
        for lang, files in Publication(ROOT).pages().items():
            for rel in files:
                stem = rel.removesuffix(".md")
                paths.append(("" if lang == "nl" else "en/") + ("" if stem == "index" else f"{stem}/"))
        paths = sorted(paths) + [FLOOR_PAGE]
        with serve.running_nginx(dist / "site", dist / "nginx", tmp / "nginx", port) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            print("Pages through nginx, first visit (bytes over the wire, all requests); Lighthouse mobile profile")
            header = f"{'page':<28}{'KB':>7}{'req':>5}"
            if use_lighthouse:
                header += f"{'FCP s':>7}{'LCP s':>7}{'perf':>6}{'a11y':>6}{'best':>6}{'seo':>5}  below 100"
            print(header)
            for path in paths:
                size, requests = first_visit_bytes(browser, f"{url}/{path}")
                line = f"{'/' + path:<28}{size / 1000:>7.1f}{requests:>5}"
                if use_lighthouse:
                    r = lighthouse(f"{url}/{path}", tmp / "lh.json")
                    sc = r["scores"]
                    line += (
                        f"{r['fcp']:>7.2f}{r['lcp']:>7.2f}{sc['performance']:>6}{sc['accessibility']:>6}"
                        f"{sc['best-practices']:>6}{sc['seo']:>5}  {', '.join(r['failing'])}"
                    )
                print(line, flush=True)
            browser.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", nargs="?", default="all", choices=["all", "checks", "outputs", "pages", "suite"])
    p.add_argument("--no-lighthouse", action="store_true", help="pages: bytes only")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument(
        "--workers", default="auto", help="suite: pytest-xdist workers as `make test` (auto), 0 for one process"
    )
    p.add_argument("--scale", type=int, default=50)
    args = p.parse_args()
    if args.what in ("all", "checks"):
        bench_checks(args.runs, args.scale)
    if args.what in ("all", "outputs"):
        bench_outputs(max(1, args.runs // 2))
    if args.what in ("all", "pages"):
        bench_pages(not args.no_lighthouse)
    if args.what == "suite":  # not part of "all": it runs every test
        bench_suite(args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
