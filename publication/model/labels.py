"""The reader-facing words of the publication, per language, as data
(`data/labels/<lang>.yml`, the way Material keeps its language strings): the footnote
names, the chart's labels, the pages' table headings, the PDF's title page… Code asks
for them by where they appear: `labels("en")["footnotes"]["call"]`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from publication import DATA, DEFAULT_LANGUAGE


class LabelsError(ValueError):
    pass


def data_dir(project=None) -> Path:
    """The data folder of `project`: a Project, its data folder, or None (this
    repository's, for the build's renderers; the checks pass their project)."""
    if project is None:
        return DATA
    return project if isinstance(project, Path) else Path(project.data)


def labels(lang: str, data=None) -> dict:
    """The words of `lang` in the project whose data folder (or Project) is `data` (a
    language without its own file gets the default's)."""
    data = data_dir(data)
    path = data / "labels" / f"{lang}.yml"
    if not path.is_file():
        path = data / "labels" / f"{DEFAULT_LANGUAGE}.yml"
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, mtime: int) -> dict:
    from publication.model import datafiles

    return Words(datafiles.load(path, datafiles.SHAPES["labels"]), path)


class Words(dict):
    """The labels of one file; a key that is not there is named, with the file."""

    def __init__(self, words: dict, path: Path, prefix: str = ""):
        super().__init__({k: Words(v, path, f"{prefix}{k}.") if isinstance(v, dict) else v for k, v in words.items()})
        self.path, self.prefix = path, prefix

    def __missing__(self, key):
        from publication.model import datafiles
        from publication.model.findings import key_line

        top = self.prefix.split(".")[0]
        raise datafiles.DataFileError(self.path, key_line(self.path, top) if top else 0,
                                      f"the label '{self.prefix}{key}'", "none")


def missing_keys(data) -> list[tuple[str, str]]:
    """(language, dotted key) of every key one language's file has and another lacks,
    in the project whose data folder (or Project) is `data`."""
    data = data_dir(data)
    files = sorted((data / "labels").glob("*.yml"))
    from publication.model import datafiles

    flat = {f.stem: set(_flatten(datafiles.load(f, datafiles.SHAPES["labels"]))) for f in files}
    every = set().union(*flat.values()) if flat else set()
    return sorted((lang, key) for lang, keys in flat.items() for key in every - keys)


def _flatten(tree: dict, prefix: str = "") -> list[str]:
    keys = []
    for key, value in tree.items():
        name = f"{prefix}{key}"
        keys += _flatten(value, name + ".") if isinstance(value, dict) else [name]
    return keys
