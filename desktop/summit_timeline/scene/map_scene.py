"""A map scene: everything one view of the map draws, in pixels of its area.

Like the timeline's ``Scene``, it is made by pure code (``map_build``) from a
snapshot, a view and a look, and painters only paint it: the Map dock in the
window, the inset of a slide or handout page, ``export --map``.  Land is kept
in projected kilometres with the frame that puts it on the page, so a painter
turns it into a path once per projection and only moves that path as the
reader pans and zooms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.geo.projection import Frame, Projection
from .palette import Rgba
from .scene import Rect


@dataclass(frozen=True)
class MapView:
    """Which part of the world the map shows, and how many pixels it has."""

    width: float
    height: float
    projection: Projection
    frame: Frame
    """Projected kilometres → pixels of this view."""

    def to_page(self, xy_km: NDArray[np.float64]) -> NDArray[np.float64]:
        return self.frame.to_page(xy_km)

    @property
    def span_km(self) -> float:
        """Width of the view in projected kilometres."""
        return self.width / max(self.frame.scale, 1e-12)


@dataclass(frozen=True, eq=False)
class LandLayer:
    """Country outlines under one projection: rings of projected kilometres.

    Shared by every scene with that projection and resolution (the builder
    keeps one per pair), so a painter may cache its path per layer.
    """

    resolution: str
    """``110m`` or ``50m``: the Natural Earth scale the outlines come from."""
    projection: Projection
    xy: NDArray[np.float64]
    """(N, 2) kilometres east and north; rings one after another, the far side left out."""
    ring_start: NDArray[np.int64]
    """Ring ``r`` is ``xy[ring_start[r]:ring_start[r + 1]]``; each ring is closed."""
    attribution: str
    edge: NDArray[np.float64] | None = None
    """A world map's outline, where the 180th meridian cuts it (projected km, closed):
    water inside, nothing beyond, so a route across the Pacific visibly ends at the
    edge it leaves by.  None for a regional map, which has no edge in sight."""


@dataclass(frozen=True)
class MapColours:
    water: Rgba
    outside: Rgba
    """Beyond the edge of a world map."""
    land: Rgba
    border: Rgba
    site: Rgba
    """Fill of a place's dot."""
    site_edge: Rgba
    """The dot's rim, so neighbouring dots stay apart."""
    faint: Rgba
    """Earlier places of the route on a slide's inset."""
    selected: Rgba
    """The ring around the selected event's place."""
    chosen: Rgba
    """The ring around a place the list is filtered to."""
    route: Rgba
    text: Rgba
    muted: Rgba
    halo: Rgba
    """Behind label text, so a name stays readable over coastlines and borders."""


@dataclass(frozen=True)
class MapLabel:
    text: str
    rect: Rect
    """The text is drawn inside, vertically centred, after half of ``text.PAD``."""


@dataclass(frozen=True, eq=False)
class MapSite:
    """One dot: a place where shown events took place."""

    site: int
    """Code of the site in ``core.geo.sites``."""
    name: str
    title: str
    """"Kazan, Russia": what hovering names."""
    place_ids: tuple[str, ...]
    x: float
    y: float
    radius: float
    count: int
    positions: NDArray[np.int64]
    """The events there, in time order."""
    selected: bool
    """The selected event (or the slide's event) took place here."""
    chosen: bool
    """The list is filtered to this place."""
    faint: bool
    """An earlier stop of the route on a slide's inset."""
    label: MapLabel | None

    def contains(self, x: float, y: float, slack: float = 3.0) -> bool:
        return (x - self.x) ** 2 + (y - self.y) ** 2 <= (self.radius + slack) ** 2


@dataclass(frozen=True)
class Arrow:
    x: float
    y: float
    angle: float
    """Direction of travel in radians, in page coordinates (y down)."""
    size: float


@dataclass(frozen=True, eq=False)
class Leg:
    """One journey of the route, from one event's place to the next event's."""

    points: tuple[NDArray[np.float64], ...]
    """Polylines in pixels: the great-circle path, split where it leaves the map."""
    arrow: Arrow | None
    planned: bool
    """Towards an event not (yet) held as known: drawn dashed, like a planned event."""
    alpha: int
    """Older legs of a long route fade, so the latest journeys read first."""


@dataclass(frozen=True)
class MapRoute:
    track: str
    """The track's title: "Putin–Xi"."""
    legs: tuple[Leg, ...]
    stops: tuple[str, ...]
    """Site names in time order: "Beijing → Astana → Kazan" (of the legs drawn)."""
    journeys: int = 0
    """Changes of place along the whole track; only the latest ``ROUTE_LIMIT`` are legs."""

    @property
    def text(self) -> str:
        return " → ".join(self.stops)


@dataclass(frozen=True, eq=False)
class MapScene:
    view: MapView
    colours: MapColours
    land: LandLayer
    sites: tuple[MapSite, ...]
    """Drawn in this order (largest first, so small dots stay on top)."""
    route: MapRoute | None
    line: float
    """Height of a line of label text; strokes and dots are sized from it."""
    attribution: str
    attribution_rect: Rect
    title: str
    subtitle: str
    """What a map without its window must say: knowledge date, how many events, the route."""
    unmapped: int
    """Shown events whose place has no coordinates (said, never silently dropped)."""

    def site_at(self, x: float, y: float) -> MapSite | None:
        """The dot under (x, y); the smallest wins where dots overlap."""
        hits = [s for s in self.sites if s.contains(x, y)]
        return min(hits, key=lambda s: s.radius) if hits else None

    @property
    def events(self) -> int:
        return sum(site.count for site in self.sites)
