"""The map of geocoded places: Natural Earth country outlines (public domain, shipped with the package) drawn
as inline SVG in an equirectangular projection, zoomed to the places' extent plus a margin, with each
person's path through the places of their timeline.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from chronologue.export.report import outlines
from chronologue.export.report.markup import el, esc, num, shorten
from chronologue.export.report.timeline import person_color, timelines
from chronologue.model.story import Entity, Story

WIDTH = 1000.0
MIN_HEIGHT, MAX_HEIGHT = 380.0, 560.0
PAD_SHARE, MIN_PAD_LON, MIN_PAD_LAT = 0.22, 3.0, 2.0
KM_PER_DEGREE = 111.32
GRID_STEPS = [1, 2, 5, 10, 15, 30, 45]
SCALE_KM = [10, 20, 50, 100, 200, 250, 500, 1000, 2000, 5000]
FOCUS_MIN_DEGREES, FOCUS_FACTOR = 12.0, 3.0  # sites farther than this from the median site may go off the map
EDGE_INSET = 16.0


@dataclass(slots=True)
class View:
    """The map window (degrees) and its projection to SVG units."""

    west: float
    south: float
    east: float
    north: float
    cos0: float = field(init=False)
    k: float = field(init=False)
    height: float = field(init=False)

    def __post_init__(self) -> None:
        self.cos0 = max(math.cos(math.radians((self.south + self.north) / 2)), 0.2)
        self.k = WIDTH / ((self.east - self.west) * self.cos0)
        self.height = (self.north - self.south) * self.k

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        """The point's position in the window (equirectangular, scaled at the window's middle latitude)."""
        return (lon - self.west) * self.cos0 * self.k, (self.north - lat) * self.k


def fit(points: list[tuple[float, float]]) -> View:
    """A window around the points with a margin, its height kept between 380 and 560 units for 1000 wide."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east, south, north = min(lons), max(lons), min(lats), max(lats)
    pad_lon = max(PAD_SHARE * (east - west), MIN_PAD_LON)
    pad_lat = max(PAD_SHARE * (north - south), MIN_PAD_LAT)
    west, east = max(west - pad_lon, -180.0), min(east + pad_lon, 180.0)
    south, north = max(south - pad_lat, -80.0), min(north + pad_lat, 84.0)
    view = View(west, south, east, north)
    if view.height > MAX_HEIGHT:  # tall: widen the longitudes
        half = (north - south) * WIDTH / MAX_HEIGHT / view.cos0 / 2
        mid = (west + east) / 2
        view = View(max(mid - half, -180.0), south, min(mid + half, 180.0), north)
    elif view.height < MIN_HEIGHT:  # flat: add latitude
        half = MIN_HEIGHT / view.k / 2
        mid = (south + north) / 2
        view = View(west, max(mid - half, -80.0), east, min(mid + half, 84.0))
    return view


Box = tuple[float, float, float, float]


def _countries(view: View, places: list[Entity]) -> tuple[list[str], list[tuple[float, float, str]]]:
    homes = set()
    for place in places:
        homes |= outlines.holding(place.geo.lon, place.geo.lat)
    drawn, labels = [], []
    for shape in outlines.shapes(view.west, view.south, view.east, view.north, view.cos0 * view.k, view.k):
        css = "country home" if shape.country in homes else "country"
        drawn.append(f'<path class="{css}" d="{shape.path}"><title>{esc(shape.name)}</title></path>')
        cx, cy = shape.centroid
        if shape.area >= outlines.MIN_LABEL_AREA and 40 < cx < WIDTH - 40 and 20 < cy < view.height - 20:
            labels.append((cx, cy, shape.name))
    return drawn, labels


def _country_labels(labels: list[tuple[float, float, str]], taken: list[Box]) -> list[str]:
    """Country names where they clear every place marker and label."""
    parts = []
    for cx, cy, name in labels:
        half = 4.6 * len(name) + 4
        box = (cx - half - 3, cy - 14, cx + half + 3, cy + 6)
        if not any(box[0] < t[2] and box[2] > t[0] and box[1] < t[3] and box[3] > t[1] for t in taken):
            parts.append(f'<text class="country-label" x="{num(cx)}" y="{num(cy)}">{esc(name)}</text>')
            taken.append(box)
    return parts


def _graticule(view: View) -> tuple[list[str], list[str]]:
    """Meridians and parallels, and their degree labels (drawn over the countries)."""
    span = max(view.east - view.west, view.north - view.south)
    step = next((s for s in GRID_STEPS if span / s <= 8), GRID_STEPS[-1])
    parts, labels = [], []
    lon = math.ceil(view.west / step) * step
    while lon <= view.east:
        x, _ = view.xy(lon, 0)
        parts.append(f'<line class="grat" x1="{num(x)}" y1="0" x2="{num(x)}" y2="{num(view.height)}"/>')
        hemi = "E" if lon > 0 else "W" if lon < 0 else ""
        labels.append(f'<text class="grat-label" x="{num(x + 3)}" y="{num(view.height - 5)}">{abs(lon)}°{hemi}</text>')
        lon += step
    lat = math.ceil(view.south / step) * step
    while lat <= view.north:
        _, y = view.xy(0, lat)
        parts.append(f'<line class="grat" x1="0" y1="{num(y)}" x2="{num(WIDTH)}" y2="{num(y)}"/>')
        hemi = "N" if lat > 0 else "S" if lat < 0 else ""
        labels.append(f'<text class="grat-label" x="4" y="{num(y - 3)}">{abs(lat)}°{hemi}</text>')
        lat += step
    return parts, labels


def _scale_bar(view: View) -> str:
    px_per_km = view.k / KM_PER_DEGREE
    km = next((k for k in reversed(SCALE_KM) if k * px_per_km <= 160), SCALE_KM[0])
    length = km * px_per_km
    x0, y = WIDTH - 24 - length, view.height - 22
    return (f'<g class="scalebar"><rect x="{num(x0 - 8)}" y="{num(y - 16)}" width="{num(length + 16)}" height="26" '
            f'rx="3"/><line x1="{num(x0)}" y1="{num(y)}" x2="{num(x0 + length)}" y2="{num(y)}"/>'
            f'<line x1="{num(x0)}" y1="{num(y - 4)}" x2="{num(x0)}" y2="{num(y + 4)}"/>'
            f'<line x1="{num(x0 + length)}" y1="{num(y - 4)}" x2="{num(x0 + length)}" y2="{num(y + 4)}"/>'
            f'<text x="{num(x0 + length / 2)}" y="{num(y - 5)}">{km:,} km</text></g>')


@dataclass(slots=True)
class Site:
    """One point on the map: the places there (a city and the region geocoded to it share a marker)."""

    lon: float
    lat: float
    places: list[Entity]
    x: float = 0.0
    y: float = 0.0
    off_map: bool = False  # then (x, y) is on the frame, (ux, uy) the direction towards the place
    ux: float = 0.0
    uy: float = 0.0

    @property
    def mentions(self) -> int:
        """How often the text names the places of this site."""
        return sum(len(p.mentions) for p in self.places)

    @property
    def radius(self) -> float:
        """Grows with the number of mentions."""
        return 3.5 + 1.6 * math.sqrt(max(self.mentions, 1))

    @property
    def label(self) -> str:
        """The names of the site's places, shortened for the map."""
        return shorten(" / ".join(p.name for p in self.places), 34)


def sites(places: list[Entity]) -> list[Site]:
    """The places grouped by their coordinates (to 0.01 degree), the most mentioned first."""
    grouped: dict[tuple[float, float], Site] = {}
    for place in places:
        key = (round(place.geo.lon, 2), round(place.geo.lat, 2))
        grouped.setdefault(key, Site(place.geo.lon, place.geo.lat, [])).places.append(place)
    for site in grouped.values():
        site.places.sort(key=lambda p: -len(p.mentions))
    return sorted(grouped.values(), key=lambda s: -s.mentions)


def focus(all_sites: list[Site]) -> list[Site]:
    """The sites the map zooms to: all of them, unless a few lie far from the rest (the emigrant's new country
    an ocean away), which are then drawn as arrows at the map's edge."""
    if len(all_sites) < 3:
        return all_sites
    lons = sorted(s.lon for s in all_sites)
    lats = sorted(s.lat for s in all_sites)
    mid_lon, mid_lat = lons[len(lons) // 2], lats[len(lats) // 2]
    scale = math.cos(math.radians(mid_lat))
    distance = {id(s): math.hypot((s.lon - mid_lon) * scale, s.lat - mid_lat) for s in all_sites}
    typical = sorted(distance.values())[len(all_sites) // 2]
    reach = max(FOCUS_MIN_DEGREES, FOCUS_FACTOR * typical)
    core = [s for s in all_sites if distance[id(s)] <= reach]
    if len(core) >= 2 and len(all_sites) - len(core) <= max(1, len(all_sites) // 3):
        return core
    return all_sites


def _edge(view: View, x: float, y: float) -> tuple[float, float, float, float]:
    """Where the line from the map's centre towards (x, y) meets the frame (inset), and its direction."""
    cx, cy = WIDTH / 2, view.height / 2
    dx, dy = x - cx, y - cy
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    t = min((cx - EDGE_INSET) / abs(ux) if ux else math.inf, (cy - EDGE_INSET) / abs(uy) if uy else math.inf)
    return cx + ux * t, cy + uy * t, ux, uy


def _toward(x: float, y: float, tx: float, ty: float, distance: float) -> tuple[float, float]:
    """The point ``distance`` from (x, y) in the direction of (tx, ty) (so a line stops short of a marker)."""
    length = math.hypot(tx - x, ty - y)
    if length <= distance:
        return x, y
    return x + (tx - x) * distance / length, y + (ty - y) * distance / length


def _routes(story: Story, where: dict[str, Site], taken: list[Box]) -> tuple[list[str], list[str]]:
    """Each person's path through the located places of their timeline, in timeline order; the arrowheads'
    boxes are added to ``taken``."""
    events = {e.id: e for e in story.events}
    paths, legend = [], []
    for index, timeline in enumerate(timelines(story)):
        stops: list[Site] = []
        for event_id in timeline.events:
            event = events.get(event_id)
            site = where.get(event.place) if event and event.place else None
            if site and (not stops or stops[-1] is not site):
                stops.append(site)
        if len(stops) < 2:
            continue
        color = person_color(index)
        d = []
        for a, b in zip(stops, stops[1:], strict=False):
            x0, y0, x1, y1 = a.x, a.y, b.x, b.y
            mx, my = (x0 + x1) / 2 - (y1 - y0) * 0.18, (y0 + y1) / 2 + (x1 - x0) * 0.18
            x0, y0 = _toward(x0, y0, mx, my, (0 if a.off_map else a.radius) + 2)
            x1, y1 = _toward(x1, y1, mx, my, (9 if b.off_map else b.radius) + 3)
            taken.append((x1 - 9, y1 - 9, x1 + 9, y1 + 9))
            d.append(f"M{num(x0)} {num(y0)}Q{num(mx)} {num(my)} {num(x1)} {num(y1)}")
        marker = f"route-arrow-{index}"
        paths.append(
            f'<marker id="{marker}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{color}"/></marker>'
            + "".join(f'<path class="route" d="{seg}" stroke="{color}" marker-end="url(#{marker})"/>' for seg in d)
        )
        person = story.entity(timeline.entity)
        name = person.name if person else timeline.entity
        legend.append(el("span", f'<span class="route-key" style="border-color:{color}"></span>'
                                 f"path of {esc(name)} ({len(stops)} places, timeline order)", class_="map-key"))
    return paths, legend


def _free(box: Box, taken: list[Box], height: float) -> bool:
    """Whether a label box lies inside the map and clear of every box taken."""
    if box[0] < 0 or box[2] > WIDTH or box[1] < 0 or box[3] > height:
        return False
    return not any(box[0] < t[2] and box[2] > t[0] and box[1] < t[3] and box[3] > t[1] for t in taken)


def _tooltip(site: Site) -> str:
    lat, lon = site.lat, site.lon
    where = f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'} {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}"
    lines = [f"{p.name} · {len(p.mentions)} mention{'s' if len(p.mentions) != 1 else ''} · {p.geo.source_id}"
             for p in site.places]
    return "\n".join([*lines, where])


def _markers(view: View, all_sites: list[Site], taken: list[Box]) -> list[str]:
    """A circle and a label for each site on the map, an arrow at the edge for each site beyond it; the boxes
    they cover are added to ``taken``."""
    taken.extend((s.x - s.radius, s.y - s.radius, s.x + s.radius, s.y + s.radius) for s in all_sites if not s.off_map)
    parts = []
    for site in all_sites:
        name = site.label
        w, h = 7.0 * len(name) + 4, 15.0
        href = f"#{site.places[0].id}"
        if site.off_map:
            x, y, ux, uy = site.x, site.y, site.ux, site.uy
            px, py = -uy, ux
            tip = (f"{num(x + ux * 8)},{num(y + uy * 8)} {num(x + px * 5 - ux * 4)},{num(y + py * 5 - uy * 4)} "
                   f"{num(x - px * 5 - ux * 4)},{num(y - py * 5 - uy * 4)}")
            anchor = "end" if ux > 0.35 else "start" if ux < -0.35 else "middle"
            lx, ly = x - ux * 12, y - uy * 12 + 4 + (10 if uy < -0.35 else -6 if uy > 0.35 else 0)
            left = lx - w if anchor == "end" else lx - w / 2 if anchor == "middle" else lx
            taken.append((min(left, x - 9), min(ly - 11, y - 9), max(left + w, x + 9), max(ly + 3, y + 9)))
            parts.append(f'<a href="{esc(href)}" class="place offmap"><title>{esc(_tooltip(site))}</title>'
                         f'<polygon points="{tip}"/>'
                         f'<text x="{num(lx)}" y="{num(ly)}" text-anchor="{anchor}">{esc(name)}</text></a>')
            continue
        x, y, r = site.x, site.y, site.radius
        options = [(x + r + 4, y + 4, "start", (x + r + 2, y - 9, x + r + 6 + w, y + 6)),
                   (x - r - 4, y + 4, "end", (x - r - 6 - w, y - 9, x - r - 2, y + 6)),
                   (x, y - r - 5, "middle", (x - w / 2, y - r - 5 - h, x + w / 2, y - r - 3)),
                   (x, y + r + 14, "middle", (x - w / 2, y + r + 1, x + w / 2, y + r + 1 + h))]
        own = (x - r, y - r, x + r, y + r)
        others = [t for t in taken if t != own]
        lx, ly, anchor, box = next((o for o in options if _free(o[3], others, view.height)), options[0])
        taken.append(box)
        parts.append(
            f'<a href="{esc(href)}" class="place"><title>{esc(_tooltip(site))}</title>'
            f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(r)}"/>'
            f'<text x="{num(lx)}" y="{num(ly)}" text-anchor="{anchor}">{esc(name)}</text></a>'
        )
    return parts


def section(story: Story) -> str:
    """The map with its legend, or a note when no place has coordinates."""
    places = [e for e in story.entities if e.geo is not None]
    unlocated = [e for e in story.entities if e.type == "PLACE" and e.geo is None]
    missing = ""
    if unlocated:
        names = ", ".join(el("a", esc(e.name), href=f"#{e.id}") for e in unlocated)
        missing = el("p", f"Places without coordinates (not drawn): {names}", class_="muted small")
    if not places:
        return el("p", "No place in this story has coordinates.", class_="empty") + missing
    all_sites = sites(places)
    shown = focus(all_sites)
    view = fit([(s.lon, s.lat) for s in shown])
    shown_ids = {id(s) for s in shown}
    for site in all_sites:
        site.x, site.y = view.xy(site.lon, site.lat)
        site.off_map = id(site) not in shown_ids
        if site.off_map:
            site.x, site.y, site.ux, site.uy = _edge(view, site.x, site.y)
    where = {p.id: site for site in all_sites for p in site.places}
    shapes, country_labels = _countries(view, [p for s in shown for p in s.places])
    grid, grid_labels = _graticule(view)
    taken: list[Box] = []
    routes, route_legend = _routes(story, where, taken)
    markers = _markers(view, all_sites, taken)
    body = "".join([
        f'<rect class="sea" width="{num(WIDTH)}" height="{num(view.height)}"/>', *grid, *shapes, *grid_labels,
        *_country_labels(country_labels, taken), *routes, *markers, _scale_bar(view),
    ])
    svg = (f'<svg class="map-svg" viewBox="0 0 {num(WIDTH)} {num(view.height)}" role="group" aria-label="map">'
           f'<clipPath id="map-clip"><rect width="{num(WIDTH)}" height="{num(view.height)}"/></clipPath>'
           f'<g clip-path="url(#map-clip)">{body}</g></svg>')
    keys = [el("span", '<span class="place-key"></span>place (size: number of mentions)', class_="map-key"),
            *route_legend]
    if len(shown) < len(all_sites):
        keys.append(el("span", '<span class="offmap-key"></span>far-off place, in its direction', class_="map-key"))
    credit = el("span", "Country outlines: Natural Earth 1:110m (public domain). Equirectangular projection.",
                class_="muted")
    return el("figure", svg + el("figcaption", "".join(keys) + credit), class_="map") + missing
