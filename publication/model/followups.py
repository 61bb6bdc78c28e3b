"""What became of it: the follow-ups of a section's forward-looking sentences, read from
data/follow-ups.yml (issue 26).

A section's sentence that looks forward (an expectation, a plan, a "will be considered",
a period, an amount said to be recurring) gets a follow-up: keyed by the section's page
name and the sentence's segment id (`s-21`, the same address in both languages), with

    status     happened (what happened, with its sources) | none-found (no public
               follow-up was found: the text says what was searched) | not-forward (the
               sentence only reads as forward-looking: the text says why; not shown)
    date       when it happened; for none-found and not-forward, when it was searched
    recorded   when this publication recorded it (the addition's date the reader sees)
    certainty  official (confirmed in an official source) | press (reported by the press
               only); happened only
    sources    the references (data/references.yml) that report it, or that set what a
               none-found follow-up is about
    searched   the references searched without a result (none-found)
    also       other sentences of the section the same follow-up answers
    short      what became of it in a few words, in each language, for a shown follow-up (the closed line
               beside the text says it: "published on 28 February 2024, later than expected")
    about      what the sentence announced, in a few words, in each language (optional: the
               tables in short name it beside the sentence's address)
    text       one sentence in each language

Both languages are rendered from the one record (render/followup_notes.py); the check
(checks/follow_ups.py) compares the records with the sentences and the references.
The structure is checked here, each problem named by file and line; whether a
sentence, a source or a date fits is the check's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from publication.model import datafiles

FILE = "follow-ups.yml"
STATUSES = ("happened", "none-found", "not-forward")
SHOWN = ("happened", "none-found")  # a not-forward record only keeps the check quiet
CERTAINTIES = ("official", "press")
# The verdict in a word, a reader's first question (optional): which a status allows.
VERDICTS = {"happened": ("done", "late"), "none-found": ("partly", "not-found", "pending")}
SENTENCE_ID = "s-"  # a sentence's segment id begins so (model/segments.py)
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def order(sentence: str) -> tuple:
    """A sentence id's place in its text: s-2 before s-19 before s-21."""
    number = sentence.removeprefix(SENTENCE_ID)
    return (0, int(number)) if number.isdigit() else (1, sentence)


def letter_of(index: int) -> str:
    """The letter of the `index`th note of a section: a … z, then aa, ab …"""
    return (
        LETTERS[index] if index < len(LETTERS) else letter_of(index // len(LETTERS) - 1) + LETTERS[index % len(LETTERS)]
    )


@dataclass(frozen=True)
class FollowUp:
    section: str  # the section's page name without .md ("the name" of a Section)
    sentence: str  # its segment id: s-21
    status: str
    date: dt.date
    recorded: dt.date
    text: dict  # lang -> one sentence
    short: dict = field(default_factory=dict)  # lang -> what became of it, in a few words
    about: dict = field(default_factory=dict)  # lang -> what the sentence announced, in a few words
    certainty: str | None = None
    verdict: str | None = None  # done | late | partly | not-found | pending (VERDICTS)
    sources: tuple[str, ...] = ()
    searched: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    line: int = 0  # its line in data/follow-ups.yml, for findings

    @property
    def sentences(self) -> tuple[str, ...]:
        """Every sentence it answers: its own first, then `also`."""
        return (self.sentence, *self.also)

    @property
    def shown(self) -> bool:
        """Shown to readers (a not-forward record only keeps the check quiet)."""
        return self.status in SHOWN

    def in_part(self, bib) -> bool:
        """Nothing found, yet an official source later than the plan (`bib.document`)
        among its sources answers part of it (s-4: the approach is funded until 2029,
        no later amount was found)."""
        return self.status == "none-found" and any(r.date > bib.document.date for r in self._official(bib))

    def official_source(self, bib) -> bool:
        """An official source among its sources (of any date)."""
        return any(True for _ in self._official(bib))

    def _official(self, bib):
        """Its sources that `bib` knows and that are official (no press report)."""
        return (bib.references[r] for r in self.sources if r in bib.references and bib.references[r].official)

    @property
    def anchor(self) -> str:
        """Its id on its section page: followup-s-21."""
        return f"followup-{self.sentence}"

    @property
    def key(self) -> str:
        """Its id where the follow-ups of every section stand together: daderaanpak-s-21."""
        return f"{self.section}-{self.sentence}"


@dataclass(frozen=True)
class FollowUps:
    """Every follow-up, by section name and sentence id, in the file's order."""

    by_section: dict = field(default_factory=dict)  # name -> {sentence id -> FollowUp}
    path: Path | None = None

    def __iter__(self):
        for items in self.by_section.values():
            yield from items.values()

    def __len__(self) -> int:
        return sum(len(items) for items in self.by_section.values())

    def of(self, section: str) -> list[FollowUp]:
        """The follow-ups of the section named `section`, in the file's order."""
        return list(self.by_section.get(section, {}).values())

    def shown(self, section: str | None = None) -> list[FollowUp]:
        """Those a reader sees (of one section, or of all)."""
        items = self.of(section) if section is not None else list(self)
        return [f for f in items if f.shown]

    def in_order(self, section: str) -> list[FollowUp]:
        """The shown follow-ups of `section` in the text's order (of their calls: each
        record's own sentence)."""
        return sorted(self.shown(section), key=lambda f: order(f.sentence))

    def letter(self, f: FollowUp) -> str:
        """The letter that calls `f` beside its sentence and heads its note: a, b, c … in
        the order of the section's text, as an edition letters its editor's notes and
        numbers its author's (the source's footnotes 35, 36, 37)."""
        return letter_of([g.key for g in self.in_order(f.section)].index(f.key))

    def covering(self, section: str, sentence: str) -> FollowUp | None:
        """The follow-up that answers `sentence` of `section` (its own or in `also`)."""
        return next((f for f in self.of(section) if sentence in f.sentences), None)


SHAPE = {
    "follow_ups": {
        str: {
            str: {
                "status": str,
                "date": dt.date,
                "recorded": dt.date,
                "short?": datafiles.TEXT_BY_LANGUAGE,
                "about?": datafiles.TEXT_BY_LANGUAGE,
                "text": datafiles.TEXT_BY_LANGUAGE,
                "certainty?": str,
                "verdict?": str,
                "sources?": [str],
                "searched?": [str],
                "also?": [str],
            }
        }
    }
}


def _lines(text: str) -> dict[tuple[str, str], int]:
    """(section, sentence id) -> the line of the sentence's key under its section."""
    out, section = {}, None
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or not stripped.endswith(":"):
            continue
        indent = len(line) - len(line.lstrip())
        key = stripped[:-1].strip("'\"")
        if indent == 2:
            section = key
        elif indent == 4 and section is not None:
            out[(section, key)] = n
    return out


def load(path: Path, languages: tuple[str, ...] = ("nl", "en")) -> FollowUps:
    """The follow-ups of data/follow-ups.yml at `path`; none when there is no such file.
    A record that cannot be used raises DataFileError naming its line."""
    path = Path(path)
    if not path.is_file():
        return FollowUps(path=path)
    raw = datafiles.load(path, SHAPE, allow_empty=True) or {"follow_ups": {}}
    lines = _lines(datafiles.read_text(path))
    by_section: dict[str, dict[str, FollowUp]] = {}
    for section, items in (raw.get("follow_ups") or {}).items():
        for sentence, entry in (items or {}).items():
            line = lines.get((str(section), str(sentence)), 0)

            def bad(expected: str, found, line=line) -> datafiles.DataFileError:
                return datafiles.DataFileError(path, line, expected, str(found))

            sentence = str(sentence)
            if not sentence.startswith(SENTENCE_ID):
                raise bad(f"a sentence's segment id ({SENTENCE_ID}N) under {section}", sentence)
            status = entry["status"]
            if status not in STATUSES:
                raise bad(f"a status of {', '.join(STATUSES)} for {section} {sentence}", status)
            certainty = entry.get("certainty")
            if status == "happened" and certainty not in CERTAINTIES:
                raise bad(
                    f"a certainty of {' or '.join(CERTAINTIES)} for what happened ({section} {sentence})", certainty
                )
            if status != "happened" and certainty is not None:
                raise bad(f"no certainty for a follow-up that is {status} ({section} {sentence})", certainty)
            verdict = entry.get("verdict")
            if verdict is not None and verdict not in VERDICTS.get(status, ()):
                raise bad(
                    f"a verdict of {', '.join(VERDICTS.get(status, ())) or 'none'} for a follow-up that is {status} "
                    f"({section} {sentence})",
                    verdict,
                )
            if status == "happened" and not entry.get("sources"):
                raise bad(f"the sources of what happened ({section} {sentence})", "none")
            # A follow-up shown beside its sentence says what became of it in a few words
            # too (its closed line); a not-forward record is shown nowhere.
            wanted = [("text", "one sentence")] + ([("short", "a few words")] if status in SHOWN else [])
            if "about" in entry:  # what the sentence announced: optional, but whole when given
                wanted.append(("about", "what the sentence announced, in a few words,"))
            for key, what in wanted:
                given = entry.get(key) or {}
                if set(given) != set(languages) or not all(str(t).strip() for t in given.values()):
                    raise bad(
                        f"{what} in each language ({', '.join(languages)}) as '{key}' of {section} {sentence}",
                        ", ".join(sorted(given)) or "none",
                    )
            also = tuple(str(s) for s in entry.get("also") or [])
            bad_also = [s for s in also if not s.startswith(SENTENCE_ID) or s == sentence]
            if bad_also:
                raise bad(f"other sentences' segment ids in 'also' of {section} {sentence}", ", ".join(bad_also))
            by_section.setdefault(str(section), {})[sentence] = FollowUp(
                section=str(section),
                sentence=sentence,
                status=status,
                date=entry["date"],
                recorded=entry["recorded"],
                text={lang: " ".join(str(t).split()) for lang, t in entry["text"].items()},
                short={lang: " ".join(str(t).split()) for lang, t in (entry.get("short") or {}).items()},
                about={lang: " ".join(str(t).split()) for lang, t in (entry.get("about") or {}).items()},
                certainty=certainty,
                verdict=verdict,
                sources=tuple(entry.get("sources") or ()),
                searched=tuple(entry.get("searched") or ()),
                also=also,
                line=line,
            )
    return FollowUps(by_section=by_section, path=path)
