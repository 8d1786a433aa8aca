"""A GeoJSON Feature as clients send it (the flat properties they read: ``name_zh``,
``citation_section``…) turned into the record as the seeds and the database keep it (``name:
{zh, en}``, ``citation: {section, paragraph}``, ``lon``/``lat``), so what a GIS client reads
it can edit and send back. Properties the service derives (a place's ``areas``, an element's
``places``) are dropped: they follow from the other records. Seed-shaped properties pass
through, and anything unknown reaches the validator, which names it.
"""

from __future__ import annotations

from typing import Any

from . import crs
from .seed_checks import DEFAULT_UNCERTAINTY_KM

#: the bilingual texts of each collection's records (``<name>_zh`` / ``<name>_en``)
TEXTS = {
    "layout-elements": ("name", "short", "role", "note"),
    "parks": ("name", "note", "address"), "sites": ("name", "note", "address"),
    "enterprises": ("name", "note"),
    "targets": ("name", "unit", "scope", "note"),
    "target-values": ("note",),
}
#: what the service computes from other records: read-only, dropped from a write
DERIVED = {
    "layout-elements": ("places", "enterprises", "approximate"),
    "parks": ("areas", "enterprises", "point_source", "land_available"),
    "sites": ("areas", "enterprises", "point_source", "land_available"),
    "enterprises": (), "targets": (),
    "target-values": ("unit_zh", "unit_en", "by_year"),
}
#: the precisions whose point is the record's own (given as coordinates, not derived)
OWN_POINT = tuple(DEFAULT_UNCERTAINTY_KM)
#: a place's contact as flat properties -> its member of the record's ``contact`` (and
#: ``contact_office_zh``/``_en`` -> ``office``)
CONTACT = {"contact_phone": "phone", "contact_website": "website"}
#: a write's own members, not the record's: where the change comes from, and why
CHANGE_MEMBERS = ("source", "comment")


def record_of_feature(collection: str, feature: Any, crs_name: str = "wgs84",
                      fid: str | None = None) -> tuple[dict, dict]:
    """``(record, change)``: the record shaped like a seed file's entry, and the change's own
    members (``source``, ``comment``) found on the feature or in its properties. ``fid``: the
    record's id from the URL (a PUT or PATCH), which the body may repeat but not contradict
    (the validator names a mismatch as an id problem)."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValueError("the body must be a GeoJSON Feature ({\"type\": \"Feature\", "
                         "\"properties\": {...}, \"geometry\": ...})")
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise ValueError("the Feature's properties must be an object")
    props = dict(props)
    change = {k: feature[k] for k in CHANGE_MEMBERS if k in feature}
    change.update({k: props.pop(k) for k in CHANGE_MEMBERS if k in props})
    record: dict = {}
    rid = props.pop("id", None) or feature.get("id") or fid
    if rid is not None:
        record["id"] = rid
    for name in TEXTS.get(collection, ()):
        zh, en = props.pop(f"{name}_zh", None), props.pop(f"{name}_en", None)
        if zh is not None or en is not None:
            record[name] = {"zh": zh, "en": en}
    if "citation_section" in props or "citation_paragraph" in props:
        record["citation"] = {"section": props.pop("citation_section", None),
                              "paragraph": props.pop("citation_paragraph", None)}
    if collection == "target-values":
        _value_date(props)
    for name in DERIVED.get(collection, ()):
        props.pop(name, None)
    if collection == "layout-elements" and isinstance(props.get("counties"), list):
        props["counties"] = [_county_part(part) for part in props["counties"]]
    if collection == "targets" and ("period_start" in props or "period_end" in props):
        start, end = props.pop("period_start", None), props.pop("period_end", None)
        if start is not None or end is not None:
            record["period"] = {"start": start, "end": end}
    if collection in ("parks", "sites"):
        _place_point(props, feature.get("geometry"), crs_name)
        _place_contact(props, record)
    for key, value in props.items():
        if value is not None or key in ("group", "county", "prefecture", "value_max"):
            record[key] = value
    return record, change


def _value_date(props: dict) -> None:
    """A value's ``date`` and ``year`` as served name one day: a year's value (``by_year``, or
    dated 31 December of its year) is sent back as its year, another as its date. A ``date``
    and ``year`` that disagree both reach the validator, which says so."""
    by_year, day, year = props.pop("by_year", None), props.get("date"), props.get("year")
    if day is None or year is None:
        return
    if isinstance(day, str) and day == f"{year}-12-31" and by_year is not False:
        del props["date"]
    elif isinstance(day, str) and day[:4] == str(year):
        del props["year"]


def _place_contact(props: dict, record: dict) -> None:
    """``contact_office_zh``/``_en``, ``contact_phone``, ``contact_website`` -> ``contact:
    {office: {zh, en}, phone, website}`` (the members given; none: no contact)."""
    contact = {}
    zh, en = props.pop("contact_office_zh", None), props.pop("contact_office_en", None)
    if zh is not None or en is not None:
        contact["office"] = {"zh": zh, "en": en}
    for flat, member in CONTACT.items():
        value = props.pop(flat, None)
        if value is not None:
            contact[member] = value
    if contact:
        record["contact"] = contact


def _county_part(part: Any) -> Any:
    if not isinstance(part, dict):
        return part
    part = dict(part)
    zh, en = part.pop("note_zh", None), part.pop("note_en", None)
    if zh is not None or en is not None:
        part["note"] = {"zh": zh, "en": en}
    return part


def _place_point(props: dict, geometry: Any, crs_name: str) -> None:
    """A place's coordinates come from its geometry when its precision says the point is its
    own (``site``, ``street``, ``town``); otherwise the point is derived from its county or prefecture
    and a geometry sent with it is the one the client read: ignored, like the radius."""
    if props.get("precision") not in OWN_POINT:
        props.pop("uncertainty_km", None)
        props.pop("lon", None)
        props.pop("lat", None)
        return
    if "lon" in props and "lat" in props:
        lon, lat = props["lon"], props["lat"]
    elif isinstance(geometry, dict) and geometry.get("type") == "Point":
        coords = geometry.get("coordinates")
        if not (isinstance(coords, list) and len(coords) >= 2
                and all(isinstance(c, (int, float)) and not isinstance(c, bool)
                        for c in coords[:2])):
            raise ValueError("geometry: a Point needs numeric [lon, lat] coordinates")
        lon, lat = coords[0], coords[1]
    elif geometry is None:
        return  # the validator says coordinates are missing
    else:
        raise ValueError("geometry: a park or site is a Point")
    if isinstance(lon, (int, float)) and isinstance(lat, (int, float)):
        lon, lat = crs.convert(float(lon), float(lat), crs_name, "wgs84")
        lon, lat = round(lon, 7), round(lat, 7)
    props["lon"], props["lat"] = lon, lat


def merged(current: dict, patch: Any) -> Any:
    """RFC 7396 JSON Merge Patch of a feature: members of ``patch`` replace those of
    ``current``, a null removes one; objects (``properties``) merge member by member."""
    if not isinstance(patch, dict):
        return patch
    out = dict(current) if isinstance(current, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif key == "properties" and isinstance(value, dict):
            props = dict(out.get("properties") or {})
            props.update(value)  # a null property stays, as null: the record's "not known"
            out["properties"] = props
        else:
            out[key] = value
    return out


def without_stale_radius(record: dict, current: dict) -> dict:
    """``record`` without an ``uncertainty_km`` that says nothing of its own: the radius a
    client read and sent back unchanged when the place was located by its county or
    prefecture and now has a point of its own (that radius was the unit's, not the point's),
    or the precision's default as served (so a round trip records no change)."""
    precision, radius = record.get("precision"), record.get("uncertainty_km")
    stale = (current.get("precision") not in OWN_POINT and precision in OWN_POINT
             and radius is not None and radius == current.get("uncertainty_km"))
    if stale or (precision in OWN_POINT and radius == DEFAULT_UNCERTAINTY_KM[precision]):
        return {k: v for k, v in record.items() if k != "uncertainty_km"}
    return record
