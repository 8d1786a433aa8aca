"""/ogc/collections/<c>/schema/geojson: the JSON Schema of one GeoJSON feature, linked
``describedBy`` from each collection (GDAL's OAPIF driver types the fields from it). A valid
JSON Schema 2020-12, true of every feature the items return (and of none with a wrong
geometry or list), made of /schema's property definitions."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from geo_layout.data.features import COLLECTIONS, GEOMETRY_COLLECTIONS, PLACE_COLLECTIONS

SCHEMA_TYPE = "application/schema+json"
TOY = "/plans/toy-ningxia-test-plan"


@pytest.fixture()
def client(progress_client):
    """The seeds with synthetic target values: every collection has features to check."""
    return progress_client


def feature_schema(client, collection: str, prefix: str = "") -> dict:
    response = client.get(f"{prefix}/ogc/collections/{collection}/schema/geojson")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.content_type == SCHEMA_TYPE
    return response.get_json(force=True)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_feature_is_valid_against_its_schema(client, collection):
    schema = feature_schema(client, collection)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == f"http://localhost/ogc/collections/{collection}/schema/geojson"
    validator = Draft202012Validator(schema)
    page = client.get(f"/ogc/collections/{collection}/items?limit=1000").get_json(force=True)
    assert page["features"]
    for feature in page["features"]:
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
                  for e in validator.iter_errors(feature)]
        assert errors == [], feature["id"]
    one = page["features"][0]
    item = client.get(f"/ogc/collections/{collection}/items/{one['id']}").get_json(force=True)
    assert list(validator.iter_errors(item)) == []


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_properties_are_those_of_schema(client, collection):
    """One definition: each property is /schema's, the id is the feature's ``id`` member;
    nullable numbers (and a drawn boundary, a nullable object) sit under patternProperties
    (GDAL reads only a string ``type``)."""
    flat = client.get(f"/ogc/collections/{collection}/schema").get_json(force=True)
    schema = feature_schema(client, collection)
    props = schema["properties"]["properties"]
    listed = dict(props["properties"])
    for pattern, prop in props.get("patternProperties", {}).items():
        assert pattern.startswith("^") and pattern.endswith("$")
        assert isinstance(prop["type"], list) and prop["type"][0] in ("integer", "number",
                                                                      "object")
        listed[pattern[1:-1].replace("\\", "")] = prop
    expected = {k: v for k, v in flat["properties"].items() if k not in ("id", "geometry")}
    assert listed == expected
    for name, prop in props["properties"].items():
        assert isinstance(prop["type"], str) or prop["type"][0] == "string", name
    assert schema["properties"]["id"]["type"] == "string"


def test_geometry_per_collection(client):
    point = {"type": "Point", "coordinates": [102.7, 25.0]}
    square = [[[102.0, 25.0], [103.0, 25.0], [103.0, 26.0], [102.0, 25.0]]]
    polygon = {"type": "Polygon", "coordinates": square}
    multi = {"type": "MultiPolygon", "coordinates": [square]}
    for collection in COLLECTIONS:
        schema = feature_schema(client, collection)
        feature = client.get(f"/ogc/collections/{collection}/items?limit=1").get_json(
            force=True)["features"][0]
        validator = Draft202012Validator(schema)

        def ok(geometry):
            return validator.is_valid({**feature, "geometry": geometry})

        if collection in PLACE_COLLECTIONS:
            assert (ok(point), ok(polygon), ok(None)) == (True, False, True), collection
        elif collection in GEOMETRY_COLLECTIONS:
            assert (ok(point), ok(polygon), ok(multi)) == (False, True, True), collection
            assert ok(None) is (collection == "layout-elements"), collection
        else:
            assert (ok(point), ok(None)) == (False, True), collection
        assert not validator.is_valid({**feature, "id": 5})


def test_a_wrong_list_is_invalid(client):
    schema = feature_schema(client, "counties")
    feature = client.get("/ogc/collections/counties/items?limit=1").get_json(
        force=True)["features"][0]
    validator = Draft202012Validator(schema)
    assert validator.is_valid(feature)
    for wrong in (None, "zone", [1]):
        bad = {**feature, "properties": {**feature["properties"], "elements": wrong}}
        assert not validator.is_valid(bad), wrong


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_linked_described_by_from_collection_and_items(client, collection):
    href = f"http://localhost/ogc/collections/{collection}/schema/geojson"
    link = {"href": href, "rel": "describedBy", "type": SCHEMA_TYPE}
    info = client.get(f"/ogc/collections/{collection}").get_json(force=True)
    found = [l for l in info["links"] if l["rel"].lower() == "describedby"]
    assert [{k: l[k] for k in link} for l in found] == [link]
    items = client.get(f"/ogc/collections/{collection}/items?limit=1").get_json(force=True)
    assert any(l["rel"] == "describedBy" and l["href"] == href for l in items["links"])


def test_caching_errors_and_openapi(client):
    first = client.get("/ogc/collections/parks/schema/geojson")
    assert first.headers["Cache-Control"] == "no-cache" and first.headers["ETag"]
    again = client.get("/ogc/collections/parks/schema/geojson",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/ogc/collections/parks/schema/geojson?f=json").status_code == 200
    assert client.get("/ogc/collections/parks/schema/geojson?f=html").status_code == 400
    assert client.get("/ogc/collections/parks/schema/geojson?limit=3").status_code == 400
    assert client.get("/ogc/collections/nowhere/schema/geojson").status_code == 404
    api = client.get("/ogc/api").get_json(force=True)
    for collection in COLLECTIONS:
        op = api["paths"][f"/ogc/collections/{collection}/schema/geojson"]["get"]
        assert SCHEMA_TYPE in op["responses"]["200"]["content"]


def test_second_plan_has_its_own(two_plans_app):
    client = two_plans_app.test_client()
    for collection in COLLECTIONS:
        schema = feature_schema(client, collection, TOY)
        assert schema["$id"] == (f"http://localhost{TOY}/ogc/collections/{collection}"
                                 "/schema/geojson")
        validator = Draft202012Validator(schema)
        items = client.get(f"{TOY}/ogc/collections/{collection}/items?limit=1000").get_json(
            force=True)
        for feature in items["features"]:
            assert list(validator.iter_errors(feature)) == [], feature["id"]
