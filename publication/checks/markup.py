"""The pages' own markup, as an editor types it: every `[[` opens a well-formed
placeholder (lower-case name, no spaces, closed, an argument where one is needed), and
each footnote is defined once per page. What the placeholders expand to, and whether
their arguments name known data, is the rendering's to say (a RenderError with the
line, reported by the structure check); here: what never reaches it, because it does
not look like a placeholder at all and would be printed as literal brackets."""

from __future__ import annotations

import re

from publication.model.findings import Finding
from publication.render.placeholders import CHARTS, NO_ARGUMENT

CHECK = "markup"
OPEN_RE = re.compile(r"\[\[")
# As render/placeholders.py reads them.
PLACEHOLDER_RE = re.compile(r"\[\[(?P<name>[a-z-]+)(?::(?P<arg>[^\]\s]+))?\]\]")
NEEDS_ARGUMENT = {"ref", "cite", "date", "chart", "parallel"}
FOOTNOTE_DEF_RE = re.compile(r"^[ ]{0,3}\[\^(?P<label>[^\]]+)\]:")
FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
CODE_SPAN_RE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def check_text(text: str, name: str) -> list[Finding]:
    body = _blank(_blank(text, FENCE_RE), CODE_SPAN_RE)
    findings = []
    for m in OPEN_RE.finditer(body):
        if m.start() > 0 and body[m.start() - 1] == "[":
            continue  # the second bracket of "[[[", seen from the first
        line = body.count("\n", 0, m.start()) + 1
        rest = body[m.start():body.find("\n", m.start()) if "\n" in body[m.start():] else len(body)]
        placeholder = PLACEHOLDER_RE.match(body, m.start())
        if placeholder is None:
            shown = rest[:rest.index("]]") + 2] if "]]" in rest else rest[:40]
            why = ("never closed with ]]" if "]]" not in rest
                   else "an empty argument" if re.match(r"\[\[[a-z-]+:\]\]", shown)
                   else "a space inside" if re.match(r"\[\[\s|\[\[.*\s\]\]", shown)
                   else "capital letters" if shown != shown.lower()
                   else "not a placeholder")
            findings.append(Finding(name, line, "a placeholder like [[ref:kst-28741-106]] (lower case, no spaces, "
                                    "closed with ]])", f"{shown.strip()} ({why})", CHECK))
        elif placeholder["name"] not in NEEDS_ARGUMENT | NO_ARGUMENT:
            known = ", ".join(sorted(NEEDS_ARGUMENT | NO_ARGUMENT))
            findings.append(Finding(name, line, f"a placeholder the publication knows ({known})",
                                    f"{placeholder.group(0)} (no such placeholder)", CHECK))
        elif placeholder["name"] in NEEDS_ARGUMENT and not placeholder["arg"]:
            findings.append(Finding(name, line, f"[[{placeholder['name']}:…]] with what it names",
                                    f"{placeholder.group(0)} (no argument)", CHECK))
        elif placeholder["name"] in NO_ARGUMENT and placeholder["arg"]:
            findings.append(Finding(name, line, f"[[{placeholder['name']}]] without an argument",
                                    f"{placeholder.group(0)} (it takes none)", CHECK))
        elif placeholder["name"] == "chart" and placeholder["arg"] not in CHARTS:
            findings.append(Finding(name, line, f"[[chart:…]] naming a chart ({', '.join(CHARTS)})",
                                    f"{placeholder.group(0)} (no such chart)", CHECK))
    seen: dict[str, int] = {}
    for n, line in enumerate(body.split("\n"), start=1):
        m = FOOTNOTE_DEF_RE.match(line)
        if not m:
            continue
        if m["label"] in seen:
            findings.append(Finding(name, n, f"one definition of the footnote [^{m['label']}] (the first is at line "
                                    f"{seen[m['label']]})", "a second one", CHECK))
        else:
            seen[m["label"]] = n
    return findings


def run(project, loaded=None) -> list[Finding]:
    findings = []
    for files in project.pages().values():
        for path in files.values():
            try:
                text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            except (OSError, UnicodeDecodeError):
                continue  # the structure check reports a page it cannot read
            findings += check_text(text, project.rel(path))
    return findings
