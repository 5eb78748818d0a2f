"""Country outlines projected for a map view, at the detail the view needs.

The 1:110 million outlines (10,000 points) draw the world and a continent;
a view narrower than a few thousand kilometres (Central Asia, China's east
coast) gets the 1:50 million ones (100,000 points).  Projecting is the costly
part, so each (resolution, projection) pair is projected once and shared by
every scene, window frame and slide that uses it.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import cache
from typing import Final

import numpy as np

from ..core.geo.antimeridian import cut_rings
from ..core.geo.projection import Projection
from ..core.geo.world import WorldMap, load_world
from ..resources import resource
from .map_scene import LandLayer

DETAIL_SPAN_KM: Final = 4500.0
"""Views narrower than this (in projected km) use the finer outlines."""
_KEEP: Final = 6


@cache
def world(resolution: str) -> WorldMap:
    return load_world(resource(f"map/countries-{resolution}.npz"))


def resolution_for(span_km: float) -> str:
    return "50m" if span_km < DETAIL_SPAN_KM else "110m"


_LAYERS: OrderedDict[tuple[str, Projection], LandLayer] = OrderedDict()


def land_layer(resolution: str, projection: Projection) -> LandLayer:
    key = (resolution, projection)
    got = _LAYERS.get(key)
    if got is not None:
        _LAYERS.move_to_end(key)
        return got
    got = _LAYERS[key] = _project(world(resolution), resolution, projection)
    while len(_LAYERS) > _KEEP:
        _LAYERS.popitem(last=False)
    return got


def _project(source: WorldMap, resolution: str, projection: Projection) -> LandLayer:
    """Every ring projected; a ring that reaches the far side of an azimuthal map (near
    the antipode, never in a view of the places) is left out whole."""
    lonlat, starts = source.lonlat, source.ring_start
    if projection.kind == "world":
        lonlat, starts = cut_rings(lonlat, starts)
    xy = projection.project(lonlat)
    finite = np.all(np.isfinite(xy), axis=1)
    bad_points = np.concatenate(([0], np.cumsum(~finite)))
    whole = (bad_points[starts[1:]] - bad_points[starts[:-1]]) == 0
    lengths = np.diff(starts)[whole]
    keep = np.repeat(whole, np.diff(starts))
    ring_start = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
    edge = None
    if projection.kind == "world":
        lat = np.linspace(-90.0, 90.0, 121)
        rim = np.concatenate((np.column_stack((np.full(len(lat), 180.0), lat)),
                              np.column_stack((np.full(len(lat), -180.0), lat[::-1]))))
        edge = projection.project(np.vstack((rim, rim[:1])))
    return LandLayer(resolution, projection, np.ascontiguousarray(xy[keep]), ring_start,
                     source.attribution, edge)
