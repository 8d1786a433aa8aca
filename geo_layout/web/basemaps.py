"""The basemaps of this deployment, read once from its settings, and the one a request gets.

Settings (:mod:`geo_layout.config`): ``BASEMAP`` (the default), ``TIANDITU_KEY``, and the
deployment's own tiles for networks without internet, ``TILE_URL`` (+ ``TILE_ATTRIBUTION``,
``TILE_CRS``) or ``MBTILES`` (served by :mod:`.tiles`), either of which offers basemap
``local``. A setting that cannot work stops the app at start-up, not each map at request time.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, request

from ..errors import InvalidParameter

EXTENSION = "geo_layout_basemaps"
#: The URL template of the MBTiles file's tiles (see :mod:`.tiles`); ``ext`` is its format.
MBTILES_URL = "/tiles/{z}/{x}/{y}.{ext}"


@dataclass(frozen=True)
class Basemaps:
    default: str
    tianditu_key: str
    local: object | None      # maps.basemaps.LocalTiles
    mbtiles: object | None    # data.mbtiles.MBTiles

    def available(self) -> list[str]:
        """The basemaps a reader may choose here (Tianditu with a key, ``local`` when set)."""
        from ..maps.basemaps import BASEMAPS

        return [b for b in BASEMAPS if (b != "tianditu" or self.tianditu_key)
                and (b != "local" or self.local is not None)]


def load(settings: dict) -> Basemaps:
    """The deployment's basemaps; ValueError naming the setting when one cannot work."""
    from ..data.mbtiles import MBTiles, MBTilesError
    from ..maps.basemaps import BASEMAPS, LocalTiles, check_basemap

    key = settings.get("TIANDITU_KEY") or ""
    url, path = settings.get("TILE_URL") or "", settings.get("MBTILES") or ""
    if url and path:
        raise ValueError("set GEO_LAYOUT_TILE_URL or GEO_LAYOUT_MBTILES, not both")
    mbtiles = local = None
    try:
        if path:
            mbtiles = MBTiles(path)
            local = LocalTiles(MBTILES_URL.replace("{ext}", mbtiles.format),
                               settings.get("TILE_ATTRIBUTION") or mbtiles.attribution,
                               settings.get("TILE_CRS") or "wgs84",
                               mbtiles.min_zoom, mbtiles.max_zoom)
        elif url:
            local = LocalTiles(url, settings.get("TILE_ATTRIBUTION") or "",
                               settings.get("TILE_CRS") or "wgs84")
        default = settings.get("BASEMAP") or "none"
        check_basemap(default, key, local)
    except MBTilesError as exc:
        raise ValueError(f"GEO_LAYOUT_MBTILES: {exc}") from None
    except InvalidParameter as exc:
        raise ValueError(f"basemap settings (GEO_LAYOUT_BASEMAP, GEO_LAYOUT_TILE_*, "
                         f"GEO_LAYOUT_TIANDITU_KEY; basemaps: {', '.join(BASEMAPS)}): "
                         f"{exc.description}") from None
    return Basemaps(default, key, local, mbtiles)


def register(app) -> None:
    app.extensions[EXTENSION] = load(app.config["GEO_LAYOUT"])


def current() -> Basemaps:
    return current_app.extensions[EXTENSION]


def chosen() -> str:
    """``?basemap=`` or the deployment's default, by the one map-request rule
    (:func:`geo_layout.maps.request.parse_basemap`)."""
    from ..maps.request import parse_basemap

    here = current()
    return parse_basemap(request.args.get("basemap"), here.tianditu_key, here.default,
                         here.local)


def requested() -> str | None:
    """The basemap the request gets, or None when it is not a valid one (for headers)."""
    try:
        return chosen()
    except InvalidParameter:
        return None
