"""Moving a map view: fit it to places, zoom about a point, pan, resize.

Pure arithmetic on ``MapView`` so the dock's keys, wheel and drags are
tested without a window.  Zoom factors mean what they mean on the timeline:
``zoom(view, 0.5)`` shows half the width (zooms in), ``2.0`` twice as much.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import NDArray

from ..core.geo.projection import Frame, Projection, fit, projection_for
from .map_scene import MapView

MIN_SPAN_KM: Final = 150.0
"""Closest zoom: a city and its airport; the data know towns, not streets."""
MAX_SPAN_KM: Final = 60_000.0
"""Farthest zoom: the whole world with room around it."""
MARGIN: Final = 0.14
"""Room around fitted places, as a share of the view: their labels sit beside them."""


def fit_view(lonlat: NDArray[np.float64], width: float, height: float, *,
             projection: Projection | None = None, margin: float = MARGIN) -> MapView:
    """A view of ``lonlat`` (degrees, (N, 2)) in the projection that suits them."""
    chosen = projection if projection is not None else projection_for(lonlat)
    xy = chosen.project(lonlat) if len(lonlat) else np.zeros((0, 2))
    if chosen.kind == "world" and len(lonlat) == 0:
        xy = chosen.project(np.array([[-170.0, -58.0], [170.0, 75.0]]))
    frame = fit(xy, max(width, 1.0), max(height, 1.0), margin)
    return _clamped(MapView(width, height, chosen, frame))


def zoom(view: MapView, factor: float, about: tuple[float, float] | None = None) -> MapView:
    """Show ``factor`` times the span, keeping the point ``about`` (pixels; default the
    centre) where it is."""
    px, py = about if about is not None else (view.width / 2, view.height / 2)
    kx, ky = view.frame.to_projected(px, py)
    span = min(max(view.span_km * factor, MIN_SPAN_KM), MAX_SPAN_KM)
    scale = view.width / span if view.width > 0 else view.frame.scale
    frame = Frame(kx - (px - view.frame.left) / scale, ky + (py - view.frame.top) / scale,
                  scale, view.frame.left, view.frame.top)
    return MapView(view.width, view.height, view.projection, frame)


def pan(view: MapView, dx: float, dy: float) -> MapView:
    """Move the view by ``dx``, ``dy`` of its width and height (east and south positive)."""
    return shift(view, dx * view.width, dy * view.height)


def shift(view: MapView, dx_px: float, dy_px: float) -> MapView:
    """Move the view by pixels: a drag of the map by (-dx, -dy)."""
    f = view.frame
    frame = Frame(f.x0 + dx_px / f.scale, f.y1 - dy_px / f.scale, f.scale, f.left, f.top)
    return MapView(view.width, view.height, view.projection, frame)


def resized(view: MapView, width: float, height: float) -> MapView:
    """The same centre and scale in a new size (a dock dragged wider)."""
    cx, cy = view.frame.to_projected(view.width / 2, view.height / 2)
    s = view.frame.scale
    frame = Frame(cx - width / 2 / s, cy + height / 2 / s, s, view.frame.left, view.frame.top)
    return MapView(width, height, view.projection, frame)


def contains(view: MapView, lonlat: NDArray[np.float64], inset: float = 0.02) -> bool:
    """Whether every point is on the view, ``inset`` (a share of its size) inside the edge."""
    if len(lonlat) == 0:
        return True
    page = view.to_page(view.projection.project(lonlat))
    if not np.all(np.isfinite(page)):
        return False
    mx, my = view.width * inset, view.height * inset
    return bool(np.all((page[:, 0] >= mx) & (page[:, 0] <= view.width - mx)
                       & (page[:, 1] >= my) & (page[:, 1] <= view.height - my)))


def _clamped(view: MapView) -> MapView:
    span = view.span_km
    if MIN_SPAN_KM <= span <= MAX_SPAN_KM:
        return view
    return zoom(view, min(max(span, MIN_SPAN_KM), MAX_SPAN_KM) / span)
