"""The bundled map files hold the countries the meetings took place in."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from summit_timeline.core.geo.world import MapDataError, load_world
from summit_timeline.resources import resource

FILES = ("map/countries-110m.npz", "map/countries-50m.npz")


def _point_in_ring(lon: float, lat: float, ring: np.ndarray) -> bool:
    inside = False
    x, y = ring[:, 0], ring[:, 1]
    for i in range(len(ring) - 1):
        if (y[i] > lat) != (y[i + 1] > lat):
            cross = x[i] + (lat - y[i]) * (x[i + 1] - x[i]) / (y[i + 1] - y[i])
            inside ^= lon < cross
    return inside


def _country_holds(world, name: str, lon: float, lat: float) -> bool:  # type: ignore[no-untyped-def]
    c = world.country_name.index(name)
    for p in range(world.country_start[c], world.country_start[c + 1]):
        rings = range(world.polygon_start[p], world.polygon_start[p + 1])
        if sum(_point_in_ring(lon, lat, world.ring(r)) for r in rings) % 2 == 1:
            return True
    return False


@pytest.mark.parametrize("relative", FILES)
def test_meeting_cities_lie_in_their_countries(relative: str) -> None:
    world = load_world(resource(relative))
    assert _country_holds(world, "China", 116.41, 39.90)  # Beijing
    assert _country_holds(world, "Kazakhstan", 71.43, 51.17)  # Astana
    assert _country_holds(world, "Russia", 49.11, 55.80)  # Kazan
    assert not _country_holds(world, "China", 49.11, 55.80)
    assert "Natural Earth" in world.attribution


@pytest.mark.parametrize("relative", FILES)
def test_rings_are_closed(relative: str) -> None:
    world = load_world(resource(relative))
    starts, ends = world.ring_start[:-1], world.ring_start[1:] - 1
    assert np.allclose(world.lonlat[starts], world.lonlat[ends])


def test_a_damaged_map_file_is_named_in_the_error(tmp_path: Path) -> None:
    bad = tmp_path / "countries.npz"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(MapDataError, match=r"countries\.npz"):
        load_world(bad)
    with np.load(resource(FILES[0]), allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["ring_start"] = arrays["ring_start"][:-3]
    np.savez(tmp_path / "short.npz", **arrays)
    with pytest.raises(MapDataError, match="offsets"):
        load_world(tmp_path / "short.npz")
