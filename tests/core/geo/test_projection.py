"""Projections keep areas true and pick the region the places lie in."""

from __future__ import annotations

import math

import numpy as np
import pytest

from summit_timeline.core.geo.projection import (
    EARTH_RADIUS_KM,
    Projection,
    fit,
    projection_for,
)

BEIJING, ASTANA, KAZAN = (116.41, 39.90), (71.43, 51.17), (49.11, 55.80)
LIMA, BRISBANE = (-77.04, -12.05), (153.03, -27.47)


def _cell_area_ratio(projection: Projection, lon: float, lat: float, step: float = 0.05) -> float:
    """Projected area of a small lon/lat cell over its area on the sphere."""
    corners = np.array([[lon, lat], [lon + step, lat], [lon + step, lat + step],
                        [lon, lat + step]])
    xy = projection.project(corners)
    x, y = xy[:, 0], xy[:, 1]
    flat = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    sphere = (EARTH_RADIUS_KM ** 2 * math.radians(step)
              * (math.sin(math.radians(lat + step)) - math.sin(math.radians(lat))))
    return float(flat / sphere)


@pytest.mark.parametrize("projection", [Projection("azimuthal", 80.0, 48.0),
                                        Projection("world", 0.0, 0.0)])
@pytest.mark.parametrize("where", [(80.0, 48.0), (37.6, 55.8), (116.4, 39.9), (30.0, 10.0),
                                   (150.0, -30.0)])
def test_both_projections_keep_areas_true(projection: Projection,
                                          where: tuple[float, float]) -> None:
    assert _cell_area_ratio(projection, *where) == pytest.approx(1.0, abs=2e-3)


def test_the_2024_meetings_get_a_regional_map_centred_between_them() -> None:
    chosen = projection_for(np.array([BEIJING, ASTANA, KAZAN]))
    assert chosen.kind == "azimuthal"
    assert 49.11 < chosen.lon0 < 116.41 and 39.9 < chosen.lat0 < 55.8


def test_meetings_on_several_continents_get_a_world_map() -> None:
    assert projection_for(np.array([BEIJING, LIMA, BRISBANE])).kind == "world"


def test_north_is_up_and_east_is_right_on_the_page() -> None:
    projection = projection_for(np.array([BEIJING, ASTANA, KAZAN]))
    km = projection.project(np.array([BEIJING, ASTANA, KAZAN]))
    frame = fit(km, 400, 300)
    page = frame.to_page(km)
    beijing, astana, kazan = page
    assert beijing[0] > astana[0] > kazan[0], "east is to the right"
    assert kazan[1] < astana[1] < beijing[1], "north is up (smaller y on the page)"


def test_fit_shows_every_place_inside_the_page_with_a_margin() -> None:
    places = np.array([BEIJING, ASTANA, KAZAN, (37.62, 55.76)])
    projection = projection_for(places)
    for width, height in ((400, 300), (300, 600), (1920, 1080)):
        page = fit(projection.project(places), width, height, margin=0.1).to_page(
            projection.project(places))
        assert np.all(page[:, 0] >= 0.1 * width - 1e-6)
        assert np.all(page[:, 0] <= 0.9 * width + 1e-6)
        assert np.all(page[:, 1] >= 0.1 * height - 1e-6)
        assert np.all(page[:, 1] <= 0.9 * height + 1e-6)


def test_one_place_still_shows_its_surroundings() -> None:
    one = np.array([ASTANA])
    projection = projection_for(one)
    frame = fit(projection.project(one), 400, 400, margin=0.0)
    assert 400 / frame.scale >= 1600 - 1e-6, "at least 1,600 km across"
    centre = frame.to_page(projection.project(one))[0]
    assert centre == pytest.approx((200, 200))


def test_page_and_projected_coordinates_invert() -> None:
    km = np.array([[100.0, -50.0], [2500.0, 1300.0]])
    frame = fit(km, 640, 480)
    page = frame.to_page(km)
    assert frame.to_projected(*page[1]) == pytest.approx(tuple(km[1]))


def test_the_antipode_of_a_regional_centre_is_not_drawn() -> None:
    projection = Projection("azimuthal", 80.0, 48.0)
    km = projection.project(np.array([[-100.0, -48.0], [80.0, 48.0]]))
    assert np.all(np.isnan(km[0])) and np.all(km[1] == 0.0)
