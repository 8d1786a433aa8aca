"""The checks of a record against the rest of the dataset: references to other records by id,
to prefectures and counties by adcode, citations of plan sections, and where a place's point
lies (inside the unit it names; a display point derived from the unit, never invented).

:class:`Known` is what a record is checked against. The full load fills it as it goes (a file's
records may refer only to what was loaded before them, as before); a single-record validation
builds it from a loaded :class:`~.model.Dataset`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import shapely
from pyproj import Geod

from .model import Boundary, Dataset
from .seed_records import Record, shown

#: the precisions whose coordinates are given (with their source), and the radius a point
#: of that precision is good to unless the record says (uncertainty_km)
DEFAULT_UNCERTAINTY_KM = {"site": 0.5, "street": 1.0, "town": 5.0}
_GEOD = Geod(ellps="WGS84")


@dataclass
class Known:
    """Ids and boundaries a record may refer to."""

    prefectures: dict[str, Boundary]
    counties: dict[str, Boundary]
    section_ids: set = field(default_factory=set)
    industry_ids: set = field(default_factory=set)
    kind_ids: set = field(default_factory=set)
    element_ids: set = field(default_factory=set)
    place_ids: dict = field(default_factory=dict)  # id -> "parks" | "sites"
    target_ids: set = field(default_factory=set)
    _buffered: dict = field(default_factory=dict, repr=False)
    _shared: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of_dataset(cls, dataset: Dataset) -> Known:
        places: dict[str, str] = {}
        for place in (*dataset.parks, *dataset.sites):
            places.setdefault(place.id, place.collection)
        return cls(prefectures={b.adcode: b for b in dataset.prefectures},
                   counties={b.adcode: b for b in dataset.counties},
                   section_ids={s.id for s in dataset.sections},
                   industry_ids={i.id for i in dataset.industries},
                   kind_ids={k.id for k in dataset.kinds},
                   element_ids={e.id for e in dataset.elements},
                   place_ids=places,
                   target_ids={t.id for t in dataset.targets})

    def share(self, value):
        """One object for equal values (codes, kinds, id tuples, citations, radii) across the
        records of a load: 100,000 sites parsed from JSON otherwise hold ~10 copies each of
        strings like adcodes and precisions (~50 MB). Keyed by type too (1 == 1.0), and a float
        by its sign (-0.0 == 0.0 but is written differently)."""
        if value is None:
            return None
        sign = math.copysign(1.0, value) if isinstance(value, float) else 0
        return self._shared.setdefault((type(value), value, sign), value)

    def tolerant(self, unit: Boundary):
        """The unit's outline grown by ~200 m (boundary simplification), prepared, cached."""
        cached = self._buffered.get(unit.adcode)
        if cached is None:
            cached = unit.geometry("high").buffer(0.002)
            shapely.prepare(cached)
            self._buffered[unit.adcode] = cached
        return cached


def check_refs(rec: Record, field: str, ids: tuple[str, ...], known: set, what: str) -> None:
    for i, ref in enumerate(ids):
        if ref not in known:
            rec.problem(f"{field}[{i}]", f"unknown {what} id {shown(ref)}")


def check_citation(rec: Record, obj, known: Known) -> None:
    """A parsed record's citation names a known section."""
    if obj is not None and getattr(obj, "citation", None) is not None:
        if obj.citation.section not in known.section_ids:
            rec.problem("citation.section", f"unknown section id {shown(obj.citation.section)}")


def place_id_clash(collection: str, rid: str, place_ids: dict) -> str | None:
    """A park and a site may not share an id: the other collection's name when they do."""
    other = place_ids.get(rid, collection)
    return other if other != collection else None


def prefecture_ref(rec: Record, field: str, code: str | None, known: Known) -> str | None:
    if code is None:
        return None
    if code not in known.prefectures:
        kind = "a county" if code in known.counties else "not a known adcode"
        rec.problem(field, f"{code!r} is not a prefecture adcode ({kind})")
        return None
    return code


def county_ref(rec: Record, county: str | None, prefecture: str | None,
               known: Known) -> str | None:
    """A place's ``county``: a known county, inside its ``prefecture`` when that is given."""
    if county is None:
        return None
    if county not in known.counties:
        kind_of = "a prefecture" if county in known.prefectures else "not a known adcode"
        rec.problem("county", f"{county!r} is not a county adcode ({kind_of})")
        return None
    if prefecture is not None and known.counties[county].parent != prefecture:
        rec.problem("county", f"county {county} is not in prefecture {prefecture}")
    return county


def area_radius_km(geom) -> float:
    area_m2, _ = _GEOD.geometry_area_perimeter(geom)
    return round(math.sqrt(abs(area_m2) / math.pi) / 1000.0, 1)


def locate(rec: Record, precision, prefecture, county, location_source, known: Known):
    """The display point, where it comes from and its uncertainty radius — never invented."""
    has_lon, has_lat = "lon" in rec.raw, "lat" in rec.raw
    if precision in DEFAULT_UNCERTAINTY_KM:
        lon, lat = rec.number("lon"), rec.number("lat")
        if location_source is None:
            rec.problem("location_source", f"precision {precision} needs the coordinates' source")
        if lon is None or lat is None:
            return None, None, None
        if not (-180 <= lon <= 180):
            rec.problem("lon", f"{lon} is outside -180..180")
            return None, None, None
        if not (-90 <= lat <= 90):
            rec.problem("lat", f"{lat} is outside -90..90")
            return None, None, None
        for field_, code, table in (("county", county, known.counties),
                                    ("prefecture", prefecture, known.prefectures)):
            if code is not None and not shapely.contains_xy(known.tolerant(table[code]),
                                                            lon, lat):
                rec.problem("lon/lat", f"point ({lon}, {lat}) is outside its declared "
                                       f"{field_} {code} ({table[code].name.zh})")
                return None, None, None
        if prefecture is None:
            rec.problem("prefecture", "a located place needs its prefecture")
        radius = rec.number("uncertainty_km", required=False) or DEFAULT_UNCERTAINTY_KM[precision]
        return (float(lon), float(lat)), "seed", float(radius)
    if has_lon or has_lat:
        rec.problem("lon/lat", f"coordinates given but precision is {precision!r}: "
                               f"use {' or '.join(DEFAULT_UNCERTAINTY_KM)}, or drop them")
    if precision == "county":
        if county is None:
            rec.problem("county", "precision county needs a county adcode")
            return None, None, None
        if prefecture is None:
            rec.problem("prefecture", "precision county needs the county's prefecture")
        unit = known.counties[county]
    elif precision == "prefecture":
        if prefecture is None:
            rec.problem("prefecture", "precision prefecture needs a prefecture adcode")
            return None, None, None
        if county is not None:
            rec.problem("county", "precision prefecture must not name a county "
                                  "(use precision county)")
        unit = known.prefectures[prefecture]
    else:  # unknown: listed, not pinned
        if county is not None:
            rec.problem("county", "precision unknown must not name a county")
        return None, None, None
    geom = unit.geometry("high")
    pt = shapely.point_on_surface(geom)
    return (round(pt.x, 6), round(pt.y, 6)), precision, area_radius_km(geom)
