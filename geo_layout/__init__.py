"""geo_layout: a map service for provincial industrial development plans.

In a notebook, without a server::

    import geo_layout
    geo_layout.parks                     # GeoDataFrame of the parks (WGS-84)
    geo_layout.targets                   # DataFrame of the plan's targets
    geo_layout.maps.layout_map(geo_layout.store(), lang="en")   # a folium.Map

The frames (``prefectures``, ``counties``, ``layout_elements``, ``parks``, ``sites``,
``enterprises``, ``targets``) load the embedded dataset on first access, not at import time.
``frame(name, filters=...)`` gives a filtered one; ``store(data_dir)`` another dataset.
"""

from __future__ import annotations

import functools

__version__ = "0.1.0"

_FRAMES = {
    "prefectures": "prefectures", "counties": "counties", "layout_elements": "layout-elements",
    "parks": "parks", "sites": "sites", "enterprises": "enterprises", "targets": "targets",
}
__all__ = ["store", "frame", *_FRAMES]


@functools.lru_cache(maxsize=4)
def store(data_dir: str | None = None):
    """The (cached) store of a data folder; the embedded default when ``data_dir`` is None."""
    from .data.store import open_store

    return open_store(data_dir)


def frame(collection: str, *, data_dir: str | None = None, lod: str = "medium",
          filters: dict | None = None):
    """A collection as a (Geo)DataFrame; collection names as in the API (``layout-elements``)."""
    from .data.frames import frame as _frame

    return _frame(collection, store(data_dir), lod=lod, filters=filters)


def __getattr__(name: str):
    if name in _FRAMES:
        return frame(_FRAMES[name])
    if name == "maps":
        import importlib

        return importlib.import_module(".maps", __name__)
    raise AttributeError(f"module 'geo_layout' has no attribute {name!r}")
