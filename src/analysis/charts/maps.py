"""Maps: Russia's military sites in Syria over Natural Earth's country boundaries."""

from __future__ import annotations

import math
import re
from typing import Any

import altair as alt
import pandas as pd

from analysis import curated, geo
from analysis.charts import theme

SOURCE = (
    "boundaries, Natural Earth (de facto, 1:50m); site positions, Wikipedia; "
    "agreements, the book's agreements table."
)
SEA = "#E3EEF6"
# The column of readable citations ("Lund 2019a") the map's figure function adds.
CITED_AS = "cited_as"
LAND = "#EDEDED"
SYRIA = "#FFFFFF"
BORDER = "#9A9A9A"
# Each kind of site keeps a colour and a shape, so the legend never rests on colour alone.
KIND_COLOURS: dict[str, str] = {
    "naval": theme.PALETTE[0],
    "air": theme.PALETTE[1],
    "signals": theme.PALETTE[2],
}
KIND_SHAPES: dict[str, str] = {"naval": "triangle-up", "air": "square", "signals": "diamond"}
# Where each country's name is printed (longitude, latitude): placement only, chosen to sit
# inside the country and inside the frame, clear of the sites.
COUNTRY_LABELS: dict[str, tuple[float, float]] = {
    "Syria": (38.6, 35.0),
    "Turkey": (38.0, 37.3),
    "Iraq": (41.8, 33.6),
    "Jordan": (37.3, 32.25),
    "Lebanon": (35.9, 33.85),
    "Israel": (35.3, 32.85),
}
SEA_LABEL = ("Mediterranean Sea", 34.7, 33.9)
# East of this longitude a site's label is set to the left of its mark, so that it stays
# inside the frame (placement only).
LABEL_LEFT_EAST_OF = 40.0
# Sites Russia no longer holds are drawn faded; their labels say how and when they were lost,
# so the fading needs no legend of its own (one more would widen the map's legend row).
GIVEN_UP, HELD = "no longer held", "held at the latest report"


def height_for(frame: geo.Bounds, width: int) -> int:
    """The height at which a Mercator map of ``frame`` fills ``width`` without margins."""
    west, south, east, north = frame

    def y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    return round(width * (y(north) - y(south)) / math.radians(east - west))


def _text_layer(rows: list[dict[str, Any]], **mark: Any) -> alt.Chart:
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_text(**mark)
        .encode(longitude="longitude:Q", latitude="latitude:Q", text="label:N")
    )


def sites(frame: pd.DataFrame, countries: dict[str, Any]) -> alt.LayerChart:
    """The sites as shaped points with labels (name; years of the agreements that govern
    them; when Russia gave the site up, if it did) over the countries of the region, a site
    no longer held faded; the tooltip lists the agreements."""
    box = geo.frame_feature()
    projection = alt.Projection(type="mercator", fit=box)
    size = {"width": theme.WIDTH, "height": height_for(geo.REGION, theme.WIDTH)}
    # The sea: a box a degree larger than the frame, clipped, so that its edges (arcs on the
    # sphere, not straight lines) fall outside the view.
    west, south, east, north = geo.REGION
    sea_box = geo.frame_feature((west - 1, south - 1, east + 1, north + 1))
    sea = alt.Chart(alt.Data(values=[sea_box])).mark_geoshape(fill=SEA, stroke=None, clip=True)
    land = (
        alt.Chart(alt.Data(values=countries["features"]))
        .mark_geoshape(stroke=BORDER, strokeWidth=0.7, clip=True)
        .encode(
            fill=alt.condition(
                "datum.properties.name == 'Syria'", alt.value(SYRIA), alt.value(LAND)
            ),
            tooltip=alt.Tooltip("properties.name:N", title="Country"),
        )
    )
    names = _text_layer(
        [{"label": n, "longitude": x, "latitude": y} for n, (x, y) in COUNTRY_LABELS.items()],
        color=theme.MUTED,
        fontSize=theme.FONT_SIZE,
    )
    label, x, y = SEA_LABEL
    sea_name = _text_layer(
        [{"label": label, "longitude": x, "latitude": y}], color="#5A7A94", fontStyle="italic"
    )
    kinds = [curated.SITE_KINDS[k] for k in KIND_COLOURS]
    kind = alt.Color(
        "kind_label:N",
        title=None,
        scale=alt.Scale(domain=kinds, range=list(KIND_COLOURS.values())),
    )
    numbered = {
        int(c.rsplit("_", 1)[1]): c for c in frame.columns if re.fullmatch(r"agreement_\d+", c)
    }
    agreements = [numbered[n] for n in sorted(numbered)]
    # The readable citations a figure function adds ("Lund 2019a"), else the keys.
    cited = CITED_AS if CITED_AS in frame.columns else "sources"
    tooltip = [
        alt.Tooltip("name:N", title="Site"),
        alt.Tooltip("kind_label:N", title="Kind"),
        alt.Tooltip("ended:N", title="Given up"),
        *(alt.Tooltip(f"{c}:N", title=f"Agreement {n}") for n, c in enumerate(agreements, 1)),
        alt.Tooltip("note:N", title="Note"),
        alt.Tooltip("latitude:Q", title="Latitude", format=".3f"),
        alt.Tooltip("longitude:Q", title="Longitude", format=".3f"),
        alt.Tooltip("coordinate_source:N", title="Coordinates from"),
        alt.Tooltip(f"{cited}:N", title="Sources"),
    ]
    base = alt.Chart(frame).encode(longitude="longitude:Q", latitude="latitude:Q")
    held = alt.Opacity(
        "held:N", legend=None, scale=alt.Scale(domain=[HELD, GIVEN_UP], range=[1, 0.4])
    )
    points = (
        base.transform_calculate(held=f"datum.ended ? '{GIVEN_UP}' : '{HELD}'")
        .mark_point(filled=True, size=140, stroke="white", strokeWidth=1)
        .encode(
            color=kind,
            shape=alt.Shape(
                "kind_label:N", scale=alt.Scale(domain=kinds, range=list(KIND_SHAPES.values()))
            ),
            opacity=held,
            tooltip=tooltip,
        )
    )
    labelled = base.transform_calculate(
        label="datum.name + '\\n' + (datum.agreement_years ? 'agreements of ' + "
        "datum.agreement_years : 'no agreement known') + "
        "(datum.ended ? '\\n' + datum.ended : '')"
    )
    east = f"datum.longitude > {LABEL_LEFT_EAST_OF}"
    labels = [
        labelled.transform_filter(where)
        .mark_text(
            align=align,
            baseline="middle",
            dx=dx,
            lineBreak="\n",
            fontSize=theme.FONT_SIZE - 1,
        )
        .encode(text="label:N", tooltip=tooltip)
        for where, align, dx in ((f"!({east})", "left", 10), (east, "right", -10))
    ]
    chart = alt.layer(sea, land, names, sea_name, points, *labels).properties(
        projection=projection, **size
    )
    return theme.with_source(chart, SOURCE)
