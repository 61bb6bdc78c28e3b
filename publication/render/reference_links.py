"""A reference's links in one line of Markdown: its official publication (a Kamerstuk's,
derived from dossier and number) and the links of the data, an unconfirmed one named
but not linked. The references page and the timeline page both show it."""

from __future__ import annotations

from publication.model import references as refs_mod


def link_line(ref: refs_mod.Reference, lang: str, pub) -> str:
    words = pub.labels(lang)["pages"]
    parts = []
    if ref.kind == "kamerstuk":
        parts.append(f"[{words['official']}]({ref.url})")
    for link in ref.links:
        label = link.label.get(lang) or words.get(link.site or "", link.site or "")
        if link.url is None:
            continue  # a page not yet confirmed online is not offered to a reader (the data keeps it)
        attrs = f'{{: hreflang="{link.hreflang}" }}' if link.hreflang and link.hreflang != lang else ""
        parts.append(f"[{label}]({link.url}){attrs}")
    return " · ".join(parts)
