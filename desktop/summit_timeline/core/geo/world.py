"""The world's country outlines, read from the converted Natural Earth files.

``tools/make_map_data.py`` writes them once; here they are only read, with
``allow_pickle=False`` so a tampered file cannot run code, and checked so a
damaged one fails with its name instead of drawing garbage.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

_KEYS = ("scale", "translate", "xy", "ring_start", "polygon_start", "country_start",
         "country_name", "attribution")


class MapDataError(ValueError):
    """The map file is missing, unreadable or inconsistent."""


@dataclass(frozen=True, eq=False)
class WorldMap:
    """Rings of longitude/latitude points, grouped into polygons and countries.

    Polygons are drawn with the even-odd rule, so a polygon's later rings
    (lakes, enclaves) cut holes without needing their winding checked.
    """

    lonlat: NDArray[np.float64]
    """(N, 2) degrees: all rings' points, ring after ring."""
    ring_start: NDArray[np.int64]
    """Ring ``r`` is ``lonlat[ring_start[r]:ring_start[r + 1]]``."""
    polygon_start: NDArray[np.int64]
    """Polygon ``p`` is rings ``polygon_start[p]:polygon_start[p + 1]``."""
    country_start: NDArray[np.int64]
    """Country ``c`` is polygons ``country_start[c]:country_start[c + 1]``."""
    country_name: tuple[str, ...]
    attribution: str

    @property
    def ring_count(self) -> int:
        return len(self.ring_start) - 1

    def ring(self, r: int) -> NDArray[np.float64]:
        return self.lonlat[self.ring_start[r]:self.ring_start[r + 1]]


def load_world(path: Path) -> WorldMap:
    try:
        with np.load(path, allow_pickle=False) as data:
            missing = [key for key in _KEYS if key not in data]
            if missing:
                raise MapDataError(f"{path}: not a map file (no {', '.join(missing)})")
            arrays = {key: data[key] for key in _KEYS}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as error:
        if isinstance(error, MapDataError):
            raise
        raise MapDataError(f"{path}: cannot read the map file: {error}") from error
    xy = arrays["xy"].astype(np.float64)
    lonlat = xy * arrays["scale"] + arrays["translate"]
    ring_start = arrays["ring_start"].astype(np.int64)
    polygon_start = arrays["polygon_start"].astype(np.int64)
    country_start = arrays["country_start"].astype(np.int64)
    if (len(ring_start) < 1 or ring_start[-1] != len(lonlat)
            or polygon_start[-1] != len(ring_start) - 1
            or country_start[-1] != len(polygon_start) - 1
            or len(arrays["country_name"]) != len(country_start) - 1
            or np.any(np.diff(ring_start) < 0)):
        raise MapDataError(f"{path}: the map file's offsets do not match its points")
    if not (np.all(np.abs(lonlat[:, 0]) <= 180.0 + 1e-6)
            and np.all(np.abs(lonlat[:, 1]) <= 90.0 + 1e-6)):
        raise MapDataError(f"{path}: the map file holds points off the globe")
    return WorldMap(lonlat, ring_start, polygon_start, country_start,
                    tuple(str(name) for name in arrays["country_name"]),
                    str(arrays["attribution"]))
