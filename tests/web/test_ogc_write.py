"""OGC API – Features Part 4 on a database: create, replace, update, delete with If-Match,
sources, GCJ-02/BD-09 input, and every refusal (401, 403, 405, 400, 404, 412, 428, 429)."""

from __future__ import annotations

import json

import pytest
from argon2 import PasswordHasher

from geo_layout.app import create_app
from geo_layout.data import crs
from geo_layout.data.accounts import Accounts

PLAN = "yunnan-14th-fyp-information-industry"
PARK = "guandu-digital-economy-industrial-park"
ITEMS = "/ogc/collections/parks/items"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
HOSTILE = '<script>alert("x")</script>&'


@pytest.fixture()
def write_app(db_url):
    return create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                       "WRITES_PER_MINUTE": 1000})


@pytest.fixture()
def tokens(write_app):
    accounts = Accounts(write_app.extensions["geo_layout.database"].engine, hasher=CHEAP)
    accounts.add_user("ed", "long enough pw", "editor", [PLAN])
    accounts.add_user("other", "long enough pw", "editor", ["another-plan"])
    accounts.add_user("root", "long enough pw", "admin")
    made = {name: accounts.create_token(name)[1] for name in ("ed", "other", "root")}
    revoked_id, made["revoked"] = accounts.create_token("ed")
    accounts.revoke_token(revoked_id)
    return made


@pytest.fixture()
def web(write_app):
    return write_app.test_client()


def auth(token, **more):
    return {"Authorization": f"Bearer {token}", **more}


def get(web, fid=PARK):
    response = web.get(f"{ITEMS}/{fid}")
    assert response.status_code == 200
    return response.get_json(), response.headers["ETag"]


def moved(feature, lon=102.75, lat=25.02, **props):
    feature = json.loads(json.dumps(feature))
    feature["properties"].update(precision="site", location_source="survey 2026-11", **props)
    feature["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
    feature["source"] = "survey: field visit 2026-11"
    return feature


def test_an_editor_moves_a_park_with_if_match_and_everyone_sees_it(web, tokens):
    feature, tag = get(web)
    assert tag.startswith('W/"r1-')
    response = web.put(f"{ITEMS}/{PARK}", json=moved(feature),
                       headers=auth(tokens["ed"], **{"If-Match": tag}))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["geometry"]["coordinates"] == [102.75, 25.02]
    assert response.headers["ETag"].startswith('W/"r2-')
    now, new_tag = get(web)
    assert now["properties"]["precision"] == "site" and new_tag.startswith('W/"r2-')
    # the county's radius it was read with is not the new point's: the site default applies
    assert (feature["properties"]["uncertainty_km"], now["properties"]["uncertainty_km"]) == (
        14.2, 0.5)
    assert web.get(f"/api/parks/{PARK}").get_json()["properties"]["location_source"] == \
        "survey 2026-11"


def test_a_stale_if_match_gets_412_with_the_current_record(web, tokens):
    feature, tag = get(web)
    assert web.put(f"{ITEMS}/{PARK}", json=moved(feature),
                   headers=auth(tokens["ed"], **{"If-Match": tag})).status_code == 200
    response = web.put(f"{ITEMS}/{PARK}", json=moved(feature, 102.8),
                       headers=auth(tokens["root"], **{"If-Match": tag}))
    assert response.status_code == 412
    body = response.get_json()
    assert body["code"] == "precondition-failed" and body["current"]["lon"] == 102.75
    assert body["current_version"] == "2"
    assert get(web)[0]["geometry"]["coordinates"] == [102.75, 25.02]  # nothing lost


def test_a_change_without_if_match_is_refused(web, tokens):
    feature, _ = get(web)
    response = web.put(f"{ITEMS}/{PARK}", json=moved(feature), headers=auth(tokens["ed"]))
    assert response.status_code == 428
    assert web.delete(f"{ITEMS}/{PARK}?source=other:x",
                      headers=auth(tokens["ed"])).status_code == 428


def test_create_patch_delete_and_the_history_they_leave(write_app, web, tokens):
    feature, _ = get(web)
    new = moved(feature, id="ogc-new-park")
    new["properties"].update(id="ogc-new-park", name_zh="新测试园区", name_en="New Test Park")
    response = web.post(ITEMS, json=new, headers=auth(tokens["ed"]))
    assert response.status_code == 201, response.get_json()
    assert response.headers["Location"].endswith(f"{ITEMS}/ogc-new-park")
    tag = response.headers["ETag"]
    patch = {"properties": {"name_en": "Renamed Test Park"}, "source": "notice: No. 7"}
    response = web.patch(f"{ITEMS}/ogc-new-park", json=patch,
                         headers=auth(tokens["ed"], **{"If-Match": tag}))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["properties"]["name_en"] == "Renamed Test Park"
    assert response.get_json()["properties"]["name_zh"] == "新测试园区"
    response = web.delete(f"{ITEMS}/ogc-new-park?source=other:duplicate",
                          headers=auth(tokens["ed"], **{"If-Match": response.headers["ETag"]}))
    assert response.status_code == 204
    assert web.get(f"{ITEMS}/ogc-new-park").status_code == 404
    history = write_app.extensions["geo_layout.plans"].default.store.history()
    assert [(r.action, r.author, r.source["kind"]) for r in history] == [
        ("delete", "ed", "other"), ("update", "ed", "notice"), ("create", "ed", "survey")]


def test_gcj02_and_bd09_points_are_stored_in_wgs84(web, tokens):
    wgs = (102.7512345, 25.0212345)
    for system in ("gcj02", "bd09"):
        feature, tag = get(web)
        lon, lat = crs.convert(*wgs, "wgs84", system)
        response = web.put(f"{ITEMS}/{PARK}?crs={system}", json=moved(feature, lon, lat),
                           headers=auth(tokens["ed"], **{"If-Match": tag}))
        assert response.status_code == 200, response.get_json()
        got = response.get_json()["geometry"]["coordinates"]
        assert abs(got[0] - wgs[0]) < 1e-5 and abs(got[1] - wgs[1]) < 1e-5  # ~1 m
    response = web.put(f"{ITEMS}/{PARK}?crs=mars", json=moved(get(web)[0]),
                       headers=auth(tokens["ed"], **{"If-Match": get(web)[1]}))
    assert response.status_code == 400 and "crs" in response.get_json()["description"]


def test_every_field_problem_is_listed(web, tokens):
    feature, tag = get(web)
    bad = moved(feature, 120.0, 25.0, industries=["no-such-industry"], name_zh="")
    response = web.put(f"{ITEMS}/{PARK}", json=bad,
                       headers=auth(tokens["ed"], **{"If-Match": tag}))
    assert response.status_code == 400
    fields = {p["field"].split("[")[0] for p in response.get_json()["problems"]}
    assert {"industries", "name.zh"} <= fields


def test_a_change_without_a_source_is_refused(web, tokens):
    feature, tag = get(web)
    body = moved(feature)
    del body["source"]
    response = web.put(f"{ITEMS}/{PARK}", json=body,
                       headers=auth(tokens["ed"], **{"If-Match": tag}))
    assert response.status_code == 400 and "source" in response.get_json()["description"]


@pytest.mark.parametrize("who, status", [(None, 401), ("revoked", 401), ("garbage", 401),
                                         ("other", 403)])
def test_who_may_not_write(web, tokens, who, status):
    feature, tag = get(web)
    token = {"garbage": "gl_nothing_here"}.get(who, tokens.get(who))
    headers = {"If-Match": tag, **(auth(token) if token else {})}
    response = web.put(f"{ITEMS}/{PARK}", json=moved(feature), headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert get(web)[1] == tag  # unchanged


def test_a_browser_session_needs_its_csrf_token(web, tokens):
    feature, tag = get(web)
    with web.session_transaction() as session:
        session["user"] = "ed"
    response = web.put(f"{ITEMS}/{PARK}", json=moved(feature), headers={"If-Match": tag})
    assert response.status_code in (400, 401)
    assert get(web)[1] == tag


def test_boundaries_and_unknown_things(web, tokens):
    response = web.put("/ogc/collections/prefectures/items/530100", json={"type": "Feature"},
                       headers=auth(tokens["ed"], **{"If-Match": '"r1-00"'}))
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    assert web.put(f"{ITEMS}/no-such-park", json={}, headers=auth(
        tokens["ed"], **{"If-Match": '"r1-00"'})).status_code == 404
    assert web.post("/ogc/collections/nothing/items", json={},
                    headers=auth(tokens["ed"])).status_code == 404
    for body in (b"not json", b"[1, 2]", b'{"type": "Point"}'):
        response = web.post(ITEMS, data=body, headers=auth(
            tokens["ed"], **{"Content-Type": "application/geo+json"}))
        assert response.status_code == 400, body


def test_hostile_text_is_stored_as_text_and_shown_escaped(web, tokens):
    feature, tag = get(web)
    body = moved(feature, note_en=HOSTILE, note_zh=HOSTILE)
    assert web.put(f"{ITEMS}/{PARK}", json=body, headers=auth(
        tokens["ed"], **{"If-Match": tag})).status_code == 200
    assert get(web)[0]["properties"]["note_en"] == HOSTILE
    page = web.get(f"/parks/{PARK}?lang=en").get_data(as_text=True)
    assert HOSTILE not in page and "&lt;script&gt;" in page


def test_options_lists_the_writes_to_an_editor_only(web, tokens):
    anonymous = web.options(f"{ITEMS}/{PARK}")
    assert anonymous.status_code == 204
    assert set(anonymous.headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    editor = web.options(f"{ITEMS}/{PARK}", headers=auth(tokens["ed"]))
    assert {"PUT", "PATCH", "DELETE"} <= set(editor.headers["Allow"].split(", "))
    assert "POST" in web.options(ITEMS, headers=auth(tokens["ed"])).headers["Allow"]
    assert "PUT" not in web.options(f"{ITEMS}/{PARK}",
                                    headers=auth(tokens["other"])).headers["Allow"]
    assert "PUT" not in web.options("/ogc/collections/prefectures/items/530100",
                                    headers=auth(tokens["ed"])).headers["Allow"]


def test_writes_are_capped_per_user(db_url, tokens):
    capped = create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                         "WRITES_PER_MINUTE": 2})
    web = capped.test_client()
    codes = [web.delete(f"{ITEMS}/{PARK}?source=other:x", headers=auth(
        tokens["root"], **{"If-Match": '"r9-00"'})).status_code for _ in range(3)]
    assert codes == [412, 412, 429]


def test_part_4_is_declared_only_when_editable(web):
    classes = web.get("/ogc/conformance").get_json()["conformsTo"]
    assert any("ogcapi-features-4" in c for c in classes)


def test_read_only_data_refuses_writes():
    client = create_app({"TESTING": True}).test_client()
    response = client.post(ITEMS, json={"type": "Feature", "properties": {}})
    assert response.status_code == 405
    classes = client.get("/ogc/conformance").get_json()["conformsTo"]
    assert not any("ogcapi-features-4" in c for c in classes)


def test_the_openapi_document_describes_the_writes_field_by_field(web):
    from openapi_spec_validator import validate

    doc = web.get("/ogc/api").get_json()
    validate(doc)
    item = doc["paths"]["/ogc/collections/parks/items/{featureId}"]
    assert {"get", "put", "patch", "delete"} <= set(item)
    assert "post" in doc["paths"]["/ogc/collections/parks/items"]
    assert "post" not in doc["paths"]["/ogc/collections/prefectures/items"]
    assert any(p.get("name") == "If-Match" for p in item["put"]["parameters"])
    assert {"412", "428", "401", "403"} <= set(item["put"]["responses"])
    fields = doc["components"]["schemas"]["WriteParks"]["properties"]["properties"]
    assert fields["properties"]["industries"] == {
        "type": "array", "items": {"type": "string"},
        "description": fields["properties"]["industries"]["description"]}
    assert doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_read_only_openapi_has_no_writes():
    doc = create_app({"TESTING": True}).test_client().get("/ogc/api").get_json()
    assert "put" not in doc["paths"]["/ogc/collections/parks/items/{featureId}"]


def test_a_street_address_is_a_precision_of_its_own(web, tokens):
    feature, tag = get(web)
    body = moved(feature, 102.752, 25.021)
    body["properties"].update(precision="street", uncertainty_km=None)  # the default radius
    response = web.put(f"{ITEMS}/{PARK}", json=body,
                       headers=auth(tokens["ed"], **{"If-Match": tag}))
    assert response.status_code == 200, response.get_json()
    props = response.get_json()["properties"]
    assert (props["precision"], props["uncertainty_km"]) == ("street", 1.0)
    assert web.get(f"/parks/{PARK}?lang=en").get_data(as_text=True).count("Street address")


def test_healthz_says_whether_the_data_is_editable(web):
    assert web.get("/healthz").get_json()["editable"] is True
    assert create_app({"TESTING": True}).test_client().get("/healthz").get_json()[
        "editable"] is False
