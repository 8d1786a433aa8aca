"""Chinese map coordinate systems: WGS-84, GCJ-02 (Amap, Tencent, Google China) and BD-09 (Baidu).

The project stores and serves WGS-84.  GCJ-02 is needed when overlays are drawn on Amap tiles
(shift them at render time, or they sit hundreds of metres off) and when a user copies a
point for Amap; BD-09 when they copy it for Baidu Maps.

Library: ``prcoords`` 1.0.2 (PyPI, CC0/GPLv3+, https://github.com/Artoria2e5/PRCoords).  The
formulas are the library's; this module only adapts argument order (``lon, lat`` here,
``(lat, lon)`` there), applies the library's "out of China" rule consistently, and loops over
arrays.  Inverses use the library's iterative ("bored", Caijun 2014) functions.

Chosen after measuring the three installed candidates on a 50 x 40 = 2,000-point grid over
the first plan's province (lon 97.5-106.2, lat 21.1-29.3); geodesic error in metres
(pyproj.Geod, WGS-84), pure-Python speed on one core:

- prcoords ``gcj_wgs_bored`` (iterative), wgs->gcj->wgs: max 0.0041 m, median 0.00028 m;
  inverse 0.85 s per 100k points.  **Chosen.**
- prcoords wgs->bd->wgs (``bd_gcj_bored`` then ``gcj_wgs_bored``, as used here): max 0.0040 m,
  median 0.0004 m; inverse 1.2 s per 100k points.
- eviltransform ``gcj2wgs_exact`` (bisection), wgs->gcj->wgs: max 0.147 m, median 0.074 m;
  inverse 2.4 s per 100k points.
- eviltransform ``gcj2wgs`` / coordTransform ``gcj02_to_wgs84`` (one-step approximations):
  max 1.78 m, median 0.33 m (bd09 round trips likewise 1.79 m max); coordTransform's C batch
  API is fast (0.02 s per 100k) but fails the 0.5 m requirement.

So only ``prcoords`` and ``eviltransform``'s exact inverse meet the 0.5 m requirement;
prcoords is ~40x more accurate and ~3x faster.  Its forward WGS-84 -> GCJ-02 agrees with
eviltransform's to 9 mm and with coordTransform's exactly (0 m) over the same grid.

"Out of China" rule (kept from the library): a point is shifted only when
``prcoords.sanity_in_china_p`` holds, i.e. 72.004 <= lon <= 137.8347 and
0.8293 <= lat <= 55.8271 (a rectangle; it includes neighbouring countries such as Myanmar,
Laos and Vietnam, where GCJ-02 shifting therefore also applies).  Outside it GCJ-02 equals
WGS-84 and points pass through unchanged.  prcoords' own iterative inverse does not honour
its rule (it iterates with the check switched off), so this module tests the rule itself, on
the *input* point, in both directions.  The GCJ-02 <-> BD-09 step is applied everywhere, as
prcoords does (it has no China test for that step).

Vectorised variants (``*_array`` and :func:`convert_array`) take array-likes of any shape,
return two float64 arrays of that shape, and call the library once per point (no formula is
re-implemented here); about 1 s per 100,000 points for the slowest direction.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import prcoords
import shapely

__all__ = [
    "SYSTEMS",
    "wgs84_to_gcj02", "gcj02_to_wgs84", "wgs84_to_bd09", "bd09_to_wgs84",
    "gcj02_to_bd09", "bd09_to_gcj02", "convert",
    "wgs84_to_gcj02_array", "gcj02_to_wgs84_array", "wgs84_to_bd09_array",
    "bd09_to_wgs84_array", "gcj02_to_bd09_array", "bd09_to_gcj02_array", "convert_array",
    "in_china", "shift_geometry",
]

#: Names accepted by :func:`convert`, :func:`convert_array` and :func:`shift_geometry`.
SYSTEMS = ("wgs84", "gcj02", "bd09")

LonLat = tuple[float, float]


def in_china(lon: float, lat: float) -> bool:
    """The library's rectangle test: True where GCJ-02 differs from WGS-84."""
    return bool(prcoords.sanity_in_china_p(prcoords.Coords(lat, lon)))


# --- scalar functions (lon, lat) -> (lon, lat) -------------------------------------------

def wgs84_to_gcj02(lon: float, lat: float) -> LonLat:
    """WGS-84 -> GCJ-02 (prcoords.wgs_gcj); unchanged outside China."""
    lon, lat = float(lon), float(lat)
    if not in_china(lon, lat):
        return lon, lat
    c = prcoords.wgs_gcj((lat, lon), False)
    return float(c.lon), float(c.lat)


def gcj02_to_wgs84(lon: float, lat: float) -> LonLat:
    """GCJ-02 -> WGS-84 (prcoords.gcj_wgs_bored, iterative; ~4 mm); unchanged outside China."""
    lon, lat = float(lon), float(lat)
    if not in_china(lon, lat):
        return lon, lat
    c = prcoords.gcj_wgs_bored((lat, lon), False)
    return float(c.lon), float(c.lat)


def gcj02_to_bd09(lon: float, lat: float) -> LonLat:
    """GCJ-02 -> BD-09 (prcoords.gcj_bd), applied everywhere as the library does."""
    c = prcoords.gcj_bd((float(lat), float(lon)))
    return float(c.lon), float(c.lat)


def bd09_to_gcj02(lon: float, lat: float) -> LonLat:
    """BD-09 -> GCJ-02 (prcoords.bd_gcj_bored, iterative; sub-millimetre)."""
    c = prcoords.bd_gcj_bored((float(lat), float(lon)))
    return float(c.lon), float(c.lat)


def wgs84_to_bd09(lon: float, lat: float) -> LonLat:
    """WGS-84 -> GCJ-02 -> BD-09."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: float, lat: float) -> LonLat:
    """BD-09 -> GCJ-02 -> WGS-84 (both steps iterative; ~1 cm)."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


def _identity(lon: float, lat: float) -> LonLat:
    return float(lon), float(lat)


_SCALAR: dict[tuple[str, str], Callable[[float, float], LonLat]] = {
    ("wgs84", "gcj02"): wgs84_to_gcj02,
    ("gcj02", "wgs84"): gcj02_to_wgs84,
    ("wgs84", "bd09"): wgs84_to_bd09,
    ("bd09", "wgs84"): bd09_to_wgs84,
    ("gcj02", "bd09"): gcj02_to_bd09,
    ("bd09", "gcj02"): bd09_to_gcj02,
}


def _check_system(name: object, role: str) -> str:
    if not isinstance(name, str) or name.lower() not in SYSTEMS:
        raise ValueError(
            f"unknown coordinate system {name!r} for {role}; expected one of {', '.join(SYSTEMS)}")
    return name.lower()


def _scalar_function(src: str, dst: str) -> Callable[[float, float], LonLat]:
    src = _check_system(src, "src")
    dst = _check_system(dst, "dst")
    return _identity if src == dst else _SCALAR[(src, dst)]


def convert(lon: float, lat: float, src: str, dst: str) -> LonLat:
    """Convert one point between ``"wgs84"``, ``"gcj02"`` and ``"bd09"`` (case-insensitive).

    Raises ValueError naming the unknown system.
    """
    return _scalar_function(src, dst)(lon, lat)


# --- vectorised functions ------------------------------------------------------------------

def _vectorise(func: Callable[[float, float], LonLat]):
    def array_func(lon, lat) -> tuple[np.ndarray, np.ndarray]:
        lon_a, lat_a = np.broadcast_arrays(np.asarray(lon, dtype=float),
                                           np.asarray(lat, dtype=float))
        out_lon = np.empty(lon_a.shape, dtype=float)
        out_lat = np.empty(lon_a.shape, dtype=float)
        flat_lon, flat_lat = out_lon.reshape(-1), out_lat.reshape(-1)
        for i, (x, y) in enumerate(zip(lon_a.ravel().tolist(), lat_a.ravel().tolist())):
            flat_lon[i], flat_lat[i] = func(x, y)
        return out_lon, out_lat

    array_func.__name__ = f"{func.__name__}_array"
    array_func.__qualname__ = array_func.__name__
    array_func.__doc__ = (f"Vectorised :func:`{func.__name__}`: array-likes of lon and lat "
                          "(broadcast together) -> two float64 arrays of that shape.")
    return array_func


wgs84_to_gcj02_array = _vectorise(wgs84_to_gcj02)
gcj02_to_wgs84_array = _vectorise(gcj02_to_wgs84)
wgs84_to_bd09_array = _vectorise(wgs84_to_bd09)
bd09_to_wgs84_array = _vectorise(bd09_to_wgs84)
gcj02_to_bd09_array = _vectorise(gcj02_to_bd09)
bd09_to_gcj02_array = _vectorise(bd09_to_gcj02)

_ARRAY = {
    ("wgs84", "gcj02"): wgs84_to_gcj02_array,
    ("gcj02", "wgs84"): gcj02_to_wgs84_array,
    ("wgs84", "bd09"): wgs84_to_bd09_array,
    ("bd09", "wgs84"): bd09_to_wgs84_array,
    ("gcj02", "bd09"): gcj02_to_bd09_array,
    ("bd09", "gcj02"): bd09_to_gcj02_array,
}


def convert_array(lon, lat, src: str, dst: str) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised :func:`convert`; returns float64 copies even when ``src == dst``."""
    src = _check_system(src, "src")
    dst = _check_system(dst, "dst")
    if src == dst:
        lon_a, lat_a = np.broadcast_arrays(np.asarray(lon, dtype=float),
                                           np.asarray(lat, dtype=float))
        return lon_a.copy(), lat_a.copy()
    return _ARRAY[(src, dst)](lon, lat)


def shift_geometry(geom, src: str, dst: str):
    """Return ``geom`` (a shapely geometry or an array of them) with every vertex converted.

    Uses ``shapely.transform``; Z values are dropped (boundaries are 2-D).  Equal input
    vertices give equal output vertices, so shared edges of a coverage stay shared.
    """
    src = _check_system(src, "src")
    dst = _check_system(dst, "dst")
    if src == dst:
        return geom

    def transformation(coords: np.ndarray) -> np.ndarray:
        x, y = convert_array(coords[:, 0], coords[:, 1], src, dst)
        return np.column_stack([x, y])

    return shapely.transform(geom, transformation)
