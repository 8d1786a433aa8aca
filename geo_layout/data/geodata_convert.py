"""GCJ-02 -> WGS-84 for the built boundaries, and how well that conversion round-trips over
the province being built (measured, not assumed: the figures go into the manifest)."""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

from . import crs


def to_wgs84(geoms):
    """The source ships Amap's GCJ-02; the service stores WGS-84 (see ``crs.py``)."""
    return crs.shift_geometry(geoms, "gcj02", "wgs84")


def grid_over(bbox: tuple[float, float, float, float], nx: int = 50, ny: int = 40):
    """An ``nx`` x ``ny`` grid spanning ``bbox`` (lon_min, lat_min, lon_max, lat_max)."""
    x0, y0, x1, y1 = bbox
    lon, lat = np.meshgrid(np.linspace(x0, x1, nx), np.linspace(y0, y1, ny))
    return lon.ravel(), lat.ravel()


def round_trip_error(lon: np.ndarray, lat: np.ndarray) -> dict:
    """Geodesic error (metres) of WGS-84 -> GCJ-02/BD-09 -> WGS-84 at the given points."""
    geod = pyproj.Geod(ellps="WGS84")
    result = {}
    for via in ("gcj02", "bd09"):
        x, y = crs.convert_array(lon, lat, "wgs84", via)
        bx, by = crs.convert_array(x, y, via, "wgs84")
        dist = geod.inv(lon, lat, bx, by)[2]
        result[f"wgs84->{via}->wgs84"] = {"max_m": float(f"{dist.max():.2g}"),
                                          "median_m": float(f"{np.median(dist):.2g}"),
                                          "points": int(lon.size)}
    return result


def bbox_of(geom) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in shapely.total_bounds(geom))
