"""Build the report's country outlines from Natural Earth (public domain) via the npm package ``world-atlas``.

Run once, when the outlines should change (the result is committed as package data)::

    cd /tmp && npm pack world-atlas && tar xzf world-atlas-*.tgz
    python tools/build_world_map.py /tmp/package/countries-110m.json

It decodes the TopoJSON (quantised, delta-encoded arcs shared between neighbours) into plain polygon rings
per country, rounds coordinates to 0.01 degree (far finer than the 1:110m source), drops repeated points,
and writes ``src/chronologue/export/assets/world-110m.json``::

    {"source": ..., "license": ..., "countries": [{"id", "name", "bbox": [w, s, e, n], "rings": [[lon, lat, ...]]}]}

Each ring is a flat list ``lon0, lat0, lon1, lat1, ...``; a country is a list of rings drawn with the even-odd
rule (holes are rings too).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "chronologue" / "export" / "assets" / "world-110m.json"
DIGITS = 2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as absolute lon/lat points (undoing the quantisation and the delta encoding)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """One ring from its arc indices; a negative index ``~i`` is arc ``i`` reversed. Shared ends appear once."""
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def compact(points: list[tuple[float, float]]) -> list[float]:
    """Rounded, without consecutive repeats, flattened."""
    flat: list[float] = []
    last = None
    for lon, lat in points:
        point = (round(lon, DIGITS), round(lat, DIGITS))
        if point != last:
            flat.extend(point)
            last = point
    return flat


def countries(topology: dict) -> list[dict]:
    """Every country as id, name, bounding box and rings."""
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [compact(ring_points(ring, arcs)) for polygon in polygons for ring in polygon]
        rings = [ring for ring in rings if len(ring) >= 6]
        lons = [v for ring in rings for v in ring[0::2]]
        lats = [v for ring in rings for v in ring[1::2]]
        result.append({
            "id": geometry.get("id"),
            "name": geometry.get("properties", {}).get("name"),
            "bbox": [min(lons), min(lats), max(lons), max(lats)],
            "rings": rings,
        })
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("topojson", type=Path, help="countries-110m.json from the npm package world-atlas")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    package = args.topojson.with_name("package.json")
    version = json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "?"
    data = {
        "source": f"Natural Earth 1:110m Admin 0 countries (v4.1.0), via the npm package world-atlas {version}",
        "license": "public domain (Natural Earth)",
        "countries": countries(topology),
    }
    args.output.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(data['countries'])} countries, {args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
