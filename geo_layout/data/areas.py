"""A drawn or uploaded boundary of a park, site or layout element: its record's ``area`` (a
GeoJSON Polygon or MultiPolygon in WGS-84) and ``area_source`` (where it comes from, required
with it, as a place's ``facts_source`` is with its facts).

The validator (:func:`parse_area`, called by the record parsers) takes only what it can store
as it is: a valid polygon, inside the plan's province (with :data:`PROVINCE_TOLERANCE_DEG` for
boundary simplification), of a sane size and vertex count. A drawing that crosses itself is
refused there, so the stored body is always the shape that is drawn; the area page repairs
it first (:func:`normalised`: ``make_valid``, polygonal parts only, rounded to ~1 cm).
"""

from __future__ import annotations

import json
import math
from typing import Any

import shapely
from pyproj import Geod

from .seed_checks import Known
from .seed_records import Record

AREA_TYPES = ("Polygon", "MultiPolygon")
#: vertices of one boundary in all its rings (a county outline at full detail has ~5,000)
MAX_VERTICES = 20_000
#: separate polygons of one boundary
MAX_PARTS = 200
#: how far (degrees, ~2 km) a boundary may reach past the province's simplified outline
PROVINCE_TOLERANCE_DEG = 0.02
#: the largest boundary of each collection (km²): a park is not a prefecture, and no layout
#: element is larger than a big prefecture
MAX_KM2 = {"parks": 2_000.0, "sites": 2_000.0, "layout-elements": 50_000.0}
#: the smallest boundary (m²): anything less is a slip of the mouse, not an area
MIN_M2 = 100.0
#: decimals kept of a coordinate (~1 cm)
DECIMALS = 7
_GEOD = Geod(ellps="WGS84")
_PROVINCE = "(province)"


class AreaProblem(ValueError):
    """Why a value is not a usable boundary (the message names what is wrong)."""


def parse_area(rec: Record, known: Known, collection: str) -> tuple[Any, str | None]:
    """``(shapely geometry or None, area_source or None)`` of ``rec``; each problem is noted on
    the record under ``area`` or ``area_source``."""
    raw, source = rec.raw.get("area"), rec.raw.get("area_source")
    if raw is None:
        if source is not None:
            rec.problem("area_source", "says where the area comes from, but no area is given")
        return None, None
    if source is None:
        rec.problem("area_source", "is required with area: say where the boundary comes from "
                                   "(a notice, a survey, a planning document)")
    elif not isinstance(source, str) or not source.strip():
        rec.problem("area_source", "must be a non-empty text")
        source = None
    elif len(source) > 500 or any(ord(c) < 32 for c in source):
        rec.problem("area_source", "at most 500 characters, no control characters")
        source = None
    try:
        geom = geometry_of(raw)
        check_shape(geom, collection)
        check_inside(geom, known)
    except AreaProblem as exc:
        rec.problem("area", str(exc))
        return None, None
    return geom, source


def geometry_of(value: Any):
    """The shapely geometry of a GeoJSON Polygon or MultiPolygon (a dict, or its JSON text),
    checked for shape only: AreaProblem naming what is wrong. Z values are dropped."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise AreaProblem("is not JSON: give a GeoJSON Polygon or MultiPolygon") from None
    if isinstance(value, dict) and value.get("type") == "Feature":
        value = value.get("geometry")
    elif isinstance(value, dict) and value.get("type") == "FeatureCollection":
        features = value.get("features")
        if not isinstance(features, list) or len(features) != 1:
            raise AreaProblem("a FeatureCollection must hold exactly one polygon feature")
        value = features[0].get("geometry") if isinstance(features[0], dict) else None
    if not isinstance(value, dict) or value.get("type") not in AREA_TYPES:
        got = value.get("type") if isinstance(value, dict) else type(value).__name__
        raise AreaProblem(f"must be a GeoJSON Polygon or MultiPolygon, got {str(got)[:40]!r}")
    polygons = value.get("coordinates")
    if value["type"] == "Polygon":
        polygons = [polygons]
    if not isinstance(polygons, list) or not polygons:
        raise AreaProblem("has no coordinates")
    if len(polygons) > MAX_PARTS:
        raise AreaProblem(f"has {len(polygons)} separate polygons; at most {MAX_PARTS}")
    count = 0
    shapes = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise AreaProblem("a polygon must be a list of rings (lists of [lon, lat])")
        rings = []
        for ring in polygon:
            if not isinstance(ring, list) or len(ring) < 4:
                raise AreaProblem("a ring needs at least 4 positions (3 corners and the first "
                                  "again)")
            count += len(ring)
            if count > MAX_VERTICES:
                raise AreaProblem(f"has more than {MAX_VERTICES:,} vertices: simplify it")
            rings.append([_position(p) for p in ring])
        for ring in rings:
            if ring[0] != ring[-1]:
                raise AreaProblem(f"a ring is not closed: it starts at {ring[0]} and ends at "
                                  f"{ring[-1]}")
        shapes.append(shapely.Polygon(rings[0], rings[1:]))
    return shapes[0] if value["type"] == "Polygon" else shapely.MultiPolygon(shapes)


def _position(p: Any) -> tuple[float, float]:
    if not (isinstance(p, list) and len(p) >= 2 and all(
            isinstance(c, (int, float)) and not isinstance(c, bool) for c in p[:2])):
        raise AreaProblem(f"a position must be [lon, lat] numbers, got {str(p)[:40]}")
    lon, lat = float(p[0]), float(p[1])
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180
            and -90 <= lat <= 90):
        raise AreaProblem(f"[{str(p[0])[:20]}, {str(p[1])[:20]}] is not a WGS-84 longitude "
                          "and latitude")
    return lon, lat


def check_shape(geom, collection: str) -> None:
    """AreaProblem unless ``geom`` is a valid polygon of a sane size for ``collection``."""
    if geom.is_empty:
        raise AreaProblem("is empty")
    if not geom.is_valid:
        reason = shapely.is_valid_reason(geom)
        raise AreaProblem(f"is not a valid polygon ({reason}): a boundary must not cross "
                          "itself; the area page repairs such a drawing")
    km2 = square_km(geom)
    cap = MAX_KM2.get(collection, MAX_KM2["layout-elements"])
    if km2 > cap:
        raise AreaProblem(f"covers {km2:,.0f} km²; a boundary of {collection} covers at most "
                          f"{cap:,.0f} km² (is it the right file, in degrees?)")
    if km2 * 1e6 < MIN_M2:
        raise AreaProblem(f"covers {km2 * 1e6:.0f} m²; at least {MIN_M2:.0f} m²")


def check_inside(geom, known: Known) -> None:
    """AreaProblem unless ``geom`` lies within the plan's province (its prefectures), give or
    take :data:`PROVINCE_TOLERANCE_DEG`."""
    outline = province_outline(known)
    if outline is None or outline.covers(geom):
        return
    outside = geom.difference(outline)
    share = 100 * outside.area / geom.area if geom.area else 100
    lon, lat = outside.representative_point().coords[0]
    raise AreaProblem(f"{share:.0f}% of it lies outside the plan's province (e.g. at "
                      f"{lon:.4f}, {lat:.4f}): is it the right place, or are the "
                      "coordinates in another system?")


def province_outline(known: Known):
    """The union of the plan's prefectures grown by the tolerance, prepared, cached with
    the other outlines of ``known`` (None when no boundaries are loaded)."""
    cached = known._buffered.get(_PROVINCE)
    if cached is None and known.prefectures:
        union = shapely.union_all([b.geometry("low") for b in known.prefectures.values()])
        cached = union.buffer(PROVINCE_TOLERANCE_DEG)
        shapely.prepare(cached)
        known._buffered[_PROVINCE] = cached
    return cached


def square_km(geom) -> float:
    """The geodesic area of ``geom`` in km²."""
    return abs(_GEOD.geometry_area_perimeter(geom)[0]) / 1e6


def normalised(geom) -> dict:
    """``geom`` (any shapely geometry) as the GeoJSON a record stores: repaired
    (``make_valid``), its polygonal parts only, 2-D, rounded to :data:`DECIMALS`, exterior
    rings counter-clockwise (RFC 7946). AreaProblem when nothing polygonal is left."""
    geom = _polygonal(shapely.make_valid(shapely.force_2d(geom)))
    geom = shapely.transform(geom, lambda xy: xy.round(DECIMALS))
    if not geom.is_valid:  # rounding can make a sliver cross itself
        geom = _polygonal(shapely.make_valid(geom))
    if geom.is_empty:
        raise AreaProblem("holds no polygon (a line or points do not enclose an area)")
    geom = shapely.orient_polygons(geom)
    return as_geojson(geom)


def _polygonal(geom):
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in AREA_TYPES and not p.is_empty]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def as_geojson(geom) -> dict | None:
    """``geom`` as a GeoJSON geometry object (None for None)."""
    if geom is None:
        return None
    return json.loads(shapely.to_geojson(geom))
