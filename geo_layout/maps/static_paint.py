"""Drawing primitives of the static maps on a matplotlib axes: polygons (holes kept empty),
outlines and the zone's hatch in the web maps' symbols (:mod:`.style`: px widths and dashes
become points), and text with a white halo. The layers (:mod:`.static_areas`,
:mod:`.static_places`) are built from these, so a symbol is translated from web to print in
one place."""

from __future__ import annotations

import math

import numpy as np
import shapely

from . import style as web_style


def polygon_path(geom):
    """A matplotlib Path for a (multi)polygon, holes wound the other way so they stay empty."""
    from matplotlib.path import Path

    verts, codes = [], []
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon" and not g.is_empty]
    for poly in polys:
        poly = shapely.geometry.polygon.orient(poly, 1.0)
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            verts.append(xy)
            codes.append([Path.MOVETO] + [Path.LINETO] * (len(xy) - 2) + [Path.CLOSEPOLY])
    if not verts:
        return None
    return Path(np.concatenate(verts), np.concatenate(codes))


def add_polygon(ax, geom, **kwargs) -> None:
    """``geom`` as a patch with matplotlib's ``kwargs``; nothing for None or no polygon."""
    from matplotlib.patches import PathPatch

    path = polygon_path(geom) if geom is not None else None
    if path is not None:
        ax.add_patch(PathPatch(path, **kwargs))


def dashes(dash_px, linewidth_pt: float, k: float = 1.0):
    """A matplotlib dash style for ``dash_px`` (CSS px) on a line ``linewidth_pt`` wide:
    matplotlib scales dashes by the line width, so the pattern is divided by it."""
    return (0, tuple(v * web_style.PT_PER_PX * k / linewidth_pt for v in dash_px))


def draw_outline(ax, geom, symbol, k: float, zorder: float) -> None:
    """An outline drawn with a web map ``symbol`` (px widths and dashes become points)."""
    width = symbol.weight * web_style.PT_PER_PX * k
    linestyle = dashes(symbol.dash, width, k) if symbol.dash else "-"
    add_polygon(ax, geom, facecolor="none", edgecolor=symbol.colour, linewidth=width,
                linestyle=linestyle, zorder=zorder)


def _hatch_spec():
    """matplotlib's hatch for :data:`.style.HATCH`: "/" lines lie 72/6 pt apart along x (about
    8.5 pt across), near the web's 8 px stripes; the stripe keeps the web's share of ink."""
    spacing_pt = 72 / 6 / math.sqrt(2)
    width = web_style.HATCH["width"] / web_style.HATCH["spacing"] * spacing_pt
    return "/", width


def draw_hatch(ax, geom, colour: str, k: float, zorder: float) -> None:
    """The zone's hatch (in its ``colour``) over ``geom``."""
    from matplotlib.patches import PathPatch

    path = polygon_path(geom) if geom is not None else None
    if path is None:
        return
    pattern, width = _hatch_spec()
    patch = PathPatch(path, facecolor="none", edgecolor=colour, linewidth=0,
                      hatch=pattern, zorder=zorder)
    patch.set_hatch_linewidth(width)
    ax.add_patch(patch)


def hatch_handle(text: str, colour: str):
    """The legend row of the hatch, drawn as on the map."""
    from matplotlib.patches import Patch

    pattern, width = _hatch_spec()
    handle = Patch(facecolor="none", edgecolor=colour,
                   linewidth=web_style.element_symbol(colour, "zone").weight
                   * web_style.PT_PER_PX, hatch=pattern, label=text)
    handle.set_hatch_linewidth(width)
    return handle


def halo_text(ax, x, y, text, width, **kwargs) -> None:
    """Text with a white halo. The halo is a separate stroked copy because text drawn with
    path effects becomes outlines in PDF/SVG; the real text on top stays searchable."""
    from matplotlib import patheffects

    halo = dict(kwargs, color="white", zorder=kwargs.get("zorder", 8) - 0.01)
    ax.text(x, y, text, path_effects=[patheffects.withStroke(linewidth=width,
                                                             foreground="white")], **halo)
    ax.text(x, y, text, **kwargs)


def largest(geom):
    """The largest polygon of ``geom`` (where a multipolygon's name or star goes)."""
    parts = list(shapely.get_parts(geom))
    return max(parts, key=lambda p: p.area)
