"""Which county and prefecture a point falls in, and whether it lies inside the plan's
province: what the editor shows before a point is saved (a point pasted in the wrong system,
or with longitude and latitude swapped, lands somewhere else, and the editor should see so).

Outlines are tested at the finest level of detail: the unit that holds the point, else one
whose outline grown by about 200 m does, as the validator grows them
(:meth:`.seed_checks.Known.tolerant`), so a point just over a simplified edge is named by
the unit the validator accepts it in. The prepared outlines are kept per store (a store never changes its
boundaries; an edit makes a new store).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import shapely

#: how far (degrees, about 200 m) an outline is grown, as the validator grows it
TOLERANCE = 0.002
_PREPARED: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class UnitsAt:
    lon: float
    lat: float
    county: object | None       # the county's Feature
    prefecture: object | None   # the prefecture's Feature
    in_province: bool


def _outline(geometry):
    """(the outline, the outline grown by TOLERANCE), both prepared."""
    exact, grown = geometry, geometry.buffer(TOLERANCE)
    shapely.prepare(exact)
    shapely.prepare(grown)
    return exact, grown


def _first(outlined, lon: float, lat: float):
    """The first feature of ``outlined`` ([(feature, (exact, grown))]) holding the point:
    exactly, else within the tolerance; None when none does."""
    for which in (0, 1):
        for feature, outlines in outlined:
            if shapely.contains_xy(outlines[which], lon, lat):
                return feature
    return None


def _prepared(store):
    """(province outline, [(county feature, outline)], {adcode: prefecture feature})."""
    try:
        return _PREPARED[store]
    except (KeyError, TypeError):
        pass
    province = store.province()
    counties = [(f, _outline(f.geometry("high") or f.geometry()))
                for f in store.query("counties").features if f.geometry() is not None]
    prefectures = {f.id: f for f in store.query("prefectures").features}
    prefecture_outlines = [(f, _outline(f.geometry("high") or f.geometry()))
                           for f in prefectures.values() if f.geometry() is not None]
    value = (_outline(province.geometry("high")), counties, prefectures, prefecture_outlines)
    try:
        _PREPARED[store] = value
    except TypeError:  # a store that cannot be weakly referenced: not kept
        pass
    return value


def units_at(store, lon: float, lat: float) -> UnitsAt:
    """The county and prefecture of ``store``'s plan holding WGS-84 point (lon, lat), each
    None when none does, and whether the province holds it."""
    province, counties, prefectures, prefecture_outlines = _prepared(store)
    county = _first(counties, lon, lat)
    prefecture = None
    if county is not None:
        prefecture = prefectures.get(county.properties.get("prefecture"))
    if prefecture is None:
        prefecture = _first(prefecture_outlines, lon, lat)
    inside = bool(shapely.contains_xy(province[1], lon, lat))
    return UnitsAt(lon, lat, county, prefecture, inside)
