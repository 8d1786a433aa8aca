"""Static maps (PNG, SVG, PDF) for documents, drawn with matplotlib without a browser.

They show what the interactive maps show: prefectures coloured by layout role, the zone as a
hatched outline, parks and sites with their precision, plus what a printed map needs (title,
legend, a true scale bar, north arrow, source and date). The projection is equirectangular
with aspect 1/cos(lat0), so distances are true along the central parallel and the scale bar
says so. Figures are built on ``matplotlib.figure.Figure`` (no pyplot, no global backend), and
rendering is serialised because matplotlib's text and rc machinery is not thread-safe.
"""

from __future__ import annotations

import datetime as _dt
import io
import math
import threading
from dataclasses import dataclass, field

import numpy as np
import shapely
import shapely.ops
from pyproj import Geod

from ..data.features import Feature
from ..data.store import Store
from .. import words
from ..errors import InvalidParameter, NotFound
from . import static_style as style
from . import style as web_style
from .fonts import TEXT_LANGUAGE, map_fonts, svg_with_fallbacks
from .geometry import check_bbox
from .extents import element_parts
from .labels import label
from .popups import role_labels

MAP_PATHS = ("maps/layout", "maps/parks", "maps/sites", "elements/<id>", "prefectures/<adcode>",
             "parks/<id>")
PLACE_COLLECTIONS = ("parks", "sites")
_GEOD = Geod(ellps="WGS84")
_render_lock = threading.Lock()
_NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 150, 200, 250, 500, 1000, 2000)


@dataclass
class MapSpec:
    """What one map path shows, resolved against the store."""

    kind: str                       # layout | parks | sites | element | prefecture
    title: str
    bounds: tuple[float, float, float, float]
    focus: Feature | None = None    # the element or prefecture of the map
    numbered: bool = True           # number the markers and list the names
    notes: list[str] = field(default_factory=list)
    lod: str = "medium"
    places: list[Feature] = field(default_factory=list)    # located: drawn as markers
    unlisted: list[Feature] = field(default_factory=list)  # unknown location: listed only
    unlocated: dict[str, int] = field(default_factory=dict)  # collection -> len(unlisted)
    area: Feature | None = None     # a place map's county or prefecture (drawn dashed)


def render_static(store: Store, map_path: str, *, fmt: str = "png", lang: str = "zh",
                  size: str = "a4", orientation: str = "landscape", dpi: int = 200,
                  filters: dict | None = None, view: tuple | None = None,
                  approval: str = "") -> bytes:
    """One map of the service as PNG, SVG or PDF bytes.

    ``map_path``: "maps/layout" (or "" for the overview), "maps/parks", "maps/sites",
    "elements/<id>", "prefectures/<adcode>", "parks/<id>" (a park or site). ``filters`` are the
    parks-directory filters (``{"prefecture": "530100"}``), applied to the places of the parks
    and sites maps, which then show the selection and name the filters in the footer. ``view``
    ``(west, south, east, north)``: the extent to show (what a page's map shows now) instead of
    the map's own. ``approval``: the map approval number (审图号) printed in the footer.
    Raises InvalidParameter (bad option), NotFound (unknown map), CJKFontMissing (503)."""
    style.check_options(fmt, lang, size, orientation, dpi)
    spec = resolve_map(store, map_path, lang, filters or {})
    if view is not None:
        spec.bounds = clip_view(check_bbox(view), store.province().geometry().bounds)
    if approval:
        spec.notes.append(style.text("approval", lang, number=approval))
    family = map_fonts().families(lang)
    import matplotlib

    # Data text is plain text: "$...$" in a name must not be parsed as mathtext. Texts are
    # shaped as Simplified Chinese (see fonts.py).
    with _render_lock, matplotlib.rc_context({"text.parse_math": False,
                                              "text.language": TEXT_LANGUAGE}):
        fig = _figure(store, spec, lang, size, orientation, dpi, family)
        body = _save(fig, fmt, size, orientation, dpi)
    return svg_with_fallbacks(body, lang) if fmt == "svg" else body


def clip_view(view, province, margin: float = 0.5) -> tuple[float, float, float, float]:
    """The part of ``view`` within ``margin`` degrees of the province: a page zoomed far out
    shows empty land around it that a printed map need not (there is no data there)."""
    west = max(view[0], province[0] - margin)
    south = max(view[1], province[1] - margin)
    east = min(view[2], province[2] + margin)
    north = min(view[3], province[3] + margin)
    if west >= east or south >= north:
        raise InvalidParameter(
            "bbox does not overlap the map's area ({:.2f},{:.2f},{:.2f},{:.2f})".format(
                *province))
    return west, south, east, north


# --- what a map path shows -------------------------------------------------------------

def resolve_map(store: Store, map_path: str, lang: str, filters: dict) -> MapSpec:
    path = map_path.strip("/")
    province = store.province().geometry("medium").bounds
    if path in ("", "maps/layout"):
        spec = MapSpec("layout", style.text("layout", lang), province, numbered=False)
        return _with_places(spec, store, PLACE_COLLECTIONS, {})
    if path in ("maps/parks", "maps/sites"):
        collection = path.split("/")[1]
        spec = _with_places(MapSpec(collection, style.text(collection, lang), province),
                            store, (collection,), filters)
        if filters:
            spec.bounds = _selection_bounds(store, spec, filters) or province
            spec.notes.append(style.text("filtered", lang,
                                         filters=filter_names(store, filters, lang)))
        return spec
    head, _, ident = path.partition("/")
    if head == "elements" and ident and "/" not in ident:
        return _element_map(store, store.get("layout-elements", ident), lang)
    if head == "prefectures" and ident and "/" not in ident:
        return _prefecture_map(store, store.get("prefectures", ident), lang)
    if head == "parks" and ident and "/" not in ident:
        return _place_map(store, _find_place(store, ident), lang)
    raise NotFound(f"unknown map {map_path!r}; maps are: {', '.join(MAP_PATHS)}")


def filter_names(store: Store, filters: dict, lang: str) -> str:
    """The directory filters as a reader knows them: "昆明市（州市）", "Kunming (prefecture)";
    a value that names nothing is shown as given."""
    from .labels import label

    collections = {"prefecture": "prefectures", "county": "counties",
                   "element": "layout-elements"}
    industries = {i.id: i.name.get(lang) for i in store.industries()}
    shown = []
    for key, value in filters.items():
        if key in collections:
            try:
                name = store.get(collections[key], value).name(lang)
            except NotFound:
                name = value
        elif key == "industry":
            name = industries.get(value, value)
        elif key in ("kind", "precision"):
            name = words.label(key, value, lang)
        else:
            name = value
        shown.append(style.text("filter-item", lang, name=name,
                                what=label(lang, f"filter.{key}")))
    return words.join(shown, lang)


def _selection_bounds(store: Store, spec: MapSpec, filters: dict):
    """The extent of a filtered selection: its located places and the prefecture, county or
    element it was filtered by (so one place still shows where it lies); None when empty."""
    parts = [f.geometry() for f in spec.places]
    for key, collection in (("prefecture", "prefectures"), ("county", "counties"),
                            ("element", "layout-elements")):
        if key in filters:
            try:
                parts.append(store.get(collection, filters[key]).geometry("medium"))
            except NotFound:
                pass
    parts = [g for g in parts if g is not None]
    return _pad(shapely.total_bounds(parts), 0.08, min_span=0.5) if parts else None


def _find_place(store: Store, place_id: str) -> Feature:
    for collection in PLACE_COLLECTIONS:
        try:
            return store.get(collection, place_id)
        except NotFound:
            continue
    raise NotFound(f"no park or site with id {place_id[:80]!r}")


def _place_map(store: Store, place: Feature, lang: str) -> MapSpec:
    """A park's or site's map, as on its page: the place, its uncertainty circle and the county
    (or prefecture) it lies in, dashed."""
    p = place.properties
    area = None
    for collection, code in (("counties", p.get("county")), ("prefectures", p.get("prefecture"))):
        if code:
            area = store.get(collection, code)
            break
    spec = MapSpec("place", place.name(lang), store.province().geometry().bounds,
                   numbered=False, area=area)
    _with_places(spec, store, (place.collection,), {}, {place.id})
    point = place.geometry()
    if point is not None:
        radius_deg = max((p.get("uncertainty_km") or 0.5) / 111.0 * 1.15, 0.02)
        parts = [point.buffer(radius_deg)] + ([area.geometry()] if area else [])
        spec.bounds = _pad(shapely.total_bounds(parts), 0.15, min_span=0.3)
    elif area is not None:
        spec.bounds = _pad(area.geometry().bounds, 0.15, min_span=0.3)
    return spec


def _with_places(spec: MapSpec, store: Store, collections, filters: dict,
                 ids: set | None = None) -> MapSpec:
    """Split the places of the map into drawn (located) and listed-only (unknown location)."""
    for name in collections:
        feats = [f for f in store.query(name, filters).features if ids is None or f.id in ids]
        spec.places += [f for f in feats if f.geometry() is not None]
        spec.unlisted += [f for f in feats if f.geometry() is None]
        spec.unlocated[name] = sum(1 for f in feats if f.geometry() is None)
    return spec


def _element_map(store: Store, element: Feature, lang: str) -> MapSpec:
    spec = MapSpec("element", element.name(lang), store.province().geometry().bounds,
                   focus=element)
    _with_places(spec, store, PLACE_COLLECTIONS, {}, set(element.properties.get("places", [])))
    geom = element.geometry("medium")
    parts = [g for g in [geom, *(p.geometry() for p in spec.places)] if g is not None]
    if parts:
        spec.bounds = _pad(shapely.total_bounds(parts), 0.25, min_span=1.2)
    if geom is None:
        spec.notes.append(style.text("no-geometry", lang))
    return spec


def _prefecture_map(store: Store, prefecture: Feature, lang: str) -> MapSpec:
    spec = MapSpec("prefecture", style.text("prefecture", lang, name=prefecture.name(lang)),
                   _pad(prefecture.geometry("high").bounds, 0.08, min_span=0.5),
                   focus=prefecture, lod="high")
    return _with_places(spec, store, PLACE_COLLECTIONS, {"prefecture": prefecture.id})


def _pad(bounds, fraction: float, min_span: float) -> tuple[float, float, float, float]:
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    hw = max(maxx - minx, min_span) * (0.5 + fraction)
    hh = max(maxy - miny, min_span) * (0.5 + fraction)
    return cx - hw, cy - hh, cx + hw, cy + hh


# --- roles and colours -----------------------------------------------------------------

def prefecture_roles(store: Store) -> dict[str, str]:
    """adcode -> role key, the one rule the web maps use (:func:`.style.prefecture_role`)."""
    kinds = {f.id: f.properties["kind"] for f in store.query("layout-elements").features}
    return {f.id: web_style.prefecture_role(f.properties.get("elements", []), kinds)
            for f in store.query("prefectures").features}


# --- geometry helpers ------------------------------------------------------------------

def _path(geom):
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


def _add_polygon(ax, geom, **kwargs):
    from matplotlib.patches import PathPatch

    path = _path(geom) if geom is not None else None
    if path is not None:
        ax.add_patch(PathPatch(path, **kwargs))


def geodesic_circle(lon: float, lat: float, radius_km: float, n: int = 72) -> np.ndarray:
    """Ring of points ``radius_km`` from (lon, lat) on the WGS-84 ellipsoid."""
    az = np.linspace(0, 360, n, endpoint=False)
    lons, lats, _ = _GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, radius_km * 1000))
    return np.column_stack([lons, lats])


def km_per_degree_lon(lat: float) -> float:
    """Length of one degree of longitude along the parallel ``lat`` on the WGS-84 ellipsoid."""
    phi = math.radians(lat)
    radius = _GEOD.a * math.cos(phi) / math.sqrt(1 - _GEOD.es * math.sin(phi) ** 2)
    return radius * math.pi / 180 / 1000


def scale_bar_length(span_km: float) -> float:
    """A round bar length near a fifth of the map width."""
    target = span_km / 5
    return max([k for k in _NICE_KM if k <= target] or [_NICE_KM[0]])


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


# --- the figure ------------------------------------------------------------------------

def _figure(store: Store, spec: MapSpec, lang: str, size: str, orientation: str, dpi: int,
            family: list[str]):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    w_in, h_in = _figure_inches(size, orientation, dpi)
    fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    scale = min(w_in, h_in) / 8.27  # font scale: 1 on A4
    landscape = w_in >= h_in
    fs = _FontSizes(scale)
    font = {"family": family}

    if landscape:
        top = 1 - 0.95 / h_in
        map_rect, panel_rect = (0.025, 0.10, 0.60, top - 0.10), (0.65, 0.10, 0.33, top - 0.10)
    else:
        top = 1 - 0.95 / h_in
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

    handles = _draw_map(ax, store, spec, lang, fs, font)
    numbered = _draw_places(ax, spec, fs, font)
    if spec.numbered:
        numbered += [("–", f) for f in spec.unlisted]
    _scale_bar(ax, lat0, fs, font, lang)
    _north_arrow(ax, fs, font, lang)

    plan = store.plan()
    fig.text(0.025, 1 - 0.3 / h_in, spec.title, fontsize=fs.title, weight="bold", va="top", color=style.INK,
             **font)
    fig.text(0.025, 1 - 0.68 / h_in, plan.title.get(lang), fontsize=fs.subtitle, va="top", color="#555555",
             **font)
    panel = fig.add_axes(panel_rect)
    panel.set_axis_off()
    _panel(fig, panel, handles, numbered, spec, lang, fs, font, landscape)
    _footer(fig, store, spec, lang, fs, font)
    return fig


def _figure_inches(size: str, orientation: str, dpi: int) -> tuple[float, float]:
    """Page inches; nudged by a hundredth of a pixel so Agg's truncation lands on the
    rounded pixel size of :func:`static_style.pixel_size`."""
    px_w, px_h = style.pixel_size(size, orientation, dpi)
    return (px_w + 0.01) / dpi, (px_h + 0.01) / dpi


class _FontSizes:
    def __init__(self, scale: float):
        self.scale = scale  # line widths and marker sizes follow the page like the text
        self.title = 15 * scale
        self.subtitle = 9.5 * scale
        self.label = 7.5 * scale
        self.small = 6.5 * scale
        self.legend = 7.5 * scale
        self.footer = 6 * scale
        self.marker = 5.5 * scale


def _draw_map(ax, store: Store, spec: MapSpec, lang: str, fs, font) -> list:
    """Boundaries, roles and layout elements, drawn with the web maps' symbols
    (:mod:`.style`): role fills, element outlines, the zone's hatch, and every part whose
    extent is approximate dashed. Returns the legend handles, worded as the web legend."""
    from matplotlib.patches import Patch

    roles = prefecture_roles(store)
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
        _add_polygon(ax, f.geometry(spec.lod), facecolor=style.ROLE_COLOURS[role], alpha=alpha,
                     edgecolor="none", zorder=1)
        _add_polygon(ax, f.geometry(spec.lod), facecolor="none", edgecolor=style.EDGE,
                     linewidth=0.5, zorder=2)
    _add_polygon(ax, store.province().geometry(spec.lod), facecolor="none",
                 edgecolor="#555555", linewidth=1.0, zorder=3)

    names = role_labels(store, lang)  # the web legend's rows, in the plan's order
    handles = [Patch(facecolor=style.ROLE_COLOURS[r], edgecolor=style.EDGE, linewidth=0.5,
                     label=names[r]) for r in web_style.ROLES if r in names]
    k = fs.scale
    approximate_drawn = False
    elements = store.query("layout-elements").features
    if spec.kind in ("element", "place"):  # the page's subject only, as on its web map
        elements = [el for el in elements if el.id == focus_id]
    for el in elements:
        geom = el.geometry(spec.lod)
        if geom is None:
            continue
        kind = el.properties["kind"]
        symbol = web_style.element_symbol(el.id, kind)
        if el.id == focus_id:
            symbol = web_style.Symbol(web_style.FOCUS.colour, web_style.FOCUS.weight,
                                      hatched=symbol.hatched)
        if symbol.hatched:
            draw_hatch(ax, geom, k, zorder=4)
        for part in element_parts(store, el, spec.lod):
            part_symbol = symbol
            if part.approximate:
                approximate_drawn = True
                part_symbol = web_style.Symbol(symbol.colour, symbol.weight,
                                               web_style.APPROXIMATE_DASH)
            draw_outline(ax, part.geometry, part_symbol, k, zorder=5 if el.id == focus_id else 4.5)
        if kind == "point":  # starred, as the web map's badge ("★ 瑞丽")
            star = shapely.ops.polylabel(_largest(geom), tolerance=0.01)
            from matplotlib.transforms import offset_copy

            beside = offset_copy(ax.transData, fig=ax.figure, x=-11 * k, y=9 * k,
                                 units="points")  # beside the county's places, not on them
            ax.plot([star.x], [star.y], linestyle="none", marker="*", markersize=13 * k,
                    markerfacecolor=web_style.ROLE_COLOURS["point"], markeredgecolor=style.INK,
                    markeredgewidth=0.8 * k, transform=beside, zorder=7.5)
    if any(el.properties["kind"] == "zone" and el.geometry(spec.lod) is not None
           for el in elements):
        handles.append(_hatch_handle(names["zone"]))
    if approximate_drawn:
        handles.append(Patch(facecolor="none", edgecolor=web_style.OUTLINE,
                             linewidth=web_style.FOCUS.weight * web_style.PT_PER_PX,
                             linestyle=_dashes(web_style.APPROXIMATE_DASH, 2.25),
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
                             linestyle=_dashes(web_style.APPROXIMATE_DASH, 1.5),
                             label=style.text("place-area", lang, name=spec.area.name(lang))))

    _labels(ax, store, spec, lang, fs, font)
    handles += _place_handles(spec, lang)
    return handles


def _dashes(dash_px, linewidth_pt: float, k: float = 1.0):
    """A matplotlib dash style for ``dash_px`` (CSS px) on a line ``linewidth_pt`` wide:
    matplotlib scales dashes by the line width, so the pattern is divided by it."""
    return (0, tuple(v * web_style.PT_PER_PX * k / linewidth_pt for v in dash_px))


def draw_outline(ax, geom, symbol, k: float, zorder: float) -> None:
    """An outline drawn with a web map ``symbol`` (px widths and dashes become points)."""
    width = symbol.weight * web_style.PT_PER_PX * k
    linestyle = _dashes(symbol.dash, width, k) if symbol.dash else "-"
    _add_polygon(ax, geom, facecolor="none", edgecolor=symbol.colour, linewidth=width,
                 linestyle=linestyle, zorder=zorder)


def _hatch_spec():
    """matplotlib's hatch for :data:`.style.HATCH`: "/" lines lie 72/6 pt apart along x (about
    8.5 pt across), near the web's 8 px stripes; the stripe keeps the web's share of ink."""
    spacing_pt = 72 / 6 / math.sqrt(2)
    width = web_style.HATCH["width"] / web_style.HATCH["spacing"] * spacing_pt
    return "/", width


def draw_hatch(ax, geom, k: float, zorder: float) -> None:
    from matplotlib.patches import PathPatch

    path = _path(geom) if geom is not None else None
    if path is None:
        return
    pattern, width = _hatch_spec()
    patch = PathPatch(path, facecolor="none", edgecolor=web_style.HATCH["colour"], linewidth=0,
                      hatch=pattern, zorder=zorder)
    patch.set_hatch_linewidth(width)
    ax.add_patch(patch)


def _hatch_handle(text: str):
    from matplotlib.patches import Patch

    pattern, width = _hatch_spec()
    handle = Patch(facecolor="none", edgecolor=web_style.HATCH["colour"],
                   linewidth=web_style.element_symbol("zone", "zone").weight
                   * web_style.PT_PER_PX, hatch=pattern, label=text)
    handle.set_hatch_linewidth(width)
    return handle


def _labels(ax, store: Store, spec: MapSpec, lang: str, fs, font) -> None:
    halo = 2.2
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    if spec.kind == "prefecture":
        units = store.query("counties", {"prefecture": spec.focus.id}).features
        _add_many(ax, [u.geometry("high") for u in units], edgecolor="#666666", linewidth=0.4)
        size, weight = fs.small, "normal"
    else:
        units = store.query("prefectures").features
        size, weight = fs.label, "bold"
    markers = [f.geometry() for f in spec.places]
    for unit in units:
        pt = label_point(_largest(unit.geometry("medium")), markers)
        mx, my = 0.07 * (x1 - x0), 0.03 * (y1 - y0)
        if not (x0 + mx < pt.x < x1 - mx and y0 + my < pt.y < y1 - my):
            continue
        name = unit.properties.get("short_en" if lang == "en" else "short_zh") or unit.name(lang)
        _halo_text(ax, pt.x, pt.y, name, halo, fontsize=size, weight=weight, ha="center",
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


def _halo_text(ax, x, y, label, width, **kwargs):
    """Text with a white halo. The halo is a separate stroked copy because text drawn with
    path effects becomes outlines in PDF/SVG; the real text on top stays searchable."""
    from matplotlib import patheffects

    halo = dict(kwargs, color="white", zorder=kwargs.get("zorder", 8) - 0.01)
    ax.text(x, y, label, path_effects=[patheffects.withStroke(linewidth=width,
                                                              foreground="white")], **halo)
    ax.text(x, y, label, **kwargs)


def _add_many(ax, geoms, **kwargs):
    for g in geoms:
        _add_polygon(ax, g, facecolor="none", zorder=2.5, **kwargs)


def _largest(geom):
    parts = list(shapely.get_parts(geom))
    return max(parts, key=lambda p: p.area)


def _place_handles(spec: MapSpec, lang: str) -> list:
    """The web legend's place rows: each kind's colour, then solid / hollow / dashed circle."""
    from matplotlib.lines import Line2D

    if not spec.places:
        return []
    order = list(web_style.KIND_COLOURS)
    kinds = sorted({f.properties["kind"] for f in spec.places},
                   key=lambda kind: order.index(kind) if kind in order else len(order))
    out = [Line2D([], [], linestyle="none", marker="o", markersize=6,
                  markeredgecolor=_kind_colour(kind), markerfacecolor=_kind_colour(kind),
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


def _kind_colour(kind: str) -> str:
    return web_style.KIND_COLOURS.get(kind, web_style.OUTLINE)


def _draw_places(ax, spec: MapSpec, fs, font) -> list[tuple[str, list[Feature]]]:
    """Markers as on the web maps: a dot in its kind's colour, solid for an exact site, hollow
    (white) when known to a town, county or prefecture, with a dashed circle of its
    uncertainty; places sharing a point share a marker. Returns the numbered list."""
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
                                    facecolor=_kind_colour(f.properties["kind"]), alpha=0.8,
                                    edgecolor=_kind_colour(f.properties["kind"]),
                                    linewidth=width, fill=False,
                                    linestyle=_dashes(web_style.UNCERTAINTY_DASH, width, k),
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
        colour = _kind_colour(feats[0].properties["kind"])
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


def _scale_bar(ax, lat0: float, fs, font, lang: str) -> None:
    from matplotlib.patches import Rectangle

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    kmdeg = km_per_degree_lon(lat0)
    length_km = scale_bar_length((x1 - x0) * kmdeg)
    length_deg = length_km / kmdeg
    bx, by = x0 + 0.04 * (x1 - x0), y0 + 0.06 * (y1 - y0)
    height = 0.012 * (y1 - y0)
    for i, colour in enumerate((style.INK, "white")):
        ax.add_patch(Rectangle((bx + i * length_deg / 2, by), length_deg / 2, height,
                               facecolor=colour, edgecolor=style.INK, linewidth=0.6, zorder=9))
    for value, x in ((0, bx), (length_km / 2, bx + length_deg / 2), (length_km, bx + length_deg)):
        label = f"{value:g} km" if value == length_km else f"{value:g}"
        ax.text(x, by + height * 1.6, label, fontsize=fs.small, ha="center", va="bottom",
                color=style.INK, zorder=9, **font)
    ax.text(bx, by - height * 0.8, style.text("scale-note", lang, lat=lat0), fontsize=fs.small * 0.9,
            ha="left", va="top", color="#444444", zorder=9, **font)


def _north_arrow(ax, fs, font, lang: str) -> None:
    ax.annotate("", xy=(0.955, 0.95), xytext=(0.955, 0.86), xycoords="axes fraction",
                arrowprops={"arrowstyle": "-|>,head_width=0.35,head_length=0.7",
                            "color": style.INK, "linewidth": 1.4}, zorder=9)
    ax.text(0.955, 0.845, style.text("north", lang), transform=ax.transAxes, ha="center",
            va="top", fontsize=fs.label, weight="bold", color=style.INK, zorder=9, **font)


def _panel(fig, panel, handles, numbered, spec: MapSpec, lang: str, fs, font,
           landscape: bool) -> None:
    """Legend on top (landscape) or left (portrait); the numbered place list after it."""
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=font["family"], size=fs.legend)
    legend = panel.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, 1),
                          frameon=False, prop=prop, title=style.text("legend", lang),
                          title_fontproperties=FontProperties(family=font["family"],
                                                              size=fs.legend * 1.1,
                                                              weight="bold"),
                          alignment="left", handlelength=1.8, borderaxespad=0)
    if not numbered:
        return
    renderer = fig.canvas.get_renderer()
    box = legend.get_window_extent(renderer).transformed(panel.transAxes.inverted())
    if landscape:
        x, y, width = 0.0, box.y0 - 0.04, 1.0
    else:
        x, y, width = 0.52, 1.0, 0.48
    limit = 26 if lang == "zh" else 48
    lines = []
    for number, f in numbered:
        name = f.name(lang)
        name = name if len(name) <= limit else name[: limit - 1] + "…"
        lines.append(f"{number}  {name}")
    per_column = max(1, int((y - 0.0) / (fs.small * 1.45 / 72 / (panel.get_position().height
                                                                    * fig.get_figheight()))))
    columns = [lines[i:i + per_column] for i in range(0, len(lines), per_column)]
    for i, column in enumerate(columns[:2]):
        panel.text(x + i * width / 2, y, "\n".join(column), transform=panel.transAxes,
                   fontsize=fs.small, va="top", ha="left", color=style.INK,
                   linespacing=1.35, **font)


def _footer(fig, store: Store, spec: MapSpec, lang: str, fs, font) -> None:
    plan = store.plan()
    issuer = plan.issuer.get(lang)
    notes = list(spec.notes)
    missing = spec.unlocated
    if any(missing.values()):
        notes.append(style.unlocated_note(missing.get("parks", 0), missing.get("sites", 0),
                                          lang))
    lines = [
        "  ".join(notes),
        style.text("source", lang, plan=plan.title.get(lang), issuer=issuer) + "    "
        + style.text("date", lang, date=_dt.date.today().isoformat()),
        style.text("attribution", lang, issuer=issuer),
    ]
    fig.text(0.025, 0.012, "\n".join(line for line in lines if line), fontsize=fs.footer,
             va="bottom", ha="left", color="#444444", linespacing=1.4, **font)


# --- output ----------------------------------------------------------------------------

def _save(fig, fmt: str, size: str, orientation: str, dpi: int) -> bytes:
    """Vector formats keep real text and the exact paper size; PNG gets the rounded pixel size.
    SVG text names its font (svg.fonttype none); PDF embeds the glyphs as Type 3 fonts with
    their Unicode (Noto CJK is CFF-flavoured OpenType, which pdf.fonttype 42 would declare as
    TrueType: readers warn of the mismatch)."""
    import matplotlib

    if fmt != "png":
        fig.set_size_inches(*style.page_inches(size, orientation))
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "pdf.fonttype": 3,
                                "svg.hashsalt": "geo-layout"}):
        fig.savefig(buf, format=fmt, dpi=dpi, facecolor="white",
                    metadata=_metadata(fmt))
    return buf.getvalue()


def _metadata(fmt: str) -> dict:
    if fmt == "png":
        return {"Software": "geo_layout"}
    if fmt == "pdf":
        return {"Creator": "geo_layout", "Producer": "geo_layout (matplotlib)"}
    return {"Creator": "geo_layout"}
