"""The chart of the 2017–2021 police registrations by form of exploitation, made at
build time as an inline SVG from data/figures.yml (never from numbers typed again),
with a text alternative and the same numbers as a table beside it.

The page gives three shares (76%, 10%, 6%); what the other part is, it does not say.
The chart shows that part too, labelled as not broken down in the source. Every
number carries `data-figure="<id>"`, so the checks can compare it with the data.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass

from .figures import FigureSet, figure_set

REST = "rest"

TEXT = {
    "nl": {
        "title": "Geregistreerde incidenten van mensenhandel {period} naar vorm van uitbuiting",
        "labels": {"share_sexual": "Seksuele uitbuiting", "share_criminal": "Criminele uitbuiting",
                   "share_labour": "Arbeidsuitbuiting", REST: "Niet uitgesplitst in de bron"},
        "desc": "Staafdiagram van de {incidents} incidenten die de politie registreerde in {period}: {parts}. "
                "De bron zegt niet wat het overige deel is.",
        "caption": "Bron: pagina 32 van het actieplan (cijfers uit de Dadermonitor mensenhandel {period}). "
                   "Het deel ‘niet uitgesplitst’ is 100% min de drie genoemde aandelen.",
        "form": "Vorm van uitbuiting",
        "share": "Aandeel van de incidenten",
    },
    "en": {
        "title": "Registered human trafficking incidents {period} by form of exploitation",
        "labels": {"share_sexual": "Sexual exploitation", "share_criminal": "Criminal exploitation",
                   "share_labour": "Labour exploitation", REST: "Not broken down in the source"},
        "desc": "Bar chart of the {incidents} incidents registered by the police in {period}: {parts}. "
                "The source does not say what the remaining part is.",
        "caption": "Source: page 32 of the action plan (figures from the Human Trafficking Offenders Monitoring "
                   "Report {period}). The part ‘not broken down’ is 100% minus the three shares given.",
        "form": "Form of exploitation",
        "share": "Share of the incidents",
    },
}


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


def bars(figs: FigureSet, lang: str) -> list[Bar]:
    labels = TEXT[lang]["labels"]
    out = [Bar(fid, labels[fid], figs.figures[fid].value) for fid in shares(figs)]
    rest = 100 - sum(b.value for b in out)
    if rest > 0:
        out.append(Bar(REST, labels[REST], rest))
    return out


def _fmt(fig_form: str) -> str:
    return html_lib.escape(fig_form)


def svg(lang: str, figs: FigureSet | None = None) -> str:
    figs = figs or figure_set()
    t = TEXT[lang]
    period = figs.figures["monitor_period"].nl if lang == "nl" else figs.figures["monitor_period"].en
    incidents = figs.figures["incidents"].nl if lang == "nl" else figs.figures["incidents"].en
    items = bars(figs, lang)
    parts = ", ".join(f"{b.label.lower() if lang == 'nl' else b.label.lower()} {b.value}%" for b in items)
    longest = max(len(b.label) for b in items)
    left = 20 + round(longest * 8.2)  # room for the longest label at 15 px
    width, right, row, top = left + 430, 60, 38, 10
    scale = (width - left - right) / 100
    height = top * 2 + row * len(items)
    ident = f"chart-incidents-{lang}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart__svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{_fmt(t["title"].format(period=period))}</title>',
        f'<desc id="{ident}-desc">{_fmt(t["desc"].format(incidents=incidents, period=period, parts=parts))}</desc>',
    ]
    for i, b in enumerate(items):
        y = top + i * row
        w = max(1.0, b.value * scale)
        fill = "#5c6bc0" if b.id == REST else "#283593"
        pattern = ' stroke="#283593" stroke-dasharray="4 3" fill-opacity="0.35"' if b.id == REST else ""
        out.append(
            f'<g class="chart__bar" data-figure="{b.id}" data-value="{b.value}">'
            f'<text x="{left - 10}" y="{y + row / 2 + 5:.0f}" text-anchor="end" font-size="15" fill="#000">{_fmt(b.label)}</text>'
            f'<rect x="{left}" y="{y + 6}" width="{w:.1f}" height="{row - 14}" fill="{fill}"{pattern}/>'
            f'<text x="{left + w + 8:.1f}" y="{y + row / 2 + 5:.0f}" font-size="15" fill="#000">{b.value}%</text>'
            f"</g>"
        )
    out.append("</svg>")
    return "".join(out)


def figure_html(lang: str, figs: FigureSet | None = None) -> str:
    """The chart, its caption and the table of the same numbers."""
    figs = figs or figure_set()
    t = TEXT[lang]
    period = figs.figures["monitor_period"].nl if lang == "nl" else figs.figures["monitor_period"].en
    rows = "".join(f'<tr><th scope="row">{_fmt(b.label)}</th><td data-figure="{b.id}">{b.value}%</td></tr>'
                   for b in bars(figs, lang))
    return (
        f'<figure class="chart" id="chart-incidents">{svg(lang, figs)}'
        f'<figcaption>{_fmt(t["caption"].format(period=period))}</figcaption></figure>'
        f'<table class="chart__table"><caption>{_fmt(t["title"].format(period=period))}</caption>'
        f'<thead><tr><th scope="col">{_fmt(t["form"])}</th><th scope="col">{_fmt(t["share"])}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
