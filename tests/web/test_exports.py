"""/export/<map path>.png|svg|pdf: content types, file names, sizes, 400/404 cases."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image


def test_png_export_of_the_layout(client):
    resp = client.get("/export/maps/layout.png?lang=en&dpi=96")
    assert resp.status_code == 200
    assert resp.headers["Content-Type"] == "image/png"
    assert resp.headers["Content-Disposition"] == (
        'attachment; filename="yunnan-layout-en-a4-landscape-96dpi.png"')
    assert Image.open(io.BytesIO(resp.data)).size == (1123, 794)


def test_overview_path_and_sizes(client):
    resp = client.get("/export/maps/layout.png?size=a5&orientation=portrait&dpi=96")
    assert resp.status_code == 200
    assert resp.headers["Content-Disposition"] == (
        'attachment; filename="yunnan-layout-zh-a5-portrait-96dpi.png"')
    assert Image.open(io.BytesIO(resp.data)).size == (559, 794)  # 148 x 210 mm at 96 dpi


@pytest.mark.parametrize("url,ctype,name,magic", [
    ("/export/elements/core.svg?dpi=96", "image/svg+xml",
     "yunnan-element-core-zh-a4-landscape.svg", b"<?xml"),
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
                                     ("/export/maps/layout.png?bbox=0,0,1,1", "overlap"),
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


def test_a3_sizes(client):
    landscape = client.get("/export/maps/layout.png?size=a3&dpi=96")
    assert Image.open(io.BytesIO(landscape.data)).size == (1587, 1123)  # 420 x 297 mm
    portrait = client.get("/export/maps/layout.png?size=a3&orientation=portrait&dpi=96")
    assert Image.open(io.BytesIO(portrait.data)).size == (1123, 1587)
    pdf = client.get("/export/maps/layout.pdf?size=a3")
    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(pdf.data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 in points


def test_file_names_differ_per_size_and_orientation(client):
    names = set()
    for query in ("size=a4&dpi=96", "size=slide&dpi=96", "size=a4&orientation=portrait&dpi=96",
                  "size=a3&dpi=96", "size=a4&dpi=97"):
        resp = client.get(f"/export/maps/layout.png?{query}")
        assert resp.status_code == 200
        names.add(resp.headers["Content-Disposition"])
    assert len(names) == 5


def test_every_park_and_site_has_an_export_map(client, store):
    from geo_layout.maps.static_export import resolve_map

    picked = {}
    for collection in ("parks", "sites"):
        for feature in store.query(collection).features:
            spec = resolve_map(store, f"parks/{feature.id}", "en", {})
            assert spec.title == feature.name("en")
            point = feature.geometry()
            if point is not None:  # around the place and its county or prefecture
                west, south, east, north = spec.bounds
                assert west < point.x < east and south < point.y < north
                assert east - west < 4  # the province is ~9.5 degrees wide
            picked.setdefault(feature.properties["precision"], feature)
    for feature in picked.values():  # one of each precision, unlocated ones too
        resp = client.get(f"/export/parks/{feature.id}.svg?dpi=96&lang=en")
        assert resp.status_code == 200, feature.id
        assert feature.name("en").replace("&", "&amp;") in resp.get_data(as_text=True)
    assert client.get("/export/parks/no-such-place.png").status_code == 404


def test_park_page_links_to_its_exports(client):
    page = client.get("/parks/guandu-digital-economy-industrial-park").get_data(as_text=True)
    for fmt in ("png", "svg", "pdf"):
        href = f"/export/parks/guandu-digital-economy-industrial-park.{fmt}?lang=zh"
        assert f'href="{href}"' in page
        resp = client.get(href + "&dpi=96")
        assert resp.status_code == 200 and resp.headers["Content-Type"] == MEDIA[fmt]


MEDIA = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}


def test_bbox_sets_the_exported_extent(client):
    svg = client.get("/export/maps/layout.svg?bbox=102.5,24.6,103.2,25.3&lang=en").get_data(
        as_text=True)
    whole = client.get("/export/maps/layout.svg?lang=en").get_data(as_text=True)
    # zoomed on Kunming: prefectures far away are not labelled, the scale bar is shorter
    assert ">Dali<" in whole and ">Dali<" not in svg
    bar = [int(km) for km in re.findall(r">(\d+) km<", svg)]
    assert bar and bar[0] <= 20 and re.findall(r">(\d+) km<", whole) == ["150"]


def test_approval_number_is_printed_when_configured(tmp_path):
    from pypdf import PdfReader

    from geo_layout.app import create_app

    client = create_app({"TESTING": True, "APPROVAL_NUMBER": "GS(2024)1234"}).test_client()
    pdf = client.get("/export/elements/zone.pdf?lang=en").data
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Map approval number: GS(2024)1234" in text
    svg = client.get("/export/maps/layout.svg").get_data(as_text=True)
    assert "审图号：GS(2024)1234" in svg
    page = client.get("/maps/layout").get_data(as_text=True)
    assert '<p class="map-approval">审图号：GS(2024)1234</p>' in page


def test_no_approval_number_by_default(client):
    assert "审图号" not in client.get("/export/maps/layout.svg").get_data(as_text=True)
    assert "map-approval" not in client.get("/maps/layout").get_data(as_text=True)
