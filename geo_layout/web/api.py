"""``/api``: the service's own data API (GeoJSON for collections with geometry, JSON records for
enterprises and targets), search and nearby. Every request is checked against the operation
table of :mod:`.openapi`, which is also what ``/ogc/api`` documents."""

from __future__ import annotations

from urllib.parse import urlencode

import numpy as np
from flask import Blueprint, Response, current_app, request

from ..data import crs
from ..data.features import COLLECTIONS, GEOMETRY_COLLECTIONS, PLACE_COLLECTIONS
from ..data.clusters import grid_clusters
from ..data.store import FILTERS
from ..data.writers import formats_for
from ..errors import NotFound
from . import geojson, openapi, plans
from .as_of import requested_store
from .caching import conditional
from .state import current_store

bp = Blueprint("api", __name__)
#: What /api/search says when nothing matched.
SEARCH_HINT = ("No name, industry, prefecture, county or layout element matches this text. "
               "Try a shorter or partial name, pinyin (in full or initials), an English "
               "word or a Chinese name; filter a collection by code or name instead "
               "(/api/parks?prefecture=<name>); every record is listed at /api/<collection>.")


def _settings() -> dict:
    return current_app.config["GEO_LAYOUT"]


def _parse(*key: str) -> tuple[openapi.Operation, dict]:
    op = openapi.operation(*key)
    return op, openapi.parse(op, request.args, _settings())


def _known(collection: str) -> str:
    if collection not in COLLECTIONS:
        raise NotFound(f"unknown collection {collection!r}; collections are: "
                       f"{', '.join(COLLECTIONS)}")
    return collection


def url_with(**changes) -> str:
    """The current URL (absolute) with some query parameters replaced, all others kept."""
    pairs = [(k, v) for k, v in request.args.items(multi=True) if k not in changes]
    pairs += [(k, str(v)) for k, v in changes.items() if v is not None]
    query = urlencode(pairs)
    return request.base_url + ("?" + query if query else "")


def paging_links(offset: int, limit: int, returned: int, total: int, media: str) -> list[dict]:
    """self, and next / prev when there are more records after / before this page."""
    links = [{"rel": "self", "href": url_with(), "type": media}]
    if offset + returned < total:
        links.append({"rel": "next", "href": url_with(offset=offset + limit), "type": media})
    if offset > 0:
        links.append({"rel": "prev", "href": url_with(offset=max(0, offset - limit)),
                      "type": media})
    return links


def records_url(collection: str) -> str:
    """``<root>/api/<collection>/``: a record's URL is this plus its quoted id (computed once
    per collection when a response links many records: ``request.url_root`` is not free).
    The root carries the plan's prefix (see plans.py)."""
    return f"{request.url_root.rstrip('/')}/api/{collection}/"


def record_url(collection: str, fid: str) -> str:
    return records_url(collection) + geojson.quoted_id(fid)


def _json(text: str, media: str) -> Response:
    return Response(text, mimetype=media)


@bp.get("/api")
def index():
    """Where everything is: each collection's API, OGC and download URLs, the other endpoints,
    the OpenAPI document and the data page (which documents every field)."""
    _, values = _parse("api-index")

    def build():
        host = request.url_root.rstrip("/")
        lang = values["lang"]
        collections = []
        for c in COLLECTIONS:
            title, description = openapi.COLLECTION_INFO[c]
            collections.append({
                "id": c, "title": title, "description": description,
                "geometry": c in GEOMETRY_COLLECTIONS,
                "filters": sorted(FILTERS[c]),
                "api": f"{host}/api/{c}", "ogc": f"{host}/ogc/collections/{c}",
                "downloads": {fmt: f"{host}/downloads/{c}.{fmt}" for fmt in formats_for(c)}})
        links = [
            {"rel": "self", "href": f"{host}/api", "type": openapi.JSON},
            {"rel": "service-desc", "href": f"{host}/ogc/api", "type": openapi.OPENAPI_TYPE,
             "title": "OpenAPI 3.0 document of /api, /ogc and /downloads"},
            {"rel": "data", "href": f"{host}/ogc", "type": openapi.JSON,
             "title": "OGC API – Features landing page"},
            {"rel": "describedby", "href": f"{host}/data?lang={lang}", "type": openapi.HTML,
             "title": "Data page: downloads, field dictionary, sources and licences"},
        ]
        endpoints = {
            "search": f"{host}/api/search?q=",
            "nearby": f"{host}/api/nearby?lon=&lat=&radius_km=&k=",
            "clusters": {c: f"{host}/api/clusters/{c}?zoom=&bbox=" for c in PLACE_COLLECTIONS},
        }
        return _json(geojson.dumps({"title": "geo_layout data API", "collections": collections,
                                    "endpoints": endpoints, "links": links}), openapi.JSON)

    return conditional(build)


@bp.get("/api/search")
def search():
    _, values = _parse("api-search")

    def build():
        if values["plans"] == "all":
            results = plans.search_all(values["q"], values["limit"], values["lang"])
        else:
            hits = current_store().search(values["q"], limit=values["limit"])
            bases = {c: records_url(c) for c in {h.feature.collection for h in hits}}
            results = [{"collection": h.feature.collection, "id": h.feature.id,
                        "name_zh": h.feature.properties.get("name_zh"),
                        "name_en": h.feature.properties.get("name_en"), "score": h.score,
                        "link": bases[h.feature.collection] + geojson.quoted_id(h.feature.id)}
                       for h in hits]
        return _json(geojson.dumps({"query": values["q"], "numberReturned": len(results),
                                    "hint": None if results else SEARCH_HINT,
                                    "results": results}), openapi.JSON)

    return conditional(build)


@bp.get("/api/nearby")
def nearby():
    _, values = _parse("api-nearby")
    system = openapi.coordinate_system(values)

    def build():
        found = current_store().nearby(values["lon"], values["lat"], values["radius_km"],
                                       values["k"])
        links = {c: geojson.self_links(records_url(c), openapi.GEOJSON)
                 for c in {n.feature.collection for n in found}}
        features = [geojson.feature_text(
            n.feature, system=system,
            extra={"collection": n.feature.collection, "distance_km": n.distance_km},
            links_text=links[n.feature.collection](n.feature)) for n in found]
        members = {"query": {k: values[k] for k in ("lon", "lat", "radius_km", "k")},
                   "numberReturned": len(features),
                   "coordinate_system": geojson.COORDINATE_SYSTEMS[system],
                   "links": [{"rel": "self", "href": url_with(), "type": openapi.GEOJSON}]}
        return _json(geojson.collection_text(features, members), openapi.GEOJSON)

    return conditional(build)


@bp.get("/api/clusters/parks", defaults={"collection": "parks"})
@bp.get("/api/clusters/sites", defaults={"collection": "sites"})
def clusters(collection: str):
    """``/api/clusters/<collection>`` (parks, sites): clusters and single points for one map
    view (the sites map at 100,000 sites), of the points passing the collection's filters and
    ``q`` (an element's, a prefecture's or the directory's map), in ``crs``."""
    op, values = _parse("api-clusters", collection)
    system = openapi.coordinate_system(values)

    def build():
        xy, located = requested_store().selection(collection, openapi.filters_of(op, values),
                                                  values.get("q"))
        bbox = values.get("bbox") or (-180.0, -90.0, 180.0, 90.0)
        groups, singles, matched = grid_clusters(xy, bbox, values["zoom"])
        # clustered in WGS-84, then moved (centres and extents) to the map's system
        centres = _in_system([(c.lon, c.lat) for c in groups], system)
        corners = _in_system([corner for c in groups for corner in (c.bbox[:2], c.bbox[2:])],
                             system)
        points = _in_system(xy[singles], system)
        features = [geojson.dumps({
            "type": "Feature", "id": f"cluster-{i}",
            "geometry": {"type": "Point", "coordinates": [round(v, 5) for v in centres[i]]},
            "properties": {"cluster": True, "count": c.count, "bbox": [
                round(v, 5) for v in (*corners[2 * i], *corners[2 * i + 1])]}})
            for i, c in enumerate(groups)]
        for j, i in enumerate(singles.tolist()):
            p = located[i].properties
            features.append(geojson.dumps({
                "type": "Feature", "id": located[i].id,
                "geometry": {"type": "Point", "coordinates": [round(v, 6) for v in points[j]]},
                "properties": {"name_zh": p["name_zh"], "name_en": p["name_en"],
                               "kind": p["kind"], "precision": p["precision"]}}))
        shown = sum(c.count for c in groups) + len(singles)
        members = {"zoom": values["zoom"], "numberMatched": matched,
                   "numberReturned": len(features), "truncated": shown < matched,
                   "coordinate_system": geojson.COORDINATE_SYSTEMS[system]}
        return _json(geojson.collection_text(features, members), openapi.GEOJSON)

    return conditional(build)


def _in_system(lonlat, system: str) -> list[tuple[float, float]]:
    """WGS-84 lon/lat pairs in ``system`` (wgs84, gcj02, bd09)."""
    xy = np.asarray(lonlat, dtype=float).reshape(-1, 2)
    if system != "wgs84" and len(xy):
        lon, lat = crs.convert_array(xy[:, 0], xy[:, 1], "wgs84", system)
        xy = np.column_stack([lon, lat])
    return [(float(x), float(y)) for x, y in xy.tolist()]


@bp.get("/api/<collection>")
def collection_items(collection: str):
    op, values = _parse("api-list", _known(collection))
    system = openapi.coordinate_system(values)

    def build():
        page = requested_store().query(collection, openapi.filters_of(op, values),
                                       values.get("bbox"), values["limit"], values["offset"])
        returned = len(page.features)
        media = op.content[0]
        members = {"numberMatched": page.total, "numberReturned": returned,
                   "links": paging_links(page.offset, values["limit"], returned, page.total,
                                         media)}
        if collection not in GEOMETRY_COLLECTIONS:
            body = {"items": [geojson.item_dict(f) for f in page.features], **members}
            return _json(geojson.dumps(body), media)
        members.update(coordinate_system=geojson.COORDINATE_SYSTEMS[system], lod=values["lod"])
        features = (geojson.feature_text(f, lod=values["lod"], system=system)
                    for f in page.features)
        return _json(geojson.collection_text(features, members), media)

    return conditional(build)


@bp.get("/api/<collection>/<id>")
def collection_item(collection: str, id: str):  # noqa: A002 - the public route's name
    op, values = _parse("api-item", _known(collection))
    system = openapi.coordinate_system(values)
    feature = requested_store().get(collection, id)

    def build():
        links = [{"rel": "self", "href": record_url(collection, id), "type": op.content[0]},
                 {"rel": "collection", "href": f"{request.url_root.rstrip('/')}/api/"
                                               f"{collection}", "type": op.content[0]}]
        if collection not in GEOMETRY_COLLECTIONS:
            return _json(geojson.dumps({**geojson.item_dict(feature), "links": links}),
                         op.content[0])
        text = geojson.feature_text(feature, lod=values["lod"], system=system, links=links)
        head = geojson.dumps({"coordinate_system": geojson.COORDINATE_SYSTEMS[system],
                              "lod": values["lod"]})[1:-1]
        return _json(text[:-1] + "," + head + "}", op.content[0])

    return conditional(build)
