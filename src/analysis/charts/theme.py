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
# Everything that is not a supplier (agreement kinds, event categories, weapon categories,
# trade measures) takes these colour-blind-safe hues and greys, none of them the suppliers'
# blue or vermillion or their neighbours orange and sky blue: those keep one meaning, the
# Soviet Union and Russia, across the book.
DARK, GREY, PALE = "#333333", "#888888", "#BBBBBB"
GREEN, PINK, OLIVE, WINE, SAND, BROWN = (
    "#009E73",
    "#CC79A7",
    "#999933",
    "#882255",
    "#DDCC77",
    "#8C6D31",
)
NEUTRAL: tuple[str, ...] = (DARK, GREEN, PINK, OLIVE, WINE, GREY, SAND, BROWN, PALE)
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


# Era labels sit in one row above the plot, each at its band's start. A label is as long as
# its band has room for at the width the chart is drawn at (in the HTML, its container's):
# the full label, the era's name alone, or none. Vega-Lite cannot measure text before
# drawing it, so widths are estimated: an average advance (in ems) for wrapped lines, and
# advances by kind of character, set for the wider of the two faces (DejaVu Sans), for
# the era labels.
LABEL_ADVANCE = 0.58
LABEL_INSET = 2  # pixels kept free between a label and its band's edges
ERA_LABEL_SIZE = FONT_SIZE - 1
NARROW, WIDE = set("fijlrtI .,:;'()-"), set("mwMW")
ADVANCES = {"narrow": 0.36, "wide": 0.92, "capital": 0.72, "digit": 0.64, "other": 0.62}


def _advance(char: str) -> float:
    if char in NARROW:
        return ADVANCES["narrow"]
    if char in WIDE:
        return ADVANCES["wide"]
    if char.isdigit():
        return ADVANCES["digit"]
    return ADVANCES["capital"] if char.isupper() else ADVANCES["other"]


def text_width(text: str, size: float = ERA_LABEL_SIZE) -> float:
    """The estimated width of ``text`` in pixels at font ``size``."""
    return sum(map(_advance, text)) * size


def era_label_layout(data: pd.DataFrame) -> pd.DataFrame:
    """The era bands with the two labels each may take (``label``: name and years;
    ``short``: the name alone), the widths in pixels they need with their insets, and the
    next band's extent and need (a label may use the next band's room when that band is
    too narrow for a label of its own)."""
    short = data["label"].str.split(",").str[0]
    laid = data.reset_index(drop=True).assign(
        short=short.to_numpy(),
        full_room=[text_width(label) + 2 * LABEL_INSET for label in data["label"]],
        short_room=[text_width(label) + 2 * LABEL_INSET for label in short],
    )
    following = laid[["start", "end", "short_room"]].shift(-1)
    return laid.assign(
        next_start=following["start"].fillna(laid["end"]),
        next_end=following["end"].fillna(laid["end"]),
        next_room=following["short_room"].fillna(0.0),
    )


def era_label_text(domain: tuple[float, float]) -> str:
    """A Vega expression: the label an era's band has room for in the plot it is drawn in
    (``item.mark.group.width``, the plot's width at the moment: the container's in the
    HTML, a variant's or the print width otherwise), given the x ``domain`` in years."""
    low, high = domain
    scale = f"item.mark.group.width / {high - low}"
    following = f"(datum.next_end - datum.next_start) * {scale}"
    spare = f"({following} < datum.next_room ? {following} : 0)"
    room = f"((datum.end - datum.start) * {scale} + {spare})"
    return (
        f"{room} >= datum.full_room ? datum.label : ({room} >= datum.short_room ? datum.short : '')"
    )


def era_bands(
    first_year: int,
    last_year: int,
    *,
    labels: bool = True,
    domain: tuple[float, float] | None = None,
) -> alt.LayerChart:
    """Shaded era backgrounds for a chart whose x axis is the year (quantitative).

    ``domain`` (default: the years drawn) is the chart's x domain, for which the era labels
    are laid out at whatever width the chart is drawn.
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
        text = era_label_text(domain or (first_year, last_year + 1))
        layers.append(
            alt.Chart(era_label_layout(data))
            .mark_text(
                align="left",
                baseline="bottom",
                dx=LABEL_INSET,
                color=MUTED,
                fontSize=ERA_LABEL_SIZE,
            )
            .encode(x="start:Q", y=alt.value(-4), text=alt.value(alt.ExprRef(text)))
        )
    return alt.layer(*layers)


def supplier_colour(suppliers: list[str]) -> alt.Scale:
    """A colour scale that gives each supplier its house colour, in the order given."""
    spare = iter(c for c in PALETTE[2:] if c not in SUPPLIER_COLOURS.values())
    colours = [SUPPLIER_COLOURS.get(name) or next(spare) for name in suppliers]
    return alt.Scale(domain=suppliers, range=colours)


SOURCE = "Source: "
TITLE_SIZE = FONT_SIZE + 2


def with_source(chart: alt.TopLevelMixin, source: str) -> alt.TopLevelMixin:
    """Put the source line under a chart (the theme sets the title below, left, muted)."""
    return chart.properties(title=alt.TitleParams(text=f"{SOURCE}{source}"))


def source_line(title: object) -> str:
    """The source line of a chart's title (a Vega-Lite title, as a dict or a string):
    the line that starts with ``SOURCE``, without it."""
    parts = [title.get(key) for key in ("text", "subtitle")] if isinstance(title, dict) else [title]
    lines = [line for part in parts if isinstance(part, str) for line in part.split("\n")]
    return next((line.removeprefix(SOURCE) for line in lines if line.startswith(SOURCE)), "")


def titled(chart: alt.TopLevelMixin, takeaway: str, measured: str) -> alt.TopLevelMixin:
    """The chart under a title that states its point (``takeaway``), with a subtitle that
    says what is measured and, on a line of its own, the source line ``with_source`` set.

    Both are single strings (a newline between the subtitle's two parts): the renderer
    wraps them for the width each rendering has.
    """
    title = chart.title
    source = source_line({"text": title.text if isinstance(title, alt.TitleParams) else title})
    return chart.properties(
        title=alt.TitleParams(
            text=takeaway,
            subtitle=f"{measured}\n{SOURCE}{source}",
            orient="top",
            anchor="start",
            fontSize=TITLE_SIZE,
            fontWeight="bold",
            color=TEXT_COLOUR,
            subtitleFontSize=FONT_SIZE - 1,
            subtitleColor=MUTED,
            subtitlePadding=4,
            offset=12,
        )
    )
