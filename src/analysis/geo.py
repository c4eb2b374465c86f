"""The map's geography, committed under ``data/geo``: Natural Earth's country boundaries
(1:50m) as the npm package ``world-atlas`` ships them, with checksum and licence; the cities
the map names (``places.csv``) and the Golan ceasefire line (``golan-line.geojson``), each
citing the source its coordinates were read from.

``region`` decodes only the countries near the map into GeoJSON and ``clip`` cuts them to
what a view can show, so that a page does not carry the whole world; the Mercator helpers
place the locator inset and size the scale bar.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis import bibliography
from analysis.errors import DataError
from analysis.paths import Project

Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # west, south, east, north, in degrees

BOUNDARIES = "countries-50m.json"  # in the project's data/geo
BOUNDARIES_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
BOUNDARIES_CITATION = "natural_earth"
PLACES = "places.csv"  # the cities the map names
PLACE_KINDS = ("capital", "city")
PLACE_COLUMNS = ["id", "name", "kind", "latitude", "longitude", "source", "note"]
CEASEFIRE_LINE = "golan-line.geojson"
# The locator inset's extent: the eastern Mediterranean and the Middle East around Syria.
LOCATOR: Bounds = (25.0, 27.5, 50.0, 42.5)
# About 100 m: finer than a 1:50m line can show, and it keeps the page small.
DIGITS = 3
EARTH_RADIUS_KM = 6371.0088  # the mean radius (IUGG), for distances along a parallel


def boundaries(project: Project) -> Path:
    return project.geo / BOUNDARIES


def read_topology(file: Path, sha256: str = BOUNDARIES_SHA256) -> dict[str, Any]:
    """The committed TopoJSON, refused if it is not the file whose checksum is recorded."""
    data = file.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise DataError(file, "sha256 differs from the one recorded in analysis.geo")
    return json.loads(data)


def _arcs(topology: dict[str, Any]) -> list[list[Point]]:
    """Every arc as absolute positions: quantized arcs are delta-encoded integers that the
    topology's transform scales and translates (TopoJSON specification, 2.1.2 and 2.2)."""
    transform = topology.get("transform")
    if transform is None:
        return [[(x, y) for x, y, *_ in arc] for arc in topology["arcs"]]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for step_x, step_y, *_ in arc:
            x, y = x + step_x, y + step_y
            points.append((x * kx + dx, y * ky + dy))
        decoded.append(points)
    return decoded


def _ring(indices: Iterable[int], arcs: list[list[Point]]) -> list[list[float]]:
    """A closed ring from arc indices; a negative index ~i is arc i reversed. Consecutive arcs
    share their end point, which is kept once."""
    ring: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc[1:] if ring else arc)
    return [[round(x, DIGITS), round(y, DIGITS)] for x, y in ring]


def features(topology: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """The GeoJSON features of one geometry collection of a topology (polygons only, which is
    all a boundary file holds; a geometry without a type is skipped)."""
    arcs = _arcs(topology)
    out = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: list[Any] = [_ring(ring, arcs) for ring in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(ring, arcs) for ring in part] for part in geometry["arcs"]]
        elif kind is None:
            continue
        else:
            raise ValueError(f"unsupported geometry type {kind!r} in {name!r}")
        out.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": dict(geometry.get("properties", {})),
                "geometry": {"type": kind, "coordinates": coordinates},
            }
        )
    return out


def _parts(geometry: dict[str, Any]) -> list[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon, each a list of rings."""
    coordinates = geometry["coordinates"]
    return [coordinates] if geometry["type"] == "Polygon" else coordinates


def bounds(geometry: dict[str, Any]) -> Bounds:
    """West, south, east and north of a Polygon or MultiPolygon."""
    points = [point for part in _parts(geometry) for ring in part for point in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _meets(a: Bounds, b: Bounds) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def region(topology: dict[str, Any], frame: Bounds) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the countries in ``frame``, each with its name, for
    ``mark_geoshape``: only the polygons whose extent meets the frame are kept (France's
    overseas departments are not)."""
    kept = []
    for feature in features(topology, "countries"):
        near = [
            part
            for part in _parts(feature["geometry"])
            if _meets(bounds({"type": "Polygon", "coordinates": part}), frame)
        ]
        if near:
            geometry = {"type": "MultiPolygon", "coordinates": near}
            kept.append({**feature, "geometry": geometry})
    return {"type": "FeatureCollection", "features": kept}


def _edge(ring: list[list[float]], inside: Callable[[list[float]], bool], cut: Callable) -> list:
    """One pass of Sutherland-Hodgman: ``ring`` kept on the inner side of one edge."""
    out: list[list[float]] = []
    for previous, point in itertools.pairwise([ring[-1], *ring]):
        if inside(point):
            if not inside(previous):
                out.append(cut(previous, point))
            out.append(point)
        elif inside(previous):
            out.append(cut(previous, point))
    return out


def _at_x(x: float) -> Callable[[list[float], list[float]], list[float]]:
    def cut(a: list[float], b: list[float]) -> list[float]:
        t = (x - a[0]) / (b[0] - a[0])
        return [x, round(a[1] + t * (b[1] - a[1]), DIGITS)]

    return cut


def _at_y(y: float) -> Callable[[list[float], list[float]], list[float]]:
    def cut(a: list[float], b: list[float]) -> list[float]:
        t = (y - a[1]) / (b[1] - a[1])
        return [round(a[0] + t * (b[0] - a[0]), DIGITS), y]

    return cut


def clip_ring(ring: list[list[float]], frame: Bounds) -> list[list[float]]:
    """A closed ring cut to ``frame`` (Sutherland-Hodgman, one edge of the box at a time):
    what lay outside runs along the box's edge. Empty when nothing of it is inside."""
    west, south, east, north = frame
    open_ring = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cut in (
        (lambda p: p[0] >= west, _at_x(west)),
        (lambda p: p[0] <= east, _at_x(east)),
        (lambda p: p[1] >= south, _at_y(south)),
        (lambda p: p[1] <= north, _at_y(north)),
    ):
        if not open_ring:
            return []
        open_ring = _edge(open_ring, inside, cut)
    return [*open_ring, open_ring[0]] if len(open_ring) >= 3 else []


def clip(collection: dict[str, Any], frame: Bounds) -> dict[str, Any]:
    """The countries of a FeatureCollection cut to ``frame``: a view that shows only the
    frame needs nothing outside it. A country with nothing inside is dropped."""
    kept = []
    for feature in collection["features"]:
        parts = []
        for part in _parts(feature["geometry"]):
            rings = [clip_ring(ring, frame) for ring in part]
            if rings[0]:
                parts.append([ring for ring in rings if ring])
        if parts:
            kept.append({**feature, "geometry": {"type": "MultiPolygon", "coordinates": parts}})
    return {"type": "FeatureCollection", "features": kept}


def simplify(collection: dict[str, Any], step: float) -> dict[str, Any]:
    """The countries with every point closer than ``step`` degrees (in both directions) to
    the last one kept dropped: a locator map a few centimetres wide needs no more. Rings
    left with fewer than four points are dropped."""

    def thin(ring: list[list[float]]) -> list[list[float]]:
        kept = [ring[0]]
        for point in ring[1:-1]:
            if max(abs(point[0] - kept[-1][0]), abs(point[1] - kept[-1][1])) >= step:
                kept.append(point)
        return [*kept, ring[0]] if len(kept) >= 3 else []

    kept = []
    for feature in collection["features"]:
        parts = []
        for part in _parts(feature["geometry"]):
            rings = [thin(ring) for ring in part]
            if rings[0]:
                parts.append([ring for ring in rings if ring])
        if parts:
            kept.append({**feature, "geometry": {"type": "MultiPolygon", "coordinates": parts}})
    return {"type": "FeatureCollection", "features": kept}


def box_ring(frame: Bounds, step: float = 0.25) -> list[list[float]]:
    """The frame's outline, clockwise as d3-geo (Vega) reads rings on the sphere, with a
    point every ``step`` degrees: d3 joins two points by a great circle, which would bow
    a long edge of a box away from its parallel."""
    west, south, east, north = frame

    def between(a: float, b: float) -> list[float]:
        count = max(1, math.ceil(abs(b - a) / step))
        return [a + (b - a) * i / count for i in range(count)]

    ring = (
        [[west, y] for y in between(south, north)]
        + [[x, north] for x in between(west, east)]
        + [[east, y] for y in between(north, south)]
        + [[x, south] for x in between(east, west)]
    )
    return [[round(x, DIGITS + 3), round(y, DIGITS + 3)] for x, y in [*ring, ring[0]]]


def frame_feature(frame: Bounds) -> dict[str, Any]:
    """The frame as a polygon for the projection to fit (see ``box_ring``); counter-clockwise
    would be the whole globe but this box."""
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [box_ring(frame)]},
    }


def mercator_y(latitude: float) -> float:
    """Mercator's northing of a latitude, in radians of the equator."""
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def latitude_of(northing: float) -> float:
    """The latitude whose Mercator northing is ``northing`` (the inverse of ``mercator_y``)."""
    return math.degrees(2 * math.atan(math.exp(northing)) - math.pi / 2)


def span(points: Iterable[Point], *within: Bounds) -> Bounds:
    """The smallest box holding every point (longitude, latitude) and every box given."""
    boxes = [(x, y, x, y) for x, y in points] + list(within)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def along_parallel(km: float, latitude: float) -> float:
    """The degrees of longitude that ``km`` kilometres make along the parallel at
    ``latitude`` on a sphere of the Earth's mean radius."""
    return math.degrees(km / (EARTH_RADIUS_KM * math.cos(math.radians(latitude))))


def great_circle_km(a: Point, b: Point) -> float:
    """The haversine distance between two points (longitude, latitude), in kilometres."""
    (x1, y1), (x2, y2) = (tuple(map(math.radians, p)) for p in (a, b))
    h = math.sin((y2 - y1) / 2) ** 2 + math.cos(y1) * math.cos(y2) * math.sin((x2 - x1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _known(file: Path, project: Project, key: str, row: int | None, column: str) -> None:
    if key not in bibliography.keys(project.bibliography):
        raise DataError(file, f"{key!r} is not in the bibliography", row=row, column=column)


def read_places(project: Project) -> pd.DataFrame:
    """The cities the map names, each with the key of the source its coordinates come
    from; a row with an unknown kind, coordinates off the globe or an uncited source is
    refused, naming its line and column."""
    file = project.geo / PLACES
    with file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        header = list(rows[0]) if rows else []
    if header != PLACE_COLUMNS:
        raise DataError(file, f"the columns must be {', '.join(PLACE_COLUMNS)}", row=1)
    for line, row in enumerate(rows, start=2):
        if row["kind"] not in PLACE_KINDS:
            message = f"{row['kind']!r} is not one of {PLACE_KINDS}"
            raise DataError(file, message, row=line, column="kind")
        for column, limit in (("latitude", 90), ("longitude", 180)):
            try:
                value = float(row[column])
            except ValueError:
                value = math.inf
            if not -limit <= value <= limit:
                message = f"not decimal degrees within {limit}"
                raise DataError(file, message, row=line, column=column)
        _known(file, project, row["source"], line, "source")
    frame = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    return frame.astype({"latitude": "float64", "longitude": "float64"})


def read_ceasefire_line(project: Project) -> dict[str, Any]:
    """The Golan ceasefire line as a GeoJSON LineString Feature whose ``source`` property
    names the bibliography entry its points were copied from."""
    file = project.geo / CEASEFIRE_LINE
    feature = json.loads(file.read_text(encoding="utf-8"))
    if feature.get("geometry", {}).get("type") != "LineString":
        raise DataError(file, "not a GeoJSON LineString feature")
    _known(file, project, feature["properties"].get("source", ""), None, "source")
    return feature


@dataclass(frozen=True)
class Geography:
    """What the map draws besides the sites: the countries around Syria (within
    ``LOCATOR``), the cities it names and the Golan ceasefire line."""

    countries: dict[str, Any]
    places: pd.DataFrame
    ceasefire_line: dict[str, Any]


def geography(project: Project) -> Geography:
    """The map's geography, read from the project's ``data/geo``."""
    countries = region(read_topology(boundaries(project)), LOCATOR)
    return Geography(countries, read_places(project), read_ceasefire_line(project))
