"""The progress map on paper (PNG, SVG, PDF): prefectures filled by status, elements outlined
in theirs, names with the status shape, parks and sites marked by their status's shape. The
colours and shapes are the web map's (:mod:`.progress_style`), fills painted opaquely as they
look there (:func:`.style.blended`)."""

from __future__ import annotations

import textwrap

from .. import words
from ..data.progress import STATUSES
from ..data.progress_board import counts
from ..data.progress_areas import PROJECT_MARKS
from . import static_style as style
from .labels import label
from .progress_popups import counts_text, status_text
from .progress_style import (FILL_OPACITY, PROJECT_MARKS_STYLE, STATUS_COLOURS, element_line,
                             ink_on, status_shape)
from .static_labels import label_point
from .static_paint import add_polygon, halo_text, largest
from .static_spec import MapSpec
from .style import PT_PER_PX, blended


def draw_progress(ax, store, spec: MapSpec, lang: str, fs, font) -> list:
    """Every layer of the progress map; returns the legend handles (areas' statuses, then the
    projects' marks drawn)."""
    from matplotlib import patheffects
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    areas = spec.progress
    k = fs.scale
    fills = {s: blended(c, opacity=FILL_OPACITY) for s, c in STATUS_COLOURS.items()}
    for area in areas.prefectures:
        geom = area.area.geometry(spec.lod)
        add_polygon(ax, geom, facecolor=fills[area.status], edgecolor="none", zorder=1)
        add_polygon(ax, geom, facecolor="none", edgecolor=style.EDGE, linewidth=0.5, zorder=2)
    add_polygon(ax, store.province().geometry(spec.lod), facecolor="none",
                edgecolor="#555555", linewidth=1.0, zorder=3)
    for area in areas.elements:
        geom = area.area.geometry(spec.lod)
        if geom is None:
            continue
        colour, weight = element_line(area.status)
        add_polygon(ax, geom, facecolor="none", edgecolor=colour,
                    linewidth=weight * PT_PER_PX * k, zorder=4.5)

    located = [p for p in areas.projects if p.feature.geometry() is not None]
    points = [p.feature.geometry() for p in located]
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    badges = []  # the elements' badges first: the prefectures' names keep clear of them
    for area in areas.elements:
        geom = area.area.geometry("medium")
        if geom is None:
            continue
        pt = label_point(largest(geom), points + badges)
        badges.append(pt)
        short = area.area.properties.get("short_en" if lang == "en" else "short_zh") or ""
        ax.text(pt.x, pt.y, f"{status_shape(area.status)} {short}", fontsize=fs.small,
                weight="bold", ha="center", va="center", color=ink_on(area.status),
                zorder=8.5, clip_on=True,
                bbox={"boxstyle": "round,pad=0.25", "facecolor": STATUS_COLOURS[area.status],
                      "edgecolor": "white", "linewidth": 0.8}, **font)
    for area in areas.prefectures:
        pt = label_point(largest(area.area.geometry("medium")), points + badges)
        if not (x0 < pt.x < x1 and y0 < pt.y < y1):
            continue
        p = area.area.properties
        name = p.get("short_en" if lang == "en" else "short_zh") or area.area.name(lang)
        halo_text(ax, pt.x, pt.y, f"{name} {status_shape(area.status)}", 2.2,
                  fontsize=fs.label, weight="bold", ha="center", va="center",
                  color=style.INK, zorder=8, clip_on=True, **font)

    halo = [patheffects.withStroke(linewidth=2.5 * k, foreground="white")]
    drawn = set()
    for p in located:
        mark = PROJECT_MARKS_STYLE[p.status]
        drawn.add(p.status)
        pt = p.feature.geometry()
        ax.plot([pt.x], [pt.y], linestyle="none", marker=mark.mpl, markersize=8 * k,
                markerfacecolor=mark.colour if mark.filled else "white",
                markeredgecolor=style.INK if mark.filled else mark.colour,
                markeredgewidth=(0.9 if mark.filled else 1.8) * k, zorder=7,
                path_effects=halo)

    width = 48 if lang == "en" else 24  # the legend column's width in characters
    handles = [_note(label(lang, "progress_map.areas_rule"), width)]
    handles += [Patch(facecolor=fills[s], edgecolor=style.EDGE, linewidth=0.5,
                      label=status_text(lang, s)) for s in STATUSES]
    if drawn:
        handles.append(_note(label(lang, "progress_map.projects"), width))
    for status in PROJECT_MARKS:
        if status not in drawn:
            continue
        mark = PROJECT_MARKS_STYLE[status]
        name = (label(lang, "progress_map.project_unknown") if status == "unknown"
                else words.label("status", status, lang))
        handles.append(Line2D([], [], linestyle="none", marker=mark.mpl, markersize=7,
                              markerfacecolor=mark.colour if mark.filled else "white",
                              markeredgecolor=style.INK if mark.filled else mark.colour,
                              markeredgewidth=0.9 if mark.filled else 1.6, label=name))
    if areas.province:  # the targets no area shows, counted by status
        colon = words.colon(lang)
        handles.append(_note(label(lang, "progress_map.province") + colon
                             + counts_text(lang, counts(areas.province)), width))
    if not areas.has_data:  # what the map lacks, and what would fill it
        handles += [_note(label(lang, key), width)
                    for key in ("progress_map.no_data", "progress_map.fill_hint")]
    return handles


def _note(text: str, width: int):
    """A legend line of text without a symbol (a heading, the rule), wrapped to the column."""
    from matplotlib.patches import Patch

    return Patch(visible=False, label=textwrap.fill(text, width))
