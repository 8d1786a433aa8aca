"""/api: contents equal to the store's, filters, paging links, search, nearby, coordinate
systems, the error contract and HTTP caching."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from pyproj import Geod

from geo_layout.data import crs
from geo_layout.data.features import COLLECTIONS

KUNMING = (102.71, 25.04)


def ids(body: dict) -> list[str]:
    if "features" in body:
        return [f["id"] for f in body["features"]]
    return [item["id"] for item in body["items"]]


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_json(force=True)


def rel(body: dict, name: str) -> str | None:
    return next((link["href"] for link in body["links"] if link["rel"] == name), None)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_lists_what_the_store_holds(client, store, collection):
    body = get_json(client, f"/api/{collection}?limit=1000")
    expected = [f.id for f in store.query(collection).features]
    assert ids(body) == expected
    assert body["numberMatched"] == len(expected) == body["numberReturned"]
    assert rel(body, "next") is None and rel(body, "prev") is None


def test_geometry_collections_are_geojson_and_tables_are_items(client):
    parks = client.get("/api/parks")
    assert parks.content_type == "application/geo+json"
    assert parks.get_json(force=True)["type"] == "FeatureCollection"
    targets = client.get("/api/targets")
    assert targets.content_type == "application/json"
    assert "items" in targets.get_json() and "features" not in targets.get_json()


def test_unlocated_parks_are_listed_with_null_geometry(client):
    body = get_json(client, "/api/parks?precision=unknown")
    assert ids(body) == ["yungui-smart-town", "yunshangyun-digital-economy-demonstration-park"]
    assert [f["geometry"] for f in body["features"]] == [None, None]


def test_filters_give_exact_ids(client, store):
    kunming = ids(get_json(client, "/api/parks?prefecture=530100&limit=1000"))
    assert kunming == [f.id for f in store.query("parks", {"prefecture": "530100"}).features]
    assert {"chenggong-information-industry-park", "guandu-digital-economy-industrial-park"} <= set(kunming)
    assert ids(get_json(client, "/api/layout-elements?kind=cluster")) == [
        "cluster-silicon", "cluster-smart-terminals"]
    assert ids(get_json(client, "/api/prefectures?element=cluster-silicon")) == [
        "530300", "530500", "530700", "532300"]
    both = ids(get_json(client, "/api/parks?prefecture=530100&precision=prefecture"))
    assert both == [f.id for f in store.query(
        "parks", {"prefecture": "530100", "precision": "prefecture"}).features]
    assert both and set(both) < set(kunming)
    assert ids(get_json(client, "/api/targets?year=2023")) == ["county-urban-5g-coverage-2023"]


def test_bbox_agrees_with_the_store(client, store):
    box = (102.5, 24.8, 103.0, 25.2)
    body = get_json(client, "/api/counties?bbox=102.5,24.8,103,25.2&limit=1000&lod=low")
    expected = [f.id for f in store.query("counties", bbox=box).features]
    assert ids(body) == expected and "530114" in expected and len(expected) < 129
    assert body["lod"] == "low"


def test_paging_links_walk_every_record_and_keep_parameters(client, store):
    url, seen, pages = "/api/counties?limit=40&prefecture=530100&lod=low", [], 0
    first = get_json(client, url)
    assert rel(first, "prev") is None
    body = first
    while True:
        pages += 1
        seen += ids(body)
        nxt = rel(body, "next")
        if nxt is None:
            break
        query = parse_qs(urlsplit(nxt).query)
        assert query["prefecture"] == ["530100"] and query["lod"] == ["low"]
        assert nxt.startswith("http://")
        body = get_json(client, nxt)
    expected = [f.id for f in store.query("counties", {"prefecture": "530100"}).features]
    assert seen == expected and pages == -(-len(expected) // 40)

    second = get_json(client, "/api/counties?limit=5&offset=5")
    assert parse_qs(urlsplit(rel(second, "prev")).query)["offset"] == ["0"]
    assert parse_qs(urlsplit(rel(second, "next")).query)["offset"] == ["10"]
    assert ids(second) == [f.id for f in store.query("counties").features[5:10]]


def test_one_record(client, store):
    body = get_json(client, "/api/prefectures/530100")
    assert body["type"] == "Feature" and body["id"] == "530100"
    assert body["properties"]["name_zh"] == "昆明市"
    assert body["geometry"]["type"] in ("Polygon", "MultiPolygon")
    target = get_json(client, "/api/targets/county-urban-5g-coverage-2023")
    assert target["id"] == "county-urban-5g-coverage-2023" and target["year"] == 2023
    low = get_json(client, "/api/counties/530114?lod=low")["geometry"]
    high = get_json(client, "/api/counties/530114?lod=high")["geometry"]
    assert len(str(low["coordinates"])) < len(str(high["coordinates"]))


def test_search_ranks_the_park_first(client):
    for q in ("呈贡", "chenggong"):
        body = get_json(client, f"/api/search?q={q}")
        first = body["results"][0]
        assert (first["collection"], first["id"]) == ("parks", "chenggong-information-industry-park")
        assert first["name_zh"] == "呈贡信息产业园"
        assert first["link"].endswith("/api/parks/chenggong-information-industry-park")
        scores = [r["score"] for r in body["results"]]
        assert scores == sorted(scores, reverse=True)
    assert get_json(client, "/api/search?q=zzzzqqq")["results"] == []


def test_nearby_from_kunming(client, store):
    lon, lat = KUNMING
    body = get_json(client, f"/api/nearby?lon={lon}&lat={lat}&radius_km=50&k=10")
    features = body["features"]
    assert features, "Kunming has located parks"
    assert features[0]["properties"]["prefecture"] == "530100"
    geod = Geod(ellps="WGS84")
    distances = []
    for f in features:
        x, y = f["geometry"]["coordinates"]
        _, _, metres = geod.inv(lon, lat, x, y)
        assert abs(f["properties"]["distance_km"] * 1000 - metres) <= 1.0
        assert f["properties"]["collection"] in ("parks", "sites")
        distances.append(f["properties"]["distance_km"])
    assert distances == sorted(distances) and max(distances) <= 50
    assert [f["id"] for f in features] == [n.feature.id for n in store.nearby(lon, lat, 50, 10)]
    assert len(get_json(client, f"/api/nearby?lon={lon}&lat={lat}&k=2")["features"]) == 2


def test_coordinates_in_chinese_map_systems(client):
    wgs = get_json(client, "/api/parks/chenggong-information-industry-park")
    lon, lat = wgs["geometry"]["coordinates"]
    assert wgs["coordinate_system"]["id"] == "wgs84" and wgs["coordinate_system"]["epsg"] == 4326
    gcj = get_json(client, "/api/parks/chenggong-information-industry-park?crs=gcj02")
    assert gcj["geometry"]["coordinates"] == list(crs.convert(lon, lat, "wgs84", "gcj02"))
    assert gcj["coordinate_system"] == {"id": "gcj02", "epsg": None,
                                        "name": "GCJ-02 (Amap, Tencent; not an EPSG system)"}
    bd = get_json(client, "/api/parks?coords=bd09&prefecture=530100")
    assert bd["coordinate_system"]["id"] == "bd09"
    first = bd["features"][0]
    assert first["geometry"]["coordinates"] == list(
        crs.convert(*wgs["geometry"]["coordinates"], "wgs84", "bd09"))
    near = get_json(client, "/api/nearby?lon=102.71&lat=25.04&k=1&crs=gcj02")
    x, y = near["features"][0]["geometry"]["coordinates"]
    plain = get_json(client, "/api/nearby?lon=102.71&lat=25.04&k=1")["features"][0]
    assert [x, y] == list(crs.convert(*plain["geometry"]["coordinates"], "wgs84", "gcj02"))
    assert "crs" not in gcj  # GCJ-02 is not an EPSG system: no GeoJSON crs member


@pytest.mark.parametrize("url, status, mentions", [
    ("/api/parks?bbox=104,24,102,26", 400, "bbox"),                # west > east
    ("/api/parks?bbox=100,200,102,26", 400, "bbox"),               # latitude 200
    ("/api/parks?bbox=1,2,3", 400, "bbox"),
    ("/api/parks?limit=-1", 400, "limit"),
    ("/api/parks?limit=1000000000", 400, "limit"),
    ("/api/parks?limit=1001", 400, "limit"),
    ("/api/parks?offset=-3", 400, "offset"),
    ("/api/parks?limti=5", 400, "limti"),                          # a typo surfaces
    ("/api/parks?lod=ultra", 400, "lod"),
    ("/api/parks?crs=epsg3857", 400, "crs"),
    ("/api/parks?crs=gcj02&coords=bd09", 400, "coords"),
    ("/api/targets?bbox=100,20,105,30", 400, "bbox"),              # no geometry, no bbox
    ("/api/parks?lang=fr", 400, "lang"),
    ("/api/nearby?lon=102&lat=200", 400, "lat"),
    ("/api/nearby?lon=190&lat=25", 400, "lon"),
    ("/api/nearby?lat=25", 400, "lon"),
    ("/api/nearby?lon=102&lat=25&radius_km=0", 400, "radius_km"),
    ("/api/nearby?lon=102&lat=25&radius_km=2001", 400, "radius_km"),
    ("/api/nearby?lon=102&lat=25&k=0", 400, "k"),
    ("/api/nearby?lon=102&lat=25&k=101", 400, "k"),
    ("/api/nearby?lon=abc&lat=25", 400, "lon"),
    ("/api/nearby?lon=nan&lat=25", 400, "lon"),
    ("/api/search", 400, "q"),
    ("/api/search?q=" + "x" * 201, 400, "q"),
    ("/api/search?q=a&limit=101", 400, "limit"),
    ("/api/rivers", 404, "rivers"),
    ("/api/rivers/1", 404, "rivers"),
    ("/api/parks/no-such-park", 404, "no-such-park"),
    ("/api/targets/no-such-target", 404, "no-such-target"),
])
def test_errors_follow_the_json_contract(client, url, status, mentions):
    response = client.get(url)
    assert response.status_code == status
    assert response.content_type == "application/json"
    body = response.get_json()
    assert set(body) == {"code", "description"}
    assert mentions in body["description"]


def test_etag_and_304(client):
    url = "/api/parks?prefecture=530100&limit=3"
    first = client.get(url)
    tag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"  # stored, revalidated every time
    assert client.get("/api/parks?limit=3&prefecture=530100").headers["ETag"] == tag
    assert client.get("/api/parks?prefecture=530100&limit=4").headers["ETag"] != tag
    again = client.get(url, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == tag
    assert client.get(url, headers={"If-None-Match": 'W/"other"'}).status_code == 200
    assert "ETag" not in client.get("/api/parks?limit=0").headers  # errors are not cached

