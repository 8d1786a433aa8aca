"""Folium maps of the plan (the public Python API for notebooks and the web layer).

Names are resolved lazily, so importing ``geo_layout.maps`` does not import folium."""

from __future__ import annotations

__all__ = ["BASEMAPS", "LocalTiles", "MapParts", "layout_map", "element_map", "prefecture_map",
           "places_map",
           "place_map", "map_parts", "render_document", "unlocated"]


def __getattr__(name: str):
    if name in __all__:
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
