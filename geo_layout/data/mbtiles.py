"""A local MBTiles file (SQLite; https://github.com/mapbox/mbtiles-spec) read as the tiles of a
basemap, for networks without internet: the app serves its tiles itself (``/tiles/``).

MBTiles numbers rows from the south (TMS); web maps ask from the north (XYZ), so ``tile``
flips ``y``. Only raster formats are served: Leaflet draws images, not vector tiles."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

#: Tile formats a browser can show as an image -> their media type.
MEDIA_TYPES = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


class MBTilesError(ValueError):
    """The file is missing, not an MBTiles database, or holds tiles a web map cannot show."""


class MBTiles:
    """Read-only access to one MBTiles file; safe to share between threads."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise MBTilesError(f"MBTiles file not found: {self.path}")
        try:
            self._db = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True,
                                       check_same_thread=False)
            rows = self._db.execute("SELECT name, value FROM metadata").fetchall()
            self._db.execute("SELECT 1 FROM tiles LIMIT 1").fetchall()
        except sqlite3.Error as exc:
            raise MBTilesError(f"{self.path} is not an MBTiles file: {exc}") from None
        self._lock = threading.Lock()
        self.metadata = {str(k): str(v) for k, v in rows}
        fmt = self.metadata.get("format", "png").lower()
        fmt = "jpg" if fmt == "jpeg" else fmt
        if fmt not in MEDIA_TYPES:
            raise MBTilesError(f"{self.path}: tile format {fmt!r} cannot be shown as an image "
                               f"(served formats: {', '.join(MEDIA_TYPES)})")
        self.format = fmt
        self.media_type = MEDIA_TYPES[fmt]
        self.min_zoom = _int(self.metadata.get("minzoom"), 0)
        self.max_zoom = _int(self.metadata.get("maxzoom"), 18)

    @property
    def attribution(self) -> str:
        return self.metadata.get("attribution", "")

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile at XYZ ``z/x/y`` (y counted from the north), or None when the file has
        none."""
        with self._lock:
            row = self._db.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                "AND tile_row = ?", (z, x, (1 << z) - 1 - y)).fetchone()
        return bytes(row[0]) if row else None


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
