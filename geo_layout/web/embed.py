"""``/embed/<map path>``: the site's maps without the site around them, for other people's
``<iframe>``s. Framing is allowed here only (see :mod:`.framing`).

Parameters: ``lang`` (zh|en), ``basemap``, ``layers`` (comma list of layer ids), the view
(``bbox=w,s,e,n`` or ``center=lat,lon&zoom=z``), ``legend`` (0|1) and, on the parks and sites
maps, the parks-directory filters, all read by :func:`geo_layout.maps.request.parse`. A bad
value is a 400 page naming the parameter; an unknown id a 404. Each embed carries a small "open full map" link to the same view on the site."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from ..maps.request import MAP_FILTERS, VIEW_PARAMS
from . import as_of, framing, params
from .caching import conditional
from .i18n import t
from .plans import site_root

bp = Blueprint("embed", __name__, url_prefix="/embed")
PLACE_MAPS = ("maps/parks", "maps/sites")
#: The filters the embed panel carries from a page's URL into its snippet (parks and sites).
PANEL_FILTERS = tuple(sorted(MAP_FILTERS))


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

    req = params.map_request(map_path)
    options = dict(req.options(), asset_base=site_root() + "/assets",
                   link_base=request.script_root)

    store = as_of.requested_store()  # ?as_of=: that day's data (web/as_of.py)
    note = as_of.note()

    def build() -> Response:
        m = map_for_path(store, map_path, filters=req.filters, **options)
        return Response(embed_document(m, _full_map_url(map_path, req.lang), note),
                        content_type="text/html; charset=utf-8")

    return conditional(build)


def embed_document(m, full_url: str, note: dict | None = None) -> str:
    """The map's document plus what an embed needs: links that open outside the frame, the
    "open full map" link, embed.js (keeps that link on the current view) and, for a past
    day's data (``note``: :func:`.as_of.note`), which day it shows."""
    from ..maps import render_document
    from ..maps.assets import APP, asset_url

    lang = getattr(m, "lang", "zh")
    head = ('<base target="_blank">\n<style>'
            ".gl-open-full{position:absolute;z-index:1000;left:54px;top:10px;padding:3px 9px;"
            "border-radius:4px;background:rgba(255,255,255,.9);color:#0b4f8a;font:13px/1.6 "
            "system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)}"
            ".gl-open-full:focus{outline:3px solid #0b4f8a;outline-offset:1px}</style>\n"
            f'<script src="{escape(asset_url(site_root() + "/assets", APP, "js/embed.js"))}" '
            'defer></script>\n')
    link = (f'<a class="gl-open-full" href="{escape(full_url)}" target="_blank" '
            f'rel="noopener">{escape(t("embed.open_full", lang))} ↗</a>\n')
    if note is not None:
        head = head.replace("</style>", ".gl-as-of{position:absolute;z-index:1000;left:54px;"
                            "top:40px;padding:3px 9px;border-radius:4px;background:#fff8d6;"
                            "color:#3d3000;font:13px/1.6 system-ui,sans-serif;box-shadow:0 1px "
                            "4px rgba(0,0,0,.3)}</style>", 1)
        link += f'<p class="gl-as-of">{escape(as_of_words(note, lang))}</p>\n'
    document = render_document(m)
    document = document.replace("</head>", head + "</head>", 1)
    return document.replace("</body>", link + "</body>", 1)


def as_of_words(note: dict, lang: str) -> str:
    """The one line saying which day's data a past view shows (or that there is no history)."""
    key = "as_of.note" if note["history"] else "as_of.no_history"
    return t(key, lang, date=note["date"])


def _full_map_url(map_path: str, lang: str) -> str:
    """The same map on the site, with the embed's language, basemap, view and filters."""
    path = f"{request.script_root}/{map_path}"  # the plan's prefix: see plans.py
    keep = {"lang": lang}
    if map_path == "maps/layout" and request.args.get("as_of"):
        keep["as_of"] = request.args["as_of"]  # that page shows the same day
    for name in ("basemap", *VIEW_PARAMS, *(PANEL_FILTERS if map_path in PLACE_MAPS else ())):
        value = request.args.get(name)
        if value:
            keep[name] = value
    return f"{path}?{urlencode(keep)}"
