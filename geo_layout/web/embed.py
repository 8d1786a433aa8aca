"""``/embed/<map path>``: the site's maps without the site around them, for other people's
``<iframe>``s. Framing is allowed here only (see :mod:`.framing`).

Parameters: ``lang`` (zh|en), ``basemap``, ``layers`` (comma list of layer ids), the view
(``bbox=w,s,e,n`` or ``center=lat,lon&zoom=z``), ``legend`` (0|1) and, on the parks and sites
maps, the parks-directory filters. A bad value is a 400 page naming the parameter; an unknown
id a 404. Each embed carries a small "open full map" link to the same view on the site."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from ..data.store import FILTERS
from ..errors import InvalidParameter
from . import basemaps, framing, params
from .caching import conditional
from .i18n import t
from .state import current_store

bp = Blueprint("embed", __name__, url_prefix="/embed")
PLACE_MAPS = ("maps/parks", "maps/sites")
VIEW_PARAMS = ("bbox", "center", "zoom")
MAX_ZOOM = 18
MAX_LAYER_CHARS = 300
#: The filters the embed panel carries from a page's URL into its snippet (parks and sites).
PANEL_FILTERS = tuple(sorted(FILTERS["parks"]))


@bp.record_once
def _check_frame_ancestors(state) -> None:
    """A bad ``FRAME_ANCESTORS`` stops the app at start-up, not every embed at request time."""
    framing.allowed_ancestors(state.app.config["GEO_LAYOUT"].get("FRAME_ANCESTORS"))


@bp.app_context_processor
def _panel_context() -> dict:
    return {"embed_filter_names": PANEL_FILTERS}


@bp.get("/", defaults={"map_path": ""})
@bp.get("/maps/layout", defaults={"map_path": "maps/layout"})
@bp.get("/maps/parks", defaults={"map_path": "maps/parks"})
@bp.get("/maps/sites", defaults={"map_path": "maps/sites"})
def site_map(map_path: str):
    return _embed(map_path)


@bp.get("/elements/<id>")
def element(id: str):  # noqa: A002 - the route parameter is named as in the contract
    return _embed(f"elements/{id}")


@bp.get("/prefectures/<adcode>")
def prefecture(adcode: str):
    return _embed(f"prefectures/{adcode}")


@bp.get("/parks/<id>")
def place(id: str):  # noqa: A002 - the route parameter is named as in the contract
    return _embed(f"parks/{id}")


def _embed(map_path: str) -> Response:
    from ..maps.by_path import map_for_path

    lang = _lang()
    options = dict(lang=lang, layers=layer_list(), view=_view(), legend=_legend(),
                   asset_base="/assets", link_base="", **basemaps.map_options())
    filters = params.filters(map_path.split("/")[1]) if map_path in PLACE_MAPS else {}

    def build() -> Response:
        m = map_for_path(current_store(), map_path, filters=filters, **options)
        return Response(embed_document(m, _full_map_url(map_path, lang)),
                        content_type="text/html; charset=utf-8")

    return conditional(build)


def embed_document(m, full_url: str) -> str:
    """The map's document plus what an embed needs: links that open outside the frame, the
    "open full map" link, and embed.js (keeps that link on the current view)."""
    from ..maps import render_document
    from ..maps.assets import APP, asset_url

    lang = getattr(m, "lang", "zh")
    head = ('<base target="_blank">\n<style>'
            ".gl-open-full{position:absolute;z-index:1000;left:54px;top:10px;padding:3px 9px;"
            "border-radius:4px;background:rgba(255,255,255,.9);color:#0b4f8a;font:13px/1.6 "
            "system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
            ".gl-open-full:focus{outline:3px solid #0b4f8a;outline-offset:1px}</style>\n"
            f'<script src="{escape(asset_url("/assets", APP, "js/embed.js"))}" defer></script>\n')
    link = (f'<a class="gl-open-full" href="{escape(full_url)}" target="_blank" '
            f'rel="noopener">{escape(t("embed.open_full", lang))} ↗</a>\n')
    document = render_document(m)
    document = document.replace("</head>", head + "</head>", 1)
    return document.replace("</body>", link + "</body>", 1)


def _full_map_url(map_path: str, lang: str) -> str:
    """The same map on the site, with the embed's language, basemap, view and filters."""
    path = "/" + map_path if map_path else "/"
    keep = {"lang": lang}
    for name in ("basemap", *VIEW_PARAMS, *(PANEL_FILTERS if map_path in PLACE_MAPS else ())):
        value = request.args.get(name)
        if value:
            keep[name] = value
    return f"{path}?{urlencode(keep)}"


# --- parameters --------------------------------------------------------------------------

def _lang() -> str:
    value = request.args.get("lang", "zh") or "zh"
    if value not in params.LANGS:
        raise InvalidParameter(key="error.one_of", name="lang", allowed=", ".join(params.LANGS),
                               got=value[:20])
    return value


def layer_list() -> list[str] | None:
    """``layers=a,b``: the ids of the layers to show (None: all); map pages read it too."""
    value = request.args.get("layers")
    if value is None:
        return None
    if len(value) > MAX_LAYER_CHARS:
        raise InvalidParameter(key="error.too_long", name="layers", cap=MAX_LAYER_CHARS)
    return [x.strip() for x in value.split(",") if x.strip()]


def _legend() -> bool:
    value = request.args.get("legend", "1")
    if value not in ("0", "1", ""):
        raise InvalidParameter(key="error.zero_or_one", name="legend", got=value[:20])
    return value != "0"


def _view():
    """``bbox=w,s,e,n`` or ``center=lat,lon`` with ``zoom`` (1-18); not both."""
    bbox = params.bbox(request.args.get("bbox"))
    center, zoom = request.args.get("center"), request.args.get("zoom")
    if bbox is not None:
        if center or zoom:
            raise InvalidParameter(key="error.bbox_and_center")
        west, south, east, north = bbox
        if west == east or south == north:
            raise InvalidParameter(key="error.bbox_empty")
        return bbox
    if not center and not zoom:
        return None
    if not center or not zoom:
        raise InvalidParameter(key="error.center_and_zoom")
    parts = center.split(",")
    if len(parts) != 2:
        raise InvalidParameter(key="error.center_two")
    lat = params.number("center", parts[0].strip(), low=-90, high=90)
    lon = params.number("center", parts[1].strip(), low=-180, high=180)
    if lat is None or lon is None:
        raise InvalidParameter(key="error.center_two")
    return {"center": (lat, lon),
            "zoom": params.integer("zoom", zoom, low=1, high=MAX_ZOOM)}
