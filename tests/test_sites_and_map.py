"""The sites table, its checks, and the TopoJSON decoding behind the map."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import bibliography, curated, diplomacy, geo
from analysis.data import Data
from analysis.errors import DataError
from analysis.paths import Project
from helpers import bad_copy, set_cell


@pytest.fixture(scope="module")
def sites(data: Data) -> pd.DataFrame:
    return diplomacy.sites(data)


# The neighbourhood of Syria: all of it, the coast of Lebanon and the eastern tip of Cyprus.
NEIGHBOURHOOD = (34.0, 32.0, 42.6, 37.6)


@pytest.fixture(scope="module")
def region(project: Project) -> dict:
    return geo.region(geo.read_topology(geo.boundaries(project)), NEIGHBOURHOOD)


def _syria(region: dict) -> dict:
    (syria,) = [f for f in region["features"] if f["properties"]["name"] == "Syria"]
    return syria


def test_the_sourced_sites_with_their_coordinates(sites: pd.DataFrame) -> None:
    # the values the cited pages state (see the notes of the bibliography entries)
    coordinates = sites.set_index("id")[["latitude", "longitude", "coordinate_source"]]
    assert coordinates.to_dict("index") == {
        "tartus-naval-facility": {
            "latitude": 34.915,
            "longitude": 35.875,
            "coordinate_source": "wikipedia_tartus_naval_base",
        },
        "hmeimim-air-base": {
            "latitude": 35.41167,
            "longitude": 35.945,
            "coordinate_source": "wikipedia_khmeimim_air_base",
        },
        "center-s-tell-al-hara": {
            "latitude": 33.06278,
            "longitude": 35.99194,
            "coordinate_source": "wikipedia_tell_al_hara",
        },
        "qamishli-airport": {
            "latitude": 37.02056,
            "longitude": 41.19139,
            "coordinate_source": "wikipedia_qamishli_airport",
        },
    }


def test_sites_given_up_say_how_and_when(sites: pd.DataFrame) -> None:
    ended = sites.set_index("id")["ended"]
    assert ended.dropna().to_dict() == {
        "center-s-tell-al-hara": "overrun October 2014",
        "qamishli-airport": "withdrawn January 2026",
    }
    held = sites[sites["status"] == curated.IN_USE]
    assert set(held["id"]) == {"tartus-naval-facility", "hmeimim-air-base"}
    assert held["end_date"].isna().all()


def test_sites_lie_inside_syria(sites: pd.DataFrame, region: dict) -> None:
    west, south, east, north = geo.bounds(_syria(region)["geometry"])
    assert sites["longitude"].between(west, east).all()
    assert sites["latitude"].between(south, north).all()


def test_every_site_is_cited(project: Project, sites: pd.DataFrame) -> None:
    keys = bibliography.keys(project.bibliography)
    for row in sites.itertuples():
        assert row.coordinate_source in keys
        assert curated.split_keys(row.sources)
        assert set(curated.split_keys(row.sources)) <= keys


def test_governing_agreements_come_from_the_agreements_table(sites: pd.DataFrame) -> None:
    by_id = sites.set_index("id")
    assert curated.split_keys(by_id.loc["tartus-naval-facility", "agreements"]) == [
        "1971-tartus-naval-facility",
        "2017-01-18-tartus-naval-facility",
    ]
    hmeimim = by_id.loc["hmeimim-air-base"]
    assert hmeimim["agreement_years"] == "2015, 2017, 2020"
    assert hmeimim["agreement_1"] == (
        "2015-08-26: Agreement on the deployment of a Russian air group in Syria (Hmeimim) "
        "(under review)"
    )
    assert by_id.loc["tartus-naval-facility", "agreement_1"].startswith("1971: ")
    assert pd.isna(by_id.loc["tartus-naval-facility", "agreement_3"])
    center = by_id.loc["center-s-tell-al-hara"]
    assert pd.isna(center["agreements"]) and center["agreement_years"] == ""
    assert set(sites["kind_label"]) == set(curated.SITE_KINDS.values())


def _folder(tmp_path: Path, project: Project) -> Path:
    """A curated folder with the sites' agreements table, to put a bad copy of the sites in."""
    shutil.copy(project.curated / "agreements.csv", tmp_path / "agreements.csv")
    return tmp_path


def _load_sites(folder: Path, project: Project) -> pd.DataFrame:
    return curated.load("bases", folder, bibliography_path=project.bibliography)


@pytest.mark.parametrize(
    ("line", "column", "value", "message"),
    [
        (2, "latitude", "34°54'54\"N", "not decimal degrees"),
        (3, "longitude", "195.5", "outside -180 to 180"),
        (2, "agreements", "1971-tartus-naval-facility; no-such-agreement", "basing-agreement ids"),
        (2, "agreements", "2019-04-20-tartus-port-concession", "basing-agreement ids"),
        (3, "kind", "army", "not in the vocabulary"),
        (4, "coordinate_source", "no_such_key", "not in the bibliography"),
        (2, "status", "closed", "not in the vocabulary"),
        (4, "end_date", "2014-13", "not a valid calendar date"),
        (4, "end_date", "2014-10-07", "end_date does not match end_precision"),
        (4, "end_precision", "", "must be given together"),
    ],
)
def test_a_bad_cell_is_reported_where_it_is(
    tmp_path: Path, project: Project, line: int, column: str, value: str, message: str
) -> None:
    folder = _folder(tmp_path, project)
    bad_copy(folder, project.curated / "bases.csv", set_cell(line, column, value))
    with pytest.raises(DataError) as info:
        _load_sites(folder, project)
    assert (info.value.row, info.value.column) == (line, column)
    assert message in info.value.message


@pytest.mark.parametrize(
    ("line", "status", "message"),
    [
        (5, "in_use", "end_date is given but status is in_use"),
        (2, "withdrawn", "needs the end_date a source states"),
    ],
)
def test_status_and_end_date_must_agree(
    tmp_path: Path, project: Project, line: int, status: str, message: str
) -> None:
    """A site in use has no end; a site given up has the end a source states. The error
    names the end_date cell, the one to fill in or empty."""
    folder = _folder(tmp_path, project)
    bad_copy(folder, project.curated / "bases.csv", set_cell(line, "status", status))
    with pytest.raises(DataError) as info:
        _load_sites(folder, project)
    assert (info.value.row, info.value.column) == (line, "end_date")
    assert message in info.value.message


def test_a_misnamed_column_is_reported_on_the_header(tmp_path: Path, project: Project) -> None:
    folder = _folder(tmp_path, project)
    bad_copy(
        folder,
        project.curated / "bases.csv",
        lambda lines: [lines[0].replace(",note", ",notes"), *lines[1:]],
    )
    with pytest.raises(DataError) as info:
        _load_sites(folder, project)
    assert (info.value.row, info.value.column) == (1, "note")


# ---------------------------------------------------------------------------------------
# TopoJSON

# Two squares side by side sharing the edge x=11 (quantized: scale 0.5, translate 10, 20, so
# two units make a degree). Arc 0 is the shared edge, upwards; each square uses it once, the
# left one reversed.
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [0, 2]],  # (11,20) -> (11,21)
        [[2, 0], [-2, 0], [0, 2], [2, 0]],  # (11,20) -> (10,20) -> (10,21) -> (11,21)
        [[2, 0], [2, 0], [0, 2], [-2, 0]],  # (11,20) -> (12,20) -> (12,21) -> (11,21)
    ],
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[~0, 1]], "id": "L", "properties": {"name": "left"}},
                {"type": "MultiPolygon", "arcs": [[[2, ~0]]], "properties": {"name": "right"}},
                {"type": None, "properties": {"name": "nothing"}},
            ],
        }
    },
}


def test_topojson_arcs_are_decoded_and_joined() -> None:
    left, right = geo.features(TOPOLOGY, "shapes")
    # left: arc 0 reversed, then arc 1 without its first point (the shared corner)
    assert left["id"] == "L" and left["properties"] == {"name": "left"}
    assert left["geometry"] == {
        "type": "Polygon",
        "coordinates": [[[11, 21], [11, 20], [10, 20], [10, 21], [11, 21]]],
    }
    assert right["id"] is None
    assert right["geometry"] == {
        "type": "MultiPolygon",
        "coordinates": [[[[11, 20], [12, 20], [12, 21], [11, 21], [11, 20]]]],
    }
    assert geo.bounds(right["geometry"]) == (11, 20, 12, 21)


def test_the_boundary_file_is_the_recorded_one(tmp_path: Path, project: Project) -> None:
    topology = geo.read_topology(geo.boundaries(project))
    assert topology["type"] == "Topology"
    changed = tmp_path / geo.BOUNDARIES
    changed.write_bytes(geo.boundaries(project).read_bytes().replace(b'"Syria"', b'"Syrie"'))
    with pytest.raises(DataError, match="sha256"):
        geo.read_topology(changed)
    readme = (project.geo / "README.md").read_text(encoding="utf-8")
    assert geo.BOUNDARIES_SHA256 in readme
    assert (project.geo / "LICENSE-world-atlas.txt").read_text().startswith("Copyright")


def test_region_holds_the_neighbours_only(region: dict) -> None:
    names = {f["properties"]["name"] for f in region["features"]}
    assert names == {
        "Syria", "Lebanon", "Israel", "Palestine", "Jordan", "Iraq", "Turkey",
        "Cyprus", "N. Cyprus", "Saudi Arabia",
    }  # fmt: skip
    # Syria's extent in Natural Earth 1:50m, to a thousandth of a degree: about 35.7-42.4 E,
    # 32.3-37.3 N, as an atlas gives it
    assert geo.bounds(_syria(region)["geometry"]) == (35.765, 32.318, 42.36, 37.297)
    assert len(json.dumps(region)) < 50_000  # the page carries the region, not the world


def test_frame_is_clockwise_for_d3_with_a_point_every_quarter_degree() -> None:
    (ring,) = geo.frame_feature((0, 0, 2, 1))["geometry"]["coordinates"]
    area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    assert area == pytest.approx(-4)  # negative shoelace area (twice 2 square degrees): clockwise
    assert ring[0] == ring[-1] == [0, 0]
    steps = [max(abs(x1 - x0), abs(y1 - y0)) for (x0, y0), (x1, y1) in itertools.pairwise(ring)]
    assert max(steps) == 0.25 and len(ring) == 2 * (8 + 4) + 1


def test_a_ring_is_clipped_to_a_box_along_its_edges() -> None:
    # a square from (0,0) to (4,4), clockwise, cut to the box 1-3 E, 1-5 N
    square = [[0, 0], [0, 4], [4, 4], [4, 0], [0, 0]]
    clipped = geo.clip_ring(square, (1, 1, 3, 5))
    assert clipped[0] == clipped[-1]
    assert sorted(map(tuple, clipped[:-1])) == [(1, 1), (1, 4), (3, 1), (3, 4)]
    assert geo.clip_ring(square, (5, 5, 6, 6)) == []
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "in"},
         "geometry": {"type": "Polygon", "coordinates": [square]}},
        {"type": "Feature", "properties": {"name": "out"},
         "geometry": {"type": "Polygon", "coordinates": [[[9, 9], [9, 10], [10, 10], [9, 9]]]}},
    ]}  # fmt: skip
    (kept,) = geo.clip(collection, (1, 1, 3, 5))["features"]
    assert kept["properties"] == {"name": "in"}
    assert geo.bounds(kept["geometry"]) == (1, 1, 3, 4)


def test_simplify_keeps_points_a_step_apart() -> None:
    ring = [[0, 0], [0, 0.05], [0, 1], [0.02, 1], [1, 1], [1, 0], [0, 0]]
    feature = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon"}}
    feature["geometry"]["coordinates"] = [ring]
    collection = {"type": "FeatureCollection", "features": [feature]}
    (feature,) = geo.simplify(collection, 0.1)["features"]
    assert feature["geometry"]["coordinates"] == [[[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]]


def test_mercator_northing_and_its_inverse() -> None:
    assert geo.mercator_y(0) == pytest.approx(0)
    # ln(tan(45 + 30 deg)) = ln(3.7321) = 1.31696
    assert geo.mercator_y(60) == pytest.approx(1.31696, abs=1e-5)
    for latitude in (-70.5, 12.25, 35, 37.6):
        assert geo.latitude_of(geo.mercator_y(latitude)) == pytest.approx(latitude)


def test_distances_along_a_parallel_and_a_great_circle() -> None:
    # one degree of longitude on the equator: 2 pi R / 360 = 111.195 km
    assert geo.great_circle_km((0, 0), (1, 0)) == pytest.approx(111.195, abs=1e-3)
    # at 60 N a parallel is half as long: 100 km take twice the degrees they take at 0
    assert geo.along_parallel(100, 60) == pytest.approx(2 * geo.along_parallel(100, 0))
    assert geo.along_parallel(100, 0) == pytest.approx(100 / 111.195, rel=1e-5)
    # Damascus to Latakia, about 190 km as the crow flies
    assert 185 < geo.great_circle_km((36.277, 33.514), (35.783, 35.517)) < 230


# ---------------------------------------------------------------------------------------
# Cities and the ceasefire line


def test_the_cities_with_their_cited_coordinates(project: Project) -> None:
    places = geo.read_places(project).set_index("id")
    # the values the cited pages state (see the notes of the bibliography entries)
    assert places[["name", "kind", "latitude", "longitude", "source"]].to_dict("index") == {
        "damascus": {"name": "Damascus", "kind": "capital", "latitude": 33.514,
                     "longitude": 36.277, "source": "countrycoordinate_damascus"},
        "latakia": {"name": "Latakia", "kind": "city", "latitude": 35.517,
                    "longitude": 35.783, "source": "wikipedia_latakia"},
        "tartus": {"name": "Tartus", "kind": "city", "latitude": 34.883,
                   "longitude": 35.883, "source": "wikipedia_tartus"},
    }  # fmt: skip


def test_the_cities_lie_in_syria(project: Project, region: dict) -> None:
    places = geo.read_places(project)
    west, south, east, north = geo.bounds(_syria(region)["geometry"])
    assert places["longitude"].between(west, east).all()
    assert places["latitude"].between(south, north).all()


def _places_copy(tmp_path: Path, project: Project, line: int, column: str, value: str) -> Project:
    """A project whose places file has one cell changed (and the real bibliography)."""
    root = tmp_path / "project"
    (root / "data" / "geo").mkdir(parents=True)
    shutil.copy(project.bibliography, root / project.bibliography.name)
    bad_copy(root / "data" / "geo", project.geo / geo.PLACES, set_cell(line, column, value))
    return Project(root)


@pytest.mark.parametrize(
    ("line", "column", "value", "message"),
    [
        (2, "kind", "town", "is not one of"),
        (3, "latitude", "35°31'N", "not decimal degrees"),
        (4, "longitude", "235.9", "not decimal degrees"),
        (4, "source", "no_such_key", "not in the bibliography"),
    ],
)
def test_a_bad_place_is_reported_where_it_is(
    tmp_path: Path, project: Project, line: int, column: str, value: str, message: str
) -> None:
    with pytest.raises(DataError) as info:
        geo.read_places(_places_copy(tmp_path, project, line, column, value))
    assert (info.value.row, info.value.column) == (line, column)
    assert message in info.value.message


def test_the_ceasefire_line_is_natural_earths(project: Project, region: dict) -> None:
    line = geo.read_ceasefire_line(project)
    assert line["properties"]["source"] == "natural_earth_boundary_lines"
    assert line["properties"]["ne_id"] == 1746708629
    points = line["geometry"]["coordinates"]
    assert len(points) == 16
    assert points[0] == [35.787253, 32.734927] and points[-1] == [35.840738, 33.415661]
    # it runs along the border Natural Earth's countries draw between Israel and Syria, a
    # few kilometres (under 8) from it: Natural Earth redrew the line after the countries' release
    (israel,) = [f for f in region["features"] if f["properties"]["name"] == "Israel"]
    border = [p for part in israel["geometry"]["coordinates"] for ring in part for p in ring]
    for x, y in points:
        nearest = min(geo.great_circle_km((x, y), tuple(p)) for p in border)
        assert nearest < 8
