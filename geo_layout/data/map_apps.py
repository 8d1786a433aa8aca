"""Handing a point over to the map apps people use in China: the text to paste into each
app's coordinate search and a link that opens the app's web map on the point, each in the
coordinate system that app expects (the page and the map popups both use this module).

- Amap (高德) and Tencent take GCJ-02 and write points "lng,lat"; the Amap URI
  (``uri.amap.com/marker``) takes ``position=lng,lat`` with ``coordinate=gaode`` (GCJ-02).
- Baidu takes BD-09, "lng,lat" in its coordinate picker; its URI
  (``api.map.baidu.com/marker``) takes ``location=lat,lng`` and says the system with
  ``coord_type=bd09ll`` (without it Baidu assumes BD-09 anyway; said for clarity).
- Tianditu (天地图) uses CGCS2000, within centimetres of WGS-84, so the stored point goes as it
  is. Tianditu documents no link format for its web map; the link carries the two forms in
  use (``lon``/``lat``/``level`` and ``center``/``zoom``) and the point is also given as text.
- GPS devices and Google / OpenStreetMap take WGS-84; they are offered "lat, lon" (the order
  those apps show), labelled as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from . import crs

#: Decimal places of a handed-over coordinate (~0.1 m; the point is never that precise, but
#: rounding further would move it in the other app).
DIGITS = 6
#: Who is asking, as the URIs' ``src`` parameter wants (Baidu: webapp.company.app).
SOURCE = "webapp.geo_layout.map"


@dataclass(frozen=True)
class Handoff:
    """One map app's view of a point: ``app`` ("amap", "baidu", "tianditu", "gps"), its
    coordinate system, the text to copy (``order`` "lng,lat" or "lat, lng") and the link that
    opens the app on the point (None for GPS)."""

    app: str
    system: str
    lon: float
    lat: float
    text: str
    order: str
    url: str | None


def _query(params: dict) -> str:
    """A query string that keeps the commas of "lng,lat" readable."""
    return urlencode(params, safe=",")


def _fmt(value: float) -> str:
    return f"{value:.{DIGITS}f}"


def handoffs(lon: float, lat: float, name: str, zoom: int = 13) -> list[Handoff]:
    """The point (WGS-84 ``lon``, ``lat``) for Amap, Baidu, Tianditu and GPS, in that order.
    ``name`` labels the marker in the apps that show one; ``zoom`` is the starting zoom."""
    glon, glat = crs.convert(lon, lat, "wgs84", "gcj02")
    blon, blat = crs.convert(lon, lat, "wgs84", "bd09")
    amap = "https://uri.amap.com/marker?" + _query({
        "position": f"{_fmt(glon)},{_fmt(glat)}", "name": name, "src": SOURCE,
        "coordinate": "gaode", "callnative": "0"})
    baidu = "https://api.map.baidu.com/marker?" + _query({
        "location": f"{_fmt(blat)},{_fmt(blon)}", "title": name, "content": name,
        "coord_type": "bd09ll", "zoom": str(zoom), "output": "html", "src": SOURCE})
    tianditu = "https://map.tianditu.gov.cn/?" + _query({
        "lon": _fmt(lon), "lat": _fmt(lat), "level": str(zoom),
        "center": f"{_fmt(lon)},{_fmt(lat)}", "zoom": str(zoom)})
    return [
        Handoff("amap", "gcj02", glon, glat, f"{_fmt(glon)},{_fmt(glat)}", "lng,lat", amap),
        Handoff("baidu", "bd09", blon, blat, f"{_fmt(blon)},{_fmt(blat)}", "lng,lat", baidu),
        Handoff("tianditu", "wgs84", lon, lat, f"{_fmt(lon)},{_fmt(lat)}", "lng,lat", tianditu),
        Handoff("gps", "wgs84", lon, lat, f"{_fmt(lat)}, {_fmt(lon)}", "lat, lng", None),
    ]
