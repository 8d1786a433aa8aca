"""/ogc/collections/<c>/queryables (OGC API – Features Part 3) and /schema (Part 5): built from the
field dictionary, linked from each collection, true of every feature the items return, and the
same under a second plan's prefix."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from geo_layout.data.features import COLLECTIONS, GEOMETRY_COLLECTIONS
from geo_layout.data.fields import FIELDS
from geo_layout.data.store import FILTERS

REL = "http://www.opengis.net/def/rel/ogc/1.0/"
SCHEMA_TYPE = "application/schema+json"
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
TOY = "/plans/toy-ningxia-test-plan"


@pytest.fixture()
def client(progress_client):
    """The seeds with synthetic target values: every collection has features to check."""
    return progress_client


def get_schema(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.content_type == SCHEMA_TYPE
    return response.get_json(force=True)


def as_record(feature: dict, collection: str) -> dict:
    """A GeoJSON feature as the flat record its Part 5 schema describes (the geometry is a
    property of collections that have one; the others' GeoJSON null is no property)."""
    record = {**feature["properties"], "id": feature["id"]}
    if collection in GEOMETRY_COLLECTIONS:
        record["geometry"] = feature["geometry"]
    return record


def test_counties_schema_has_real_types(client):
    schema = get_schema(client, "/ogc/collections/counties/schema")
    assert schema["$schema"] == JSON_SCHEMA
    assert schema["$id"] == "http://localhost/ogc/collections/counties/schema"
    assert schema["type"] == "object" and schema["title"] == "Counties"
    props = schema["properties"]
    elements = props["elements"]
    assert (elements["type"], elements["items"]) == ("array", {"type": "string"})
    assert elements["title"] == "Layout elements" and elements["description"]
    assert props["id"] == {**props["id"], "type": "string", "x-ogc-role": "id"}
    assert props["adcode"]["type"] == "string"
    assert props["geometry"]["x-ogc-role"] == "primary-geometry"
    assert props["geometry"]["format"] == "geometry-polygon-or-multipolygon"
    assert [k for k, p in props.items() if p.get("x-ogc-role") == "primary-geometry"] == [
        "geometry"]


def test_parks_schema_numbers_nulls_and_points(client):
    props = get_schema(client, "/ogc/collections/parks/schema")["properties"]
    assert props["uncertainty_km"]["type"] == ["number", "null"]
    assert props["citation_paragraph"]["type"] == ["integer", "null"]
    assert props["county"]["type"] == ["string", "null"]
    assert props["precision"]["type"] == "string"
    assert props["enterprises"] == {**props["enterprises"], "type": "array",
                                    "items": {"type": "string"}}
    assert props["geometry"]["format"] == "geometry-point"
    assert props["geometry"]["type"] == ["object", "null"]  # unlocated parks
    assert "lon" not in props and "lat" not in props  # columns of the files, not properties


def test_other_collections_types(client):
    targets = get_schema(client, "/ogc/collections/targets/schema")["properties"]
    assert targets["value"]["type"] == "number"
    assert targets["value_max"]["type"] == ["number", "null"]
    assert targets["year"]["type"] == "integer"
    assert targets["elements"]["type"] == "array"
    assert "geometry" not in targets  # no geometry: no primary-geometry
    elements = get_schema(client, "/ogc/collections/layout-elements/schema")["properties"]
    assert elements["approximate"]["type"] == "boolean"
    assert elements["counties"] == {**elements["counties"], "type": "array",
                                    "items": {"type": "object"}}
    prefectures = get_schema(client, "/ogc/collections/prefectures/schema")["properties"]
    assert all(prefectures[k]["items"] == {"type": "string"}
               for k in ("elements", "roles", "places"))


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_schema_describes_every_property_of_every_feature(client, collection):
    """Each returned feature is valid against its schema (types, nulls, list items), and the
    schema names exactly the properties the features have, from the field dictionary."""
    schema = get_schema(client, f"/ogc/collections/{collection}/schema")
    Draft202012Validator.check_schema(schema)
    described = {f.name for f in FIELDS[collection] if not f.added}
    expected = described | ({"geometry"} if collection in GEOMETRY_COLLECTIONS else set())
    assert set(schema["properties"]) == expected
    for prop in schema["properties"].values():
        assert prop["title"] and prop["description"]
    strict = {**schema, "additionalProperties": False}
    validator = Draft202012Validator(strict)
    features = client.get(f"/ogc/collections/{collection}/items?limit=1000").get_json(
        force=True)["features"]
    assert features
    for feature in features:
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
                  for e in validator.iter_errors(as_record(feature, collection))]
        assert errors == [], feature["id"]


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_queryables_are_exactly_the_items_filters(client, collection):
    body = get_schema(client, f"/ogc/collections/{collection}/queryables")
    Draft202012Validator.check_schema(body)
    assert body["$schema"] == JSON_SCHEMA
    assert body["$id"].endswith(f"/ogc/collections/{collection}/queryables")
    assert set(body["properties"]) == set(FILTERS[collection])
    for name, prop in body["properties"].items():
        assert prop["title"] and prop["type"] in ("string", "integer", "number", "boolean")
        assert f"?{name}=" in prop["description"]
        # Part 3 "queryables as query parameters": each one is a parameter /items accepts
        response = client.get(f"/ogc/collections/{collection}/items?{name}=none")
        assert response.status_code in (200, 400), name
        assert "unknown query parameter" not in response.get_data(as_text=True)


def test_queryables_values(client):
    parks = get_schema(client, "/ogc/collections/parks/queryables")["properties"]
    assert parks["element"]["type"] == "string"  # one item of the elements list
    assert "elements list holds" in parks["element"]["description"]
    assert parks["prefecture"]["type"] == "string"
    targets = get_schema(client, "/ogc/collections/targets/queryables")["properties"]
    assert targets["year"]["type"] == "integer"
    assert get_schema(client, "/ogc/collections/sections/queryables")["properties"] == {}
    # a queryable filters the items as its description says
    hits = client.get("/ogc/collections/counties/items?element=zone&limit=1000").get_json(
        force=True)
    assert hits["numberReturned"] > 0
    assert all("zone" in f["properties"]["elements"] for f in hits["features"])


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_collection_links_its_queryables_and_schema(client, collection):
    info = client.get(f"/ogc/collections/{collection}").get_json(force=True)
    for rel, tail in ((REL + "queryables", "queryables"), (REL + "schema", "schema")):
        found = {link["type"]: link["href"] for link in info["links"] if link["rel"] == rel}
        assert found[SCHEMA_TYPE] == f"http://localhost/ogc/collections/{collection}/{tail}"
        assert found["text/html"].endswith(f"/{tail}?f=html")
        assert client.get(found[SCHEMA_TYPE]).status_code == 200


def test_conformance_lists_parts_3_and_5(client):
    classes = client.get("/ogc/conformance").get_json(force=True)["conformsTo"]
    assert {"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
            "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas",
            "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/core-roles-features",
            "http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/returnables-and-receivables",
            } <= set(classes)


def test_html_views_in_both_languages(client):
    zh = client.get("/ogc/collections/counties/schema?f=html")
    assert zh.status_code == 200 and zh.content_type.startswith("text/html")
    text = zh.get_data(as_text=True)
    assert "要素结构" in text and "<code>elements</code>" in text and "array" in text
    en = client.get("/ogc/collections/parks/queryables", headers={"Accept": "text/html"},
                    query_string={"lang": "en"}).get_data(as_text=True)
    assert "Queryables" in en and "<code>element</code>" in en
    page = client.get("/ogc/collections/parks?f=html&lang=en").get_data(as_text=True)
    assert "/ogc/collections/parks/queryables?f=html" in page
    assert "/ogc/collections/parks/schema?f=html" in page


def test_json_by_accept_header_and_errors(client):
    as_json = client.get("/ogc/collections/parks/schema", headers={"Accept": "application/json"})
    assert as_json.status_code == 200 and as_json.get_json(force=True)["properties"]
    assert client.get("/ogc/collections/nowhere/schema").status_code == 404
    assert client.get("/ogc/collections/nowhere/queryables").status_code == 404
    assert client.get("/ogc/collections/parks/schema?limit=3").status_code == 400


def test_revalidated_by_etag(client):
    first = client.get("/ogc/collections/counties/queryables")
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get("/ogc/collections/counties/queryables",
                       headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_second_plan_has_its_own_schema_and_queryables(two_plans_app):
    client = two_plans_app.test_client()
    for collection in COLLECTIONS:
        schema = get_schema(client, f"{TOY}/ogc/collections/{collection}/schema")
        assert schema["$id"] == f"http://localhost{TOY}/ogc/collections/{collection}/schema"
        queryables = get_schema(client, f"{TOY}/ogc/collections/{collection}/queryables")
        assert set(queryables["properties"]) == set(FILTERS[collection])
        info = client.get(f"{TOY}/ogc/collections/{collection}").get_json(force=True)
        hrefs = {link["href"] for link in info["links"] if link["rel"].startswith(REL)}
        assert f"http://localhost{TOY}/ogc/collections/{collection}/schema" in hrefs
        validator = Draft202012Validator({**schema, "additionalProperties": False})
        items = client.get(f"{TOY}/ogc/collections/{collection}/items?limit=1000").get_json(
            force=True)
        for feature in items["features"]:
            assert list(validator.iter_errors(as_record(feature, collection))) == [], feature["id"]
