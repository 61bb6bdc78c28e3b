"""The chart and its table, on the built section pages: every number they show is the
figures data's (the three shares, and the rest of 100% the source does not break
down). The chart is made from the data, so this catches a chart left stale or a
number typed into a page by hand."""

from __future__ import annotations

from publication.model import figures as fig_mod
from publication.model.findings import Finding
from publication.render import chart as chart_mod

CHECK = "chart"


def expected_values(figs: fig_mod.FigureSet) -> dict[str, int]:
    return dict(chart_mod.values(figs))


def check_page(rel: str, page, figs: fig_mod.FigureSet) -> list[Finding]:
    expected = expected_values(figs)
    findings = []
    seen = set()
    for record in page.figures:
        fid = record["id"]
        if fid not in expected:
            findings.append(
                Finding(
                    f"site/{rel}",
                    record["line"],
                    "a figure of data/figures.yml in the chart",
                    f'data-figure="{fid}"',
                    CHECK,
                )
            )
            continue
        seen.add(fid)
        shown = record["value"] if record["value"] is not None else record["text"].rstrip("%")
        if shown.strip() != str(expected[fid]):
            findings.append(
                Finding(
                    f"site/{rel}",
                    record["line"],
                    f"{expected[fid]}% for {fid} (data/figures.yml)",
                    f"{shown.strip()}%",
                    CHECK,
                )
            )
    for fid in sorted(set(expected) - seen):
        findings.append(Finding(f"site/{rel}", 0, f"the chart to show {fid} ({expected[fid]}%)", "it missing", CHECK))
    return findings


def check_site(pages: dict, figs: fig_mod.FigureSet) -> list[Finding]:
    findings = []
    for rel, page in pages.items():
        if page.figures:
            findings += check_page(rel, page, figs)
    return findings
