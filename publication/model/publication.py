"""One publication: a project folder and its data, loaded once and kept on one object.

`Publication(root)` is what everything else is handed: the MkDocs plugin makes one in
`on_config` from `config.config_file_path` (and a new one when its files change under
`mkdocs serve`), the command line from its arguments, the tests from an edited copy.
It holds the project's paths and pages (it is a `Project`) and whatever has been read
of its data (the references, the figures, the terms, the labels, the word lists of the
sentence checks, the sentence splitter, the edition's date), each read on first use and
kept for the object's life. Nothing of a project is kept anywhere else: no module holds
a path of a project or a cache of its data, so two publications (the repository and an
edited copy) live side by side in one process.

    pub = Publication.at("mkdocs.yml")
    pub.bib.document             the action plan (data/references.yml)
    pub.labels("en")["footnotes"]["call"]
    pub.sentences(text, "nl")    split once per text and language
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from publication.model import (
    as_printed,
    datafiles,
    edition,
    figures,
    followups,
    labels,
    quantities,
    references,
    segments,
    source,
    terms,
)
from publication.model.project import Project, Section

# The parts of a project whose change makes a new publication (`stale`): its data, its
# pages and includes, its source texts and its configuration.
WATCHED = ("data", "docs", "includes", "source", "mkdocs.yml")


@dataclass(frozen=True, eq=False)
class Publication(Project):
    """The project at `root` and what has been read of it (see the module's text)."""

    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def at(cls, path: str | os.PathLike) -> Publication:
        """The publication of a configuration file (mkdocs.yml) or of a project folder."""
        path = Path(path).resolve()
        return cls(path.parent if path.is_file() or path.suffix in (".yml", ".yaml") else path)

    # --- freshness ----------------------------------------------------------------

    @cached_property
    def state(self) -> tuple:
        """Each watched file's path, size and modification time when this object was made."""
        return files_state(self.root)

    def stale(self) -> bool:
        """Whether a watched file changed since this object was made (`mkdocs serve`)."""
        return files_state(self.root) != self.state

    # --- the data -----------------------------------------------------------------

    @cached_property
    def bib(self):
        """The references, the footnotes by page and the plan's later history."""

        return references.load(self.data / "references.yml")

    @cached_property
    def figures(self):
        """The figures of data/figures.yml."""

        return figures.load(self.data / "figures.yml")

    @cached_property
    def followups(self) -> followups.FollowUps:
        """What became of the sections' forward-looking sentences (data/follow-ups.yml;
        none without the file)."""

        return followups.load(self.data / followups.FILE, tuple(self.languages))

    @cached_property
    def as_printed(self) -> tuple:
        """The source's words that stand as printed, marked [sic] (data/as-printed.yml;
        none without the file)."""

        return as_printed.load(self.data / as_printed.FILE, tuple(self.languages))

    @cached_property
    def terms(self) -> tuple:
        """The terms of data/terms.yml, with the abbreviations' names from the glossaries."""

        return terms.load(self.data / "terms.yml", {lang: self.glossary(lang) for lang in self.languages})

    def glossary(self, lang: str) -> dict[str, str]:
        """Abbreviation -> full name, as the glossary of `lang` defines it."""

        return self._once(("glossary", lang), lambda: terms.parse_glossary(self.glossary_text(lang)))

    def glossary_text(self, lang: str) -> str:
        """The glossary of `lang` as Markdown (includes/abbreviations/<lang>.md)."""
        return self._once(("glossary-text", lang), lambda: self.glossary_file(lang).read_text(encoding="utf-8"))

    def glossary_file(self, lang: str) -> Path:
        return self.root / "includes" / "abbreviations" / f"{lang}.md"

    def labels(self, lang: str):
        """The reader-facing words of `lang`, the publication's facts filled in."""

        return self._once(("labels", lang), lambda: labels.load(self, lang))

    @cached_property
    def qa(self) -> dict:
        """The word lists of the sentence checks (data/translation-qa.yml)."""

        path = self.data / "translation-qa.yml"
        return datafiles.load(path, datafiles.SHAPES["translation-qa.yml"])

    def relation_words(self, lang: str) -> tuple:
        """The words that state a quantity's relation in `lang` ("ruim", "more than"),
        longest first (the `relations` of data/translation-qa.yml; none without it)."""

        def read():
            raw = self.qa.get("relations") if (self.data / "translation-qa.yml").is_file() else None
            return quantities.relation_words(raw)

        return self._once(("relations",), read)[lang]

    def prefixes_file(self, lang: str) -> Path:
        """The abbreviations a sentence of `lang` does not end at."""
        return self.data / "sentence-prefixes" / f"{lang}.txt"

    def splitter(self, lang: str):
        """The sentence splitter of `lang` with the project's abbreviations."""

        return self._once(("splitter", lang), lambda: segments.make_splitter(lang, self.prefixes_file(lang)))

    def sentences(self, text: str, lang: str) -> tuple[str, ...]:
        """The splitter's sentences of `text`: a paragraph is split many times in a run
        (its page, the side-by-side page, each check), each text once here."""
        memo = self._memo.setdefault(("sentences", lang), {})
        if text not in memo:
            memo[text] = tuple(self.splitter(lang).split(text))
        return memo[text]

    # --- the sections ---------------------------------------------------------------

    def sections(self) -> list[Section]:
        return list(self._once(("sections",), lambda: tuple(Project.sections(self))))

    def section(self, page: str) -> Section | None:
        return self._once(("section", page), lambda: Project.section(self, page))

    def source_text(self, path: Path):
        """A source page (source/*-pN.txt) as the fidelity check reads it."""

        return self._once(("source", str(path)), lambda: source.parse(path.read_text(encoding="utf-8")))

    # --- the edition --------------------------------------------------------------

    @cached_property
    def edition_epoch(self) -> int:
        """Seconds since 1970 (UTC): SOURCE_DATE_EPOCH, else the commit's time, else the
        newest source file's."""

        return edition.epoch(self.root)

    @property
    def edition_date(self) -> dt.date:

        return edition.day(self.edition_epoch)

    @cached_property
    def commit(self) -> str | None:

        return edition.commit(self.root)

    # ------------------------------------------------------------------------------

    def once(self, key: tuple, make):
        """What another module derives from this publication's data (the sentence
        checks' word index, say): `make()` the first time `key` is asked for, then
        what it made, for this object's life."""
        return self._once(("derived", *key), make)

    def _once(self, key: tuple, make):
        """`make()` the first time `key` is asked for, then what it made."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value


def files_state(root: Path) -> tuple:
    """The state of a project's watched files (path, size, modification time)."""
    out = []
    for part in WATCHED:
        path = root / part
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else []
        for p in files:
            try:
                st = p.stat()
            except OSError:
                continue
            out.append((str(p), st.st_size, st.st_mtime_ns))
    return tuple(out)
