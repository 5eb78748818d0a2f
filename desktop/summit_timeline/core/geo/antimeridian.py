"""Country rings cut where they cross the 180th meridian, for world maps.

The outlines are spherical: Chukotka and Fiji run from 179.9° E on to
179.9° W, and Antarctica's ring goes round the South Pole.  A world map has
an edge there, so each such ring is cut at the edge and closed along it (and
along the bottom of the map for a ring round a pole); drawn uncut, each
becomes a band right across the map.  Regional (azimuthal) maps have no edge
and use the rings as they are.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_EDGE_STEP = 2.0
"""Degrees of latitude between the points added along the edge."""


def cut_rings(lonlat: NDArray[np.float64], ring_start: NDArray[np.int64]
              ) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Rings (degrees, longitude in [-180, 180]) with every crossing of ±180° cut and
    closed along the edge; rings that do not cross are returned as they are."""
    rings: list[NDArray[np.float64]] = []
    for r in range(len(ring_start) - 1):
        ring = lonlat[ring_start[r]:ring_start[r + 1]]
        if len(ring) < 3 or not np.any(np.abs(np.diff(ring[:, 0])) > 180.0):
            rings.append(ring)
        else:
            rings.extend(_cut(ring))
    if not rings:
        return lonlat[:0], np.zeros(1, np.int64)
    starts = np.concatenate(([0], np.cumsum([len(r) for r in rings]))).astype(np.int64)
    return np.concatenate(rings), starts


def _cut(ring: NDArray[np.float64]) -> list[NDArray[np.float64]]:
    if np.array_equal(ring[0], ring[-1]):
        ring = ring[:-1]
    lon, lat = ring[:, 0], ring[:, 1]
    nxt = np.roll(np.arange(len(ring)), -1)
    step = lon[nxt] - lon
    jumps = np.flatnonzero(np.abs(step) > 180.0)
    unwrapped = step - 360.0 * np.sign(step) * (np.abs(step) > 180.0)
    polar = abs(float(unwrapped.sum())) > 180.0
    # Where each crossing meets the edge, and on which side it leaves.
    crossings = []
    for i in jumps.tolist():
        j = int(nxt[i])
        leaving = 180.0 if lon[i] > 0 else -180.0
        span = abs(leaving - lon[i]) + abs(-leaving - lon[j])
        t = abs(leaving - lon[i]) / span if span else 0.5
        crossings.append((i, j, leaving, float(lat[i] + (lat[j] - lat[i]) * t)))
    pieces: list[list[tuple[float, float]]] = []
    count = len(crossings)
    for k in range(count):
        _, start, entering_from, lat_in = crossings[k]
        end, _, leaving, lat_out = crossings[(k + 1) % count]
        points = [(-entering_from, lat_in)]
        at = start
        while True:
            points.append((float(lon[at]), float(lat[at])))
            if at == end:
                break
            at = int(nxt[at])
        points.append((leaving, lat_out))
        pieces.append(points)
    if polar:
        # One crossing: the ring goes round a pole; close it along the map's bottom or top.
        piece = pieces[0]
        pole = -90.0 if float(np.mean(lat)) < 0 else 90.0
        end_lon, start_lon = piece[-1][0], piece[0][0]
        piece.extend(_edge(end_lon, piece[-1][1], pole))
        piece.extend(_edge(start_lon, pole, piece[0][1]))
        return [_closed(piece)]
    out = []
    for piece in pieces:
        # Between two crossings a piece stays on one side: close it up that edge.
        piece.extend(_edge(piece[-1][0], piece[-1][1], piece[0][1])[1:-1])
        out.append(_closed(piece))
    return out


def _edge(lon: float, lat_from: float, lat_to: float) -> list[tuple[float, float]]:
    n = max(2, int(abs(lat_to - lat_from) / _EDGE_STEP) + 1)
    return [(lon, float(v)) for v in np.linspace(lat_from, lat_to, n)]


def _closed(points: list[tuple[float, float]]) -> NDArray[np.float64]:
    array = np.asarray(points, np.float64)
    return np.vstack((array, array[:1]))
