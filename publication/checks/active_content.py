"""Only passive content in the pages: the HTML a Markdown source writes (raw tags,
link and image addresses, attribute lists `{: … }`) must come through a sanitiser
unchanged. The definition is nh3's (ammonia's) policy: its default tags and their
attributes, the few attributes the pages need beside them (ids, classes, language,
hreflang), and the addresses of the policy (model/policy.py: https and mail) only. So a script, an event handler (`onclick`),
a `javascript:`/`vbscript:`/`data:` address in any letter case, `<object>`, `<embed>`,
`<iframe>`, `<svg>`, `<style>` or a `style` attribute is a finding, with file and line.

The charts and every other piece of HTML the publication makes come from its code
(placeholders), not from a page, so nothing in a page needs more."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nh3

from publication.model import policy
from publication.model.findings import Finding

CHECK = "active-content"

# nh3's defaults, with the attributes the pages use beside them.
TAGS = set(nh3.ALLOWED_TAGS)
GENERIC_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "markdown"}  # markdown: md_in_html, removed at build
ATTRIBUTES = {tag: set(attrs) | GENERIC_ATTRIBUTES for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = GENERIC_ATTRIBUTES
URL_SCHEMES = set(policy.PAGE_SCHEMES)  # https and mailto (model/policy.py)
EXPECTED = f"only passive HTML (nh3's allowed tags and attributes; {' and '.join(sorted(URL_SCHEMES))} addresses)"


def clean(fragment: str) -> str:
    return nh3.clean(
        fragment, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None, strip_comments=False
    )


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]], tuple[int, int]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs, self.getpos()))

    handle_startendtag = handle_starttag


def start_tags(text: str):
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.found


def element(tag: str, attrs) -> str:
    inner = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs)
    return f"<{tag}{inner}>x</{tag}>"


def problems(tag: str, attrs) -> list[str]:
    """What nh3 takes out of one element: the tag itself, or attributes."""
    kept = start_tags(clean(element(tag, attrs)))
    if not kept or kept[0][0] != tag:
        shown = "".join(f" {n}" + (f'="{v[:40]}"' if v else "") for n, v in attrs)
        return [f"<{tag}{shown}>"]
    left = {(n, v) for n, v in kept[0][1]}
    return [
        f'{name}="{(value or "")[:60]}" on <{tag}>'
        for name, value in attrs
        if (name, value or "") not in {(n, v or "") for n, v in left}
    ]


FENCE_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,}).*?^(?P=indent)(?P=fence)[ \t]*$", re.M | re.S)
CODE_SPAN_RE = re.compile(r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)
LINK_RE = re.compile(r"(?P<image>!?)\[(?:[^\]\\\n]|\\.)*\]\(\s*<?(?P<url>[^)\s>]*)")
REFDEF_RE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)", re.M)
# Python-Markdown's autolinks (<https://…>, <name@host>): links, not tags.
AUTOLINK_RE = re.compile(r"<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*)>")
AUTOMAIL_RE = re.compile(r"<([^<> !]+@[^@<> ]+)>")
ATTR_LIST_RE = re.compile(r"\{:?[ ]*(?P<body>[^}\n]*?)[ ]*\}")
ATTR_RE = re.compile(r"""(?P<key>[^\s=#.{}"']+)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s}]*))""")


def blank(text: str, pattern: re.Pattern) -> str:
    """`text` with `pattern`'s matches made spaces (line breaks kept: lines stay true)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def front_matter_end(text: str) -> int:
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return end + 4
    return 0


def check_text(text: str, name: str) -> list[Finding]:
    """The findings of one Markdown source (its code blocks and spans are text)."""
    cut = front_matter_end(text)
    body = re.sub(r"[^\n]", " ", text[:cut]) + text[cut:]
    body = blank(blank(body, FENCE_RE), CODE_SPAN_RE)
    line_of = lambda offset: body.count("\n", 0, offset) + 1  # noqa: E731
    out = []
    for pattern, prefix in ((AUTOLINK_RE, ""), (AUTOMAIL_RE, "mailto:")):
        for m in pattern.finditer(body):
            out += [
                Finding(name, line_of(m.start()), EXPECTED, f"the address {m[1][:60]!r}", CHECK)
                for _ in problems("a", [("href", prefix + m[1])])
            ]
        body = blank(body, pattern)
    for tag, attrs, (line, _col) in start_tags(body):
        out += [Finding(name, line, EXPECTED, what, CHECK) for what in problems(tag, attrs)]
    for m in LINK_RE.finditer(body):
        tag, attr = ("img", "src") if m["image"] else ("a", "href")
        out += [
            Finding(name, line_of(m.start()), EXPECTED, f"the address {m['url'][:60]!r}", CHECK)
            for _ in problems(tag, [(attr, html.unescape(m["url"]))])
        ]
    for m in REFDEF_RE.finditer(body):
        out += [
            Finding(name, line_of(m.start()), EXPECTED, f"the address {m['url'][:60]!r}", CHECK)
            for _ in problems("a", [("href", html.unescape(m["url"]))])
        ]
    for m in ATTR_LIST_RE.finditer(body):
        for a in ATTR_RE.finditer(m["body"]):
            value = next(v for v in (a["dq"], a["sq"], a["bare"]) if v is not None)
            out += [
                Finding(name, line_of(m.start()), EXPECTED, f"{what.split(' on <')[0]} in an attribute list", CHECK)
                for what in problems("a", [(a["key"].lower(), value)])
            ]
    return sorted(set(out), key=lambda f: (f.line, f.found))


def run(project, loaded=None) -> list[Finding]:
    """Every Markdown source of the pages and of what they include."""
    files = [p for files in project.pages().values() for p in files.values()]
    includes = project.root / "includes"
    files += sorted(includes.rglob("*.md")) if includes.is_dir() else []
    findings = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # reading the page is the structure check's to report
        findings += check_text(text.replace("\r\n", "\n"), project.rel(path))
    return findings
