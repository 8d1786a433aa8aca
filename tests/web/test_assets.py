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
    urls = [u.replace("&amp;", "&") for u in re.findall(r'(?:src|href)="([^"]+)"', head)]
    assert [u.split("?")[0] for u in urls] == [
        "/assets/leaflet/leaflet.js", "/assets/bundle.js", "/assets/leaflet/leaflet.css",
        "/assets/bundle.css"]
    assert urls[1].split("?")[1].startswith(
        "f=app/js/controls.js,app/js/furniture.js,app/js/refine.js,markercluster/leaflet.markercluster.js&v=")
    assert urls[3].split("?")[1].startswith(
        "f=app/css/fonts.css,app/css/map.css,markercluster/MarkerCluster.css,"
        "markercluster/MarkerCluster.Default.css&v=")
    assert re.search(r'<script defer src="/assets/bundle\.js\?f=[^"]+&amp;v=\w+"></script>', head)
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


def test_a_bundle_is_its_files_in_order(client):
    from geo_layout.maps.assets import asset_dirs

    dirs = asset_dirs()
    response = client.get("/assets/bundle.js?f=app/js/controls.js,"
                          "markercluster/leaflet.markercluster.js&v=1")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert "immutable" in response.headers["Cache-Control"]
    body = response.get_data(as_text=True)
    controls = (dirs["app"] / "js/controls.js").read_text(encoding="utf-8")
    cluster = (dirs["markercluster"] / "leaflet.markercluster.js").read_text(encoding="utf-8")
    assert body.startswith(controls) and "\n;\n" in body
    assert cluster.split("\n")[0] in body and "sourceMappingURL" not in body
    again = client.get(response.request.url, headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    css = client.get("/assets/bundle.css?f=app/css/map.css,markercluster/MarkerCluster.css")
    assert css.mimetype == "text/css" and ".gl-marker" in css.get_data(as_text=True)


@pytest.mark.parametrize("url", [
    "/assets/bundle.js",
    "/assets/bundle.js?f=",
    "/assets/bundle.js?f=app/css/map.css",
    "/assets/bundle.css?f=app/js/controls.js",
    "/assets/bundle.js?f=app/../../app.py",
    "/assets/bundle.js?f=app/js/../../../etc/passwd.js",
    "/assets/bundle.js?f=nope/x.js",
    "/assets/bundle.js?f=app/js/missing.js",
    "/assets/bundle.js?f=" + ",".join(["app/js/site.js"] * 17),
])
def test_bad_bundles_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.get_json()["code"] == "invalid-parameter"
    assert "'f'" in response.get_json()["description"]


def test_only_script_and_style_bundles(client):
    assert client.get("/assets/bundle.txt?f=app/js/site.js").status_code == 404
