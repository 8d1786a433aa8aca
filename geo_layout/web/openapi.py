"""The one table of the ``/api`` and ``/ogc`` operations: paths, query parameters with their caps,
and responses.

Handlers validate every request against it (:func:`parse`: unknown parameters, types, ranges)
and ``/ogc/api`` renders it as an OpenAPI 3.0 document (:func:`document`), so what the service
checks and what it documents cannot drift apart (pygeoapi's approach). Paths are expanded per
collection because each collection has its own filters.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..data.features import (COLLECTIONS, GEOMETRY_COLLECTIONS, PLACE_COLLECTIONS,
                             WRITABLE_COLLECTIONS)
from ..data.fields import COLLECTION_DOCS
from ..data.model import LODS
from ..data.clusters import CELL_PX as CLUSTER_CELL_PX
from ..data.store import FILTERS
from ..data.photos import PHOTO_ACTIONS
from ..data import progress
from ..data.writers import MEDIA_TYPES, formats_for
from ..errors import InvalidParameter
from . import params as p

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0"
GEOJSON = "application/geo+json"
JSON = "application/json"
SCHEMA_JSON = "application/schema+json"
HTML = "text/html"
SEARCH_MAX = 100
NEARBY_K_MAX = 100
NEARBY_K_DEFAULT = 10
NEARBY_RADIUS_MAX_KM = 2000.0

#: (title, description) of each collection in English, from the field dictionary's catalogue.
COLLECTION_INFO: dict[str, tuple[str, str]] = {
    c: (doc.title_en, doc.about_en) for c, doc in COLLECTION_DOCS.items()}


# --- parameters -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Param:
    """A query parameter: its documentation and the function that checks and converts it."""

    name: str
    description: str
    schema: Callable[[Mapping], dict]          # settings -> JSON schema
    parse: Callable[[str | None, Mapping], Any]  # (raw value, settings) -> value
    required: bool = False
    explode: bool | None = None                # False for comma-separated arrays (bbox)
    empty_ok: bool = False                     # "name=" means "not given" (free-text filters)

    def to_openapi(self, settings: Mapping) -> dict:
        out = {"name": self.name, "in": "query", "required": self.required,
               "description": self.description, "schema": self.schema(settings)}
        if self.explode is not None:
            out.update(style="form", explode=self.explode)
        return out


def _enum(name: str, values: tuple[str, ...], description: str, default: str | None = None
          ) -> Param:
    def parse(raw, _settings):
        if raw is None or raw == "":
            return default
        if raw not in values:
            raise InvalidParameter(f"parameter {name!r} must be one of {', '.join(values)}, "
                                   f"got {raw[:40]!r}")
        return raw

    schema = {"type": "string", "enum": list(values)}
    if default is not None:
        schema["default"] = default
    return Param(name, description, lambda _s: dict(schema), parse)


def _text(name: str, description: str, *, required: bool = False) -> Param:
    def parse(raw, _settings):
        if raw is None or raw == "":
            if required:
                raise InvalidParameter(f"parameter {name!r} is required")
            return None
        if len(raw) > p.MAX_QUERY_CHARS:
            raise InvalidParameter(f"parameter {name!r} is longer than {p.MAX_QUERY_CHARS} "
                                   "characters (the cap)")
        if required and not raw.strip():
            raise InvalidParameter(f"parameter {name!r} must not be blank")
        return raw

    schema = {"type": "string", "maxLength": p.MAX_QUERY_CHARS}
    if required:
        schema["minLength"] = 1
    return Param(name, description, lambda _s: dict(schema), parse, required=required,
                 empty_ok=not required)


def _limit(default_key: str | int, high_key: str | int, description: str) -> Param:
    def value(key, settings):
        return settings[key] if isinstance(key, str) else key

    return Param(
        "limit", description,
        lambda s: {"type": "integer", "minimum": 1, "maximum": value(high_key, s),
                   "default": value(default_key, s)},
        lambda raw, s: p.integer("limit", raw, low=1, high=value(high_key, s),
                                 default=value(default_key, s)))


OFFSET = Param(
    "offset", "Number of matching records to skip (paging; use the next/prev links).",
    lambda _s: {"type": "integer", "minimum": 0, "maximum": 10_000_000, "default": 0},
    lambda raw, _s: p.integer("offset", raw, low=0, high=10_000_000, default=0))
LIMIT = _limit("DEFAULT_LIMIT", "MAX_LIMIT", "Maximum number of records in the response "
               "(the cap is the server's MAX_LIMIT setting).")
BBOX = Param(
    "bbox", "Only records whose geometry intersects this WGS-84 box: minlon,minlat,maxlon,maxlat "
    "(west <= east, south <= north, latitudes within -90..90). Records without geometry never "
    "match.",
    lambda _s: {"type": "array", "minItems": 4, "maxItems": 4,
                "items": {"type": "number", "minimum": -180, "maximum": 180}},
    lambda raw, _s: p.bbox(raw), explode=False)
LOD = _enum("lod", tuple(LODS), "Level of detail of boundaries: coarse (~1 km, for the whole "
            "province), low (~500 m), medium (~200 m), high (~100 m). No effect on points.", "medium")
CRS_API = _enum("crs", ("wgs84", "gcj02", "bd09"),
                "Coordinate system of the returned coordinates: wgs84 (EPSG:4326), gcj02 (Amap, "
                "Tencent) or bd09 (Baidu). GCJ-02 and BD-09 are not EPSG systems; the response "
                "names the system in coordinate_system. Default wgs84. No effect where there are no "
                "coordinates.")
COORDS_API = _enum("coords", ("wgs84", "gcj02", "bd09"),
                   "Alias of crs (give one of them, or both with the same value).")
LANG = _enum("lang", ("zh", "en"), "Language of HTML views (JSON always carries both "
             "name_zh and name_en).", "zh")
F_API = _enum("f", ("json",), "Response format (JSON only).", "json")
F_OGC = _enum("f", ("json", "html"), "Response format; without it the Accept header decides "
              "(application/geo+json or application/json -> JSON, text/html -> HTML).")
F_OPENAPI = _enum("f", ("json",), "Response format (the OpenAPI document as JSON).", "json")
F_SCHEMA = _enum("f", ("json",), "Response format (the JSON Schema as JSON).", "json")
CRS_OGC = _enum("crs", (CRS84,), "Coordinate reference system of the response; only CRS84 "
                "(WGS-84 longitude/latitude) is offered.", CRS84)
BBOX_CRS = _enum("bbox-crs", (CRS84,), "Coordinate reference system of bbox; only CRS84.",
                 CRS84)
DOWNLOAD_LOD = _enum("lod", tuple(LODS), "Level of detail of boundaries (as in /api); "
                     "downloads default to high.", "high")
DOWNLOAD_LANG = _enum("lang", ("zh", "en"), "Language of the name and label columns beside "
                      "ids and codes (CSV, XLSX) and of the XLSX headers.", "zh")
DOWNLOAD_CRS = _enum("crs", ("wgs84", "gcj02", "bd09"),
                     "Coordinate system of the coordinates: wgs84 (default), gcj02 (Amap) or "
                     "bd09 (Baidu) for GeoJSON, CSV and XLSX; GeoPackage and KML are always "
                     "WGS-84 (another value is a 400).")


def _required_zoom(raw):
    if raw is None or raw == "":
        raise InvalidParameter("parameter 'zoom' is required")
    return p.integer("zoom", raw, low=0, high=18)


ZOOM = Param(
    "zoom", "Map zoom level (Web Mercator, 0..18) the clusters are made for.",
    lambda _s: {"type": "integer", "minimum": 0, "maximum": 18},
    lambda raw, _s: _required_zoom(raw), required=True)
Q = _text("q", "Text to find in names (Chinese, English, or pinyin in full or as initials), "
          "case-insensitive, partial.", required=True)
SEARCH_LIMIT = _limit(20, SEARCH_MAX, f"Maximum number of results (1..{SEARCH_MAX}).")
SEARCH_PLANS = _enum("plans", ("this", "all"), "Search this plan only, or every plan the server "
                     "serves (then each result names its plan; see /plans).", "this")
CLUSTERS_Q = _text("q", "Only points whose names match this text, like /api/search (every hit, "
                   "not only the first 100): the park directory's search on its map.")


def _coordinate(name: str, bound: float, description: str) -> Param:
    return Param(name, description,
                 lambda _s: {"type": "number", "minimum": -bound, "maximum": bound},
                 lambda raw, _s: p.number(name, raw, low=-bound, high=bound, required=True),
                 required=True)


def _radius(raw, _settings):
    value = p.number("radius_km", raw, low=0, high=NEARBY_RADIUS_MAX_KM)
    if value == 0:
        raise InvalidParameter(f"parameter 'radius_km' must be greater than 0 and at most "
                               f"{NEARBY_RADIUS_MAX_KM:g}")
    return value


LON = _coordinate("lon", 180, "Longitude of the centre, WGS-84 degrees (-180..180).")
LAT = _coordinate("lat", 90, "Latitude of the centre, WGS-84 degrees (-90..90).")
RADIUS = Param(
    "radius_km", f"Search radius in km, geodesic (0 < radius_km <= {NEARBY_RADIUS_MAX_KM:g}); "
    "without it the k nearest are returned at any distance.",
    lambda _s: {"type": "number", "minimum": 0, "exclusiveMinimum": True,
                "maximum": NEARBY_RADIUS_MAX_KM}, _radius)
K = Param(
    "k", f"Maximum number of places returned, nearest first (1..{NEARBY_K_MAX}).",
    lambda _s: {"type": "integer", "minimum": 1, "maximum": NEARBY_K_MAX,
                "default": NEARBY_K_DEFAULT},
    lambda raw, _s: p.integer("k", raw, low=1, high=NEARBY_K_MAX, default=NEARBY_K_DEFAULT))


#: Parameters documented once under ``components/parameters`` (the names OGC API – Features
#: uses) and referenced (``$ref``) from every operation that takes them: clients such as QGIS
#: read the page size's maximum and default from ``components/parameters/limit``.
COMPONENT_PARAMS: dict[str, Param] = {"limit": LIMIT, "offset": OFFSET, "bbox": BBOX}
FEATURE_ID = "featureId"


def filter_params(collection: str) -> tuple[Param, ...]:
    """One string parameter per filter of ``store.FILTERS``; list properties match by
    membership, "none" matches a missing value."""
    return tuple(_text(key, f"Only records whose {prop!r} "
                            f"{'contains' if prop.endswith('s') else 'equals'} this value "
                            f"(a code, or a name: a prefecture's adcode, Chinese or English "
                            f"name; a value that names nothing is a 400 listing the valid "
                            f"values).")
                 for key, prop in FILTERS[collection].items())


# --- operations -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    """One GET route: how handlers find it (``key``), its documented path and its contract."""

    key: tuple[str, ...]
    path: str
    summary: str
    tag: str
    params: tuple[Param, ...]
    content: tuple[str, ...]            # media types of the 200 response
    schema: str | tuple                 # component schema of the 200 body (or one per media)
    path_params: tuple[tuple, ...] = ()  # (name, description[, allowed values])
    html: bool = False                  # f=html possible: errors may come as HTML too
    description: str = ""
    errors: tuple[int, ...] = (400,)
    names: frozenset = field(init=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "names", frozenset(q.name for q in self.params))


def _since(raw, _settings):
    return p.day("since", raw)


HISTORY_PARAMS = (
    _enum("collection", WRITABLE_COLLECTIONS, "Only the revisions of this collection."),
    _text("id", "Only the revisions of the record with this id (with collection: of that "
                "record; alone: of any collection's record of that id)."),
    _text("author", "Only the revisions made by this user."),
    Param("since", "Only the revisions made on or after this day (UTC), YYYY-MM-DD.",
          lambda _s: {"type": "string", "format": "date"}, _since),
    Param("before", "Only the revisions older than this one (its seq): the next page's start, "
                    "as in the response's next link.",
          lambda _s: {"type": "integer", "minimum": 1, "maximum": p.MAX_SEQ},
          lambda raw, _s: p.integer("before", raw, low=1, high=p.MAX_SEQ)),
    _limit(50, 500, "Maximum number of revisions in the response (1..500)."),
)


def _checked_day(raw: str) -> str | None:
    """``as_of`` as given, once :func:`.as_of.parse_date` (the one rule) accepts it: refused
    with the other parameters, before a view might answer without reading the data."""
    from .as_of import parse_date

    parse_date(raw)
    return raw or None


#: ``as_of`` is checked by :func:`.as_of.requested_date` (the one rule for every view that
#: honours it); documented here so /api/progress accepts it.
AS_OF = Param("as_of", "The data and recorded values as they were at the end of this day "
                       "(UTC), YYYY-MM-DD (from 1949-10-01 to today), rebuilt from the "
                       "history (data served from a seeds folder has none: as it is); "
                       "without it, as they are now.",
              # empty (a form's blank date) means now: a day, or nothing
              lambda _s: {"anyOf": [{"type": "string", "format": "date"},
                                    {"type": "string", "maxLength": 0}]},
              lambda raw, _s: _checked_day(raw), empty_ok=True)


def _progress_operation() -> Operation:
    return Operation(
        ("api-progress",), "/api/progress", "How far each target got", "api",
        filter_params("targets") + (AS_OF, LANG, F_API), (JSON,), "Progress",
        description="Per target (plan order): the baseline (a value recorded for the year "
                    "before the plan's period: source, or one implied by a growth-rate "
                    "target: implied_by), the latest recorded value (value, date, "
                    "source) known on as_of, the value the path from baseline to target "
                    "implies for that date (expected; path: compound growth, linear, or a "
                    "rate compared as a rate), the share of the target reached and a status "
                    "(reached, on-track, behind, no-data; missing says what a no-data target "
                    "lacks: actual, baseline, actual-after-baseline), and the counts per "
                    "status. Filtered like /api/targets.")


def _api_operations() -> list[Operation]:
    common = (CRS_API, COORDS_API, LANG, F_API)
    ops = []
    for c in COLLECTIONS:
        title = COLLECTION_INFO[c][0]
        geo = c in GEOMETRY_COLLECTIONS
        list_params = (filter_params(c) + ((BBOX, LOD) if geo else ()) + (LIMIT, OFFSET)
                       + common + (AS_OF,))
        ops.append(Operation(
            ("api-list", c), f"/api/{c}", f"{title}: list, filter and page", "api",
            list_params, (GEOJSON,) if geo else (JSON,),
            "FeatureCollection" if geo else "ItemList",
            description=COLLECTION_INFO[c][1]))
        ops.append(Operation(
            ("api-item", c), f"/api/{c}/{{id}}", f"{title}: one record", "api",
            ((LOD,) if geo else ()) + common + (AS_OF,), (GEOJSON,) if geo else (JSON,),
            "Feature" if geo else "Item",
            path_params=(("id", "adcode or slug" if geo else "slug"),), errors=(400, 404)))
    for c in PLACE_COLLECTIONS:
        ops.append(Operation(
            ("api-clusters", c), f"/api/clusters/{c}",
            f"{COLLECTION_INFO[c][0]}: clusters for a map view", "api",
            (BBOX, ZOOM) + filter_params(c) + (CLUSTERS_Q, CRS_API, COORDS_API, F_API, AS_OF),
            (GEOJSON,), "Clusters",
            description="What a map at this zoom should draw inside bbox (default: the "
                        "whole collection): clusters of points that would overlap on screen "
                        f"(grid of {CLUSTER_CELL_PX} px in Web Mercator; properties cluster, "
                        "count, bbox) and the remaining single points (id, names, kind, "
                        "precision). Only the located points passing the filters (as "
                        f"/api/{c}) and matching q (as /api/search) are counted. bbox is "
                        "WGS-84; the returned coordinates are in crs (default WGS-84, gcj02 "
                        "for an Amap basemap)."))
    ops.append(Operation(
        ("api-search",), "/api/search", "Search names in Chinese, English and pinyin", "api",
        (Q, SEARCH_LIMIT, SEARCH_PLANS) + common, (JSON,), "SearchResults",
        description="Ranked best first: exact name, then name prefix, word prefix, substring; "
                    "matches in secondary text (industries, roles, and the prefecture, county "
                    "and layout elements where a record lies: 智能终端 finds the cluster, its "
                    "prefectures, its enterprises and the places located there) rank lower. "
                    "No match gives a hint."))
    ops.append(Operation(
        ("api-nearby",), "/api/nearby", "Parks and sites near a point", "api",
        (LON, LAT, RADIUS, K) + common, (GEOJSON,), "NearbyResults",
        description="Located parks and sites by geodesic distance (WGS-84 ellipsoid) from "
                    "lon/lat (WGS-84), nearest first, each with distance_km."))
    ops.append(Operation(
        ("api-history",), "/api/history", "The plan's changes (revisions), newest first", "api",
        HISTORY_PARAMS, (JSON,), "History",
        description="Every change to the plan's records: who, when (UTC), which record, the "
                    "action (create, update, delete, revert; photo-set, photo-replaced, "
                    "photo-removed for a park's or site's photo, the record itself unchanged), "
                    "the record before and after (shaped like a seed file's entry), the source "
                    "and a comment. Paged by "
                    "before=<seq> (the next link). Data served read-only from a seeds folder "
                    "has no history: revisions is empty."))
    ops.append(_progress_operation())
    return ops


def _ogc_operations() -> list[Operation]:
    ops = [
        Operation(("ogc-landing",), "/ogc", "Landing page", "ogc", (F_OGC, LANG), (JSON, HTML),
                  "LandingPage", html=True),
        Operation(("ogc-conformance",), "/ogc/conformance", "Conformance classes", "ogc",
                  (F_OGC, LANG), (JSON, HTML), "Conformance", html=True),
        Operation(("ogc-collections",), "/ogc/collections", "Feature collections", "ogc",
                  (F_OGC, LANG), (JSON, HTML), "Collections", html=True),
        Operation(("ogc-api",), "/ogc/api", "This OpenAPI 3.0 document", "ogc",
                  (F_OPENAPI, LANG), (OPENAPI_TYPE,), "OpenAPI"),
    ]
    for c in COLLECTIONS:
        title = COLLECTION_INFO[c][0]
        geo_note = "" if c in GEOMETRY_COLLECTIONS else " Features have a null geometry."
        ops.append(Operation(
            ("ogc-collection", c), f"/ogc/collections/{c}", f"{title}: collection metadata",
            "ogc", (F_OGC, LANG), (JSON, HTML), "Collection", html=True,
            description=COLLECTION_INFO[c][1]))
        ops.append(Operation(
            ("ogc-queryables", c), f"/ogc/collections/{c}/queryables",
            f"{title}: queryables (the properties /items filters by)", "ogc", (F_OGC, LANG),
            (SCHEMA_JSON, HTML), "JSONSchema", html=True,
            description="OGC API – Features Part 3: a JSON Schema of the properties the items "
                        "can be filtered by, each under the name of its query parameter."))
        ops.append(Operation(
            ("ogc-schema", c), f"/ogc/collections/{c}/schema",
            f"{title}: schema of the features", "ogc", (F_OGC, LANG), (SCHEMA_JSON, HTML),
            "JSONSchema", html=True,
            description="OGC API – Features Part 5: a JSON Schema of every property of the "
                        "features (type, items of lists, null where allowed), the id and the "
                        "geometry marked by x-ogc-role."))
        ops.append(Operation(
            ("ogc-geojson-schema", c), f"/ogc/collections/{c}/schema/geojson",
            f"{title}: JSON Schema of one feature as GeoJSON", "ogc", (F_SCHEMA,),
            (SCHEMA_JSON,), "JSONSchema",
            description="A JSON Schema 2020-12 of one GeoJSON Feature of the collection: "
                        "type, id, the geometry (" + _geometry_words(c) + ") and the "
                        "properties, each as in /schema. The collection links it with rel "
                        "describedBy (the spelling GDAL's OAPIF driver looks for), so GDAL "
                        "types the fields (string lists, numbers) from it rather than from a "
                        "first page of features."))
        ops.append(Operation(
            ("ogc-items", c), f"/ogc/collections/{c}/items", f"{title}: features", "ogc",
            (BBOX, BBOX_CRS, CRS_OGC) + filter_params(c)
            + (LOD, LIMIT, OFFSET, F_OGC, LANG, AS_OF),
            (GEOJSON, HTML), "FeatureCollection", html=True,
            description=COLLECTION_INFO[c][1] + geo_note))
        ops.append(Operation(
            ("ogc-item", c), f"/ogc/collections/{c}/items/{{featureId}}", f"{title}: one feature",
            "ogc", (CRS_OGC, LOD, F_OGC, LANG, AS_OF), (GEOJSON, HTML), "Feature",
            path_params=((FEATURE_ID, "adcode or slug"),), html=True, errors=(400, 404)))
    return ops


def _geometry_words(collection: str) -> str:
    if collection not in GEOMETRY_COLLECTIONS:
        return "always null"
    return "a Point" if collection in PLACE_COLLECTIONS else "a Polygon or MultiPolygon"


def _download_operations() -> list[Operation]:
    """``/downloads/<collection>.<format>``: parsed by the same table as the API (one rule for
    unknown and bad parameters), documented beside it."""
    ops = []
    for c in COLLECTIONS:
        geo = c in GEOMETRY_COLLECTIONS
        formats = formats_for(c)
        ops.append(Operation(
            ("download", c), f"/downloads/{c}.{{format}}",
            f"{COLLECTION_INFO[c][0]}: the whole collection as a file", "downloads",
            filter_params(c) + ((BBOX, DOWNLOAD_LOD) if geo else ())
            + (DOWNLOAD_CRS, COORDS_API, DOWNLOAD_LANG),
            tuple(MEDIA_TYPES[f] for f in formats),
            tuple("GeoJSONFile" if f == "geojson" else "File" for f in formats),
            path_params=(("format", "File format", formats),), errors=(400, 404),
            description=COLLECTION_INFO[c][1] + " Filtered like /api (no paging); "
                        "CSV and XLSX carry names beside ids and labels beside codes."))
    return ops


def index_operation() -> Operation:
    return Operation(("api-index",), "/api", "Index of the data API", "api", (LANG, F_API),
                     (JSON,), "Index", description="Collections with their URLs (API, OGC "
                     "API – Features, downloads), the search / nearby / clusters endpoints and "
                     "links to the OpenAPI document and the data page.")


@functools.cache
def operations() -> tuple[Operation, ...]:
    """Every documented operation (built on first use, not at import)."""
    return tuple([index_operation()] + _api_operations() + _ogc_operations()
                 + _download_operations())


@functools.cache
def _by_key() -> dict[tuple[str, ...], Operation]:
    return {op.key: op for op in operations()}


def operation(*key: str) -> Operation:
    return _by_key()[key]


def parse(op: Operation, args, settings: Mapping) -> dict[str, Any]:
    """Check a query string against ``op``: unknown names are a 400 naming them (typos
    surface), each value is converted by its parameter (400 on a bad or out-of-range value)."""
    unknown = sorted(k for k in args.keys() if k not in op.names)
    if unknown:
        allowed = ", ".join(sorted(op.names))
        raise InvalidParameter(f"unknown query parameter(s): {', '.join(map(repr, unknown))}; "
                               f"{op.path} accepts: {allowed}")
    empty = sorted(q.name for q in op.params if args.get(q.name) == "" and not q.empty_ok)
    if empty:
        raise InvalidParameter(f"parameter(s) {', '.join(map(repr, empty))} given without a "
                               "value; give a value or leave the parameter out")
    return {q.name: q.parse(args.get(q.name), settings) for q in op.params}


def filters_of(op: Operation, values: Mapping[str, Any]) -> dict[str, str]:
    collection = op.key[1]
    return {k: values[k] for k in FILTERS[collection] if values.get(k) is not None}


def coordinate_system(values: Mapping[str, Any]) -> str:
    """``crs`` or its alias ``coords`` (they must agree); WGS-84 by default."""
    crs, coords = values.get("crs"), values.get("coords")
    if crs and coords and crs != coords:
        raise InvalidParameter(f"parameters 'crs' ({crs}) and 'coords' ({coords}) disagree; "
                               "give one of them")
    return crs or coords or "wgs84"


# --- the document ---------------------------------------------------------------------------

def _link_schema() -> dict:
    return {"type": "object", "required": ["href", "rel"],
            "properties": {"href": {"type": "string"}, "rel": {"type": "string"},
                           "type": {"type": "string"}, "title": {"type": "string"}}}


def _schemas() -> dict:
    links = {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}
    count = {"type": "integer", "minimum": 0}
    system = {"type": "object", "required": ["id", "name"],
              "properties": {"id": {"type": "string", "enum": ["wgs84", "gcj02", "bd09"]},
                             "name": {"type": "string"},
                             "epsg": {"type": "integer", "nullable": True}}}
    geometry = {"type": "object", "nullable": True, "required": ["type"],
                "properties": {"type": {"type": "string", "enum": [
                    "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                    "MultiPolygon", "GeometryCollection"]},
                    "coordinates": {"type": "array"}}}
    feature = {"type": "object", "required": ["type", "id", "geometry", "properties"],
               "properties": {"type": {"type": "string", "enum": ["Feature"]},
                              "id": {"type": "string"}, "geometry": geometry,
                              "properties": {"type": "object"}, "links": links}}
    collection = {"type": "object", "required": ["id", "title", "links", "itemType", "crs"],
                  "properties": {
                      "id": {"type": "string"}, "title": {"type": "string"},
                      "description": {"type": "string"}, "itemType": {"type": "string"},
                      "crs": {"type": "array", "items": {"type": "string"}}, "links": links,
                      "extent": {"type": "object", "properties": {"spatial": {
                          "type": "object", "properties": {
                              "bbox": {"type": "array", "items": {
                                  "type": "array", "minItems": 4, "maxItems": 4,
                                  "items": {"type": "number"}}},
                              "crs": {"type": "string"}}}}}}}
    return {
        "Error": {"type": "object", "required": ["code", "description"],
                  "properties": {"code": {"type": "string"}, "description": {"type": "string"}}},
        "Link": _link_schema(),
        "CoordinateSystem": system,
        "Feature": feature,
        "FeatureCollection": {
            "type": "object", "required": ["type", "features", "numberMatched",
                                           "numberReturned", "links"],
            "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]},
                           "features": {"type": "array",
                                        "items": {"$ref": "#/components/schemas/Feature"}},
                           "numberMatched": count, "numberReturned": count, "links": links,
                           "timeStamp": {"type": "string", "format": "date-time"},
                           "coordinate_system": {"$ref": "#/components/schemas/CoordinateSystem"},
                           "lod": {"type": "string", "enum": list(LODS)}}},
        "Item": {"type": "object", "required": ["id"], "properties": {
            "id": {"type": "string"}, "links": links}},
        "ItemList": {"type": "object", "required": ["items", "numberMatched", "numberReturned",
                                                    "links"],
                     "properties": {"items": {"type": "array",
                                              "items": {"$ref": "#/components/schemas/Item"}},
                                    "numberMatched": count, "numberReturned": count,
                                    "links": links}},
        "SearchResults": {
            "type": "object", "required": ["query", "results", "numberReturned"],
            "properties": {"query": {"type": "string"}, "numberReturned": count,
                           "hint": {"type": "string", "nullable": True,
                                    "description": "when nothing matched: why, and what to "
                                                   "try"},
                           "results": {"type": "array", "items": {
                               "type": "object",
                               "required": ["collection", "id", "name_zh", "name_en", "score",
                                            "link"],
                               "properties": {
                                   "collection": {"type": "string", "enum": list(COLLECTIONS)},
                                   "id": {"type": "string"},
                                   "name_zh": {"type": "string", "nullable": True},
                                   "name_en": {"type": "string", "nullable": True},
                                   "score": {"type": "number"}, "link": {"type": "string"},
                                   "plan": {"type": "string", "description":
                                            "the plan's id (with plans=all only)"},
                                   "plan_title": {"type": "string", "description":
                                                  "the plan's title (with plans=all only)"}}}}}},
        "NearbyResults": {
            "type": "object", "required": ["type", "features", "numberReturned", "query",
                                           "coordinate_system"],
            "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]},
                           "features": {"type": "array", "items": {
                               "allOf": [{"$ref": "#/components/schemas/Feature"}, {
                                   "type": "object", "properties": {"properties": {
                                       "type": "object",
                                       "required": ["collection", "distance_km"],
                                       "properties": {"distance_km": {"type": "number",
                                                                      "minimum": 0}}}}}]}},
                           "numberReturned": count, "query": {"type": "object"},
                           "coordinate_system": {"$ref": "#/components/schemas/CoordinateSystem"},
                           "links": links}},
        "Clusters": {
            "type": "object", "required": ["type", "features", "zoom", "numberMatched",
                                           "numberReturned", "truncated"],
            "properties": {"type": {"type": "string", "enum": ["FeatureCollection"]},
                           "features": {"type": "array",
                                        "items": {"$ref": "#/components/schemas/Feature"}},
                           "zoom": {"type": "integer"}, "numberMatched": count,
                           "numberReturned": count, "truncated": {"type": "boolean"},
                           "coordinate_system": {"$ref": "#/components/schemas/CoordinateSystem"}}},
        "LandingPage": {"type": "object", "required": ["links"], "properties": {
            "title": {"type": "string"}, "description": {"type": "string"}, "links": links}},
        "Conformance": {"type": "object", "required": ["conformsTo"], "properties": {
            "conformsTo": {"type": "array", "items": {"type": "string"}}}},
        "Collection": collection,
        "Collections": {"type": "object", "required": ["links", "collections"], "properties": {
            "links": links, "collections": {"type": "array", "items": {
                "$ref": "#/components/schemas/Collection"}}}},
        "OpenAPI": {"type": "object", "required": ["openapi", "info", "paths"]},
        "JSONSchema": {"type": "object", "required": ["$schema", "$id", "type", "properties"],
                       "properties": {"$schema": {"type": "string"}, "$id": {"type": "string"},
                                      "type": {"type": "string", "enum": ["object"]},
                                      "title": {"type": "string"},
                                      "properties": {"type": "object"}}},
        "File": {"type": "string", "format": "binary"},
        "GeoJSONFile": {"type": "object", "required": ["type", "features"], "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}}}},
        "Index": {"type": "object", "required": ["collections", "links"]},
        "Progress": _progress_schema(),
        "History": {
            "type": "object", "required": ["revisions", "next"],
            "properties": {
                "next": {"type": "string", "nullable": True,
                         "description": "the next (older) page, or null"},
                "revisions": {"type": "array", "items": {
                    "type": "object",
                    "required": ["seq", "plan", "collection", "id", "action", "version",
                                 "author", "at", "source", "comment", "reverts", "before",
                                 "after"],
                    "properties": {
                        "seq": {"type": "integer"}, "plan": {"type": "string"},
                        "collection": {"type": "string", "enum": list(WRITABLE_COLLECTIONS)},
                        "id": {"type": "string"},
                        "action": {"type": "string",
                                   "enum": ["create", "update", "delete", "revert",
                                            *PHOTO_ACTIONS]},
                        "version": {"type": "integer"}, "author": {"type": "string"},
                        "at": {"type": "string", "format": "date-time"},
                        "source": {"type": "object", "required": ["kind", "reference"],
                                   "properties": {"kind": {"type": "string"},
                                                  "reference": {"type": "string"}}},
                        "comment": {"type": "string"},
                        "reverts": {"type": "integer", "nullable": True},
                        "batch": {"type": "string", "nullable": True},
                        "before": {"type": "object", "nullable": True},
                        "after": {"type": "object", "nullable": True}}}}}},
    }


def _progress_schema() -> dict:
    number = {"type": "number", "nullable": True}
    statuses = list(progress.STATUSES)
    paths = sorted(set(progress.PATH_OF_MEASURE.values()))
    missing = (progress.MISSING_ACTUAL, progress.MISSING_BASELINE, progress.MISSING_LATER)
    return {"type": "object", "required": ["as_of", "filters", "counts", "targets"],
            "properties": {
                "as_of": {"type": "string", "format": "date", "nullable": True},
                "filters": {"type": "object"},
                "counts": {"type": "object", "required": statuses, "properties": {
                    s: {"type": "integer", "minimum": 0} for s in statuses}},
                "targets": {"type": "array", "items": {
                    "type": "object",
                    "required": ["id", "name_zh", "name_en", "measure", "unit", "value", "year",
                                 "path", "baseline", "latest", "expected", "share", "status",
                                 "missing"],
                    "properties": {
                        "id": {"type": "string"},
                        "name_zh": {"type": "string", "nullable": True},
                        "name_en": {"type": "string", "nullable": True},
                        "measure": {"type": "string"},
                        "unit": {"type": "object", "properties": {
                            "zh": {"type": "string", "nullable": True},
                            "en": {"type": "string", "nullable": True}}},
                        "value": {"type": "number"}, "year": {"type": "integer"},
                        "path": {"type": "string", "enum": paths},
                        "baseline": {"type": "object", "nullable": True,
                                     "required": ["value", "year", "implied_by",
                                                  "source"],
                                     "properties": {
                                         "value": {"type": "number"},
                                         "year": {"type": "integer"},
                                         "implied_by": {"type": "string", "nullable": True,
                                                        "description": "the growth-rate "
                                                        "target that implies it"},
                                         "source": {"type": "string", "nullable": True,
                                                    "description": "the source of a value "
                                                    "recorded for the baseline year"}}},
                        "latest": {"type": "object", "nullable": True,
                                   "required": ["value", "date", "source"],
                                   "properties": {
                                       "value": {"type": "number"},
                                       "date": {"type": "string", "format": "date"},
                                       "source": {"type": "string"}}},
                        "expected": number, "share": number,
                        "status": {"type": "string", "enum": statuses},
                        "missing": {"type": "string", "nullable": True,
                                    "description": "what a no-data target lacks: "
                                                   + ", ".join(missing)}}}}}}

def _responses(op: Operation) -> dict:
    ok = {}
    schemas = op.schema if isinstance(op.schema, tuple) else (op.schema,) * len(op.content)
    for media, schema in zip(op.content, schemas):
        ok[media] = ({"schema": {"type": "string"}} if media == HTML
                     else {"schema": {"$ref": f"#/components/schemas/{schema}"}})
    error = {JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}
    if op.html:
        error[HTML] = {"schema": {"type": "string"}}
    out = {"200": {"description": "OK (with an ETag and Cache-Control: no-cache: revalidate with If-None-Match)",
                   "content": ok},
           "304": {"description": "Not modified (If-None-Match matched the ETag)"}}
    messages = {400: "Bad parameter: unknown name, malformed or out of range",
                404: "No record with this id", 406: "No acceptable format for the Accept header"}
    for status in (*op.errors, *((406,) if op.html else ())):
        out[str(status)] = {"description": messages[status], "content": error}
    return out


def document(settings: Mapping, *, server_url: str, version: str, about: str = "",
             writes: bool = False) -> dict:
    """The OpenAPI 3.0 document of every operation in the table; ``about``: what the data is
    (the plan's description); ``writes``: the data takes edits (Part 4 operations)."""
    paths = {}
    shared = {id(q): name for name, q in COMPONENT_PARAMS.items()}
    for op in operations():
        parameters = [{"$ref": f"#/components/parameters/{FEATURE_ID}"} if name == FEATURE_ID
                      else _path_param(name, desc, *values)
                      for name, desc, *values in op.path_params]
        parameters += [{"$ref": f"#/components/parameters/{shared[id(q)]}"} if id(q) in shared
                       else q.to_openapi(settings) for q in op.params]
        body = {"operationId": "-".join(op.key).replace("-", "_"), "summary": op.summary,
                "tags": [op.tag], "parameters": parameters, "responses": _responses(op)}
        if op.description:
            body["description"] = op.description
        paths[op.path] = {"get": body}
    schemas = _schemas()
    if writes:
        for collection in WRITABLE_COLLECTIONS:
            _add_writes(paths, schemas, collection)
    return {
        "openapi": "3.0.3",
        "info": {"title": "geo_layout data API and OGC API – Features", "version": version,
                 "description": f"{about} "
                                "Coordinates are WGS-84 unless crs asks for GCJ-02 or BD-09. "
                                f"limit is capped at {settings['MAX_LIMIT']}. Errors are JSON "
                                "{code, description}."},
        "servers": [{"url": server_url}],
        "tags": [{"name": "api", "description": "The service's JSON/GeoJSON data API"},
                 {"name": "ogc", "description": "OGC API – Features Part 1 (Core, GeoJSON, "
                                                "HTML, OpenAPI 3.0), Part 3 (Queryables as "
                                                "query parameters) and Part 5 (Schemas)"},
                 {"name": "downloads", "description": "Whole collections as files: GeoJSON, "
                                                      "CSV, XLSX, GeoPackage, KML"}],
        "paths": paths,
        "components": {"schemas": schemas, **({"securitySchemes": {"bearer": {
            "type": "http", "scheme": "bearer",
            "description": "An API token (geo-layout tokens create), or a browser session "
                           "with its CSRF token (X-CSRF-Token)"}}} if writes else {}),
                       "parameters": {
            **{name: q.to_openapi(settings) for name, q in COMPONENT_PARAMS.items()},
            FEATURE_ID: _path_param(FEATURE_ID, "Id of the feature: the adcode for "
                                    "prefectures and counties, a slug otherwise")}},
    }


def _path_param(name: str, description: str, values: tuple[str, ...] = ()) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string", "enum": list(values)} if values else
            {"type": "string", "minLength": 1, "maxLength": 200}}


#: The writes' own parameters (Part 4), documented once here and read by web/ogc_write.py.
WRITE_CRS = _enum("crs", ("wgs84", "gcj02", "bd09"), "Coordinate system of the point the body "
                  "sends (GCJ-02 as copied from Amap or Tencent, BD-09 from Baidu); stored in "
                  "WGS-84.", "wgs84")
SOURCE = _text("source", "Where the change comes from, as \"kind: reference\" (kinds: plan, "
               "notice, survey, visit, import, other); may instead be a member source of the "
               "Feature or its properties, or the X-Change-Source header. Required.")
COMMENT = _text("comment", "Why the change was made (optional).")
_WRITE_ERRORS = {
    "400": "The body or a field is invalid: every problem is listed (problems[].field, "
           ".message), or the source is missing",
    "401": "No credentials, or a token that is unknown, revoked or expired",
    "403": "This user may not edit this plan",
    "404": "No such collection or feature",
    "405": "This collection cannot be edited (the boundaries), or the data is read-only",
    "412": "If-Match names an older version: someone saved meanwhile; the body carries the "
           "record as it is now (current, current_version)",
    "428": "If-Match is missing",
    "429": "Too many writes a minute by this user",
}


def _record_schema(collection: str) -> dict:
    """The properties of a feature of ``collection`` field by field (OpenAPI 3.0 schema),
    from the field dictionary that /schema and the downloads use."""
    from ..data.fields import FIELDS

    props = {}
    for f in FIELDS[collection]:
        if f.added:
            continue
        schema: dict = {"type": f.type, "description": f.about_en}
        if f.items:
            schema["items"] = {"type": f.items}
        if f.nullable:
            schema["nullable"] = True
        props[f.name] = schema
    return {"type": "object", "required": ["type", "properties"], "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "string"},
        "geometry": {"type": "object", "nullable": True, "description":
                     "A Point (lon, lat) for parks and sites whose precision is site, street or town; "
                     "otherwise derived from the county or prefecture and ignored on input"},
        "properties": {"type": "object", "properties": props},
        "source": {"type": "string", "description": SOURCE.description},
        "comment": {"type": "string"}}}


def _add_writes(paths: dict, schemas: dict, collection: str) -> None:
    name = "Write" + "".join(part.title() for part in collection.split("-"))
    schemas[name] = _record_schema(collection)
    body = {"required": True, "content": {
        media: {"schema": {"$ref": f"#/components/schemas/{name}"}}
        for media in (GEOJSON, JSON)}}
    errors = {code: {"description": text, "content": {
        JSON: {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code, text in _WRITE_ERRORS.items()}
    params = [WRITE_CRS.to_openapi({}), SOURCE.to_openapi({}), COMMENT.to_openapi({})]
    if_match = {"name": "If-Match", "in": "header", "required": True,
                "description": "The ETag of the feature as last read (its version)",
                "schema": {"type": "string"}}
    feature = {"description": "The feature as stored, with its new ETag", "content": {
        GEOJSON: {"schema": {"$ref": "#/components/schemas/Feature"}}}}
    security = [{"bearer": []}]
    tag = "ogc"
    base = f"/ogc/collections/{collection}/items"
    paths[base]["post"] = {
        "operationId": f"ogc_create_{collection}".replace("-", "_"), "tags": [tag],
        "summary": f"Add a feature to {collection} (Part 4)", "security": security,
        "parameters": params, "requestBody": body,
        "responses": {"201": {**feature, "headers": {"Location": {
            "schema": {"type": "string"}, "description": "The new feature's URL"}}},
            **errors}}
    item = paths[f"{base}/{{featureId}}"]
    for method, verb, text in (("put", "replace", "Replace a feature"),
                               ("patch", "update", "Change some properties of a feature "
                                                   "(JSON Merge Patch)")):
        item[method] = {
            "operationId": f"ogc_{verb}_{collection}".replace("-", "_"), "tags": [tag],
            "summary": f"{text} of {collection} (Part 4)", "security": security,
            "parameters": [{"$ref": f"#/components/parameters/{FEATURE_ID}"}, if_match,
                           *params],
            "requestBody": body if method == "put" else {"required": True, "content": {
                media: {"schema": {"type": "object"}} for media in
                ("application/merge-patch+json", JSON, GEOJSON)}},
            "responses": {"200": feature, **errors}}
    item["delete"] = {
        "operationId": f"ogc_delete_{collection}".replace("-", "_"), "tags": [tag],
        "summary": f"Delete a feature of {collection} (Part 4)", "security": security,
        "parameters": [{"$ref": f"#/components/parameters/{FEATURE_ID}"}, if_match,
                       SOURCE.to_openapi({}), COMMENT.to_openapi({})],
        "responses": {"204": {"description": "Deleted"}, **errors}}
