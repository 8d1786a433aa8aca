"""gzip when asked (and worth it), identity otherwise, always ``Vary: Accept-Encoding``."""

from __future__ import annotations

import gzip

import pytest


@pytest.mark.parametrize("url", ["/maps/parks", "/api/parks", "/ogc/collections/parks/items",
                                 "/ogc/api"])
def test_gzip_when_asked(client, url):
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    packed = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert plain.status_code == packed.status_code == 200
    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data).decode() .startswith(plain.data.decode()[:40])
    if "/ogc/collections" not in url:  # its body carries a timeStamp
        assert gzip.decompress(packed.data) == plain.data
    assert len(packed.data) < len(plain.data) / 3
    assert int(packed.headers["Content-Length"]) == len(packed.data)
    for response in (plain, packed):
        assert "Accept-Encoding" in response.headers["Vary"]
    # one weak tag for both codings: revalidating the gzip copy works
    assert packed.headers["ETag"] == plain.headers["ETag"]
    assert packed.headers["ETag"].startswith("W/")
    again = client.get(url, headers={"Accept-Encoding": "gzip",
                                     "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304


def test_no_gzip_without_accept_encoding_or_with_q0(client):
    assert "Content-Encoding" not in client.get("/api/parks").headers
    refused = client.get("/api/parks", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers


def test_small_and_binary_bodies_are_left_alone(client):
    small = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert small.status_code == 200 and len(small.data) < 1024
    assert "Content-Encoding" not in small.headers
    png = client.get("/export/maps/parks.png?dpi=96", headers={"Accept-Encoding": "gzip"})
    assert png.status_code == 200 and png.data[:4] == b"\x89PNG"
    assert "Content-Encoding" not in png.headers


def test_static_asset_gets_gzip_and_a_weak_tag(client):
    url = "/assets/leaflet/leaflet.js"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    packed = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.data) == plain.data
    assert packed.headers["ETag"].startswith("W/")
    again = client.get(url, headers={"Accept-Encoding": "gzip",
                                     "If-None-Match": packed.headers["ETag"]})
    assert again.status_code == 304
