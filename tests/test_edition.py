"""An edition people can verify: two publications of one commit are byte for byte the
same whatever the clock says and wherever they are built; the downloads have checksums
that `sha256sum -c` verifies, shown beside each download."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile

import pytest
from clitools import SKIP_VALIDATORS, tree_files
from repo import PUB, ROOT

from publication.checks import site_html as html
from publication.model import edition
from publication.model.downloads import DOWNLOADS, OFFLINE_ZIP
from publication.model.project import copy_project
from publication.outputs.publish import CHECKSUMS


@pytest.mark.slow
def test_two_publications_of_one_commit_on_different_days_and_folders_are_identical(tmp_path):
    assert shutil.which("faketime"), "faketime is missing: run `make test` (it installs it)"
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(edition.epoch(ROOT))}
    # The two run side by side (each is its own process, clock and folder).
    runs = []
    for folder, shift in (("first", "+3d"), ("second/deeper", "+40d")):
        project = copy_project(tmp_path / folder / "project", ROOT)
        command = [
            "faketime",
            "-f",
            shift,
            sys.executable,
            str(project / "scripts" / "publish.py"),
            "publish",
            "--quiet",
            "--dist",
            str(project / "dist"),
            # The validators read the outputs, they do not make them
            # (the session's publication runs them).
            *SKIP_VALIDATORS,
        ]
        proc = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        runs.append((project / "dist", proc))
    dists = []
    try:
        for dist, proc in runs:
            out, _ = proc.communicate(timeout=600)
            assert proc.returncode == 0, out
            dists.append(tree_files(dist))
    finally:  # one failed: the other is not left running
        for _, proc in runs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert dists[0].keys() == dists[1].keys()
    assert [name for name in dists[0] if dists[0][name] != dists[1][name]] == []
    assert {"SHA256SUMS", "site/sitemap.xml", "samen-tegen-mensenhandel-offline.zip"} <= dists[0].keys()


def test_the_edition_is_the_commits_time_unless_source_date_epoch_says_otherwise(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    commit = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    assert edition.epoch(ROOT) == int(commit.stdout.strip())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert edition.epoch(ROOT) == 1700000000 and edition.date(ROOT).isoformat() == "2023-11-14"


def test_the_zip_entries_carry_the_editions_time_in_one_order(dist):
    with zipfile.ZipFile(dist / OFFLINE_ZIP) as z:
        infos = z.infolist()
    stamp = time.gmtime(edition.epoch(ROOT))[:6]
    stamp = (*stamp[:5], stamp[5] // 2 * 2)  # a zip keeps time to two seconds
    assert {i.date_time for i in infos} == {stamp}
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.external_attr >> 16 for i in infos} == {0o644}


def test_the_sitemap_dates_are_the_editions(dist):
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (dist / "site" / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {edition.date(ROOT).isoformat()}


def test_sha256sums_verify_and_a_changed_byte_fails(dist, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in (CHECKSUMS, *DOWNLOADS):
        shutil.copy2(dist / name, copy / name)
    listed = [line.split("  ", 1)[1] for line in (copy / CHECKSUMS).read_text().splitlines()]
    assert listed == list(DOWNLOADS)
    ok = subprocess.run(["sha256sum", "-c", CHECKSUMS], cwd=copy, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    pdf = copy / DOWNLOADS[0]
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    bad = subprocess.run(["sha256sum", "-c", CHECKSUMS], cwd=copy, capture_output=True, text=True)
    assert bad.returncode != 0 and f"{DOWNLOADS[0]}: FAILED" in bad.stdout


@pytest.mark.parametrize("home,decimal", [("index.html", ","), ("en/index.html", ".")])
def test_each_download_shows_its_size_and_no_checksum(dist, home, decimal):
    """A home page speaks to readers: each download with its size; the checksums are for
    those who verify a file (SHA256SUMS, the check report)."""
    from lxml import html as lxml_html

    root = lxml_html.parse(str(dist / "site" / home)).getroot()
    items = root.xpath('//ul[@class="downloads"]/li')
    assert len(items) == len(DOWNLOADS)
    for li in items:
        name = li.xpath("./a/@href")[0].rsplit("/", 1)[1]
        details = " ".join(li.xpath('.//span[@class="download-details"]')[0].text_content().split())
        data = (dist / name).read_bytes()
        kb = f"{len(data) / 1000:,.1f}".rstrip("0").rstrip(".")
        kb = kb.replace(",", "\0").replace(".", decimal).replace("\0", "." if decimal == "," else ",")
        digest = hashlib.sha256(data).hexdigest()
        assert details == f"{kb} kB", name
        assert digest[:8] not in li.text_content() and "SHA" not in li.text_content(), name
    assert html.read(dist / "site" / home).lang == ("nl" if home == "index.html" else "en")


def test_the_offline_bundle_shows_the_checksums_of_what_it_holds(dist, tmp_path):
    """Its check report lists each file it holds with its checksum (its home page, like
    the website's, gives their sizes)."""
    with zipfile.ZipFile(dist / OFFLINE_ZIP) as z:
        names = z.namelist()
        home = z.read(next(n for n in names if n.endswith("/index.html") and n.count("/") == 1)).decode()
        report = z.read(next(n for n in names if n.endswith("/checks.html") and n.count("/") == 1)).decode()
    for name in DOWNLOADS:
        if name != OFFLINE_ZIP:
            assert hashlib.sha256((dist / name).read_bytes()).hexdigest() in report, name
    assert 'data-file="' not in home, "every placeholder filled"


@pytest.mark.parametrize("page,lang", [("checks/index.html", "nl"), ("en/checks/index.html", "en")])
def test_the_check_report_shows_the_numbers_of_the_run_that_made_it(dist, page, lang):
    from babel.numbers import format_decimal
    from lxml import html as lxml_html

    from publication.model.references import format_date

    report = json.loads((dist.parent / "report.json").read_text(encoding="utf-8"))
    coverage = report["coverage"]
    assert report["errors"] == 0 and coverage["segments"] == 30 and coverage["source_sentences"] == 27
    root = lxml_html.parse(str(dist / "site" / page)).getroot()
    shown = {el.get("data-key"): el.text_content() for el in root.xpath('//div[@class="check-report"]//*[@data-key]')}
    numbers = {k: v for k, v in coverage.items() if isinstance(v, int) and not isinstance(v, bool)}
    assert {k: shown[k] for k in numbers} == {k: format_decimal(v, locale=lang) for k, v in numbers.items()}
    # the day as a reader writes it, the ISO date for machines
    day = edition.date(ROOT)
    assert day.isoformat() == coverage["edition_date"]
    (time,) = root.xpath('//div[@class="check-report"]//time[@data-key="edition_date"]')
    assert (time.get("datetime"), shown["edition_date"]) == (day.isoformat(), format_date(day, lang))
    assert shown["commit"] == coverage["commit"]
    assert shown["external_checked_online"] in (
        PUB.labels("nl")["check_report"]["no"],
        PUB.labels("en")["check_report"]["no"],
    )
    files = {
        r.xpath("string(./th)"): r.xpath("string(./td[2])")
        for r in root.xpath('//div[@class="check-report"]//table[2]/tbody/tr')
    }
    assert files == {name: hashlib.sha256((dist / name).read_bytes()).hexdigest() for name in DOWNLOADS}


@pytest.mark.parametrize("report", ["checks/index.html", "en/checks/index.html"])
def test_the_websites_check_report_links_the_checksums_file(dist, report):
    """The report says the checksums stand as one file beside the downloads: on the
    website it links that file (a reader found no page that did), and the file checks
    every download; the offline bundle, which holds no such file, links none."""
    from lxml import html as lxml_html

    page = dist / "site" / report
    root = lxml_html.parse(str(page)).getroot()
    links = [a for a in root.xpath("//article//a") if a.text_content() == "SHA256SUMS"]
    assert len(links) == 1, report
    target = (page.parent / links[0].get("href")).resolve()
    lines = target.read_text(encoding="utf-8").splitlines()
    assert sorted(line.split("  ")[1] for line in lines) == sorted(DOWNLOADS)
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
    with zipfile.ZipFile(dist / OFFLINE_ZIP) as z:
        offline = [n for n in z.namelist() if n.endswith("/" + report.replace("/index.html", ".html"))]
        assert offline and "SHA256SUMS</code></a>" not in z.read(offline[0]).decode()
