"""Figures: every number of the Dutch section is in data/figures.yml, as a figure of the
section's source page (`page:`); each stands in the English section, written the English way, in the same paragraph; the English has
no number the Dutch lacks; and the relations the text states hold.

A changed number, in either language or in the data, is a finding naming both values.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml

from publication.model import figures as fig_mod
from publication.model import pages as pages_mod
from publication.model.findings import Finding, key_line, yaml_problem
from publication.model.project import Project

CHECK = "figures"


def _pair(name: str, expected: list[tuple[str, str]], found: list[tuple[str, int]], line: int,
          what: str) -> list[Finding]:
    """Compare the numbers expected (form, label) with those found (form, line)."""
    findings = []
    missing = list((Counter(e for e, _ in expected) - Counter(f for f, _ in found)).elements())
    extra_forms = Counter(f for f, _ in found) - Counter(e for e, _ in expected)
    extra = []
    for form, fline in found:
        if extra_forms[form] > 0:
            extra.append((form, fline))
            extra_forms[form] -= 1
    labels = dict((e, label) for e, label in expected)
    for i in range(max(len(missing), len(extra))):
        m = missing[i] if i < len(missing) else None
        x = extra[i] if i < len(extra) else None
        if m and x:
            findings.append(Finding(name, x[1], f"{m} ({labels[m]})", x[0], CHECK))
        elif m:
            findings.append(Finding(name, line, f"{m} ({labels[m]}) {what}", "it missing", CHECK))
        else:
            findings.append(Finding(name, x[1], f"no number beyond those of data/figures.yml {what}", x[0], CHECK))
    return findings


def check_data(project: Project, figs: fig_mod.FigureSet) -> list[Finding]:
    path = project.data / "figures.yml"
    name = project.rel(path)
    findings = []
    for f in figs.figures.values():
        parsed = fig_mod.dutch_value(f.kind, f.nl)
        if parsed != f.value:
            findings.append(Finding(name, key_line(path, "nl", key_line(path, f.id)),
                                    f"'{f.nl}' ({f.id}) to be the value {f.value}", f"{parsed}", CHECK))
    for rel in figs.relations:
        line = key_line(path, "relations")
        if rel.get("kind") == "parts_at_most_whole":
            parts = [figs.figures[p] for p in rel["parts"]]
            total = sum(p.value for p in parts)
            if total > 100:
                findings.append(Finding(name, line, f"the shares {' + '.join(p.nl for p in parts)} at most 100%",
                                        f"{total}%", CHECK))
        elif rel.get("kind") == "complement_exceeds":
            pct, frac = figs.figures[rel["figure"]], figs.figures[rel["exceeds"]]
            rest = 100 - pct.value
            share = 100 * frac.value[0] / frac.value[1]
            if not rest > share:
                findings.append(Finding(name, line, f"100% − {pct.nl} with a suspect to be more than "
                                                    f"{frac.nl} ({share:g}%) without one", f"{rest}%", CHECK))
    return findings


def check_pages(project: Project, figs: fig_mod.FigureSet) -> list[Finding]:
    """Every figure says which source page prints it (`page:`), so that its section
    can be found."""
    path = project.data / "figures.yml"
    return [Finding(project.rel(path), key_line(path, f.id), f"'page:' for {f.id}, the source page that prints it",
                    "none", CHECK) for f in figs.figures.values() if f.page is None]


def numbers_in(page: pages_mod.Page, lang: str) -> list[list[tuple[str, int]]]:
    """Per paragraph, the numbers in it with the paragraph's line."""
    return [[(n, b.line) for n in fig_mod.find_numbers(b.text, lang)] for b in page.of("paragraph")]


def check_section(project: Project, figs: fig_mod.FigureSet, nl: pages_mod.Page, en: pages_mod.Page | None,
                  page: int | None = None) -> list[Finding]:
    """The data is the truth: the Dutch text holds exactly its figures as printed, the
    English text exactly their English forms; with `page`, the figures of that source
    page (the section's), else every figure of the data."""
    findings = []
    if page is not None:
        figs = fig_mod.FigureSet(figures=figs.on_page(page), relations=figs.relations)
    for lang, page in (("nl", nl), ("en", en)):
        if page is None:
            continue
        paras = page.of("paragraph")
        found = [n for para in numbers_in(page, lang) for n in para]
        first = paras[0].line if paras else 1
        if lang == "nl":
            expected = [(f.nl, f.id) for f in figs.figures.values()]
        else:
            expected = [(f.en, f.id) for f in figs.figures.values()]
        where = "in the Dutch text" if lang == "nl" else "in the English text"
        findings += _pair(project.rel(page.path), expected, found, first, where)
    return findings


def run(project: Project, loaded) -> list[Finding]:
    loaded_pages = loaded.pages
    path = project.data / "figures.yml"
    try:
        figs = fig_mod.load(path)
    except yaml.YAMLError as err:
        line, problem = yaml_problem(err)
        return [Finding(project.rel(path), line, "valid YAML", problem, CHECK)]
    except (fig_mod.FigureError, OSError) as err:
        return [Finding(project.rel(path), 0, "a readable figures file", str(err), CHECK)]
    findings = check_data(project, figs) + check_pages(project, figs)
    for rel in loaded.sections:
        nl = loaded_pages.get("nl", {}).get(rel)
        section = loaded.section(rel)
        if nl is not None and section is not None:
            findings += check_section(project, figs, nl, loaded_pages.get("en", {}).get(rel), section.source_page)
    return findings
