"""Feature texts assembled from memoised pieces are byte-identical to writing each feature
from scratch (the way geojson.feature_text did before the memo): properties, extra properties,
links, points in every coordinate system, polygons, hostile strings, empty properties."""

from __future__ import annotations

import copy
import json
from urllib.parse import quote

import pytest
import shapely

from geo_layout.data import crs
from geo_layout.data.features import Feature
from geo_layout.web import geojson

SYSTEMS = ("wgs84", "gcj02", "bd09")
HOSTILE = 'quote " backslash \\ slash / newline \n tab \t nul \x00 bell \x07 ' \
          "sep \u2028\u2029 emoji 😀 zh 呈贡 </script> &amp; ' \ud800"
URL_SAFE_HOSTILE = HOSTILE.replace("\ud800", "")  # a lone surrogate has no URL form at all


def scratch(feature: Feature, *, lod="medium", system="wgs84", extra=None, links=None) -> str:
    """feature_text as it was: every piece written with json.dumps / shapely each time."""
    props = {**feature.properties, **extra} if extra else feature.properties
    geom = feature.geometry(lod)
    if geom is None:
        geometry = "null"
    else:
        if system != "wgs84":
            geom = crs.shift_geometry(geom, "wgs84", system)
        geometry = shapely.to_geojson(geom)
    parts = ['{"type":"Feature","id":', geojson.dumps(feature.id), ',"geometry":', geometry,
             ',"properties":', geojson.dumps(props)]
    if links is not None:
        parts += [',"links":', geojson.dumps(links)]
    return "".join(parts) + "}"


def fresh(feature: Feature) -> Feature:
    """The same feature without any memo (a new object)."""
    return Feature(feature.collection, feature.id, dict(feature.properties),
                   dict(feature.geometries))


def point(props: dict, fid: str = "p-1", xy=(102.71, 25.04)) -> Feature:
    pt = shapely.Point(*xy)
    return Feature("parks", fid, props, {lod: pt for lod in ("coarse", "low", "medium", "high")})


def same_twice(feature: Feature, **kw) -> str:
    """The first call fills the memo, the second reads it: both must equal the scratch text."""
    expected = scratch(feature, **kw)
    first = geojson.feature_text(feature, **kw)
    second = geojson.feature_text(feature, **kw)
    assert first == expected
    assert second == expected
    json.loads(expected)  # and it is JSON
    return expected


@pytest.mark.parametrize("system", SYSTEMS)
def test_every_place_and_boundary_of_the_seeds(store, system):
    for collection in ("parks", "sites"):
        for f in store.query(collection).features:
            f = fresh(f)
            same_twice(f, system=system)
            same_twice(f, system=system, extra={"collection": collection, "distance_km": 12.345})
            same_twice(f, system=system, links=[{"rel": "self", "href": "http://x/a",
                                                 "type": "application/geo+json"}])
    for collection in ("prefectures", "layout-elements"):  # polygons: the coarse ones suffice
        for f in store.query(collection).features:
            same_twice(fresh(f), system=system, lod="coarse", extra={"distance_km": 1.0})


def test_one_memo_serves_all_systems_and_levels_of_a_point():
    f = point({"name_zh": "呈贡", "n": 1})
    for system in ("gcj02", "wgs84", "bd09", "gcj02", "wgs84"):
        for lod in ("coarse", "medium", "high"):
            same_twice(f, system=system, lod=lod)
    wgs = geojson.feature_text(f)
    gcj = geojson.feature_text(f, system="gcj02")
    assert json.loads(wgs)["geometry"]["coordinates"] == [102.71, 25.04]
    assert json.loads(gcj)["geometry"]["coordinates"] != [102.71, 25.04]


def test_hostile_strings_in_ids_keys_and_values():
    props = {HOSTILE: HOSTILE, "list": [HOSTILE, None, 1.5, True], "nested": {"k": HOSTILE}}
    f = point(props, fid=HOSTILE)
    for system in SYSTEMS:
        same_twice(f, system=system, extra={"collection": HOSTILE, "distance_km": 0.1})
        same_twice(f, system=system, extra={HOSTILE + "x": [HOSTILE]})
        same_twice(f, system=system, links=[{"rel": "self", "href": HOSTILE}])


@pytest.mark.parametrize("value", [0.1, 1e-7, 1e22, -0.0, 12.3456789, float("nan"), float("inf"),
                                   float("-inf"), 3, True, None, "", HOSTILE, [1.5, "a"],
                                   {"k": 2.5}])
def test_extra_values_of_every_kind(value):
    f = point({"name_zh": "呈贡"})
    same_twice(f, extra={"collection": "parks", "distance_km": value})
    same_twice(f, extra={HOSTILE: value, 7: value, None: "x", 2.5: value})


def test_empty_and_missing_pieces():
    empty = Feature("enterprises", "e-1", {})
    same_twice(empty)
    same_twice(empty, extra={"collection": "enterprises", "distance_km": 1.0})
    same_twice(empty, extra={})
    same_twice(point({}), extra={"a": 1}, system="bd09")
    unlocated = Feature("parks", "p-none", {"name_zh": "无"})
    same_twice(unlocated, system="gcj02", extra={"distance_km": 3.0})


def test_an_extra_property_replacing_one_keeps_its_place():
    f = point({"a": 1, "collection": "old", "z": 2})
    text = same_twice(f, extra={"collection": "parks", "distance_km": 2.5})
    assert list(json.loads(text)["properties"]) == ["a", "collection", "z", "distance_km"]


def test_non_point_geometries_are_not_memoised_but_still_identical():
    poly = shapely.box(102.0, 25.0, 103.0, 26.0)
    f = Feature("prefectures", "530100", {"name_zh": "昆明市"},
                {"medium": poly, "low": shapely.box(102.0, 25.0, 102.5, 25.5)})
    for system in SYSTEMS:
        for lod in ("low", "medium", "high"):
            same_twice(f, system=system, lod=lod)


def test_the_memo_does_not_change_equality_or_repr():
    f = point({"a": 1})
    g = fresh(f)
    geojson.feature_text(f, system="gcj02", extra={"x": 1})
    assert f == g and repr(f) == repr(g)
    assert copy.copy(f) == g


@pytest.mark.parametrize("fid", ["p-1", URL_SAFE_HOSTILE, "a/b?c#d e%20", "呈贡", ""])
def test_self_links_text_is_the_dumped_link(fid):
    base = 'http://h"ost\\:8000/api/parks/'
    media = "application/geo+json"
    links = geojson.self_links(base, media)
    feature = Feature("parks", fid, {})
    text = links(feature)
    assert links(feature) == text  # the quoted id from the memo
    assert text == geojson.dumps([{"rel": "self", "href": base + quote(fid, safe=""),
                                   "type": media}])


@pytest.mark.parametrize("system", SYSTEMS)
def test_nearby_response_is_byte_identical_to_writing_from_scratch(client, store, system):
    lon, lat = 102.71, 25.04
    url = f"/api/nearby?lon={lon}&lat={lat}&radius_km=80&k=50&crs={system}"
    body = client.get(url).get_data(as_text=True)
    found = store.nearby(lon, lat, 80.0, 50)
    assert len(found) > 3
    features = [scratch(n.feature, system=system,
                        extra={"collection": n.feature.collection, "distance_km": n.distance_km},
                        links=[{"rel": "self",
                                "href": f"http://localhost/api/{n.feature.collection}/"
                                        f"{quote(n.feature.id, safe='')}",
                                "type": "application/geo+json"}]) for n in found]
    assert ',"features":[' + ",".join(features) + "]}" in body
    assert body.endswith(",".join(features) + "]}")
