#!/usr/bin/env python3
"""A reader's pass: screenshots of the whole edition, for people to look at.

Every page of the site at 320, 390 and 1280 CSS px, in both languages and both colour
schemes; every page of both PDFs (pdftoppm); every chapter of both EPUBs, rendered in
Chromium at phone width. All of it goes into build/screens/ with an index.html that
shows it on one page.

It takes the publication from an existing dist/ (or --dist), or publishes one into a
temporary folder first. `--site DIR` looks at a built site only (no PDF, no EPUB).
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publication.model.publication import Publication  # noqa: E402
from publication.options import publish_command  # noqa: E402
from publication.outputs.serve import CHROMIUM, CHROMIUM_ARGS, static_server  # noqa: E402

WIDTHS = (320, 390, 1280)
SCHEMES = ("light", "dark")
EPUB_WIDTH = 390


def site_paths() -> list[str]:
    """Every page of the site, as its URL path: '', 'daderaanpak/', 'en/', ..."""
    paths = []
    for lang, files in Publication(ROOT).pages().items():
        for rel in files:
            stem = rel.removesuffix(".md")
            paths.append(("" if lang == "nl" else "en/") + ("" if stem == "index" else f"{stem}/"))
    return sorted(paths, key=lambda p: (p.startswith("en/"), p))


def shot_name(path: str) -> str:
    lang, rest = ("en", path[3:]) if path.startswith("en/") else ("nl", path)
    return f"{lang}_{rest.strip('/').replace('/', '_') or 'index'}"


def page_shots(browser, base: str, out: Path) -> list[dict]:
    shots = []
    for path in site_paths():
        name = shot_name(path)
        for scheme in SCHEMES:
            for width in WIDTHS:
                context = browser.new_context(
                    viewport={"width": width, "height": 800 if width > 500 else 740},
                    color_scheme=scheme,
                    reduced_motion="reduce",
                )
                page = context.new_page()
                page.goto(f"{base}/{path}")
                page.wait_for_load_state("networkidle")
                file = out / "site" / f"{name}-{width}-{scheme}.png"
                file.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(file), full_page=True)
                context.close()
                shots.append(
                    {"group": "/" + path, "label": f"{width} px, {scheme}", "file": file.relative_to(out).as_posix()}
                )
        print(f"  /{path}", flush=True)
    return shots


def pdf_shots(pdf: Path, out: Path) -> list[dict]:
    folder = out / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(folder / pdf.stem)], check=True)
    return [
        {"group": pdf.name, "label": f"page {i}", "file": f.relative_to(out).as_posix()}
        for i, f in enumerate(sorted(folder.glob(f"{pdf.stem}-*.png")), 1)
    ]


def epub_shots(browser, epub: Path, out: Path) -> list[dict]:
    """Each document of the EPUB's spine, in Chromium at phone width, from the unpacked
    book (so its own stylesheets and images load)."""
    from lxml import etree

    shots = []
    with tempfile.TemporaryDirectory() as tmp:
        with zipfile.ZipFile(epub) as z:
            z.extractall(tmp)
        container = etree.parse(str(Path(tmp) / "META-INF" / "container.xml"))
        opf_path = Path(tmp) / container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        opf = etree.parse(str(opf_path))
        manifest = {item.get("id"): item.get("href") for item in opf.xpath("//*[local-name()='item']")}
        spine = [manifest[ref] for ref in opf.xpath("//*[local-name()='itemref']/@idref")]
        folder = out / "epub"
        folder.mkdir(parents=True, exist_ok=True)
        for scheme in ("light",):  # an e-book's colours are its reading system's: one scheme
            context = browser.new_context(viewport={"width": EPUB_WIDTH, "height": 740}, color_scheme=scheme)
            page = context.new_page()
            for i, href in enumerate(spine, 1):
                page.goto((opf_path.parent / href).as_uri())
                file = folder / f"{epub.stem}-{i:02d}-{scheme}.png"
                page.screenshot(path=str(file), full_page=True)
                shots.append(
                    {"group": epub.name, "label": f"{i}. {href}, {scheme}", "file": file.relative_to(out).as_posix()}
                )
            context.close()
    return shots


def index_html(shots: list[dict]) -> str:
    groups: dict[str, list[dict]] = {}
    for shot in shots:
        groups.setdefault(shot["group"], []).append(shot)
    toc = "".join(
        f'<li><a href="#g{i}">{html.escape(g)}</a> ({len(s)})</li>' for i, (g, s) in enumerate(groups.items())
    )
    body = []
    for i, (group, items) in enumerate(groups.items()):
        figs = "".join(
            f'<figure><a href="{html.escape(s["file"])}"><img src="{html.escape(s["file"])}" loading="lazy" '
            f'alt="{html.escape(group)}, {html.escape(s["label"])}"></a><figcaption>{html.escape(s["label"])}'
            f"</figcaption></figure>"
            for s in items
        )
        body.append(f'<section id="g{i}"><h2>{html.escape(group)}</h2><div class="row">{figs}</div></section>')
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Screens of the edition</title>'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><style>'
        "body{font-family:system-ui,sans-serif;margin:1rem;background:#eee}"
        ".row{display:flex;gap:1rem;align-items:flex-start;overflow-x:auto;padding-bottom:1rem}"
        "figure{margin:0;flex:none}figure img{display:block;border:1px solid #999;background:#fff;"
        "max-height:80vh;width:auto;max-width:none}figcaption{font-size:.85rem}"
        "</style></head><body><h1>Screens of the edition</h1>"
        f"<p>{len(shots)} images: every page at {', '.join(map(str, WIDTHS))} px in light and dark, every PDF "
        f"page, every EPUB chapter at {EPUB_WIDTH} px (in a browser, without a reading system's own styles). "
        "Click an image for its full size.</p>"
        f"<ul>{toc}</ul>{''.join(body)}</body></html>"
    )


def publish_into(folder: Path) -> Path:
    dist = folder / "dist"
    result = subprocess.run(publish_command(dist, folder / "report.json", root=ROOT), cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"publish failed (exit {result.returncode})")
    return dist


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dist", type=Path, help="a published dist/ (default: ./dist if present, else publish one)")
    p.add_argument("--site", type=Path, help="a built site only (pages, no PDF or EPUB)")
    p.add_argument("--out", type=Path, default=ROOT / "build" / "screens")
    args = p.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site, books = args.site, []
        if site is None:
            dist = args.dist or (ROOT / "dist" if (ROOT / "dist" / "site").is_dir() else None)
            if dist is None:
                print("No dist/: publishing into a temporary folder first", flush=True)
                dist = publish_into(Path(tmp))
            site = dist / "site"
            books = sorted(dist.glob("*.pdf")) + sorted(dist.glob("*.epub"))
        if args.out.exists():
            shutil.rmtree(args.out)
        args.out.mkdir(parents=True)
        shots = []
        with static_server(site) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            print(f"Pages of {site}", flush=True)
            shots += page_shots(browser, base, args.out)
            for book in books:
                print(f"  {book.name}", flush=True)
                shots += pdf_shots(book, args.out) if book.suffix == ".pdf" else epub_shots(browser, book, args.out)
            browser.close()
    (args.out / "index.html").write_text(index_html(shots), encoding="utf-8")
    print(f"{len(shots)} images; open {os.path.relpath(args.out / 'index.html')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
