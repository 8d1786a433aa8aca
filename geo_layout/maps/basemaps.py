"""The opt-in tile basemaps. ``none`` (the default) is fully offline: the boundaries are the
base. Amap tiles are in GCJ-02, so a map on them shifts its overlays (see :func:`overlay_crs`);
Tianditu (CGCS2000, within centimetres of WGS-84) and OSM need no shift."""

from __future__ import annotations

import re

from ..errors import InvalidParameter

BASEMAPS = ("none", "osm", "tianditu", "amap")
_KEY = re.compile(r"^[A-Za-z0-9]{8,64}$")


def check_basemap(basemap: str, tianditu_key: str = "") -> str:
    if basemap not in BASEMAPS:
        raise InvalidParameter(f"unknown basemap {basemap!r}; basemaps are: {', '.join(BASEMAPS)}")
    if basemap == "tianditu":
        if not tianditu_key:
            raise InvalidParameter("tianditu basemap needs a key")
        if not _KEY.match(tianditu_key):
            raise InvalidParameter("tianditu key must be 8-64 letters or digits")
    return basemap


def overlay_crs(basemap: str) -> str:
    """The coordinate system overlays must be drawn in to line up with the basemap."""
    return "gcj02" if basemap == "amap" else "wgs84"


def tile_layers(basemap: str, tianditu_key: str, lang: str) -> list[dict]:
    """``folium.TileLayer`` keyword arguments, bottom layer first (empty for ``none``)."""
    if basemap == "osm":
        return [dict(tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png", max_zoom=19,
                     attr='&copy; <a href="https://www.openstreetmap.org/copyright">'
                          'OpenStreetMap</a> contributors', name="OpenStreetMap")]
    if basemap == "tianditu":
        def wmts(layer):
            return ("https://t{s}.tianditu.gov.cn/" + layer + "_w/wmts?SERVICE=WMTS"
                    "&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + layer + "&STYLE=default"
                    "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
                    "&tk=" + tianditu_key)
        attr = '&copy; <a href="https://www.tianditu.gov.cn/">天地图</a>'
        labels = "eva" if lang == "en" else "cva"
        return [dict(tiles=wmts("vec"), attr=attr, subdomains="01234567", max_zoom=18,
                     name="Tianditu"),
                dict(tiles=wmts(labels), attr=attr, subdomains="01234567", max_zoom=18,
                     name="Tianditu labels", overlay=True, control=False)]
    if basemap == "amap":
        amap_lang = "en" if lang == "en" else "zh_cn"
        return [dict(tiles="https://webrd0{s}.is.autonavi.com/appmaptile?lang=" + amap_lang
                           + "&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
                     attr='&copy; <a href="https://www.amap.com/">高德地图 Amap</a>',
                     subdomains="1234", max_zoom=18, name="Amap")]
    return []
