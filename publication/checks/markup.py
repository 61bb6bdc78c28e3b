"""The pages' own markup, as an editor types it: every `[[` opens a well-formed
placeholder (lower-case name, no spaces, closed, an argument where one is needed), and
each footnote is defined once per page. What the placeholders expand to, and whether
their arguments name known data, is the rendering's to say (a RenderError with the
line, reported by the structure check); here: what never reaches it, because it does
not look like a placeholder at all and would be printed as literal brackets."""

from __future__ import annotations

import re

from publication.model.findings import Finding
from publication.render.placeholders import RenderError
from publication.render.placeholders import expand as expand_placeholders

CHECK = "markup"
OPEN_RE = re.compile(r"\[\[")
# As render/placeholders.py reads them.
PLACEHOLDER_RE = re.compile(r"\[\[(?P<name>[a-z-]+)(?::(?P<arg>[^\]\s]+))?\]\]")
FOOTNOTE_DEF_RE = re.compile(r"^[ ]{0,3}\[\^(?P<label>[^\]]+)\]:")
FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
CODE_SPAN_RE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)


def _blank(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def check_text(text: str, name: str, expand=None) -> list[Finding]:
    """`expand(placeholder)`: the rendering of one placeholder in the page's language."""
    body = _blank(_blank(text, FENCE_RE), CODE_SPAN_RE)
    findings = []
    for m in OPEN_RE.finditer(body):
        if m.start() > 0 and body[m.start() - 1] == "[":
            continue  # the second bracket of "[[[", seen from the first
        line = body.count("\n", 0, m.start()) + 1
        rest = body[m.start() : body.find("\n", m.start()) if "\n" in body[m.start() :] else len(body)]
        placeholder = PLACEHOLDER_RE.match(body, m.start())
        if placeholder is None:
            shown = rest[: rest.index("]]") + 2] if "]]" in rest else rest[:40]
            why = (
                "never closed with ]]"
                if "]]" not in rest
                else "an empty argument"
                if re.match(r"\[\[[a-z-]+:\]\]", shown)
                else "a space inside"
                if re.match(r"\[\[\s|\[\[.*\s\]\]", shown)
                else "capital letters"
                if shown != shown.lower()
                else "not a placeholder"
            )
            findings.append(
                Finding(
                    name,
                    line,
                    "a placeholder like [[ref:kst-28741-106]] (lower case, no spaces, closed with ]])",
                    f"{shown.strip()} ({why})",
                    CHECK,
                )
            )
        elif expand is not None:
            # What the placeholder is, the rendering says (one definition of them all):
            # an unknown name, an argument it does not take or know.
            try:
                expand(placeholder.group(0))
            except RenderError as err:
                findings.append(
                    Finding(
                        name,
                        line,
                        "a placeholder that names what the publication has",
                        f"{placeholder.group(0)} ({err})",
                        CHECK,
                    )
                )
    seen: dict[str, int] = {}
    for n, line in enumerate(body.split("\n"), start=1):
        m = FOOTNOTE_DEF_RE.match(line)
        if not m:
            continue
        if m["label"] in seen:
            findings.append(
                Finding(
                    name,
                    n,
                    f"one definition of the footnote [^{m['label']}] (the first is at line {seen[m['label']]})",
                    "a second one",
                    CHECK,
                )
            )
        else:
            seen[m["label"]] = n
    return findings


def run(project, loaded=None) -> list[Finding]:
    """Every page; a placeholder the structure check already reported (it expands those
    of paragraphs and notes) is not reported twice."""
    reported = {(f.file, f.line) for f in (loaded.findings if loaded is not None else [])}
    pages_reported = {file for file, _ in reported}

    def expand(placeholder: str, lang: str) -> str:
        try:
            return expand_placeholders(placeholder, lang, project)
        except RenderError as err:
            if err.cause in pages_reported:  # another page's defect, reported there
                return ""
            raise

    findings = []
    for lang, files in project.pages().items():
        for path in files.values():
            try:
                text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
            except (OSError, UnicodeDecodeError):
                continue  # the structure check reports a page it cannot read
            one = lambda placeholder, lang=lang: expand(placeholder, lang)  # noqa: E731
            findings += [f for f in check_text(text, project.rel(path), one) if (f.file, f.line) not in reported]
    return findings
