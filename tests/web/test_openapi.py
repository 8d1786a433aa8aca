"""The OpenAPI document of /ogc/api: valid, complete (every /api and /ogc route), truthful about
caps, and not contradicted by the service under a few hundred generated requests."""

from __future__ import annotations

import re

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from geo_layout.app import create_app
from geo_layout.data.features import COLLECTIONS

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance, negative_data_rejection]
EXAMPLES = 600


@pytest.fixture(scope="module")
def doc(app):
    response = app.test_client().get("/ogc/api")
    assert response.status_code == 200
    assert response.content_type.startswith("application/vnd.oai.openapi+json")
    return response.get_json(force=True)


def test_document_is_valid_openapi_3(doc):
    assert doc["openapi"].startswith("3.0")
    validate(doc)


def _documented(rule: str, doc_paths: set[str]) -> bool:
    """A Flask rule is documented when every collection's expansion of it is a path."""
    template = re.sub(r"<(?:[a-z_]+:)?([a-z_]+)>", r"{\1}", rule)
    if "{collection}" in template or template.startswith("/ogc/collections/{id}"):
        name = "{collection}" if "{collection}" in template else "{id}"
        concrete = [template.replace(name, c, 1) for c in COLLECTIONS]
    else:
        concrete = [template]
    pattern = [re.sub(r"\{[^}]+\}", "{x}", c) for c in concrete]
    documented = {re.sub(r"\{[^}]+\}", "{x}", p) for p in doc_paths}
    return all(p in documented for p in pattern)


def test_every_api_and_ogc_route_is_documented(app, doc):
    rules = [r.rule for r in app.url_map.iter_rules()
             if r.rule.startswith(("/api", "/ogc", "/downloads"))]
    assert len(rules) >= 10
    assert [r for r in rules if not _documented(r, set(doc["paths"]))] == []
    for path in doc["paths"]:
        assert path.startswith(("/api", "/ogc", "/downloads/")), path
    assert "/api" in doc["paths"] and "/api/industries" in doc["paths"]
    assert "/ogc/collections/sections/items" in doc["paths"]


def _resolved(doc, param: dict) -> dict:
    """A parameter, looked up in components/parameters when it is a $ref."""
    ref = param.get("$ref")
    if ref is None:
        return param
    assert ref.startswith("#/components/parameters/")
    return doc["components"]["parameters"][ref.rsplit("/", 1)[1]]


def _params(doc, path) -> list[dict]:
    return [_resolved(doc, p) for p in doc["paths"][path]["get"]["parameters"]]


def _param(doc, path, name):
    return next(p for p in _params(doc, path) if p["name"] == name)


def test_caps_are_documented_as_enforced(doc, client):
    limit = _param(doc, "/ogc/collections/parks/items", "limit")["schema"]
    assert (limit["minimum"], limit["maximum"], limit["default"]) == (1, 1000, 100)
    assert client.get("/api/parks?limit=1000").status_code == 200
    assert client.get("/api/parks?limit=1001").status_code == 400
    radius = _param(doc, "/api/nearby", "radius_km")["schema"]
    assert radius["maximum"] == 2000 and radius["exclusiveMinimum"] is True
    k = _param(doc, "/api/nearby", "k")["schema"]
    assert (k["minimum"], k["maximum"]) == (1, 100)
    filters = {p["name"] for p in _params(doc, "/api/parks")}
    assert {"prefecture", "county", "element", "industry", "precision", "bbox"} <= filters
    assert "bbox" not in {p["name"] for p in _params(doc, "/api/targets")}
    errors = doc["paths"]["/api/parks/{id}"]["get"]["responses"]
    assert errors["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"}
    assert doc["components"]["schemas"]["Error"]["required"] == ["code", "description"]


def test_the_document_follows_the_configured_cap():
    small = create_app({"TESTING": True, "MAX_LIMIT": 50})
    client = small.test_client()
    doc = client.get("/ogc/api").get_json(force=True)
    assert _param(doc, "/api/counties", "limit")["schema"]["maximum"] == 50
    assert client.get("/api/counties?limit=50").status_code == 200
    assert client.get("/api/counties?limit=51").status_code == 400


@pytest.fixture(scope="module")
def schema(doc):
    return schemathesis.openapi.from_dict(doc)


def test_generated_requests_never_contradict_the_document(schema, app):
    """Positive and negative requests over every operation: no 5xx, only documented statuses
    and content types, bodies matching their schemas, invalid input rejected."""
    strategy = st.one_of(schema.as_strategy(GenerationMode.POSITIVE),
                         schema.as_strategy(GenerationMode.NEGATIVE))
    sent: list[tuple[str, int]] = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        # the WSGI client does not decode gzip: ask for identity (compression has its own tests)
        response = case.call(app=app, headers={"Accept-Encoding": "identity"})
        sent.append((case.operation.path, response.status_code))
        case.validate_response(response, checks=CHECKS)

    run()
    print(f"schemathesis: {len(sent)} requests, statuses {sorted(set(s for _, s in sent))}, "
          f"{len({p for p, _ in sent})} operations")
    assert len(sent) >= 300
    assert not [s for s in sent if s[1] >= 500]
    assert len({path for path, _ in sent}) >= 20  # spread over the operations
    assert {200, 400} <= {status for _, status in sent}


def test_components_parameters_are_referenced_by_the_items_operations(doc):
    """QGIS and GDAL read the page size from components/parameters/limit: its maximum is the
    configured MAX_LIMIT, and every items operation refers to it rather than repeating it."""
    params = doc["components"]["parameters"]
    limit = params["limit"]
    assert (limit["name"], limit["in"]) == ("limit", "query")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"],
            limit["schema"]["default"]) == (1, 1000, 100)
    assert params["offset"]["schema"]["minimum"] == 0
    assert params["bbox"]["schema"]["type"] == "array" and params["bbox"]["explode"] is False
    assert (params["featureId"]["in"], params["featureId"]["required"]) == ("path", True)
    for c in COLLECTIONS:
        items = doc["paths"][f"/ogc/collections/{c}/items"]["get"]["parameters"]
        refs = {p["$ref"] for p in items if "$ref" in p}
        assert {"#/components/parameters/limit", "#/components/parameters/offset",
                "#/components/parameters/bbox"} <= refs
        one = doc["paths"][f"/ogc/collections/{c}/items/{{featureId}}"]["get"]["parameters"]
        assert {"$ref": "#/components/parameters/featureId"} in one
        for tail in ("queryables", "schema"):
            op = doc["paths"][f"/ogc/collections/{c}/{tail}"]["get"]
            assert set(op["responses"]["200"]["content"]) == {"application/schema+json",
                                                               "text/html"}


def test_components_limit_follows_the_configured_cap():
    doc = create_app({"TESTING": True, "MAX_LIMIT": 50}).test_client().get(
        "/ogc/api").get_json(force=True)
    assert doc["components"]["parameters"]["limit"]["schema"]["maximum"] == 50
