"""Cut the map's outline file from Natural Earth's countries, as the `world-atlas` package ships them (TopoJSON):

    python -m components.view.draw.boundaries.cut countries-50m.json > components/view/draw/boundaries/region.json

(`countries-50m.json` from https://registry.npmjs.org/world-atlas/-/world-atlas-2.0.2.tgz). Keeps Belarus and its
neighbours, clipped to the map's frame, as GeoJSON rings rounded to 0.01° (about 1 km); the map needs no network.
"""

from __future__ import annotations

import json
import sys
from typing import Any

FRAME = (20.0, 49.0, 35.5, 58.0)  # west, south, east, north
COUNTRIES = {"112": "Belarus", "440": "Lithuania", "428": "Latvia", "616": "Poland", "804": "Ukraine",
             "643": "Russia", "233": "Estonia", "276": "Germany", "498": "Moldova", "703": "Slovakia",
             "348": "Hungary", "642": "Romania"}  # fmt: skip


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (its coordinates are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


def _clipped(ring: list[tuple[float, float]]) -> list[list[float]]:
    """The ring with every point held inside the frame (enough for an outline drawn under the frame's edges)."""
    west, south, east, north = FRAME
    points = [[round(min(max(x, west), east), 2), round(min(max(y, south), north), 2)] for x, y in ring]
    points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    edges = ({0: west}, {0: east}, {1: south}, {1: north})

    def on_edge(point: list[float]) -> set[int]:
        return {n for n, edge in enumerate(edges) for axis, value in edge.items() if point[axis] == value}

    # A run of points along one edge of the frame is a straight line: its ends are enough.
    kept = [
        p
        for i, p in enumerate(points)
        if not (0 < i < len(points) - 1 and on_edge(points[i - 1]) & on_edge(p) & on_edge(points[i + 1]))
    ]
    return kept


def cut(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = _arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = COUNTRIES.get(str(geometry.get("id")))
        if name is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [_clipped(_ring(polygon[0], arcs)) for polygon in polygons]  # outer rings: an outline
        rings = [r for r in rings if len(r) > 3 and len({tuple(p) for p in r}) > 3]
        if not rings:  # wholly outside the frame
            continue
        features.append({"type": "Feature", "properties": {"name": name},
                         "geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}})  # fmt: skip
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), via the world-atlas package (ISC licence, "
        "© 2013-2019 Michael Bostock): countries-50m.json, clipped and rounded by cut.py.",
        "features": features,
    }


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as file:
        json.dump(cut(json.load(file)), sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")
