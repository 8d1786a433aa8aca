"""ETag / If-None-Match on every kind of response, and the render cache: a body is built once
per (data version, route, query) and served from memory afterwards."""

from __future__ import annotations

import pytest

import geo_layout.maps as maps
from geo_layout.data.store import InMemoryStore
from geo_layout.web.render_cache import Entry, RenderCache, render_cache

IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture()
def fresh(app):
    render_cache(app).clear()
    return app.test_client()


def _count_calls(monkeypatch, owner, name):
    calls = []
    original = getattr(owner, name)

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def test_map_page_is_built_once(fresh, monkeypatch):
    calls = _count_calls(monkeypatch, maps, "layout_map")
    first = fresh.get("/maps/layout?lang=en", headers=IDENTITY)
    second = fresh.get("/maps/layout?lang=en", headers=IDENTITY)
    assert first.status_code == second.status_code == 200
    assert len(calls) == 1
    assert first.data == second.data
    assert first.headers["ETag"] == second.headers["ETag"]
    assert first.headers["Content-Security-Policy"] == second.headers["Content-Security-Policy"]
    fresh.get("/maps/layout?lang=zh", headers=IDENTITY)  # other parameters: built again
    assert len(calls) == 2


def test_api_response_is_built_once(fresh, monkeypatch):
    calls = _count_calls(monkeypatch, InMemoryStore, "query")
    a = fresh.get("/api/parks?limit=3", headers=IDENTITY)
    b = fresh.get("/api/parks?limit=3", headers=IDENTITY)
    assert a.status_code == 200 and a.data == b.data
    assert len(calls) == 1
    assert a.json["numberReturned"] == 3


def test_errors_are_not_cached(fresh):
    assert fresh.get("/api/parks?limit=0").status_code == 400
    assert len(render_cache(fresh.application)) == 0
    assert fresh.get("/elements/nope").status_code == 404
    assert len(render_cache(fresh.application)) == 0


@pytest.mark.parametrize("url", [
    "/", "/maps/sites?lang=en", "/parks/chenggong-information-industry-park",
    "/api/parks", "/api/clusters/sites?zoom=7", "/ogc/collections/parks/items",
    "/downloads/parks.geojson", "/downloads/targets.csv", "/export/maps/parks.svg",
])
def test_etag_and_304_everywhere(client, url):
    first = client.get(url, headers=IDENTITY)
    if first.status_code == 404 and url.startswith("/parks/"):
        pytest.skip("park id not in the seeds")
    assert first.status_code == 200, first.data[:200]
    tag = first.headers["ETag"]
    assert tag.startswith('W/"')
    again = client.get(url, headers={**IDENTITY, "If-None-Match": tag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == tag
    other = client.get(url, headers={**IDENTITY, "If-None-Match": 'W/"something-else"'})
    assert other.status_code == 200 and other.data == first.data


def test_tag_changes_with_the_data_version(app, client, monkeypatch):
    tag = client.get("/api/targets", headers=IDENTITY).headers["ETag"]
    store = app.extensions["geo_layout"].store
    monkeypatch.setattr(type(store), "version", property(lambda self: "another-version"))
    response = client.get("/api/targets", headers={**IDENTITY, "If-None-Match": tag})
    assert response.status_code == 200
    assert response.headers["ETag"] != tag


def test_lru_is_bounded_by_bytes():
    cache = RenderCache(max_bytes=8 * 2000)
    for i in range(20):
        cache.put(str(i), Entry(b"x" * 1500, ()))
    assert cache.bytes <= cache.max_bytes
    assert cache.get("0") is None and cache.get("19") is not None
    cache.put("huge", Entry(b"x" * 5000, ()))  # over an eighth of the budget: not kept
    assert cache.get("huge") is None


@pytest.mark.parametrize("url", [
    "/api/parks?limit=3",                     # the data API
    "/ogc/collections/counties/items",        # OGC API – Features
    "/ogc/collections/counties/schema",       # ... its schema
    "/maps/layout?lang=en",                   # a page
    "/downloads/parks.csv",                   # a download
])
def test_data_responses_are_revalidated_not_trusted(client, url):
    """No max-age: a client may keep the copy but asks (If-None-Match) before each use, so an
    edit is seen at once; the answer to an unchanged copy is a 304 without a body."""
    first = client.get(url, headers=IDENTITY)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(url, headers={**IDENTITY, "If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize("url", ["/assets/leaflet/leaflet.js", "/assets/app/css/site.css",
                                 "/assets/bundle.css?f=app/css/site.css"])
def test_versioned_assets_keep_their_long_lifetime(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
