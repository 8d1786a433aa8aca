"""The editor in the browser: forms that change and add a plan's records (parks and sites
first; layout elements, enterprises and targets with the same form), and a point placed on
a map or typed in WGS-84, GCJ-02 or BD-09.

- ``GET/POST /edit/<collection>/<id>``: change a record; ``GET/POST /new/<collection>``: add
  one. An editor of the plan only (:func:`.auth.require_editor`, which checks the CSRF token
  of a POST); every change names its source (kind and reference, as the history's revert form
  asks) and may carry a comment.
- ``GET /edit/locate?lon=&lat=&crs=``: the WGS-84 point, the county and prefecture holding it
  and whether it lies inside the plan's province (the form shows them before saving).

A save goes the write API's way (:mod:`.ogc_write`): the form's flat properties
(:mod:`.edit_form`) become a record by
:func:`~geo_layout.data.record_shapes.record_of_feature`, the store validates it (one
validator; its problems said in the page's language by :mod:`.edit_problems`) and records
the revision; the hidden ``version`` is the If-Match. A stale form gets both versions side
by side and the editor's change redone on the current one (:mod:`.edit_conflict`). A point
outside the province is refused unless the editor ticks "confirm".

Caching: these pages carry the session's CSRF token and are never cached (``no-store``).
The record pages (cached for everyone) carry hidden "Edit" links; the account corner, filled
after the cache, says whether the reader may edit this plan, and ``js/editor_links.js``
reveals them. After a save, the record page shows what changed: the note rides in the
session and fills the page's notice marker after the cache (:mod:`.edit_note`).
"""

from __future__ import annotations

import json

from flask import (Blueprint, current_app, has_request_context, jsonify, make_response,
                   redirect, render_template, request, url_for)
from werkzeug.exceptions import HTTPException

from ..data import crs as crs_mod
from ..data.features import PLACE_COLLECTIONS, WRITABLE_COLLECTIONS
from ..data.provenance import MAX_REFERENCE_CHARS, SOURCE_KINDS
from ..data.record_shapes import record_of_feature, without_stale_radius
from ..data.units_at import units_at
from ..errors import (BadRequest, Conflict, InvalidParameter, InvalidRecord, NotFound,
                      PreconditionFailed, ReadOnly)
from . import edit_conflict, edit_form, edit_note, geojson, params
from .auth import accounts, require_editor, sign_in_first
from .change_form import form_source
from .edit_conflict import opened_values
from .edit_problems import said
from .edit_values import DECIMALS, new_values, values_of
from .history import MAX_COMMENT_CHARS, record_page
from .i18n import t
from .ogc_write import rate_limit
from .plans import current_plan_id
from .state import current_store

bp = Blueprint("editor", __name__)

NO_STORE = "no-store"
#: parts of a record's editing that other pages do (their routes, when the app has them)
MORE_PAGES = (("area", "editor.more.area"), ("photo", "editor.more.photo"))


# --- the request ------------------------------------------------------------------------------

def _store():
    store = current_store()
    if not store.editable:
        raise ReadOnly(key="editor.read_only")
    return store


def _collection(collection: str) -> str:
    if collection not in WRITABLE_COLLECTIONS:
        raise NotFound(key="editor.no_collection", got=collection[:80],
                       allowed=", ".join(WRITABLE_COLLECTIONS))
    return collection


def _crs() -> str:
    name = (request.values.get("crs") or "wgs84").lower()
    if name not in crs_mod.SYSTEMS:
        raise InvalidParameter(key="error.one_of", name="crs", got=name[:40],
                               allowed=", ".join(crs_mod.SYSTEMS))
    return name


# --- the routes -------------------------------------------------------------------------------

@bp.route("/edit/<collection>/<id>", methods=["GET", "POST"])
def edit(collection: str, id: str):  # noqa: A002 - the route parameter's public name
    lang = params.lang()
    store = _store()
    _collection(collection)
    gone = sign_in_first()
    if gone is not None:
        return gone
    user = require_editor(current_plan_id())
    current = store.get(collection, id)  # 404 naming the record
    if request.method == "GET":
        return _page(store, collection, id, lang, values=values_of(current),
                     version=store.record_version(collection, id))
    rate_limit(user.name)
    return _save(store, collection, id, current, lang, user)


@bp.route("/new/<collection>", methods=["GET", "POST"])
def new(collection: str):
    lang = params.lang()
    store = _store()
    _collection(collection)
    gone = sign_in_first()
    if gone is not None:
        return gone
    user = require_editor(current_plan_id())
    if request.method == "GET":
        return _page(store, collection, None, lang, values=new_values(
            collection, request.args.get("lon", ""), request.args.get("lat", ""),
            request.args.get("target", "")))
    rate_limit(user.name)
    return _save(store, collection, None, None, lang, user)


@bp.get("/edit/locate")
def locate():
    """Where a point falls: ``{"lon", "lat"}`` in WGS-84, ``county`` and ``prefecture``
    (``{"id", "name_zh", "name_en"}`` or null) and ``in_province``."""
    lon = params.number("lon", request.args.get("lon"), low=-180, high=180, required=True)
    lat = params.number("lat", request.args.get("lat"), low=-90, high=90, required=True)
    system = _crs()
    lon, lat = crs_mod.convert(lon, lat, system, "wgs84")
    at = units_at(current_store(), lon, lat)

    def unit(feature):
        if feature is None:
            return None
        return {"id": feature.id, "name_zh": feature.properties.get("name_zh"),
                "name_en": feature.properties.get("name_en")}

    response = jsonify({"lon": round(lon, DECIMALS), "lat": round(lat, DECIMALS),
                        "crs": "wgs84", "county": unit(at.county),
                        "prefecture": unit(at.prefecture), "in_province": at.in_province})
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


# --- the page ---------------------------------------------------------------------------------

def _page(store, collection: str, fid: str | None, lang: str, *, values: dict,
          version: int | None = None, problems: dict | None = None, general=(),
          conflict: dict | None = None, source: dict | None = None, status: int = 200,
          confirm: bool = False, opened: str | None = None):
    new = fid is None
    items = edit_form.controls(store, collection, lang, new=new)
    shown = {c.name: edit_form.shown_value(c, values["props"].get(c.name)) for c in items}
    groups = [(g, [c for c in items if c.group == g]) for g in ("record", "point", "investors")]
    record_url = None
    if not new:
        record_url = record_page(store, collection, fid, lang) or url_for(
            "history.record", collection=collection, id=fid, lang=lang)
    context = {
        "collection": collection, "fid": fid, "new": new, "groups": groups, "shown": shown,
        "problems": problems or {}, "general": list(general), "conflict": conflict,
        "version": version, "point": {k: values[k] for k in ("lon", "lat", "crs")},
        "confirm": confirm, "has_point": collection in PLACE_COLLECTIONS,
        "source": source or {"kind": "survey", "reference": "", "comment": ""},
        "source_kinds": SOURCE_KINDS, "max_reference": MAX_REFERENCE_CHARS,
        "max_comment": MAX_COMMENT_CHARS, "systems": crs_mod.SYSTEMS,
        "record_url": record_url, "name": _name(store, collection, fid, lang),
        "more_pages": _more_pages(collection, fid, lang),
        "history_url": None if new else url_for("history.record", collection=collection,
                                                id=fid, lang=lang),
        "map_config": _map_config(store, lang) if collection in PLACE_COLLECTIONS else None,
        "assets": _assets(),
        "opened": opened if opened is not None else opened_values(items, values),
    }
    response = make_response(render_template("edit.html", **context), status)
    response.headers["Cache-Control"] = NO_STORE
    response.vary.add("Cookie")
    return response


def _assets() -> dict:
    """The URLs of the editor's scripts and styles (Leaflet from its XStatic package)."""
    from ..maps.assets import APP, LEAFLET, asset_url
    from .links import asset_base

    base = asset_base()
    return {"leaflet_css": asset_url(base, LEAFLET, "leaflet.css"),
            "map_css": asset_url(base, APP, "css/map.css"),
            "editor_css": asset_url(base, APP, "css/editor.css"),
            "js": [asset_url(base, LEAFLET, "leaflet.js"),
                   asset_url(base, APP, "js/controls.js"),
                   asset_url(base, APP, "js/basemap.js"),
                   asset_url(base, APP, "js/editor.js")]}


def _name(store, collection: str, fid: str | None, lang: str) -> str | None:
    if fid is None:
        return None
    try:
        return store.get(collection, fid).name(lang)
    except NotFound:
        return fid


def _more_pages(collection: str, fid: str | None, lang: str) -> list[tuple[str, str]]:
    """(text key, URL) of the area and photo pages of this record, when the app has them
    (``/edit/<collection>/<id>/area`` and ``/photo``; other modules serve them)."""
    if fid is None:
        return []
    adapter = current_app.url_map.bind("localhost")
    out = []
    for part, key in MORE_PAGES:
        path = f"/edit/{collection}/{fid}/{part}"
        try:
            adapter.match(path, "GET")
        except HTTPException:
            continue
        out.append((key, f"{request.script_root}{path}?lang={lang}"))
    return out


def _map_config(store, lang: str) -> dict:
    """What ``js/editor.js`` draws under the point: the province's bounds, the county
    outlines as the offline maps draw them, the texts of its controls."""
    from ..maps.style import levels_config
    from ..maps.tiles import CONTEXT_LABEL_ZOOM

    west, south, east, north = store.province().geometry("coarse").bounds
    return {"bounds": [[south, west], [north, east]], "lang": lang,
            "prefectures": url_for("api.collection_items", collection="prefectures"),
            "context": {"url": url_for("api.collection_items", collection="counties"),
                        "crs": "wgs84", "lang": lang, "minZoom": 7,
                        "labelZoom": CONTEXT_LABEL_ZOOM, "skip": [],
                        "levels": levels_config()},
            "locate": url_for("editor.locate"),
            "texts": {key: t(f"editor.map.{key}", lang) for key in (
                "label", "marker", "outside", "inside", "unknown_unit", "no_geolocation",
                "geolocation_failed", "accuracy", "gps_source", "checking")}}


# --- saving -----------------------------------------------------------------------------------

def _submitted_point() -> dict:
    return {"lon": request.form.get("lon", "").strip(), "lat": request.form.get("lat", "").strip(),
            "crs": _crs()}


class _Problems:
    """A submitted form's problems: by the control they are shown next to (``""``: the form
    as a whole), each ``{"text", "detail"}`` in the page's language."""

    def __init__(self, names: set, lang: str):
        self.names, self.lang = names, lang
        self.by_control: dict[str, list] = {}
        self.general: list = []

    def add(self, name: str, message: dict) -> None:
        (self.by_control.setdefault(name, []) if name else self.general).append(message)

    def said(self, name: str, key: str, **values) -> None:
        self.add(name, {"text": t(key, self.lang, **values), "detail": None})

    def of_validator(self, problems) -> None:
        for problem in problems:
            self.add(edit_form.control_of(problem.field, self.names),
                     said(problem.message, self.lang))

    def __bool__(self) -> bool:
        return bool(self.by_control or self.general)


def _source(problems: _Problems):
    """The change's source from the form (kind and reference), or None with its problem
    (shown next to the reference field)."""
    try:
        return form_source("editor.need_source")
    except InvalidParameter as refused:
        problems.add("source_reference", _refusal_text(refused, problems.lang))
        return None


def _outside_province(store, record: dict) -> bool:
    """Whether a place's own point (WGS-84) lies outside the plan's province."""
    lon, lat = record.get("lon"), record.get("lat")
    numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lon, lat))
    return (numbers and -180 <= lon <= 180 and -90 <= lat <= 90
            and not units_at(store, lon, lat).in_province)


def _save(store, collection: str, fid: str | None, current, lang: str, user):
    """Check the form and write it: a redirect to the record's page, or the form again with
    its problems (400), an id in use (409) or both versions of a stale record (409)."""
    items = edit_form.controls(store, collection, lang, new=fid is None)
    problems = _Problems({c.name for c in items}, lang)
    point = _submitted_point()
    values = {"props": edit_form.read(request.form, items), **point}
    confirm = request.form.get("confirm_outside") == "yes"
    given = {"kind": request.form.get("source_kind", ""),
             "reference": request.form.get("source_reference", "").strip()[:2000],
             "comment": request.form.get("comment", "")[:MAX_COMMENT_CHARS + 1]}
    version = _version(fid)
    source = _source(problems)
    comment = given["comment"].strip()
    if len(comment) > MAX_COMMENT_CHARS:
        problems.said("comment", "error.too_long", name="comment", cap=MAX_COMMENT_CHARS)
    record = None
    try:
        record, _ = record_of_feature(
            collection, _feature(current, values["props"], point, collection, fid),
            point["crs"], fid)
    except ValueError as exc:
        problems.add("point", said(str(exc), lang))
    if record is not None and current is not None:
        record = without_stale_radius(record, current.properties)
    if (record is not None and collection in PLACE_COLLECTIONS and not confirm
            and _outside_province(store, record)):
        problems.said("point", "editor.outside_province",
                      province=store.province().name.get(lang))

    def again(status: int):
        return _page(store, collection, fid, lang, values=values, version=version,
                     problems=problems.by_control, general=problems.general, source=given,
                     status=status, confirm=confirm,
                     opened=request.form.get("opened", "")[:60000])

    if record is None or problems:
        if record is not None:  # every problem at once: the validator's too (a dry run)
            problems.of_validator(p for _, p in store.check_batch(collection, [(fid, record)]))
        return again(400)
    try:
        if fid is None:
            change = store.create(collection, record, author=user.name, source=source,
                                  comment=comment)
        else:
            change = store.replace(collection, fid, record, expected=version,
                                   author=user.name, source=source, comment=comment)
    except InvalidRecord as invalid:
        problems.of_validator(invalid.problems)
        return again(400)
    except Conflict as clash:
        problems.add("id" if fid is None else "", said(clash.description, lang))
        return again(409)
    except PreconditionFailed:
        fresh = current_store()
        merged, conflict, opened = edit_conflict.redo(fresh, collection, fid, items, values, lang)
        return _page(fresh, collection, fid, lang, values=merged,
                     version=fresh.record_version(collection, fid), conflict=conflict,
                     source=given, status=409, confirm=confirm, opened=opened)
    token = edit_note.remember(change, collection, current, lang)
    target = record_page(change.store, collection, change.revision.record_id, lang) or url_for(
        "history.record", collection=collection, id=change.revision.record_id, lang=lang)
    base, _, anchor = target.partition("#")
    joiner = "&" if "?" in base else "?"
    return redirect(f"{base}{joiner}saved={token}" + (f"#{anchor}" if anchor else ""), 303)


def _version(fid: str | None) -> int | None:
    if fid is None:
        return None
    raw = request.form.get("version", "")
    if not raw.isdigit() or len(raw) > 9:
        raise BadRequest(key="editor.no_version")
    return int(raw)


def _refusal_text(refused, lang: str) -> dict:
    text = refused.text(lang)
    if text:
        return {"text": text, "detail": None}
    return said(refused.description, lang)


def _feature(current, props: dict, point: dict, collection: str, fid: str | None) -> dict:
    """The Feature the form describes: the record as it is (its flat properties), with the
    form's values over them (a PATCH of every control), and the typed point."""
    base = json.loads(geojson.feature_text(current)) if current is not None else {
        "type": "Feature", "properties": {}, "geometry": None}
    base["properties"] = {**(base.get("properties") or {}), **props}
    if fid is not None:
        base["properties"]["id"] = fid
    if collection in PLACE_COLLECTIONS:
        base["properties"].pop("lon", None)
        base["properties"].pop("lat", None)
        if point["lon"] or point["lat"]:
            base["properties"]["lon"] = edit_form.number(point["lon"]) if point["lon"] else None
            base["properties"]["lat"] = edit_form.number(point["lat"]) if point["lat"] else None
        base["geometry"] = None
    return base


@bp.after_app_request
def _saved_note(response):
    """The note of what a save changed, on the page it redirected to (:mod:`.edit_note`)."""
    return edit_note.fill(response)


# --- the cached pages' edit links ---------------------------------------------------------------

@bp.app_context_processor
def _editor_chrome() -> dict:
    """``may_edit_here(user)`` for the account corner (filled after the cache): whether the
    reader may edit this plan, which ``js/editor_links.js`` reads to reveal the edit links;
    ``edit_plan``: the plan the cached pages' edit links belong to."""
    if not has_request_context():
        return {}

    def may_edit_here(user) -> bool:
        return bool(user is not None and current_store().editable
                    and user.may_edit(current_plan_id()))

    return {"may_edit_here": may_edit_here, "edit_plan": current_plan_id(),
            "notice_marker": edit_note.NOTICE_MARKER,
            "editing_on": accounts() is not None and current_store().editable}
