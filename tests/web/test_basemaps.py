"""The deployment's basemaps: the default it chooses, its own tile service (an XYZ URL on an
intranet, or an MBTiles file the app serves at /tiles/), settings that cannot work stopping
the app at start-up, and the Tianditu-without-key error in the page's language."""

from __future__ import annotations

import re
import sqlite3
from html import unescape

import pytest

from geo_layout.app import create_app
from geo_layout.config import resolve
from geo_layout.web import basemaps

PNG = b"\x89PNG\r\n\x1a\n" + b"tile-1-0-0"


def make_mbtiles(path, fmt="png", tiles=None):
    """A tiny MBTiles file: ``tiles`` maps TMS (z, x, row) -> bytes."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name text, value text)")
    db.execute("CREATE TABLE tiles (zoom_level integer, tile_column integer, tile_row integer, "
               "tile_data blob)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)",
                   [("name", "test"), ("format", fmt), ("minzoom", "0"), ("maxzoom", "12"),
                    ("attribution", "Test tiles <b>&</b>")])
    for (z, x, row), data in (tiles or {}).items():
        db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (z, x, row, data))
    db.commit()
    db.close()
    return path


@pytest.fixture(scope="module")
def mbtiles_app(tmp_path_factory):
    # XYZ 1/0/0 is the north-west tile: TMS row 1 at zoom 1
    path = make_mbtiles(tmp_path_factory.mktemp("tiles") / "yunnan.mbtiles",
                        tiles={(1, 0, 1): PNG, (0, 0, 0): b"\x89PNGzero"})
    return create_app({"TESTING": True, "MBTILES": str(path), "BASEMAP": "local"})


def test_mbtiles_tiles_are_served_with_the_y_flip(mbtiles_app):
    client = mbtiles_app.test_client()
    response = client.get("/tiles/1/0/0.png")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.data == PNG
    assert "max-age=86400" in response.headers["Cache-Control"]
    again = client.get("/tiles/1/0/0.png", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    assert client.get("/tiles/0/0/0.png").data == b"\x89PNGzero"


@pytest.mark.parametrize("path", ["/tiles/1/0/1.png", "/tiles/5/3/3.png", "/tiles/1/0/0.jpg",
                                  "/tiles/1/0/0.pbf", "/tiles/1/0/0"])
def test_missing_tiles_are_404_json(mbtiles_app, path):
    response = mbtiles_app.test_client().get(path)
    assert response.status_code == 404
    assert response.get_json()["code"] == "not-found"


@pytest.mark.parametrize("path,parameter", [
    ("/tiles/1/2/0.png", "x"), ("/tiles/1/0/2.png", "y"), ("/tiles/x/0/0.png", "z"),
    ("/tiles/31/0/0.png", "z"), ("/tiles/1/-1/0.png", "x"), ("/tiles/1/0/a.png", "y"),
    ("/tiles/1/0/1.5.png", "y"),
])
def test_bad_tile_numbers_are_400(mbtiles_app, path, parameter):
    response = mbtiles_app.test_client().get(path)
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == "invalid-parameter"
    assert f"'{parameter}'" in body["description"]


def test_no_mbtiles_no_tiles(client):
    response = client.get("/tiles/0/0/0.png")
    assert response.status_code == 404 and "GEO_LAYOUT_MBTILES" in response.get_json()["description"]


def test_the_default_basemap_is_the_local_tiles(mbtiles_app):
    client = mbtiles_app.test_client()
    html = client.get("/maps/layout").get_data(as_text=True)
    assert '"url":"/tiles/{z}/{x}/{y}.png"' in html
    assert '<option value="local" selected>' in html
    assert "Test tiles \\u0026lt;b\\u0026gt;" in html  # the attribution, escaped
    # a reader can still switch to the offline map
    html = client.get("/maps/layout?basemap=none").get_data(as_text=True)
    assert "/tiles/{z}" not in html and "GeoLayout.countyContext" in html


def test_an_intranet_tile_url(tmp_path):
    app = create_app({"TESTING": True, "TILE_URL": "http://tiles.intranet:8080/yn/{z}/{x}/{y}.png",
                      "TILE_ATTRIBUTION": "省测绘院", "TILE_CRS": "gcj02"})
    client = app.test_client()
    assert 'value="local"' in client.get("/maps/layout").get_data(as_text=True)
    response = client.get("/maps/layout?basemap=local")
    html = response.get_data(as_text=True)
    assert "http://tiles.intranet:8080/yn/{z}/{x}/{y}.png" in html and "省测绘院" in html
    assert "http://tiles.intranet:8080" in response.headers["Content-Security-Policy"]
    # GCJ-02 tiles: the overlays are shifted to line up with them, as on Amap
    assert '{"crs":"gcj02","levels"' in html


@pytest.mark.parametrize("config,message", [
    ({"BASEMAP": "tianditu"}, "tianditu basemap needs a key"),
    ({"BASEMAP": "google"}, "unknown basemap"),
    ({"BASEMAP": "local"}, "local basemap needs a tile service"),
    ({"TILE_URL": "http://x/{z}/{y}.png"}, "{z}, {x} and {y}"),
    ({"TILE_URL": "ftp://x/{z}/{x}/{y}.png"}, "must start with"),
    ({"TILE_URL": "http://x/{z}/{x}/{y}.png", "TILE_CRS": "bd09"}, "tile crs"),
    ({"TILE_URL": "/t/{z}/{x}/{y}.png", "MBTILES": "x.mbtiles"}, "not both"),
    ({"MBTILES": "/no/such/file.mbtiles"}, "not found"),
])
def test_settings_that_cannot_work_are_refused(config, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        basemaps.load(resolve(config))


def test_a_bad_setting_stops_the_app(tmp_path):
    path = make_mbtiles(tmp_path / "vector.mbtiles", fmt="pbf")
    with pytest.raises(ValueError, match="cannot be shown as an image"):
        create_app({"TESTING": True, "MBTILES": str(path)})


def test_tianditu_when_a_key_is_set_can_be_the_default():
    app = create_app({"TESTING": True, "TIANDITU_KEY": "abcdef123456", "BASEMAP": "tianditu"})
    response = app.test_client().get("/maps/layout?lang=en")
    html = response.get_data(as_text=True)
    assert "tianditu.gov.cn/vec_w/wmts" in html and "eva_w" in html
    assert "https://*.tianditu.gov.cn" in response.headers["Content-Security-Policy"]


def test_tianditu_without_a_key_is_explained_in_the_page_language(client):
    from geo_layout.words import t

    for lang in ("zh", "en"):
        text = t("error.tianditu_key", lang)
        response = client.get(f"/maps/layout?basemap=tianditu&lang={lang}")
        assert response.status_code == 400 and "天地图" in t("error.tianditu_key", "zh")
        description = unescape(re.search(r"<code>(.*?)</code>", response.get_data(as_text=True),
                                         re.S).group(1))
        assert text in description
        if lang == "zh":
            assert "needs a key" not in description
    # machines get the English description as before
    assert client.get("/embed/maps/layout?basemap=tianditu").status_code == 400


def test_tiles_wait_for_the_page_and_fail_visibly(client):
    """The tile layer is not in the map's first script (it would be fetched during parsing)
    but added by basemap.js after the load event; the notice texts are in both languages."""
    for lang, text in (("zh", "底图瓦片无法加载"), ("en", "The basemap tiles cannot be loaded")):
        html = client.get(f"/maps/layout?basemap=osm&lang={lang}").get_data(as_text=True)
        assert "L.tileLayer" not in html and "GeoLayout.basemap(" in html
        assert text in html
