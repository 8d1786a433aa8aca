"""The tile basemaps. ``none`` (the default) is fully offline: the boundaries are the base.
Amap tiles are in GCJ-02, so a map on them shifts its overlays (see :func:`overlay_crs`);
Tianditu (CGCS2000, within centimetres of WGS-84) and OSM need no shift. ``local`` is the
deployment's own tile service (:class:`LocalTiles`: an intranet XYZ server or the MBTiles file
the app serves), in the coordinate system the deployment says its tiles use.

Tiles never hold up a page: the map adds its tile layer once the page has loaded and says so
on the map when the tiles cannot be loaded (``static/js/basemap.js``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from ..errors import InvalidParameter

BASEMAPS = ("none", "osm", "tianditu", "amap", "local")
TILE_CRS = ("wgs84", "gcj02")
MAX_ZOOM = 18
_KEY = re.compile(r"^[A-Za-z0-9]{8,64}$")


@dataclass(frozen=True)
class LocalTiles:
    """The deployment's own tiles: an XYZ ``url`` template (``{z}``, ``{x}``, ``{y}``; absolute,
    or a path on the app's origin), a plain-text ``attribution``, the coordinate system the
    tiles are drawn in (``wgs84`` or ``gcj02``) and their zoom range."""

    url: str
    attribution: str = ""
    crs: str = "wgs84"
    min_zoom: int = 0
    max_zoom: int = 18

    def __post_init__(self):
        if not all(part in self.url for part in ("{z}", "{x}", "{y}")):
            raise InvalidParameter(f"tile URL template needs {{z}}, {{x}} and {{y}}: {self.url!r}")
        if not re.match(r"^(https?://|/)", self.url):
            raise InvalidParameter(f"tile URL must start with http://, https:// or /: {self.url!r}")
        if self.crs not in TILE_CRS:
            raise InvalidParameter(f"tile crs must be one of {', '.join(TILE_CRS)}, "
                                   f"not {self.crs!r}")


def check_basemap(basemap: str, tianditu_key: str = "", local_tiles: LocalTiles | None = None
                  ) -> str:
    if basemap not in BASEMAPS:
        raise InvalidParameter(f"unknown basemap {basemap!r}; basemaps are: {', '.join(BASEMAPS)}")
    if basemap == "tianditu":
        if not tianditu_key:
            raise InvalidParameter("tianditu basemap needs a key")
        if not _KEY.match(tianditu_key):
            raise InvalidParameter("tianditu key must be 8-64 letters or digits")
    if basemap == "local" and local_tiles is None:
        raise InvalidParameter("local basemap needs a tile service (local_tiles)")
    return basemap


def overlay_crs(basemap: str, local_tiles: LocalTiles | None = None) -> str:
    """The coordinate system overlays must be drawn in to line up with the basemap."""
    if basemap == "local" and local_tiles is not None:
        return local_tiles.crs
    return "gcj02" if basemap == "amap" else "wgs84"


def tile_layers(basemap: str, tianditu_key: str, lang: str,
                local_tiles: LocalTiles | None = None) -> list[dict]:
    """Leaflet ``L.tileLayer`` arguments (``url`` and ``options``), bottom layer first (empty
    for ``none``)."""
    if basemap == "osm":
        return [_layer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", max_zoom=19,
                       attr='&copy; <a href="https://www.openstreetmap.org/copyright">'
                            'OpenStreetMap</a> contributors')]
    if basemap == "tianditu":
        def wmts(layer):
            return ("https://t{s}.tianditu.gov.cn/" + layer + "_w/wmts?SERVICE=WMTS"
                    "&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + layer + "&STYLE=default"
                    "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
                    "&tk=" + tianditu_key)
        attr = '&copy; <a href="https://www.tianditu.gov.cn/">天地图</a>'
        labels = "eva" if lang == "en" else "cva"
        return [_layer(wmts("vec"), attr=attr, subdomains="01234567", max_zoom=18),
                _layer(wmts(labels), attr="", subdomains="01234567", max_zoom=18)]
    if basemap == "amap":
        amap_lang = "en" if lang == "en" else "zh_cn"
        return [_layer("https://webrd0{s}.is.autonavi.com/appmaptile?lang=" + amap_lang
                       + "&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
                       attr='&copy; <a href="https://www.amap.com/">高德地图 Amap</a>',
                       subdomains="1234", max_zoom=18)]
    if basemap == "local" and local_tiles is not None:
        return [_layer(local_tiles.url, attr=escape(local_tiles.attribution),
                       min_zoom=local_tiles.min_zoom, max_zoom=local_tiles.max_zoom)]
    return []


def _layer(url: str, *, attr: str, max_zoom: int, min_zoom: int = 0,
           subdomains: str | None = None) -> dict:
    # shown up to the map's own maximum zoom, enlarged past the source's
    options = {"attribution": attr, "maxZoom": MAX_ZOOM, "maxNativeZoom": max_zoom}
    if min_zoom:
        options["minNativeZoom"] = min_zoom
    if subdomains:
        options["subdomains"] = subdomains
    return {"url": url, "options": options}
