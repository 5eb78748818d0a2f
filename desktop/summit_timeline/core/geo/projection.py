"""Projections that suit the region a map shows, and fitting them to a page.

Meetings cluster in a region (Moscow, Astana, Beijing) or spread across the
world (Lima, Brisbane, Fortaleza).  A region is drawn with the Lambert
azimuthal equal-area projection centred on its places, so areas and shapes
near the centre stay true; a spread beyond a hemisphere's worth is drawn with
the Equal Earth world projection (Šavrič, Patterson and Jenny, 2018), also
equal-area, whose straight parallels read as a familiar world map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

EARTH_RADIUS_KM = 6371.0
REGIONAL_LIMIT_DEG = 60.0
"""Places farther than this from their centre get the world projection."""
MIN_SPAN_KM = 1600.0
"""A map of one place still shows its surroundings (about a country's width)."""
FAR_SIDE_DEG = 170.0
"""Azimuthal points farther than this from the centre are dropped (the
antipode maps to a whole circle)."""

Kind = Literal["azimuthal", "world"]

# Equal Earth polynomial coefficients (published with the projection).
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3.0) / 2.0  # sin of the parallel of true shape


@dataclass(frozen=True, slots=True)
class Projection:
    kind: Kind
    lon0: float
    lat0: float

    def project(self, lonlat: NDArray[np.float64]) -> NDArray[np.float64]:
        """(N, 2) degrees → (N, 2) kilometres east and north; NaN where not drawn."""
        lon = np.radians(lonlat[:, 0])
        lat = np.radians(lonlat[:, 1])
        if self.kind == "world":
            return _equal_earth(lon - math.radians(self.lon0), lat)
        return _azimuthal(lon, lat, math.radians(self.lon0), math.radians(self.lat0))


def _equal_earth(lon: NDArray[np.float64], lat: NDArray[np.float64]) -> NDArray[np.float64]:
    theta = np.arcsin(_M * np.sin(lat))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2.0 * math.sqrt(3.0) * lon * np.cos(theta) / (
        3.0 * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return np.column_stack((x, y)) * EARTH_RADIUS_KM


def _azimuthal(lon: NDArray[np.float64], lat: NDArray[np.float64], lon0: float,
               lat0: float) -> NDArray[np.float64]:
    dlon = lon - lon0
    cos_c = math.sin(lat0) * np.sin(lat) + math.cos(lat0) * np.cos(lat) * np.cos(dlon)
    far = cos_c < math.cos(math.radians(FAR_SIDE_DEG))
    k = np.sqrt(2.0 / (1.0 + np.where(far, 0.0, cos_c)))
    x = k * np.cos(lat) * np.sin(dlon)
    y = k * (math.cos(lat0) * np.sin(lat) - math.sin(lat0) * np.cos(lat) * np.cos(dlon))
    out = np.column_stack((x, y)) * EARTH_RADIUS_KM
    out[far] = np.nan
    return out


def _unit_vectors(lonlat: NDArray[np.float64]) -> NDArray[np.float64]:
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def projection_for(lonlat: NDArray[np.float64]) -> Projection:
    """The projection that suits places at ``lonlat`` (degrees, (N, 2))."""
    if len(lonlat) == 0:
        return Projection("world", 0.0, 0.0)
    vectors = _unit_vectors(lonlat)
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    if norm < 1e-9:
        return Projection("world", 0.0, 0.0)
    centre = mean / norm
    spread = float(np.degrees(np.arccos(np.clip(vectors @ centre, -1.0, 1.0))).max())
    lat0 = math.degrees(math.asin(float(np.clip(centre[2], -1.0, 1.0))))
    lon0 = math.degrees(math.atan2(float(centre[1]), float(centre[0])))
    if spread > REGIONAL_LIMIT_DEG:
        return Projection("world", 0.0, 0.0)
    return Projection("azimuthal", lon0, lat0)


@dataclass(frozen=True, slots=True)
class Frame:
    """Projected kilometres → page pixels: ``px = (x - x0) * s + left`` and
    ``py = top + (y1 - y) * s`` (north up), keeping the aspect ratio."""

    x0: float
    y1: float
    scale: float
    left: float
    top: float

    def to_page(self, xy: NDArray[np.float64]) -> NDArray[np.float64]:
        out = np.empty_like(xy)
        out[:, 0] = (xy[:, 0] - self.x0) * self.scale + self.left
        out[:, 1] = self.top + (self.y1 - xy[:, 1]) * self.scale
        return out

    def to_projected(self, px: float, py: float) -> tuple[float, float]:
        return ((px - self.left) / self.scale + self.x0, self.y1 - (py - self.top) / self.scale)


def fit(points_km: NDArray[np.float64], width: float, height: float, margin: float = 0.12,
        min_span_km: float = MIN_SPAN_KM) -> Frame:
    """A frame showing every point with a margin (a fraction of the page) around."""
    finite = points_km[np.all(np.isfinite(points_km), axis=1)] if len(points_km) else points_km
    if len(finite) == 0:
        finite = np.zeros((1, 2))
    lo, hi = finite.min(axis=0), finite.max(axis=0)
    centre = (lo + hi) / 2.0
    span = np.maximum(hi - lo, min_span_km)
    usable_w = max(width * (1.0 - 2.0 * margin), 1.0)
    usable_h = max(height * (1.0 - 2.0 * margin), 1.0)
    scale = min(usable_w / span[0], usable_h / span[1])
    x0 = centre[0] - width / 2.0 / scale
    y1 = centre[1] + height / 2.0 / scale
    return Frame(float(x0), float(y1), float(scale), 0.0, 0.0)
