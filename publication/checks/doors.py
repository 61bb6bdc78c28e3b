"""Nothing gets in from outside: the content policy (model/policy.py) at every door of
the sources, each finding with its file and line.

    files        no symbolic link, special file or hard link anywhere in the sources;
                 page and asset names lower-case ASCII slugs; no two names that differ
                 only in letter case; assets of the allowed types (scripts only in the
                 vendor folder, images that are what their names say)
    includes     every `{!…!}` of a page or an include reads a Markdown file inside
                 includes/ (no absolute path, no `~`, no `..` out, no link out, no loop)
    characters   no invisible or direction control in any content file, nor named by a
                 character reference, nor in a YAML string's escapes, unless
                 data/characters.yml declares that use
    data         every string of the data, mkdocs.yml and the pages' front matter: an
                 address keeps the link policy (https, an allowed host), nothing names a
                 javascript:/data:/vbscript: address, text holds no markup (the labels:
                 only nh3's passive HTML, as the pages)
    assets       SVG and HTML files are passive (no script, event handler,
                 foreignObject, external reference); CSS loads nothing from elsewhere

The YAML limits (aliases, depth, keys given twice) are the reader's own
(model/datafiles.py): a file beyond them is a finding of whichever check reads it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from publication.model import datafiles, policy
from publication.model.findings import Finding
from publication.model.project import CODE_PARTS, PROJECT_PARTS
from publication.model.publication import Publication as Project

DECLARED = "data/characters.yml"


# --- files -----------------------------------------------------------------------------------


def content_files(project: Project) -> list[Path]:
    """Every plain file of the content parts (links and special files are not entered)."""
    out = []
    for part in policy.CONTENT_PARTS:
        top = project.root / part
        if top.is_symlink():
            continue
        if top.is_file():
            out.append(top)
        elif top.is_dir():
            out += [p for p in sorted(top.rglob("*")) if p.is_file() and not p.is_symlink() and _plain(p, top)]
    return out


def _plain(path: Path, top: Path) -> bool:
    """No folder between `top` and `path` is a link (rglob would have followed it)."""
    return not any(parent.is_symlink() for parent in path.relative_to(top).parents if str(parent) != ".")


def check_files(project: Project) -> list[Finding]:
    root = project.root
    findings = [
        Finding(rel, 0, "no link or special file in the sources (model/policy.py)", what, "files")
        for rel, what in policy.unsafe_files(root, PROJECT_PARTS + CODE_PARTS)
    ]
    names = []
    for part in PROJECT_PARTS + CODE_PARTS:
        top = root / part
        if top.is_dir() and not top.is_symlink():
            names += [p.relative_to(root).as_posix() for p in top.rglob("*") if "__pycache__" not in p.parts]
    for first, second in policy.case_collisions(names):
        findings.append(
            Finding(second, 0, f"a name that differs from {first} by more than letter case", "the same name", "files")
        )
    for part in policy.SLUG_PARTS:
        top = root / part
        if not top.is_dir() or top.is_symlink():
            continue
        for path in sorted(top.rglob("*")):
            problem = policy.name_problem(path.name)
            if problem:
                findings.append(
                    Finding(project.rel(path), 0, f"{policy.SLUG_RULE} (model/policy.py)", problem, "files")
                )
    docs = root / "docs"
    for path in content_files(project):
        if docs not in path.parents:
            continue
        rel = project.rel(path)
        suffix = path.suffix.lower()
        if suffix not in policy.ASSET_SUFFIXES:
            kinds = ", ".join(sorted(policy.ASSET_SUFFIXES))
            findings.append(
                Finding(rel, 0, f"a page or a passive asset ({kinds})", f"a {suffix or 'nameless'} file", "files")
            )
        elif suffix == ".js" and not any(rel.startswith(folder) for folder in policy.SCRIPT_FOLDERS):
            findings.append(
                Finding(
                    rel,
                    0,
                    f"scripts only in {', '.join(policy.SCRIPT_FOLDERS)} (vendored, listed in its README)",
                    "a script",
                    "files",
                )
            )
        elif suffix in policy.MAGIC and not path.read_bytes().startswith(policy.MAGIC[suffix]):
            findings.append(Finding(rel, 0, f"the bytes of a {suffix} file", "other content", "files"))
    return findings


# --- includes -----------------------------------------------------------------------------


def check_includes(project: Project) -> list[Finding]:
    """Every include directive of the pages and of what they include."""
    roots = [project.root / r for r in policy.INCLUDE_ROOTS]
    base = roots[0]
    files = [p for files in project.pages().values() for p in files.values()]
    files += [p for root in roots if root.is_dir() for p in sorted(root.rglob("*.md"))]
    findings = []
    expected = f"an include of a Markdown file inside {', '.join(r + '/' for r in policy.INCLUDE_ROOTS)}"
    for path in files:
        for line, _name, target, problem in _directives(path, base, roots):
            if problem is None:
                problem = _loop(target, base, roots, (path,))
            if problem:
                findings.append(Finding(project.rel(path), line, expected, problem, "includes"))
    return findings


def _directives(path: Path, base: Path, roots: list[Path]):
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return  # the characters and structure checks say why
    for n, line in enumerate(text.split("\n"), start=1):
        for m in policy.INCLUDE_RE.finditer(line):
            target, problem = policy.include_problem(m[1], base, roots)
            if problem is None and not target.is_file():
                problem = f"no such file ({m[1]})"
            yield n, m[1], target, problem


def _loop(target: Path, base: Path, roots: list[Path], chain: tuple = (), memo: dict | None = None) -> str | None:
    """Why following the includes from `target` never ends, goes too deep or leaves
    (None: it ends within INCLUDE_DEPTH). Each file is followed once (`memo`: how deep
    its includes go), so a wide web of includes costs one read a file."""
    memo = {} if memo is None else memo
    height = _height(target, base, roots, chain, memo)
    if isinstance(height, str):
        return height
    if len(chain) + height > policy.INCLUDE_DEPTH:
        return f"includes nested deeper than {policy.INCLUDE_DEPTH}"
    return None


def _height(target: Path, base: Path, roots: list[Path], chain: tuple, memo: dict):
    if target in memo:
        return memo[target]
    if target in chain or len(chain) > policy.INCLUDE_DEPTH:
        names = " -> ".join(p.name for p in (*chain, target))
        return f"an include of itself ({names})" if target in chain else "includes nested too deep"
    height = 1
    for _, _, nested, problem in _directives(target, base, roots):
        if problem:
            return f"{problem}, included through {target.name}"
        below = _height(nested, base, roots, (*chain, target), memo)
        if isinstance(below, str):
            return below
        height = max(height, below + 1)
    memo[target] = height
    return height


# --- characters ----------------------------------------------------------------------------


def declared_characters(project: Project) -> list[tuple[str, str]]:
    """(character, file glob) of each declared use (data/characters.yml; none if absent)."""
    path = project.root / DECLARED
    if not path.is_file():
        return []
    raw = datafiles.load(path, datafiles.SHAPES["characters.yml"])
    out = []
    for i, entry in enumerate(raw.get("allowed") or []):
        char = policy.code_point(entry["character"])
        if char is None:
            scalars = datafiles.strings(datafiles.read_text(path))
            where = next((n for n, key, _, _ in scalars if key == f"allowed[{i + 1}].character"), 0)
            raise datafiles.DataFileError(path, where, "a code point like U+200F", repr(entry["character"]))
        out += [(char, pattern) for pattern in entry["files"]]
    return out


def _allowed_in(rel: str, declared) -> frozenset[str]:
    from fnmatch import fnmatch

    return frozenset(char for char, pattern in declared if fnmatch(rel, pattern))


def check_characters(project: Project) -> list[Finding]:
    declared = declared_characters(project)
    findings = []
    expected = "no invisible or direction control character (model/policy.py; declare a use in data/characters.yml)"
    for path in content_files(project):
        if path.suffix.lower() not in policy.TEXT_SUFFIXES:
            continue
        rel = project.rel(path)
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            if path.suffix == ".md" and project.docs in path.parents:
                continue  # a page: the structure check, which reads it, says so
            line = raw[: err.start].count(b"\n") + 1
            findings.append(
                Finding(rel, line, "UTF-8 text", f"a byte that is not UTF-8 (byte {err.start})", "characters")
            )
            continue
        allowed = _allowed_in(rel, declared)
        seen = set()
        for offset, char in policy.forbidden_characters(text, allowed):
            line = text.count("\n", 0, offset) + 1
            seen.add(line)
            findings.append(Finding(rel, line, expected, policy.describe(char), "characters"))
        for offset, char in policy.referenced_characters(text, allowed):
            line = text.count("\n", 0, offset) + 1
            findings.append(
                Finding(rel, line, expected, f"{policy.describe(char)} as a character reference", "characters")
            )
        suffix = path.suffix.lower()
        yaml_text = (
            (text.lstrip("\ufeff"), 0)
            if suffix in (".yml", ".yaml")
            else _yaml_text(path, "front matter")
            if suffix == ".md"
            else None
        )
        if yaml_text is not None:  # what the YAML says once read: its escapes undone
            try:
                scalars = datafiles.strings(*yaml_text)
            except yaml.YAMLError:
                continue  # the file's own readers report YAML that cannot be read
            for line, where, value, _ in scalars:
                for _, char in policy.forbidden_characters(value, allowed):
                    if line not in seen:  # written as an escape ("\u202E"), not as itself
                        findings.append(
                            Finding(rel, line, expected, f"{policy.describe(char)} in '{where}'", "characters")
                        )
    return sorted(set(findings), key=lambda f: (f.file, f.line, f.found))


# --- data -------------------------------------------------------------------------------------

TAG_RE = re.compile(r"<\s*/?\s*[A-Za-z!?]")
ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
MARKUP_FILES = ("data/labels/",)  # their words are HTML (passive, as the pages')
TEXT_EXPECTED = "text (no markup: the data's strings are rendered as text)"


def data_sources(project: Project) -> list[tuple[str, str, int]]:
    """(file, YAML text, line offset) of every YAML text the publication renders from:
    the data files, mkdocs.yml, each page's front matter."""
    out = []
    for path in sorted(project.data.rglob("*")):
        if path.suffix in (".yml", ".yaml") and path.is_file() and not path.is_symlink():
            out.append((project.rel(path), path, 0))
    if project.config.is_file():
        out.append((project.rel(project.config), project.config, 0))
    for files in project.pages().values():
        for path in files.values():
            out.append((project.rel(path), path, "front matter"))
    return out


def _yaml_text(path: Path, where) -> tuple[str, int] | None:
    try:
        text = datafiles.read_text(path)
    except datafiles.DataFileError:
        return None
    if where != "front matter":
        return text, 0
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---" or "---" not in lines[1:]:
        return None
    end = lines.index("---", 1)
    return "\n".join(lines[1:end]), 1


def check_data(project: Project) -> list[Finding]:
    from publication.checks import active_content

    try:
        hosts = datafiles.load(project.data / "external-links.yml", datafiles.SHAPES["external-links.yml"])[
            "allowed_hosts"
        ]
    except datafiles.DataFileError:
        hosts = {}  # the configuration check stops the command first
    findings = []
    for rel, path, where in data_sources(project):
        read = _yaml_text(path, where)
        if read is None:
            continue
        text, offset = read
        try:
            scalars = datafiles.strings(text, offset)
        except yaml.YAMLError as err:
            if isinstance(err, datafiles.PolicyError):  # the other readers stop at it too
                line, problem = datafiles.yaml_error(text, err)
                findings.append(Finding(rel, line + offset, err.expected, problem, "data"))
            continue
        markup = any(rel.startswith(prefix) for prefix in MARKUP_FILES)
        for line, key, value, is_key in scalars:
            findings += [
                Finding(rel, line, e, f, "data") for e, f in _string_problems(key, value, hosts, markup, is_key)
            ]
        if markup:
            for line, key, value, _ in scalars:
                for tag, attrs, _ in active_content.start_tags(value):
                    findings += [
                        Finding(rel, line, active_content.EXPECTED, f"{what} in '{key}'", "data")
                        for what in active_content.problems(tag, attrs)
                    ]
    return sorted(set(findings), key=lambda f: (f.file, f.line, f.found))


def _string_problems(key: str, value: str, hosts, markup: bool, is_key: bool = False):
    """(expected, found) of one string of the data (`is_key`: a mapping's key)."""
    field = "" if is_key else key.rsplit(".", 1)[-1].split("[")[0]
    scheme = policy.active_address(value)
    if scheme:
        yield "no active address (javascript:, vbscript:, data: …; model/policy.py)", f"{scheme}: in '{key}'"
        return
    address = value.strip()
    if field in policy.DATA_URL_KEYS or policy.looks_like_address(address):
        mail = address.lower().startswith("mailto:") and "mailto" in policy.PAGE_SCHEMES
        problem = None if mail and field not in policy.DATA_URL_KEYS else policy.address_problem(address, hosts)
        if problem:
            yield "an address that keeps the link policy (https, an allowed host)", f"{problem} in '{key}'"
    if not markup and (TAG_RE.search(value) or ENTITY_RE.search(value)):
        shown = (TAG_RE.search(value) or ENTITY_RE.search(value)).group(0)
        yield TEXT_EXPECTED, f"markup ({shown}…) in '{key}'"


# --- assets -----------------------------------------------------------------------------------


def check_assets(project: Project) -> list[Finding]:
    findings = []
    for path in content_files(project):
        if path.suffix.lower() not in (".svg", ".html", ".htm", ".css") or (project.root / "overrides") in path.parents:
            continue  # overrides/: the theme's templates are code (their scripts are hashed into the CSP)
        rel = project.rel(path)
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # the characters check reports it
        suffix = path.suffix.lower()
        if suffix == ".svg":
            problems = svg_problems(path.read_bytes())
            expected = "a passive SVG (shapes and text; no script, handler, foreignObject or outside reference)"
        elif suffix == ".css":
            problems = css_problems(text)
            expected = "a stylesheet that loads nothing from elsewhere"
        else:
            problems = html_problems(text)
            from publication.checks.active_content import EXPECTED as expected
        findings += [Finding(rel, line, expected, what, "assets") for line, what in problems]
    return findings


def svg_problems(data: bytes) -> list[tuple[int, str]]:
    """(line, what) of everything in an SVG that is not passive (policy.SVG_ELEMENTS,
    SVG_ATTRIBUTES): parsed without a DTD, entities or the network."""
    from lxml import etree

    pi = re.search(rb"<\?(?!xml[\s?])", data)
    if pi:  # <?xml-stylesheet …?> loads a stylesheet from anywhere
        return [(data[: pi.start()].count(b"\n") + 1, "a processing instruction (<?…?>)")]
    if re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I):
        line = data[: re.search(rb"<!DOCTYPE|<!ENTITY", data, re.I).start()].count(b"\n") + 1
        return [(line, "a document type declaration (entities can read files)")]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        return [(err.lineno or 0, f"XML that does not parse ({err.msg})")]
    out = []
    for node in root.iter():
        line = node.sourceline or 0
        if isinstance(node, etree._ProcessingInstruction):
            out.append((line, f"a processing instruction <?{node.target} …?>"))
            continue
        if not isinstance(node.tag, str):
            continue  # comments
        namespace, _, name = node.tag.rpartition("}")
        namespace = namespace.lstrip("{")
        if namespace != policy.SVG_NS or name not in policy.SVG_ELEMENTS:
            out.append((line, f"the element <{name}>" + (f" ({namespace})" if namespace != policy.SVG_NS else "")))
            continue
        for attr, value in node.attrib.items():
            attr_ns, _, attr_name = attr.rpartition("}")
            attr_ns = attr_ns.lstrip("{")
            qualified = {"http://www.w3.org/XML/1998/namespace": "xml:", policy.XLINK_NS: ""}.get(attr_ns, "?")
            if attr_ns and qualified == "?":
                out.append((line, f"the attribute {attr} on <{name}>"))
                continue
            full = qualified + attr_name if qualified != "?" else attr_name
            if attr_name.lower().startswith("on"):
                out.append((line, f'the event handler {attr_name}="{value[:40]}" on <{name}>'))
            elif full not in policy.SVG_ATTRIBUTES and attr_name not in policy.SVG_ATTRIBUTES:
                out.append((line, f"the attribute {attr_name} on <{name}>"))
            elif attr_name == "href" and not value.strip().startswith("#"):
                out.append((line, f'href="{value[:60]}" on <{name}> (only #parts of the same file)'))
            elif policy.SVG_URL_RE.search(value) or policy.active_address(value):
                out.append((line, f'{attr_name}="{value[:60]}" on <{name}> (only url(#part))'))
    for line, root_tail in ((root.sourceline or 0, data[data.rfind(b">") + 1 :]),):
        if root_tail.strip():
            out.append((line, "content after the SVG"))
    return out


def css_problems(text: str) -> list[tuple[int, str]]:
    return [
        (text.count("\n", 0, m.start()) + 1, f"{m.group(0)}… (an import or an address elsewhere)")
        for m in policy.CSS_EXTERNAL_RE.finditer(text)
    ]


# An HTML file of its own beside the pages: the pages' passive HTML, and a document's frame.
DOCUMENT_TAGS = {"html": {"lang", "dir"}, "head": set(), "body": {"lang", "dir"}, "title": set()}


def html_problems(text: str) -> list[tuple[int, str]]:
    from publication.checks import active_content

    out = []
    for tag, attrs, (line, _) in active_content.start_tags(text):
        if tag in DOCUMENT_TAGS and all(name in DOCUMENT_TAGS[tag] for name, _ in attrs):
            continue
        if tag == "meta" and {name for name, _ in attrs} <= {"charset", "name", "content"}:
            continue
        out += [(line, what) for what in active_content.problems(tag, attrs)]
    return out


# --- the built site and the offline bundle -------------------------------------------------

ADDRESS_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background")


def check_built(site: Path, prefix: str = "site") -> list[Finding]:
    """Whatever door it came through (a page, the data, a template, an asset): no event
    handler attribute and no active address in any built HTML page, and every SVG file
    passive. For the site and the offline bundle, which opens from file://."""
    from lxml import etree
    from lxml import html as lxml_html

    findings = []
    for path in sorted(site.rglob("*")):
        rel = f"{prefix}/{path.relative_to(site).as_posix()}"
        if path.suffix == ".svg" and path.is_file():
            expected = "a passive SVG (shapes and text; no script, handler, foreignObject or outside reference)"
            findings += [
                Finding(rel, line, expected, what, "passive-site") for line, what in svg_problems(path.read_bytes())
            ]
        elif path.suffix == ".html" and path.is_file():
            try:
                root = lxml_html.document_fromstring(path.read_bytes())
            except (etree.ParserError, ValueError):
                continue  # the links check and the validators read it
            for el in root.iter():
                if not isinstance(el.tag, str):
                    continue
                for name, value in el.attrib.items():
                    where = f'<{el.tag} {name}="{value[:40]}">'
                    if name.lower().startswith("on"):
                        findings.append(
                            Finding(rel, el.sourceline or 0, "no event handler attribute", where, "passive-site")
                        )
                    elif name.lower() in ADDRESS_ATTRIBUTES and policy.active_address(value):
                        findings.append(
                            Finding(
                                rel, el.sourceline or 0, "no active address (model/policy.py)", where, "passive-site"
                            )
                        )
    return findings
