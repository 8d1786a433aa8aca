"""Security headers, set on every response after the view has run.

Why hashes rather than nonces: folium maps need one inline ``<script>`` per page, and the maps
are cached (ETag revalidation now, maybe whole-response caches later). A nonce must differ per
response, so a cached body would carry a stale one; a ``'sha256-…'`` hash of the script text is
a property of the body itself, so any copy of the body stays valid with its header. The hook
therefore reads each HTML body, hashes its inline scripts and lists exactly those hashes: a
script injected through data (which would be different text) cannot run.

Frames: :mod:`.framing` decides (``/embed/`` pages may be framed by ``FRAME_ANCESTORS``,
everything else ``frame-ancestors 'none'``). Tile hosts are allowed as image sources only when the request
chose an online basemap.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import logging
import re
import zlib
from urllib.parse import urlsplit

from flask import Response, current_app, request

from . import framing

log = logging.getLogger("geo_layout.web")

_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_HAS_SRC = re.compile(rb"\bsrc\s*=", re.I)

#: What a JSON, SVG or other document may do when opened directly: nothing but show itself.
DOCUMENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"


def inline_script_hashes(html: bytes) -> list[str]:
    """``'sha256-…'`` sources for every inline ``<script>`` (no ``src``) in ``html``, in order,
    without duplicates. The browser hashes the exact UTF-8 text between the tags."""
    return list(_script_hashes(html))


@functools.lru_cache(maxsize=64)
def _script_hashes(html: bytes) -> tuple[str, ...]:
    """Memoised: a page served from the render cache is the same bytes object every time (its
    hash is computed once), and scanning a 300 KB map page costs ~8 ms a request."""
    out: list[str] = []
    for match in _SCRIPT.finditer(html):
        if _HAS_SRC.search(match.group(1)):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group(2)).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in out:
            out.append(source)
    return tuple(out)


def tile_sources(basemap: str | None, local_tiles=None) -> list[str]:
    """Image sources for the tile hosts of an online basemap (``{s}`` subdomains become ``*``);
    none for tiles on the app's own origin (``'self'`` has them)."""
    from ..maps.basemaps import BASEMAPS, tile_layers

    if not basemap or basemap not in BASEMAPS or basemap == "none":
        return []
    out = []
    for layer in tile_layers(basemap, "key", "zh", local_tiles):
        parts = urlsplit(layer["url"])
        if not parts.netloc:
            continue
        host = re.sub(r"^[^.]*\{s\}[^.]*", "*", parts.netloc)
        source = f"{parts.scheme}://{host}"
        if source not in out:
            out.append(source)
    return out


def page_policy(script_hashes: list[str], images: list[str]) -> str:
    """The policy of an HTML page (``frame-ancestors`` is added by :mod:`.framing`)."""
    script = " ".join(["'self'", *script_hashes])
    img = " ".join(["'self'", "data:", *images])
    return "; ".join([
        "default-src 'self'",
        f"script-src {script}",
        "style-src 'self' 'unsafe-inline'",
        f"img-src {img}",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ])


def _body(response: Response) -> bytes | None:
    """The uncompressed body, or None when it cannot be read (streamed, unknown encoding)."""
    if response.is_streamed or response.direct_passthrough:
        return None
    data = response.get_data()
    encoding = (response.headers.get("Content-Encoding") or "").lower()
    try:
        if encoding in ("", "identity"):
            return data
        if encoding == "gzip":
            return gzip.decompress(data)
        if encoding == "deflate":
            return zlib.decompress(data)
        if encoding == "br":
            import brotli  # type: ignore[import-not-found]

            return brotli.decompress(data)
    except Exception:  # noqa: BLE001 - an unreadable body gets the policy without hashes
        log.warning("cannot read a %s body to hash its scripts", encoding)
    return None


def apply_headers(response: Response) -> Response:
    """Set CSP (with framing, via :mod:`.framing`), sniffing and referrer headers. A 304 gets
    no CSP: its headers replace the cached response's, and it has no body to hash."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    setting = current_app.config["GEO_LAYOUT"].get("FRAME_ANCESTORS")
    if response.status_code == 304:
        if not framing.embeddable(request.path):
            headers["X-Frame-Options"] = "DENY"
        return response
    if response.mimetype == "text/html":
        body = _body(response)
        hashes = inline_script_hashes(body) if body else []
        from . import basemaps

        local = current_app.extensions.get(basemaps.EXTENSION)
        headers["Content-Security-Policy"] = page_policy(
            hashes, tile_sources(basemaps.requested() if local else None,
                                 local.local if local else None))
    else:
        headers["Content-Security-Policy"] = DOCUMENT_POLICY
    framing.apply(response, request.path, setting)
    return response
