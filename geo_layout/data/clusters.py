"""Server-side point clusters for a map view: what a browser should draw for ``bbox`` at
``zoom`` without ever receiving 100,000 points.

Points are binned on a grid of :data:`CELL_PX` screen pixels in Web Mercator at that zoom (so a
cluster covers about the same screen area at every zoom, like Leaflet.markercluster's radius);
a cell with one point, or any cell at :data:`POINTS_ZOOM` and beyond, yields the points
themselves, capped at :data:`MAX_POINTS` per response. Vectorised with numpy: ~5 ms for 100,000
points.

A filtered map (an element's, a prefecture's, the directory's search) clusters only its
:func:`selection`: the located points passing the same filters and search as its page.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Mapping

import numpy as np

CELL_PX = 60
POINTS_ZOOM = 14
MAX_POINTS = 2000


@dataclass(frozen=True)
class Cluster:
    lon: float
    lat: float
    count: int
    bbox: tuple[float, float, float, float]


def _mercator_px(xy: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    scale = 256.0 * 2.0 ** zoom
    x = (xy[:, 0] + 180.0) / 360.0 * scale
    lat = np.radians(np.clip(xy[:, 1], -85.05, 85.05))
    y = (1.0 - np.log(np.tan(lat) + 1.0 / np.cos(lat)) / math.pi) / 2.0 * scale
    return x, y


def grid_clusters(xy: np.ndarray, bbox: tuple[float, float, float, float], zoom: int
                  ) -> tuple[list[Cluster], np.ndarray, int]:
    """Clusters of the points of ``xy`` (n x 2 lon/lat) inside ``bbox`` at ``zoom``.

    Returns (clusters of two or more, indices into ``xy`` of the single points to draw, number
    of points inside ``bbox``). Single points beyond :data:`MAX_POINTS` are left out (the
    caller reports it; the view is then clustered more coarsely by zooming out)."""
    west, south, east, north = bbox
    if not len(xy):
        return [], np.zeros(0, dtype=int), 0
    inside = np.flatnonzero((xy[:, 0] >= west) & (xy[:, 0] <= east)
                            & (xy[:, 1] >= south) & (xy[:, 1] <= north))
    if zoom >= POINTS_ZOOM or len(inside) <= 1:
        return [], inside[:MAX_POINTS], len(inside)
    pts = xy[inside]
    px, py = _mercator_px(pts, zoom)
    cells = (np.floor(px / CELL_PX).astype(np.int64) << 32) + np.floor(py / CELL_PX).astype(
        np.int64)
    keys, inverse, counts = np.unique(cells, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    sum_lon = np.bincount(inverse, weights=pts[:, 0], minlength=len(keys))
    sum_lat = np.bincount(inverse, weights=pts[:, 1], minlength=len(keys))
    min_lon = np.full(len(keys), np.inf)
    min_lat = np.full(len(keys), np.inf)
    max_lon = np.full(len(keys), -np.inf)
    max_lat = np.full(len(keys), -np.inf)
    np.minimum.at(min_lon, inverse, pts[:, 0])
    np.minimum.at(min_lat, inverse, pts[:, 1])
    np.maximum.at(max_lon, inverse, pts[:, 0])
    np.maximum.at(max_lat, inverse, pts[:, 1])
    clusters = [Cluster(float(sum_lon[i] / c), float(sum_lat[i] / c), int(c),
                        (float(min_lon[i]), float(min_lat[i]), float(max_lon[i]),
                         float(max_lat[i])))
                for i, c in enumerate(counts.tolist()) if c > 1]
    singles = inside[counts[inverse] == 1]
    return clusters, singles[:MAX_POINTS], len(inside)


# --- selections: the located points a filtered map shows ---------------------------------

#: Selections kept per store (a map's every move asks for the same one).
SELECTION_CACHE = 64
_selections: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_selections_lock = threading.Lock()


def selection(store, collection: str, filters: Mapping[str, str] | None = None,
              q: str | None = None) -> tuple[np.ndarray, list]:
    """Lon/lat array (n x 2) and features of the located points of ``collection`` that pass
    the store ``filters`` (as ``/api/<collection>``) and, with ``q``, match the name search
    (as ``/api/search``, every hit). Unfiltered, this is ``store.located(collection)``.

    A filtered map asks for its selection on every move, so the indices are kept per store
    (least recently used out after :data:`SELECTION_CACHE`); a reloaded store starts afresh."""
    xy, located = store.located(collection)
    filters = {k: v for k, v in (filters or {}).items() if v is not None}
    if not filters and not q:
        return xy, located
    key = (collection, tuple(sorted(filters.items())), q or "")
    with _selections_lock:
        cached = _selections.setdefault(store, OrderedDict())
        idx = cached.get(key)
        if idx is not None:
            cached.move_to_end(key)
    if idx is None:
        idx = _select(store, collection, located, filters, q)
        with _selections_lock:
            cached[key] = idx
            while len(cached) > SELECTION_CACHE:
                cached.popitem(last=False)
    return xy[idx], [located[i] for i in idx.tolist()]


def _select(store, collection: str, located: list, filters: Mapping[str, str],
            q: str | None) -> np.ndarray:
    position = {f.id: i for i, f in enumerate(located)}
    chosen = [position[f.id] for f in store.query(collection, filters).features
              if f.id in position]
    if q:
        everything = store.query(collection, limit=0).total
        hits = {h.feature.id for h in store.search(q, limit=max(everything, 1),
                                                    collections=(collection,))}
        chosen = [i for i in chosen if located[i].id in hits]
    return np.array(sorted(chosen), dtype=np.int64)
