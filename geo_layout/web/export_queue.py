"""Admission of the exports that must be drawn (a cache miss): matplotlib draws one map at a
time per process, and a 600-dpi map takes seconds, so a burst of them would otherwise hold every
server thread waiting. At most ``EXPORT_QUEUE`` exports are in flight (the one being drawn and
those waiting); the next is told to come back later (503 with ``Retry-After``) at once."""

from __future__ import annotations

import contextlib
import threading

from ..errors import Unavailable

#: Seconds a refused client is asked to wait: about one large map's drawing time.
RETRY_AFTER = 10


class ExportQueue:
    def __init__(self, capacity: int):
        self.capacity = max(1, capacity)
        self._lock = threading.Lock()
        self._in_flight = 0

    @contextlib.contextmanager
    def slot(self):
        with self._lock:
            if self._in_flight >= self.capacity:
                raise Unavailable(
                    f"{self._in_flight} map exports are being drawn or waiting, the most this "
                    f"server takes at once; try again in {RETRY_AFTER} seconds",
                    retry_after=RETRY_AFTER)
            self._in_flight += 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    @property
    def in_flight(self) -> int:
        return self._in_flight
