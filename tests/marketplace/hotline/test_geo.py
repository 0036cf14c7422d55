"""The community's area: point in polygon, and the radius around a centre."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from marketplace.core.geo import distance_km, point_in_polygon

SQUARE = [[0, 0], [0, 10], [10, 10], [10, 0]]
# An L shape: the notch at the top right (lat 5–10, lng 5–10) is outside.
L_SHAPE = [[0, 0], [10, 0], [10, 5], [5, 5], [5, 10], [0, 10]]


@pytest.mark.parametrize(
    ("lat", "lng", "inside"),
    [
        (5, 5, True),
        (0.001, 9.999, True),
        (-0.001, 5, False),
        (5, 10.001, False),
        (11, 5, False),
        (0, 5, True),  # on an edge
        (10, 10, True),  # on a vertex
    ],
)
def test_square(lat, lng, inside):
    assert point_in_polygon(lat, lng, SQUARE) is inside


@pytest.mark.parametrize(
    ("lat", "lng", "inside"),
    [(2, 2, True), (7, 2, True), (2, 7, True), (7, 7, False), (5, 7, True), (7, 5, True)],
)
def test_concave_polygon(lat, lng, inside):
    assert point_in_polygon(lat, lng, L_SHAPE) is inside


def test_closed_ring_and_decimals_work_the_same():
    ring = [*SQUARE, SQUARE[0]]
    assert point_in_polygon(Decimal("5.5"), Decimal("5.5"), ring)
    assert not point_in_polygon(Decimal("15"), Decimal("5"), ring)


def test_degenerate_input_contains_nothing():
    assert not point_in_polygon(1, 1, [[0, 0], [2, 2]])
    assert not point_in_polygon(None, 1, SQUARE)


def test_region_contains_within_default_radius(world, settings):
    home = world["home"]  # centre 30.25, 120.16; no boundary
    settings.COMMUNITY_DEFAULT_RADIUS_M = 2000
    near = (Decimal("30.265"), Decimal("120.16"))  # about 1.67 km north
    far = (Decimal("30.27"), Decimal("120.16"))  # about 2.22 km north
    assert distance_km(30.25, 120.16, *near) < 2 < distance_km(30.25, 120.16, *far)
    assert home.contains(*near)
    assert not home.contains(*far)
    settings.COMMUNITY_DEFAULT_RADIUS_M = 3000
    assert home.contains(*far)


def test_region_contains_uses_the_boundary_when_drawn(world):
    home = world["home"]
    home.boundary = [[30.24, 120.15], [30.24, 120.17], [30.26, 120.17], [30.26, 120.15]]
    assert home.contains(30.2599, 120.1699)
    assert not home.contains(30.2501, 120.1705)  # 50 m past the east edge, near the centre


def test_region_without_centre_or_boundary_cannot_refuse(world):
    home = world["home"]
    home.latitude = home.longitude = None
    assert home.contains(31, 121)
    assert not home.contains(None, None)


@pytest.mark.parametrize(
    "boundary",
    [
        [[30.24, 120.15], [30.26, 120.17]],
        [[30.24, 120.15], [30.26, 120.17], [30.26]],
        [[30.24, 120.15], [30.26, 120.17], ["north", 120.15]],
        [[30.24, 120.15], [30.26, 120.17], [95, 120.15]],
        {"lat": 30},
    ],
)
def test_region_refuses_a_malformed_boundary(world, boundary):
    home = world["home"]
    home.boundary = boundary
    with pytest.raises(ValidationError) as caught:
        home.full_clean()
    assert "boundary" in caught.value.error_dict


def test_region_takes_a_good_boundary(world):
    home = world["home"]
    home.boundary = [[30.24, 120.15], [30.26, 120.17], [30.26, 120.15]]
    home.full_clean()
