"""/ogc: OGC API – Features Part 1 resources, their contents against the store, negotiation
between JSON and HTML, errors and caching."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from geo_layout.data.features import COLLECTIONS, GEOMETRY_COLLECTIONS

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONF = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"


def get_json(client, url: str, **headers) -> dict:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json(force=True)


def links(body: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for link in body["links"]:
        out.setdefault(link["rel"], []).append(link)
    return out


def test_landing_page_links(client):
    body = get_json(client, "/ogc")
    rels = links(body)
    assert {"self", "service-desc", "conformance", "data"} <= set(rels)
    assert rels["service-desc"][0]["href"].endswith("/ogc/api")
    assert rels["service-desc"][0]["type"].startswith("application/vnd.oai.openapi+json")
    assert rels["conformance"][0]["href"].endswith("/ogc/conformance")
    assert rels["data"][0]["href"].endswith("/ogc/collections")


def test_conformance_classes(client):
    body = get_json(client, "/ogc/conformance")
    spec = "http://www.opengis.net/spec/ogcapi-features-"
    assert sorted(body["conformsTo"]) == sorted(
        [CONF + c for c in ("core", "geojson", "html", "oas30")]
        + [spec + "3/1.0/conf/" + c for c in ("queryables", "queryables-query-parameters")]
        + [spec + "5/1.0/conf/" + c for c in ("schemas", "core-roles-features",
                                              "returnables-and-receivables")])


def test_collections_describe_every_collection(client, store):
    body = get_json(client, "/ogc/collections")
    assert [c["id"] for c in body["collections"]] == list(COLLECTIONS)
    for c in body["collections"]:
        assert c["itemType"] == "feature" and c["crs"] == [CRS84] and c["title"]
        extent = store.extent(c["id"])
        if extent is None:
            assert "extent" not in c
        else:
            assert c["extent"]["spatial"]["bbox"] == [list(extent)]
        items = [link for link in c["links"] if link["rel"] == "items"]
        assert any(link["href"].endswith(f"/ogc/collections/{c['id']}/items") for link in items)
    one = get_json(client, "/ogc/collections/parks")
    assert one == next(c for c in body["collections"] if c["id"] == "parks")
    assert one["title"] == "Parks"


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_items_equal_the_store(client, store, collection):
    body = get_json(client, f"/ogc/collections/{collection}/items?limit=1000")
    expected = store.query(collection).features
    assert [f["id"] for f in body["features"]] == [f.id for f in expected]
    assert body["numberMatched"] == body["numberReturned"] == len(expected)
    datetime.fromisoformat(body["timeStamp"].replace("Z", "+00:00"))
    if collection not in GEOMETRY_COLLECTIONS:
        assert all(f["geometry"] is None for f in body["features"])


def test_items_paging_filters_and_bbox(client, store):
    body = get_json(client, "/ogc/collections/counties/items?limit=10&offset=10&lod=low")
    assert body["numberMatched"] == store.query("counties").total
    assert body["numberReturned"] == 10
    rels = links(body)
    assert parse_qs(urlsplit(rels["next"][0]["href"]).query) == {
        "limit": ["10"], "offset": ["20"], "lod": ["low"]}
    assert parse_qs(urlsplit(rels["prev"][0]["href"]).query)["offset"] == ["0"]
    filtered = get_json(client, "/ogc/collections/layout-elements/items?kind=cluster")
    assert [f["id"] for f in filtered["features"]] == ["cluster-silicon", "cluster-smart-terminals"]
    box = (97.0, 23.5, 100.5, 25.5)
    boxed = get_json(client, "/ogc/collections/parks/items?bbox=97,23.5,100.5,25.5")
    assert [f["id"] for f in boxed["features"]] == [
        f.id for f in store.query("parks", bbox=box).features]
    assert "dehong-ruili-opening-up-pilot-zone" in [f["id"] for f in boxed["features"]]
    none = get_json(client, "/ogc/collections/targets/items?bbox=90,20,110,30")
    assert none["numberMatched"] == 0 and none["features"] == []


def test_one_item(client, store):
    body = get_json(client, "/ogc/collections/parks/items/chenggong-information-industry-park")
    assert body["id"] == "chenggong-information-industry-park"
    feature = store.get("parks", "chenggong-information-industry-park")
    assert body["geometry"]["coordinates"] == [feature.geometry().x, feature.geometry().y]
    assert body["properties"] == feature.properties
    assert {"self", "alternate", "collection"} <= set(links(body))


def test_html_views(client):
    items = client.get("/ogc/collections/parks/items?f=html&lang=en")
    assert items.status_code == 200 and items.content_type.startswith("text/html")
    text = items.get_data(as_text=True)
    assert "Chenggong Information Industry Park" in text
    targets = re.findall(r'(?:href|src)="([^"]*)"', text)
    # same origin only (the site's chrome adds its skip link and the empty favicon)
    assert targets and all(t.startswith(("http://localhost/", "?", "/", "#", "data:,"))
                           for t in targets)
    assert "/static/css/site.css" in targets and "/data?lang=en" in targets
    assert "<title>Parks ·" in text
    zh = client.get("/ogc/collections/parks/items/chenggong-information-industry-park?f=html")
    zh_text = zh.get_data(as_text=True)
    assert "呈贡信息产业园" in zh_text and '<html lang="zh-CN">' in zh_text
    assert ">园区</a>" in zh_text and "Parks" not in zh_text
    assert "Feature collections" not in client.get("/ogc?f=html").get_data(as_text=True)
    for url in ("/ogc?f=html", "/ogc/conformance?f=html", "/ogc/collections?f=html",
                "/ogc/collections/targets?f=html", "/ogc/collections/targets/items?f=html"):
        response = client.get(url)
        assert response.status_code == 200 and "<h1>" in response.get_data(as_text=True), url


def test_content_negotiation(client):
    browser = client.get("/ogc/collections/parks/items",
                         headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert browser.content_type.startswith("text/html")
    assert "Accept" in browser.headers["Vary"]
    gis = client.get("/ogc/collections/parks/items", headers={"Accept": "application/geo+json"})
    assert gis.content_type == "application/geo+json"
    assert client.get("/ogc/collections", headers={"Accept": "application/json"}
                      ).content_type == "application/json"
    assert client.get("/ogc/collections/parks/items").content_type == "application/geo+json"
    forced = client.get("/ogc/collections?f=json", headers={"Accept": "text/html"})
    assert forced.content_type == "application/json"
    assert client.get("/ogc", headers={"Accept": "image/png"}).status_code == 406
    # one URL, two representations: two different ETags
    assert browser.headers["ETag"] != gis.headers["ETag"]


@pytest.mark.parametrize("url, status", [
    ("/ogc/collections/rivers", 404),
    ("/ogc/collections/rivers/items", 404),
    ("/ogc/collections/parks/items/nowhere", 404),
    ("/ogc/collections/parks/items?limit=0", 400),
    ("/ogc/collections/parks/items?limit=1000000000", 400),
    ("/ogc/collections/parks/items?bbox=104,24,102,26", 400),
    ("/ogc/collections/parks/items?bbox=100,-200,102,26", 400),
    ("/ogc/collections/parks/items?f=xml", 400),
    ("/ogc/collections/parks/items?crs=EPSG:3857", 400),
    ("/ogc/collections/parks/items?colour=red", 400),
    ("/ogc/conformance?limit=3", 400),
])
def test_errors(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert set(response.get_json()) == {"code", "description"}


def test_html_error_page_when_html_was_asked_for(client):
    response = client.get("/ogc/collections/parks/items/nowhere?f=html")
    assert response.status_code == 404 and response.content_type.startswith("text/html")
    assert "nowhere" in response.get_data(as_text=True)


def test_etag_and_304(client):
    first = client.get("/ogc/collections/parks/items?limit=5")
    tag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"  # stored, revalidated every time
    again = client.get("/ogc/collections/parks/items?limit=5", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    doc = client.get("/ogc/api")
    assert client.get("/ogc/api", headers={"If-None-Match": doc.headers["ETag"]}
                      ).status_code == 304
