"""The publication's own code: data, rendering and checks.

Everything here works on plain files (the data, the Markdown sources, the built HTML),
so that it does not depend on MkDocs internals; the thin MkDocs glue is in
`mkdocs_hooks.py`.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCS = ROOT / "docs"
SOURCE_TEXT = ROOT / "source" / "samen-tegen-mensenhandel-p32.txt"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
