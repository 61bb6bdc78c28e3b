"""The checks. Each is a plain function that returns findings (file, line, what was
expected, what was found); `run_source_checks` works on the Markdown sources and the
data, `run_site_checks` on one built site."""

from __future__ import annotations

from pathlib import Path

import yaml

from publication.model import references as refs_mod
from publication.model.findings import Finding, errors, key_line, yaml_problem
from publication.model.project import Project
from publication.checks import active_content
from publication.checks import alignment
from publication.checks import chart_numbers
from publication.checks import fidelity
from publication.checks import label_keys
from publication.checks import figure_use
from publication.checks import links
from publication.checks import structure
from publication.checks import term_use
from publication.checks import translation


def run_source_checks(project: Project, coverage: dict | None = None) -> list[Finding]:
    """Every check on the sources; with `coverage`, what they covered goes into it."""
    path = project.data / "references.yml"
    try:
        bib = refs_mod.load(path)
    except yaml.YAMLError as err:
        line, problem = yaml_problem(err)
        return [Finding(project.rel(path), line, "valid YAML", problem, "references")]
    except refs_mod.ReferenceError as err:
        return [Finding(project.rel(path), key_line(path, err.key) if err.key else 0,
                        "valid references", str(err), "references")]
    except (OSError, ValueError) as err:
        return [Finding(project.rel(path), 0, "valid references", str(err), "references")]
    findings, loaded = structure.run(project, bib)
    findings += active_content.run(project, loaded)
    findings += fidelity.run(project, loaded)
    findings += figure_use.run(project, loaded)
    findings += term_use.run(project, loaded)
    findings += alignment.run(project, loaded)
    findings += label_keys.run(project)
    # Sentence by sentence only once the pages agree as wholes (the Dutch is the
    # source's, the figures and terms are all there, the sections align): a defect is
    # reported once, by the coarsest check that sees it.
    if not errors(findings):
        findings += translation.run(project, loaded)
        if coverage is not None:
            from publication.checks.coverage import source_coverage
            coverage.update(source_coverage(project, loaded))
    return findings


def run_site_checks(project: Project, site: Path, online: bool = False, cache_max_age: float = 86400,
                    say=None, include_hosts: list[str] | None = None,
                    coverage: dict | None = None) -> list[Finding]:
    pages = links.built_pages(site)
    from publication.model.downloads import pending_downloads

    findings = links.check_site(site, project.data, project.languages, pages=pages, pending=pending_downloads())
    findings += chart_numbers.check_site(pages, project.data)
    findings += translation.check_site(project, pages)
    if online:
        from publication.checks import online as online_mod
        from urllib.parse import urlsplit
        allowed = links.allowed_hosts(project.data)
        hosts = set(include_hosts) if include_hosts else set(allowed)
        urls = {u: places for u, places in online_mod.external_links(pages).items()
                if urlsplit(u).hostname in hosts and urlsplit(u).hostname in allowed}
        findings += online_mod.check_urls(urls, online_mod.Options(cache_max_age=cache_max_age,
                                                                  cache_file=project.root / "build" / "link-cache.json"),
                                          say=say)
    if coverage is not None:
        from publication.checks.coverage import site_coverage
        coverage.update(site_coverage(project, pages, online))
    return findings
