"""/downloads/<collection>.<format>: content types, file names, filters, GDAL read-back."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pyogrio
import pytest

from geo_layout.data.features import COLLECTIONS
from geo_layout.data.writers import formats_for

TYPES = {"geojson": "application/geo+json", "csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "gpkg": "application/geopackage+sqlite3",
         "kml": "application/vnd.google-earth.kml+xml"}


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_downloads_in_its_formats(client, store, tmp_path, collection):
    total = store.query(collection).total
    formats = formats_for(collection)
    assert {"geojson", "csv", "xlsx", "gpkg"} <= set(formats)
    for fmt in formats:
        resp = client.get(f"/downloads/{collection}.{fmt}")
        assert resp.status_code == 200, (fmt, resp.data[:200])
        assert resp.headers["Content-Type"] == TYPES[fmt]
        assert resp.headers["Content-Disposition"] == \
            f'attachment; filename="yunnan-{collection}.{fmt}"'
        if fmt == "csv":
            text = resp.data.decode("utf-8")
            assert text.startswith("\ufeff")
            assert len(list(csv.DictReader(io.StringIO(text[1:])))) == total
            continue
        if fmt == "xlsx":
            sheet = openpyxl.load_workbook(io.BytesIO(resp.data)).worksheets[0]
            assert sheet.max_row == total + 1
            continue
        path = tmp_path / f"{collection}.{fmt}"
        path.write_bytes(resp.data)
        assert pyogrio.read_info(path)["features"] == total


def test_table_kml_is_a_clear_404(client):
    resp = client.get("/downloads/enterprises.kml")
    assert resp.status_code == 404
    assert "KML needs geometry" in resp.get_json()["description"]


@pytest.mark.parametrize("url", ["/downloads/nothing.csv", "/downloads/parks.xls",
                                 "/downloads/parks"])
def test_unknown_downloads_are_404(client, url):
    resp = client.get(url)
    assert resp.status_code == 404
    assert resp.get_json()["code"] == "not-found"


def test_prefecture_filter_gives_exact_ids(client):
    resp = client.get("/downloads/parks.geojson?prefecture=530100")
    ids = sorted(f["id"] for f in json.loads(resp.data)["features"])
    assert ids == ["chenggong-information-industry-park", "guandu-digital-economy-industrial-park",
                   "kunming-high-tech-zone", "wuhua-science-park",
                   "yunnan-xinchuang-industrial-park-kunming"]


def test_filtered_gpkg_and_csv(client, tmp_path):
    resp = client.get("/downloads/counties.gpkg?prefecture=530100")
    path = tmp_path / "c.gpkg"
    path.write_bytes(resp.data)
    frame = pyogrio.read_dataframe(path, layer="counties")
    assert len(frame) == 14 and set(frame["prefecture"]) == {"530100"}
    assert frame.crs.to_epsg() == 4326
    rows = list(csv.DictReader(io.StringIO(
        client.get("/downloads/sites.csv?precision=unknown").data.decode("utf-8-sig"))))
    assert len(rows) == 5 and all(r["lon"] == "" for r in rows)


def test_bbox_filter(client):
    resp = client.get("/downloads/parks.geojson?bbox=99,25,101,26.5")
    assert [f["id"] for f in json.loads(resp.data)["features"]] == \
        ["yunnan-xinchuang-industrial-park-dali"]


@pytest.mark.parametrize("url", ["/downloads/parks.csv?bbox=1,2,3", "/downloads/parks.csv?lod=x",
                                 "/downloads/targets.csv?bbox=97,21,106,29",
                                 "/downloads/parks.csv?prefectur=530100",
                                 "/downloads/parks.xlsx?crs=gcj",
                                 "/downloads/parks.gpkg?crs=gcj02",
                                 "/downloads/parks.csv?crs=gcj02&coords=bd09"])
def test_bad_parameters_are_400(client, url):
    resp = client.get(url)
    assert resp.status_code == 400
    assert resp.get_json()["code"] == "invalid-parameter"
