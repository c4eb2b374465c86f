"""Maps: Russia's military sites in Syria over Natural Earth's country boundaries.

The frame is computed from the sites and the cities drawn (and all of Syria), so that a
site added to the data is never left outside it. Every label is placed in pixels, once, for
the narrowest column the book supports and for the print width: the map scales with its
column while the text keeps its size, so a layout clear at both is clear at every width in
between and above (the map drawn wider than for print is limited by its fixed height and
grows no further). The locator inset and the scale bar are drawn in the map's own
projection, so they scale with it too.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from analysis import curated, geo
from analysis.charts import theme

SOURCE = "Natural Earth (borders, Golan line); Wikipedia, a gazetteer (places); agreements table."
SEA = "#E3EEF6"
# The column of readable citations ("Lund 2019a") the map's figure function adds.
CITED_AS = "cited_as"
LAND = "#EDEDED"
SYRIA = "#FFFFFF"
BORDER = "#9A9A9A"
LINE_COLOUR = "#333333"
LINE_DASH = [4, 2]
# The ceasefire line's legend, in the view's top left corner (pixels, generously): the
# labels keep clear of it.
LINE_LEGEND = (0.0, 0.0, 190.0, 34.0)
# Sites keep neutral tones (orange and blue belong to the Soviet Union and Russia) and a
# shape each, so that the legend never rests on colour alone.
KIND_COLOURS: dict[str, str] = {"naval": "#1F1F1F", "air": "#5C5C5C", "signals": "#8A8A8A"}
KIND_SHAPES: dict[str, str] = {"naval": "triangle-up", "air": "square", "signals": "diamond"}
SITE_SIZE = 140  # area of a site's symbol, in square pixels
CITY_SIZE = {"capital": 60, "city": 30}
# Degrees added around Syria, the sites and the cities: more to the west, where the
# coastal labels and the sea's name need room.
MARGINS = (1.5, 0.3, 0.35, 0.3)  # west, south, east, north
# What a view may show around the frame: the map is as wide as its column and as high as
# in print, so a narrow column shows more to the north and south, a wide one more to the
# east and west. The countries are cut to it (fractions of the frame's extent).
CONTEXT = 0.6
# What the legend, the source line and the padding take of the chart's height in the HTML
# (generously: three legend lines and three lines of source).
FURNITURE = 140
WIDE = 1000  # a plot wider than any column, where the map's height limits it
MIN_WIDTH = 310  # the narrowest plot the labels are laid out for (a phone's column)
SCALE_KM = 100
INSET_SHARE = 0.25  # the locator's width as a share of the frame's
INSET_PAD = 0.015  # its distance from the frame's corner, as a share of the frame's width
INSET_LAND = "#D4D4D4"
INSET_SYRIA = "#6E6E6E"
# Where each country's name may be printed (longitude, latitude), in order of preference:
# placement only, inside the country; the first spot clear of every other label at every
# width is taken, and a name with none is left out.
COUNTRY_LABELS: dict[str, tuple[geo.Point, ...]] = {
    "Syria": ((38.6, 35.0), (39.6, 34.3), (40.0, 35.6)),
    "Turkey": ((38.0, 37.45), (37.7, 37.2)),
    "Iraq": ((42.05, 35.0), (41.9, 35.6)),
    "Jordan": ((37.3, 32.25), (38.6, 32.6)),
    "Lebanon": ((35.95, 34.05), (35.75, 33.85), (35.6, 33.55)),
    "Israel": ((35.25, 32.8), (35.1, 32.65)),
}
GIVEN_UP, HELD = "no longer held", "held at the latest report"
GAP = 3  # pixels between a symbol and its label
EDGE = 2  # pixels a label keeps from the view's edge
LINE_HEIGHT = 1.4  # of the font size: a text box as the browser measures it, ascent to descent


def height_for(frame: geo.Bounds, width: int) -> int:
    """The height at which a Mercator map of ``frame`` fills ``width`` without margins."""
    west, south, east, north = frame
    return round(
        width * (geo.mercator_y(north) - geo.mercator_y(south)) / math.radians(east - west)
    )


def map_frame(sites: pd.DataFrame, geography: geo.Geography) -> geo.Bounds:
    """The frame: all of Syria, every site and every city, with ``MARGINS`` around."""
    (syria,) = [f for f in geography.countries["features"] if f["properties"]["name"] == "Syria"]
    points = [
        (x, y)
        for table in (sites, geography.places)
        for x, y in zip(table["longitude"], table["latitude"], strict=True)
    ]
    west, south, east, north = geo.span(points, geo.bounds(syria["geometry"]))
    dw, ds, de, dn = MARGINS
    return (west - dw, south - ds, east + de, north + dn)


def context(frame: geo.Bounds) -> geo.Bounds:
    """What some column width may show around ``frame`` (``CONTEXT``): the countries are
    cut to it, so that the page carries no more land than a view can show."""
    west, south, east, north = frame
    dx, dy = (east - west) * CONTEXT, (north - south) * CONTEXT
    return (west - dx, south - dy, east + dx, north + dy)


@dataclass(frozen=True)
class View:
    """The map's projection at one plot size: Mercator fitted to the frame, centred."""

    frame: geo.Bounds
    width: float
    height: float

    @property
    def scale(self) -> float:
        west, south, east, north = self.frame
        tall = geo.mercator_y(north) - geo.mercator_y(south)
        return min(self.width / math.radians(east - west), self.height / tall)

    def point(self, longitude: float, latitude: float) -> tuple[float, float]:
        """Pixels from the plot's top left corner."""
        west, south, east, north = self.frame
        middle = (geo.mercator_y(north) + geo.mercator_y(south)) / 2
        x = self.width / 2 + self.scale * math.radians(longitude - (west + east) / 2)
        y = self.height / 2 - self.scale * (geo.mercator_y(latitude) - middle)
        return x, y


Box = tuple[float, float, float, float]  # left, top, right, bottom, in pixels

# Where a label may sit around its anchor: text alignment, baseline and the unit direction
# of its offset; tried in this order.
PLACEMENTS: tuple[tuple[str, str, float, float], ...] = (
    ("left", "middle", 1, 0),
    ("right", "middle", -1, 0),
    ("center", "bottom", 0, -1),
    ("center", "top", 0, 1),
    ("left", "bottom", 0.7, -0.7),
    ("left", "top", 0.7, 0.7),
    ("right", "bottom", -0.7, -0.7),
    ("right", "top", -0.7, 0.7),
)
CENTRED = (("center", "middle", 0, 0),)


@dataclass(frozen=True)
class Label:
    """A text to place near (or, centred, on) a point: ``reach`` is the pixels from the
    point to the nearest side of the text; a country's name is ``muted``."""

    text: str
    longitude: float
    latitude: float
    size: float
    reach: float = 0
    placements: tuple[tuple[str, str, float, float], ...] = PLACEMENTS
    required: bool = True
    elsewhere: tuple[geo.Point, ...] = ()  # other spots to anchor it at, in order
    muted: bool = False

    def extent(self) -> tuple[float, float]:
        lines = self.text.split("\n")
        across = max(map(len, lines)) * theme.LABEL_ADVANCE * self.size + 2
        high = len(lines) * self.size * LINE_HEIGHT
        return across, high

    def box(self, view: View, placement: tuple[str, str, float, float]) -> Box:
        align, baseline, ux, uy = placement
        x, y = view.point(self.longitude, self.latitude)
        x, y = x + ux * self.reach, y + uy * self.reach
        width, height = self.extent()
        left = {"left": x, "right": x - width, "center": x - width / 2}[align]
        top = {"top": y, "bottom": y - height, "middle": y - height / 2}[baseline]
        return (left, top, left + width, top + height)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(box: Box, view: View) -> bool:
    return (
        box[0] >= EDGE
        and box[1] >= EDGE
        and box[2] <= view.width - EDGE
        and box[3] <= view.height - EDGE
    )


def views(frame: geo.Bounds) -> list[View]:
    """The plot sizes a layout must hold at. In print the plot has the authored size. In
    the HTML the chart (legend and source line included) is fitted into the authored
    height, so the plot is ``FURNITURE`` pixels lower: from the narrowest column, where the
    map is smallest, to a wide one, where its height limits it and it grows no further."""
    height = height_for(frame, theme.WIDTH)
    return [
        View(frame, MIN_WIDTH, height - FURNITURE),
        View(frame, theme.WIDTH, height),
        View(frame, WIDE, height - FURNITURE),
    ]


def place(
    labels: list[Label], obstacles: list[dict[str, float]], frame: geo.Bounds
) -> list[tuple[Label, tuple[str, str, float, float]]]:
    """Each label at its first placement that stays inside the view and clear of the
    obstacles (boxes in degrees: ``west``, ``south``, ``east``, ``north``) and of the labels
    placed before it, at every width of ``views``. A required label with no clear place
    takes the one that overlaps least; an optional one is left out."""
    sizes = views(frame)

    def fixed(view: View) -> list[Box]:
        out = []
        for o in obstacles:
            x0, y0 = view.point(o["west"], o["north"])
            x1, y1 = view.point(o["east"], o["south"])
            pad = o.get("pad", 0)
            out.append((x0 - pad, y0 - pad, x1 + pad, y1 + pad))
        return out

    taken = {id(view): [*fixed(view), LINE_LEGEND] for view in sizes}
    placed = []
    for label in labels:
        spots = [label] + [
            dataclasses.replace(label, longitude=x, latitude=y) for x, y in label.elsewhere
        ]
        best, fewest = None, math.inf
        for spot, placement in itertools.product(spots, label.placements):
            clashes = 0
            for view in sizes:
                box = spot.box(view, placement)
                clashes += (not _inside(box, view)) + sum(
                    _overlap(box, other) for other in taken[id(view)]
                )
            if clashes < fewest:
                best, fewest = (spot, placement), clashes
            if not clashes:
                break
        if best is None or (fewest and not label.required):
            continue
        spot, placement = best
        for view in sizes:
            taken[id(view)].append(spot.box(view, placement))
        placed.append(best)
    return placed


def _symbol(longitude: float, latitude: float, radius: float) -> dict[str, float]:
    """A point symbol as an obstacle: the degrees are a point, the pad its radius."""
    return {
        "west": longitude,
        "east": longitude,
        "south": latitude,
        "north": latitude,
        "pad": radius,
    }


def _radius(area: float) -> float:
    return math.sqrt(area) / 2 + 1


def inset_box(frame: geo.Bounds) -> geo.Bounds:
    """Where the locator sits: in the frame's south-east corner (the Iraqi desert, far from
    any site), as wide as ``INSET_SHARE`` of the frame, with the locator's proportions."""
    west, south, east, _ = frame
    wide = math.radians(east - west)
    lw, ls, le, ln = geo.LOCATOR
    across = wide * INSET_SHARE
    high = across * (geo.mercator_y(ln) - geo.mercator_y(ls)) / math.radians(le - lw)
    right = math.radians(east) - wide * INSET_PAD
    bottom = geo.mercator_y(south) + wide * INSET_PAD
    return (
        math.degrees(right - across),
        geo.latitude_of(bottom),
        math.degrees(right),
        geo.latitude_of(bottom + high),
    )


def _into(box: geo.Bounds) -> Callable[[list[float]], list[float]]:
    """The map from the locator's extent onto ``box`` that keeps Mercator's proportions:
    linear in longitude and in Mercator northing."""
    lw, ls, le, ln = geo.LOCATOR
    bw, bs, be, bn = box
    across = (be - bw) / (le - lw)
    y0, y1 = geo.mercator_y(ls), geo.mercator_y(ln)
    b0, b1 = geo.mercator_y(bs), geo.mercator_y(bn)

    def move(point: list[float]) -> list[float]:
        x = bw + (point[0] - lw) * across
        y = geo.latitude_of(b0 + (geo.mercator_y(point[1]) - y0) * (b1 - b0) / (y1 - y0))
        return [round(x, geo.DIGITS + 2), round(y, geo.DIGITS + 2)]

    return move


def locator(countries: dict[str, Any], frame: geo.Bounds) -> dict[str, list[dict[str, Any]]]:
    """The locator's shapes, moved into its box on the main map: its sea, the countries
    (simplified; the chart fills Syria darker), the main frame's outline and its edge."""
    box = inset_box(frame)
    move = _into(box)
    simple = geo.simplify(geo.clip(countries, geo.LOCATOR), 0.2)

    def moved(feature: dict[str, Any]) -> dict[str, Any]:
        parts = feature["geometry"]["coordinates"]
        coordinates = [[[move(p) for p in ring] for ring in part] for part in parts]
        geometry = {"type": "MultiPolygon", "coordinates": coordinates}
        return {**feature, "geometry": geometry}

    def ring(bounds: geo.Bounds) -> dict[str, Any]:
        points = [move(p) for p in geo.box_ring(bounds)]
        return {
            "type": "Feature",
            "properties": {},
            "geometry": {"type": "LineString", "coordinates": points},
        }

    sea = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [geo.box_ring(box)]},
    }
    return {
        "sea": [sea],
        "land": [moved(f) for f in simple["features"]],
        "frame": [ring(frame)],
        "edge": [ring(geo.LOCATOR)],
    }


def scale_bar(frame: geo.Bounds) -> tuple[float, float, float, str]:
    """The scale bar: west and east longitude, the latitude it is drawn at and its label.
    It sits just above the locator, flush with its east side (the desert, where no site
    is), and is ``SCALE_KM`` long along the parallel of the frame's middle latitude
    (rounded to a degree, which the label names): Mercator's scale changes with latitude."""
    _, south, _, north = frame
    middle = round((south + north) / 2)
    _, _, right, top = inset_box(frame)
    at = top + (north - south) * 0.025
    start = right - geo.along_parallel(SCALE_KM, middle)
    return start, right, at, f"{SCALE_KM} km at {middle}° N"


def _rows(
    placed: list[tuple[Label, tuple[str, str, float, float]]],
) -> Iterator[tuple[tuple, list[dict[str, Any]]]]:
    """The placed labels grouped by what a text mark fixes: placement, size and colour."""
    groups: dict[tuple, list[dict[str, Any]]] = {}
    for label, placement in placed:
        key = (*placement, label.reach, label.size, label.muted)
        groups.setdefault(key, []).append(
            {"label": label.text, "longitude": label.longitude, "latitude": label.latitude}
        )
    yield from groups.items()


def _text_layers(placed: list[tuple[Label, tuple[str, str, float, float]]]) -> list[alt.Chart]:
    layers = []
    for (align, baseline, ux, uy, reach, size, muted), rows in _rows(placed):
        layers.append(
            alt.Chart(alt.Data(values=rows))
            .mark_text(
                align=align,
                baseline=baseline,
                dx=ux * reach,
                dy=uy * reach,
                lineBreak="\n",
                fontSize=size,
                color=theme.MUTED if muted else theme.TEXT_COLOUR,
            )
            .encode(longitude="longitude:Q", latitude="latitude:Q", text="label:N")
        )
    return layers


def labels_for(sites: pd.DataFrame, geography: geo.Geography, frame: geo.Bounds) -> list[Label]:
    """Every label of the map in the order it is placed: the scale bar's (above its end),
    sites, cities and the countries (whose names may give way); the ceasefire line
    is named in the legend. A city's label keeps as far from its dot as a site's from its
    symbol, since a site may sit on a city (the naval facility on Tartus's port)."""
    reach = _radius(SITE_SIZE) + GAP
    _, end, at, caption = scale_bar(frame)
    above = (("right", "bottom", 0, -1),)
    out = [Label(caption, end, at, theme.FONT_SIZE - 2, GAP + 1, above)]
    out += [
        Label(
            f"{row.name}\n"
            + (f"agreements {row.agreement_years}" if row.agreement_years else "no agreement known")
            + (f"\n{row.ended}" if isinstance(row.ended, str) else ""),
            row.longitude,
            row.latitude,
            theme.FONT_SIZE - 1,
            reach,
        )
        for row in sites.itertuples()
    ]
    out += [
        Label(
            row.name,
            row.longitude,
            row.latitude,
            theme.FONT_SIZE - 1,
            reach,
        )
        for row in geography.places.itertuples()
    ]
    out += [
        Label(n, x, y, theme.FONT_SIZE, 0, CENTRED, False, tuple(rest), muted=True)
        for n, ((x, y), *rest) in COUNTRY_LABELS.items()
    ]
    return out


def obstacles(
    sites: pd.DataFrame, geography: geo.Geography, frame: geo.Bounds
) -> list[dict[str, float]]:
    """What labels must keep clear of: the symbols, the locator and the scale bar."""
    out = [
        _symbol(x, y, _radius(SITE_SIZE))
        for x, y in zip(sites["longitude"], sites["latitude"], strict=True)
    ]
    out += [
        _symbol(row.longitude, row.latitude, _radius(CITY_SIZE[row.kind]))
        for row in geography.places.itertuples()
    ]
    west, south, east, north = inset_box(frame)
    out.append({"west": west, "south": south, "east": east, "north": north, "pad": GAP})
    start, end, at, _ = scale_bar(frame)
    out.append({"west": start, "south": at, "east": end, "north": at, "pad": GAP + 1})
    return out


def sites(frame: pd.DataFrame, geography: geo.Geography) -> alt.LayerChart:
    """The sites as shaped points with two-line labels (name; years of the agreements that
    govern them) over the countries of the region, with the capital and the coastal cities,
    the Golan ceasefire line, a scale bar and a locator; the tooltip lists the agreements."""
    bounds = map_frame(frame, geography)
    projection = alt.Projection(type="mercator", fit=geo.frame_feature(bounds))
    size = {"width": theme.WIDTH, "height": height_for(bounds, theme.WIDTH)}
    land = (
        alt.Chart(alt.Data(values=geo.clip(geography.countries, context(bounds))["features"]))
        .mark_geoshape(stroke=BORDER, strokeWidth=0.7, clip=True)
        .encode(
            fill=alt.condition(
                "datum.properties.name == 'Syria'", alt.value(SYRIA), alt.value(LAND)
            ),
            tooltip=alt.Tooltip("properties.name:N", title="Country"),
        )
    )
    line = (
        alt.Chart(alt.Data(values=[geography.ceasefire_line]))
        .mark_geoshape(filled=False, stroke=LINE_COLOUR, strokeWidth=1.6)
        .encode(
            strokeDash=alt.StrokeDash(
                "properties.name:N",
                title=None,
                scale=alt.Scale(range=[LINE_DASH]),
                legend=alt.Legend(
                    symbolType="stroke",
                    symbolStrokeColor=LINE_COLOUR,
                    orient="top-left",
                    offset=4,
                    padding=4,
                    fillColor="#FFFFFF",
                    columns=1,
                ),
            ),
            tooltip=alt.Tooltip("properties.name:N", title="Line"),
        )
    )
    shapes = locator(geography.countries, bounds)
    inset = [
        alt.Chart(alt.Data(values=shapes["sea"])).mark_geoshape(fill=SEA, stroke=None),
        alt.Chart(alt.Data(values=shapes["land"]))
        .mark_geoshape(stroke="white", strokeWidth=0.3)
        .encode(
            fill=alt.condition(
                "datum.properties.name == 'Syria'", alt.value(INSET_SYRIA), alt.value(INSET_LAND)
            )
        ),
        alt.Chart(alt.Data(values=shapes["frame"])).mark_geoshape(
            filled=False, stroke=theme.TEXT_COLOUR, strokeWidth=1
        ),
        alt.Chart(alt.Data(values=shapes["edge"])).mark_geoshape(
            filled=False, stroke=theme.MUTED, strokeWidth=0.8
        ),
    ]
    start, end, at, _ = scale_bar(bounds)
    tick = (bounds[3] - bounds[1]) * 0.012
    bar_rows = [
        {"x": start, "y": at, "x2": end, "y2": at},
        {"x": start, "y": at - tick, "x2": start, "y2": at + tick},
        {"x": end, "y": at - tick, "x2": end, "y2": at + tick},
    ]
    bar = (
        alt.Chart(alt.Data(values=bar_rows))
        .mark_rule(color=theme.TEXT_COLOUR, strokeWidth=1.5)
        .encode(longitude="x:Q", latitude="y:Q", longitude2="x2:Q", latitude2="y2:Q")
    )
    kinds = [curated.SITE_KINDS[k] for k in KIND_COLOURS]
    # One kind a line: the longest name is wider than half a phone's column.
    kind = alt.Color(
        "kind_label:N",
        title=None,
        scale=alt.Scale(domain=kinds, range=list(KIND_COLOURS.values())),
        legend=alt.Legend(columns=1),
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
    # A site Russia no longer holds is drawn faded; its label says how and when it was lost,
    # so the fading needs no legend of its own.
    held = alt.Opacity(
        "held:N", legend=None, scale=alt.Scale(domain=[HELD, GIVEN_UP], range=[1, 0.4])
    )
    points = (
        alt.Chart(frame)
        .transform_calculate(held=f"datum.ended ? '{GIVEN_UP}' : '{HELD}'")
        .mark_point(filled=True, size=SITE_SIZE, stroke="white", strokeWidth=1)
        .encode(
            longitude="longitude:Q",
            latitude="latitude:Q",
            color=kind,
            shape=alt.Shape(
                "kind_label:N", scale=alt.Scale(domain=kinds, range=list(KIND_SHAPES.values()))
            ),
            opacity=held,
            tooltip=tooltip,
        )
    )
    source = CITED_AS if CITED_AS in geography.places.columns else "source"
    places = geography.places[["name", "kind", "latitude", "longitude", source]]
    city_tooltip = theme.tips(("name", "City"), ("kind", "Kind"), (source, "Coordinates from"))
    cities = [
        alt.Chart(places[places["kind"] == kind_])
        .mark_point(
            filled=True,
            size=CITY_SIZE[kind_],
            shape="circle",
            fill=theme.TEXT_COLOUR if kind_ == "capital" else "white",
            stroke=theme.TEXT_COLOUR,
            strokeWidth=1.5,
            opacity=1,
        )
        .encode(longitude="longitude:Q", latitude="latitude:Q", tooltip=city_tooltip)
        for kind_ in geo.PLACE_KINDS
    ]
    placed = place(
        labels_for(frame, geography, bounds), obstacles(frame, geography, bounds), bounds
    )
    chart = alt.layer(land, line, *inset, bar, points, *cities, *_text_layers(placed)).properties(
        projection=projection, view=alt.ViewBackground(fill=SEA, stroke=None), **size
    )
    return theme.with_source(chart, SOURCE)
