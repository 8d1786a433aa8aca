"""``/downloads/<collection>.geojson|.csv|.gpkg|.kml``: a collection as a file, filtered like
the API (property filters and ``bbox``), WGS-84, with a file name to save it under."""

from __future__ import annotations

from flask import Blueprint, Response, request

from ..data.features import COLLECTIONS
from ..data.model import LODS
from ..data.writers import MEDIA_TYPES, download_name, formats_for, write
from ..errors import InvalidParameter, NotFound
from . import params
from .caching import cached_view
from .state import current_store

bp = Blueprint("downloads", __name__, url_prefix="/downloads")


@bp.get("/<collection>.<fmt>")
@cached_view
def download(collection: str, fmt: str):
    if collection not in COLLECTIONS:
        raise NotFound(f"no collection {collection!r}; downloads are "
                       f"/downloads/<collection>.<format> with collection one of "
                       f"{', '.join(COLLECTIONS)}")
    if fmt not in formats_for(collection):
        write([], collection, fmt)  # raises NotFound naming the formats there are
    lod = request.args.get("lod", "high")
    if lod not in LODS:
        raise InvalidParameter(f"parameter 'lod' must be one of {', '.join(LODS)}")
    store = current_store()
    page = store.query(collection, params.filters(collection), params.bbox(request.args.get("bbox")))
    body = write(page.features, collection, fmt, lod)
    filename = download_name(store.dataset, collection, fmt)
    return Response(body, headers={
        "Content-Type": MEDIA_TYPES[fmt],
        "Content-Disposition": f'attachment; filename="{filename}"',
        "X-Total-Count": str(page.total),
    })
