"""gzip for text responses, negotiated by ``Accept-Encoding``.

A map page, a GeoJSON layer or Leaflet's script shrink 4-8x; PNGs, PDFs and GeoPackages are
already compressed (or binary) and are left alone, as are bodies under 1 KB, where the gzip
header and the CPU cost more than they save. Every response whose type could be compressed
says ``Vary: Accept-Encoding`` (compressed or not), so shared caches keep the variants apart.

ETags: a gzip body is a different byte sequence, so it must not carry the identity body's
*strong* tag. Tags become weak (``W/"…"``), which RFC 9110 allows to be shared by the content
codings of one representation; revalidation (``If-None-Match`` uses weak comparison) keeps
working for both. The gzip bytes of a tagged body are kept in a small LRU keyed by tag, so a
cached page is not recompressed on every request.

Registered by ``create_app`` as the *last* after-request step (it runs after the security
headers, which read the uncompressed body to hash inline scripts).
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict

from flask import Flask, Response, request

MIN_BYTES = 1024
LEVEL = 6
COMPRESSIBLE = frozenset({
    "text/html", "text/css", "text/plain", "text/csv", "text/javascript", "text/xml",
    "application/javascript", "application/json", "application/geo+json", "application/xml",
    "application/vnd.oai.openapi+json", "application/vnd.google-earth.kml+xml",
    "application/problem+json", "image/svg+xml",
})
#: Largest body compressed (bigger ones are sent as they are rather than held in memory twice).
MAX_BYTES = 32 * 1024 * 1024
_GZIP_CACHE_BYTES = 32 * 1024 * 1024


class _GzipCache:
    """gzip bytes by (ETag, identity length), bounded by bytes, least recently used out."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key) -> bytes | None:
        with self._lock:
            data = self._entries.get(key)
            if data is not None:
                self._entries.move_to_end(key)
            return data

    def put(self, key, data: bytes) -> None:
        if len(data) > self.max_bytes // 8:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = data
            self._bytes += len(data)
            while self._bytes > self.max_bytes:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped)


def accepts_gzip() -> bool:
    """The client takes gzip (``Accept-Encoding: gzip`` or ``*``, quality above 0)."""
    return request.accept_encodings.quality("gzip") > 0


def compressible(response: Response) -> bool:
    return response.mimetype in COMPRESSIBLE


def register(app: Flask) -> None:
    cache = _GzipCache(_GZIP_CACHE_BYTES)

    @app.after_request
    def _compress(response: Response) -> Response:
        return compress(response, cache)


def compress(response: Response, cache: _GzipCache | None = None) -> Response:
    """gzip ``response`` in place when the client accepts it and it is worth it."""
    if not compressible(response):
        return response
    response.vary.add("Accept-Encoding")
    if (response.status_code != 200 or request.method not in ("GET", "HEAD")
            or response.headers.get("Content-Encoding")
            or "no-transform" in (response.headers.get("Cache-Control") or "")
            or not accepts_gzip()):
        return response
    length = response.content_length
    if length is not None and not (MIN_BYTES <= length <= MAX_BYTES):
        return response
    if response.direct_passthrough and length is not None:  # a static file of known size
        response.direct_passthrough = False
    elif response.is_streamed:
        return response
    data = response.get_data()
    if not (MIN_BYTES <= len(data) <= MAX_BYTES):
        return response
    tag, weak = response.get_etag()
    key = (tag, len(data)) if tag else None
    body = cache.get(key) if cache is not None and key else None
    if body is None:
        body = gzip.compress(data, compresslevel=LEVEL, mtime=0)
        if cache is not None and key:
            cache.put(key, body)
    if len(body) >= len(data):
        return response
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    if tag and not weak:
        response.set_etag(tag, weak=True)
    return response
