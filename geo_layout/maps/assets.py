"""Where a map's JavaScript and CSS come from: the app's own origin only.

Leaflet and Leaflet.markercluster are the XStatic packages' files; our controls and marker
styles are the app's static files. Each map and plugin *instance* gets its own lists (folium
keeps its CDN defaults on the class, and changing those would leak into every later map)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

#: URL prefix under ``asset_base`` -> what it serves (see :func:`asset_dirs`).
LEAFLET = "leaflet"
MARKERCLUSTER = "markercluster"
APP = "app"


def asset_dirs() -> dict[str, Path]:
    """The folders behind ``<asset_base>/<prefix>/``; read on call, not at import."""
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    return {
        LEAFLET: Path(xstatic.pkg.leaflet.BASE_DIR),
        MARKERCLUSTER: Path(xstatic.pkg.leaflet_markercluster.BASE_DIR),
        APP: Path(__file__).resolve().parent.parent / "web" / "static",
    }


@lru_cache(maxsize=None)
def _fingerprint(prefix: str, path: str) -> str:
    """A short content hash, so long-cached files still change when they change."""
    data = (asset_dirs()[prefix] / path).read_bytes()
    return hashlib.sha256(data).hexdigest()[:10]


def asset_url(asset_base: str, prefix: str, path: str) -> str:
    return f"{asset_base.rstrip('/')}/{prefix}/{path}?v={_fingerprint(prefix, path)}"


def map_js(asset_base: str) -> list[tuple[str, str]]:
    return [("leaflet", asset_url(asset_base, LEAFLET, "leaflet.js")),
            ("geo_layout_controls", asset_url(asset_base, APP, "js/controls.js"))]


def map_css(asset_base: str) -> list[tuple[str, str]]:
    return [("leaflet_css", asset_url(asset_base, LEAFLET, "leaflet.css")),
            ("geo_layout_map_css", asset_url(asset_base, APP, "css/map.css"))]


def cluster_js(asset_base: str) -> list[tuple[str, str]]:
    return [("markerclusterjs", asset_url(asset_base, MARKERCLUSTER, "leaflet.markercluster.js"))]


def cluster_css(asset_base: str) -> list[tuple[str, str]]:
    return [("markerclustercss", asset_url(asset_base, MARKERCLUSTER, "MarkerCluster.css")),
            ("markerclusterdefaultcss",
             asset_url(asset_base, MARKERCLUSTER, "MarkerCluster.Default.css"))]
