"""The translation is unofficial, and says so wherever a reader may land.

`notice` gives the words and the link of the notice that stands near the top of every
page of a translation (`overrides/partials/unofficial.html`); `translated` writes an
official Dutch title first, with its English as a translation in brackets (the
References page).
"""

from __future__ import annotations

from publication import DEFAULT_LANGUAGE


def notice(lang: str, original_href: str | None, pub, default: str = DEFAULT_LANGUAGE) -> dict | None:
    """The notice of a page in `lang` (none on a page of the authoritative language):
    its words (the publication `pub`'s; `section_text`, HTML, names the source page and
    links the plan, for a section's page), and the link to the same page in the
    original language."""
    if lang == default:
        return None
    words = pub.labels(lang)["reader"]
    return {
        "text": words["unofficial_notice"],
        "section_text": words["unofficial_section"],  # HTML: {plan} stands for the plan, linked
        "authority": words["unofficial_authority"],
        "name": words["unofficial_name"],
        "link": words["unofficial_link"],
        "href": original_href or "../",
        "hreflang": default,
    }


def translated(texts: dict, lang: str, pub, default: str = DEFAULT_LANGUAGE) -> str:
    """An official title in the original language first, marked as that language, with
    its translation in brackets (Markdown with inline HTML; the words the publication
    `pub`'s); in the original language the title alone."""
    if lang == default:
        return texts[default]
    original = f'<span lang="{default}">{texts[default]}</span>'
    if not texts.get(lang) or texts[lang] == texts[default]:
        return original
    return f"{original} ({pub.labels(lang)['reader']['translated'].format(text=texts[lang])})"
