"""units_at: the county and prefecture a point falls in, and whether the province holds it
(what the editor shows before a point is saved)."""

from __future__ import annotations

import shapely

from geo_layout.data.units_at import units_at


def test_a_point_in_a_county(store):
    at = units_at(store, 102.7436, 25.0150)
    assert (at.county.id, at.prefecture.id, at.in_province) == ("530111", "530100", True)


def test_every_county_holds_its_own_inner_point(store):
    for county in store.query("counties").features:
        point = shapely.point_on_surface(county.geometry("high"))
        at = units_at(store, point.x, point.y)
        assert at.in_province
        assert at.prefecture.id == county.properties["prefecture"]


def test_a_point_outside_the_province(store):
    at = units_at(store, 116.39, 39.91)
    assert (at.county, at.prefecture, at.in_province) == (None, None, False)


def test_the_prepared_outlines_are_kept_per_store(store):
    units_at(store, 102.7, 25.0)
    from geo_layout.data import units_at as module

    assert store in module._PREPARED
