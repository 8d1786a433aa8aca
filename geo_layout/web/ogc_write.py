"""OGC API – Features Part 4 (Create, Replace, Update, Delete) on ``/ogc/collections/{c}/items``.

Every write: an editor of this plan (a session with its CSRF token, or ``Authorization:
Bearer``), a source (``source`` on the Feature, in its properties, as a query parameter or
the ``X-Change-Source`` header; ``comment`` likewise), ``If-Match`` for a change to an existing record (428 without it, 412
when it is stale, with the record as it is now), and the one single-record validator (400
listing every problem). Points may come in GCJ-02 or BD-09 (``crs=gcj02|bd09``), as copied
from Amap or Baidu; they are stored in WGS-84. The handlers only translate HTTP: what a write
does is the store's (``data/db_store.py``).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from urllib.parse import quote

from flask import Blueprint, Response, current_app, request

from ..data import crs as crs_mod
from ..data.features import COLLECTIONS, WRITABLE_COLLECTIONS
from ..data.provenance import parse_source
from ..data.record_shapes import merged, record_of_feature, without_stale_radius
from ..errors import (BadRequest, InvalidParameter, NotFound, PreconditionFailed,
                      PreconditionRequired, ReadOnly)
from . import geojson, openapi
from .auth import current_user, require_editor
from .caching import etag_for
from .plans import current_plan_id
from .state import current_store

bp = Blueprint("ogc_write", __name__)

READ = ("GET", "HEAD", "OPTIONS")
WRITE_ITEMS = ("POST",)
WRITE_ITEM = ("PUT", "PATCH", "DELETE")
#: a record version inside an ETag: ``W/"r<version>-<hash>"``
_TAG_VERSION = re.compile(r'^(?:W/)?"r(\d+)-[0-9a-f]+"$')
MERGE_PATCH = "application/merge-patch+json"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
    "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
    "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/optimistic-locking-etags",
    "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features",
]


def item_tag(version: int, store_version: str, path: str) -> str:
    """An item's ETag: the record's version (what ``If-Match`` is checked against) and a hash
    of everything else that shapes its body, so a cached copy is revalidated after any edit."""
    return f"r{version}-{etag_for(store_version, path, ())[:16]}"


def expected_version(required: bool = True) -> int | None:
    """The record version ``If-Match`` names; 428 without one, 412 for a tag we never gave."""
    value = request.headers.get("If-Match")
    if not value:
        if required:
            raise PreconditionRequired(
                "If-Match is required: GET the record, send its ETag as If-Match, so that a "
                "change made meanwhile by someone else is never overwritten")
        return None
    match = _TAG_VERSION.match(value.strip())
    if match is None:
        raise PreconditionFailed(f"If-Match {value[:80]!r} is not an ETag of this record")
    return int(match.group(1))


def _collection(collection: str) -> str:
    if collection not in COLLECTIONS:
        raise NotFound(f"unknown collection {collection!r}; collections are: "
                       f"{', '.join(COLLECTIONS)}")
    if collection not in WRITABLE_COLLECTIONS or not current_store().editable:
        raise ReadOnly(f"{collection} cannot be changed here"
                       + ("" if current_store().editable else
                          ": this data is served read-only from a seeds folder")
                       + f" (editable: {', '.join(WRITABLE_COLLECTIONS)})",
                       headers={"Allow": ", ".join(READ)})
    return collection


def _body() -> dict:
    if not request.content_length and not request.data:
        raise BadRequest("the request needs a body: a GeoJSON Feature")
    try:
        value = json.loads(request.get_data(as_text=True))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadRequest(f"the body is not JSON: {str(exc)[:120]}") from None
    if not isinstance(value, dict):
        raise BadRequest("the body must be a JSON object (a GeoJSON Feature)")
    return value


def _crs() -> str:
    name = request.args.get(openapi.WRITE_CRS.name, "wgs84")
    if name.lower() not in crs_mod.SYSTEMS:
        raise InvalidParameter(f"crs must be one of {', '.join(crs_mod.SYSTEMS)} (the system "
                               "the body's coordinates are in; stored in WGS-84)")
    return name.lower()


def _record(collection: str, feature: dict, fid: str | None = None) -> tuple[dict, object, str]:
    try:
        record, change = record_of_feature(collection, feature, _crs(), fid)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None
    source, comment = _source(change)
    return record, source, comment


def _source(change: dict | None = None):
    """The change's source and comment: members of the Feature (or its properties), else the
    ``source``/``comment`` query parameters, else the ``X-Change-Source``/``X-Change-Comment``
    headers (for clients that send a fixed body, or none: a DELETE)."""
    change = change or {}
    source = parse_source(change.get("source") or request.args.get("source")
                          or request.headers.get("X-Change-Source"))
    comment = (change.get("comment") or request.args.get("comment")
               or request.headers.get("X-Change-Comment") or "")
    if not isinstance(comment, str) or len(comment) > 2000:
        raise InvalidParameter("comment: a text of at most 2000 characters")
    return source, comment


def _editor():
    user = require_editor(current_plan_id())
    rate_limit(user.name)
    return user


def _written(collection: str, fid: str, change, status: int) -> Response:
    store = change.store
    href = _item_href(collection, fid)
    if change.revision.after is None:
        response = Response(status=204)
    else:
        feature = store.get(collection, fid)
        response = Response(geojson.feature_text(feature), status=status,
                            mimetype=openapi.GEOJSON)
        response.set_etag(item_tag(store.record_version(collection, fid), store.version,
                                   href), weak=True)
        if status == 201:
            response.headers["Location"] = href
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Revision"] = str(change.revision.seq)
    return response


def _item_href(collection: str, fid: str) -> str:
    return (f"{request.url_root.rstrip('/')}/ogc/collections/{collection}/items/"
            f"{quote(fid, safe='')}")


@bp.post("/ogc/collections/<id>/items", provide_automatic_options=False)
def create(id: str):  # noqa: A002 - the public route's name
    collection = _collection(id)
    user = _editor()
    record, source, comment = _record(collection, _body())
    change = current_store().create(collection, record, author=user.name, source=source,
                                    comment=comment)
    return _written(collection, change.revision.record_id, change, 201)


@bp.put("/ogc/collections/<id>/items/<fid>", provide_automatic_options=False)
def replace(id: str, fid: str):  # noqa: A002 - the public route's name
    collection = _collection(id)
    user = _editor()
    current = current_store().get(collection, fid)  # 404 before anything else
    return _replaced(collection, fid, current, expected_version(), _body(), user)


@bp.patch("/ogc/collections/<id>/items/<fid>", provide_automatic_options=False)
def update(id: str, fid: str):  # noqa: A002 - the public route's name
    collection = _collection(id)
    user = _editor()
    current = current_store().get(collection, fid)
    expected = expected_version()
    patch = _body()
    if _crs() != "wgs84" and "geometry" not in patch:
        raise InvalidParameter("crs applies to the geometry the patch sends; it sends none")
    return _replaced(collection, fid, current, expected,
                     merged(json.loads(geojson.feature_text(current)), patch), user)


def _replaced(collection: str, fid: str, current, expected: int, feature: dict,
              user) -> Response:
    """PUT and PATCH: ``feature`` (the whole new feature) replaces record ``fid``, read as
    ``current``."""
    record, source, comment = _record(collection, feature, fid)
    record = without_stale_radius(record, current.properties)
    change = current_store().replace(collection, fid, record, expected=expected,
                                     author=user.name, source=source, comment=comment)
    return _written(collection, fid, change, 200)


@bp.delete("/ogc/collections/<id>/items/<fid>", provide_automatic_options=False)
def delete(id: str, fid: str):  # noqa: A002 - the public route's name
    collection = _collection(id)
    user = _editor()
    current_store().get(collection, fid)
    expected = expected_version()
    source, comment = _source()
    change = current_store().delete(collection, fid, expected=expected, author=user.name,
                                    source=source, comment=comment)
    return _written(collection, fid, change, 204)


@bp.route("/ogc/collections/<id>/items", methods=["OPTIONS"], provide_automatic_options=False)
def items_options(id: str):  # noqa: A002 - the public route's name
    return _options(id, WRITE_ITEMS)


@bp.route("/ogc/collections/<id>/items/<fid>", methods=["OPTIONS"],
          provide_automatic_options=False)
def item_options(id: str, fid: str):  # noqa: A002 - the public route's name
    return _options(id, WRITE_ITEM)


def _options(collection: str, writes: tuple[str, ...]) -> Response:
    """``Allow`` lists the write methods to an editor of this plan (so QGIS opens the layer
    for editing), the read methods to everyone else."""
    if collection not in COLLECTIONS:
        raise NotFound(f"unknown collection {collection!r}")
    methods = list(READ)
    user = current_user()
    if (user is not None and user.may_edit(current_plan_id())
            and collection in WRITABLE_COLLECTIONS and current_store().editable):
        methods += writes
    response = Response(status=204)
    response.headers["Allow"] = ", ".join(methods)
    response.vary.add("Authorization")
    response.vary.add("Cookie")
    return response


# --- a cap on writes per user ----------------------------------------------------------------
_RECENT_LOCK = threading.Lock()


def rate_limit(name: str) -> None:
    """At most ``WRITES_PER_MINUTE`` writes a minute per user and server (429 beyond): a
    runaway script cannot flood the history."""
    from ..errors import TooManyRequests

    cap = int(current_app.config["GEO_LAYOUT"].get("WRITES_PER_MINUTE") or 0)
    if cap <= 0:
        return
    now = time.monotonic()
    with _RECENT_LOCK:
        counts = current_app.extensions.setdefault("geo_layout.recent_writes", {})
        recent = counts.setdefault(name, deque())
        while recent and now - recent[0] > 60:
            recent.popleft()
        if len(recent) >= cap:
            wait = int(60 - (now - recent[0])) + 1
            raise TooManyRequests(f"more than {cap} writes a minute: wait {wait} s",
                                  retry_after=wait)
        recent.append(now)
