"""The current store, swapped whole on reload so no request ever sees half a dataset."""

from __future__ import annotations

import threading
from typing import Callable

from flask import current_app

from ..data.store import Store


class StoreHolder:
    def __init__(self, loader: Callable[[], Store]):
        self._loader = loader
        self._lock = threading.Lock()
        self.store: Store | None = None
        self.last_error: str | None = None

    def reload(self) -> Store:
        """Load a fresh store; on failure keep serving the previous one and re-raise."""
        with self._lock:
            try:
                store = self._loader()
            except Exception as exc:
                self.last_error = str(exc)
                if self.store is None:
                    raise
                raise
            self.store = store  # one reference assignment: atomic for readers
            self.last_error = None
            return store


def current_store() -> Store:
    return current_app.extensions["geo_layout"].store
