"""Where a map's JavaScript and CSS come from: the app's own origin only.

Leaflet and Leaflet.markercluster are the XStatic packages' files; our controls and marker
styles are the app's static files. Each map and plugin *instance* gets its own lists (folium
keeps its CDN defaults on the class, and changing those would leak into every later map)."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

#: URL prefix under ``asset_base`` -> what it serves (see :func:`asset_dirs`).
LEAFLET = "leaflet"
MARKERCLUSTER = "markercluster"
APP = "app"


def asset_dirs() -> dict[str, Path]:
    """The folders behind ``<asset_base>/<prefix>/``; read on call, not at import."""
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster

    return {
        LEAFLET: Path(xstatic.pkg.leaflet.BASE_DIR),
        MARKERCLUSTER: Path(xstatic.pkg.leaflet_markercluster.BASE_DIR),
        APP: Path(__file__).resolve().parent.parent / "web" / "static",
    }


def asset_file(prefix: str, path: str, dirs: dict[str, Path] | None = None) -> Path | None:
    """The file behind ``<asset_base>/<prefix>/<path>`` (in ``dirs``, default
    :func:`asset_dirs`), or None when there is none or the path leaves its folder (``..``,
    symlinks out)."""
    dirs = asset_dirs() if dirs is None else dirs
    if prefix not in dirs:
        return None
    base = dirs[prefix].resolve()
    found = (base / path).resolve()
    return found if base in found.parents and found.is_file() else None


@lru_cache(maxsize=None)
def _fingerprint(prefix: str, path: str) -> str:
    """A short content hash, so long-cached files still change when they change."""
    data = (asset_dirs()[prefix] / path).read_bytes()
    return hashlib.sha256(data).hexdigest()[:10]


def asset_url(asset_base: str, prefix: str, path: str) -> str:
    return f"{asset_base.rstrip('/')}/{prefix}/{path}?v={_fingerprint(prefix, path)}"


def map_js(asset_base: str) -> list[tuple[str, str]]:
    return [("leaflet", asset_url(asset_base, LEAFLET, "leaflet.js")),
            ("geo_layout_controls", asset_url(asset_base, APP, "js/controls.js")),
            ("geo_layout_furniture", asset_url(asset_base, APP, "js/furniture.js"))]


def map_css(asset_base: str) -> list[tuple[str, str]]:
    return [("leaflet_css", asset_url(asset_base, LEAFLET, "leaflet.css")),
            ("geo_layout_fonts_css", asset_url(asset_base, APP, "css/fonts.css")),
            ("geo_layout_map_css", asset_url(asset_base, APP, "css/map.css"))]


def cluster_js(asset_base: str) -> list[tuple[str, str]]:
    return [("markerclusterjs", asset_url(asset_base, MARKERCLUSTER, "leaflet.markercluster.js"))]


def cluster_css(asset_base: str) -> list[tuple[str, str]]:
    return [("markerclustercss", asset_url(asset_base, MARKERCLUSTER, "MarkerCluster.css")),
            ("markerclusterdefaultcss",
             asset_url(asset_base, MARKERCLUSTER, "MarkerCluster.Default.css"))]


# --- bundles -------------------------------------------------------------------------------
# A map page asks for Leaflet, then for up to six small files of plugins and our own (controls,
# refinement, markercluster, their styles). Each is a request the browser queues and the server
# answers before the page is complete; one request per kind does the same work.

BUNDLE_KINDS = ("js", "css")
_ASSET = re.compile(r"^(?P<prefix>[a-z]+)/(?P<path>[A-Za-z0-9_./-]+)$")
#: A source-map comment (``//# sourceMappingURL=...`` or ``/*# ... */``): dropped wherever a
#: file is served or inlined away from the map file it names.
SOURCE_MAP = re.compile(r"^\s*/[/*][#@] sourceMappingURL=.*$", re.MULTILINE)


class BadBundle(ValueError):
    """A bundle names a file that is not one of the app's assets of that kind."""


def bundle_files(spec: str, kind: str) -> tuple[tuple[str, str], ...]:
    """``"app/js/controls.js,markercluster/leaflet.markercluster.js"`` -> the (prefix, path)
    pairs, each checked: a known prefix, a file of ``kind`` inside that folder."""
    if kind not in BUNDLE_KINDS:
        raise BadBundle(f"bundles are {', '.join(BUNDLE_KINDS)}, not {kind!r}")
    dirs = asset_dirs()
    out = []
    for item in spec.split(","):
        match = _ASSET.match(item)
        if not match or match["prefix"] not in dirs or not item.endswith("." + kind):
            raise BadBundle(f"not a .{kind} asset: {item[:80]!r}")
        if asset_file(match["prefix"], match["path"]) is None:
            raise BadBundle(f"no such asset: {item[:80]!r}")
        out.append((match["prefix"], match["path"]))
    if not out or len(out) > 16:
        raise BadBundle("a bundle names 1 to 16 files")
    return tuple(out)


def bundle_url(asset_base: str, kind: str, files) -> str:
    """The URL of one bundle of ``files`` ((prefix, path) pairs, in order), versioned by their
    content."""
    spec = ",".join(f"{prefix}/{path}" for prefix, path in files)
    version = hashlib.sha256("".join(_fingerprint(p, f) for p, f in files).encode())
    return f"{asset_base.rstrip('/')}/bundle.{kind}?f={spec}&v={version.hexdigest()[:10]}"


def bundle_text(files: tuple[tuple[str, str], ...], kind: str) -> str:
    """The files one after another (scripts separated by ``;`` so none runs into the next),
    without source-map comments (no map file matches the bundle). Not memoised here: the
    route keeps the body in the render cache."""
    dirs = asset_dirs()
    texts = [SOURCE_MAP.sub("", (dirs[p] / f).read_text(encoding="utf-8")) for p, f in files]
    return ("\n;\n" if kind == "js" else "\n").join(texts)
