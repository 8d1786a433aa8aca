"""``/ogc``: OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) over the store, so GIS
clients (QGIS, GDAL's OAPIF driver, OWSLib) read the layout directly.

Every collection is offered, enterprises and targets as features with a null geometry (a bbox
matches none of them). JSON or HTML is chosen by ``f`` or, without it, the Accept header.
"""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import quote

from flask import Blueprint, Response, current_app, render_template, request

from ..data.features import COLLECTIONS, GEOMETRY_COLLECTIONS
from ..data.fields import COLLECTION_DOCS, FIELDS
from ..data.store import Page
from ..errors import NotAcceptable, NotFound
from . import geojson, openapi
from .plans import other_plans
from .api import paging_links, url_with
from .caching import conditional
from .state import current_store

bp = Blueprint("ogc", __name__)

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]


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


def _respond(values: dict, json_types: tuple[str, ...], make_json, template: str, context):
    fmt = negotiate(values.get("f"), json_types)

    def build():
        if fmt == "html":
            html = render_template(f"ogc/{template}", root=_root(), docs=COLLECTION_DOCS,
                                   **context())
            return Response(html, mimetype=openapi.HTML)
        return Response(make_json(), mimetype=json_types[0])

    return conditional(build, variant=fmt, vary=("Accept",))


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
    ]
    return info


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
                    lambda: geojson.dumps({"conformsTo": CONFORMANCE}), "conformance.html",
                    lambda: {"classes": CONFORMANCE})


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
                               about=current_store().plan().description.get("en"))
        return Response(geojson.dumps(doc), mimetype=openapi.OPENAPI_TYPE)

    return conditional(build)


@bp.get("/ogc/collections/<id>")
def collection(id: str):  # noqa: A002 - the public route's name
    _, values = _parse("ogc-collection", _known(id))
    return _respond(values, (openapi.JSON,), lambda: geojson.dumps(collection_info(id)),
                    "collection.html", lambda: {"collection": collection_info(id)})


def _page(collection: str, op: openapi.Operation, values: dict) -> Page:
    bbox = values.get("bbox")
    if bbox is not None and collection not in GEOMETRY_COLLECTIONS:
        return Page([], 0, values["offset"], values["limit"])  # nothing without a geometry
    return current_store().query(collection, openapi.filters_of(op, values), bbox,
                                 values["limit"], values["offset"])


@bp.get("/ogc/collections/<id>/items")
def items(id: str):  # noqa: A002 - the public route's name
    op, values = _parse("ogc-items", _known(id))
    fmt_types = (openapi.GEOJSON, openapi.JSON)

    def page_and_links(media: str):
        page = _page(id, op, values)
        returned = len(page.features)
        links = paging_links(page.offset, values["limit"], returned, page.total, media)
        links.append(_link(f"{_root()}/collections/{id}", "collection", openapi.JSON,
                           "The collection"))
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
                "json_href": url_with(f="json")}

    return _respond(values, fmt_types, body, "items.html", context)


@bp.get("/ogc/collections/<id>/items/<fid>")
def item(id: str, fid: str):  # noqa: A002 - the public route's name
    _, values = _parse("ogc-item", _known(id))
    feature = current_store().get(id, fid)
    href = f"{_root()}/collections/{id}/items/{quote(fid, safe='')}"

    def body():
        links = [*_self_links(href, openapi.GEOJSON),
                 _link(f"{_root()}/collections/{id}", "collection", openapi.JSON,
                       "The collection")]
        return geojson.feature_text(feature, lod=values["lod"], links=links)

    return _respond(values, (openapi.GEOJSON, openapi.JSON), body, "item.html",
                    lambda: {"collection": collection_info(id), "feature": feature,
                             "json_href": f"{href}?f=json",
                             "headers": {f.name: f.header(values.get("lang") or "zh")
                                         for f in FIELDS[id]},
                             "geometry_type": feature.geometry(values["lod"]).geom_type
                             if feature.geometry(values["lod"]) is not None else None})
