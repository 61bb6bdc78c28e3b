"""The checks. Each is a plain function that returns findings (file, line, what was
expected, what was found), declared once in `registry.py` with its name and stage;
`run_source_checks` runs the sources stage on the Markdown pages and the data,
`run_site_checks` the site stage on one built site, `run_output_checks` the standard
validators on the built site and the files `publish` makes."""

from __future__ import annotations

from pathlib import Path

import yaml

from publication.checks.coverage import site_coverage, source_coverage
from publication.checks.registry import OutputContext, Selection, SiteContext, SourceContext, select
from publication.checks.source_map import locate_all
from publication.model import references as refs_mod
from publication.model.datafiles import DataFileError
from publication.model.findings import Finding, Say, key_line, yaml_problem
from publication.model.publication import Publication


def load_sources(project: Publication, selection: Selection) -> tuple[SourceContext | None, list[Finding]]:
    """Read the references and the pages once, for every source check; the findings of
    reading them (counted as the references' and the structure check's)."""
    from publication.checks import structure

    path = project.data / "references.yml"
    where = project.rel(path)
    try:
        bib = project.bib
    except yaml.YAMLError as err:
        line, problem = yaml_problem(err)
        return None, selection.count(
            "structure", "sources", [Finding(where, line, "valid YAML", problem, "references")]
        )
    except refs_mod.ReferenceError as err:
        return None, selection.count(
            "structure",
            "sources",
            [
                Finding(
                    where,
                    err.line or (key_line(path, err.key) if err.key else 0),
                    "valid references",
                    str(err),
                    "references",
                )
            ],
        )
    except (OSError, ValueError) as err:
        return None, selection.count(
            "structure", "sources", [Finding(where, 0, "valid references", str(err), "references")]
        )
    loaded = structure.load_pages(project, bib)
    return SourceContext(project, bib, loaded), selection.count("structure", "sources", list(loaded.findings))


def data_file_finding(project: Publication, err: DataFileError) -> Finding:
    """A data file that cannot be read or has the wrong shape, as a finding at its line."""
    return Finding(project.rel(err.path), err.line, err.expected, err.found, "data")


def run_source_checks(
    project: Publication, coverage: dict | None = None, selection: Selection | None = None
) -> list[Finding]:
    """Every chosen check on the sources; with `coverage`, what they covered goes into it.
    A data file that cannot be used is the one finding: it is what to fix first."""
    try:
        return _run_source_checks(project, coverage, selection)
    except DataFileError as err:
        return [data_file_finding(project, err)]


def _run_source_checks(
    project: Publication, coverage: dict | None = None, selection: Selection | None = None
) -> list[Finding]:
    selection = selection or select()
    context, findings = load_sources(project, selection)
    if context is None:
        return findings
    findings += selection.run("sources", context, findings)
    if coverage is not None and not any(f.severity == "error" for f in findings):
        coverage.update(source_coverage(project, context.loaded))
    return findings


def run_site_checks(
    project: Publication,
    site: Path,
    online: bool = False,
    cache_max_age: float = 86400,
    say: Say | None = None,
    include_hosts: list[str] | None = None,
    coverage: dict | None = None,
    selection: Selection | None = None,
) -> list[Finding]:
    """Every chosen check on one built site."""
    selection = selection or select()
    context = SiteContext(project, site, online, cache_max_age, include_hosts, say)

    findings = locate_all(project, site, selection.run_forked("site", context))  # at the Markdown's lines
    if coverage is not None:
        coverage.update(site_coverage(project, context.pages, online))
    return findings


def run_output_checks(
    project: Publication,
    site: Path,
    files: Path | None = None,
    offline: Path | None = None,
    selection: Selection | None = None,
    nu=None,
) -> list[Finding]:
    """The standard validators on the built site and (from `publish`) its files; `nu`,
    a W3C Nu checker started beforehand (validators.NuChecker), else one is started."""
    selection = selection or select()
    return selection.run("outputs", OutputContext(project, site, files, offline, nu))
