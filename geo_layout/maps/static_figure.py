"""The page of a static map: its size in inches, the font sizes that follow it, where the map
frame and the legend panel go (legend beside the map in landscape, under it in portrait), and
the map frame's projection: equirectangular with aspect 1/cos(lat0), so distances are true
along the central parallel. Composes the layers and the furniture in drawing order."""

from __future__ import annotations

import math

from ..data.store import Store
from . import static_style as style
from .static_areas import draw_areas
from .static_furniture import (draw_footer, draw_north_arrow, draw_panel, draw_scale_bar,
                               draw_titles)
from .static_labels import draw_labels
from .static_places import draw_places, place_handles
from .static_spec import MapSpec


class FontSizes:
    """Font sizes (points) for a page ``scale`` times A4's short side."""

    def __init__(self, scale: float):
        self.scale = scale  # line widths and marker sizes follow the page like the text
        self.title = 15 * scale
        self.subtitle = 9.5 * scale
        self.label = 7.5 * scale
        self.small = 6.5 * scale
        self.legend = 7.5 * scale
        self.footer = 6 * scale
        self.marker = 5.5 * scale


def figure_inches(size: str, orientation: str, dpi: int) -> tuple[float, float]:
    """Page inches; nudged by a hundredth of a pixel so Agg's truncation lands on the
    rounded pixel size of :func:`static_style.pixel_size`."""
    px_w, px_h = style.pixel_size(size, orientation, dpi)
    return (px_w + 0.01) / dpi, (px_h + 0.01) / dpi


def fit_bounds(bounds, box_w: float, box_h: float) -> tuple[float, float, float, float, float]:
    """Grow ``bounds`` so that, drawn with aspect 1/cos(lat0), they fill a box of
    ``box_w`` x ``box_h``; returns (minx, miny, maxx, maxy, lat0)."""
    minx, miny, maxx, maxy = bounds
    lat0 = (miny + maxy) / 2
    k = 1 / math.cos(math.radians(lat0))
    dx, dy = maxx - minx, maxy - miny
    if dy * k / dx < box_h / box_w:
        dy = dx * box_h / box_w / k
    else:
        dx = dy * k * box_w / box_h
    cx, cy = (minx + maxx) / 2, lat0
    return cx - dx / 2, cy - dy / 2, cx + dx / 2, cy + dy / 2, lat0


def build_figure(store: Store, spec: MapSpec, lang: str, size: str, orientation: str, dpi: int,
                 family: list[str]):
    """The whole page as a ``matplotlib.figure.Figure`` (no pyplot: no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    w_in, h_in = figure_inches(size, orientation, dpi)
    fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    scale = min(w_in, h_in) / 8.27  # font scale: 1 on A4
    landscape = w_in >= h_in
    fs = FontSizes(scale)
    font = {"family": family}

    top = 1 - 0.95 / h_in
    if landscape:
        map_rect, panel_rect = (0.025, 0.10, 0.60, top - 0.10), (0.65, 0.10, 0.33, top - 0.10)
    else:
        map_rect, panel_rect = (0.04, 0.36, 0.92, top - 0.36), (0.04, 0.09, 0.92, 0.26)
    ax = fig.add_axes(map_rect)
    minx, miny, maxx, maxy, lat0 = fit_bounds(spec.bounds, map_rect[2] * w_in, map_rect[3] * h_in)
    ax.set_xlim(minx, maxx)
    ax.set_ylim(miny, maxy)
    ax.set_aspect(1 / math.cos(math.radians(lat0)), adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_facecolor("#F7FBFF")
    for spine in ax.spines.values():
        spine.set_edgecolor("#999999")
        spine.set_linewidth(0.6)

    if spec.kind == "progress":
        from .static_progress import draw_progress

        handles, numbered = draw_progress(ax, store, spec, lang, fs, font), []
    else:
        handles = draw_areas(ax, store, spec, lang, fs.scale)
        draw_labels(ax, store, spec, lang, fs, font)
        handles += place_handles(spec, lang)
        numbered = draw_places(ax, spec, fs, font)
        if spec.numbered:
            numbered += [("–", f) for f in spec.unlisted]
    draw_scale_bar(ax, lat0, fs, font, lang)
    draw_north_arrow(ax, fs, font, lang)
    draw_titles(fig, spec.title, store.plan().title.get(lang), h_in, fs, font)
    panel = fig.add_axes(panel_rect)
    panel.set_axis_off()
    draw_panel(fig, panel, handles, numbered, lang, fs, font, landscape)
    draw_footer(fig, store, spec, lang, fs, font)
    return fig
