"""The reader-facing words of the publication, per language, as data
(`data/labels/<lang>.yml`, the way Material keeps its language strings): the footnote
names, the chart's labels, the pages' table headings, the PDF's title page… Code asks
for them by where they appear, from the publication: `pub.labels("en")["footnotes"]["call"]`.

Words never hold the publication's facts; they name them, and `load()` fills them in
from the sections found (`Project.sections()`) and the data:

    {source_pages}     the source pages of the sections, with the language's word for
                       one page or more (`page_words`): "pagina 32", "pagina's 32 en 34",
                       "pages 32–33"
    {footnote_range}   the footnote numbers those pages print: 35–37
    {section_titles}   the sections' titles in the language (a list item that is only
                       this name becomes one item per section)

Other `{names}` are filled by the code that uses the words (`{citation}`, `{page}` ...)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from publication import DEFAULT_LANGUAGE
from publication.model import datafiles
from publication.model.findings import key_line
from publication.model.project import SectionError, footnotes_by_page, front_matter, page_range


class LabelsError(ValueError):
    pass


def load(pub, lang: str) -> dict:
    """The words of `lang` in the publication `pub` (a language without its own file
    gets the default's), with the publication's facts filled in."""
    path = pub.data / "labels" / f"{lang}.yml"
    if not path.is_file():
        path = pub.data / "labels" / f"{DEFAULT_LANGUAGE}.yml"
    words = Words(datafiles.load(path, datafiles.SHAPES["labels"]), path)
    filled = _with_facts(words, lang, pub)
    return filled if isinstance(filled, Words) else Words(filled, path)  # a missing key stays named


# The locale of lists ("35, 36 and 37"): the publication writes British English.
LIST_LOCALE = {"en": "en_GB"}


def format_list(items: list, lang: str) -> str:
    """'35, 36 en 37' / '35, 36 and 37' (CLDR, through Babel)."""
    from babel.lists import format_list as babel_list

    return babel_list([str(i) for i in items], locale=LIST_LOCALE.get(lang, lang)) if items else ""


FACT_RE = re.compile(r"\{(source_pages|footnote_range|section_titles)\}")


def pages_phrase(pages: list[int], words: dict, lang: str) -> str:
    """Page numbers as a language writes them, with its word for one page or more:
    'pagina 32', "pagina's 32 en 34", 'pages 32–33' (runs of pages as ranges)."""
    runs = page_range(pages).split(", ") if pages else []
    form = words["one"] if len(pages) == 1 else words["other"]
    return form.format(pages=format_list(runs, lang))


def facts(lang: str, pub, words: dict | None = None) -> dict[str, object]:
    """The publication's facts that words may name, for `lang` (see the module's text);
    `words`: the language's labels (their `page_words`)."""

    try:
        sections = pub.sections()
    except SectionError:
        sections = []
    pages = sorted({s.source_page for s in sections})
    try:
        notes = footnotes_by_page(
            (datafiles.parse((pub.data / "references.yml").read_text(encoding="utf-8")) or {}).get("footnotes")
        )
        numbers = sorted(n for page in pages for n in notes.get(page, {}))
    except (OSError, ValueError, AttributeError, yaml.YAMLError):
        numbers = []
    titles = [str(front_matter(pub.docs / lang / s.page).get("title") or s.name) for s in sections]
    page_words = (words or {}).get("page_words") or {"one": "{pages}", "other": "{pages}"}
    return {
        "source_pages": pages_phrase(pages, page_words, lang),
        "footnote_range": page_range(numbers),
        "section_titles": titles,
    }


def _with_facts(words: dict, lang: str, pub) -> dict:
    if not any(FACT_RE.search(text) for text in _strings(words)):
        return words
    known = facts(lang, pub, words)

    def fill(text: str) -> str:
        return FACT_RE.sub(
            lambda m: _join(known[m[1]], lang) if isinstance(known[m[1]], list) else str(known[m[1]]), text
        )

    def walk(value):
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            out = []
            for item in value:
                if item == "{section_titles}":
                    out += list(known["section_titles"])
                else:
                    out.append(walk(item))
            return out
        return fill(value) if isinstance(value, str) else value

    return walk(words)


def _join(items: list, lang: str) -> str:
    return format_list(items, lang)


def _strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, str):
        yield value


class Words(dict):
    """The labels of one file; a key that is not there is named, with the file."""

    def __init__(self, words: dict, path: Path, prefix: str = ""):
        super().__init__({k: Words(v, path, f"{prefix}{k}.") if isinstance(v, dict) else v for k, v in words.items()})
        self.path, self.prefix = path, prefix

    def __missing__(self, key):

        top = self.prefix.split(".")[0]
        raise datafiles.DataFileError(
            self.path, key_line(self.path, top) if top else 0, f"the label '{self.prefix}{key}'", "none"
        )


def missing_keys(data: Path) -> list[tuple[str, str]]:
    """(language, dotted key) of every key one language's file has and another lacks,
    in the project whose data folder is `data`."""
    files = sorted((data / "labels").glob("*.yml"))
    flat = {f.stem: set(_flatten(datafiles.load(f, datafiles.SHAPES["labels"]))) for f in files}
    every = set().union(*flat.values()) if flat else set()
    return sorted((lang, key) for lang, keys in flat.items() for key in every - keys)


def _flatten(tree: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        keys += _flatten(value, name + ".") if isinstance(value, dict) else [name]
    return keys
