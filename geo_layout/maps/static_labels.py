"""Unit names on the static maps: prefectures (or a prefecture map's counties, with their
outlines) named at a point deep inside each unit and clear of the markers, with a halo so they
read over fills and hatches; names too near the frame are left out rather than cut."""

from __future__ import annotations

import numpy as np
import shapely
import shapely.ops

from ..data.store import Store
from . import static_style as style
from .static_paint import add_polygon, halo_text, largest
from .static_spec import MapSpec


def draw_labels(ax, store: Store, spec: MapSpec, lang: str, fs, font) -> None:
    """The names of the map's units (``fs``: the page's font sizes, ``font``: its family)."""
    halo = 2.2
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    if spec.kind == "prefecture":
        units = store.query("counties", {"prefecture": spec.focus.id}).features
        for unit in units:
            add_polygon(ax, unit.geometry("high"), facecolor="none", zorder=2.5,
                        edgecolor="#666666", linewidth=0.4)
        size, weight = fs.small, "normal"
    else:
        units = store.query("prefectures").features
        size, weight = fs.label, "bold"
    markers = [f.geometry() for f in spec.places]
    for unit in units:
        pt = label_point(largest(unit.geometry("medium")), markers)
        mx, my = 0.07 * (x1 - x0), 0.03 * (y1 - y0)
        if not (x0 + mx < pt.x < x1 - mx and y0 + my < pt.y < y1 - my):
            continue
        name = unit.properties.get("short_en" if lang == "en" else "short_zh") or unit.name(lang)
        halo_text(ax, pt.x, pt.y, name, halo, fontsize=size, weight=weight, ha="center",
                  va="center", color=style.INK, zorder=8, clip_on=True, **font)


def label_point(polygon, avoid: list, clearance: float = 0.3):
    """Where to put a unit's name: deep inside the polygon (pole of inaccessibility) unless
    markers sit there, then the grid point that is furthest from both edge and markers."""
    best = shapely.ops.polylabel(polygon, tolerance=0.01)
    if not avoid or min(best.distance(m) for m in avoid) > clearance:
        return best
    minx, miny, maxx, maxy = polygon.bounds
    xs, ys = np.meshgrid(np.linspace(minx, maxx, 24), np.linspace(miny, maxy, 24))
    candidates = shapely.points(xs.ravel(), ys.ravel())
    candidates = candidates[shapely.contains(polygon, candidates)]
    if not len(candidates):
        return best
    edge = shapely.distance(candidates, polygon.exterior)
    near = np.min([shapely.distance(candidates, m) for m in avoid], axis=0)
    score = np.where(near > clearance, edge, near - clearance)
    return candidates[int(np.argmax(score))]
