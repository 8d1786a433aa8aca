"""Parks and sites on the static maps, marked as on the web maps: a dot in its kind's colour,
solid for an exact site, hollow when known only to a town, county or prefecture, with a dashed
circle of its uncertainty drawn true to the ground (geodesic); places sharing a point share a
marker. Also the legend rows for those symbols."""

from __future__ import annotations

import functools

import numpy as np

from .. import words
from ..data.features import Feature
from . import static_style as style
from . import style as web_style
from .labels import label
from .static_paint import dashes
from .static_spec import MapSpec


@functools.cache
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_circle(lon: float, lat: float, radius_km: float, n: int = 72) -> np.ndarray:
    """Ring of points ``radius_km`` from (lon, lat) on the WGS-84 ellipsoid."""
    az = np.linspace(0, 360, n, endpoint=False)
    lons, lats, _ = _geod().fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, radius_km * 1000))
    return np.column_stack([lons, lats])


def kind_colour(kind: str) -> str:
    return web_style.KIND_COLOURS.get(kind, web_style.OUTLINE)


def draw_places(ax, spec: MapSpec, fs, font) -> list[tuple[str, list[Feature]]]:
    """The markers and their uncertainty circles; tags are the list numbers (a numbered map)
    or "×n" on a shared marker. Returns the numbered list, empty when the map is not
    numbered."""
    from matplotlib import patheffects
    from matplotlib.patches import Polygon as MplPolygon
    from matplotlib.transforms import offset_copy

    k = fs.scale
    circles = set()
    for f in spec.places:
        radius = f.properties.get("uncertainty_km")
        pt = f.geometry()
        if radius and (pt.x, pt.y, radius) not in circles:
            circles.add((pt.x, pt.y, radius))
            width = 1.5 * web_style.PT_PER_PX * k
            ax.add_patch(MplPolygon(geodesic_circle(pt.x, pt.y, radius), closed=True,
                                    facecolor=kind_colour(f.properties["kind"]), alpha=0.8,
                                    edgecolor=kind_colour(f.properties["kind"]),
                                    linewidth=width, fill=False,
                                    linestyle=dashes(web_style.UNCERTAINTY_DASH, width, k),
                                    zorder=6))
    groups: dict[tuple, list[Feature]] = {}
    for f in sorted(spec.places, key=lambda f: (f.collection, f.id)):
        pt = f.geometry()
        groups.setdefault((f.collection, round(pt.x, 5), round(pt.y, 5)), []).append(f)
    shared = {(x, y) for (c, x, y) in groups if c == "sites" and ("parks", x, y) in groups}
    numbered = []
    number = 0
    halo = [patheffects.withStroke(linewidth=2.5 * k, foreground="white")]
    for (collection, x, y), feats in groups.items():
        exact = all(f.properties.get("precision") == "site" for f in feats)
        colour = kind_colour(feats[0].properties["kind"])
        shift = (-4.5 if collection == "parks" else 4.5) * k if (x, y) in shared else 0
        where = offset_copy(ax.transData, fig=ax.figure, x=shift, y=0, units="points")
        ax.plot([x], [y], linestyle="none", marker="o", markersize=9 * k,
                markeredgecolor=colour, markeredgewidth=2.2 * k, transform=where,
                markerfacecolor=colour if exact else "white", zorder=7, path_effects=halo)
        numbers = []
        for f in feats:
            number += 1
            numbers.append(number)
            numbered.append((str(number), f))
        if spec.numbered:
            tag = ",".join(str(n) for n in numbers)
        else:
            tag = f"×{len(feats)}" if len(feats) > 1 else ""
        if tag:
            for effects, colour, z in (([patheffects.withStroke(linewidth=2, foreground="white")],
                                        "white", 7.99), ([], style.INK, 8)):
                ax.annotate(tag, (x, y), xytext=(5 * k + shift, 3), textcoords="offset points",
                            fontsize=fs.marker, color=colour, zorder=z, path_effects=effects,
                            **font)
    return numbered if spec.numbered else []


def place_handles(spec: MapSpec, lang: str) -> list:
    """The web legend's place rows: each kind's colour, then solid / hollow / dashed circle."""
    from matplotlib.lines import Line2D

    if not spec.places:
        return []
    order = list(web_style.KIND_COLOURS)
    kinds = sorted({f.properties["kind"] for f in spec.places},
                   key=lambda kind: order.index(kind) if kind in order else len(order))
    out = [Line2D([], [], linestyle="none", marker="o", markersize=6,
                  markeredgecolor=kind_colour(kind), markerfacecolor=kind_colour(kind),
                  markeredgewidth=1.5, label=words.label("kind", kind, lang)) for kind in kinds]
    exact = {f.properties.get("precision") == "site" for f in spec.places}
    if True in exact:
        out.append(Line2D([], [], linestyle="none", marker="o", markersize=6,
                          markeredgecolor="#333333", markerfacecolor="#333333",
                          markeredgewidth=1.5, label=label(lang, "legend.solid")))
    if False in exact:
        out.append(Line2D([], [], linestyle="none", marker="o", markersize=6,
                          markeredgecolor="#333333", markerfacecolor="white",
                          markeredgewidth=1.5, label=label(lang, "legend.hollow")))
    if any(f.properties.get("uncertainty_km") for f in spec.places):
        out.append(Line2D([], [], linestyle="none", marker="o", markersize=11,
                          markerfacecolor="none", markeredgecolor="#333333",
                          markeredgewidth=0.8, label=label(lang, "legend.circle")))
    return out
