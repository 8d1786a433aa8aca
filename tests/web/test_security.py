"""Security headers: the CSP lists exactly the hashes of each page's inline scripts (checked
here against an independent HTML parse; chromium's zero-violation check is in
tests/browser/test_hostile.py), frame rules per path, nosniff and referrer everywhere, tile hosts
only with an online basemap, no CSP on 304s, compressed bodies still hashed."""

from __future__ import annotations

import base64
import gzip
import hashlib
from html.parser import HTMLParser

import pytest
from flask import Response

from geo_layout.web import security


class _InlineScripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._inline = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._inline = not any(name == "src" for name, _ in attrs)
            if self._inline:
                self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline = False

    def handle_data(self, data):
        if self._inline:
            self.scripts[-1] += data


def _hashes(html: str) -> set[str]:
    parser = _InlineScripts()
    parser.feed(html)
    return {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
            for s in parser.scripts}


def _directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize("path", ["/", "/maps/parks", "/parks", "/elements/core",
                                  "/prefectures/530100", "/parks/kunming-high-tech-zone",
                                  "/targets", "/embed/maps/layout", "/ogc?f=html", "/nowhere"])
def test_csp_lists_exactly_the_inline_scripts(client, path):
    response = client.get(path)
    policy = _directives(response.headers["Content-Security-Policy"])
    script_src = set(policy["script-src"])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert script_src - {"'self'"} == _hashes(response.get_data(as_text=True))
    assert policy["default-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_map_pages_have_an_inline_script_hash(client):
    """One hash per inline script: the map and its first layer, and the rest of the map."""
    import base64
    import hashlib
    import re

    response = client.get("/maps/layout")
    policy = response.headers["Content-Security-Policy"]
    scripts = re.findall(r"<script>(.*?)</script>", response.get_data(as_text=True), re.S)
    assert len(scripts) == 2
    for text in scripts:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert policy.count("'sha256-") == 2


def test_frames_only_for_embeds(client):
    page = client.get("/maps/layout")
    assert _directives(page.headers["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert page.headers["X-Frame-Options"] == "DENY"
    embed = client.get("/embed/maps/layout")
    assert _directives(embed.headers["Content-Security-Policy"])["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in embed.headers


@pytest.mark.parametrize(("basemap", "host"), [("osm", "https://tile.openstreetmap.org"),
                                               ("amap", "https://*.is.autonavi.com")])
def test_tile_hosts_only_with_an_online_basemap(client, basemap, host):
    img = _directives(client.get(f"/maps/layout?basemap={basemap}")
                      .headers["Content-Security-Policy"])["img-src"]
    assert img == ["'self'", "data:", host]


def test_machine_responses_get_a_locked_down_policy(client):
    for path in ("/api/parks", "/healthz", "/downloads/parks.kml", "/api/nowhere"):
        response = client.get(path)
        policy = _directives(response.headers["Content-Security-Policy"])
        assert policy["default-src"] == ["'none'"], path
        assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_no_csp_on_304(client):
    first = client.get("/api/parks")
    again = client.get("/api/parks", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert "Content-Security-Policy" not in again.headers  # would replace the cached one
    assert again.headers["X-Frame-Options"] == "DENY"


def test_gzipped_html_is_hashed_from_its_plain_text(app):
    html = b"<html><body><script>var a = 1;</script><script src='/x.js'></script></body></html>"
    with app.test_request_context("/maps/layout"):
        response = Response(gzip.compress(html), mimetype="text/html",
                            headers={"Content-Encoding": "gzip"})
        security.apply_headers(response)
    digest = base64.b64encode(hashlib.sha256(b"var a = 1;").digest()).decode()
    assert f"'sha256-{digest}'" in response.headers["Content-Security-Policy"]


def test_hashes_follow_the_script_text():
    one = security.inline_script_hashes(b"<script>a()</script><SCRIPT type='module'>b()</SCRIPT>")
    assert len(one) == 2
    assert security.inline_script_hashes(b"<script src='/a.js'></script>") == []
    assert security.inline_script_hashes(b"<script>a()</script>") != \
        security.inline_script_hashes(b"<script>a();</script>")
