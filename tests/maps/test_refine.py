"""Boundary layers drawn at a coarser level than the finest are refined on zoom
(static/js/refine.js, driven by maps/refine.py)."""

from __future__ import annotations

import re

from geo_layout.maps import layout_map, map_parts, place_map
from geo_layout.maps.refine import RefineBoundaries


def _refiners(m):
    return [c for c in m._children.values() if isinstance(c, RefineBoundaries)]


def test_the_overview_refines_prefectures_and_elements(store):
    m = layout_map(store, basemap="amap")
    (refine,) = _refiners(m)
    elements = [f for f in store.query("layout-elements").features if f.geometry() is not None]
    # an element with approximate parts also has its parts' outlines refined (maps/extents.py)
    with_parts = [f for f in elements
                  if any(c["extent"] == "approximate" for c in f.properties["counties"])]
    assert with_parts  # the zone
    part_collections = [c for f in with_parts for c in ("prefectures", "counties")
                        if f.properties[c]]
    assert sorted(refine.collections) == sorted(
        ["prefectures"] + ["layout-elements"] * len(elements) + part_collections)
    assert refine.config["crs"] == "gcj02"  # finer shapes are asked for in the basemap's system
    parts = map_parts(m)
    assert re.search(r'<script defer src="/assets/bundle\.js\?f=[^"]*app/js/refine\.js',
                     parts.head)
    assert '{"url":"/api/prefectures","lod":"coarse"}' in parts.script
    assert parts.script.count('"url":"/api/layout-elements","lod":"coarse"') == len(elements)


def test_layers_at_the_finest_level_are_left_alone(store):
    m = place_map(store, "wuhua-science-park")  # prefecture outline at medium: refined
    (refine,) = _refiners(m)
    assert refine.collections == ["prefectures"]
    zoomed = layout_map(store, view={"center": (25.05, 102.7), "zoom": 12})
    assert zoomed.refinable and {lod for _, _, lod in zoomed.refinable} == {"high"}
    assert _refiners(zoomed) == []  # all drawn at "high": nothing to fetch
    assert "refine.js" not in map_parts(zoomed).head
