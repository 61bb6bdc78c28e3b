"""The content policy: what may enter an edition, whatever door it comes through (a page,
an include, a data file, an asset, a file name, a YAML file, mkdocs.yml), declared once
here and applied by the checks of the sources (checks/doors.py, checks/active_content.py,
checks/links.py), by the snapshot (outputs/dist.py), by the YAML reader
(model/datafiles.py) and by the build (outputs/mkdocs_run.py, render/includes.py).

Everything here is a plain declaration or a pure function of its arguments: no project
path, no data read, nothing cached.

    inside the project   no symbolic link, hard link or special file in the sources;
                         includes only from INCLUDE_ROOTS, as INCLUDE_SUFFIXES
    links                external addresses: LINK_SCHEMES to an allowed host
                         (data/external-links.yml); never an ACTIVE_SCHEMES address, in
                         any letter case or encoding
    characters           no invisible or direction control (`forbidden_characters`)
                         in any source or data string, unless data/characters.yml
                         declares the use
    YAML                 at most YAML_ALIASES aliases (none in data files), at most
                         YAML_NODES nodes once expanded, every key once
    names                docs/ and includes/: lower-case ASCII slugs; no two names
                         in the sources that differ only in letter case
    assets               ASSET_SUFFIXES only; scripts only in SCRIPT_FOLDERS; SVG and
                         HTML passive (SVG_ELEMENTS, SVG_ATTRIBUTES; nh3 for HTML)
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

# --- the parts of the project that are sources ---------------------------------------------

# Of the project's parts (model/project.py PROJECT_PARTS, what the snapshot copies), what
# holds content (text a reader sees, or files the site serves): the characters, the
# names and the assets are checked in these. publication/, scripts/ and deploy/ are code.
CONTENT_PARTS = ("mkdocs.yml", "docs", "data", "source", "includes", "overrides")
# Files read as text (the characters check); anything else in the content parts is
# checked by its name and type only.
TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".txt", ".html", ".htm", ".svg", ".css", ".js", ".json", ".xml", "")

# --- links ---------------------------------------------------------------------------------

LINK_SCHEMES = ("https",)  # an external link: https only, to an allowed host
PAGE_SCHEMES = ("https", "mailto")  # what a page's HTML may name (besides relative addresses)
# Addresses that run or carry a document of their own: never, in any case or encoding.
ACTIVE_SCHEMES = ("javascript", "vbscript", "data", "livescript", "mocha", "jar", "blob", "filesystem")
DATA_URL_KEYS = ("url", "href", "src")  # a data field of that name holds an address

_ACTIVE_RE = re.compile(r"(?<![a-z0-9+.\-])(" + "|".join(ACTIVE_SCHEMES) + r"):(?=\S)")
_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
# Characters no address holds (spaces, controls, invisible characters), and those a
# browser drops from inside an address before it reads the scheme (tabs, line ends, and
# here every control and invisible character, to be safe).
_URL_IGNORED_RE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_URL_DROPPED_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def decoded(text: str) -> str:
    """`text` as a browser may come to read it: character references and percent
    escapes undone (repeatedly: `&amp;#106;`, `%256A`), letter case folded."""
    for _ in range(5):
        before = text
        text = unquote(html.unescape(text))
        if text == before:
            break
    return text.casefold()


def active_address(text: str) -> str | None:
    """The active scheme (`javascript`, `data`, …) a text names as an address, in any
    letter case or encoding, with tabs, line breaks or invisible characters inside; None
    when it names none. Prose such as "data: see below" is no address (a space follows)."""
    plain = decoded(text)
    joined = _URL_DROPPED_RE.sub("", plain)
    for candidate in (plain, joined):
        m = _ACTIVE_RE.search(candidate)
        if m:
            return m[1]
    return None


def looks_like_address(text: str) -> bool:
    """A data string that is an address: a scheme and no space (`https://…`,
    `javascript:…`, `mailto:…`), not prose with a colon ("Let op: …", "12:30")."""
    stripped = text.strip()
    return bool(_SCHEME_RE.match(stripped)) and not re.search(r"\s", stripped)


def address_problem(url: str, allowed_hosts) -> str | None:
    """Why an external address breaks the link policy (None: it keeps it): an active
    scheme, a scheme other than LINK_SCHEMES, credentials, or a host that is not
    allowed."""
    scheme = active_address(url)
    if scheme:
        return f"an active address ({scheme}:)"
    if _URL_IGNORED_RE.search(url):
        return "an address with spaces or invisible characters"
    parts = urlsplit(url)
    if parts.scheme.lower() not in LINK_SCHEMES:
        return f"an address with the scheme {parts.scheme or 'none'}: (only {', '.join(LINK_SCHEMES)})"
    if parts.username or parts.password:
        return "an address with a user name or password"
    if (parts.hostname or "") not in allowed_hosts:
        return f"a link to the host {parts.hostname or 'none'}, which data/external-links.yml does not allow"
    return None


# --- characters ----------------------------------------------------------------------------

# Invisible and direction characters beside the categories Cc (controls), Cf (format
# characters: the direction embeddings, overrides, isolates and marks, the zero-width
# characters, the byte order mark, the soft hyphen), Zl and Zp (line and paragraph
# separators): Unicode's other default-ignorable code points (fillers, variation
# selectors) and the private use areas. Trojan Source (CVE-2021-42574) and UTS #55.
_EXTRA_INVISIBLE = (
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}


def is_forbidden(char: str) -> bool:
    """An invisible or direction character (see above); tab and line ends are text."""
    if char in _ALLOWED_CONTROLS:
        return False
    if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co"):
        return True
    point = ord(char)
    return any(low <= point <= high for low, high in _EXTRA_INVISIBLE)


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'a control character').upper()}"


def code_point(text: str) -> str | None:
    """'U+202E' (or '202E', 'u+202e') as the character; None if it is no code point."""
    m = re.fullmatch(r"\s*(?:[Uu]\+)?([0-9A-Fa-f]{4,6})\s*", text)
    return chr(int(m[1], 16)) if m and int(m[1], 16) <= 0x10FFFF else None


def forbidden_characters(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(offset, character) of every forbidden character in `text`, but `allowed` ones
    (a declared use). A byte order mark at the very start is the file's, not text."""
    out = []
    for offset, char in enumerate(text):
        if char in allowed or (offset == 0 and char == "\ufeff"):
            continue
        if ord(char) < 0x80 and (char >= " " or char in _ALLOWED_CONTROLS) and char != "\x7f":
            continue
        if is_forbidden(char):
            out.append((offset, char))
    return out


# A character reference in HTML or Markdown (&#x202E;, &#8238;) is the character itself
# once the page is built.
CHARREF_RE = re.compile(r"&#(?:[xX][0-9A-Fa-f]+|[0-9]+);")


def referenced_characters(text: str, allowed: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """(offset, character) of each forbidden character that a character reference names."""
    out = []
    for m in CHARREF_RE.finditer(text):
        char = html.unescape(m.group(0))
        if len(char) == 1 and char not in allowed and is_forbidden(char):
            out.append((m.start(), char))
    return out


# --- YAML ----------------------------------------------------------------------------------

YAML_ALIASES = {"data": 0, "config": 16}  # aliases a document may use: none in data files
YAML_NODES = 100_000  # nodes a document may have with its aliases expanded
YAML_DEPTH = 64  # lists and mappings within each other, at most

# --- names ---------------------------------------------------------------------------------

SLUG_RE = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
SLUG_PARTS = ("docs", "includes")  # their names become addresses of the site
SLUG_RULE = "a lower-case ASCII name (a-z, 0-9, '-', '_', '.')"


def name_problem(name: str) -> str | None:
    """Why one file or folder name is no slug (None: it is one)."""
    if SLUG_RE.fullmatch(name):
        return None
    if name != name.lower() and SLUG_RE.fullmatch(name.lower()):
        return "capital letters"
    if re.search(r"\s", name):
        return "a space"
    if not name.isascii():
        return "letters outside ASCII"
    return "characters outside a-z, 0-9, '-', '_', '.'"


def case_collisions(paths) -> list[tuple[str, str]]:
    """(first, second) of each two paths (POSIX, relative) equal but for letter case
    (or Unicode normalisation): on a reader's disk (Windows, macOS) they are one file."""
    seen: dict[str, str] = {}
    out = []
    for path in sorted(paths):
        key = unicodedata.normalize("NFKC", path).casefold()
        if key in seen:
            out.append((seen[key], path))
        else:
            seen[key] = path
    return out


# --- includes ------------------------------------------------------------------------------

INCLUDE_ROOTS = ("includes",)  # markdown-include's base_path; nothing outside it
INCLUDE_SUFFIXES = (".md",)
INCLUDE_DEPTH = 8  # includes within includes, at most
INCLUDE_RE = re.compile(r"\{!\s*(.+?)\s*!((\blines\b)=([0-9 -]+))?\}")  # markdown-include's own syntax


def include_problem(name: str, base: Path, roots: list[Path]) -> tuple[Path | None, str | None]:
    """(the file an include `{!name!}` reads, why it may not) against markdown-include's
    `base`: no home folder (`~`), no absolute path, nothing that leaves `roots` (after
    following symbolic links), only INCLUDE_SUFFIXES."""
    if name.startswith("~"):
        return None, f"a path in a home folder ({name})"
    if os.path.isabs(name) or PurePosixPath(name).is_absolute() or re.match(r"^[A-Za-z]:[\\/]", name):
        return None, f"an absolute path ({name})"
    target = Path(os.path.normpath(os.path.join(base, name)))
    return target, target_problem(target, roots, name)


def target_problem(target: Path, roots: list[Path], name: str | None = None) -> str | None:
    """Why the file an include reads may not be read (None: it may): it leaves `roots`,
    by its path or through a symbolic link, or it is not Markdown."""
    target = Path(os.path.normpath(os.path.expanduser(str(target))))
    real = Path(os.path.realpath(target))
    inside = [r for r in roots if _within(target, r) and _within(real, Path(os.path.realpath(r)))]
    if not inside:
        return f"a path that leaves {', '.join(r.name + '/' for r in roots)} ({name or target})"
    if target.suffix not in INCLUDE_SUFFIXES:
        return f"a file that is not Markdown ({name or target})"
    return None


def _within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


# --- assets --------------------------------------------------------------------------------

# What docs/ may hold beside the pages: passive files, by type.
ASSET_SUFFIXES = {
    ".md": "a page",
    ".css": "a stylesheet",
    ".svg": "an image (checked as SVG)",
    ".html": "an HTML file (checked as passive HTML)",
    ".png": "an image",
    ".jpg": "an image",
    ".jpeg": "an image",
    ".gif": "an image",
    ".webp": "an image",
    ".avif": "an image",
    ".ico": "an icon",
    ".woff": "a font",
    ".woff2": "a font",
    ".txt": "text",
    ".js": "a script (only in SCRIPT_FOLDERS)",
}
SCRIPT_FOLDERS = ("docs/assets/vendor/",)  # vendored scripts, each listed in its README
# The first bytes of the binary types: a file named .png must be a PNG.
MAGIC = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".ico": (b"\x00\x00\x01\x00",),
    ".woff": (b"wOFF",),
    ".woff2": (b"wOF2",),
}

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Passive SVG: shapes, text, paint servers, clipping and masks, and `use` of a part of
# the same file. Not script, foreignObject, a, image, feImage, animate/set (they can
# set an href), style (its CSS can load from elsewhere), iframe, audio, video.
SVG_ELEMENTS = frozenset(
    """svg g defs symbol use title desc metadata path rect circle ellipse line polyline polygon
    text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker
    filter feBlend feColorMatrix feComponentTransfer feComposite feFlood feGaussianBlur
    feMerge feMergeNode feMorphology feOffset feFuncR feFuncG feFuncB feFuncA
    feDropShadow""".split()
)
# Attributes: geometry, presentation and text; an href only to a part of the same file.
SVG_ATTRIBUTES = frozenset(
    """id class lang viewBox preserveAspectRatio width height x y x1 y1 x2 y2 cx cy r rx ry
    d points pathLength transform fill fill-opacity fill-rule stroke stroke-width
    stroke-opacity stroke-linecap stroke-linejoin stroke-dasharray stroke-dashoffset
    stroke-miterlimit opacity color display visibility clip-path clip-rule mask filter
    font-family font-size font-weight font-style text-anchor dominant-baseline
    alignment-baseline letter-spacing word-spacing dx dy rotate textLength lengthAdjust
    gradientUnits gradientTransform spreadMethod offset stop-color stop-opacity fx fy fr
    patternUnits patternContentUnits patternTransform clipPathUnits maskUnits
    maskContentUnits markerUnits markerWidth markerHeight refX refY orient
    filterUnits primitiveUnits in in2 result stdDeviation mode type values operator k1 k2
    k3 k4 dx dy flood-color flood-opacity tableValues slope intercept amplitude exponent
    radius role aria-label aria-hidden aria-labelledby aria-describedby focusable
    vector-effect shape-rendering text-rendering paint-order version baseProfile
    href xml:space xml:lang""".split()
)
# url(#id) only: a paint server, clip or mask of the same file.
SVG_URL_RE = re.compile(r"url\(\s*['\"]?(?!#)[^)]*\)", re.I)
CSS_EXTERNAL_RE = re.compile(
    r"@import|url\(\s*['\"]?\s*(?:[a-z][a-z0-9+.\-]*:|//)|expression\s*\(|behavior\s*:|-moz-binding", re.I
)


# --- files ---------------------------------------------------------------------------------


def unsafe_files(root: Path, parts) -> list[tuple[str, str]]:
    """(path relative to `root`, what it is) of every entry under `parts` that is not a
    plain folder or a plain file of its own: a symbolic link (wherever it points: links
    have no place in the sources, and one is never followed), a special file (a pipe, a
    socket, a device), a file hard-linked elsewhere (its bytes are another file's).
    Nothing is followed or read."""
    import stat

    out = []

    def look(path: Path) -> bool:
        """Whether to descend into `path` (a plain folder)."""
        rel = path.relative_to(root).as_posix()
        try:
            info = path.lstat()
        except FileNotFoundError:
            return False
        if stat.S_ISLNK(info.st_mode):
            out.append((rel, f"a symbolic link (to {os.readlink(path)})"))
            return False
        if stat.S_ISDIR(info.st_mode):
            return True
        if not stat.S_ISREG(info.st_mode):
            out.append((rel, "a special file (a pipe, socket or device)"))
        elif info.st_nlink > 1:
            out.append((rel, f"a file with {info.st_nlink - 1} other hard link(s)"))
        return False

    for part in parts:
        top = root / part
        if not look(top):
            continue
        for folder, dirs, files in os.walk(top, followlinks=False):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and look(Path(folder) / d))
            for name in sorted(files):
                look(Path(folder) / name)
    return out


# --- mkdocs.yml ------------------------------------------------------------------------------

# The options of mkdocs.yml that name a file or folder MkDocs reads (or, site_dir, writes
# and cleans): each inside the project. `hooks` are Python files MkDocs runs.
CONFIG_PATHS = ("INHERIT", "docs_dir", "site_dir", "theme.custom_dir", "watch", "hooks")


def config_path_problems(config: dict, root: Path) -> list[tuple[str, str]]:
    """(option, what it names) of each path option of mkdocs.yml that leaves `root`."""
    out = []
    real_root = Path(os.path.realpath(root))
    for option in CONFIG_PATHS:
        value: object = config
        for key in option.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str):
                continue  # absent, or a tag (!ENV, !relative) MkDocs resolves itself
            target = Path(os.path.realpath(os.path.join(root, os.path.expanduser(item))))
            if not _within(target, real_root):
                out.append((option, item))
    return out
