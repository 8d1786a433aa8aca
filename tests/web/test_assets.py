"""The offline assets: every file a map links to is served by the app, cached long, and no
path escapes its folder."""

from __future__ import annotations

import re

import pytest

from geo_layout.maps import layout_map, map_parts

ASSETS = [
    ("/assets/leaflet/leaflet.js", "javascript"),
    ("/assets/leaflet/leaflet.css", "css"),
    ("/assets/leaflet/images/layers.png", "image/png"),
    ("/assets/leaflet/images/marker-icon.png", "image/png"),
    ("/assets/markercluster/leaflet.markercluster.js", "javascript"),
    ("/assets/markercluster/MarkerCluster.css", "css"),
    ("/assets/markercluster/MarkerCluster.Default.css", "css"),
    ("/assets/app/js/controls.js", "javascript"),
    ("/assets/app/css/map.css", "css"),
]


@pytest.mark.parametrize("url,kind", ASSETS)
def test_assets_are_served_with_a_long_cache(client, url, kind):
    response = client.get(url)
    assert response.status_code == 200
    assert kind in response.content_type
    assert "max-age=31536000" in response.headers["Cache-Control"]
    assert len(response.data) > 100


def test_leaflet_is_the_pinned_version(client):
    assert b"1.9.3" in client.get("/assets/leaflet/leaflet.js").data


def test_every_url_in_a_map_head_resolves(client, store):
    head = map_parts(layout_map(store)).head
    urls = re.findall(r'(?:src|href)="([^"]+)"', head)
    names = sorted(url.split("?")[0].rsplit("/", 1)[1] for url in urls)
    assert names == ["MarkerCluster.Default.css", "MarkerCluster.css", "controls.js",
                     "leaflet.css", "leaflet.js", "leaflet.markercluster.js", "map.css",
                     "refine.js"]
    for url in urls:
        assert url.startswith("/assets/")
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("url", [
    "/assets/leaflet/../../etc/passwd",
    "/assets/leaflet/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/assets/leaflet/..%2f..%2f..%2fetc/passwd",
    "/assets/app/../../app.py",
    "/assets/app/%2e%2e/%2e%2e/app.py",
    "/assets/app//etc/passwd",
    "/assets/markercluster/../leaflet/leaflet.js",
    "/assets/leaflet/leaflet.js.map",
    "/assets/nope/leaflet.js",
    "/assets/leaflet/",
    "/assets/leaflet/images",
])
def test_no_way_out_of_the_asset_folders(client, url):
    response = client.get(url, follow_redirects=True)  # werkzeug merges "//" by redirecting
    assert response.status_code == 404
    assert b"root:" not in response.data and b"create_app" not in response.data
