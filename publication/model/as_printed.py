"""Words of the source that stand as printed although they look like slips ("€143
miljoen euro", "jeugd criminaliteit"): the Dutch keeps them word for word, and an edition
marks each where it stands ([sic]) with a note of what is unusual, as a scholarly edition
does. Read from data/as-printed.yml, one record for both languages:

    as_printed:
      daderaanpak:                # the section's page name
        - words: €143 miljoen euro  # exactly as they stand in the Dutch sentence
          sentence: s-4           # the sentence's segment id
          note: {nl: …, en: …}    # what is unusual, in a few words

render/sic_marks.py marks them in the built pages (the sentence's words are not
touched: the editor's "[sic]" stands after them in a span of its own) and fails the
build, naming the file and line, when a record's words are not in its sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from publication.model import datafiles

FILE = "as-printed.yml"
SHAPE = {"as_printed?": {str: [{"words": str, "sentence": str, "note": datafiles.TEXT_BY_LANGUAGE}]}}


@dataclass(frozen=True)
class AsPrinted:
    section: str
    sentence: str
    words: str
    note: dict  # lang -> a few words
    line: int = 0  # its line in the data file, for a message


def _lines(text: str) -> list[int]:
    """The line of each record's `- words:`, in the file's order."""
    return [n for n, line in enumerate(text.splitlines(), start=1) if line.lstrip().startswith("- words:")]


def load(path: Path, languages: tuple[str, ...] = ("nl", "en")) -> tuple[AsPrinted, ...]:
    """The records of data/as-printed.yml at `path`; none without the file. A record that
    cannot be used raises DataFileError naming its line."""
    path = Path(path)
    if not path.is_file():
        return ()
    raw = datafiles.load(path, SHAPE, allow_empty=True) or {}
    lines = iter(_lines(datafiles.read_text(path)))
    out = []
    for section, records in (raw.get("as_printed") or {}).items():
        for record in records or []:
            line = next(lines, 0)
            words, sentence, note = str(record["words"]), str(record["sentence"]), record["note"]
            if not words.strip():
                raise datafiles.DataFileError(path, line, "the words as printed", "none")
            if not sentence.startswith("s-"):
                raise datafiles.DataFileError(path, line, "a sentence's segment id (s-N)", sentence)
            if set(note) != set(languages) or not all(str(t).strip() for t in note.values()):
                raise datafiles.DataFileError(
                    path, line, f"a note in each language ({', '.join(languages)})", ", ".join(sorted(note)) or "none"
                )
            out.append(
                AsPrinted(str(section), sentence, words, {k: " ".join(str(v).split()) for k, v in note.items()}, line)
            )
    return tuple(out)
