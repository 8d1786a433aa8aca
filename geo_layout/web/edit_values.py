"""The values an editor's form holds: a record's flat properties (as ``/ogc`` serves them)
and its own point, typed as text in a coordinate system; what a new record starts with; and
the short text a value is shown as when two versions are compared."""

from __future__ import annotations

import json

from ..data.features import PLACE_COLLECTIONS
from ..data.record_shapes import OWN_POINT

#: coordinates are shown to 7 decimals (about 1 cm), as the store keeps them
DECIMALS = 7
#: a value longer than this is cut where versions are compared (the history has it whole)
MAX_SHOWN_CHARS = 80


def point_of(feature) -> tuple[str, str]:
    """A place's own point (WGS-84) as the form shows it; empty when it has none of its own
    (a point derived from its county is not the place's)."""
    geometry = feature.geometry() if feature is not None else None
    if geometry is None or feature.properties.get("precision") not in OWN_POINT:
        return "", ""
    return f"{round(geometry.x, DECIMALS)}", f"{round(geometry.y, DECIMALS)}"


def values_of(feature) -> dict:
    """The form's values for record ``feature`` as it is stored: ``props``, ``lon``,
    ``lat``, ``crs``."""
    props = dict(feature.properties)
    lon, lat = ("", "")
    if feature.collection in PLACE_COLLECTIONS:
        lon, lat = point_of(feature)
        if props.get("precision") not in OWN_POINT:
            props["uncertainty_km"] = None  # its county's radius, not a point's of its own
    return {"props": props, "lon": lon, "lat": lat, "crs": "wgs84"}


def new_values(collection: str, lon: str = "", lat: str = "", target: str = "") -> dict:
    """What a new record's form starts with (a park or site: a point of its own; a target's
    value: the target the link came from)."""
    props: dict = {}
    if collection in PLACE_COLLECTIONS:
        props = {"kind": "park" if collection == "parks" else "project", "precision": "site"}
    elif collection == "target-values" and target:
        props = {"target": target}
    return {"props": props, "lon": lon, "lat": lat, "crs": "wgs84"}


def flat(feature) -> dict:
    """A record's flat properties with its own point (``lon``, ``lat``), for comparing two
    versions field by field."""
    if feature is None:
        return {}
    props = dict(feature.properties)
    if feature.collection in PLACE_COLLECTIONS:
        props["lon"], props["lat"] = point_of(feature)
    return props


def text(value) -> str:
    """A value as one short line ("—" for none)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, str):
        out = value
    elif isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        out = "; ".join(map(str, value))
    else:
        out = json.dumps(value, ensure_ascii=False)
    return out if len(out) <= MAX_SHOWN_CHARS else out[:MAX_SHOWN_CHARS] + "…"
