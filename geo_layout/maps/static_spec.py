"""What a static map shows: a map path and the directory filters resolved against the store
into a :class:`MapSpec` (title, extent, the places drawn and the places only listed, footer
notes). The extents are decided here, apart from drawing, so a test can check them without
matplotlib. Map paths are parsed by the site's one router, :func:`.by_path.parse_map_path`."""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely

from .. import words
from ..data.features import PLACE_COLLECTIONS, Feature
from ..data.store import Store
from ..errors import InvalidParameter, NotFound
from . import static_style as style
from .by_path import parse_map_path
from .labels import label



@dataclass
class MapSpec:
    """What one map path shows, resolved against the store."""

    kind: str                       # layout | parks | sites | element | prefecture | place
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
    progress: object | None = None  # the progress map's data.progress_areas.ProgressAreas


def resolve_map(store: Store, map_path: str, lang: str, filters: dict,
                as_of=None) -> MapSpec:
    """The spec of the map at ``map_path``; ``filters`` apply to the parks and sites maps,
    ``as_of`` (a date) to the progress map. Raises NotFound for an unknown path or id."""
    kind, ident = parse_map_path(map_path)
    province = store.province().geometry("medium").bounds
    if kind == "progress":
        return _progress_map(store, lang, province, as_of)
    if kind == "layout":
        spec = MapSpec("layout", store.plan().layout_title.get(lang), province, numbered=False)
        return _with_places(spec, store, PLACE_COLLECTIONS, {})
    if kind in ("parks", "sites"):
        spec = _with_places(MapSpec(kind, style.text(kind, lang), province),
                            store, (kind,), filters)
        if filters:
            spec.bounds = _selection_bounds(store, spec, filters) or province
            spec.notes.append(style.text("filtered", lang,
                                         filters=filter_names(store, filters, lang)))
        return spec
    if kind == "element":
        return _element_map(store, store.get("layout-elements", ident), lang)
    if kind == "prefecture":
        return _prefecture_map(store, store.get("prefectures", ident), lang)
    return _place_map(store, store.place(ident), lang)


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


def filter_names(store: Store, filters: dict, lang: str) -> str:
    """The directory filters as a reader knows them: "<name>（州市）", "<name> (prefecture)";
    a value that names nothing is shown as given."""
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
        elif key in ("kind", "precision", "status", "land_available"):
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


def _progress_map(store: Store, lang: str, province, as_of) -> MapSpec:
    """The progress map (:mod:`..data.progress_areas`): the province, its statuses on
    ``as_of``; the footer says the date (the legend, when nothing has data, what would
    fill it)."""
    from ..data.progress_areas import progress_areas

    areas = progress_areas(store, as_of)
    spec = MapSpec("progress", words.t("progress_map.title", lang), province, numbered=False,
                   progress=areas)
    spec.notes.append(words.t("progress_map.as_of", lang, date=as_of.isoformat()) if as_of
                      else words.t("progress_map.today", lang))
    for collection in PLACE_COLLECTIONS:
        spec.unlocated[collection] = sum(1 for p in areas.projects
                                         if p.feature.collection == collection
                                         and p.feature.geometry() is None)
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
    """``bounds`` grown by ``fraction`` of their span on each side, at least ``min_span``
    degrees across, so a single point or a thin area still gets a readable map."""
    minx, miny, maxx, maxy = (float(v) for v in bounds)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    hw = max(maxx - minx, min_span) * (0.5 + fraction)
    hh = max(maxy - miny, min_span) * (0.5 + fraction)
    return cx - hw, cy - hh, cx + hw, cy + hh
