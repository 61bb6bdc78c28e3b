"""Contents: every section (`Publication.sections()`) is a chapter of both PDFs and both
EPUBs, read back from the files `publish` made: its page's title is an entry at the top
level of the PDF's outline (its bookmarks) and of the EPUB's table of contents."""

from __future__ import annotations

import warnings
from pathlib import Path

from publication.model.downloads import epub_name, pdf_name
from publication.model.findings import Finding
from publication.model.pages import read as read_page
from publication.model.project import SectionError
from publication.model.publication import Publication

CHECK = "contents"


def section_titles(project: Publication, lang: str) -> dict[str, str]:
    """Section page -> its title in `lang` (the page's first heading, as the outputs
    show it)."""
    out = {}
    for section in project.sections():
        page = read_page(project.docs / lang / section.page, lang)
        headings = page.of("heading")
        out[section.page] = headings[0].text if headings else str(page.meta.get("title", section.name))
    return out


def pdf_chapters(path: Path) -> list[str]:
    """The top-level entries of a PDF's outline."""
    from pypdf import PdfReader

    return [" ".join(item.title.split()) for item in PdfReader(path).outline if not isinstance(item, list)]


def epub_chapters(path: Path) -> list[str]:
    """The top-level entries of an EPUB's table of contents."""
    from ebooklib import epub

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = epub.read_epub(str(path), {"ignore_ncx": True})
    return [" ".join((entry[0] if isinstance(entry, tuple) else entry).title.split()) for entry in book.toc]


def check_file(
    project: Publication, path: Path, chapters: list[str], titles: dict[str, str], kind: str
) -> list[Finding]:
    name = project.rel(path) if path.is_relative_to(project.root) else path.name
    return [
        Finding(
            name,
            0,
            f"the section {page} ('{title}') as a chapter of the {kind}'s contents",
            f"it missing (the chapters: {', '.join(chapters) or 'none'})",
            CHECK,
        )
        for page, title in titles.items()
        if title not in chapters
    ]


def run(project: Publication, files: Path) -> list[Finding]:
    """Both PDFs and EPUBs in `files` (the downloads `publish` made)."""

    findings = []
    for lang in project.languages:
        try:
            titles = section_titles(project, lang)
        except (SectionError, OSError, ValueError):
            return []  # the sources' checks name what is wrong with the sections
        for kind, file_name, read in (("PDF", pdf_name(lang), pdf_chapters), ("EPUB", epub_name(lang), epub_chapters)):
            path = files / file_name
            try:
                chapters = read(path)
            except Exception as err:  # a file that does not read back is a finding, not a crash
                findings.append(
                    Finding(path.name, 0, f"a {kind} that reads back", f"{type(err).__name__}: {err}", CHECK)
                )
                continue
            findings += check_file(project, path, chapters, titles, kind)
    return findings
