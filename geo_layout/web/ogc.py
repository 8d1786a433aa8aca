"""``/ogc``: OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) over the store, so GIS
clients (QGIS, GDAL's OAPIF driver, OWSLib) read the layout directly, with each collection's
queryables (Part 3) and schema (Part 5) so that clients type the fields without guessing from the
first features (an empty list there made QGIS read every list as NULL).

Every collection is offered, enterprises and targets as features with a null geometry (a bbox
matches none of them). JSON or HTML is chosen by ``f`` or, without it, the Accept header.
Schema and queryables are built from the field dictionary (``data/fields.py``) and the store's
filters (``store.FILTERS``): nothing here describes a field a second time.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from urllib.parse import quote

from flask import Blueprint, Response, current_app, render_template, request

from ..data.features import COLLECTIONS, GEOMETRY_COLLECTIONS, PLACE_COLLECTIONS
from ..data.fields import COLLECTION_DOCS, FIELDS, Field
from ..data.store import FILTERS, Page
from .. import words
from ..errors import NotAcceptable, NotFound
from . import geojson, openapi
from .plans import other_plans
from .api import paging_links, url_with
from .caching import conditional
from .as_of import note as as_of_note, requested_store
from .state import current_store

bp = Blueprint("ogc", __name__)

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    # Part 3: /queryables, and each queryable is a query parameter of /items
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
    # Part 5 (draft): JSON Schema 2020-12 with x-ogc-role, served at /schema
    "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
    "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/core-roles-features",
    "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/returnables-and-receivables",
]
REL_QUERYABLES = "http://www.opengis.net/def/rel/ogc/1.0/queryables"
REL_SCHEMA = "http://www.opengis.net/def/rel/ogc/1.0/schema"
#: IANA's ``describedby``, spelt as GDAL's OAPIF driver compares it (case-sensitively; link
#: relation types are case-insensitive, RFC 8288 section 2.1.1, so this spelling is valid):
#: GDAL types the fields from the GeoJSON feature schema it links, not from a first page.
REL_DESCRIBED_BY = "describedBy"
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def conformance_classes() -> list[str]:
    """Part 1, 3 and 5 always; Part 4 (writes) when the data is served from a database."""
    from .ogc_write import CONFORMANCE as WRITES

    return CONFORMANCE + (WRITES if current_store().editable else [])


def _about(lang: str = "en") -> dict:
    """The service's title and description, from the plan's data (JSON answers in English)."""
    plan = current_store().plan()
    return {"title": f"geo_layout: {plan.map_title.get(lang)}",
            "description": plan.description.get(lang)}


def _root() -> str:
    return request.url_root.rstrip("/") + "/ogc"


def _parse(*key: str) -> tuple[openapi.Operation, dict]:
    op = openapi.operation(*key)
    return op, openapi.parse(op, request.args, current_app.config["GEO_LAYOUT"])


def _known(collection: str) -> str:
    if collection not in COLLECTIONS:
        raise NotFound(f"unknown collection {collection!r}; collections are: "
                       f"{', '.join(COLLECTIONS)}")
    return collection


def negotiate(f: str | None, json_types: tuple[str, ...]) -> str:
    """``f`` wins; otherwise the Accept header (none or */* -> JSON); 406 if nothing fits."""
    if f:
        return f
    accept = request.accept_mimetypes
    if not accept:
        return "json"
    best = accept.best_match([*json_types, openapi.HTML])
    if best is None:
        raise NotAcceptable(f"cannot produce {request.headers.get('Accept', '')[:80]!r}; "
                            f"available: {', '.join(json_types)}, text/html")
    return "html" if best == openapi.HTML else "json"


def _respond(values: dict, json_types: tuple[str, ...], make_json, template: str, context,
             tag_prefix: str = ""):
    fmt = negotiate(values.get("f"), json_types)

    def build():
        if fmt == "html":
            html = render_template(f"ogc/{template}", root=_root(), docs=COLLECTION_DOCS,
                                   **context())
            return Response(html, mimetype=openapi.HTML)
        return Response(make_json(), mimetype=json_types[0])

    return conditional(build, variant=fmt, vary=("Accept",), tag_prefix=tag_prefix)


def _link(href: str, rel: str, media: str, title: str | None = None) -> dict:
    out = {"href": href, "rel": rel, "type": media}
    if title:
        out["title"] = title
    return out


def _self_links(href: str, media: str) -> list[dict]:
    return [_link(f"{href}?f=json", "self", media, "This document as JSON"),
            _link(f"{href}?f=html", "alternate", openapi.HTML, "This document as HTML")]


def collection_info(collection: str) -> dict:
    title, description = openapi.COLLECTION_INFO[collection]
    href = f"{_root()}/collections/{collection}"
    info = {"id": collection, "title": title, "description": description,
            "itemType": "feature", "crs": [openapi.CRS84], "storageCrs": openapi.CRS84}
    extent = current_store().extent(collection)
    if extent is not None:
        info["extent"] = {"spatial": {"bbox": [list(extent)], "crs": openapi.CRS84}}
    info["links"] = [
        _link(href, "self", openapi.JSON, "This collection"),
        _link(f"{href}?f=html", "alternate", openapi.HTML, "This collection as HTML"),
        _link(f"{href}/items", "items", openapi.GEOJSON, "Features as GeoJSON"),
        _link(f"{href}/items?f=html", "items", openapi.HTML, "Features as HTML"),
        _link(f"{href}/queryables", REL_QUERYABLES, openapi.SCHEMA_JSON,
              "Queryables: the properties the items can be filtered by"),
        _link(f"{href}/queryables?f=html", REL_QUERYABLES, openapi.HTML, "Queryables as HTML"),
        _link(f"{href}/schema", REL_SCHEMA, openapi.SCHEMA_JSON,
              "Schema: every property of the features, with its type"),
        _link(f"{href}/schema?f=html", REL_SCHEMA, openapi.HTML, "Schema as HTML"),
        _described_by(collection),
    ]
    return info


def _described_by(collection: str) -> dict:
    return _link(f"{_root()}/collections/{collection}/schema/geojson", REL_DESCRIBED_BY,
                 openapi.SCHEMA_JSON, "JSON Schema of one feature as GeoJSON")


# --- Part 5 schema and Part 3 queryables, from the field dictionary ------------------------

def _value_type(field: Field) -> dict:
    """The JSON Schema of one field's value: ``type`` (with ``"null"`` when it may be null)
    and, for a list, the type of its ``items``."""
    kind = [field.type, "null"] if field.nullable else field.type
    out = {"type": kind}
    if field.type == "array":
        out["items"] = {"type": field.items or "string"}
    return out


def _geometry_property(collection: str) -> dict | None:
    if collection not in GEOMETRY_COLLECTIONS:
        return None
    point = collection in PLACE_COLLECTIONS
    located_always = collection in ("prefectures", "counties")
    return {"title": "Geometry",
            "description": ("The point (WGS-84); null when the plan does not locate it"
                            if point else "The area's boundary (WGS-84)"
                            + ("" if located_always else "; null when the plan gives no "
                                                         "extent")),
            "type": "object" if located_always else ["object", "null"],
            "format": "geometry-point" if point else "geometry-polygon-or-multipolygon",
            "x-ogc-role": "primary-geometry"}


def feature_schema(collection: str, lang: str = "en") -> dict:
    """Part 5 "returnables": every property of the collection's features (the dictionary's
    fields but the columns only the file writers add), the id and the geometry with their
    ``x-ogc-role``."""
    doc = COLLECTION_DOCS[collection]
    properties = {}
    for field in FIELDS[collection]:
        if field.added:
            continue
        prop = {"title": field.header(lang), "description": field.about(lang),
                **_value_type(field)}
        if field.name == "id":
            prop["x-ogc-role"] = "id"
        properties[field.name] = prop
    geometry = _geometry_property(collection)
    if geometry is not None:
        properties["geometry"] = geometry
    return {"$schema": JSON_SCHEMA, "$id": f"{_root()}/collections/{collection}/schema",
            "type": "object", "title": doc.title(lang), "description": doc.about(lang),
            "properties": properties}


def _position_schemas() -> dict:
    """``$defs`` of the GeoJSON geometries the collections use (RFC 7946, 2D positions)."""
    def geometry(kind: str, coordinates: dict) -> dict:
        return {"type": "object", "required": ["type", "coordinates"],
                "properties": {"type": {"type": "string", "enum": [kind]},
                               "coordinates": coordinates}}

    position = {"type": "array", "minItems": 2, "maxItems": 3, "items": {"type": "number"}}
    ring = {"type": "array", "minItems": 4, "items": {"$ref": "#/$defs/position"}}
    polygon = {"type": "array", "items": ring}
    return {"position": position,
            "Point": geometry("Point", {"$ref": "#/$defs/position"}),
            "Polygon": geometry("Polygon", polygon),
            "MultiPolygon": geometry("MultiPolygon", {"type": "array", "items": polygon})}


def geojson_feature_schema(collection: str) -> dict:
    """The JSON Schema of one feature of ``collection`` as GeoJSON (``type``, ``id``,
    ``geometry``, ``properties``), linked ``describedBy`` from the collection: GDAL's OAPIF
    driver types its fields from the example this schema describes (``properties``' members)
    instead of from the first page, where an empty list made a JSON field. The properties are
    :func:`feature_schema`'s (one definition); the geometry is the collection's kind: a point
    for parks and sites, a polygon or multipolygon for areas, null for the tables."""
    returnables = feature_schema(collection)
    # properties.id repeats the feature's id: GDAL makes its "id" field of the latter and
    # would add a second "id" field for the former
    properties, by_pattern = {}, {}
    for name, prop in returnables["properties"].items():
        if name in ("geometry", "id"):
            continue
        if isinstance(prop["type"], list) and prop["type"][0] != "string":
            # GDAL reads only a string "type": ["integer", "null"] would make a text field.
            # Validators apply patternProperties like properties; GDAL skips them and types
            # these (nullable numbers, a drawn boundary) from the first page, as it did
            # without this schema.
            by_pattern[f"^{re.escape(name)}$"] = prop
        else:
            properties[name] = prop
    geometry_property = _geometry_property(collection)
    if geometry_property is None:
        geometry = {"type": "null"}
    else:
        kinds = (["Point"] if collection in PLACE_COLLECTIONS else ["Polygon", "MultiPolygon"])
        geometry = {"oneOf": [{"$ref": f"#/$defs/{k}"} for k in kinds]}
        if isinstance(geometry_property["type"], list):  # null where the plan gives none
            geometry["oneOf"].append({"type": "null"})
        geometry["description"] = geometry_property["description"]
    return {"$schema": JSON_SCHEMA,
            "$id": f"{_root()}/collections/{collection}/schema/geojson",
            "title": f"{returnables['title']}: one feature (GeoJSON)",
            "description": returnables["description"],
            "type": "object", "required": ["type", "id", "geometry", "properties"],
            "properties": {
                "type": {"type": "string", "enum": ["Feature"]},
                "id": {"type": "string", "x-ogc-role": "id",
                       "description": "The feature's id (repeated as properties.id)"},
                "geometry": geometry,
                "properties": {"type": "object", "properties": properties,
                               **({"patternProperties": by_pattern} if by_pattern else {})},
                "links": {"type": "array", "items": {"type": "object"}},
            },
            "$defs": _position_schemas()}


def queryables(collection: str, lang: str = "en") -> dict:
    """Part 3 queryables: exactly the property filters of ``/items``, each under its query
    parameter's name. A filter on a list property (``element`` on ``elements``) matches a
    feature whose list holds the value, so its queryable is one item of the list."""
    fields = {f.name: f for f in FIELDS[collection]}
    properties = {}
    for key, name in FILTERS[collection].items():
        field = fields[name]
        one = field.items if field.type == "array" else field.type
        how = "ogc.queryable_list" if field.type == "array" else "ogc.queryable_value"
        properties[key] = {"title": field.header(lang),
                           "description": words.t(how, lang, about=field.about(lang), param=key,
                                                  name=name),
                           "type": one or "string"}
    return {"$schema": JSON_SCHEMA, "$id": f"{_root()}/collections/{collection}/queryables",
            "type": "object", "title": COLLECTION_DOCS[collection].title(lang),
            "properties": properties, "additionalProperties": False}


@bp.get("/ogc")
def landing():
    _, values = _parse("ogc-landing")
    root = _root()

    def body():
        return geojson.dumps({**_about(), "links": [
            *_self_links(root, openapi.JSON),
            _link(f"{root}/api", "service-desc", openapi.OPENAPI_TYPE, "The OpenAPI 3.0 document"),
            _link(f"{root}/conformance", "conformance", openapi.JSON, "Conformance classes"),
            _link(f"{root}/collections", "data", openapi.JSON, "Feature collections"),
            *(_link(p["ogc"], "related", openapi.JSON, p["title"]) for p in other_plans("en")),
        ]})

    return _respond(values, (openapi.JSON,), body, "landing.html",
                    lambda: {**_about(values["lang"]),
                             "other_plans": other_plans(values["lang"])})


@bp.get("/ogc/conformance")
def conformance():
    _, values = _parse("ogc-conformance")
    return _respond(values, (openapi.JSON,),
                    lambda: geojson.dumps({"conformsTo": conformance_classes()}),
                    "conformance.html", lambda: {"classes": conformance_classes()})


@bp.get("/ogc/collections")
def collections():
    _, values = _parse("ogc-collections")

    def body():
        return geojson.dumps({"links": _self_links(f"{_root()}/collections", openapi.JSON),
                              "collections": [collection_info(c) for c in COLLECTIONS]})

    return _respond(values, (openapi.JSON,), body, "collections.html",
                    lambda: {"collections": [collection_info(c) for c in COLLECTIONS]})


@bp.get("/ogc/api")
def api_document():
    _, values = _parse("ogc-api")

    def build():
        doc = openapi.document(current_app.config["GEO_LAYOUT"],
                               server_url=request.url_root.rstrip("/"),
                               version=current_store().version,
                               about=current_store().plan().description.get("en"),
                               writes=current_store().editable)
        return Response(geojson.dumps(doc), mimetype=openapi.OPENAPI_TYPE)

    return conditional(build)


@bp.get("/ogc/collections/<id>")
def collection(id: str):  # noqa: A002 - the public route's name
    _, values = _parse("ogc-collection", _known(id))
    return _respond(values, (openapi.JSON,), lambda: geojson.dumps(collection_info(id)),
                    "collection.html", lambda: {"collection": collection_info(id)})


@bp.get("/ogc/collections/<id>/queryables")
def collection_queryables(id: str):  # noqa: A002 - the public route's name
    return _schema_document(id, "queryables", queryables)


@bp.get("/ogc/collections/<id>/schema")
def collection_schema(id: str):  # noqa: A002 - the public route's name
    return _schema_document(id, "schema", feature_schema)


@bp.get("/ogc/collections/<id>/schema/geojson")
def collection_geojson_schema(id: str):  # noqa: A002 - the public route's name
    """JSON only (``application/schema+json``): the document is for programs (GDAL)."""
    _parse("ogc-geojson-schema", _known(id))
    return conditional(lambda: Response(geojson.dumps(geojson_feature_schema(id)),
                                        mimetype=openapi.SCHEMA_JSON))


def _schema_document(id: str, kind: str, build) -> Response:  # noqa: A002
    """A collection's JSON Schema (``kind``: queryables or schema, ``build(id, lang)``), as
    JSON or as the HTML page that lists its properties."""
    _, values = _parse(f"ogc-{kind}", _known(id))
    lang = values["lang"]
    return _respond(values, (openapi.SCHEMA_JSON, openapi.JSON),
                    lambda: geojson.dumps(build(id)), "schema.html",
                    lambda: {"collection": collection_info(id), "schema": build(id, lang),
                             "heading": words.t(f"ogc.{kind}", lang),
                             "help": words.t(f"ogc.{kind}_help", lang),
                             "json_href": f"{_root()}/collections/{id}/{kind}?f=json"})


def _page(collection: str, op: openapi.Operation, values: dict) -> Page:
    bbox = values.get("bbox")
    store = requested_store()  # first: a bad as_of is refused whatever else is asked
    if bbox is not None and collection not in GEOMETRY_COLLECTIONS:
        return Page([], 0, values["offset"], values["limit"])  # nothing without a geometry
    return store.query(collection, openapi.filters_of(op, values), bbox, values["limit"],
                       values["offset"])


@bp.get("/ogc/collections/<id>/items", provide_automatic_options=False)  # see ogc_write
def items(id: str):  # noqa: A002 - the public route's name
    op, values = _parse("ogc-items", _known(id))
    fmt_types = (openapi.GEOJSON, openapi.JSON)

    def page_and_links(media: str):
        page = _page(id, op, values)
        returned = len(page.features)
        links = paging_links(page.offset, values["limit"], returned, page.total, media)
        links.append(_link(f"{_root()}/collections/{id}", "collection", openapi.JSON,
                           "The collection"))
        links.append(_described_by(id))
        return page, links

    def body():
        page, links = page_and_links(openapi.GEOJSON)
        links.insert(1, _link(url_with(f="html"), "alternate", openapi.HTML, "As HTML"))
        members = {"numberMatched": page.total, "numberReturned": len(page.features),
                   "timeStamp": datetime.now(timezone.utc).isoformat(timespec="seconds")
                   .replace("+00:00", "Z"), "links": links}
        features = (geojson.feature_text(f, lod=values["lod"]) for f in page.features)
        return geojson.collection_text(features, members)

    def context():
        page, links = page_and_links(openapi.HTML)
        return {"collection": collection_info(id), "page": page,
                "links": {link["rel"]: link["href"] for link in links},
                "json_href": url_with(f="json"), "as_of_note": as_of_note()}

    return _respond(values, fmt_types, body, "items.html", context)


@bp.get("/ogc/collections/<id>/items/<fid>", provide_automatic_options=False)
def item(id: str, fid: str):  # noqa: A002 - the public route's name
    _, values = _parse("ogc-item", _known(id))
    feature = requested_store().get(id, fid)
    href = f"{_root()}/collections/{id}/items/{quote(fid, safe='')}"

    def body():
        links = [*_self_links(href, openapi.GEOJSON),
                 _link(f"{_root()}/collections/{id}", "collection", openapi.JSON,
                       "The collection")]
        return geojson.feature_text(feature, lod=values["lod"], links=links)

    return _respond(values, (openapi.GEOJSON, openapi.JSON), body, "item.html",
                    lambda: {"collection": collection_info(id), "feature": feature,
                             "json_href": f"{href}?f=json", "as_of_note": as_of_note(),
                             "headers": {f.name: f.header(values.get("lang") or "zh")
                                         for f in FIELDS[id]},
                             "geometry_type": feature.geometry(values["lod"]).geom_type
                             if feature.geometry(values["lod"]) is not None else None},
                    # a past view's tag names no version: If-Match cannot be given one
                    tag_prefix="" if values["as_of"] else
                    f"r{current_store().record_version(id, fid)}-")
