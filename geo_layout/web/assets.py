"""Serves the maps' JavaScript and CSS from the app's own origin: Leaflet and
Leaflet.markercluster from their XStatic packages, our own files from ``static/``.

``/assets/leaflet/<path>``, ``/assets/markercluster/<path>``, ``/assets/app/<path>``, and
``/assets/bundle.js|css?f=<prefix>/<path>,...`` (several of them in one response, so a map page
makes one request for its plugins and one for their styles). Long
cache lifetimes (the maps add ``?v=<content hash>``); ``send_from_directory`` refuses any path
that leaves its folder, so traversal is a 404."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request, send_from_directory

from ..errors import InvalidParameter
from ..maps.assets import BadBundle, asset_dirs, bundle_files, bundle_text
from .caching import conditional

bp = Blueprint("assets", __name__, url_prefix="/assets")
MAX_AGE = 365 * 24 * 3600


@bp.get("/leaflet/<path:path>", defaults={"package": "leaflet"})
@bp.get("/markercluster/<path:path>", defaults={"package": "markercluster"})
@bp.get("/app/<path:path>", defaults={"package": "app"})
def asset(package: str, path: str):
    if path.endswith(".map") or "/." in "/" + path:
        abort(404)
    return _long_lived(send_from_directory(asset_dirs()[package], path, max_age=MAX_AGE))


@bp.get("/bundle.js", defaults={"kind": "js"})
@bp.get("/bundle.css", defaults={"kind": "css"})
def bundle(kind: str):
    try:
        files = bundle_files(request.args.get("f", ""), kind)
    except BadBundle as exc:
        raise InvalidParameter(f"parameter 'f': {exc}") from None
    media = "text/javascript" if kind == "js" else "text/css"

    def build():
        return Response(bundle_text(files, kind), mimetype=media)

    return _long_lived(conditional(build))


def _long_lived(response: Response) -> Response:
    """Cached for a year by anyone (the URLs carry a content hash) and usable cross-origin
    (embeds)."""
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response
