"""Features as GeoJSON and plain JSON, shared by the API, OGC API – Features and downloads.

Geometries go straight from shapely's GEOS writer into the response text (a county layer at
high detail is ~2 MB; parsing it back into Python objects only to dump it again would dominate
the request). Coordinates are WGS-84 unless a Chinese map system is asked for; GCJ-02 and BD-09
are not EPSG systems, so responses name them with :data:`COORDINATE_SYSTEMS` instead of a
GeoJSON ``crs`` member.

A feature's text is assembled from pieces memoised on the feature itself the first time it is
written: the JSON of its properties (as UTF-8, half the size of a str holding Chinese) and of
its point geometry per coordinate system. Store features are immutable and the store is
swapped whole on reload, so the memo lives and dies with them; a radius query answering 100
features then costs string joins, not 100 ``json.dumps`` and GEOS writer calls (see
bench/scale.py). Polygons are not memoised: they are few, large, and come at four levels of
detail. Memory: ~0.7 KB per site written at least once (~70 MB if all of 100,000 are).
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring as _string_text  # what dumps writes for a str
from typing import Any, Callable, Iterable, Mapping
from urllib.parse import quote

import shapely

from ..data import crs
from ..data.features import Feature, plain

COORDINATE_SYSTEMS: dict[str, dict[str, Any]] = {
    "wgs84": {"id": "wgs84", "epsg": 4326,
              "name": "WGS-84 (EPSG:4326, longitude/latitude; GPS, OpenStreetMap)"},
    "gcj02": {"id": "gcj02", "epsg": None,
              "name": "GCJ-02 (Amap, Tencent; not an EPSG system)"},
    "bd09": {"id": "bd09", "epsg": None,
             "name": "BD-09 (Baidu Maps; not an EPSG system)"},
}


def dumps(value: Any) -> str:
    """Compact JSON keeping Chinese readable (UTF-8, not \\u escapes); a place's properties
    (:class:`~geo_layout.data.features.Properties`) as the object they stand for."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=plain)


def geometry_text(feature: Feature, lod: str = "medium", system: str = "wgs84") -> str:
    geom = feature.geometry(lod)
    if geom is None:
        return "null"
    slot = _POINT_SLOTS.get(system)
    memo = _memo(feature) if slot is not None and isinstance(geom, shapely.Point) else None
    if memo is None:
        return _geometry_json(geom, system)
    # (point, wgs84 text, gcj02 text, bd09 text): the same point serves every level of detail;
    # the tuple is replaced whole, so concurrent writers never mix two points
    point = memo[_POINT]
    if point is None or point[0] is not geom:
        point = (geom, None, None, None)
    text = point[slot]
    if text is None:
        text = _geometry_json(geom, system)
        memo[_POINT] = (*point[:slot], text, *point[slot + 1:])
    return text


def _geometry_json(geom, system: str) -> str:
    if system != "wgs84":
        geom = crs.shift_geometry(geom, "wgs84", system)
    return shapely.to_geojson(geom)


def properties_text(feature: Feature) -> str:
    """``dumps(feature.properties)``, memoised."""
    memo = _memo(feature)
    if memo is None:
        return dumps(feature.properties)
    stored = memo[_PROPERTIES]
    if stored is None:
        text = dumps(feature.properties)
        memo[_PROPERTIES] = text.encode("utf-8", "surrogatepass")
        return text
    return stored.decode("utf-8", "surrogatepass")


def feature_text(feature: Feature, *, lod: str = "medium", system: str = "wgs84",
                 extra: Mapping[str, Any] | None = None,
                 links: list[dict] | None = None, links_text: str | None = None) -> str:
    """One GeoJSON Feature; ``extra`` properties are appended (e.g. ``distance_km``);
    ``links`` as objects, or ``links_text`` as their JSON already written."""
    fid = _string_text(feature.id) if type(feature.id) is str else dumps(feature.id)
    props = properties_text(feature)
    if extra:
        props = _with_extra(props, feature.properties, extra)
    if links is not None:
        links_text = dumps(links)
    tail = "}" if links_text is None else ',"links":' + links_text + "}"
    return ('{"type":"Feature","id":' + fid + ',"geometry":' + geometry_text(feature, lod, system)
            + ',"properties":' + props + tail)


_PROPERTIES, _POINT = 0, 1
_POINT_SLOTS = {system: i + 1 for i, system in enumerate(COORDINATE_SYSTEMS)}


def _memo(feature: Feature) -> list | None:
    """The feature's memo of written JSON, [properties as UTF-8, point texts] (a field
    outside equality and repr, set once); None for an object without one. Concurrent first
    writes are harmless: both compute the same text."""
    memo = getattr(feature, "_geojson_memo", _NO_MEMO)
    if memo is _NO_MEMO:
        return None
    if memo is None:
        memo = [None, None]
        object.__setattr__(feature, "_geojson_memo", memo)  # (the feature is frozen)
    return memo


_NO_MEMO = object()


def _with_extra(props_text: str, properties: Mapping[str, Any], extra: Mapping[str, Any]) -> str:
    """``dumps({**properties, **extra})`` from the properties' text: the extra members are
    written after the others, as the merge orders them, unless one replaces a property."""
    members = []
    for key, value in extra.items():
        if key in properties:
            return dumps({**properties, **extra})
        members.append(_member_text(key, value))
    text = ",".join(members)
    return "{" + text + "}" if props_text == "{}" else props_text[:-1] + "," + text + "}"


def _member_text(key: Any, value: Any) -> str:
    """``"key":value`` as json.dumps writes it, without its per-call cost for the plain
    types extra properties have (a string, a finite float); anything else goes to dumps."""
    if type(key) is str:
        if type(value) is str:
            return _string_text(key) + ":" + _string_text(value)
        if type(value) is float and math.isfinite(value):
            return _string_text(key) + ":" + float.__repr__(value)
    return dumps({key: value})[1:-1]


def self_links(base: str, media: str) -> Callable[[Feature], str]:
    """``feature -> '[{"rel":"self","href":base+quoted id,"type":media}]'`` as text. The base
    and media type are written once; a percent-encoded id (:func:`quoted_id`) needs no JSON
    escaping, so each link costs a string join."""
    head = '[{"rel":"self","href":' + dumps(base)[:-1]
    tail = '","type":' + dumps(media) + "}]"

    def links(feature: Feature) -> str:
        return head + quoted_id(feature.id) + tail

    return links


def quoted_id(fid: str) -> str:
    """A record id as one URL path segment: only ASCII letters, digits, ``_.-~`` and ``%XX``."""
    return quote(fid, safe="")


def collection_text(features: Iterable[str], members: Mapping[str, Any]) -> str:
    """A FeatureCollection from feature texts, with extra top-level ``members`` first."""
    head = dumps({"type": "FeatureCollection", **members})[:-1]
    return head + ',"features":[' + ",".join(features) + "]}"


def item_dict(feature: Feature) -> dict:
    """A record without geometry (enterprises, targets) as a flat JSON object."""
    return {"id": feature.id, **{k: v for k, v in feature.properties.items() if k != "id"}}
