"""The static maps' area layers: prefectures filled by layout role, the province outline, the
layout elements (outlines, the zone's hatch, the point element's star, approximate extents
dashed) and a place map's county. Drawn with the web maps' symbols (:mod:`.style`) and the
same role rule, so a printed map and the page's map look alike."""

from __future__ import annotations

import textwrap

import shapely.ops

from ..data.store import Store
from . import static_style as style
from . import style as web_style
from .extents import element_parts, extent_names, has_drawn_area
from .labels import label
from .popups import extent_lines, role_labels
from .roles import palette
from .static_paint import add_polygon, dashes, draw_hatch, draw_outline, hatch_handle, largest
from .static_spec import MapSpec


def prefecture_roles(store: Store) -> dict[str, str]:
    """adcode -> role key, by the one rule of the web maps (:mod:`.roles`)."""
    pal = palette(store)
    return {f.id: pal.prefecture_role(f.properties.get("elements", []))
            for f in store.query("prefectures").features}


def draw_areas(ax, store: Store, spec: MapSpec, lang: str, k: float) -> list:
    """Boundaries, roles and layout elements: role fills, element outlines, the zone's hatch,
    and every part whose extent is approximate dashed; ``k`` scales line widths with the page.
    Returns the legend handles, worded as the web legend."""
    from matplotlib.patches import Patch

    roles = prefecture_roles(store)
    pal = palette(store)
    fills = style.role_fills(pal.roles)
    focus_id = spec.focus.id if spec.focus is not None else None
    dim = spec.kind in ("element", "prefecture", "place")
    prefectures = store.query("prefectures").features
    focus_codes = set()
    if spec.kind == "element":
        focus_codes = {f.id for f in prefectures if focus_id in f.properties.get("elements", [])}
    elif spec.kind == "prefecture":
        focus_codes = {focus_id}
    for f in prefectures:
        role = roles[f.id]
        alpha = 0.35 if dim and f.id not in focus_codes and role != "none" else 1.0
        add_polygon(ax, f.geometry(spec.lod), facecolor=fills[role], alpha=alpha,
                    edgecolor="none", zorder=1)
        add_polygon(ax, f.geometry(spec.lod), facecolor="none", edgecolor=style.EDGE,
                    linewidth=0.5, zorder=2)
    add_polygon(ax, store.province().geometry(spec.lod), facecolor="none",
                edgecolor="#555555", linewidth=1.0, zorder=3)

    names = role_labels(store, lang)  # the web legend's rows, in the plan's order
    handles = [Patch(facecolor=fills[r], edgecolor=style.EDGE, linewidth=0.5,
                     label=names[r]) for r in pal.fill_roles if r in names]
    approximate_drawn = False
    elements = store.query("layout-elements").features
    if spec.kind in ("element", "place"):  # the page's subject only, as on its web map
        elements = [el for el in elements if el.id == focus_id]
    for el in elements:
        geom = el.geometry(spec.lod)
        if geom is None:
            continue
        kind = el.properties["kind"]
        symbol = web_style.element_symbol(pal.element_colours.get(el.id, web_style.OUTLINE),
                                          kind)
        if el.id == focus_id:
            symbol = web_style.Symbol(web_style.FOCUS.colour, web_style.FOCUS.weight,
                                      hatched=symbol.hatched)
        if symbol.hatched:
            draw_hatch(ax, geom, pal.zone_colour, k, zorder=4)
        if has_drawn_area(el):  # its own boundary: outlined whole, no county parts
            draw_outline(ax, geom, symbol, k, zorder=5 if el.id == focus_id else 4.5)
        for part in element_parts(store, el, spec.lod):
            part_symbol = symbol
            if part.approximate:
                approximate_drawn = True
                part_symbol = web_style.Symbol(symbol.colour, symbol.weight,
                                               web_style.APPROXIMATE_DASH)
            draw_outline(ax, part.geometry, part_symbol, k, zorder=5 if el.id == focus_id else 4.5)
        if kind == "point":
            _star(ax, geom, pal.roles["point"], k)
    if any(el.properties["kind"] == "zone" and el.geometry(spec.lod) is not None
           for el in elements):
        handles.append(hatch_handle(names["zone"], pal.zone_colour))
    drawn = [el for el in elements if has_drawn_area(el)]
    if drawn:  # which elements are a drawn boundary, which whole counties (as on the web)
        lines = extent_lines(lang, *extent_names(elements, lang))
        width = 48 if lang == "en" else 24  # the legend column's width in characters
        handles += [Patch(facecolor="none", edgecolor=web_style.OUTLINE, linewidth=w,
                          label=textwrap.fill(line, width)) for line, w in zip(lines, (2.0, 0.5))]
    if approximate_drawn:
        handles.append(Patch(facecolor="none", edgecolor=web_style.OUTLINE,
                             linewidth=web_style.FOCUS.weight * web_style.PT_PER_PX,
                             linestyle=dashes(web_style.APPROXIMATE_DASH, 2.25),
                             label=label(lang, "legend.approximate")))
    if spec.kind == "element" and spec.focus.geometry(spec.lod) is not None:
        handles.append(Patch(facecolor="none", edgecolor=web_style.FOCUS.colour,
                             linewidth=web_style.FOCUS.weight * web_style.PT_PER_PX,
                             label=style.text("focus", lang)))
    if spec.area is not None:
        draw_outline(ax, spec.area.geometry("high"),
                     web_style.Symbol(web_style.FOCUS.colour, 2, web_style.APPROXIMATE_DASH),
                     k, zorder=5)
        handles.append(Patch(facecolor="none", edgecolor=web_style.FOCUS.colour,
                             linewidth=2 * web_style.PT_PER_PX,
                             linestyle=dashes(web_style.APPROXIMATE_DASH, 1.5),
                             label=style.text("place-area", lang, name=spec.area.name(lang))))
    return handles


def _star(ax, geom, colour: str, k: float) -> None:
    """The point element starred, as the web map's badge ("★ 瑞丽"), set beside the county's
    places rather than on them."""
    from matplotlib.transforms import offset_copy

    star = shapely.ops.polylabel(largest(geom), tolerance=0.01)
    beside = offset_copy(ax.transData, fig=ax.figure, x=-11 * k, y=9 * k, units="points")
    ax.plot([star.x], [star.y], linestyle="none", marker="*", markersize=13 * k,
            markerfacecolor=colour, markeredgecolor=style.INK,
            markeredgewidth=0.8 * k, transform=beside, zorder=7.5)
