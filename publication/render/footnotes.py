"""Python-Markdown extension: show the source's footnote numbers.

Python-Markdown numbers footnotes 1..n whatever their labels; its label only reaches the
ids (`[^35]` gives `fn:35`). The printed page numbers its notes 35, 36, 37, and a reader
who cites the plan needs those numbers. For every footnote whose label is a number, this
extension shows the label in the call, numbers the note with it (`<li value="35">`)
and says it in the back-link's title, in the page's language.

For screen readers, as GOV.UK's govspeak does: each call is a `doc-noteref` named
"voetnoot 35" / "footnote 35" (a bare superscript number is read as "link, 35"), the
notes are a `doc-endnotes` region labelled by a heading of their own, and each
back-link (`doc-backlink`) is named by where it returns to. The words are the
language's labels (data/labels/).

After the source's words, each note of a cited document says what it cites, visibly
marked as this publication's addition: the document's title and date from
data/references.yml and a link to its entry on the References page (`note_addition`).
The source's words stay as they are (the fidelity check compares them, in the
Markdown); Material's footnote tooltip copies the note, so it shows the same.

    markdown.Markdown(extensions=["footnotes", SourceFootnotesExtension(lang="nl", publication=pub)])
"""

from __future__ import annotations

import re

from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.treeprocessors import Treeprocessor

from publication import DEFAULT_LANGUAGE
from publication.model.references import format_date
from publication.render.page_state import PageAwareExtension

NUMBER_LABEL = re.compile(r"^#?fn(?:ref)?:(\d+)$")
# The page holding the references list, as a Markdown link target (a note's addition
# links to its entry there).
REFERENCES_PAGE = "references.md"


class SourceFootnotesTreeprocessor(Treeprocessor):
    """Run after the footnotes extension has built the calls and the notes."""

    def __init__(self, md, ext: SourceFootnotesExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, root):
        pub = self.ext.publication
        lang = self.ext.lang()
        words = pub.labels(lang)["footnotes"]
        for a in root.iter("a"):
            css = a.get("class", "")
            m = NUMBER_LABEL.match(a.get("href", ""))
            if css == "footnote-ref":
                if m:
                    a.text = m.group(1)
                a.set("role", "doc-noteref")
                a.set("aria-label", words["call"].format(n=a.text))
            elif css == "footnote-backref":
                number = m.group(1) if m else a.get("href", "").rpartition(":")[2]
                a.set("role", "doc-backlink")
                a.set("title", words["backlink"].format(n=number))
                a.set("aria-label", words["backlink"].format(n=number))
                a.set("data-search-exclude", "true")  # a control, not a word of the note
        cited = pub.bib.footnotes if self.ext.getConfig("additions") else {}
        for li in root.iter("li"):
            m = NUMBER_LABEL.match(li.get("id", ""))
            if m:
                li.set("value", m.group(1))
                ref = cited.get(int(m.group(1)))
                if ref is not None:
                    note_addition(li, ref, lang, self.ext.getConfig("references"), pub)
        for div in root.iter("div"):
            if div.get("class") == "footnote":
                endnotes(div, words["heading"])


def endnotes(div, heading: str) -> None:
    """The notes as a region labelled by its heading (after the rule, before the list)."""
    div.set("role", "doc-endnotes")
    div.set("aria-labelledby", "footnotes")
    title = div.makeelement("h2", {"id": "footnotes", "class": "footnote__title"})
    title.text = heading
    position = 1 if len(div) and div[0].tag == "hr" else 0
    div.insert(position, title)


def _plain(text: str) -> str:
    """`text` for comparing titles: one kind of dash, one kind of space, no case."""
    return " ".join(re.sub("[‐‑‒–—-]", "-", text.replace(NBSP_PLACEHOLDER, " ")).split()).casefold()


def note_addition(li, ref, lang: str, references: str, pub, nbsp: str = NBSP_PLACEHOLDER) -> None:
    """After the source's words in the note `li` (before its back-link): this
    publication's addition, marked as such, naming the cited document `ref` (its
    official title, with a translation on a translated page, and its date) and linking
    to its entry on the References page (`references`, a link target). The one place
    that writes the addition: the section pages' notes (Python-Markdown's tree, whose
    no-break space is `NBSP_PLACEHOLDER`) and the side-by-side page's (lxml, `nbsp`
    "\xa0") both call it. The words are the publication `pub`'s."""
    words = pub.labels(lang)["reader"]
    titles = ref.title or ref.subject
    paragraph = next((p for p in li.iter("p")), li)
    backref = next((a for a in paragraph if a.get("class") == "footnote-backref"), None)
    added = li.makeelement("span", {"class": "note-added"})
    added.text = "["
    label = li.makeelement("span", {"class": "note-added__label"})
    label.text = words["note_added"]
    label.tail = ": "
    added.append(label)
    said = _plain("".join(paragraph.itertext()))
    if any(_plain(title) in said for title in titles.values() if title):
        # The source's note names the document already: the addition gives its date only.
        label.tail = f": {format_date(ref.date, lang)} · "
    else:
        cite = li.makeelement("cite", {})
        cite.text = titles[DEFAULT_LANGUAGE]
        added.append(cite)
        tail = ""
        if lang != DEFAULT_LANGUAGE:
            cite.set("lang", DEFAULT_LANGUAGE)
            if titles.get(lang) and titles[lang] != titles[DEFAULT_LANGUAGE]:
                tail = f" ({words['translated'].format(text=titles[lang])})"
        cite.tail = f"{tail}, {format_date(ref.date, lang)} · "
    followed = ref.link
    if followed is not None and followed.label.get(lang):
        # The note's link leads to a page named apart from the document (note 37 to the
        # Rapporteur's English summary, not the Dutch report): the addition says where.
        name = followed.label[lang]
        added[-1].tail = (added[-1].tail or "") + words["note_link"].format(label=name[:1].lower() + name[1:]) + " · "
    link = li.makeelement("a", {"class": "note-added__link", "href": f"{references}#{ref.id}"})
    link.text = words["note_entry"]
    link.tail = "]"
    added.append(link)
    if backref is not None:
        index = list(paragraph).index(backref)
        previous = paragraph[index - 1] if index else None

        # One space between the source's last word and the addition; the no-break space
        # Python-Markdown keeps before the back-link moves behind the addition.
        def trimmed(text: str | None) -> str:
            return (text or "").replace(NBSP_PLACEHOLDER, "").rstrip() + " "

        if previous is not None:
            previous.tail = trimmed(previous.tail)
        else:
            paragraph.text = trimmed(paragraph.text)
        added.tail = nbsp
        paragraph.insert(index, added)
    else:
        paragraph.append(added)


class SourceFootnotesExtension(PageAwareExtension):
    def __init__(self, **kwargs):
        self.config = {
            "lang": ["en", "Language of the back-link titles (nl or en)."],
            "additions": [True, "Add each cited document's title, date and References entry to its note."],
            "references": [REFERENCES_PAGE, "The References page, as a Markdown link target."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # After the footnotes' own post-inline processor (15): the calls exist then.
        md.treeprocessors.register(SourceFootnotesTreeprocessor(md, self), "source-footnotes", 14)


def makeExtension(**kwargs):  # pragma: no cover - Python-Markdown's entry point
    return SourceFootnotesExtension(**kwargs)
