"""One error contract on every blueprint: JSON ``{"code", "description"}`` under /api, /ogc,
/downloads, /export and /healthz (404s of unknown routes, 405s, werkzeug's own errors, bad
parameters, errors raised while building maps), a translated HTML page elsewhere, and for
unexpected exceptions a logged request id that the response carries — never a traceback."""

from __future__ import annotations

import logging
import uuid

import pytest

from geo_layout.errors import InvalidParameter

JSON_ERRORS = [
    ("get", "/api/no-such-collection", 404), ("get", "/api/parks/no-such-park", 404),
    ("get", "/api/parks/a/b/c", 404), ("get", "/api/parks?limit=0", 400),
    ("get", "/api/parks?limit=100000", 400), ("get", "/api/parks?bbox=1,2,3", 400),
    ("get", "/api/search?q=" + "x" * 201, 400), ("get", "/api/nearby?lon=500&lat=0", 400),
    ("post", "/api/parks", 405), ("delete", "/api/parks/kunming-high-tech-zone", 405),
    ("get", "/ogc/no/such/thing", 404), ("put", "/ogc/collections", 405),
    ("get", "/ogc/collections/parks/items?limit=-1", 400),
    ("get", "/downloads/parks.exe", 404), ("get", "/downloads/nothing.geojson", 404),
    ("get", "/downloads/parks.geojson?bbox=9,9,1,1", 400), ("post", "/downloads/parks.csv", 405),
    ("get", "/export/maps/layout.png?dpi=10", 400), ("get", "/export/maps/nowhere.png", 404),
    ("get", "/export/maps/layout.png?size=a0", 400), ("get", "/export/whatever", 404),
    ("get", "/export/maps/layout.gif", 404), ("post", "/healthz", 405),
]


@pytest.mark.parametrize(("method", "path", "status"), JSON_ERRORS)
def test_machine_routes_answer_json_errors(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"code", "description"}
    assert body["code"] and body["description"]
    assert "Traceback" not in body["description"] and "/work/" not in body["description"]
    assert len(response.headers["X-Request-Id"]) >= 8
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_limits_name_the_cap(client, app):
    cap = app.config["GEO_LAYOUT"]["MAX_LIMIT"]
    assert str(cap) in client.get(f"/api/parks?limit={cap + 1}").get_json()["description"]
    assert "200" in client.get("/api/search?q=" + "x" * 201).get_json()["description"]
    assert "600" in client.get("/export/maps/layout.png?dpi=601").get_json()["description"]


@pytest.mark.parametrize(("lang", "title"), [("zh", "未找到"), ("en", "Not found")])
def test_pages_get_a_translated_html_error(client, lang, title):
    response = client.get(f"/no-such-page?lang={lang}")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert f"404 {title}" in html
    assert response.headers["X-Request-Id"] in html


def test_page_errors_raised_while_building_a_map_are_html(client):
    response = client.get("/maps/layout?basemap=nonsense&lang=en")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "unknown basemap" in response.get_data(as_text=True)
    assert client.get("/elements/no-such-element").status_code == 404
    assert client.get("/parks/no-such-park").mimetype == "text/html"


def test_ogc_html_errors_are_pages(client):
    response = client.get("/ogc/collections/nothing?f=html")
    assert response.status_code == 404 and response.mimetype == "text/html"


@pytest.fixture()
def broken_maps(monkeypatch):
    """Make map building blow up with a message that must not leak."""
    import geo_layout.maps as maps

    def explode(*_a, **_k):
        raise RuntimeError("secret detail /etc/passwd in the traceback")

    for name in ("layout_map", "places_map"):
        monkeypatch.setattr(maps, name, explode)


def test_unexpected_errors_are_logged_with_the_request_id(client, broken_maps, caplog):
    with caplog.at_level(logging.ERROR, logger="geo_layout.web"):
        page = client.get(f"/maps/layout?fresh={uuid.uuid4().hex}",  # past the render cache
                          headers={"X-Request-Id": "req-12345678"})
    assert page.status_code == 500 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assert "secret detail" not in html and "Traceback" not in html
    assert page.headers["X-Request-Id"] == "req-12345678" and "req-12345678" in html
    assert "req-12345678" in caplog.text and "secret detail" in caplog.text  # log keeps it


def test_unexpected_errors_in_the_api_are_json(client, monkeypatch, caplog):
    from geo_layout.data.store import InMemoryStore

    def explode(self, *a, **k):
        raise KeyError("internal /srv/path")

    monkeypatch.setattr(InMemoryStore, "search", explode)
    with caplog.at_level(logging.ERROR, logger="geo_layout.web"):
        response = client.get(f"/api/search?q={uuid.uuid4().hex}")
    assert response.status_code == 500
    body = response.get_json()
    assert body["code"] == "internal-error"
    rid = response.headers["X-Request-Id"]
    assert rid in body["description"] and "/srv/path" not in body["description"]
    assert rid in caplog.text


def test_typed_errors_keep_their_status(client, monkeypatch):
    from geo_layout.data.store import InMemoryStore

    def bad(self, *a, **k):
        raise InvalidParameter("a typed error from deep inside")

    monkeypatch.setattr(InMemoryStore, "search", bad)
    response = client.get(f"/api/search?q={uuid.uuid4().hex}")
    assert response.status_code == 400
    assert response.get_json() == {"code": "invalid-parameter",
                                   "description": "a typed error from deep inside"}


@pytest.mark.parametrize("given", ["abc\nX-Evil: 1", "<script>", "x" * 65, ""])
def test_unsafe_request_ids_are_replaced(client, given):
    try:
        response = client.get("/no-such-page", headers={"X-Request-Id": given})
    except ValueError:  # werkzeug refuses newlines in headers itself
        return
    rid = response.headers["X-Request-Id"]
    assert rid != given and rid.isalnum() and len(rid) == 16
    assert rid in response.get_data(as_text=True)


def test_long_echoes_are_cut(client):
    response = client.get("/api/parks/" + "a" * 5000)
    assert response.status_code == 404
    assert len(response.get_json()["description"]) <= 501
