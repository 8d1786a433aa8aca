"""``/downloads/<collection>.geojson|.csv|.xlsx|.gpkg|.kml``: a collection as a file, filtered
like the API (property filters and ``bbox``), in ``crs`` where the format allows, with names and
labels beside ids and codes in ``lang`` (CSV, XLSX), and a file name to save it under.

XLSX is streamed: the first bytes go out at once and the rows are made while the file is sent,
so a download of 100,000 sites holds a batch of rows, never the file (it is therefore not kept
in the render cache; its ETag still answers a revalidation with 304).

The query string is checked by the API's own table (:mod:`.openapi`): an unknown or bad
parameter is the same 400 as on ``/api``."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from ..data.features import COLLECTIONS
from ..data.writers import (MEDIA_TYPES, check_format, download_name, name_lookup, write,
                             xlsx_stream)
from ..errors import NotFound
from . import geojson, openapi
from .caching import cached_view
from .i18n import code_labels
from .state import current_store

bp = Blueprint("downloads", __name__, url_prefix="/downloads")


@bp.get("/<collection>.<fmt>")
@cached_view
def download(collection: str, fmt: str):
    if collection not in COLLECTIONS:
        raise NotFound(f"no collection {collection!r}; downloads are "
                       f"/downloads/<collection>.<format> with collection one of "
                       f"{', '.join(COLLECTIONS)}")
    check_format(collection, fmt)
    op = openapi.operation("download", collection)
    values = openapi.parse(op, request.args, current_app.config["GEO_LAYOUT"])
    system = openapi.coordinate_system(values)
    check_format(collection, fmt, system)
    lang = values["lang"]
    store = current_store()
    page = store.query(collection, openapi.filters_of(op, values), values.get("bbox"))
    if fmt == "xlsx":
        body = xlsx_stream(page.features, collection, lang=lang, names=name_lookup(store, lang),
                           labels=code_labels(store), system=system)
    else:
        body = write(page.features, collection, fmt, values.get("lod") or "high",
                     system=system, lang=lang, names=name_lookup(store, lang),
                     labels=code_labels(store),
                     members={"coordinate_system": geojson.COORDINATE_SYSTEMS[system]})
    filename = download_name(store.plan(), collection, fmt)
    return Response(body, headers={
        "Content-Type": MEDIA_TYPES[fmt],
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Total-Count": str(page.total),
    })
