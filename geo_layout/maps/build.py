"""The service's maps as ``folium.Map`` objects: one builder per map, same options for all.

Common keyword options (every builder):

- ``lang`` "zh" | "en": every label, tooltip, popup and control title.
- ``basemap`` one of :data:`BASEMAPS`; "none" (default) is offline; "amap" shifts every overlay
  to GCJ-02; "tianditu" needs ``tianditu_key``. Anything else raises ``InvalidParameter``.
- ``layers`` ids of the layers to show at first (others stay in the layer control, hidden);
  ``m.layer_ids`` lists a map's layers. An unknown id raises ``InvalidParameter``.
- ``view`` ``(west, south, east, north)`` or ``{"center": (lat, lon), "zoom": z}``; the
  boundaries' level of detail follows it. Default: fit the map's content.
- ``legend`` show the legend control. ``asset_base`` URL prefix of the offline assets
  (served by ``geo_layout.web.assets``). ``link_base`` prefix of links in popups.

Places the plan does not locate (precision ``unknown``) are never pinned: every builder sets
``m.unlocated``, a list of their store ``Feature`` objects (sorted by collection then id), for
the page to list; :func:`unlocated` gives the same list without building a map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from typing import Any, Iterable, Mapping

from ..data.features import PLACE_COLLECTIONS
from ..errors import InvalidParameter, TooLarge
from . import geometry as geo
from .basemaps import BASEMAPS, LocalTiles, check_basemap, overlay_crs, tile_layers
from .extents import extent_names, has_drawn_area
from .labels import label
from .popups import (
    Context, county_tooltip, element_popup, element_tooltip, legend_html, place_popup,
    place_tooltip, prefecture_popup, prefecture_tooltip,
)
from .tiles import add_basemap
from .refine import add_refinement
from .render import MapParts, map_parts, render_document
from .style import (
    APPROXIMATE_DASH, FOCUS, HATCH, KIND_COLOURS, LAYOUT_FILL_OPACITY, OUTLINE, element_symbol,
    ink_for, leaflet_style, level_for_zoom,
)
from .roles import palette

__all__ = ["BASEMAPS", "LocalTiles", "MapParts",
           "layout_map", "element_map", "prefecture_map", "places_map",
           "place_map", "map_parts", "render_document", "unlocated"]

LANGS = ("zh", "en")
MAX_ZOOM = 18


@dataclass(frozen=True)
class _Options:
    lang: str
    basemap: str
    tianditu_key: str
    layers: tuple[str, ...] | None
    view: Any
    legend: bool
    asset_base: str
    link_base: str
    local_tiles: LocalTiles | None = None

    @property
    def crs(self) -> str:
        return overlay_crs(self.basemap, self.local_tiles)

    @property
    def api_base(self) -> str:
        """Where the page's scripts fetch data: the API beside the pages the popups link to
        (so a plan served under /plans/<id>/ asks its own API). A standalone file's absolute
        links keep the scripts on a relative /api, which such a file never reaches."""
        base = self.link_base if self.link_base.startswith("/") else ""
        return f"{base.rstrip('/')}/api"

    def shows(self, layer_id: str) -> bool:
        return self.layers is None or layer_id in self.layers

    def lod(self, default: str) -> str:
        """The boundaries' level of detail: the builder's default, or what the view needs."""
        if self.view is None:
            return default
        if isinstance(self.view, dict):
            return level_for_zoom(self.view["zoom"])
        west, south, east, north = self.view
        span = max(east - west, north - south)
        return ("coarse" if span > 6 else "low" if span > 3 else "medium" if span > 0.6
                else "high")


def _options(lang="zh", basemap="none", tianditu_key="", layers=None, view=None, legend=True,
             asset_base="/assets", link_base="", local_tiles=None) -> _Options:
    if lang not in LANGS:
        raise InvalidParameter(f"unknown lang {lang!r}; languages are: zh, en")
    check_basemap(basemap, tianditu_key or "", local_tiles)
    if layers is not None:
        if isinstance(layers, str):
            layers = [layers]
        layers = tuple(str(x) for x in layers)
    return _Options(lang, basemap, tianditu_key or "", layers, _check_view(view), bool(legend),
                    asset_base, link_base, local_tiles)


def _check_view(view):
    if view is None:
        return None
    if isinstance(view, Mapping):
        try:
            lat, lon = (float(v) for v in view["center"])
            zoom = int(view["zoom"])
        except (KeyError, TypeError, ValueError):
            raise InvalidParameter('view must be {"center": (lat, lon), "zoom": z}') from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 1 <= zoom <= MAX_ZOOM):
            raise InvalidParameter(f"view center/zoom out of range: {lat}, {lon}, {zoom}")
        return {"center": (lat, lon), "zoom": zoom}
    return geo.check_bbox(view)


# --- map skeleton -----------------------------------------------------------------------

def _new_map(o: _Options, title: str, content_bounds):
    from .elements import GeoMap

    if isinstance(o.view, dict):
        location, zoom = list(o.view["center"]), o.view["zoom"]
    else:
        west, south, east, north = content_bounds
        location = [(south + north) / 2, (west + east) / 2]
        zoom = _zoom_for(content_bounds)
    m = GeoMap(asset_base=o.asset_base, lang=o.lang, title=title,
               location=location, zoom_start=zoom, max_zoom=MAX_ZOOM, min_zoom=4)
    m._geo_options = o
    return m


def _zoom_for(bounds, pixels: int = 800) -> int:
    """A starting zoom near what fitBounds will choose: Leaflet resets instead of animating
    big zoom jumps at start-up, and its SVG renderer then keeps the old view's extent."""
    west, south, east, north = bounds
    span = max(east - west, (north - south) * 1.1, 1e-6)
    return max(1, min(MAX_ZOOM, int(math.log2(360.0 * pixels / 256.0 / span))))


def _group(m, o: _Options, layer_id: str, name: str):
    import folium

    # The layer control shows the name as HTML, and branca re-reads its script as a Jinja
    # template: escape it, and write "{" as an entity so data never forms "{{" or "{%".
    group = folium.FeatureGroup(name=escape(name).replace("{", "&#123;"), show=o.shows(layer_id))
    group.layer_id = layer_id
    m.layer_ids.append(layer_id)
    m.layer_groups.append(group)
    return group.add_to(m)


def _zone_approximate(store) -> bool:
    """True when a zone element's extent is approximate (the legend then says so)."""
    return any(f.properties["kind"] == "zone" and f.properties.get("approximate")
               for f in store.query("layout-elements").features)


def _finish(m, o: _Options, ctx: Context, bounds, *, roles: bool, places: bool,
            kinds: Iterable[str] = (), legend: str | None = None):
    """Controls, legend (``legend``: a map's own legend HTML instead of the layout's),
    basemap and the first view."""
    import folium

    from .elements import LayerIds, Legend, MapControls

    unknown = [x for x in (o.layers or ()) if x not in m.layer_ids]
    if unknown:
        raise InvalidParameter(key="error.unknown_layers", unknown=", ".join(unknown),
                               allowed=", ".join(m.layer_ids))
    folium.LayerControl(collapsed=True).add_to(m)
    LayerIds(m.layer_groups).add_to(m)
    if o.legend and legend is not None:
        Legend(legend).add_to(m)
    elif o.legend:
        order = list(KIND_COLOURS)
        kinds = sorted(set(kinds), key=order.index)
        Legend(legend_html(o.lang, roles=ctx.roles if roles else None, places=places,
                           kinds=kinds, colours=palette(ctx.store).roles,
                           heading=ctx.store.plan().formula.get(o.lang),
                           zone_approximate=roles and _zone_approximate(ctx.store),
                           extents=extent_names(ctx.store.query("layout-elements").features,
                                                o.lang) if roles else None)
               ).add_to(m)
    texts = {key: label(o.lang, "control." + key) for key in
             ("fullscreen", "exit_fullscreen", "locate", "locate_failed")}
    texts["attribution"] = escape(label(o.lang, "map.attribution"))
    texts["hatch"] = {"colour": palette(ctx.store).zone_colour, **HATCH}
    MapControls(texts).add_to(m)
    add_basemap(m, tile_layers(o.basemap, o.tianditu_key, o.lang, o.local_tiles),
                lang=o.lang, asset_base=o.asset_base, crs=o.crs,
                skip_prefectures=getattr(m, "context_skip", ()), api_base=o.api_base)
    add_refinement(m, m.refinable, crs=o.crs, asset_base=o.asset_base, api_base=o.api_base)
    if o.view is None or not isinstance(o.view, dict):
        west, south, east, north = o.view if o.view is not None else bounds
        if o.view is not None and o.crs != "wgs84":
            west, south, east, north = geo.bounds([_box(o.view)], o.crs)
        m.initial_bounds = [[south, west], [north, east]]
    return m


def _box(bbox):
    import shapely

    return shapely.box(*bbox)


def _gj(fid: str, geom, lod: str, o: _Options, style: dict, tooltip: str, popup: str | None,
        **props) -> dict:
    return {"type": "Feature", "id": fid,
            "properties": {"style": style, "tooltip": tooltip, "popup": popup, **props},
            "geometry": geo.geojson_geometry(geom, lod, o.crs)}


# --- layers ------------------------------------------------------------------------------

def _prefectures_layer(m, o: _Options, ctx: Context, lod: str, *, opacity: float,
                       labels: bool = True, only: Iterable[str] | None = None):
    """Prefectures filled by their layout role, with tooltips, popups and short-name labels."""
    from .elements import HtmlGeoJson, Labels

    pal = palette(ctx.store)
    group = _group(m, o, "prefectures", label(o.lang, "noun.prefectures"))
    features, names = [], []
    only = set(only) if only is not None else None
    for f in ctx.store.query("prefectures").features:
        if only is not None and f.id not in only:
            continue
        role = pal.prefecture_role(f.properties["elements"])
        style = {"color": OUTLINE, "weight": 1, "fillColor": pal.roles[role],
                 "fillOpacity": opacity, "className": f"gl-prefecture gl-role-{role}"}
        features.append(_gj(f.id, f.geometry(lod), lod, o, style,
                            prefecture_tooltip(ctx, f, role), prefecture_popup(ctx, f),
                            adcode=f.id, role=role))
        short = f.properties.get("short_en" if o.lang == "en" else "short_zh") or f.name(o.lang)
        names.append({"at": geo.label_point(f.geometry(lod), o.crs),
                      "html": f"<span>{escape(short)}</span>",
                      "cls": "gl-prefecture-label"})
    shapes = HtmlGeoJson("prefectures", features).add_to(group)
    m.refinable.append((shapes, "prefectures", lod))
    if labels:  # drawn after the shapes (see Labels), still toggled with their layer
        Labels(names, target=group).add_to(m)
    return group


def _element_layer(m, o: _Options, ctx: Context, feature, lod: str, *, badge: bool = True):
    """A layout element as its own layer: its outline (hatched for the zone) and a badge with
    its short name. An element with approximate parts is outlined part by part (:mod:`.extents`):
    whole prefectures and counties solid, approximate ones dashed, as on the static maps."""
    from .elements import HtmlGeoJson, Labels
    from .extents import element_parts, has_approximate_part

    p = feature.properties
    short = p["short_en"] if o.lang == "en" else p["short_zh"]
    # the layer list names the element as the legend and the pages do; the badge is short
    group = _group(m, o, feature.id, feature.name(o.lang) or feature.id)
    geom = feature.geometry(lod)
    if geom is None:
        return group
    colour = palette(ctx.store).element_colours.get(feature.id, OUTLINE)
    symbol = element_symbol(colour, p["kind"])
    cls = f"gl-element gl-{p['kind']}"
    if has_drawn_area(feature):  # its own boundary, not the counties standing in for it
        cls += " gl-drawn-area"
    popup = element_popup(ctx, feature)
    tooltip = element_tooltip(ctx, feature)
    by_part = has_approximate_part(feature)
    style = leaflet_style(symbol, className=cls)
    if by_part:  # the fill (hatch) of the whole; the outlines come part by part
        style.update(stroke=False)
    shapes = HtmlGeoJson(feature.id, [_gj(feature.id, geom, lod, o, style, tooltip, popup,
                                          kind=p["kind"])]).add_to(group)
    m.refinable.append((shapes, "layout-elements", lod))
    if by_part:
        by_collection: dict[str, list] = {}
        for part in element_parts(ctx.store, feature, lod):
            part_style = leaflet_style(
                element_symbol(colour, p["kind"], part.approximate), fill=False,
                className=f"gl-element-part gl-{p['kind']}-part"
                + (" gl-approximate-extent" if part.approximate else ""))
            by_collection.setdefault(part.collection, []).append(
                _gj(part.adcode, part.geometry, lod, o, part_style, tooltip, popup,
                    kind=p["kind"], approximate=part.approximate))
        for collection, features in by_collection.items():
            outlines = HtmlGeoJson(f"{feature.id}-{collection}", features).add_to(group)
            m.refinable.append((outlines, collection, lod))
    if badge:
        star = "★ " if p["kind"] == "point" else ""
        Labels([{"at": geo.label_point(geom, o.crs), "popup": popup,
                 "html": f'<span style="--gl-colour:{colour};--gl-ink:{ink_for(colour)}">'
                         f'{star}{escape(short or "")}</span>',
                 "cls": f"gl-badge gl-badge-{p['kind']}"}]).add_to(group)
    return group


def _places_layer(m, o: _Options, ctx: Context, layer_id: str, name: str, features) -> set[str]:
    """Located places as clustered markers (solid only when the site is known) with a dashed
    circle of ``uncertainty_km`` around approximate ones; unlocated ones go to ``m.unlocated``.
    Returns the kinds drawn (for the legend)."""
    from .elements import PlaceMarkers, UncertaintyCircles, marker_cluster

    group = _group(m, o, layer_id, name)
    markers, circles, seen, kinds = [], [], set(), set()
    for f in features:
        point = f.geometry()
        if point is None:
            m.unlocated.append(f)
            continue
        p = f.properties
        at = geo.latlon(point, o.crs)
        colour = KIND_COLOURS.get(p["kind"], OUTLINE)
        exact = p["precision"] == "site"
        kinds.add(p["kind"])
        markers.append({"id": f.id, "at": at, "colour": colour, "exact": exact,
                        "title": f.name(o.lang), "tooltip": place_tooltip(ctx, f),
                        "popup": place_popup(ctx, f)})
        if not exact and p.get("uncertainty_km"):
            key = (tuple(at), p["uncertainty_km"])
            if key not in seen:
                seen.add(key)
                circles.append({"at": at, "radius_m": round(p["uncertainty_km"] * 1000),
                                "colour": colour})
    if circles:
        UncertaintyCircles(circles).add_to(group)
    if markers:
        cluster = marker_cluster(o.asset_base).add_to(group)
        PlaceMarkers(markers).add_to(cluster)
    return kinds


def _province_bounds(store, o: _Options):
    return geo.bounds([f.geometry("low") for f in store.query("prefectures").features], o.crs)


def _selection_bounds(features, o: _Options):
    """The box around the located ``features`` and their uncertainty circles (at least ~2 km
    around a point), in the map's system; None when none is located."""
    import numpy as np
    import shapely

    located = [f for f in features if f.geometry() is not None]
    if not located:
        return None
    xy = shapely.get_coordinates([f.geometry() for f in located])
    km = np.array([f.properties.get("uncertainty_km") or 0.0 for f in located], dtype=float)
    dlat = np.maximum(km / 111.0 * 1.15, 0.02)
    dlon = dlat / np.cos(np.radians(np.clip(xy[:, 1], -80, 80)))
    box = shapely.box(float((xy[:, 0] - dlon).min()), float((xy[:, 1] - dlat).min()),
                      float((xy[:, 0] + dlon).max()), float((xy[:, 1] + dlat).max()))
    return geo.bounds([box], o.crs)


def _all_places(store, filters=None, collections=PLACE_COLLECTIONS):
    out = []
    for collection in collections:
        out += store.query(collection, filters).features
    return out


# --- public builders ---------------------------------------------------------------------

def layout_map(store, *, lang="zh", basemap="none", tianditu_key="", local_tiles=None,
               layers=None, view=None, legend=True, asset_base="/assets", link_base="",
               dynamic=None):
    """The layout overview, "一核、一区、两群、多点": prefectures filled by role, the zone
    hatched, the points starred, one layer per layout element, parks and sites clustered.

    ``dynamic`` as for :func:`places_map` (False for a standalone file: raises TooLarge above
    ``INLINE_LIMIT`` located places).

    Layers: ``prefectures``, one per layout element with a geometry (``core``, ``zone``,
    and each cluster by its id), ``places``."""
    o = _options(lang, basemap, tianditu_key, layers, view, legend, asset_base, link_base,
                 local_tiles)
    ctx = Context(store, o.lang, o.link_base)
    lod = o.lod("coarse")
    bounds = _province_bounds(store, o)
    m = _new_map(o, store.plan().layout_title.get(o.lang), bounds)
    _prefectures_layer(m, o, ctx, lod, opacity=LAYOUT_FILL_OPACITY)
    for f in store.query("layout-elements").features:   # the plan's order, as the legend
        if f.geometry(lod) is not None:
            _element_layer(m, o, ctx, f, lod)
    kinds = _mixed_places_layer(m, o, ctx, _all_places(store), dynamic=dynamic)
    return _finish(m, o, ctx, bounds, roles=True, places=True, kinds=kinds)


def _mixed_places_layer(m, o: _Options, ctx: Context, features, *, layer_id: str = "places",
                        name: str | None = None, collections=PLACE_COLLECTIONS,
                        filters: Mapping[str, str] | None = None, search: str | None = None,
                        dynamic: bool | None = None) -> set[str]:
    """A places layer (the overview's "places"; an element's, a prefecture's, the places
    maps'): a collection with more than DYNAMIC_THRESHOLD located points in ``features`` is
    loaded by view (:mod:`.dynamic`), asking the server for the selection that chose
    ``features`` (store ``filters``, text ``search``); the others are inlined. ``dynamic``
    True loads every one of ``collections`` by view, False inlines everything."""
    from .dynamic import DYNAMIC_THRESHOLD, INLINE_LIMIT, add_dynamic_points

    # one pass (100,000 sites): each collection's located count, unlocated places and kinds
    located: dict[str, int] = {}
    unlocated: dict[str, list] = {}
    kinds_of: dict[str, set] = {}
    for f in features:
        if f.geometry() is None:
            unlocated.setdefault(f.collection, []).append(f)
        else:
            located[f.collection] = located.get(f.collection, 0) + 1
            kinds_of.setdefault(f.collection, set()).add(f.properties["kind"])
    if dynamic is False and sum(located.values()) > INLINE_LIMIT:
        raise TooLarge(f"{sum(located.values()):,} located places are too many to put in one "
                       f"file (at most {INLINE_LIMIT:,}); filter the map, or download the "
                       f"data (/downloads/<collection>.geojson, .csv, .gpkg)")
    if dynamic is None:
        big = {c for c, n in located.items() if n > DYNAMIC_THRESHOLD}
    else:
        big = set(collections) if dynamic else set()
    kinds = _places_layer(m, o, ctx, layer_id, name or label(o.lang, "noun.places"),
                          [f for f in features if f.collection not in big] if big else
                          features)
    if big:
        group = next(g for g in m._children.values()
                     if getattr(g, "layer_id", None) == layer_id)
        for collection in sorted(big):
            m.unlocated += unlocated.get(collection, ())
            kinds |= kinds_of.get(collection, set())
            add_dynamic_points(m, group, collection, lang=o.lang, crs=o.crs,
                               link_base=o.link_base, asset_base=o.asset_base,
                               api_base=o.api_base, filters=filters, search=search,
                               as_of=getattr(ctx.store, "as_of", None))
        m.unlocated.sort(key=lambda f: (f.collection, f.id))
    return kinds


def element_map(store, element_id, *, lang="zh", basemap="none", tianditu_key="",
                local_tiles=None, layers=None, view=None, legend=True, asset_base="/assets",
                link_base="", dynamic=None):
    """One layout element: its prefectures or counties (medium detail), its places, and the
    province's prefectures around it. Raises NotFound for an unknown id. ``dynamic`` as for
    :func:`places_map` (by default a collection with more than ``DYNAMIC_THRESHOLD`` located
    points among the element's is loaded by view, asking for ``element=<id>``).

    Layers: ``prefectures``, the element's id, ``places``."""
    o = _options(lang, basemap, tianditu_key, layers, view, legend, asset_base, link_base,
                 local_tiles)
    feature = store.get("layout-elements", element_id)
    ctx = Context(store, o.lang, o.link_base)
    lod = o.lod("medium")
    geom = feature.geometry(lod)
    bounds = (geo.bounds([geom], o.crs) if geom is not None else _province_bounds(store, o))
    m = _new_map(o, label(o.lang, "title.element"), bounds)
    m.title = f"{feature.name(o.lang)} | {m.title}"
    _prefectures_layer(m, o, ctx, "low", opacity=0.15)
    _element_layer(m, o, ctx, feature, lod)
    selection = {"element": element_id}
    kinds = _mixed_places_layer(m, o, ctx, _all_places(store, selection), filters=selection,
                                dynamic=dynamic)
    return _finish(m, o, ctx, bounds, roles=True, places=True, kinds=kinds)


def prefecture_map(store, adcode, *, lang="zh", basemap="none", tianditu_key="",
                   local_tiles=None, layers=None, view=None, legend=True, asset_base="/assets",
                link_base="", dynamic=None):
    """A prefecture with its counties (medium detail, labelled) and its parks and sites.
    Raises NotFound for an unknown adcode. ``dynamic`` as for :func:`element_map`
    (``prefecture=<adcode>``).

    Layers: ``prefectures``, ``counties``, ``places``."""
    from .elements import HtmlGeoJson, Labels

    o = _options(lang, basemap, tianditu_key, layers, view, legend, asset_base, link_base,
                 local_tiles)
    prefecture = store.get("prefectures", str(adcode))
    ctx = Context(store, o.lang, o.link_base)
    lod = o.lod("medium")
    bounds = geo.bounds([prefecture.geometry(lod)], o.crs)
    m = _new_map(o, label(o.lang, "title.prefecture"), bounds)
    m.title = f"{prefecture.name(o.lang)} | {m.title}"
    _prefectures_layer(m, o, ctx, "low", opacity=0.2)
    group = _group(m, o, "counties", label(o.lang, "noun.counties"))
    counties = store.query("counties", {"prefecture": prefecture.id}).features
    approximate = {part["adcode"] for el in store.query("layout-elements").features
                   for part in el.properties["counties"] if part["extent"] == "approximate"}
    features, names = [], []
    for c in counties:
        style = {"color": "#222222", "weight": 1.2, "fillColor": "#ffffff", "fillOpacity": 0.05,
                 "className": "gl-county"}
        if c.properties["elements"]:
            style.update(fillColor=palette(store).zone_colour, fillOpacity=0.25)
        if c.id in approximate:
            style["dashArray"] = " ".join(f"{v:g}" for v in APPROXIMATE_DASH)
        tip = county_tooltip(ctx, c)
        features.append(_gj(c.id, c.geometry(lod), lod, o, style, tip, tip, adcode=c.id))
        names.append({"at": geo.label_point(c.geometry(lod), o.crs),
                      "html": f"<span>{escape(c.name(o.lang))}</span>",
                      "cls": "gl-county-label"})
    HtmlGeoJson("counties", features).add_to(group)
    Labels(names).add_to(group)
    outline = {"color": "#111111", "weight": 3, "fill": False, "className": "gl-focus"}
    HtmlGeoJson("focus", [_gj(prefecture.id, prefecture.geometry(lod), lod, o, outline,
                              escape(prefecture.name(o.lang)), None)]).add_to(group)
    selection = {"prefecture": prefecture.id}
    kinds = _mixed_places_layer(m, o, ctx, _all_places(store, selection), filters=selection,
                                dynamic=dynamic)
    m.context_skip = [prefecture.id]  # its counties are drawn and named above
    return _finish(m, o, ctx, bounds, roles=True, places=True, kinds=kinds)


def places_map(store, collection="parks", *, filters=None, ids=None, lang="zh",
               basemap="none", tianditu_key="", local_tiles=None, layers=None, view=None,
               legend=True, asset_base="/assets", link_base="", dynamic=None, search=None):
    """Parks, sites or both (``collection`` = ``parks`` | ``sites`` | ``places``), filtered like
    ``/api/<collection>`` (store filters) and, when ``ids`` is given, limited to those ids (the
    directory's search hits), over the prefectures coloured by layout role.

    ``dynamic``: load the points by view from ``/api/clusters/<collection>`` instead of
    inlining them (:mod:`.dynamic`); default (None): for each collection with more than
    ``DYNAMIC_THRESHOLD`` located points in the selection. The request carries ``filters``
    and ``search``, the text query ``ids`` came from (``/api/search``); ``ids`` without
    ``search`` cannot be asked for, so such a selection is always inlined. Needs the service's
    API (not for standalone files).

    Layers: ``prefectures`` and the collection's name."""
    if collection not in (*PLACE_COLLECTIONS, "places"):
        raise InvalidParameter(f"places_map shows parks, sites or places, not {collection!r}")
    o = _options(lang, basemap, tianditu_key, layers, view, legend, asset_base, link_base,
                 local_tiles)
    ctx = Context(store, o.lang, o.link_base)
    wanted = None if ids is None else set(ids)
    collections = PLACE_COLLECTIONS if collection == "places" else (collection,)
    features = [f for f in _all_places(store, filters, collections)
                if wanted is None or f.id in wanted]
    bounds = _province_bounds(store, o)
    if filters or ids is not None:  # a selection: the map opens on it
        bounds = _selection_bounds(features, o) or bounds
    m = _new_map(o, label(o.lang, "title." + collection), bounds)
    _prefectures_layer(m, o, ctx, o.lod("coarse"), opacity=0.3)
    if ids is not None and not search:
        dynamic = False
    kinds = _mixed_places_layer(m, o, ctx, features, layer_id=collection,
                                name=label(o.lang, "noun." + collection),
                                collections=collections, filters=filters, search=search,
                                dynamic=dynamic)
    return _finish(m, o, ctx, bounds, roles=True, places=True, kinds=kinds)


def geo_shape(geojson: dict):
    """A shapely geometry of a GeoJSON geometry object (a record's drawn ``area``)."""
    import shapely.geometry

    return shapely.geometry.shape(geojson)


def place_map(store, place_id, *, lang="zh", basemap="none", tianditu_key="",
              local_tiles=None, layers=None, view=None, legend=True, asset_base="/assets",
              link_base=""):
    """A small map for one park or site page: the place, its uncertainty circle and the county
    or prefecture it lies in. An unlocated place gets no marker (it is in ``m.unlocated``).
    Raises NotFound when the id is neither a park nor a site.

    Layers: ``prefectures`` (its prefecture), ``places``."""
    from .elements import HtmlGeoJson

    o = _options(lang, basemap, tianditu_key, layers, view, legend, asset_base, link_base,
                 local_tiles)
    feature = store.place(place_id)
    ctx = Context(store, o.lang, o.link_base)
    p = feature.properties
    lod = o.lod("high")
    area = None
    for collection, code in (("counties", p.get("county")), ("prefectures", p.get("prefecture"))):
        if code:
            area = store.get(collection, code)
            break
    point = feature.geometry()
    drawn = geo_shape(p["area"]) if p.get("area") else None
    if point is not None:  # the point, its uncertainty circle and the unit it lies in
        radius_deg = max((p.get("uncertainty_km") or 0.5) / 111.0 * 1.15, 0.02)
        shapes = [point.buffer(radius_deg)] + ([area.geometry(lod)] if area else [])
        shapes += [drawn] if drawn is not None else []
        bounds = geo.bounds(shapes, o.crs)
    elif area is not None:
        bounds = geo.bounds([area.geometry(lod)], o.crs)
    else:
        bounds = _province_bounds(store, o)
    m = _new_map(o, label(o.lang, "title.place"), bounds)
    m.title = f"{feature.name(o.lang)} | {m.title}"
    if p.get("prefecture"):
        group = _prefectures_layer(m, o, ctx, "medium", opacity=0.15, only=[p["prefecture"]])
    else:
        group = _prefectures_layer(m, o, ctx, "low", opacity=0.15)
    if area is not None and area.collection == "counties":
        style = leaflet_style(FOCUS, weight=2, dashArray=" ".join(f"{v:g}" for v in
                                                               APPROXIMATE_DASH),
                              className="gl-focus")
        HtmlGeoJson("focus", [_gj(area.id, area.geometry(lod), lod, o, style,
                                  escape(area.name(o.lang)), None)]).add_to(group)
    if drawn is not None:  # the place's own boundary, drawn or uploaded by an editor
        style = leaflet_style(FOCUS, weight=3, fillOpacity=0.1, className="gl-drawn-area")
        HtmlGeoJson("area", [_gj(feature.id, drawn, lod, o, style,
                                 escape(label(o.lang, "area.drawn")), None)]).add_to(group)
    kinds = _places_layer(m, o, ctx, "places", label(o.lang, "noun.places"), [feature])
    return _finish(m, o, ctx, bounds, roles=False, places=True, kinds=kinds)


def unlocated(store, collection: str = "parks", filters=None) -> list:
    """Places of ``collection`` ("parks", "sites" or "places" for both) that the plan does not
    locate: the list a page shows next to a map (same as the map's ``m.unlocated``)."""
    collections = PLACE_COLLECTIONS if collection == "places" else (collection,)
    if any(c not in PLACE_COLLECTIONS for c in collections):
        raise InvalidParameter(f"unlocated lists parks, sites or places, not {collection!r}")
    return [f for f in _all_places(store, filters, collections) if f.geometry() is None]
