"""The building blocks: footnote numbers, Kamerstuk URLs and sessions, placeholders,
figure notation, the reading of the source text."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import markdown
import pytest
from repo import PUB

from publication import cli
from publication.cli import summary_markdown
from publication.model import datafiles, figures, references, source
from publication.model.findings import Finding
from publication.render import placeholders as render
from publication.render.footnotes import SourceFootnotesExtension


def md(text: str, lang: str = "nl") -> str:
    return markdown.markdown(text, extensions=["footnotes", SourceFootnotesExtension(lang=lang, publication=PUB)])


def test_footnote_extension_renders_the_labels_as_numbers():
    out = md("Tekst[^35] en meer[^37].\n\n[^35]: Eerste.\n[^37]: Tweede.")
    assert (
        '<sup id="fnref:35"><a aria-label="voetnoot 35" class="footnote-ref" href="#fn:35" '
        'role="doc-noteref">35</a></sup>'
    ) in out
    assert (
        '<sup id="fnref:37"><a aria-label="voetnoot 37" class="footnote-ref" href="#fn:37" '
        'role="doc-noteref">37</a></sup>'
    ) in out
    assert '<li id="fn:35" value="35">' in out and '<li id="fn:37" value="37">' in out
    assert (
        '<a aria-label="Terug naar voetnootverwijzing 37 in de tekst" class="footnote-backref" '
        'data-search-exclude="true" href="#fnref:37" '
        'role="doc-backlink" title="Terug naar voetnootverwijzing 37 in de tekst">'
    ) in out
    assert (
        '<div aria-labelledby="footnotes" class="footnote" role="doc-endnotes">\n<hr />\n'
        '<h2 class="footnote__title" id="footnotes">Voetnoten</h2>'
    ) in out


def test_footnote_extension_titles_back_links_in_english():
    out = md("Text[^36].\n\n[^36]: Note.", lang="en")
    assert 'title="Back to footnote 36 in the text"' in out and 'aria-label="Back to footnote 36 in the text"' in out
    assert 'aria-label="footnote 36"' in out and '<h2 class="footnote__title" id="footnotes">Footnotes</h2>' in out


def test_footnote_extension_leaves_named_labels_alone():
    out = md("Text[^note].\n\n[^note]: Note.", lang="en")
    assert '<a aria-label="footnote 1" class="footnote-ref" href="#fn:note" role="doc-noteref">1</a>' in out
    assert "value=" not in out


@pytest.mark.parametrize(
    "dossier,number,url",
    [
        ("28741", "106", "https://zoek.officielebekendmakingen.nl/kst-28741-106.html"),
        ("36350-VI", "2", "https://zoek.officielebekendmakingen.nl/kst-36350-VI-2.html"),
        ("35876", "B", "https://zoek.officielebekendmakingen.nl/kst-35876-B.html"),
    ],
)
def test_kamerstuk_url_follows_the_official_pattern(dossier, number, url):
    assert references.kamerstuk_url(dossier, number) == url


@pytest.mark.parametrize(
    "date,session",
    [
        (dt.date(2023, 7, 7), "2022/23"),
        (dt.date(2022, 7, 4), "2021/22"),
        (dt.date(2023, 10, 18), "2023/24"),
        (dt.date(2023, 9, 18), "2022/23"),
        (dt.date(2023, 9, 19), "2023/24"),
    ],
)
def test_session_starts_on_prinsjesdag(date, session):
    assert references.session_of(date) == session


def test_dossier_numbers_are_printed_grouped_and_parsed_back():
    assert references.format_dossier("28741") == "28 741"
    assert references.format_dossier("36350-VI") == "36 350 VI"
    assert references.parse_dossier("28 741") == "28741"
    assert references.parse_dossier("36 350 VI") == "36350-VI"


def test_formal_citation_of_the_footnotes():
    bib = PUB.bib
    assert bib.footnotes[35].formal_citation() == "Kamerstukken II 2022/23, 28 741, nr. 106"
    assert bib.footnotes[36].formal_citation() == "Kamerstukken II 2021/22, 30 995, nr. 100"
    assert (
        bib.footnotes[37]
        .footnote_markdown("nl")
        .endswith(", Nationaal Rapporteur Mensenhandel en Seksueel Geweld tegen Kinderen, 2022.")
    )


def test_placeholders_expand_per_language():
    assert (
        render.expand("[[ref:kst-28741-106]]", "nl", PUB)
        == "[Kamerstuk\u00a028\u00a0741, nr.\u00a0106](https://zoek.officielebekendmakingen.nl/kst-28741-106.html)."
    )
    assert (
        render.expand("[[ref:kst-28741-106]]", "en", PUB)
        == "[Parliamentary paper (Kamerstuk)\u00a028\u00a0741, no.\u00a0106](https://zoek.officielebekendmakingen.nl/kst-28741-106.html)."
    )
    assert render.expand("op [[date:kst-28638-233]]", "nl", PUB) == "op 18 oktober 2023"


def test_an_unknown_reference_is_an_error_with_its_line():
    with pytest.raises(render.RenderError) as err:
        render.expand("one\ntwo [[ref:kst-1-1]]", "nl", PUB)
    assert err.value.line == 2 and "unknown reference id 'kst-1-1'" in str(err.value)


def test_a_reference_entry_without_a_dossier_is_refused():
    with pytest.raises(references.ReferenceError, match="x: the id of a Kamerstuk is kst-DOSSIER-NR"):
        references.parse_references(
            {
                "references": {
                    "x": {
                        "kind": "kamerstuk",
                        "date": dt.date(2023, 1, 1),
                        "dossier": "1",
                        "number": "2",
                        "subject": {"nl": "a", "en": "b"},
                    }
                }
            }
        )


@pytest.mark.parametrize(
    "kind,value,en",
    [
        ("count", 3925, "3,925"),
        ("amount_million_eur", 143, "€143 million"),
        ("year_range", [2017, 2021], "2017–2021"),
        ("fraction", [4, 5], "four out of five"),
        ("percent", 19, "19%"),
    ],
)
def test_figures_are_written_the_english_way(kind, value, en):
    assert figures.english(kind, value) == en


def test_figures_find_numbers_in_each_notation():
    assert figures.find_numbers("van de 3.925 incidenten, 19% en ruim vier op de vijf in 2017-2021", "nl") == [
        "3.925",
        "19%",
        "vier op de vijf",
        "2017-2021",
    ]
    assert figures.find_numbers("of the 3,925 incidents, 19% and four out of five in 2017–2021", "en") == [
        "3,925",
        "19%",
        "four out of five",
        "2017–2021",
    ]


def test_source_reading_finds_headings_paragraphs_footnotes_and_page():
    long = "Een lange regel zoals op de gedrukte pagina, die de hele breedte van de kolom vult en door-"
    page = source.parse(
        f"Kop\n{long}\nloopt tot het einde van de zin. En dan komt er nog een regel die de kolom \n12\n"
        "vult tot aan het einde.\nNieuwe kop\nTekst.\n12\n Noot een.\nSamen tegen mensenhandel 7\n"
    )
    assert [(b.kind, b.text) for b in page.blocks] == [
        ("heading", "Kop"),
        (
            "paragraph",
            long[:-1]
            + "loopt tot het einde van de zin. En dan komt er nog een regel die de kolom vult tot aan het einde.",
        ),
        ("heading", "Nieuwe kop"),
        ("paragraph", "Tekst."),
    ]
    assert page.footnotes == {12: "Noot een."} and page.page == 7


def test_findings_summary_for_a_ci_run_page():

    assert summary_markdown([], "check", True) == "## publish.py check --online: no findings\n"
    found = [
        Finding("site/index.html", 12, "a link that answers", "https://x.example/a|b (404)", "online"),
        Finding("site/en/index.html", 0, "an answer", "429, try later", "online", "warning"),
    ]
    assert summary_markdown(found, "check", True) == (
        "## publish.py check --online: 1 error(s), 1 warning(s)\n\n| where | expected | found |\n|---|---|---|\n"
        "| `site/index.html:12` | a link that answers | https://x.example/a\\|b (404) |\n"
        "| `site/en/index.html` | warning: an answer | 429, try later |\n"
    )


def test_the_workflows_check_links_online_before_publishing_and_every_week():
    import yaml
    from repo import ROOT

    publish = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in publish["jobs"]["publish"]["steps"]]
    online = next(i for i, r in enumerate(runs) if "publish.py check --online" in r)
    assert online < runs.index("make publish") and "GITHUB_STEP_SUMMARY" in runs[online]
    links = yaml.safe_load((ROOT / ".github/workflows/links.yml").read_text(encoding="utf-8"))
    assert links[True]["schedule"][0]["cron"].endswith("* * 1")  # YAML reads the key `on` as True
    steps = " ".join(step.get("run", "") for step in links["jobs"]["links"]["steps"])
    assert "publish.py check --online" in steps and '--summary "$GITHUB_STEP_SUMMARY"' in steps


def test_files_written_at_once_by_two_writers_are_whole_and_leave_nothing_beside_them(tmp_path):
    """Two runs at once (a check beside the tests) write the same cache or report: each
    writes its own temporary file, so neither fails and the file is one of them, whole."""

    target = tmp_path / "build" / "report.json"
    texts = ["a" * 200_000, "b" * 200_000]
    errors = []

    def writer(text):
        try:
            for _ in range(30):
                datafiles.write_text(target, text)
        except OSError as err:  # pragma: no cover - the failure this test is about
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(t,)) for t in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_text(encoding="utf-8") in texts
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_a_write_that_fails_leaves_the_old_file_as_it_was(tmp_path, monkeypatch):

    target = tmp_path / "cache.json"
    target.write_text("old", encoding="utf-8")

    def full_disk(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full_disk)
    with pytest.raises(OSError, match="No space left"):
        datafiles.write_text(target, "new")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


def test_a_tab_libyaml_would_let_through_is_still_not_yaml(tmp_path):
    """The fast parser (libyaml) accepts a tab after a value; PyYAML's own parser, MkDocs'
    and anyone's yaml.safe_load refuse it: so do the data files and mkdocs.yml here."""

    data = tmp_path / "figures.yml"
    data.write_text("figures:\n  a: 1\t# a tab before the comment\n", encoding="utf-8")
    with pytest.raises(datafiles.DataFileError) as err:
        datafiles.load(data)
    assert (err.value.line, err.value.expected, err.value.found) == (
        2,
        "valid YAML",
        "character '\\t' that cannot start any token",
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\t\n", encoding="utf-8")
    with pytest.raises(cli.ConfigError, match="not valid YAML"):
        cli.check_config(config)


@pytest.mark.parametrize(
    "pages,lang,expected",
    [
        ([32], "nl", "pagina 32"),
        ([32, 34], "nl", "pagina’s 32 en 34"),
        ([32, 33, 35], "en", "pages 32–33 and 35"),
        ([32], "en", "page 32"),
    ],
)
def test_page_numbers_are_written_as_each_language_writes_them(pages, lang, expected):
    from publication.model.labels import pages_phrase

    assert pages_phrase(pages, PUB.labels(lang)["page_words"], lang) == expected
