"""The map draws the sourced sites and the region's countries, and nothing else."""

from __future__ import annotations

import itertools

import altair as alt
import pandas as pd
import pytest

from analysis import curated, diplomacy, geo
from analysis.charts import maps, renderer
from analysis.data import Data

# The house theme sizes and styles the charts these tests measure.
pytestmark = pytest.mark.usefixtures("house_style")


@pytest.fixture(scope="module")
def drawn(data: Data) -> tuple[pd.DataFrame, dict, alt.LayerChart]:
    """The sites, the region's countries, and the map made of them."""
    sites = diplomacy.sites(data)
    region = geo.region(geo.read_topology(geo.boundaries(data.project)))
    return sites, region, maps.sites(sites, region)


def _inside(point: tuple[float, float], geometry: dict) -> bool:
    """Ray casting over every ring (holes flip the answer back)."""
    x, y = point
    inside = False
    for part in geometry["coordinates"]:
        for ring in part:
            for (x0, y0), (x1, y1) in itertools.pairwise(ring):
                if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                    inside = not inside
    return inside


def test_the_map_draws_the_sites_table(drawn: tuple) -> None:
    sites, _, chart = drawn
    spec = chart.to_dict()
    (rows,) = [rows for rows in spec["datasets"].values() if rows and "kind_label" in rows[0]]
    frame = pd.DataFrame(rows)
    expected = sites.astype(object).where(sites.notna(), None)
    pd.testing.assert_frame_equal(frame.astype(object).where(frame.notna(), None), expected)


def test_the_map_draws_the_region_only(drawn: tuple) -> None:
    _, region, chart = drawn
    spec = chart.to_dict()
    countries = [layer for layer in spec["layer"] if layer.get("data", {}).get("values")]
    shapes = [c["data"]["values"] for c in countries if c["mark"]["type"] == "geoshape"]
    assert region["features"] in shapes
    assert spec["projection"]["type"] == "mercator"
    assert spec["projection"]["fit"] == geo.frame_feature()
    assert "Natural Earth" in spec["title"]["text"]


def test_tooltips_list_every_agreement(drawn: tuple) -> None:
    spec = drawn[2].to_dict()
    (points,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    fields = [t["field"] for t in points["encoding"]["tooltip"]]
    agreements = [f for f in fields if f.startswith("agreement_")]
    assert agreements == ["agreement_1", "agreement_2", "agreement_3"]
    assert {"name", "kind_label", "ended", "coordinate_source", "sources"} <= set(fields)


def test_sites_given_up_are_faded_and_labelled_inside_the_frame(drawn: tuple) -> None:
    sites, _, chart = drawn
    spec = chart.to_dict()
    (points,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point"]
    scale = points["encoding"]["opacity"]["scale"]
    assert scale == {"domain": [maps.HELD, maps.GIVEN_UP], "range": [1, 0.4]}
    labels = [
        layer
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text" and "transform" in layer  # the sites' labels
    ]
    assert sorted(layer["mark"]["align"] for layer in labels) == ["left", "right"]
    east = sites[sites["longitude"] > maps.LABEL_LEFT_EAST_OF]
    # the one site far east (Qamishli) is labelled leftwards; the others, labelled rightwards,
    # leave two degrees for their text before the frame's edge
    assert list(east["id"]) == ["qamishli-airport"]
    west = sites.loc[sites["longitude"] <= maps.LABEL_LEFT_EAST_OF, "longitude"]
    assert (west < geo.REGION[2] - 2).all()


def test_every_kind_has_its_own_colour_and_shape() -> None:
    assert maps.KIND_COLOURS.keys() == maps.KIND_SHAPES.keys() == curated.SITE_KINDS.keys()
    assert len(set(maps.KIND_COLOURS.values())) == len(maps.KIND_COLOURS)
    assert len(set(maps.KIND_SHAPES.values())) == len(maps.KIND_SHAPES)


def test_country_names_sit_inside_their_country(drawn: tuple) -> None:
    region = drawn[1]
    shapes = {f["properties"]["name"]: f["geometry"] for f in region["features"]}
    west, south, east, north = geo.REGION
    for name, (x, y) in maps.COUNTRY_LABELS.items():
        assert _inside((x, y), shapes[name]), name
        assert west < x < east and south < y < north
    _, x, y = maps.SEA_LABEL
    assert not any(_inside((x, y), shape) for shape in shapes.values())


def test_height_fills_the_width_in_mercator() -> None:
    # 10 degrees square at the equator: ln(tan(50 deg)) = 0.17543 against 0.17453 radians
    assert maps.height_for((0, 0, 10, 10), 100) == 101
    # ln(tan(63.8 deg)) - ln(tan(61 deg)) = 0.70917 - 0.59003 against 8.6 deg = 0.15010 rad
    assert maps.height_for(geo.REGION, 620) == 492


def test_the_map_renders(drawn: tuple) -> None:
    assert renderer.png(drawn[2].to_dict()).startswith(b"\x89PNG")
