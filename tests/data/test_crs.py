"""WGS-84 / GCJ-02 / BD-09 conversions (geo_layout.data.crs, backed by prcoords)."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod

from geo_layout.data import crs

GEOD = Geod(ellps="WGS84")

# Kunming, Dianchi-side centre: WGS-84 -> GCJ-02 and -> BD-09 as computed by prcoords 1.0.2;
# cross-checked against eviltransform below (they agree to about 1 cm).
KUNMING_WGS = (102.712251, 25.040609)
KUNMING_GCJ = (102.7136925, 25.0376363)
KUNMING_BD = (102.7201060, 25.0439240)


def yunnan_grid(nx=50, ny=40):
    lon, lat = np.meshgrid(np.linspace(97.5, 106.2, nx), np.linspace(21.1, 29.3, ny))
    return lon.ravel(), lat.ravel()


def metres(lon1, lat1, lon2, lat2):
    return np.asarray(GEOD.inv(lon1, lat1, lon2, lat2)[2])


@pytest.mark.parametrize("via", ["gcj02", "bd09"])
def test_round_trip_on_yunnan_grid_is_under_half_a_metre(via):
    lon, lat = yunnan_grid()
    assert lon.size == 2000
    x, y = crs.convert_array(lon, lat, "wgs84", via)
    # the shift itself is hundreds of metres, so the round trip is not trivially exact
    shift = metres(lon, lat, x, y)
    assert shift.min() > 100
    back_lon, back_lat = crs.convert_array(x, y, via, "wgs84")
    err = metres(lon, lat, back_lon, back_lat)
    assert err.max() < 0.5
    assert err.max() < 0.02          # measured: ~4 mm for both
    assert np.median(err) < 0.005


def test_known_reference_pair():
    gcj = crs.wgs84_to_gcj02(*KUNMING_WGS)
    assert metres(*gcj, *KUNMING_GCJ) < 0.05
    bd = crs.wgs84_to_bd09(*KUNMING_WGS)
    assert metres(*bd, *KUNMING_BD) < 0.05
    assert metres(*crs.gcj02_to_wgs84(*KUNMING_GCJ), *KUNMING_WGS) < 0.05
    assert metres(*crs.bd09_to_wgs84(*KUNMING_BD), *KUNMING_WGS) < 0.05
    assert metres(*crs.gcj02_to_bd09(*KUNMING_GCJ), *KUNMING_BD) < 0.05
    assert metres(*crs.bd09_to_gcj02(*KUNMING_BD), *KUNMING_GCJ) < 0.05
    # GCJ-02 in Kunming is ~300 m from WGS-84
    assert 250 < metres(*KUNMING_WGS, *KUNMING_GCJ) < 400


def test_reference_pair_agrees_with_a_second_library():
    evil = pytest.importorskip("eviltransform", reason="eviltransform (test extra) is missing")
    lat, lon = evil.wgs2gcj(KUNMING_WGS[1], KUNMING_WGS[0])
    assert metres(*crs.wgs84_to_gcj02(*KUNMING_WGS), lon, lat) < 1.0
    lat, lon = evil.wgs2bd(KUNMING_WGS[1], KUNMING_WGS[0])
    assert metres(*crs.wgs84_to_bd09(*KUNMING_WGS), lon, lat) < 1.0
    # and on the whole grid
    glon, glat = yunnan_grid(20, 20)
    ours = crs.wgs84_to_gcj02_array(glon, glat)
    theirs = np.array([evil.wgs2gcj(b, a) for a, b in zip(glon, glat)])
    assert metres(ours[0], ours[1], theirs[:, 1], theirs[:, 0]).max() < 1.0


def test_outside_china_gcj02_equals_wgs84():
    for lon, lat in [(2.35, 48.85), (-74.0, 40.7), (151.2, -33.9)]:
        assert crs.wgs84_to_gcj02(lon, lat) == (lon, lat)
        assert crs.gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_convert_dispatches_and_identity():
    assert crs.convert(*KUNMING_WGS, "wgs84", "wgs84") == KUNMING_WGS
    assert crs.convert(*KUNMING_WGS, "wgs84", "gcj02") == crs.wgs84_to_gcj02(*KUNMING_WGS)
    assert crs.convert(*KUNMING_BD, "BD09", "wgs84") == crs.bd09_to_wgs84(*KUNMING_BD)
    assert crs.SYSTEMS == ("wgs84", "gcj02", "bd09")


@pytest.mark.parametrize("src,dst,bad", [("wgs", "gcj02", "wgs"),
                                         ("wgs84", "epsg:3857", "epsg:3857"),
                                         ("gcj02", None, "None")])
def test_convert_rejects_unknown_system(src, dst, bad):
    with pytest.raises(ValueError, match=bad):
        crs.convert(102.7, 25.0, src, dst)
    with pytest.raises(ValueError, match=bad):
        crs.convert_array([102.7], [25.0], src, dst)
    with pytest.raises(ValueError, match=bad):
        crs.shift_geometry(shapely.Point(102.7, 25.0), src, dst)


@pytest.mark.parametrize("name", ["wgs84_to_gcj02", "gcj02_to_wgs84", "wgs84_to_bd09",
                                  "bd09_to_wgs84", "gcj02_to_bd09", "bd09_to_gcj02"])
def test_vectorised_equals_scalar(name):
    scalar = getattr(crs, name)
    vector = getattr(crs, f"{name}_array")
    lon, lat = yunnan_grid(7, 6)
    lon = np.append(lon, 2.35)           # one point outside China
    lat = np.append(lat, 48.85)
    vx, vy = vector(lon, lat)
    expected = np.array([scalar(a, b) for a, b in zip(lon, lat)])
    np.testing.assert_array_equal(vx, expected[:, 0])
    np.testing.assert_array_equal(vy, expected[:, 1])
    # shape preserved
    gx, gy = vector(lon.reshape(-1, 1), lat.reshape(-1, 1))
    assert gx.shape == gy.shape == (lon.size, 1)


def test_shift_geometry_moves_every_vertex_and_keeps_shared_edges():
    a = shapely.Polygon([(102.0, 25.0), (102.5, 25.0), (102.5, 25.5), (102.0, 25.5)])
    b = shapely.Polygon([(102.5, 25.0), (103.0, 25.0), (103.0, 25.5), (102.5, 25.5)])
    shifted = crs.shift_geometry(np.array([a, b]), "wgs84", "gcj02")
    assert shapely.coverage_is_valid(shifted)
    coords = shapely.get_coordinates(shifted[0])
    expected = np.array([crs.wgs84_to_gcj02(x, y) for x, y in shapely.get_coordinates(a)])
    np.testing.assert_array_equal(coords, expected)
    back = crs.shift_geometry(shifted, "gcj02", "wgs84")
    assert shapely.equals_exact(back[0], a, tolerance=1e-7)
    assert crs.shift_geometry(a, "wgs84", "wgs84") is a
