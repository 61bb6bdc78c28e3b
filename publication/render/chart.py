"""The chart of the 2017–2021 police registrations by form of exploitation, made at
build time from data/figures.yml (never from numbers typed again),
with a text alternative and the same numbers as a table beside it.

The page gives three shares (76%, 10%, 6%); what the other part is, it does not say.
The chart shows that part too, labelled as not broken down in the source. Every
number carries `data-figure="<id>"`, so the checks can compare it with the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from publication.model.figures import FigureSet, percent

REST = "rest"


@dataclass(frozen=True)
class Bar:
    id: str
    label: str
    value: int


def shares(figs: FigureSet) -> list[str]:
    """The shares of one whole, as data/figures.yml's relation names them."""
    for rel in figs.relations:
        if rel.get("kind") == "parts_at_most_whole":
            return list(rel["parts"])
    raise ValueError("data/figures.yml names no parts_at_most_whole relation for the chart")


def values(figs: FigureSet) -> list[tuple[str, int]]:
    """(figure id, per cent) of each bar: the shares, then the rest of 100 (if any)."""
    out = [(fid, figs.figures[fid].value) for fid in shares(figs)]
    rest = 100 - sum(value for _, value in out)
    return out + [(REST, rest)] if rest > 0 else out


def bars(figs: FigureSet, words: dict) -> list[Bar]:
    """The bars of the chart; `words`: the chart's labels of the reader's language."""
    return [Bar(fid, words["labels"][fid], value) for fid, value in values(figs)]


def plot(lang: str, pub) -> str:
    """The bars. The words and numbers are the page's own text (they wrap and grow with
    the reader's text size, at any width, as WCAG 1.4.4 and 1.4.10 ask); only each bar
    is drawn, as an SVG as wide as its share of the line (a width attribute: the CSP
    forbids inline styles), its value right after its end. The title above it is
    visible; the whole is one image to assistive technology, named by that title and
    described by its numbers; the table after it gives them as data."""
    figs, words = pub.figures, pub.labels(lang)["chart"]
    period = figs.figures["monitor_period"].nl if lang == "nl" else figs.figures["monitor_period"].en
    incidents = figs.figures["incidents"].nl if lang == "nl" else figs.figures["incidents"].en
    items = bars(figs, words)
    parts = ", ".join(f"{b.label.lower()} {percent(b.value, lang)}" for b in items)
    ident = f"chart-incidents-{lang}"
    out = [
        f'<p class="chart__title" id="{ident}-title">{escape(words["title"].format(period=period))}</p>',
        f'<div class="chart__plot" role="img" aria-labelledby="{ident}-title" aria-describedby="{ident}-desc">',
        f'<span class="chart__desc" id="{ident}-desc" hidden>'
        f"{escape(words['desc'].format(incidents=incidents, period=period, parts=parts, page=figs.figures[shares(figs)[0]].page))}</span>",
    ]
    for b in items:
        rest = b.id == REST
        width = max(0.5, b.value)
        bar = (
            f'<rect width="{width}" height="10" fill="#c5cae9" stroke="#283593" '
            f'stroke-width="1" stroke-dasharray="2 1.5" vector-effect="non-scaling-stroke"/>'
            if rest
            else f'<rect width="{width}" height="10" fill="#283593"/>'
        )
        # The bar is `width` per cent of its line (an attribute: the CSP forbids inline
        # styles) and the value follows right after its end.
        out.append(
            f'<div class="chart__bar{" chart__bar--rest" if rest else ""}" data-figure="{b.id}" data-value="{b.value}">'
            f'<span class="chart__label">{escape(b.label)}</span>'
            f'<span class="chart__line"><svg class="chart__track" width="{width:g}%" viewBox="0 0 {width:g} 10" '
            f'preserveAspectRatio="none" aria-hidden="true" focusable="false">{bar}</svg>'
            f'<span class="chart__value" data-figure="{b.id}">{percent(b.value, lang)}</span></span></div>'
        )
    out.append("</div>")
    return "".join(out)


def figure_html(lang: str, pub) -> str:
    """The chart of the publication `pub`, its caption and the table of the same numbers."""
    figs, words = pub.figures, pub.labels(lang)["chart"]
    period = figs.figures["monitor_period"].nl if lang == "nl" else figs.figures["monitor_period"].en
    rows = "".join(
        f'<tr><th scope="row">{escape(b.label)}</th><td data-figure="{b.id}">{percent(b.value, lang)}</td></tr>'
        for b in bars(figs, words)
    )
    return (
        f'<figure class="chart" id="chart-incidents">{plot(lang, pub)}'
        f"<figcaption>{escape(words['caption'].format(period=period, page=figs.figures[shares(figs)[0]].page))}</figcaption></figure>"
        f'<div class="chart__data"><table class="chart__table"><caption>{escape(words["title"].format(period=period))}</caption>'
        f'<thead><tr><th scope="col">{escape(words["form"])}</th><th scope="col">{escape(words["share"])}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )
