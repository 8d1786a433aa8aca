"""The progress map: ``/maps/progress`` (the page, with its date slider and text version) and
``/embed/progress`` (alias ``/embed/maps/progress``: the map alone, for iframes). Both honour
``?as_of=YYYY-MM-DD``: the data as it was on that date (:mod:`.as_of`), a bad date a 400.
Its static exports are the other maps' (``/export/maps/progress.png|.svg|.pdf|.html``)."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request

from . import links, params
from .as_of import requested_date, requested_store
from .caching import cached_view, conditional
from .embed import embed_document
from .plans import site_root
from .views.map_panel import map_context
from .views.progress_map import progress_text, slider

bp = Blueprint("progress_map", __name__)
MAP_PATH = "maps/progress"
#: Query parameters the slider's form and the embed's "open full map" link keep.
KEPT = ("lang", "basemap", "layers", "legend", "bbox", "center", "zoom")


def _build(store, as_of, req, **where):
    from ..data.progress_areas import progress_areas
    from ..maps.progress_map import progress_map

    areas = progress_areas(store, as_of)
    return progress_map(store, as_of=as_of, areas=areas, **req.options(), **where), areas


@bp.get("/maps/progress")
@cached_view
def page():
    from ..maps import map_parts

    req = params.map_request(MAP_PATH)
    as_of = requested_date()
    store = requested_store()
    m, areas = _build(store, as_of, req, asset_base=links.asset_base(),
                      link_base=links.site_root())
    context = map_context(req.lang, MAP_PATH)
    context["export_urls"] = [(fmt, _with_as_of(url, as_of))
                              for fmt, url in context["export_urls"]]
    context["embed_url"] = _with_as_of(context["embed_url"], as_of)
    return render_template(
        "progress_map.html", parts=map_parts(m), as_of=as_of,
        slider=slider(store, as_of, req.lang), text=progress_text(areas, req.lang),
        unmarked=m.unmarked,
        slider_kept=[(k, v) for k, v in request.args.items(multi=True) if k in KEPT],
        **context)


@bp.get("/embed/maps/progress")
@bp.get("/embed/progress")  # registered first: the one url_for builds (the path)
def embed():
    req = params.map_request(MAP_PATH)
    as_of = requested_date()

    def build() -> Response:
        m, _ = _build(requested_store(), as_of, req, asset_base=site_root() + "/assets",
                      link_base=request.script_root)
        return Response(embed_document(m, _full_map_url()),
                        content_type="text/html; charset=utf-8")

    return conditional(build)


def _with_as_of(url: str, as_of) -> str:
    if as_of is None:
        return url
    return url + ("&" if "?" in url else "?") + urlencode({"as_of": as_of.isoformat()})


def _full_map_url() -> str:
    """The page of the embedded map, with its language, view and date."""
    keep = {k: v for k, v in request.args.items() if k in (*KEPT, "as_of") and v}
    keep.setdefault("lang", "zh")
    return f"{request.script_root}/{MAP_PATH}?{urlencode(keep)}"
