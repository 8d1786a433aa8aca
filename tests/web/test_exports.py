"""/export/<map path>.png|svg|pdf: content types, file names, sizes, 400/404 cases."""

from __future__ import annotations

import io

import pytest
from PIL import Image


def test_png_export_of_the_layout(client):
    resp = client.get("/export/maps/layout.png?lang=en&dpi=96")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "image/png"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="yunnan-layout-en-a4-landscape-96dpi.png"'
    assert Image.open(io.BytesIO(resp.data)).size == (1123, 794)


def test_overview_path_and_sizes(client):
    resp = client.get("/export/maps/layout.png?size=a5&orientation=portrait&dpi=96")
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"] == 'attachment; filename="yunnan-layout-zh-a5-portrait-96dpi.png"'
    assert Image.open(io.BytesIO(resp.data)).size == (559, 794)  # 148 x 210 mm at 96 dpi


@pytest.mark.parametrize("url,ctype,name,magic", [
    ("/export/elements/core.svg?dpi=96", "image/svg+xml", "yunnan-element-core-zh-a4-landscape.svg", b"<?xml"),
    ("/export/prefectures/530100.pdf?lang=en&dpi=96", "application/pdf",
     "yunnan-prefecture-530100-en-a4-landscape.pdf", b"%PDF"),
])
def test_vector_exports(client, url, ctype, name, magic):
    resp = client.get(url)
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == ctype
    assert resp.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    assert resp.data.startswith(magic)


def test_parks_export_takes_directory_filters(client):
    resp = client.get("/export/maps/parks.svg?dpi=96&lang=en&prefecture=532900")
    assert resp.status_code == 200
    svg = resp.data.decode()
    assert "Yunnan Xinchuang Industrial Park (Dali)" in svg
    assert "Chenggong Information Industry Park" not in svg
    assert "Filter: Dali Bai Autonomous Prefecture (prefecture)" in svg  # names, not codes
    assert "prefecture=532900" not in svg


@pytest.mark.parametrize("url,cap", [("/export/maps/layout.png?dpi=50", "600"),
                                     ("/export/maps/layout.png?dpi=700", "600"),
                                     ("/export/maps/layout.png?dpi=abc", "integer"),
                                     ("/export/maps/layout.png?size=b4", "a3, a4, a5, slide"),
                                     ("/export/maps/layout.png?bbox=103,25,102,26", "bbox"),
                                     ("/export/maps/layout.png?orientation=up", "portrait"),
                                     ("/export/maps/layout.png?lang=fr", "zh, en")])
def test_bad_options_are_400(client, url, cap):
    resp = client.get(url)
    assert resp.status_code == 400
    body = resp.get_json()
    assert body["code"] == "invalid-parameter" and cap in body["description"]


@pytest.mark.parametrize("url", ["/export/maps/nowhere.png", "/export/elements/nope.pdf",
                                 "/export/prefectures/999999.svg", "/export/maps/layout.gif",
                                 "/export/maps/layout"])
def test_unknown_maps_are_404(client, url):
    resp = client.get(url)
    assert resp.status_code == 404
    assert resp.get_json()["code"] == "not-found"


@pytest.mark.parametrize("path", ["/export/maps/layout.html", "/export/maps/parks.html",
                                  "/export/prefectures/530100.html", "/export/elements/core.html"])
def test_standalone_files_inline_places_a_page_would_load_by_view(monkeypatch, path):
    """A file on disk has no API to ask: places a page loads by view are inlined instead."""
    import geo_layout.maps.dynamic as dynamic
    from geo_layout.app import create_app

    monkeypatch.setattr(dynamic, "DYNAMIC_THRESHOLD", 0)  # every page map is view-loaded now
    client = create_app({"TESTING": True}).test_client()  # (its own render cache)
    page = client.get("/embed/" + path.removeprefix("/export/").removesuffix(".html"))
    assert "GeoLayout.dynamicPoints(" in page.get_data(as_text=True)
    body = client.get(path).get_data(as_text=True)
    assert "GeoLayout.dynamicPoints(" not in body and "/api/clusters/" not in body
    assert ".addLayers([{" in body  # the places, inlined as clustered markers


def test_standalone_file_refuses_more_places_than_it_can_draw(monkeypatch, tmp_path):
    import geo_layout.maps.dynamic as dynamic
    from geo_layout.app import create_app

    monkeypatch.setattr(dynamic, "INLINE_LIMIT", 5)
    client = create_app({"TESTING": True}).test_client()
    response = client.get("/export/maps/layout.html")
    assert response.status_code == 413
    error = response.get_json()
    assert error["code"] == "too-large"
    assert "too many to put in one file (at most 5)" in error["description"]
    assert "/downloads/" in error["description"]
    assert client.get("/export/maps/parks.html?prefecture=530500").status_code == 200  # fewer
    from click.testing import CliRunner

    from geo_layout.cli import main

    result = CliRunner().invoke(main, ["export", "maps/layout", "--format", "html",
                                       "-o", str(tmp_path / "layout.html")])
    assert result.exit_code == 1 and "too many to put in one file" in result.output
    assert not (tmp_path / "layout.html").exists()
