"""Rendered responses kept in memory: a map page, an API page or an export is built once per
(data version, host, route, query, variant) and copied out of here afterwards.

Bounded by bytes (``RENDER_CACHE_BYTES``, default 64 MB), least recently used out first; a body
bigger than an eighth of the budget is never kept (one huge download must not flush every page).
Keys are the ETag of :mod:`.caching`, which hashes the data version: after a reload, old
entries simply stop matching and age out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Flask, current_app

DEFAULT_BYTES = 64 * 1024 * 1024
EXTENSION = "geo_layout_render_cache"


@dataclass(frozen=True)
class Entry:
    """A finished 200 response: its body and the headers the view set (type, disposition)."""

    body: bytes
    headers: tuple[tuple[str, str], ...]

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


class RenderCache:
    """A thread-safe LRU of :class:`Entry` by key, bounded by total bytes."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES):
        self.max_bytes = max(0, int(max_bytes))
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self.misses += 1
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, entry: Entry) -> None:
        size = entry.size
        if size > self.max_bytes // 8:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self._entries[key] = entry
            self.bytes += size
            while self.bytes > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self.bytes -= dropped.size

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.bytes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def stats(self) -> dict:
        return {"entries": len(self._entries), "bytes": self.bytes,
                "max_bytes": self.max_bytes, "hits": self.hits, "misses": self.misses}


_CREATE_LOCK = threading.Lock()


def render_cache(app: Flask | None = None) -> RenderCache:
    """The app's cache, made on first use (nothing is built at import or without an app)."""
    app = app or current_app._get_current_object()
    cache = app.extensions.get(EXTENSION)
    if cache is None:
        with _CREATE_LOCK:
            cache = app.extensions.get(EXTENSION)
            if cache is None:
                size = app.config["GEO_LAYOUT"].get("RENDER_CACHE_BYTES", DEFAULT_BYTES)
                cache = app.extensions[EXTENSION] = RenderCache(size)
    return cache
