"""The current store, swapped whole on reload so no request ever sees half a dataset.

A reload builds a complete new store off to the side and then replaces one reference; each
request pins the store it saw first (in ``g``), so every part of one response — ETag, counts,
records — comes from the same data version even when a reload lands mid-request."""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from flask import g, has_request_context

from ..data.store import Store

log = logging.getLogger("geo_layout.reload")


class StoreHolder:
    def __init__(self, loader: Callable[[], Store]):
        self._loader = loader
        self._lock = threading.Lock()
        self.store: Store | None = None
        self.last_error: str | None = None
        self.last_reload: float | None = None

    def reload(self) -> Store:
        """Load a fresh store; on failure keep serving the previous one and re-raise."""
        with self._lock:
            try:
                store = self._loader()
            except Exception as exc:
                self.last_error = str(exc)
                raise
            self.store = store  # one reference assignment: atomic for readers
            self.last_error = None
            self.last_reload = time.time()
            return store

    def follow(self, store: Store) -> None:
        """Serve ``store`` from now on (a database plan's snapshot after an edit)."""
        self.store = store  # one reference assignment: atomic for readers
        self.last_error = None

    def reload_safely(self) -> bool:
        """Reload for a signal or admin action: never raises; a failure is logged with its
        reason, kept in ``last_error`` (shown by ``/healthz``) and the old data stays."""
        old = self.store.version if self.store is not None else None
        try:
            store = self.reload()
        except Exception as exc:  # noqa: BLE001 - any failure keeps the last good data
            log.error("reload failed, still serving data version %s: %s", old, exc)
            return False
        log.warning("reloaded data: version %s (was %s)", store.version, old)
        return True


def current_store() -> Store:
    """The store of this request's plan (the same object for the whole request)."""
    from .plans import current_plan_id, plans

    if not has_request_context():
        return plans().default.store
    store = g.get("_geo_layout_store")
    if store is None:
        store = g._geo_layout_store = plans().holder(current_plan_id()).store
    return store
