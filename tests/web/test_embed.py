"""/embed/<map path>: the maps without site chrome, their parameters, the frame headers, and
the embed panel and HTML export of the pages."""

from __future__ import annotations

import re
from html import unescape

import pytest

from geo_layout.app import create_app

EMBEDS = ["/embed/", "/embed/maps/layout", "/embed/maps/parks", "/embed/maps/sites",
          "/embed/elements/core", "/embed/elements/point-pilot-zones",
          "/embed/prefectures/530100", "/embed/parks/kunming-high-tech-zone"]


def _frame_ancestors(resp) -> str:
    """The one frame-ancestors directive of the response's CSP."""
    found = [d.strip() for d in resp.headers["Content-Security-Policy"].split(";")
             if d.strip().startswith("frame-ancestors")]
    assert len(found) == 1, resp.headers["Content-Security-Policy"]
    return found[0]


def _map_script(html: str) -> str:
    """The JavaScript that creates the Leaflet map (center, zoom) and fits it (bounds)."""
    return html[html.index("L.map("):]


@pytest.mark.parametrize("path", EMBEDS)
def test_every_embed_is_a_bare_map(client, path):
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    html = resp.get_data(as_text=True)
    assert 'class="gl-embed"' in html
    assert html.count('class="folium-map gl-map"') == 1
    assert "site-header" not in html and "site-nav" not in html and "site-footer" not in html
    assert "html, body {width: 100%; height: 100%;" in html
    full = re.search(r'<a class="gl-open-full" href="([^"]+)" target="_blank" rel="noopener">',
                     html)
    assert full, "no open-full-map link"
    expected = "/" + path[len("/embed/"):]
    assert full.group(1).startswith(expected + "?lang=zh")
    assert "/assets/app/js/embed.js?v=" in html


def test_lang_and_legend(client):
    zh = client.get("/embed/maps/layout").get_data(as_text=True)
    en = client.get("/embed/maps/layout?lang=en&legend=0").get_data(as_text=True)
    assert '<html lang="zh-CN">' in zh and "GeoLayout.legend(" in zh
    assert "硅材料集群" in zh and "打开完整地图" in zh
    assert '<html lang="en">' in en and "Open full map" in en
    assert "GeoLayout.legend(" not in en
    assert "Silicon materials" in en and "硅材料集群" not in en
    assert "GeoLayout.legend(" in client.get("/embed/maps/layout?legend=1").get_data(as_text=True)


def test_bbox_is_the_view(client):
    html = client.get("/embed/maps/layout?bbox=102.1,24.5,103.3,25.6&lang=en").get_data(
        as_text=True)
    script = _map_script(html)
    assert re.search(r"fitBounds\(\s*\[\[24\.5, 102\.1\], \[25\.6, 103\.3\]\]", script)
    full = re.search(r'class="gl-open-full" href="([^"]+)"', html).group(1)
    assert full == "/maps/layout?lang=en&amp;bbox=102.1%2C24.5%2C103.3%2C25.6"


def test_center_and_zoom_are_the_view(client):
    html = client.get("/embed/prefectures/530100?center=25.04,102.71&zoom=11").get_data(
        as_text=True)
    script = _map_script(html)
    assert "center: [25.04, 102.71]" in script
    assert '"zoom": 11' in script
    assert "fitBounds" not in script


def test_layers_choose_what_shows(client):
    html = client.get("/embed/maps/layout?layers=prefectures,core").get_data(as_text=True)
    # hidden layers stay in the layer control but are not added to the map
    added = re.findall(r"(feature_group_[0-9a-f]+)\.addTo\(map_", html)
    assert len(added) == 2
    assert len(re.findall(r"var feature_group_[0-9a-f]+ = L\.featureGroup", html)) == 8


def test_parks_embed_takes_directory_filters(client, store):
    kunming = {f.id for f in store.query("parks", {"prefecture": "530100"}).features
               if f.geometry() is not None}
    others = {f.id for f in store.query("parks").features
              if f.geometry() is not None} - kunming
    assert kunming and others
    html = client.get("/embed/maps/parks?prefecture=530100").get_data(as_text=True)
    ids = set(re.findall(r'\{"id":"([a-z0-9-]+)","at":', html))
    assert ids == kunming
    full = re.search(r'class="gl-open-full" href="([^"]+)"', html).group(1)
    assert "prefecture=530100" in full


@pytest.mark.parametrize("query,parameter", [
    ("bbox=1,2,3", "bbox"), ("bbox=104,20,100,25", "bbox"), ("bbox=a,b,c,d", "bbox"),
    ("bbox=100,20,100,25", "bbox"), ("center=25,102", "center"), ("zoom=7", "center"),
    ("center=25&zoom=7", "center"), ("center=25,102&zoom=40", "zoom"),
    ("bbox=100,20,104,25&zoom=7", "bbox"), ("legend=yes", "legend"), ("lang=fr", "lang"),
    ("basemap=google", "basemap"), ("basemap=tianditu", "basemap"), ("layers=nope", "layers"),
])
def test_bad_parameters_are_a_400_page(client, query, parameter):
    """Named in the page's language: “bbox” on the Chinese page, 'bbox' on the English."""
    for lang, named in (("zh", f"“{parameter}”"), ("en", f"&#39;{parameter}&#39;")):
        suffix = "" if "lang=" in query else f"&lang={lang}"
        resp = client.get("/embed/maps/layout?" + query + suffix)
        assert resp.status_code == 400
        assert resp.headers["Content-Type"].startswith("text/html")
        description = re.search(r"<code>(.*?)</code>", resp.get_data(as_text=True)).group(1)
        assert named in description or (lang == "en" and "lang=" in query), description


@pytest.mark.parametrize("path", ["/embed/elements/nope", "/embed/prefectures/999999",
                                  "/embed/parks/nowhere", "/embed/maps/nowhere"])
def test_unknown_ids_are_404(client, path):
    resp = client.get(path)
    assert resp.status_code == 404
    assert resp.headers["Content-Type"].startswith("text/html")


def test_frame_headers(client):
    for path in ("/embed/maps/layout", "/embed/", "/embed/elements/nope"):
        resp = client.get(path)
        assert "X-Frame-Options" not in resp.headers, path
        assert _frame_ancestors(resp) == "frame-ancestors *", path
    for path in ("/", "/maps/layout", "/parks", "/api/parks", "/healthz", "/embedded",
                 "/export/maps/layout.html"):
        resp = client.get(path)
        assert resp.headers["X-Frame-Options"] == "DENY", path
        assert _frame_ancestors(resp) == "frame-ancestors 'none'", path


def test_frame_ancestors_from_config():
    app = create_app({"TESTING": True,
                      "FRAME_ANCESTORS": "https://news.example.org https://*.example.com"})
    client = app.test_client()
    resp = client.get("/embed/maps/parks")
    assert _frame_ancestors(resp) == (
        "frame-ancestors https://news.example.org https://*.example.com")
    assert client.get("/parks").headers["X-Frame-Options"] == "DENY"
    closed = create_app({"TESTING": True, "FRAME_ANCESTORS": ""}).test_client()
    assert _frame_ancestors(closed.get("/embed/")) == "frame-ancestors 'none'"


@pytest.mark.parametrize("bad", ["https://a.example; script-src *", "'unsafe-inline'",
                                 "https://a.example,https://b.example"])
def test_bad_frame_ancestors_stop_the_app(bad):
    with pytest.raises(ValueError, match="FRAME_ANCESTORS"):
        create_app({"TESTING": True, "FRAME_ANCESTORS": bad})


def test_framing_merges_into_an_existing_policy():
    from werkzeug.wrappers import Response

    from geo_layout.web import framing

    resp = Response("x", headers={"Content-Security-Policy":
                                  "default-src 'self'; frame-ancestors 'self'"})
    framing.apply(resp, "/maps/layout", "*")
    assert resp.headers["Content-Security-Policy"] == "default-src 'self'; frame-ancestors 'none'"
    assert resp.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path,embed_url", [
    ("/maps/layout?lang=en", "/embed/maps/layout?lang=en"),
    ("/", "/embed/maps/layout?lang=zh"),
    ("/maps/sites", "/embed/maps/sites?lang=zh"),
    ("/elements/core?lang=en", "/embed/elements/core?lang=en"),
    ("/prefectures/530100", "/embed/prefectures/530100?lang=zh"),
    ("/parks/kunming-high-tech-zone", "/embed/parks/kunming-high-tech-zone?lang=zh"),
    ("/parks?prefecture=530100", "/embed/maps/parks?lang=zh"),
])
def test_every_map_page_has_the_embed_panel(client, path, embed_url):
    html = client.get(path).get_data(as_text=True)
    assert html.count('<details class="embed-panel"') == 1
    assert f'data-embed-url="{embed_url}"' in html
    snippet = unescape(re.search(r'<textarea id="embed-code"[^>]*>([^<]*)</textarea>',
                                 html).group(1))
    assert snippet.startswith(f'<iframe src="http://localhost{embed_url}" width="100%" '
                              'height="500"')
    assert 'data-copy="embed-code"' in html
    assert "/static/js/embed.js" in html
    assert re.search(r'href="/export/[^"]+\.html\?lang=', html)


def test_embed_panel_is_labelled_in_english(client):
    html = client.get("/maps/parks?lang=en").get_data(as_text=True)
    panel = html[html.index('<details class="embed-panel"'):html.index("</details>")]
    for text in ("Embed and export", "Responsive (16:9)", "Fixed height",
                 'aria-label="Height (pixels)"',
                 "Use the map&#39;s current view", "Show the legend", 'aria-label="Embed code"'):
        assert text in panel


def test_html_export_is_standalone(client):
    resp = client.get("/export/maps/layout.html?lang=en")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="yunnan-layout-en.html"'
    html = resp.get_data(as_text=True)
    assert "/assets/" not in html
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?(?:https?:|//)""", _markup(html))
    # popup links lead back to the site that exported the file
    assert 'href=\\"http://localhost/elements/core?lang=en\\"' in html


def test_html_export_of_a_park_and_filters(client, store):
    resp = client.get("/export/parks/kunming-high-tech-zone.html")
    assert resp.status_code == 200
    assert 'filename="yunnan-park-kunming-high-tech-zone-zh.html"' in (
        resp.headers["Content-Disposition"])
    html = client.get("/export/maps/parks.html?prefecture=530100").get_data(as_text=True)
    kunming = {f.id for f in store.query("parks", {"prefecture": "530100"}).features
               if f.geometry() is not None}
    assert set(re.findall(r'\{"id":"([a-z0-9-]+)","at":', html)) == kunming
    assert client.get("/export/elements/nope.html").status_code == 404
    assert client.get("/export/maps/layout.html?lang=fr").status_code == 400


def _markup(html: str) -> str:
    """The document without the contents of its <script> and <style> elements."""
    return re.sub(r"(<(script|style)\b[^>]*>).*?(</\2>)", r"\1\3", html, flags=re.S)
