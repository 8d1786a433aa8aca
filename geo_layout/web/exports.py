"""``/export/<map path>.png|.svg|.pdf``: the service's maps as files for documents.

Options: ``lang``, ``size`` (a3|a4|a5|slide), ``orientation``, ``dpi`` (96-600), ``bbox``
(w,s,e,n: the view a page's map shows, which its export panel sends), and for the parks and
sites maps the parks-directory filters (the map then shows the selection and its footer names
the filters). ``parks/<id>`` is a park's or site's map. The file name says what it holds
(map, language, size, orientation; dpi for PNG), so exports of one map do not overwrite each
other. ``APPROVAL_NUMBER`` (审图号), when configured, is printed on every static export.
``.html`` is the interactive map as one standalone file (every asset inlined, opens offline;
``lang`` and the filters apply, popup links point back at this server). ``as_of=YYYY-MM-DD``
(the progress map's date) draws the data as it was on that date."""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, request

from ..data.writers import file_prefix
from ..errors import NotFound
from ..maps import static_style as style
from ..maps.static_export import render_static
from . import params
from .caching import cached_view
from .as_of import requested_date, requested_store

bp = Blueprint("exports", __name__, url_prefix="/export")
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
               "html": "text/html; charset=utf-8"}


@bp.get("/<path:map_path>.<fmt>")
@cached_view
def export(map_path: str, fmt: str):
    if fmt not in MEDIA_TYPES:
        raise NotFound(f"no export format {fmt!r}; exports are "
                       "/export/<map path>.png|.svg|.pdf|.html")
    lang = params.lang()
    if fmt == "html":
        return _standalone(map_path, lang)
    size = request.args.get("size", "a4")
    orientation = request.args.get("orientation", "landscape")
    dpi = params.integer("dpi", request.args.get("dpi"), low=style.DPI_MIN, high=style.DPI_MAX,
                         default=150)
    req = params.map_request(map_path)  # the one parser: filters (names resolved) and view
    filters = req.filters
    # a static file shows an extent: ``bbox`` (a centre/zoom view has no extent of its own)
    view = req.view if isinstance(req.view, tuple) else None
    as_of = requested_date()  # the progress map's date; the data as it was then
    store = requested_store()
    with _queue().slot():
        body = render_static(store, map_path, fmt=fmt, lang=lang, size=size,
                             orientation=orientation, dpi=dpi, filters=filters, view=view,
                             approval=approval_number(), as_of=as_of)
    parts = [file_prefix(store.plan()), _slug(map_path), *filters.values(),
             *([as_of.isoformat()] if as_of else []), lang, size,
             orientation] + ([f"{dpi}dpi"] if fmt == "png" else [])
    filename = "-".join(_safe(p) for p in parts if _safe(p)) + f".{fmt}"
    return Response(body, headers={"Content-Type": MEDIA_TYPES[fmt],
                                   "Content-Disposition": f'attachment; filename="{filename}"'})


def approval_number() -> str:
    """The deployment's map approval number (审图号), or "" when it has none."""
    return str(current_app.config["GEO_LAYOUT"].get("APPROVAL_NUMBER") or "").strip()


@bp.app_context_processor
def _approval_context() -> dict:
    """Pages print the approval number under their maps, as the exports do."""
    return {"approval_number": approval_number()}


def _safe(text: str) -> str:
    """A file-name piece: ASCII letters, digits and dashes only (no quoting in the header)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", str(text)).strip("-")[:40]


def _standalone(map_path: str, lang: str) -> Response:
    from ..maps.by_path import map_for_path
    from ..maps.standalone import standalone_html

    path = map_path.strip("/")
    req = params.map_request(path)  # the same view, layers, legend and filters as on screen
    as_of = requested_date()
    store = requested_store()
    with _queue().slot():
        m = map_for_path(store, path, filters=req.filters, **req.options(), as_of=as_of,
                         standalone=True, link_base=request.url_root.rstrip("/"))
        body = standalone_html(m).encode("utf-8")
    dated = f"-{as_of.isoformat()}" if as_of else ""
    filename = f"{file_prefix(store.plan())}-{_slug(map_path)}{dated}-{lang}.html"
    return Response(body, headers={"Content-Type": MEDIA_TYPES["html"],
                                   "Content-Disposition": f'attachment; filename="{filename}"'})


def _queue():
    return current_app.extensions["geo_layout.export_queue"]


def _slug(map_path: str) -> str:
    """"maps/layout" -> "layout", "elements/core" -> "element-core",
    "prefectures/<adcode>" -> "prefecture-<adcode>"; the overview ("") is the layout."""
    path = map_path.strip("/")
    if path in ("", "maps/layout"):
        return "layout"
    head, _, rest = path.partition("/")
    if head == "maps":
        return rest
    return f"{head.rstrip('s')}-{rest}".replace("/", "-")
