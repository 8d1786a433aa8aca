"""Shapes as the browser gets them: shifted to the basemap's coordinate system, rounded to what
the level of detail can show (fewer bytes, no false precision), as GeoJSON dicts."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import mapping

from ..data import crs as crs_mod
from ..errors import InvalidParameter
from .style import DECIMALS, POINT_DECIMALS


def shifted(geom, target: str):
    """``geom`` (stored in WGS-84) in the ``target`` system ("wgs84" or "gcj02")."""
    return crs_mod.shift_geometry(geom, "wgs84", target) if target != "wgs84" else geom


def rounded(geom, decimals: int):
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def geojson_geometry(geom, lod: str, target: str) -> dict:
    """A GeoJSON geometry dict, shifted then rounded for ``lod``."""
    return _plain(mapping(rounded(shifted(geom, target), DECIMALS[lod])))


def latlon(point, target: str) -> list[float]:
    """``[lat, lon]`` of a shapely point (Leaflet's order), shifted and rounded."""
    lon, lat = crs_mod.convert(point.x, point.y, "wgs84", target)
    return [round(lat, POINT_DECIMALS), round(lon, POINT_DECIMALS)]


def label_point(geom, target: str) -> list[float]:
    """Where a shape's label goes: a point surely inside it (not the centroid, which may
    fall outside a crescent-shaped prefecture)."""
    return latlon(geom.representative_point(), target)


def bounds(geoms, target: str) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of some geometries in ``target``, or None if there are none."""
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return None
    west, south, east, north = shapely.total_bounds(geoms)
    if target != "wgs84":
        west, south = crs_mod.convert(west, south, "wgs84", target)
        east, north = crs_mod.convert(east, north, "wgs84", target)
    return float(west), float(south), float(east), float(north)


def _plain(obj):
    """Tuples to lists and numpy floats to Python floats, for compact JSON."""
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, (np.floating,)):
        return float(obj)
    return obj


def check_bbox(view) -> tuple[float, float, float, float]:
    """``(west, south, east, north)`` as floats, in degrees with some extent (the view a map or
    an export is asked to show); InvalidParameter otherwise."""
    try:
        west, south, east, north = (float(v) for v in view)
    except (TypeError, ValueError):
        raise InvalidParameter("view must be (west, south, east, north)") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise InvalidParameter(f"view bbox is not west < east, south < north in degrees: {view}")
    return west, south, east, north
