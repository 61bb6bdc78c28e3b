"""What `publish` makes beside the website, after every check has passed:

    samen-tegen-mensenhandel-nl.pdf, samen-tegen-mensenhandel-en.pdf   (WeasyPrint)
    samen-tegen-mensenhandel-offline.zip   (Material's offline build, both languages)
    samen-tegen-mensenhandel.tmx, samen-tegen-mensenhandel.xlf   (the translation memory:
        every section's sentence pairs, TMX 1.4b and XLIFF 1.2, by translate-toolkit)
    nginx/   the nginx configuration, its CSP hashing this build's inline scripts
    and, in the site, .br and .gz copies of every text file for nginx to send as they are

All three are written into the work folder that replaces dist/, and copied into the
site's downloads/ folder, which the home pages link to. The offline bundle holds the
PDFs too; it cannot hold itself, so its home pages leave the zip out.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from publication import LANGUAGES
from publication.model import edition as edition_mod
from publication.model import segments
from publication.model.downloads import (
    CHECKSUMS_FILE,
    DOWNLOADS,
    DOWNLOADS_DIR,
    OFFLINE_TOP,
    OFFLINE_ZIP,
    TMX_FILE,
    XLIFF_FILE,
    epub_name,
    pdf_name,
    sha256,
    size_kb,
)
from publication.model.findings import Finding, Say
from publication.outputs import epub, memory, pdf, serve
from publication.outputs.archive import zip_folder
from publication.outputs.build import edition_env, mkdocs_build
from publication.render import check_report, followup_notes
from publication.render.check_report import fill_built_pages
from publication.render.placeholders import read_page


@contextmanager
def fonts_dated(epoch: int):
    """fontTools, which WeasyPrint uses to subset the PDFs' fonts, stamps each font with
    SOURCE_DATE_EPOCH from this process's environment, else with the time now: it is
    set for the PDFs only, then put back as it was."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def make_pdfs(site: Path, work: Path, pub, epoch: int) -> list[tuple[str, float]]:

    edition = edition_mod.day(epoch)
    if missing := pdf.missing_faces():
        raise OutputError(
            [
                Finding(
                    str(path),
                    0,
                    f"the PDFs' type, Linux Libertine (the Debian package {pdf.FONT_PACKAGE}: make system-deps)",
                    "no such file",
                    "outputs",
                )
                for path in missing
            ]
        )
    times = []
    for lang in LANGUAGES:
        start = time.perf_counter()
        with fonts_dated(epoch):
            pdf.make(site, lang, work / pdf_name(lang), pub, edition)
        times.append((f"PDF ({lang})", time.perf_counter() - start))
    return times


def make_epubs(site: Path, work: Path, pub, epoch: int) -> list[tuple[str, float]]:

    times = []
    for lang in LANGUAGES:
        start = time.perf_counter()
        epub.make(site, lang, work / epub_name(lang), pub, epoch)
        times.append((f"EPUB ({lang})", time.perf_counter() - start))
    return times


def make_memory(work: Path, pub) -> float:
    """The translation memory of every section (the pages with `source_page`)."""

    start = time.perf_counter()
    files = pub.pages()
    originals = []
    for rel, path in files["nl"].items():
        nl = read_page(path, "nl", pub)
        if not nl.meta.get("source_page") or rel not in files["en"]:
            continue
        en = read_page(files["en"][rel], "en", pub)
        pairing = segments.load_pairing(rel, nl, en, pub)
        originals.append((pub.rel(path), pairing.segments))
    # A segment with a follow-up carries it as notes, in each language.
    names = {pub.rel(pub.docs / "nl" / s.page): s.name for s in pub.sections()}

    def notes(original: str, segment: str) -> list[str]:
        return followup_notes.memory_notes(names.get(original, ""), segment, pub)

    memory.write_all(originals, work / TMX_FILE, work / XLIFF_FILE, notes)
    return time.perf_counter() - start


OFFLINE_LEFT_OUT = ("404.html", "*/404.html", "sitemap.xml", "sitemap.xml.gz")


def make_offline(
    work: Path, pub, epoch: int, coverage: dict | None = None, check_links=None
) -> tuple[list[Finding], float]:
    """Build the offline site, check its links (`check_links(site) -> findings`, given by
    the command line: the checks sit above the outputs), add the PDFs and zip it."""
    start = time.perf_counter()
    build = work / "offline-build"
    findings = mkdocs_build(build, pub.config, env={"OFFLINE": "true", **edition_env(epoch)})
    if not findings:
        downloads = build / DOWNLOADS_DIR
        downloads.mkdir()
        for name in DOWNLOADS:
            if name != OFFLINE_ZIP:  # the bundle cannot hold itself
                shutil.copy2(work / name, downloads / name)
        findings = [
            Finding(f"offline/{f.file.removeprefix('site/')}", f.line, f.expected, f.found, "offline")
            for f in (check_links(build) if check_links else [])
        ]
    if not findings:
        # What only a web server uses: the 404 pages (their links are the server's root's,
        # broken from disk) and the sitemap (for search engines).
        for name in OFFLINE_LEFT_OUT:
            for path in build.glob(name):
                path.unlink()
        fill_download_details(build, work)
        if coverage is not None:  # the bundle lists what it holds, not itself
            check_report.fill(build, coverage, [work / n for n in DOWNLOADS if n != OFFLINE_ZIP], pub)
        zip_folder(build, work / OFFLINE_ZIP, OFFLINE_TOP, epoch)
    shutil.rmtree(build, ignore_errors=True)
    return findings, time.perf_counter() - start


def make_all_timed(
    site: Path,
    work: Path,
    pub,
    say: Say | None = None,
    coverage: dict | None = None,
    check_links=None,
    epoch: int | None = None,
):
    """Make every output of the publication `pub`; yield (what, seconds) as each is
    done, then copy them into the site's downloads/. Raises OutputError with the
    findings if one fails. Every date they carry is the edition's, `epoch` (by default
    the publication's own, see model/edition.py)."""
    if epoch is None:
        epoch = pub.edition_epoch
    if say:
        say("Making the PDFs (nl, en) with WeasyPrint ...")
    yield from make_pdfs(site, work, pub, epoch)
    if say:
        say("Making the EPUBs (nl, en) with ebooklib ...")
    yield from make_epubs(site, work, pub, epoch)
    yield ("translation memory (TMX, XLIFF)", make_memory(work, pub))
    if say:
        say("Building the offline bundle ...")
    findings, seconds = make_offline(work, pub, epoch, coverage, check_links)
    if findings:
        raise OutputError(findings)
    yield ("offline bundle (build, check, zip)", seconds)
    downloads = site / DOWNLOADS_DIR
    downloads.mkdir(exist_ok=True)
    for name in DOWNLOADS:
        shutil.copy2(work / name, downloads / name)
    # The checksums beside the downloads on the website too, for `sha256sum -c` (the
    # check report names the file).
    shutil.copy2(write_checksums(work), downloads / CHECKSUMS)
    link_checksums(site, downloads / CHECKSUMS)
    fill_download_details(site, work)
    if coverage is not None:
        check_report.fill(site, coverage, [work / n for n in DOWNLOADS], pub)

    start = time.perf_counter()
    unknown = serve.unknown_scripts(site, pub.root)
    if unknown:
        raise OutputError(unknown)
    serve.write_nginx_config(site, work / "nginx", pub.root)
    serve.add_meta_policy(site, pub.root)  # for hosts without headers (GitHub Pages)
    count = serve.precompress(site)
    yield (f"nginx config, {count} files pre-compressed", time.perf_counter() - start)


CHECKSUMS = CHECKSUMS_FILE
DETAILS_RE = re.compile(
    r'<span class="download-details" data-file="(?P<file>[^"]+)" data-lang="(?P<lang>[a-z]+)"></span>'
)


def write_checksums(work: Path) -> Path:
    """SHA256SUMS beside the downloads, in the format `sha256sum -c` reads."""
    target = work / CHECKSUMS
    target.write_text("".join(f"{sha256(work / name)}  {name}\n" for name in DOWNLOADS), encoding="utf-8")
    return target


CHECKSUMS_NAMED = f"<code>{CHECKSUMS_FILE}</code>"


def link_checksums(site: Path, checksums: Path) -> int:
    """On the website (the offline bundle holds no such file) the check report's first
    mention of SHA256SUMS links the file beside the downloads; how many pages link it."""

    def linked(m: re.Match, page: Path) -> str:
        return f'<a href="{Path(os.path.relpath(checksums, page.parent)).as_posix()}">{m.group(0)}</a>'

    return fill_built_pages(site, 'class="check-report"', re.compile(re.escape(CHECKSUMS_NAMED)), linked, first=True)


def details_html(path: Path, lang: str) -> str:
    """'77,5 kB' for a download, in the page's language (Babel's CLDR): what a reader
    weighs before downloading. The checksums are for those who verify a file: in
    SHA256SUMS beside the downloads and on the check report, not on a home page."""
    return f'<span class="download-details">{size_kb(path, lang)} kB</span>'


def fill_download_details(site: Path, files: Path) -> int:
    """Write each download's size and checksum into the pages that offer it (the files
    are made after the build); the pages' placeholders say which file and language."""

    return fill_built_pages(
        site, 'class="download-details"', DETAILS_RE, lambda m, _page: details_html(files / m["file"], m["lang"])
    )


class OutputError(Exception):
    def __init__(self, findings: list[Finding]):
        super().__init__(f"{len(findings)} finding(s)")
        self.findings = findings


def make_all(
    site: Path,
    work: Path,
    pub,
    say: Say | None = None,
    coverage: dict | None = None,
    check_links=None,
    epoch: int | None = None,
) -> list[Finding]:
    """Make every output; the findings of any that failed (none when all is well).
    `check_links(site) -> findings` checks a built site's links (the offline bundle
    and, once downloads/ exists, the site again); the command line gives it."""
    try:
        for _ in make_all_timed(site, work, pub, say, coverage, check_links, epoch):
            pass  # the timings are for the benchmark
    except OutputError as err:
        return err.findings
    # The site again, now that downloads/ exists: every link resolves without exceptions.
    return check_links(site) if check_links else []
