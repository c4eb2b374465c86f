"""The house style of every chart: typography, colours, era bands and the source line.

Colours are the Okabe-Ito palette (safe for the common forms of colour blindness); every
chart also separates its series by shape, dash or label, so none depends on colour alone.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis import eras

# Noto Sans first (the PDF's sans font, installed by system-packages.txt, and the face the
# era labels' widths are estimated for); a reader's browser without it takes the next.
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
FONT_SIZE = 12
WIDTH = 620
HEIGHT = 280
PADDING = 8  # pixels around every chart

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


THEME = "book"


def book_theme() -> alt.theme.ThemeConfig:
    """The Vega-Lite config shared by the HTML and the PDF renderings."""
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": WIDTH, "continuousHeight": HEIGHT, "stroke": None},
            "background": "white",
            "padding": PADDING,
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
    """Whole years; labels that touch count as overlapping, so every other one is dropped
    rather than run together."""
    return alt.Axis(format="d", tickMinStep=1, labelOverlap=True, labelSeparation=8)


def year_x(
    field: str,
    first: int,
    last: int,
    *,
    zoom: alt.Parameter | None = None,
    axis: alt.Axis | None = None,
) -> alt.X:
    """The x encoding of every chart over years: the house scale and axis, untitled (the
    years speak for themselves). ``zoom`` makes the domain follow a brush in another panel."""
    scale = alt.Scale(domain=zoom) if zoom is not None else years(first, last)
    shorthand = field if ":" in field else f"{field}:Q"
    return alt.X(shorthand, title=None, axis=axis or year_axis(), scale=scale)


def tips(*fields: tuple[str, str] | tuple[str, str, str]) -> list[alt.Tooltip]:
    """Tooltip lines from (field, title) or (field, title, format): a field without a type
    is text, shown as written."""
    return [
        alt.Tooltip(
            field if ":" in field else f"{field}:N",
            title=title,
            **({"format": rest[0]} if rest else {}),
        )
        for field, title, *rest in fields
    ]


# Era labels sit in rows above the plot. Their widths are estimated from an average Noto Sans
# advance (in ems), since Vega-Lite cannot move one text mark away from another.
LABEL_ADVANCE = 0.58
LABEL_ROW = 14  # pixels between rows
LABEL_GAP = 6  # pixels kept free between two labels in a row
LABEL_INSET = 2  # pixels between a label and the band edge it is aligned to


def era_label_layout(data: pd.DataFrame, domain: tuple[float, float], width: float) -> pd.DataFrame:
    """Where each era's label goes, given the chart's x domain (in years) and plot width.

    A label starts at its band's start unless it would run past the right edge; then it ends
    flush right at its band's end. It takes the lowest row in which it overlaps no label
    placed before it, so neighbouring labels never collide however narrow their bands are.
    """
    low, high = domain
    per_year = width / (high - low)
    char = LABEL_ADVANCE * (FONT_SIZE - 1)
    row_ends: list[float] = []  # right edge of the last label placed in each row
    placed = []
    for band in data.itertuples(index=False):
        extent = len(band.label) * char
        left = (band.start - low) * per_year + LABEL_INSET
        flush_right = left + extent > width
        if flush_right:
            left = (band.end - low) * per_year - LABEL_INSET - extent
        row = next(
            (index for index, end in enumerate(row_ends) if end + LABEL_GAP <= left),
            len(row_ends),
        )
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = left + extent
        placed.append(
            {
                "align": "right" if flush_right else "left",
                "at": band.end if flush_right else band.start,
                "row": row,
            }
        )
    return pd.concat([data.reset_index(drop=True), pd.DataFrame(placed)], axis=1)


def era_bands(
    first_year: int,
    last_year: int,
    *,
    labels: bool = True,
    width: float = WIDTH,
    domain: tuple[float, float] | None = None,
) -> alt.LayerChart:
    """Shaded era backgrounds for a chart whose x axis is the year (quantitative).

    ``width`` and ``domain`` (default: the years drawn) describe the chart the bands go
    behind; the era labels are laid out for them.
    """
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
        layout = era_label_layout(data, domain or (first_year, last_year + 1), width)
        for (align, row), label_rows in layout.groupby(["align", "row"]):
            layers.append(
                alt.Chart(label_rows)
                .mark_text(
                    align=align,
                    baseline="bottom",
                    dx=-LABEL_INSET if align == "right" else LABEL_INSET,
                    color=MUTED,
                )
                .encode(x="at:Q", y=alt.value(-4 - LABEL_ROW * int(row)), text="label:N")
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
