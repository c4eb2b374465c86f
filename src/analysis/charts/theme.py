"""The house style of every chart: typography, colours, era bands and the source line.

Colours are the Okabe-Ito palette (safe for the common forms of colour blindness); every
chart also separates its series by shape, dash or label, so none depends on colour alone.
"""

from __future__ import annotations

import altair as alt

from analysis import eras

FONT = "Noto Sans"
FONT_SIZE = 12
WIDTH = 620
HEIGHT = 280

# Okabe & Ito (2008), "Color Universal Design".
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
# Pale, distinct backgrounds for the eras; the band also carries the era's label.
ERA_COLOURS: dict[str, str] = {
    "soviet": "#E8E8E8",
    "assad": "#FFFFFF",
    "intervention": "#F3E3D3",
    "post-assad": "#DDE8F0",
}
TEXT_COLOUR = "#222222"
MUTED = "#555555"


@alt.theme.register("book", enable=False)
def book_theme() -> alt.theme.ThemeConfig:
    """The Vega-Lite config shared by the HTML and the PDF renderings."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "background": "white",
            "padding": 8,
            "range": {"category": list(PALETTE)},
            "axis": {
                "labelFontSize": FONT_SIZE - 1,
                "titleFontSize": FONT_SIZE,
                "titleFontWeight": "normal",
                "labelColor": TEXT_COLOUR,
                "titleColor": TEXT_COLOUR,
                "gridColor": "#DDDDDD",
                "domainColor": MUTED,
                "tickColor": MUTED,
            },
            "legend": {
                "labelFontSize": FONT_SIZE - 1,
                "titleFontSize": FONT_SIZE,
                "orient": "bottom",
                "direction": "horizontal",
                "labelLimit": 360,
            },
            "title": {
                "fontSize": FONT_SIZE,
                "fontWeight": "normal",
                "color": MUTED,
                "anchor": "start",
                "orient": "bottom",
                "offset": 10,
            },
            "text": {"font": FONT, "fontSize": FONT_SIZE - 1, "color": TEXT_COLOUR},
        }
    }


def era_bands(first_year: int, last_year: int, *, labels: bool = True) -> alt.LayerChart:
    """Shaded era backgrounds for a chart whose x axis is the year (quantitative)."""
    data = eras.bands(first_year, last_year)
    scale = alt.Scale(domain=list(ERA_COLOURS), range=list(ERA_COLOURS.values()))
    base = alt.Chart(data)
    rect = base.mark_rect(opacity=0.8).encode(
        x=alt.X("start:Q"),
        x2="end:Q",
        color=alt.Color("era:N", scale=scale, legend=None),
        tooltip=[alt.Tooltip("label:N", title="Era")],
    )
    layers: list[alt.Chart] = [rect]
    if labels:
        layers.append(
            base.mark_text(align="left", baseline="top", dx=3, dy=3, color=MUTED).encode(
                x="start:Q", y=alt.value(0), text="label:N"
            )
        )
    return alt.layer(*layers)


def with_source(chart: alt.TopLevelMixin, source: str) -> alt.TopLevelMixin:
    """Put the source line under a chart (the theme sets the title below, left, muted)."""
    return chart.properties(title=alt.TitleParams(text=f"Source: {source}"))
