"""Drawing an area: ``GET/POST /edit/<collection>/<id>/area`` lets an editor of the plan give a
park, site or layout element its boundary — drawn on a map (``static/js/area_draw.js``),
pasted as GeoJSON (the keyboard path) or uploaded (GeoJSON, KML, GeoPackage, zipped
Shapefile: :mod:`geo_layout.data.area_files`) — or remove it (back to the county stand-in).

A save is a replacement of the stored record with its ``area`` and ``area_source`` set, through
the store (the one validator, a revision with its source). The form carries the version the
editor saw: a stale one is a conflict that shows the boundary as it is now beside the editor's
own, to redo. The page holds a CSRF token, so it is built for its editor alone and never cached.
"""

from __future__ import annotations

import json

from flask import (Blueprint, Response, make_response, redirect, render_template, request,
                   url_for)

from ..data.area_files import MAX_AREA_BYTES, read_area_file
from ..data.areas import AreaProblem, as_geojson, geometry_of, normalised
from ..data.provenance import MAX_REFERENCE_CHARS, SOURCE_KINDS
from ..errors import (BadRequest, InvalidParameter, InvalidRecord, NotFound,
                      PreconditionFailed, ReadOnly)
from ..maps.assets import LEAFLET, asset_url
from . import links, params
from .auth import require_editor, sign_in_first
from .change_form import form_source
from .history import record_page
from .i18n import t
from .ogc_write import rate_limit
from .plans import current_plan_id
from .state import current_store
from .views.areas import source_said

bp = Blueprint("areas_edit", __name__)

AREA_COLLECTIONS = ("layout-elements", "parks", "sites")
MAX_ID_CHARS = 120
MAX_COMMENT_CHARS = 2000
#: a pasted GeoJSON text (the form field) is at most this long
MAX_TEXT_CHARS = 2_000_000
PRIVATE = "private, no-store"
#: the drawing script's words (``area.js_<key>``), handed to it with the map's data
JS_TEXTS = ("corners", "ready", "need3", "cleared", "pasted", "unreadable", "fixed")


def area_url(collection: str, fid: str, lang: str = "zh") -> str:
    """The area page of a record: what the record's edit form links to."""
    return url_for("areas_edit.area", collection=collection, id=fid, lang=lang)


def _record(store, collection: str, fid: str):
    if collection not in AREA_COLLECTIONS:
        raise NotFound(key="area.no_collection", got=collection[:80],
                       allowed=", ".join(AREA_COLLECTIONS))
    if len(fid) > MAX_ID_CHARS:
        raise NotFound(key="error.no_record", collection=collection, id=fid[:80],
                       noun=collection)
    if not store.editable:
        raise ReadOnly(key="area.read_only")
    return store.get(collection, fid)  # NotFound naming the record


@bp.route("/edit/<collection>/<id>/area", methods=["GET", "POST"])
def area(collection: str, id: str):  # noqa: A002 - the route parameter's public name
    if request.method == "POST":  # uploads are larger than the app's usual request cap
        request.max_content_length = MAX_AREA_BYTES + 64 * 1024
        request.max_form_memory_size = MAX_TEXT_CHARS * 3
    lang = params.lang()
    store = current_store()
    feature = _record(store, collection, id)
    gone = sign_in_first()
    if gone is not None:
        return gone
    user = require_editor(current_plan_id())
    if request.method == "GET":
        return _page(store, feature, lang)
    rate_limit(user.name)
    form = request.form
    text = form.get("area", "")
    try:
        source = form_source("area.need_source")
        expected = params.integer("version", form.get("version"), low=0, high=2**31)
        if expected is None:
            raise InvalidParameter(key="area.need_version")
        comment = form.get("comment", "").strip()[:MAX_COMMENT_CHARS]
        body = dict(store.stored(collection, id))
        if form.get("action") == "remove":
            if body.get("area") is None:
                raise InvalidParameter(key="area.nothing_to_remove")
            body.pop("area", None)
            body.pop("area_source", None)
        else:
            body["area"] = _drawn(text)
            text = json.dumps(body["area"], ensure_ascii=False)
            body["area_source"] = f"{source.kind}: {source.reference}"
        store.replace(collection, id, body, expected=expected, author=user.name,
                      source=source, comment=comment)
    except PreconditionFailed as stale:  # the form carries the version saved meanwhile
        return _page(store, feature, lang, text=text, status=409, error=t("area.stale", lang),
                     theirs=(stale.current or {}).get("area"),
                     version=int(stale.current_version or 0))
    except InvalidRecord as invalid:
        lines = [f"{p.field}: {p.message}" for p in invalid.problems]
        return _page(store, feature, lang, text=text, status=400, error="; ".join(lines))
    except (BadRequest, NotFound) as refused:
        return _page(store, feature, lang, text=text, status=refused.status,
                     error=refused.text(lang) or refused.description)
    target = record_page(current_store(), collection, id, lang) or area_url(collection, id,
                                                                             lang)
    return redirect(target, 303)


def _drawn(text: str) -> dict:
    """The boundary the form sends, repaired and rounded: an uploaded file first, else the
    GeoJSON text (drawn on the map, or pasted)."""
    upload = request.files.get("file")
    try:
        if upload is not None and upload.filename:
            data = upload.read(MAX_AREA_BYTES + 1)
            return normalised(read_area_file(data, upload.filename))
        if not text.strip():
            raise InvalidParameter(key="area.need_area")
        if len(text) > MAX_TEXT_CHARS:
            raise InvalidParameter(key="error.too_long", name="area", cap=MAX_TEXT_CHARS)
        return normalised(geometry_of(text))
    except AreaProblem as exc:
        raise InvalidParameter(f"area: {exc}") from None


def _context(store, feature) -> tuple[dict | None, dict | None]:
    """What the drawing map shows for bearings: an element's stand-in (the union of its
    prefectures and counties) and the county lines of the prefectures around the record."""
    import shapely

    p = feature.properties
    if feature.collection == "layout-elements":
        members = [store.get("prefectures", c).geometry("low") for c in p.get("prefectures", [])]
        members += [store.get("counties", c["adcode"]).geometry("low")
                    for c in p.get("counties", [])]
        around = set(p.get("prefectures", []))
        around |= {store.get("counties", c["adcode"]).properties["parent"]
                   for c in p.get("counties", [])}
    else:
        members, around = [], {p.get("prefecture")} - {None}
    lines = [shapely.boundary(f.geometry("low")) for f in store.query("counties").features
             if f.properties["parent"] in around]
    return (as_geojson(shapely.union_all(members)) if members else None,
            as_geojson(shapely.union_all(lines)) if lines else None)


def _page(store, feature, lang: str, *, text: str = "", error: str | None = None,
          status: int = 200, theirs=None, version: int | None = None) -> Response:
    collection, fid = feature.collection, feature.id
    p = feature.properties
    context_geom, near = _context(store, feature)
    point = feature.geometry() if collection != "layout-elements" else None
    html = render_template(
        "edit_area.html", name=feature.name(lang), collection=collection, fid=fid,
        area=p.get("area"), area_source=source_said(p.get("area_source"), lang), text=text,
        error=error, theirs=theirs,
        version=store.record_version(collection, fid) if version is None else version,
        map_data={"province": as_geojson(store.province().geometry("coarse")),
                  "standin": context_geom, "counties": near, "area": p.get("area"),
                  "theirs": theirs,
                  "point": [point.y, point.x] if point is not None else None,
                  "texts": {key: t(f"area.js_{key}", lang) for key in JS_TEXTS}},
        record_url=record_page(store, collection, fid, lang),
        history_url=url_for("history.record", collection=collection, id=fid, lang=lang),
        source_kinds=SOURCE_KINDS, max_reference=MAX_REFERENCE_CHARS,
        max_comment=MAX_COMMENT_CHARS, max_mb=MAX_AREA_BYTES // 2**20,
        leaflet_js=asset_url(links.asset_base(), LEAFLET, "leaflet.js"),
        leaflet_css=asset_url(links.asset_base(), LEAFLET, "leaflet.css"))
    response = make_response(html, status)
    response.headers["Cache-Control"] = PRIVATE
    response.vary.add("Cookie")
    return response


__all__ = ["AREA_COLLECTIONS", "area_url", "bp"]
