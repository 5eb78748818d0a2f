"""A track's route as a map draws it: great circles between its stops, cut where a
world map's edge cuts them, the older legs fading, an arrow on each leg.

Which stops a route has (whose journey it is) is the map builder's decision;
this module only turns stops into legs, for the dock, insets and exports alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

import numpy as np
from numpy.typing import NDArray

from ..core.geo.sites import SiteIndex
from .map_scene import Arrow, Leg, MapRoute, MapView
from .snapshot import Snapshot

ROUTE_LIMIT: Final = 60
"""Most legs drawn: the latest.  A track of thousands of journeys draws as a web in
which no journey can be followed, and would cost a frame its budget."""
ROUTE_FADE: Final = 12
"""Legs of a route beyond the latest dozen fade towards the oldest."""
_PLANNED: Final = (1, 2)
"""Status codes drawn as not (yet) held: planned, postponed."""


@dataclass(frozen=True)
class Stops:
    stops: tuple[tuple[int, int], ...]
    """(site, the event arriving there) for the latest ``ROUTE_LIMIT`` + 1 stops."""
    journeys: int
    """Journeys of the whole route (changes of place in time order)."""


def route_scene(snap: Snapshot, found: Stops, lane: int, sites: SiteIndex, view: MapView,
           line: float) -> MapRoute | None:
    stops = found.stops
    if len(stops) < 2:
        return None
    legs = []
    count = len(stops) - 1
    paths = [_sphere_path_of(sites.lonlat[stops[k][0]], sites.lonlat[stops[k + 1][0]])
             for k in range(count)]
    if view.projection.kind == "world":
        paths = [_cut_at_edge(path) for path in paths]
    # One projection for every leg: a frame of the dock projects the route once.
    page = view.to_page(view.projection.project(np.concatenate(paths)))
    ends = np.cumsum([len(path) for path in paths])[:-1]
    for k, leg_page in enumerate(np.split(page, ends)):
        arriving = stops[k + 1][1]
        age = count - 1 - k
        alpha = 255 if age < ROUTE_FADE else max(60, int(255 * 0.8 ** (age - ROUTE_FADE + 1)))
        parts = _pieces(leg_page, view)
        planned = int(snap.known.status[arriving]) in _PLANNED
        legs.append(Leg(points=parts, arrow=_arrow(parts, line), planned=planned,
                        alpha=alpha))
    track = snap.index.tracks[lane].title
    return MapRoute(track, tuple(legs), tuple(sites.sites[c].name for c, _ in stops),
                    found.journeys)


_PATHS: dict[tuple[float, float, float, float], NDArray[np.float64]] = {}


def _sphere_path_of(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    """The great circle from ``a`` to ``b`` (lon, lat), made once per pair of places."""
    key = (float(a[0]), float(a[1]), float(b[0]), float(b[1]))
    lonlat = _PATHS.get(key)
    if lonlat is None:
        if len(_PATHS) > 4096:
            _PATHS.clear()
        lonlat = _PATHS[key] = _sphere_path(a, b)
    return lonlat


def _pieces(page: NDArray[np.float64], view: MapView) -> tuple[NDArray[np.float64], ...]:
    """A leg as page polylines, split where it leaves the map: at a world map's edge
    (``_cut_at_edge``), or where it reaches the far side of a regional one."""
    finite = np.all(np.isfinite(page), axis=1)
    breaks = np.flatnonzero(~finite[1:] | ~finite[:-1]) + 1
    return tuple(piece for piece in np.split(page, breaks)
                 if len(piece) >= 2 and np.all(np.isfinite(piece)))


def _cut_at_edge(path: NDArray[np.float64]) -> NDArray[np.float64]:
    """A great-circle path (lon, lat) cut where it crosses the 180th meridian, the edge
    of a world map: each side ends on the edge itself, at the latitude of the crossing,
    with a NaN row between them.  Cut between its samples instead, a Pacific crossing
    stopped short of the edge on one side and ran on past the picture on the other."""
    lon = path[:, 0]
    crossings = np.flatnonzero(np.abs(np.diff(lon)) > 180.0)
    if len(crossings) == 0:
        return path
    pieces: list[NDArray[np.float64]] = []
    begin = 0
    for i in crossings.tolist():
        a, b = path[i], path[i + 1]
        edge = 180.0 if a[0] > 0 else -180.0
        span = abs(edge - a[0]) + abs(-edge - b[0])
        t = abs(edge - a[0]) / span if span else 0.5
        lat = float(a[1] + (b[1] - a[1]) * t)
        pieces.extend((path[begin:i + 1], np.array([[edge, lat], [np.nan, np.nan],
                                                     [-edge, lat]])))
        begin = i + 1
    pieces.append(path[begin:])
    return np.concatenate(pieces)


def _sphere_path(a: NDArray[np.float64], b: NDArray[np.float64]) -> NDArray[np.float64]:
    """Points along the great circle from ``a`` to ``b``, about every 1.5°."""
    def unit(p: NDArray[np.float64]) -> NDArray[np.float64]:
        lon, lat = np.radians(p)
        return np.array([math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon),
                         math.sin(lat)])

    u, v = unit(a), unit(b)
    angle = math.acos(float(np.clip(u @ v, -1.0, 1.0)))
    steps = max(2, min(96, int(math.degrees(angle) / 1.5) + 2))
    t = np.linspace(0.0, 1.0, steps)
    if angle < 1e-9:
        points = np.repeat(u[None, :], steps, axis=0)
    else:
        points = (np.sin((1 - t) * angle)[:, None] * u + np.sin(t * angle)[:, None] * v) \
            / math.sin(angle)
    lon = np.degrees(np.arctan2(points[:, 1], points[:, 0]))
    lat = np.degrees(np.arcsin(np.clip(points[:, 2], -1.0, 1.0)))
    return np.column_stack((lon, lat))


def _arrow(parts: tuple[NDArray[np.float64], ...], line: float) -> Arrow | None:
    """An arrowhead a little past the middle of the leg, pointing the way travelled."""
    if not parts:
        return None
    points = np.concatenate(parts)
    steps = np.hypot(*np.diff(points, axis=0).T)
    total = float(steps.sum())
    size = max(7.0, line * 0.85)
    if total < size * 2.5:
        return None
    along = np.concatenate(([0.0], np.cumsum(steps)))
    at = min(int(np.searchsorted(along, total * 0.55)), len(points) - 1)
    before = max(at - 1, 0)
    dx, dy = points[at] - points[before]
    if dx == 0 and dy == 0:
        return None
    return Arrow(float(points[at, 0]), float(points[at, 1]), math.atan2(dy, dx), size)
