"""The publication's own code, one floor per job:

    model/     the content model: source text, pages, references, figures, terms, labels
    render/    placeholders, Markdown extensions, the chart, the parallel page, theme patches
    outputs/   the MkDocs plugin and build, PDFs, EPUBs, the offline bundle, serving
    checks/    the checks (plain functions returning findings) and the validators
    cli.py     the command line on top

Everything works on plain files (the data, the Markdown sources, the built HTML), so
that it does not depend on MkDocs internals; the thin MkDocs glue is
`outputs/plugin.py`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"
SOURCE_DIR = ROOT / "source"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def files_state() -> tuple:
    """The state of the publication's code and data files at this moment (each file's
    path, size and modification time): `mkdocs serve` compares it with LOADED_STATE to
    know when to load them again."""
    files = sorted([*(ROOT / "publication").rglob("*.py"), *(p for p in DATA.rglob("*") if p.is_file())])
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


LOADED_STATE = files_state()
