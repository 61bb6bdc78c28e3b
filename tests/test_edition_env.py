"""The edition's time is passed to what needs it, never left in the command's own
environment: after `check`, SOURCE_DATE_EPOCH is as it was (unset stays unset), and the
build it started still dated its pages with the commit's time."""

from __future__ import annotations

import os
import re

from repo import ROOT

from publication import cli
from publication.outputs.publish import fonts_dated


def test_check_leaves_the_environment_as_it_found_it_and_dates_the_build_from_the_commit(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # A commit time the build cannot find by itself: it reaches the build only if passed.
    monkeypatch.setattr(cli, "source_date_epoch", lambda root: 1700000000)
    before = dict(os.environ)
    seen = {}
    real_start = cli.start_build

    def start_build(site, config, env=None):
        seen["site"], seen["env"] = site, env
        return real_start(site, config, env)

    def finish_build(build, docs):
        out, err = build.communicate()
        assert build.returncode == 0, err
        seen["sitemap"] = (seen["site"] / "sitemap.xml").read_text(encoding="utf-8")
        return []

    monkeypatch.setattr(cli, "start_build", start_build)
    monkeypatch.setattr(cli, "finish_build", finish_build)
    code = cli.main(
        [
            "check",
            "--quiet",
            "--only",
            "structure",
            "--config",
            str(ROOT / "mkdocs.yml"),
            "--report",
            str(tmp_path / "r.json"),
        ]
    )
    assert code == 0
    assert dict(os.environ) == before
    assert seen["env"] == {"SOURCE_DATE_EPOCH": "1700000000"}
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", seen["sitemap"])) == {"2023-11-14"}


def test_the_pdfs_fonts_are_dated_with_the_edition_and_the_environment_put_back(monkeypatch):

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with fonts_dated(1700000000):
        from fontTools.misc.timeTools import timestampNow, timestampToString

        assert timestampToString(timestampNow()) == "Tue Nov 14 22:13:20 2023"
    assert "SOURCE_DATE_EPOCH" not in os.environ
