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
# Suppliers keep their colour in every chart; those not named here take the palette's rest.
SUPPLIER_COLOURS: dict[str, str] = {
    "Soviet Union": PALETTE[1],
    "Russia": PALETTE[0],
    "Czechoslovakia": PALETTE[2],
    "Other suppliers": "#999999",
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


def years(first_year: int, last_year: int) -> alt.Scale:
    """The x scale of every annual chart: whole years, from the start of the first to the
    end of the last, with no padding to zero."""
    return alt.Scale(domain=[first_year, last_year + 1], nice=False, zero=False)


def year_axis() -> alt.Axis:
    return alt.Axis(format="d", tickMinStep=1, labelOverlap=True)


def era_bands(first_year: int, last_year: int, *, labels: bool = True) -> alt.LayerChart:
    """Shaded era backgrounds for a chart whose x axis is the year (quantitative)."""
    data = eras.bands(first_year, last_year)
    data["fill"] = data["era"].map(ERA_COLOURS)
    base = alt.Chart(data)
    rect = base.mark_rect(opacity=0.8).encode(
        x=alt.X("start:Q", scale=years(first_year, last_year), axis=year_axis(), title=None),
        x2="end:Q",
        # The colour is the value itself (no scale), so the bands never share a colour
        # scale, or a legend, with the data drawn over them.
        color=alt.Color("fill:N", scale=None),
        tooltip=[alt.Tooltip("label:N", title="Era")],
    )
    layers: list[alt.Chart] = [rect]
    if labels:
        # Above the plot, alternating between two rows so narrow eras stay legible. A label
        # starting in the last quarter of the axis would run past the chart's right edge, so
        # it is set flush right at its band's end instead.
        offset = [-4 - 14 * (index % 2) for index in range(len(data))]
        near_end = data["start"] > first_year + 0.75 * (last_year + 1 - first_year)
        for (flush_right, y), label_rows in data.groupby([near_end, offset]):
            layers.append(
                alt.Chart(label_rows)
                .mark_text(
                    align="right" if flush_right else "left",
                    baseline="bottom",
                    dx=-2 if flush_right else 2,
                    color=MUTED,
                )
                .encode(
                    x="end:Q" if flush_right else "start:Q",
                    y=alt.value(int(y)),
                    text="label:N",
                )
            )
    return alt.layer(*layers)


def supplier_colour(suppliers: list[str]) -> alt.Scale:
    """A colour scale that gives each supplier its house colour, in the order given."""
    spare = iter(c for c in PALETTE[2:] if c not in SUPPLIER_COLOURS.values())
    colours = [SUPPLIER_COLOURS.get(name) or next(spare) for name in suppliers]
    return alt.Scale(domain=suppliers, range=colours)


def with_source(chart: alt.TopLevelMixin, source: str) -> alt.TopLevelMixin:
    """Put the source line under a chart (the theme sets the title below, left, muted)."""
    return chart.properties(title=alt.TitleParams(text=f"Source: {source}"))
