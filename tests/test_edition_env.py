"""The edition's time is passed to what needs it, never left in the command's own
environment: after `check`, SOURCE_DATE_EPOCH is as it was (unset stays unset), and the
build it started still dated its pages with the commit's time."""

from __future__ import annotations

import os
import re

from publication import ROOT, cli
from publication.model import edition


def test_check_leaves_the_environment_as_it_found_it_and_dates_the_build_from_the_commit(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
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
    assert seen["env"] == {"SOURCE_DATE_EPOCH": str(edition.epoch(ROOT))}
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", seen["sitemap"])) == {edition.date(ROOT).isoformat()}
