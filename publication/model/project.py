"""Where a publication's files are. The pages that reproduce the source (the sections
the fidelity, figures and terms checks read) say so in their front matter:
`source_page: 32`. The real one is `Project.default()`; tests and the
benchmark make others (a fixture with one defect, a publication 50 times larger)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publication import LANGUAGES, ROOT


@dataclass(frozen=True)
class Project:
    root: Path
    languages: tuple[str, ...] = LANGUAGES

    @classmethod
    def default(cls) -> "Project":
        return cls(ROOT)

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def source_text(self) -> Path:
        return self.root / "source" / "samen-tegen-mensenhandel-p32.txt"

    def rel(self, path: Path) -> str:
        """A path as findings name it: relative to the project."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def pages(self) -> dict[str, dict[str, Path]]:
        """Language -> {path inside the language folder -> file}."""
        out = {}
        for lang in self.languages:
            folder = self.docs / lang
            out[lang] = {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*.md"))} if folder.is_dir() else {}
        return out


# What a copy of the publication needs (tests' fixtures, the benchmark's large copy).
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "source", "includes", "overrides", "publication", "scripts", "deploy")


def copy_project(dest: Path, scale: int = 1) -> Path:
    """A copy of the publication, its code included (so its ROOT is the copy). With
    `scale` N every page but the home page exists N times per language (page.md,
    page-02.md, ...)."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    for lang_dir in sorted(p for p in (dest / "docs").iterdir() if p.is_dir() and p.name in LANGUAGES):
        for page in sorted(p for p in lang_dir.glob("*.md") if p.name != "index.md"):
            text = page.read_text(encoding="utf-8")
            for i in range(2, scale + 1):
                (lang_dir / f"{page.stem}-{i:02d}.md").write_text(text, encoding="utf-8")
    # A copied section keeps its alignment record (data/alignment/<page>.yml).
    records = dest / "data" / "alignment"
    for record in sorted(records.glob("*.yml")) if scale > 1 else []:
        text = record.read_text(encoding="utf-8")
        for i in range(2, scale + 1):
            (records / f"{record.stem}-{i:02d}.yml").write_text(text, encoding="utf-8")
    return dest
