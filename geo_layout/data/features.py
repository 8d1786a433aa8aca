"""Flattens a Dataset into per-collection features (id, JSON-ready properties, geometry):
the one shape the store, the API, the downloads and the maps all read."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import shapely

from .areas import as_geojson
from .model import LAND_AVAILABLE, LODS, Dataset, Place, Text

GEOMETRY_COLLECTIONS = ("prefectures", "counties", "layout-elements", "parks", "sites")
#: The places: parks and project sites, points that share one id space and the /parks pages.
PLACE_COLLECTIONS = ("parks", "sites")
TABLE_COLLECTIONS = ("enterprises", "targets", "target-values")
#: Lookup tables: the ids other collections hold (industries, citation sections), with names.
LOOKUP_COLLECTIONS = ("industries", "sections")
COLLECTIONS = GEOMETRY_COLLECTIONS + TABLE_COLLECTIONS + LOOKUP_COLLECTIONS
#: What editors change (a database store): the plan's own records, not the boundaries.
WRITABLE_COLLECTIONS = ("layout-elements", "parks", "sites", "enterprises", "targets",
                        "target-values")


@dataclass(frozen=True, slots=True)
class Feature:
    """One record of a collection. ``geometries`` maps level of detail to a shapely geometry
    (points have the same geometry at every level); empty for table collections and for
    records the plan does not locate. Slots, not an attribute dict: ~9 MB less at 100,000
    sites."""

    collection: str
    id: str
    properties: Mapping[str, Any]  # a place's: :class:`Properties`
    geometries: dict = field(default_factory=dict, compare=False, repr=False)
    #: what ``web.geojson`` wrote of it (its memo: set once, outside equality and repr)
    _geojson_memo: list | None = field(default=None, init=False, compare=False, repr=False)

    def geometry(self, lod: str = "medium"):
        return self.geometries.get(lod)

    def name(self, lang: str) -> str:
        return self.properties.get("name_en" if lang == "en" else "name_zh") or self.id


class PointGeometries(Mapping):
    """A point's ``geometries``: the same point at every level of detail, as a read-only
    mapping (lod -> point) of one slot instead of a 4-key dict per feature (~150 bytes less a
    point, 15 MB at 100,000 sites)."""

    __slots__ = ("point",)

    def __init__(self, point):
        self.point = point

    def __getitem__(self, lod: str):
        if lod in LODS:
            return self.point
        raise KeyError(lod)

    def get(self, lod, default=None):
        return self.point if lod in LODS else default

    def __iter__(self):
        return iter(LODS)

    def __len__(self) -> int:
        return len(LODS)

    def __repr__(self) -> str:
        return repr(dict(self))


#: Property names as shared strings: an f-string key is a new string per feature (five
#: text properties a site made ~33 MB of duplicate keys at 100,000 sites).
_TEXT_KEYS: dict[str, tuple[str, str]] = {}


def _text(prefix: str, text: Text | None) -> dict[str, str | None]:
    keys = _TEXT_KEYS.get(prefix)
    if keys is None:
        keys = _TEXT_KEYS[prefix] = (sys.intern(f"{prefix}_zh"), sys.intern(f"{prefix}_en"))
    return {keys[0]: text.zh if text else None, keys[1]: text.en if text else None}


def _cite(record) -> dict[str, Any]:
    return {"citation_section": record.citation.section,
            "citation_paragraph": record.citation.paragraph}


def build_features(ds: Dataset, reuse: Mapping[str, Feature] | None = None
                   ) -> dict[str, list[Feature]]:
    """All collections of a dataset, each sorted by id (adcode for boundaries), except the
    layout elements, which keep the plan's order ("一核、一区、两群、多点", as the layout file
    lists them); every list of element ids is in that order too.

    ``reuse``: place features (by id) still right for ``ds``, taken as they are: after an edit
    only the places it touched are built again (100,000 sites cost seconds, one costs µs)."""
    reuse = reuse or {}
    rank = {el.id: i for i, el in enumerate(ds.elements)}

    def in_plan_order(ids) -> list[str]:
        return sorted(ids, key=lambda e: rank.get(e, len(rank)))

    element_by_prefecture: dict[str, list[str]] = {}
    element_by_county: dict[str, list[str]] = {}
    for el in ds.elements:
        for code in el.prefectures:
            element_by_prefecture.setdefault(code, []).append(el.id)
        for part in el.counties:
            element_by_county.setdefault(part.adcode, []).append(el.id)
            parent = next(c.parent for c in ds.counties if c.adcode == part.adcode)
            element_by_prefecture.setdefault(parent, [])
            if el.id not in element_by_prefecture[parent]:
                element_by_prefecture[parent].append(el.id)
    kinds = {el.id: el.kind for el in ds.elements}
    places = (*ds.parks, *ds.sites)
    enterprises_by_place = enterprises_naming(ds)

    # grouped once: one pass over the places, not one per prefecture and per element
    places_by_prefecture: dict[str, list[str]] = {}
    places_by_element: dict[str, list[str]] = {}
    for p in places:
        places_by_prefecture.setdefault(p.prefecture, []).append(p.id)
        for eid in dict.fromkeys(p.elements):
            places_by_element.setdefault(eid, []).append(p.id)

    out: dict[str, list[Feature]] = {name: [] for name in COLLECTIONS}
    for b in ds.prefectures:
        els = element_by_prefecture.get(b.adcode, [])
        out["prefectures"].append(Feature("prefectures", b.adcode, {
            "adcode": b.adcode, "parent": b.parent, "level": "prefecture",
            "name_zh": b.name.zh, "name_en": b.name.en, **_text("short", b.short),
            "elements": els,
            "roles": sorted({kinds[e] for e in els}),
            "places": sorted(places_by_prefecture.get(b.adcode, [])),
        }, dict(b.geometries)))
    for b in ds.counties:
        out["counties"].append(Feature("counties", b.adcode, {
            "adcode": b.adcode, "parent": b.parent, "prefecture": b.parent, "level": "county",
            "name_zh": b.name.zh, "name_en": b.name.en, **_text("short", b.short),
            "elements": element_by_county.get(b.adcode, []),
        }, dict(b.geometries)))

    county_geoms = {c.adcode: c.geometries for c in ds.counties}
    prefecture_geoms = {p.adcode: p.geometries for p in ds.prefectures}
    for el in ds.elements:
        members = [prefecture_geoms[c] for c in el.prefectures] + [
            county_geoms[p.adcode] for p in el.counties]
        geoms = {}
        if el.area is not None:  # a drawn boundary: the element's extent, at every level
            geoms = {lod: el.area for lod in LODS}
        elif members:
            for lod in LODS:
                geoms[lod] = shapely.union_all([m[lod] for m in members])
        out["layout-elements"].append(Feature("layout-elements", el.id, {
            "id": el.id, "kind": el.kind, **_text("name", el.name), **_text("short", el.short),
            **_text("role", el.role), **_text("note", el.note),
            "prefectures": list(el.prefectures),
            "counties": [{"adcode": p.adcode, "extent": p.extent,
                          "note_zh": p.note.zh if p.note else None,
                          "note_en": p.note.en if p.note else None} for p in el.counties],
            "approximate": el.approximate, "industries": list(el.industries),
            "places": sorted(places_by_element.get(el.id, [])),
            "enterprises": sorted(e.id for e in ds.enterprises if el.id in e.elements),
            **_cite(el), **_area(el),
        }, geoms))

    def kept(place) -> Feature | None:
        found = reuse.get(place.id)
        return found if found is not None and found.collection == place.collection else None

    built = iter(place_features(ds, [p for p in places if kept(p) is None],
                                enterprises_by_place))
    for place in places:
        out[place.collection].append(kept(place) or next(built))
    for ent in ds.enterprises:
        out["enterprises"].append(Feature("enterprises", ent.id, {
            "id": ent.id, **_text("name", ent.name), "role": ent.role,
            "elements": in_plan_order(ent.elements), "parks": list(ent.parks),
            "industries": list(ent.industries), **_text("note", ent.note), **_cite(ent),
        }))
    for t in ds.targets:
        out["targets"].append(Feature("targets", t.id, {
            "id": t.id, **_text("name", t.name), "measure": t.measure, "value": t.value,
            "value_max": t.value_max, "comparator": t.comparator, **_text("unit", t.unit),
            "year": t.year, "period_start": t.period[0] if t.period else None,
            "period_end": t.period[1] if t.period else None, **_text("scope", t.scope),
            "elements": in_plan_order(t.elements), "industries": list(t.industries),
            "related": list(t.related), **_text("note", t.note), **_cite(t),
        }))
    units = {t.id: t.unit for t in ds.targets}
    for v in ds.target_values:
        out["target-values"].append(Feature("target-values", v.id, {
            "id": v.id, "target": v.target, "value": v.value, "date": v.on.isoformat(),
            "year": v.on.year, "by_year": v.by_year, **_text("unit", units.get(v.target)),
            "value_source": v.source, **_text("note", v.note),
        }))
    _lookups(ds, out)
    for name in COLLECTIONS:
        if name == "target-values":  # a target's values together, oldest first
            out[name].sort(key=lambda f: (f.properties["target"], f.properties["date"], f.id))
        elif name not in OWN_ORDER:
            out[name].sort(key=lambda f: f.id)
    return out


#: the collections :func:`build_features` keeps in an order of their own, not by id
OWN_ORDER = ("layout-elements", "target-values")


def enterprises_naming(ds: Dataset) -> dict[str, list[str]]:
    """Place id -> the ids of the enterprises that name it (among their parks)."""
    out: dict[str, list[str]] = {}
    for ent in ds.enterprises:
        for pid in ent.parks:
            out.setdefault(pid, []).append(ent.id)
    return out


def listing_place(prefecture: str | None, elements, industries) -> list[tuple[str, str]]:
    """``(collection, id)`` of every feature whose ``places`` lists a place in
    ``prefecture``, naming ``elements`` and ``industries`` (what its creation or deletion
    changes besides itself; :func:`build_features` makes those lists)."""
    return [("prefectures", prefecture), *(("layout-elements", e) for e in elements),
            *(("industries", i) for i in industries)]


def relisted(feature: Feature, places: list[str]) -> Feature:
    """``feature`` (a prefecture, layout element or industry) listing ``places`` instead."""
    return Feature(feature.collection, feature.id, {**feature.properties, "places": places},
                   feature.geometries)


def place_feature(ds: Dataset, place: Place, enterprises: list[str]) -> Feature:
    """The feature of one place, as :func:`build_features` makes it (``enterprises``: the ids
    of the enterprises that name it)."""
    return place_features(ds, [place], {place.id: list(enterprises)})[0]


def place_features(ds: Dataset, places, enterprises_by_place: Mapping[str, list[str]]
                   ) -> list[Feature]:
    """The features of ``places`` (of ``ds``), as :func:`build_features` makes them
    (``enterprises_by_place``: place id -> the enterprises that name it). Their points come
    from one vectorised call: shapely.Point() one at a time costs ~20 µs each (2 s at
    100,000)."""
    rank = {el.id: i for i, el in enumerate(ds.elements)}
    located = [p for p in places if p.point is not None]
    points = dict(zip((p.id for p in located),
                      shapely.points([p.point for p in located]).tolist() if located else []))
    areas = _areas(ds)
    lists: dict[tuple, list] = {}

    def shared(items) -> list:
        """One list object for every place with the same values (most sites share their
        elements, areas, industries and an empty list of enterprises); read-only, like all
        feature properties."""
        key = tuple(items)
        found = lists.get(key)
        if found is None:
            found = lists[key] = list(key)
        return found

    derived: dict[tuple, tuple] = {}

    def share_derived(lists: tuple) -> tuple:
        """One tuple for every place whose derived lists are the same (shared) lists."""
        return derived.setdefault(tuple(map(id, lists)), lists)

    return [_place_feature(p, enterprises_by_place, points.get(p.id),
                           sorted(p.elements, key=lambda e: rank.get(e, len(rank))), areas,
                           shared, share_derived) for p in places]


def _areas(ds: Dataset) -> dict[str, list[str]]:
    """Prefecture or county adcode -> the layout elements whose area (as drawn) holds it, in
    the plan's order: a place lies in an element's area when its prefecture is a member, or
    its county is one of the element's counties."""
    out: dict[str, list[str]] = {}
    for el in ds.elements:
        for code in (*el.prefectures, *(part.adcode for part in el.counties)):
            out.setdefault(code, []).append(el.id)
    return out


def located_in(place: Place, areas: dict[str, list[str]]) -> list[str]:
    """The elements whose area holds ``place`` (see :func:`_areas`), each once."""
    found = [*areas.get(place.prefecture or "", ()), *areas.get(place.county or "", ())]
    return list(dict.fromkeys(found))


class Properties(Mapping):
    """A record's properties as a read-only mapping over a key table all its kind share
    (``_index``: key -> position; ``_values``: the values in that order), instead of a dict
    each: 100,000 sites with 35 properties took ~89 MB as plain dicts (CPython shares the
    keys of at most 29).

    Reads like the dict it replaces (``[]``, ``get``, ``in``, ``**``, iteration in insertion
    order, equality with a dict); ``json.dumps`` wants a real dict: :func:`plain` (what
    ``web.geojson.dumps`` applies), or ``dict(properties)``. A copy is a plain dict."""

    __slots__ = ()
    _index: dict[str, int]
    _values: tuple

    def __contains__(self, key) -> bool:
        return key in self._index

    def __iter__(self):
        return iter(self._index)

    def keys(self):
        return self._index.keys()

    def values(self):
        return [value for _, value in self.items()]

    def __eq__(self, other):
        if isinstance(other, Mapping):
            return dict(self.items()) == dict(other.items())
        return NotImplemented

    __hash__ = None  # like a dict

    def __or__(self, other):
        return {**self, **other} if isinstance(other, Mapping) else NotImplemented

    def __ror__(self, other):
        return {**other, **self} if isinstance(other, Mapping) else NotImplemented

    def copy(self) -> dict:
        return dict(self.items())

    def __copy__(self) -> dict:
        return self.copy()

    def __deepcopy__(self, memo) -> dict:
        import copy

        return copy.deepcopy(self.copy(), memo)

    def __reduce__(self):
        return dict, (self.items(),)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def plain(value):
    """``json.dumps``'s ``default``: a :class:`Properties` (or any other mapping) as a dict."""
    if isinstance(value, Mapping):
        return dict(value.items())
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class PlaceProperties(Properties):
    """A place's properties read from its :class:`Place` (no copy of its values: ~33 MB less
    at 100,000 sites than a tuple each) and from what the plan derives for it, one tuple
    many places share (``elements``, ``areas``, ``industries``, ``enterprises`` and the
    ``area`` as GeoJSON)."""

    __slots__ = ("_place", "_derived")
    _index = None  # set below: the key table of every place

    def __init__(self, place: Place, derived: tuple):
        self._place = place
        self._derived = derived

    @property
    def _values(self) -> tuple:
        return _place_row(self._place, self._derived)

    def __getitem__(self, key):
        return _PLACE_GETTERS[self._index[key]](self._place, self._derived)

    def get(self, key, default=None):
        at = self._index.get(key)
        return default if at is None else _PLACE_GETTERS[at](self._place, self._derived)

    def __len__(self) -> int:
        return len(_PLACE_GETTERS)

    def items(self):
        return list(zip(self._index, _place_row(self._place, self._derived)))


def _text_of(field: str, lang: str):
    def get(place, _):
        text = getattr(place, field)
        return getattr(text, lang) if text else None
    return get


def _field(name: str):
    def get(place, _):
        return getattr(place, name)
    return get


def _fact(read):
    """A fact for investors: null unless the place has them (``facts_source``)."""
    def get(place, derived):
        return None if place.facts_source is None else read(place, derived)
    return get


def _contact(read):
    return _fact(lambda place, _: read(place.contact) if place.contact else None)


def _derived_item(i: int):
    def get(_, derived):
        return derived[i]
    return get


#: a place's properties in order: name -> how to read it (place, derived)
_PLACE_FIELDS: dict[str, Any] = {
    "id": _field("id"), "name_zh": _text_of("name", "zh"), "name_en": _text_of("name", "en"),
    "kind": _field("kind"), "elements": _derived_item(0), "areas": _derived_item(1),
    "prefecture": _field("prefecture"), "county": _field("county"),
    "precision": _field("precision"), "point_source": _field("point_source"),
    "uncertainty_km": _field("uncertainty_km"), "location_source": _field("location_source"),
    "industries": _derived_item(2), "group": _field("group"), "enterprises": _derived_item(3),
    "address_zh": _fact(_text_of("address", "zh")), "address_en": _fact(_text_of("address", "en")),
    "area_ha": _fact(_field("area_ha")), "land_available_ha": _fact(_field("land_available_ha")),
    "land_available": _fact(lambda place, _: land_available(place.land_available_ha)),
    "status": _fact(_field("status")), "status_since": _fact(_field("status_since")),
    "investment_planned": _fact(_field("investment_planned")),
    "investment_realised": _fact(_field("investment_realised")),
    "contact_office_zh": _contact(lambda c: c.office.zh if c.office else None),
    "contact_office_en": _contact(lambda c: c.office.en if c.office else None),
    "contact_phone": _contact(lambda c: c.phone),
    "contact_website": _contact(lambda c: c.website),
    "facts_source": _fact(_field("facts_source")),
    "note_zh": _text_of("note", "zh"), "note_en": _text_of("note", "en"),
    "citation_section": lambda place, _: place.citation.section,
    "citation_paragraph": lambda place, _: place.citation.paragraph,
    "area": _derived_item(4),
    "area_source": lambda place, _: None if place.area is None else place.area_source,
}
_PLACE_GETTERS = tuple(_PLACE_FIELDS.values())


def _place_row(p: Place, derived: tuple) -> tuple:
    """All of :data:`_PLACE_FIELDS` at once, in order (one call, not 35: what writing a
    place's JSON reads)."""
    name, note, facts = p.name, p.note, p.facts_source is not None
    address = p.address if facts else None
    contact = p.contact if facts else None
    office = contact.office if contact else None
    return (
        p.id, name.zh if name else None, name.en if name else None, p.kind, derived[0],
        derived[1], p.prefecture, p.county, p.precision, p.point_source, p.uncertainty_km,
        p.location_source, derived[2], p.group, derived[3],
        address.zh if address else None, address.en if address else None,
        *((p.area_ha, p.land_available_ha, land_available(p.land_available_ha), p.status,
           p.status_since, p.investment_planned, p.investment_realised) if facts else
          (None,) * 7),
        office.zh if office else None, office.en if office else None,
        contact.phone if contact else None, contact.website if contact else None,
        p.facts_source, note.zh if note else None, note.en if note else None,
        p.citation.section, p.citation.paragraph, derived[4],
        None if p.area is None else p.area_source)
PlaceProperties._index = {key: i for i, key in enumerate(_PLACE_FIELDS)}


def _place_feature(place: Place, enterprises_by_place: dict[str, list[str]], pt,
                   elements: list[str], areas: dict[str, list[str]], shared=list,
                   share_derived=tuple) -> Feature:
    geoms = PointGeometries(pt) if pt is not None else {}
    lists = (shared(elements), shared(located_in(place, areas)), shared(place.industries),
             shared(sorted(enterprises_by_place.get(place.id, []))))
    if place.area is None:
        derived = share_derived((*lists, None))
    else:
        derived = (*lists, as_geojson(place.area))
    return Feature(place.collection, place.id, PlaceProperties(place, derived), geoms)


_NO_AREA = {"area": None, "area_source": None}


def _area(record) -> dict:
    """A record's drawn boundary as properties: ``area`` (a GeoJSON geometry, what a client
    reads and sends back) and ``area_source``; both null for the county stand-in."""
    if record.area is None:
        return _NO_AREA
    return {"area": as_geojson(record.area), "area_source": record.area_source}


def land_available(hectares: float | None) -> str | None:
    """The ``land_available`` code of a place: ``yes`` when it has land still available,
    ``no`` when none is left, None when that is not known (the directory's filter)."""
    if hectares is None:
        return None
    some, none_left = LAND_AVAILABLE
    return some if hectares > 0 else none_left


def _lookups(ds: Dataset, out: dict[str, list[Feature]]) -> None:
    """Industries (with the records that name each) and plan sections, as collections."""
    users: dict[str, dict[str, list[str]]] = {
        i.id: {"elements": [], "places": [], "enterprises": [], "targets": []}
        for i in ds.industries}
    for key, records in (("elements", ds.elements), ("places", (*ds.parks, *ds.sites)),
                         ("enterprises", ds.enterprises), ("targets", ds.targets)):
        for rec in records:
            for iid in dict.fromkeys(rec.industries):
                if iid in users:
                    users[iid][key].append(rec.id)
    for ind in ds.industries:
        out["industries"].append(Feature("industries", ind.id, {
            "id": ind.id, **_text("name", ind.name),
            **{k: sorted(v) for k, v in users[ind.id].items()}, **_cite(ind)}))
    for sec in ds.sections:
        out["sections"].append(Feature("sections", sec.id, {
            "id": sec.id, **_text("name", sec.heading)}))
