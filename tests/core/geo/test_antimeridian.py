"""World maps cut the rings that cross the 180th meridian, instead of drawing bands across."""

from __future__ import annotations

import numpy as np

from summit_timeline.core.geo.antimeridian import cut_rings
from summit_timeline.core.geo.projection import Projection
from summit_timeline.core.geo.world import load_world
from summit_timeline.resources import resource


def _ring(points: list[tuple[float, float]]) -> np.ndarray:
    return np.array([*points, points[0]], np.float64)


def test_a_ring_across_the_date_line_becomes_one_piece_each_side() -> None:
    # a square from 178° E to 178° W (Fiji-like), 17° S to 15° S
    ring = _ring([(178.0, -17.0), (-178.0, -17.0), (-178.0, -15.0), (178.0, -15.0)])
    lonlat, starts = cut_rings(ring, np.array([0, len(ring)]))
    pieces = [lonlat[starts[k]:starts[k + 1]] for k in range(len(starts) - 1)]
    assert len(pieces) == 2
    east, west = sorted(pieces, key=lambda p: float(p[:, 0].mean()), reverse=True)
    assert east[:, 0].min() >= 178.0 and east[:, 0].max() == 180.0
    assert west[:, 0].max() <= -178.0 and west[:, 0].min() == -180.0
    for piece in pieces:
        assert np.array_equal(piece[0], piece[-1]), "each piece is closed"
        assert np.all(np.abs(np.diff(piece[:, 0])) <= 180.0)


def test_a_ring_round_the_pole_is_closed_along_the_bottom() -> None:
    ring = _ring([(lon, -70.0) for lon in np.arange(-170.0, 180.0, 20.0).tolist()])
    lonlat, starts = cut_rings(ring, np.array([0, len(ring)]))
    assert len(starts) == 2
    assert lonlat[:, 1].min() == -90.0, "down to the pole, not a band across the map"
    across = np.abs(np.diff(lonlat[:, 0])) > 180.0
    at_pole = (lonlat[:-1, 1] == -90.0) & (lonlat[1:, 1] == -90.0)
    assert np.all(at_pole[across]), "only the map's bottom edge runs across it"


def test_the_world_outlines_have_no_band_across_a_world_map() -> None:
    world = load_world(resource("map/countries-110m.npz"))
    lonlat, starts = cut_rings(world.lonlat, world.ring_start)
    xy = Projection("world", 0.0, 0.0).project(lonlat)
    width = float(xy[:, 0].max() - xy[:, 0].min())
    for r in range(len(starts) - 1):
        ring, lat = xy[starts[r]:starts[r + 1]], lonlat[starts[r]:starts[r + 1], 1]
        along_pole = (np.abs(lat[:-1]) == 90.0) & (np.abs(lat[1:]) == 90.0)
        long_steps = np.abs(np.diff(ring[:, 0])) >= width / 2
        assert not np.any(long_steps & ~along_pole), r
    uncut = Projection("world", 0.0, 0.0).project(world.lonlat)
    jumps = [np.abs(np.diff(world.ring(r)[:, 0])).max() > 180.0
             for r in range(world.ring_count)]
    assert any(jumps) and len(uncut), "the data does cross the date line (Chukotka, Fiji)"
