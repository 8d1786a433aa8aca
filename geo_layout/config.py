"""Configuration: defaults, overridden by ``GEO_LAYOUT_*`` environment variables, overridden by
the mapping passed to ``create_app``. Keys are the environment variable names without prefix."""

from __future__ import annotations

import os
from typing import Any, Mapping

DEFAULTS: dict[str, Any] = {
    "DATA": None,                # data folder (shape of seeds/); None = the embedded default
    "PLANS": "",                 # more data folders to serve, each under /plans/<its plan id>/
                                 # (os.pathsep-separated, or a list)
    "DATABASE_URL": None,        # serve the plans of this database (a GeoPackage file path or
                                 # postgresql://…), editable; None = read-only from DATA
    "FOLLOW_INTERVAL": 0.5,
    "WRITES_PER_MINUTE": 120,    # writes through the API per user and minute; then 429      # seconds between polls for other servers' writes (0: never)
    "GEODATA": None,             # boundaries folder; None = DATA/geodata or the embedded default
    "TIANDITU_KEY": "",          # Tianditu basemap key; the basemap is hidden without one
    "BASEMAP": "none",           # the maps' default basemap (none, osm, tianditu, amap, local)
    "TILE_URL": "",              # the deployment's own XYZ tiles ({z}/{x}/{y}): basemap "local"
    "TILE_ATTRIBUTION": "",      # plain-text credit shown under the local tiles
    "TILE_CRS": "wgs84",         # what the local tiles are drawn in: wgs84 or gcj02
    "MBTILES": "",               # an MBTiles file the app serves at /tiles/: basemap "local"
    "FRAME_ANCESTORS": "*",      # who may frame /embed/ pages (CSP frame-ancestors)
    "MAX_LIMIT": 1000,           # cap on limit= in the API
    "DEFAULT_LIMIT": 100,
    "THREADS": 8,                # waitress worker threads
    "RENDER_CACHE_BYTES": 64 * 1024 * 1024,  # rendered pages / API bodies kept in memory
    "EXPORT_QUEUE": 3,           # static/standalone exports drawn or waiting at once; then 503
    "IMPORT_FOLDER": "",         # where /import keeps uploads between its steps (empty: the
                                 # app's instance folder, imports/)
    "APPROVAL_NUMBER": "",
    "SECRET_KEY": "",            # signs session cookies; empty = one random key kept in the
                                 # database (shared by every server on it)       # map approval number (审图号), printed on exports and pages
}
_FLOATS = {"FOLLOW_INTERVAL"}
_INTS = {"WRITES_PER_MINUTE", "MAX_LIMIT", "DEFAULT_LIMIT", "THREADS", "RENDER_CACHE_BYTES", "EXPORT_QUEUE"}
PREFIX = "GEO_LAYOUT_"


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    environ = os.environ if environ is None else environ
    out: dict[str, Any] = {}
    for key in DEFAULTS:
        raw = environ.get(PREFIX + key)
        if raw is None or raw == "":
            continue
        out[key] = int(raw) if key in _INTS else float(raw) if key in _FLOATS else raw
    return out


def resolve(config: Mapping[str, Any] | None = None) -> dict[str, Any]:
    settings = dict(DEFAULTS)
    settings.update(from_environment())
    settings.update(config or {})
    return settings


def plan_folders(settings: Mapping[str, Any]) -> list[str]:
    """The ``PLANS`` setting as a list of folders (a list, or one os.pathsep-separated string)."""
    value = settings.get("PLANS") or []
    if isinstance(value, str):
        value = value.split(os.pathsep)
    return [str(v) for v in value if str(v).strip()]
