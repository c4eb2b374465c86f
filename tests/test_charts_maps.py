"""The map draws the sourced sites, the cities, the Golan line, a scale bar and a locator
over the region's countries, in a frame that holds every site, with no label touching
another or cut off at a phone's, a tablet's or a desktop's width."""

from __future__ import annotations

import itertools
import json
import math
import re

import altair as alt
import pandas as pd
import pytest

from analysis import curated, diplomacy, geo
from analysis.charts import maps, renderer, theme
from analysis.data import Data

# The house theme sizes and styles the charts these tests measure.
pytestmark = pytest.mark.usefixtures("house_style")

# Plot widths in the HTML from a phone's column to a desktop's: in a wide one the map is
# limited by its height, in a narrow one by its width.
PLOT_WIDTHS = (maps.MIN_WIDTH, 326, 350, 440, 620, 740, 900, 1200)
# A site added far in the north-east, near Qamishli (as the sites table may soon hold), and
# one beyond Syria's border there (for the frame only: two long labels so close together
# cannot both fit a phone's column).
NORTH_EAST = ((42.5, 36.9, "A site in Iraq"), (40.75, 36.45, "A site near Hasakah"))


@pytest.fixture(scope="module")
def geography(data: Data) -> geo.Geography:
    return geo.geography(data.project)


@pytest.fixture(scope="module")
def drawn(data: Data, geography: geo.Geography) -> tuple[pd.DataFrame, alt.LayerChart]:
    """The sites and the map made of them."""
    sites = diplomacy.sites(data)
    return sites, maps.sites(sites, geography)


def with_north_east(sites: pd.DataFrame, added: int = len(NORTH_EAST)) -> pd.DataFrame:
    """The sites and ``added`` made-up air bases in the far north-east."""
    extra = [
        {**sites.iloc[1].to_dict(), "id": f"extra-{n}", "name": name, "latitude": y,
         "longitude": x, "agreements": None, "agreement_years": ""}
        for n, (x, y, name) in enumerate(NORTH_EAST[:added])
    ]  # fmt: skip
    return pd.concat([sites, pd.DataFrame(extra)], ignore_index=True)


def _inside(point: tuple[float, float], geometry: dict) -> bool:
    """Ray casting over every ring (holes flip the answer back)."""
    x, y = point
    inside = False
    parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for part in parts:
        for ring in part:
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                    inside = not inside
    return inside


def _rows(spec: dict) -> list[dict]:
    """Every row of data the chart carries, inline or in its datasets."""
    inline = [layer.get("data", {}).get("values", []) for layer in spec["layer"]]
    return [
        row
        for values in [*spec.get("datasets", {}).values(), *inline]
        for row in values
        if isinstance(row, dict)
    ]


def _layers(spec: dict, mark: str) -> list[dict]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == mark]


def test_the_map_draws_the_sites_table(drawn: tuple) -> None:
    sites, chart = drawn
    spec = chart.to_dict()
    (rows,) = [rows for rows in spec["datasets"].values() if rows and "kind_label" in rows[0]]
    frame = pd.DataFrame(rows)
    expected = sites.astype(object).where(sites.notna(), None)
    pd.testing.assert_frame_equal(frame.astype(object).where(frame.notna(), None), expected)


def test_the_projection_fits_a_frame_holding_syria_and_every_point(
    drawn: tuple, geography: geo.Geography
) -> None:
    sites, chart = drawn
    spec = chart.to_dict()
    frame = maps.map_frame(sites, geography)
    assert spec["projection"] == {"type": "mercator", "fit": geo.frame_feature(frame)}
    (syria,) = [f for f in geography.countries["features"] if f["properties"]["name"] == "Syria"]
    west, south, east, north = geo.bounds(syria["geometry"])
    assert frame[0] < west and frame[1] < south and frame[2] > east and frame[3] > north
    assert "Natural Earth" in spec["title"]["text"]


def test_the_frame_grows_to_a_site_added_in_the_north_east(
    drawn: tuple, geography: geo.Geography
) -> None:
    sites = with_north_east(drawn[0])
    west, south, east, north = maps.map_frame(sites, geography)
    for x, y, _ in NORTH_EAST:
        assert west < x < east and south < y < north
    assert east == pytest.approx(max(x for x, _, _ in NORTH_EAST) + maps.MARGINS[2])
    # the map of them renders, and labels both
    chart = maps.sites(sites, geography)
    texts = [row["label"] for row in _rows(chart.to_dict()) if "label" in row]
    for _, _, name in NORTH_EAST:
        assert any(text.startswith(name) for text in texts), name
    assert renderer.png(chart.to_dict()).startswith(b"\x89PNG")


def test_the_countries_are_cut_to_what_a_view_can_show(
    drawn: tuple, geography: geo.Geography
) -> None:
    sites, chart = drawn
    spec = chart.to_dict()
    frame = maps.map_frame(sites, geography)
    (land, *_) = [
        layer["data"]["values"]
        for layer in _layers(spec, "geoshape")
        if any(f["properties"].get("name") == "Turkey" for f in layer["data"]["values"])
    ]
    west, south, east, north = maps.context(frame)
    for feature in land:
        x0, y0, x1, y1 = geo.bounds(feature["geometry"])
        assert west <= x0 and south <= y0 and x1 <= east and y1 <= north
    assert len(json.dumps(spec)) < 120_000  # the page carries the region, not the world


def _placed_boxes(sites: pd.DataFrame, geography: geo.Geography) -> tuple[list, geo.Bounds]:
    frame = maps.map_frame(sites, geography)
    labels = maps.labels_for(sites, geography, frame)
    placed = maps.place(labels, maps.obstacles(sites, geography, frame), frame)
    return placed, frame


def test_labels_neither_touch_nor_leave_the_view_at_any_width(
    drawn: tuple, geography: geo.Geography
) -> None:
    """The book's sites and cities at every width. (A made-up site crowding the north-east,
    beside Qamishli, need not find room on a phone: the frame test below covers it.)"""
    sites = drawn[0]
    placed, frame = _placed_boxes(sites, geography)
    names = {label.text.split("\n")[0] for label, _ in placed}
    # every site and every city is labelled; country names may give way
    assert set(sites["name"]) | set(geography.places["name"]) <= names
    print_height = maps.height_for(frame, theme.WIDTH)
    sizes = [(theme.WIDTH, print_height)]
    sizes += [(width, print_height - maps.FURNITURE) for width in PLOT_WIDTHS]
    for width, height in sizes:
        view = maps.View(frame, width, height)
        boxes = [label.box(view, placement) for label, placement in placed]
        for (a, box_a), (b, box_b) in itertools.combinations(zip(placed, boxes, strict=True), 2):
            assert not maps._overlap(box_a, box_b), (width, a[0].text, b[0].text)
        for (label, _), box in zip(placed, boxes, strict=True):
            assert maps._inside(box, view), (width, label.text)
        symbols = maps.obstacles(sites, geography, frame)
        for (label, _), box in zip(placed, boxes, strict=True):
            for symbol in symbols:
                x0, y0 = view.point(symbol["west"], symbol["north"])
                x1, y1 = view.point(symbol["east"], symbol["south"])
                pad = symbol["pad"]
                assert not maps._overlap(box, (x0 - pad, y0 - pad, x1 + pad, y1 + pad)), (
                    width,
                    label.text,
                )


def test_the_view_projects_as_vega_fits_the_frame(drawn: tuple, geography: geo.Geography) -> None:
    """The label layout's projection is the chart's: the site symbols Vega draws sit where
    ``View.point`` puts them."""
    sites, chart = drawn
    svg = renderer.svg(chart.to_dict())
    frame = maps.map_frame(sites, geography)
    view = maps.View(frame, theme.WIDTH, maps.height_for(frame, theme.WIDTH))
    found = _symbols(svg, "mark-symbol")
    expected = [
        view.point(x, y) for x, y in zip(sites["longitude"], sites["latitude"], strict=True)
    ]
    flat = [value for point in found[: len(expected)] for value in point]
    assert flat == pytest.approx([value for point in expected for value in point], abs=0.6)


def _symbols(svg: str, role: str) -> list[tuple[float, float]]:
    """The positions (in the plot) of the marks of the first group of the given role."""
    group = svg.split(f'class="{role} role-mark')[1].split("</g>")[0]
    return [
        (float(x), float(y))
        for x, y in re.findall(r'transform="translate\(([-\d.]+),([-\d.]+)\)"', group)
    ]


def test_the_scale_bar_is_its_length_at_its_latitude(
    drawn: tuple, geography: geo.Geography
) -> None:
    sites, chart = drawn
    frame = maps.map_frame(sites, geography)
    start, end, _, caption = maps.scale_bar(frame)
    latitude = round((frame[1] + frame[3]) / 2)
    assert caption == f"{maps.SCALE_KM} km at {latitude}° N"
    # along the named parallel, as a great circle measures it (the two differ by less than
    # a metre over 100 km)
    measured = geo.great_circle_km((start, latitude), (end, latitude))
    assert measured == pytest.approx(maps.SCALE_KM, rel=1e-4)
    # in the drawn map: the bar's pixels over the pixels per kilometre Mercator gives at that
    # latitude, read off two sites Vega drew a known number of degrees apart
    svg = renderer.svg(chart.to_dict())
    (bar, *_) = re.findall(
        r'<line [^>]*transform="translate\(([-\d.]+),([-\d.]+)\)" x2="([-\d.]+)" y2="([-\d.]+)"',
        svg,
    )
    length = float(bar[2])
    (x0, _), *_, (x1, _) = _symbols(svg, "mark-symbol")
    degrees = sites["longitude"].iloc[-1] - sites["longitude"].iloc[0]
    per_radian = (x1 - x0) / math.radians(degrees)
    per_km = per_radian / (geo.EARTH_RADIUS_KM * math.cos(math.radians(latitude)))
    assert length / per_km == pytest.approx(maps.SCALE_KM, rel=0.01)


def test_the_locator_shows_the_region_syria_and_the_frame(
    drawn: tuple, geography: geo.Geography
) -> None:
    sites, chart = drawn
    frame = maps.map_frame(sites, geography)
    box = maps.inset_box(frame)
    west, south, east, north = box
    shapes = maps.locator(geography.countries, frame)
    names = {f["properties"]["name"] for f in shapes["land"]}
    assert {"Syria", "Turkey", "Iraq", "Egypt", "Cyprus", "Saudi Arabia", "Iran"} <= names
    for feature in shapes["land"] + shapes["frame"]:
        x0, y0, x1, y1 = geo.bounds(
            {"type": "Polygon", "coordinates": [feature["geometry"]["coordinates"]]}
            if feature["geometry"]["type"] == "LineString"
            else feature["geometry"]
        )
        assert west - 1e-4 <= x0 and south - 1e-4 <= y0 and x1 <= east + 1e-4
        assert y1 <= north + 1e-4
    # the outline of the main frame holds Syria as the locator draws it
    (syria,) = [f for f in shapes["land"] if f["properties"]["name"] == "Syria"]
    outline = shapes["frame"][0]["geometry"]["coordinates"]
    sx0, sy0, sx1, sy1 = geo.bounds(syria["geometry"])
    assert min(p[0] for p in outline) < sx0 and max(p[0] for p in outline) > sx1
    assert min(p[1] for p in outline) < sy0 and max(p[1] for p in outline) > sy1
    # no site or city lies under the locator
    for table in (sites, geography.places):
        assert not (
            table["longitude"].between(west, east) & table["latitude"].between(south, north)
        ).any()
    spec = chart.to_dict()
    assert any(
        layer["encoding"]["fill"]["value"] == maps.INSET_LAND
        for layer in _layers(spec, "geoshape")
        if "fill" in layer.get("encoding", {})
    )


def test_the_cities_and_the_ceasefire_line_are_drawn(
    drawn: tuple, geography: geo.Geography
) -> None:
    spec = drawn[1].to_dict()
    cities = {row["name"] for row in _rows(spec) if row.get("kind") in geo.PLACE_KINDS}
    assert cities == {"Damascus", "Latakia", "Tartus"}
    lines = [
        layer for layer in _layers(spec, "geoshape") if "strokeDash" in layer.get("encoding", {})
    ]
    (line,) = lines
    assert line["data"]["values"] == [geography.ceasefire_line]


def test_every_kind_has_its_own_neutral_colour_and_shape() -> None:
    assert maps.KIND_COLOURS.keys() == maps.KIND_SHAPES.keys() == curated.SITE_KINDS.keys()
    assert len(set(maps.KIND_COLOURS.values())) == len(maps.KIND_COLOURS)
    assert len(set(maps.KIND_SHAPES.values())) == len(maps.KIND_SHAPES)
    reserved = {theme.SUPPLIER_COLOURS["Soviet Union"], theme.SUPPLIER_COLOURS["Russia"]}
    assert not reserved & set(maps.KIND_COLOURS.values())
    for colour in maps.KIND_COLOURS.values():  # greys: red, green and blue alike
        assert len({colour[1:3], colour[3:5], colour[5:7]}) == 1


def test_country_names_sit_inside_their_country(geography: geo.Geography) -> None:
    shapes = {f["properties"]["name"]: f["geometry"] for f in geography.countries["features"]}
    for name, spots in maps.COUNTRY_LABELS.items():
        for spot in spots:
            assert _inside(spot, shapes[name]), (name, spot)


def test_height_fills_the_width_in_mercator() -> None:
    # 10 degrees square at the equator: ln(tan(50 deg)) = 0.17543 against 0.17453 radians
    assert maps.height_for((0, 0, 10, 10), 100) == 101
    # ln(tan(63.8 deg)) - ln(tan(61 deg)) = 0.70917 - 0.59003 against 8.6 deg = 0.15010 rad
    assert maps.height_for((34.0, 32.0, 42.6, 37.6), 620) == 492


def test_the_map_renders(drawn: tuple) -> None:
    assert renderer.png(drawn[1].to_dict()).startswith(b"\x89PNG")


def test_a_site_given_up_is_faded_and_its_label_says_when(drawn: tuple) -> None:
    sites, chart = drawn
    spec = chart.to_dict()
    (points,) = [
        layer for layer in _layers(spec, "point") if "opacity" in layer.get("encoding", {})
    ]
    scale = points["encoding"]["opacity"]["scale"]
    assert scale == {"domain": [maps.HELD, maps.GIVEN_UP], "range": [1, 0.4]}
    assert "ended" in [t["field"] for t in points["encoding"]["tooltip"]]
    texts = [row["label"] for row in _rows(spec) if "label" in row]
    for row in sites[sites["ended"].notna()].itertuples():
        assert any(text.startswith(row.name) and text.endswith(row.ended) for text in texts)
