"""CSV and XLSX downloads: names beside ids, labels beside codes, headers in the chosen
language, crs honoured, formula injection neutralised."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from geo_layout.data import crs


def _csv(client, url):
    resp = client.get(url)
    assert resp.status_code == 200, resp.data[:200]
    return list(csv.DictReader(io.StringIO(resp.data.decode("utf-8-sig"))))


def _xlsx(client, url):
    resp = client.get(url)
    assert resp.status_code == 200, resp.data[:200]
    return openpyxl.load_workbook(io.BytesIO(resp.data))


def test_csv_carries_names_beside_ids_and_labels_beside_codes(client):
    rows = {r["id"]: r for r in _csv(client, "/downloads/parks.csv")}
    dali = rows["yunnan-xinchuang-industrial-park-dali"]
    assert dali["prefecture"] == "532900" and dali["prefecture_name"] == "大理白族自治州"
    assert dali["precision"] == "prefecture" and dali["precision_label"] == "州市"
    en = {r["id"]: r for r in _csv(client, "/downloads/parks.csv?lang=en")}
    chenggong = en["chenggong-information-industry-park"]
    assert chenggong["elements"] == "core" and chenggong["elements_name"] == "Core: Kunming"
    assert chenggong["industries"] == "software-it-services"
    assert chenggong["industries_name"] == "Software and information technology services"
    assert chenggong["kind_label"] == "Industrial park"
    targets = {r["id"]: r for r in _csv(client, "/downloads/targets.csv")}
    assert all(r["measure_label"] for r in targets.values())


def test_xlsx_rows_headers_and_names(client, store):
    book = _xlsx(client, "/downloads/parks.xlsx?prefecture=530100&lang=en")
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("ID", "Name (Chinese)", "Name (English)", "Kind")
    assert "Prefecture: names" in header and "Longitude" in header
    expected = store.query("parks", {"prefecture": "530100"}).features
    assert sorted(r[0] for r in rows[1:]) == sorted(f.id for f in expected)
    names = {r[header.index("Prefecture: names")] for r in rows[1:]}
    assert names == {"Kunming"}
    assert sheet.freeze_panes == "A2"
    fields = book.worksheets[1]
    assert fields.title == "fields"
    described = [r[1] for r in fields.iter_rows(min_row=2, values_only=True)]
    assert described == [c for c in _csv_header(client, "/downloads/parks.csv")]
    zh = _xlsx(client, "/downloads/parks.xlsx").worksheets[0]
    assert [c.value for c in zh[1]][:4] == ["编号", "名称（中文）", "名称（英文）", "类型"]
    assert zh.title == "parks"


def _csv_header(client, url):
    return next(csv.reader(io.StringIO(client.get(url).data.decode("utf-8-sig"))))


@pytest.mark.parametrize("collection", ["industries", "sections", "enterprises"])
def test_lookup_and_table_xlsx(client, store, collection):
    sheet = _xlsx(client, f"/downloads/{collection}.xlsx").worksheets[0]
    assert sheet.max_row == store.query(collection).total + 1


@pytest.mark.parametrize("system", ["gcj02", "bd09"])
def test_crs_is_honoured_in_csv_xlsx_and_geojson(client, system):
    pid = "yunnan-xinchuang-industrial-park-dali"
    wgs = {r["id"]: r for r in _csv(client, "/downloads/parks.csv")}[pid]
    lon, lat = crs.convert(float(wgs["lon"]), float(wgs["lat"]), "wgs84", system)
    shifted = {r["id"]: r for r in _csv(client, f"/downloads/parks.csv?crs={system}")}[pid]
    assert (float(shifted["lon"]), float(shifted["lat"])) == pytest.approx((lon, lat), abs=2e-6)
    assert abs(float(shifted["lon"]) - float(wgs["lon"])) > 5e-4  # really moved (~100 m)
    sheet = _xlsx(client, f"/downloads/parks.xlsx?crs={system}&lang=en").worksheets[0]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == pid)
    assert (row[header.index("Longitude")], row[header.index("Latitude")]) == \
        pytest.approx((lon, lat), abs=2e-6)
    doc = json.loads(client.get(f"/downloads/parks.geojson?crs={system}").data)
    assert doc["coordinate_system"]["id"] == system
    point = next(f for f in doc["features"] if f["id"] == pid)["geometry"]["coordinates"]
    assert point == pytest.approx([lon, lat], abs=2e-6)
    alias = json.loads(client.get(f"/downloads/parks.geojson?coords={system}").data)
    assert alias["coordinate_system"]["id"] == system
    polygons = json.loads(client.get(f"/downloads/prefectures.geojson?crs={system}&lod=coarse"
                                     ).data)
    plain = json.loads(client.get("/downloads/prefectures.geojson?lod=coarse").data)
    assert polygons["features"][0]["geometry"]["coordinates"] != \
        plain["features"][0]["geometry"]["coordinates"]
    assert plain["coordinate_system"]["id"] == "wgs84"


@pytest.mark.parametrize("url,words", [
    ("/downloads/parks.csv?prefectur=530100", "unknown query parameter"),
    ("/downloads/parks.xlsx?lang=fr", "'lang'"),
    ("/downloads/parks.kml?crs=gcj02", "always WGS-84"),
    ("/downloads/industries.csv?bbox=97,21,106,29", "unknown query parameter"),
])
def test_unknown_or_impossible_parameters_are_400(client, url, words):
    resp = client.get(url)
    assert resp.status_code == 400
    body = resp.get_json()
    assert body["code"] == "invalid-parameter" and words in body["description"]
