"""Features as GeoJSON and plain JSON, shared by the API, OGC API – Features and downloads.

Geometries go straight from shapely's GEOS writer into the response text (a county layer at
high detail is ~2 MB; parsing it back into Python objects only to dump it again would dominate
the request). Coordinates are WGS-84 unless a Chinese map system is asked for; GCJ-02 and BD-09
are not EPSG systems, so responses name them with :data:`COORDINATE_SYSTEMS` instead of a
GeoJSON ``crs`` member.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

import shapely

from ..data import crs
from ..data.features import Feature

COORDINATE_SYSTEMS: dict[str, dict[str, Any]] = {
    "wgs84": {"id": "wgs84", "epsg": 4326,
              "name": "WGS-84 (EPSG:4326, longitude/latitude; GPS, OpenStreetMap)"},
    "gcj02": {"id": "gcj02", "epsg": None,
              "name": "GCJ-02 (Amap, Tencent; not an EPSG system)"},
    "bd09": {"id": "bd09", "epsg": None,
             "name": "BD-09 (Baidu Maps; not an EPSG system)"},
}


def dumps(value: Any) -> str:
    """Compact JSON keeping Chinese readable (UTF-8, not \\u escapes)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def geometry_text(feature: Feature, lod: str = "medium", system: str = "wgs84") -> str:
    geom = feature.geometry(lod)
    if geom is None:
        return "null"
    if system != "wgs84":
        geom = crs.shift_geometry(geom, "wgs84", system)
    return shapely.to_geojson(geom)


def feature_text(feature: Feature, *, lod: str = "medium", system: str = "wgs84",
                 extra: Mapping[str, Any] | None = None,
                 links: list[dict] | None = None) -> str:
    """One GeoJSON Feature; ``extra`` properties are appended (e.g. ``distance_km``)."""
    props = {**feature.properties, **extra} if extra else feature.properties
    parts = ['{"type":"Feature","id":', dumps(feature.id), ',"geometry":',
             geometry_text(feature, lod, system), ',"properties":', dumps(props)]
    if links is not None:
        parts += [',"links":', dumps(links)]
    parts.append("}")
    return "".join(parts)


def collection_text(features: Iterable[str], members: Mapping[str, Any]) -> str:
    """A FeatureCollection from feature texts, with extra top-level ``members`` first."""
    head = dumps({"type": "FeatureCollection", **members})[:-1]
    return head + ',"features":[' + ",".join(features) + "]}"


def feature_dict(feature: Feature, *, lod: str = "medium", system: str = "wgs84") -> dict:
    """The same Feature as a Python mapping (for writers that want objects, not text)."""
    return json.loads(feature_text(feature, lod=lod, system=system))


def item_dict(feature: Feature) -> dict:
    """A record without geometry (enterprises, targets) as a flat JSON object."""
    return {"id": feature.id, **{k: v for k, v in feature.properties.items() if k != "id"}}
