"""The map's country boundaries: Natural Earth (1:50m) as the npm package ``world-atlas``
ships them, a TopoJSON file committed under ``data/geo`` with its checksum and licence.

``region`` decodes only the countries in the map's frame into GeoJSON, so that a page does
not carry the whole world.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from analysis.errors import DataError
from analysis.paths import Project

Point = tuple[float, float]
Bounds = tuple[float, float, float, float]  # west, south, east, north, in degrees

BOUNDARIES = "countries-50m.json"  # in the project's data/geo
BOUNDARIES_SHA256 = "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394"
BOUNDARIES_CITATION = "natural_earth"
# The map's frame: all of Syria, the coast of Lebanon and the eastern tip of Cyprus.
REGION: Bounds = (34.0, 32.0, 42.6, 37.6)
# About 100 m: finer than a 1:50m line can show, and it keeps the page small.
DIGITS = 3


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


def region(topology: dict[str, Any], frame: Bounds = REGION) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the countries in ``frame``, each with its name, for
    ``mark_geoshape``: only the polygons whose extent meets the frame are kept (France's
    overseas departments are not), and the map clips what is left to its frame."""
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


def frame_feature(frame: Bounds = REGION) -> dict[str, Any]:
    """The frame as a polygon for the projection to fit. Clockwise, as d3-geo (Vega) reads
    rings on the sphere: counter-clockwise would be the whole globe but this box."""
    west, south, east, north = frame
    ring = [[west, south], [west, north], [east, north], [east, south], [west, south]]
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
