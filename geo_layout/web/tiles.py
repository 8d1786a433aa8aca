"""``/tiles/<z>/<x>/<y>.<ext>``: the tiles of the deployment's MBTiles file
(``GEO_LAYOUT_MBTILES``), for the ``local`` basemap on networks without internet.

Tile numbers are XYZ (row 0 in the north), as Leaflet asks; a number that is not an integer
of that zoom is a 400, a tile the file does not hold (or no file configured) a 404."""

from __future__ import annotations

from flask import Blueprint, Response, request

from ..errors import NotFound
from . import basemaps, params

bp = Blueprint("tiles", __name__, url_prefix="/tiles")
MAX_ZOOM = 30
#: Tiles change only when the deployment swaps the file; a day keeps a browser from asking.
CACHE_CONTROL = "public, max-age=86400"


@bp.record_once
def _load_basemaps(state) -> None:
    """Read the basemap settings (and open the MBTiles file) once, at start-up."""
    basemaps.register(state.app)


@bp.get("/<z>/<x>/<y>.<ext>")
def tile(z: str, x: str, y: str, ext: str):
    zoom = params.integer("z", z, low=0, high=MAX_ZOOM)
    last = (1 << zoom) - 1
    col = params.integer("x", x, low=0, high=last)
    row = params.integer("y", y, low=0, high=last)
    mbtiles = basemaps.current().mbtiles
    if mbtiles is None:
        raise NotFound("no tiles here: this site serves no MBTiles file (GEO_LAYOUT_MBTILES)")
    if ext.lower() not in ((mbtiles.format, "jpeg") if mbtiles.format == "jpg"
                           else (mbtiles.format,)):
        raise NotFound(f"the tiles here are .{mbtiles.format}, not .{ext[:10]}")
    data = mbtiles.tile(zoom, col, row)
    if data is None:
        raise NotFound(f"no tile {zoom}/{col}/{row} in the tile set")
    response = Response(data, content_type=mbtiles.media_type)
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.add_etag()
    return response.make_conditional(request)
