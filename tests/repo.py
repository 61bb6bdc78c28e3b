"""The checkout the tests run in: its folder, and its publication as one object
(model/publication.py), read once for the whole run. The tests never edit the checkout
itself: a test that needs another state of the sources edits a copy
(`conftest.project_copy`) and makes a Publication of that copy."""

from __future__ import annotations

from pathlib import Path

from publication.model.publication import Publication

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
PUB = Publication(ROOT)
