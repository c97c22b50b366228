"""Country outlines for the map: Natural Earth 1:110m (public domain), shipped as ``assets/world-110m.json``
(built by ``tools/build_world_map.py``). All rings live in two flat arrays so that a map projects every point
at once, whatever the number of countries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

OUTLINES = "world-110m.json"
MIN_LABEL_AREA = 5000.0  # square view units: a country's main ring smaller than this gets no label
COAST_TOLERANCE = 0.35  # degrees: a place this close to a coarse outline counts as in that country


@dataclass(frozen=True)
class Outlines:
    """Every ring of every country: points in ``lons``/``lats``, ring ``r`` is ``start[r]:end[r]``."""

    names: tuple[str, ...]
    country_bbox: np.ndarray  # (countries, 4): west, south, east, north
    lons: np.ndarray
    lats: np.ndarray
    prev_lons: np.ndarray  # the point before each point in its ring (cyclic): the other end of its edge
    prev_lats: np.ndarray
    country_span: np.ndarray  # (countries, 2): a country's rings are the contiguous points first:last
    start: np.ndarray
    end: np.ndarray
    ring_country: np.ndarray
    ring_bbox: np.ndarray  # (rings, 4)
    main_ring: np.ndarray  # per country: its largest ring (for a label)

    def index(self, name: str) -> int:
        """The index of a country by its Natural Earth name (ValueError if unknown)."""
        return self.names.index(name)


@dataclass(frozen=True, slots=True)
class Shape:
    """A country as drawn: SVG path data in view units and, when it is big enough, the area and centroid of its
    largest ring (where its label goes); 0 when too small for a label."""

    country: int
    name: str
    path: str
    area: float
    centroid: tuple[float, float]


@lru_cache(maxsize=1)
def outlines() -> Outlines:
    """The shipped outlines, read once per process."""
    raw = (resources.files("chronologue.export") / "assets" / OUTLINES).read_text(encoding="utf-8")
    data = json.loads(raw)["countries"]
    lons: list[float] = []
    lats: list[float] = []
    start: list[int] = []
    end: list[int] = []
    ring_country: list[int] = []
    ring_bbox: list[tuple[float, float, float, float]] = []
    main_ring: list[int] = []
    for index, country in enumerate(data):
        best, best_area = -1, -1.0
        for ring in country["rings"]:
            xs, ys = ring[0::2], ring[1::2]
            bbox = (min(xs), min(ys), max(xs), max(ys))
            area = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1])
            if area > best_area:
                best, best_area = len(start), area
            start.append(len(lons))
            lons.extend(xs)
            lats.extend(ys)
            end.append(len(lons))
            ring_country.append(index)
            ring_bbox.append(bbox)
        main_ring.append(best)
    lon_array, lat_array = np.asarray(lons, dtype=np.float64), np.asarray(lats, dtype=np.float64)
    before = np.arange(len(lons)) - 1
    before[start] = np.asarray(end) - 1
    firsts: dict[int, tuple[int, int]] = {}
    for ring, country in enumerate(ring_country):
        firsts.setdefault(country, (start[ring], end[ring]))
        firsts[country] = (firsts[country][0], end[ring])
    return Outlines(
        names=tuple(c["name"] or "" for c in data),
        country_bbox=np.asarray([c["bbox"] for c in data], dtype=np.float64),
        lons=lon_array, lats=lat_array, prev_lons=lon_array[before], prev_lats=lat_array[before],
        country_span=np.asarray([firsts.get(i, (0, 0)) for i in range(len(data))], dtype=np.int64),
        start=np.asarray(start, dtype=np.int64), end=np.asarray(end, dtype=np.int64),
        ring_country=np.asarray(ring_country, dtype=np.int64), ring_bbox=np.asarray(ring_bbox, dtype=np.float64),
        main_ring=np.asarray(main_ring, dtype=np.int64),
    )


def _overlapping(bbox: np.ndarray, west: float, south: float, east: float, north: float) -> np.ndarray:
    return (bbox[:, 0] <= east) & (bbox[:, 2] >= west) & (bbox[:, 1] <= north) & (bbox[:, 3] >= south)


def shapes(west: float, south: float, east: float, north: float, kx: float, ky: float) -> list[Shape]:
    """Every country with a ring in the window, projected (``x = (lon - west) kx``, ``y = (north - lat) ky``)
    to whole units, repeated points dropped (the outlines are far coarser than a unit)."""
    o = outlines()
    visible = np.flatnonzero(_overlapping(o.ring_bbox, west, south, east, north))
    if not len(visible):
        return []
    # the points of the visible rings only, ring after ring
    sizes = o.end[visible] - o.start[visible]
    offsets = np.concatenate(([0], np.cumsum(sizes)))
    index = np.repeat(o.start[visible] - offsets[:-1], sizes) + np.arange(offsets[-1])
    xs = np.rint((o.lons[index] - west) * kx).astype(np.int64)
    ys = np.rint((north - o.lats[index]) * ky).astype(np.int64)
    keep = np.ones(len(xs), dtype=bool)
    keep[1:] = (xs[1:] != xs[:-1]) | (ys[1:] != ys[:-1])
    keep[offsets[:-1]] = True
    kept = np.flatnonzero(keep)
    first = np.searchsorted(kept, offsets[:-1]).tolist()
    last = np.searchsorted(kept, offsets[1:]).tolist()
    flat = np.column_stack((xs[kept], ys[kept])).ravel().tolist()
    paths: dict[int, list[str]] = {}
    span: dict[int, tuple[int, int]] = {}
    for i, ring in enumerate(visible.tolist()):
        a, b = first[i], last[i]
        span[ring] = (a, b)
        if b - a >= 3:
            # "M x0 y0 x1 y1 ... Z": coordinate pairs after a moveto are linetos
            paths.setdefault(int(o.ring_country[ring]), []).append("M" + " ".join(map(str, flat[2 * a:2 * b])) + "Z")
    result = []
    for country, parts in paths.items():
        ring = int(o.main_ring[country])
        w, s, e, n = o.ring_bbox[ring].tolist()
        area = cx = cy = 0.0
        if ring in span and (e - w) * (n - s) * kx * ky >= MIN_LABEL_AREA:  # else no label: skip the sums
            a, b = span[ring]
            area, cx, cy = _centroid(np.asarray(flat[2 * a:2 * b], dtype=np.float64).reshape(-1, 2))
        result.append(Shape(country, o.names[country], "".join(parts), area, (cx, cy)))
    return result


def _centroid(points: np.ndarray) -> tuple[float, float, float]:
    """Area and centroid of a ring of projected points."""
    if len(points) < 3:
        return 0.0, 0.0, 0.0
    x0, y0 = points[:, 0], points[:, 1]
    x1, y1 = np.concatenate((x0[1:], x0[:1])), np.concatenate((y0[1:], y0[:1]))
    cross = x0 * y1 - x1 * y0
    area = float(cross.sum()) / 2
    if abs(area) < 1e-9:
        return 0.0, 0.0, 0.0
    return abs(area), float(((x0 + x1) * cross).sum()) / (6 * area), float(((y0 + y1) * cross).sum()) / (6 * area)


def contains(country: int, lon: float, lat: float) -> bool:
    """Whether the point lies inside the country (even-odd over the edges of all its rings)."""
    o = outlines()
    west, south, east, north = o.country_bbox[country].tolist()
    if not (west <= lon <= east and south <= lat <= north):
        return False
    a, b = o.country_span[country].tolist()
    xs, ys, xj, yj = o.lons[a:b], o.lats[a:b], o.prev_lons[a:b], o.prev_lats[a:b]
    spans = (ys > lat) != (yj > lat)
    xs, ys, xj, yj = xs[spans], ys[spans], xj[spans], yj[spans]
    return int(np.count_nonzero(lon < (xj - xs) * (lat - ys) / (yj - ys) + xs)) % 2 == 1


def holding(lon: float, lat: float, tolerance: float = COAST_TOLERANCE) -> set[int]:
    """The countries the point lies in, or (for a port or an island town off the coarse coast) next to."""
    o = outlines()
    near = np.flatnonzero(_overlapping(o.country_bbox, lon - tolerance, lat - tolerance, lon + tolerance,
                                       lat + tolerance)).tolist()
    inside = {c for c in near if contains(c, lon, lat)}
    if inside:
        return inside
    close = set()
    for country in near:
        a, b = o.country_span[country].tolist()
        if float(((o.lons[a:b] - lon) ** 2 + (o.lats[a:b] - lat) ** 2).min()) <= tolerance * tolerance:
            close.add(country)
    return close
