"""Figures: every number of the Dutch section is in data/figures.yml, as a figure of the
section's source page (`page:`); each stands in the English section, written the English way, in the same paragraph; the English has
no number the Dutch lacks; and the relations the text states hold.

A changed number, in either language or in the data, is a finding naming both values.
"""

from __future__ import annotations

from collections import Counter

import yaml

from publication.model import figures as fig_mod
from publication.model import pages as pages_mod
from publication.model import quantities
from publication.model.findings import Finding, key_line, yaml_problem
from publication.model.publication import Publication

CHECK = "figures"


def _pair(
    name: str, expected: list[tuple[tuple, str, str]], found: list[tuple[tuple, str, int]], line: int, what: str
) -> list[Finding]:
    """Compare the figures expected (meaning, form, label) with those found (meaning,
    as written, line): by meaning, so "19 per cent" is 19%."""
    findings = []
    missing = list((Counter(k for k, _, _ in expected) - Counter(k for k, _, _ in found)).elements())
    extra_keys = Counter(k for k, _, _ in found) - Counter(k for k, _, _ in expected)
    extra = []
    for key, written, fline in found:
        if extra_keys[key] > 0:
            extra.append((written, fline))
            extra_keys[key] -= 1
    forms = {k: (form, label) for k, form, label in expected}
    for i in range(max(len(missing), len(extra))):
        m = forms[missing[i]] if i < len(missing) else None
        x = extra[i] if i < len(extra) else None
        if m and x:
            findings.append(Finding(name, x[1], f"{m[0]} ({m[1]})", x[0], CHECK))
        elif m:
            findings.append(Finding(name, line, f"{m[0]} ({m[1]}) {what}", "it missing", CHECK))
        else:
            findings.append(Finding(name, x[1], f"no number beyond those of data/figures.yml {what}", x[0], CHECK))
    return findings


def check_data(project: Publication, figs: fig_mod.FigureSet) -> list[Finding]:
    path = project.data / "figures.yml"
    name = project.rel(path)
    findings = []
    for f in figs.figures.values():
        parsed = fig_mod.dutch_value(f.kind, f.nl, project)
        if parsed != f.value:
            findings.append(
                Finding(
                    name,
                    key_line(path, "nl", key_line(path, f.id)),
                    f"'{f.nl}' ({f.id}) to be the value {f.value}",
                    f"{parsed}",
                    CHECK,
                )
            )
    for rel in figs.relations:
        line = key_line(path, "relations")
        if rel.get("kind") == "parts_at_most_whole":
            parts = [figs.figures[p] for p in rel["parts"]]
            total = sum(p.value for p in parts)
            if total > 100:
                findings.append(
                    Finding(
                        name, line, f"the shares {' + '.join(p.nl for p in parts)} at most 100%", f"{total}%", CHECK
                    )
                )
        elif rel.get("kind") == "complement_exceeds":
            pct, frac = figs.figures[rel["figure"]], figs.figures[rel["exceeds"]]
            rest = 100 - pct.value
            share = 100 * frac.value[0] / frac.value[1]
            if not rest > share:
                findings.append(
                    Finding(
                        name,
                        line,
                        f"100% − {pct.nl} with a suspect to be more than {frac.nl} ({share:g}%) without one",
                        f"{rest}%",
                        CHECK,
                    )
                )
    return findings


def check_pages(project: Publication, figs: fig_mod.FigureSet) -> list[Finding]:
    """Every figure says which source page prints it (`page:`), so that its section
    can be found."""
    path = project.data / "figures.yml"
    return [
        Finding(
            project.rel(path),
            key_line(path, f.id),
            f"'page:' for {f.id}, the source page that prints it",
            "none",
            CHECK,
        )
        for f in figs.figures.values()
        if f.page is None
    ]


def numbers_in(page: pages_mod.Page, lang: str, pub=None) -> list[list[tuple[tuple, str, int]]]:
    """Per paragraph, the quantities in it (meaning, as written, the paragraph's line;
    the relation words of the publication `pub`)."""
    return [[(q.key, q.text, b.line) for q in quantities.find(b.text, lang, pub)] for b in page.of("paragraph")]


def _form(f: fig_mod.Figure, lang: str) -> str:
    """A figure as its language writes it, with its qualifier ("ruim vier op de vijf")."""
    form = f.nl if lang == "nl" else f.en
    qualifier = (f.qualifier or {}).get(lang)
    return f"{qualifier} {form}" if qualifier else form


def check_section(
    project: Publication,
    figs: fig_mod.FigureSet,
    nl: pages_mod.Page,
    en: pages_mod.Page | None,
    source_page: int | None = None,
) -> list[Finding]:
    """The data is the truth: the Dutch text holds exactly its figures, the English
    text exactly the same figures; compared by meaning (one parser reads both). With
    `source_page`, the figures of that source page (the section's), else every figure."""
    findings = []
    if source_page is not None:
        figs = fig_mod.FigureSet(figures=figs.on_page(source_page), relations=figs.relations)
    for lang, page in (("nl", nl), ("en", en)):
        if page is None:
            continue
        paras = page.of("paragraph")
        found = [n for para in numbers_in(page, lang, project) for n in para]
        first = paras[0].line if paras else 1
        expected = [(fig_mod.figure_key(f, project), _form(f, lang), f.id) for f in figs.figures.values()]
        where = "in the Dutch text" if lang == "nl" else "in the English text"
        findings += _pair(project.rel(page.path), expected, found, first, where)
    return findings


def run(project: Publication, loaded) -> list[Finding]:
    loaded_pages = loaded.pages
    path = project.data / "figures.yml"
    try:
        figs = project.figures
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
