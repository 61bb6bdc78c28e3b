"""Material's stylesheet cut down to what the built site can use.

Material ships one stylesheet for every feature it has (137 kB; 19 kB compressed), and
it is the largest part of a first visit. After the build, every rule is kept that the
site can use, and only those go:

- a rule stays when every class, id, element and attribute its selector names occurs in
  a built page (as an element, an attribute, or a word of an attribute's value or of an
  inline script) or as a word anywhere in the site's scripts (the elements Material's
  script makes on first use: search results, tooltips, the dialog). The selector is read
  without its pseudo-classes and pseudo-elements (`:hover`, `:not(…)`, `::before`), so
  that what a state or a negation would rule out is kept, never dropped;
- a custom property (`--md-…`) stays when something reads it (`var(…)` in the rules
  kept, a page or a script);
- `@font-face`, `@keyframes` and the other at-rules stay; `@media` and `@supports` keep
  the rules inside them that stay, and go when none does.

So a rule is dropped only when something it needs is named nowhere in the site. The
result is written under a name carrying its own digest (`used.<8 hex>.min.css`: nginx
caches such names for a year), every page is pointed at it, and Material's stylesheet of
that name is removed. It is made from Material's own file each time (the plugin runs it
after each language's build; the last run, over every page, decides).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import tinycss2
from lxml import html as lxml_html

from publication.model import caches

WORD = re.compile(r"[A-Za-z0-9_-]+")
MATERIALS = re.compile(r"main\.[0-9a-f]{8}\.min\.css")  # Material's name for it
STYLESHEET = re.compile(r"(?:main|used)\.[0-9a-f]{8}\.min\.css")  # Material's or this module's
# A pseudo-class or pseudo-element, with its argument: `:hover`, `::before`, `:not(.x)`.
PSEUDO = re.compile(r"::?[\w-]+(?:\((?:[^()]|\([^()]*\))*\))?")
# An attribute selector: its name, and the words of its value.
ATTRIBUTE = re.compile(r"""\[\s*([\w-]+)\s*(?:[~|^$*]?=\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*)))?\s*[is]?\s*\]""")
# What a selector names: .class, #id or element.
NAMED = re.compile(r"(?<![\w-])([.#]?)(-?[A-Za-z_][\w-]*)")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
NESTING = ("media", "supports")


def material_stylesheet() -> Path:
    """Material's own stylesheet, as its package ships it."""
    import material

    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one main.*.min.css in Material's package, found {len(found)}")
    return found[0]


def site_words(site: Path) -> tuple[set[str], str]:
    """(the names the site uses: elements, attributes and the words of their values in
    every page, every word of its scripts; the text in which custom properties may be
    read: pages and scripts)."""
    words: set[str] = set()
    texts = []
    for page in sorted(site.rglob("*.html")):
        data = page.read_bytes()
        texts.append(data.decode("utf-8", "replace"))
        if not data.strip():
            continue
        for el in lxml_html.document_fromstring(data).iter():
            if not isinstance(el.tag, str):
                continue
            words.add(el.tag)
            for name, value in el.attrib.items():
                words.add(name)
                words.update(WORD.findall(value))
            if el.tag == "script" and el.text:
                words.update(WORD.findall(el.text))
    for script in sorted(site.rglob("*.js")):
        text = script.read_text(encoding="utf-8", errors="replace")
        texts.append(text)
        words.update(WORD.findall(text))
    return words, "\n".join(texts)


def selector_used(selector: str, words: set[str]) -> bool:
    """Whether everything `selector` names occurs among `words` (see the module)."""
    bare = PSEUDO.sub(" ", selector)
    bare = ATTRIBUTE.sub(
        lambda m: " " + m[1] + " " + " ".join("." + w for w in WORD.findall(m[2] or m[3] or m[4] or "")) + " ", bare
    )
    return all(name in words for _, name in NAMED.findall(bare))


CACHE_VERSION = 1


def parsed(css: str, cache: bool = True) -> list:
    """The stylesheet as nodes the trimming reads, parsed once per machine and digest
    (tinycss2 takes half a second on Material's): ["rule", selectors, declarations],
    declarations being [name, value, important] (None for what is no declaration, kept as
    its text); ["at", keyword, prelude, nodes] for @media and @supports; ["text", css]."""
    key = hashlib.sha256(css.encode("utf-8")).hexdigest()
    path = caches.folder("css") / f"stylesheet-{key[:32]}.json"
    raw = caches.read(path, CACHE_VERSION, key) if cache else None
    if raw is not None and isinstance(raw.get("nodes"), list):
        return raw["nodes"]
    nodes = _nodes(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    if cache:
        caches.write(path, {"version": CACHE_VERSION, "digest": key, "nodes": nodes})
    return nodes


def _nodes(rules) -> list:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [x.strip() for x in _split_selectors(tinycss2.serialize(rule.prelude))]
            declarations = []
            for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True):
                if d.type == "declaration":
                    declarations.append([d.name, tinycss2.serialize(d.value).strip(), d.important])
                else:
                    declarations.append([None, tinycss2.serialize([d]), False])
            out.append(["rule", selectors, declarations])
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in NESTING:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            out.append(["at", rule.at_keyword, tinycss2.serialize(rule.prelude), _nodes(inner)])
        else:
            out.append(["text", tinycss2.serialize([rule])])
    return out


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside `:is(…)`)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return parts + [prelude[start:]]


def _each_rule(nodes: list, change) -> list:
    """The nodes with each rule replaced by `change(rule)` (None: the rule goes), inside
    @media and @supports too; an @media or @supports left empty goes."""
    out = []
    for node in nodes:
        if node[0] == "rule":
            changed = change(node)
            if changed is not None:
                out.append(changed)
        elif node[0] == "at":
            inner = _each_rule(node[3], change)
            if inner:
                out.append(["at", node[1], node[2], inner])
        else:
            out.append(node)
    return out


def used_rules(nodes: list, words: set[str]) -> list:
    """The nodes whose selectors the site can use (each selector list cut to those of
    its selectors that it can); an @media or @supports with none of them goes."""

    def used(rule):
        selectors = [s for s in rule[1] if selector_used(s, words)]
        return ["rule", selectors, rule[2]] if selectors else None

    return _each_rule(nodes, used)


def read_properties(nodes: list, elsewhere: str) -> list:
    """The nodes without the custom properties nothing reads (in the rules left, the
    pages or the scripts), until every one left is read; a rule left with no
    declaration goes."""
    outside = set(VAR.findall(elsewhere)) | set(re.findall(r"--md-[\w-]+", elsewhere))
    while True:
        read = outside | set(VAR.findall(serialize(nodes)))
        pruned = _without_unread(nodes, read)
        if pruned == nodes:
            return nodes
        nodes = pruned


def _without_unread(nodes: list, read: set[str]) -> list:
    def pruned(rule):
        kept = [d for d in rule[2] if not (d[0] and d[0].startswith("--") and d[0] not in read)]
        return ["rule", rule[1], kept] if any(d[0] for d in kept) else None

    return _each_rule(nodes, pruned)


def serialize(nodes: list) -> str:
    parts = []
    for node in nodes:
        if node[0] == "rule":
            body = ";".join(f"{n}:{v}{'!important' if i else ''}" if n else v for n, v, i in node[2])
            parts.append(",".join(node[1]) + "{" + body + "}")
        elif node[0] == "at":
            parts.append(f"@{node[1]}{node[2]}{{{serialize(node[3])}}}")
        else:
            parts.append(node[1])
    return "".join(parts)


def _digest_name(css: bytes) -> str:
    return f"used.{hashlib.sha256(css).hexdigest()[:8]}.min.css"


def _trimmed_already(site: Path, folder: Path) -> bool:
    """Whether no page names Material's stylesheet and it is gone: nothing was written since
    the last cut (mkdocs-static-i18n calls the plugin's last step twice, once the pages of
    every language are written)."""
    if any(folder.glob("main.*.min.css")):
        return False
    return not any(MATERIALS.search(page.read_text(encoding="utf-8")) for page in site.rglob("*.html"))


def trim_site_stylesheet(site: Path, source: Path | None = None, cache: bool = True) -> tuple[int, int] | None:
    """Write Material's stylesheet (`source`, by default its package's) cut to what the
    built `site` uses, point every page at it and remove the others; `cache`: keep its
    parse in the machine's cache (`parsed`). Returns the sizes (bytes) before and after,
    or None when the site has no Material stylesheet or every page has the cut one."""
    folder = site / "assets" / "stylesheets"
    if not any(folder.glob("main.*.min.css")) and not any(folder.glob("used.*.min.css")):
        return None
    source = source or material_stylesheet()
    if _trimmed_already(site, folder):
        return None
    words, elsewhere = site_words(site)
    full = source.read_text(encoding="utf-8")
    css = serialize(read_properties(used_rules(parsed(full, cache), words), elsewhere))
    name = _digest_name(css.encode("utf-8"))
    (folder / name).write_text(css, encoding="utf-8")
    for old in [*folder.glob("main.*.min.css*"), *folder.glob("used.*.min.css")]:
        if old.name != name:
            old.unlink()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        pointed = STYLESHEET.sub(name, text)
        if pointed != text:
            page.write_text(pointed, encoding="utf-8")
    return len(full.encode("utf-8")), len(css.encode("utf-8"))
