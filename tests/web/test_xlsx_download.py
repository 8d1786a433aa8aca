"""/downloads/<collection>.xlsx: streamed, filtered like the API, headers in ``lang``,
coordinates in ``crs``, the same rows as the CSV and as GDAL reads them; hostile names written
through the write API come back as text in XLSX and escaped in CSV."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import numpy as np
import openpyxl
import pyogrio
import pytest
from argon2 import PasswordHasher

from geo_layout.app import create_app
from geo_layout.data import crs
from geo_layout.data.accounts import Accounts
from geo_layout.data.writers import columns

PLAN = "yunnan-14th-fyp-information-industry"
PARK = "guandu-digital-economy-industrial-park"


def _sheet(data: bytes, index: int = 0):
    return openpyxl.load_workbook(io.BytesIO(data)).worksheets[index]


def _rows(data: bytes) -> tuple[list, list[list]]:
    rows = [[c.value for c in row] for row in _sheet(data).iter_rows()]
    return rows[0], rows[1:]


def _csv(client, url: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(client.get(url).data.decode("utf-8-sig"))))


def test_the_download_is_streamed_and_revalidates(client):
    resp = client.get("/downloads/sites.xlsx")
    assert resp.status_code == 200 and resp.is_streamed
    assert resp.headers["Cache-Control"] == "no-cache"
    assert "Content-Length" not in resp.headers
    tag = resp.headers["ETag"]
    assert resp.data.startswith(b"PK\x03\x04")
    again = client.get("/downloads/sites.xlsx", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/downloads/sites.xlsx?lang=en", headers={"If-None-Match": tag})
    assert other.status_code == 200


@pytest.mark.parametrize("lang,dictionary", [("zh", "字段说明"), ("en", "fields")])
def test_headers_in_the_chosen_language(client, lang, dictionary):
    data = client.get(f"/downloads/parks.xlsx?lang={lang}").data
    header, _ = _rows(data)
    assert header[:len(columns("parks"))] == [c.header(lang) for c in columns("parks")]
    assert header[1] == {"zh": "名称（中文）", "en": "Name (Chinese)"}[lang]
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["parks", dictionary]
    keys = [row[1] for row in book[dictionary].iter_rows(min_row=2, values_only=True)]
    assert keys[:len(columns("parks"))] == [c.key for c in columns("parks")]


def test_names_and_labels_follow_the_language(client):
    def first(lang):
        header, rows = _rows(client.get(f"/downloads/parks.xlsx?lang={lang}&"
                                        "prefecture=530100").data)
        return dict(zip(header, rows[0]))
    zh, en = first("zh"), first("en")
    assert zh["州市（名称）"] == "昆明市" and en["Prefecture: names"] == "Kunming"


@pytest.mark.parametrize("system", ["gcj02", "bd09"])
def test_coordinates_in_the_chosen_system(client, system):
    plain = _rows(client.get("/downloads/parks.xlsx?lang=en").data)
    shifted = _rows(client.get(f"/downloads/parks.xlsx?lang=en&crs={system}").data)
    lon, lat = plain[0].index("Longitude"), plain[0].index("Latitude")
    located = [r for r in plain[1] if r[lon] is not None]
    assert located and all(isinstance(r[lon], float) and isinstance(r[lat], float)
                           for r in located)
    want_lon, want_lat = crs.convert_array([r[lon] for r in located],
                                           [r[lat] for r in located], "wgs84", system)
    got = [r for r in shifted[1] if r[lon] is not None]
    assert [r[0] for r in got] == [r[0] for r in located]
    assert np.allclose([r[lon] for r in got], want_lon, atol=2e-6)
    assert np.allclose([r[lat] for r in got], want_lat, atol=2e-6)
    assert abs(got[0][lon] - located[0][lon]) > 1e-4  # really shifted


def test_filtered_like_the_api(client):
    geo = json.loads(client.get("/downloads/parks.geojson?prefecture=530100").data)
    _, rows = _rows(client.get("/downloads/parks.xlsx?prefecture=530100").data)
    assert [r[0] for r in rows] == [f["id"] for f in geo["features"]] and len(rows) == 5
    _, rows = _rows(client.get("/downloads/parks.xlsx?bbox=99,25,101,26.5").data)
    assert [r[0] for r in rows] == ["yunnan-xinchuang-industrial-park-dali"]
    _, rows = _rows(client.get("/downloads/sites.xlsx?precision=unknown").data)
    assert len(rows) == 5


def test_the_same_table_as_the_csv(client):
    header, rows = _rows(client.get("/downloads/sites.xlsx?lang=en&crs=gcj02").data)
    table = _csv(client, "/downloads/sites.csv?lang=en&crs=gcj02")
    keys = [c.key for c in columns("sites")]
    assert len(rows) == len(table)
    for row, line in zip(rows, table):
        assert ["" if v is None else str(v) for v in row[:len(keys)]] == \
            [line[k] for k in keys]


def test_numbers_are_numbers(client):
    header, rows = _rows(client.get("/downloads/enterprises.xlsx?lang=en").data)
    paragraph = header.index("Paragraph")
    assert all(isinstance(r[paragraph], int) for r in rows if r[paragraph] is not None)
    assert any(r[paragraph] is not None for r in rows)


def test_gdal_reads_the_same_rows(client, tmp_path):
    data = client.get("/downloads/parks.xlsx?lang=en&crs=gcj02").data
    header, rows = _rows(data)
    path = tmp_path / "parks.xlsx"
    path.write_bytes(data)
    frame = pyogrio.read_dataframe(path, layer="parks")
    assert list(frame["ID"]) == [r[0] for r in rows]
    lon = header.index("Longitude")
    assert [None if np.isnan(v) else v for v in frame["Longitude"]] == [r[lon] for r in rows]
    assert list(frame["Name (Chinese)"]) == [r[1] for r in rows]


@pytest.fixture()
def edited(db_url):
    """A database whose park is renamed, through the OGC API, to formula text."""
    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                      "WRITES_PER_MINUTE": 1000})
    accounts = Accounts(app.extensions["geo_layout.database"].engine,
                        hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    accounts.add_user("ed", "long enough pw", "editor", [PLAN])
    token = accounts.create_token("ed")[1]
    web = app.test_client()
    got = web.get(f"/ogc/collections/parks/items/{PARK}")
    feature = got.get_json()
    feature["properties"].update(name_zh='=HYPERLINK("http://evil.example","点我")',
                                 name_en="@SUM(1+1)*cmd|' /C calc'!A0",
                                 note_en="-1+2\x07 bell")
    feature["source"] = "survey: hostile test"
    resp = web.put(f"/ogc/collections/parks/items/{PARK}", json=feature,
                   headers={"Authorization": f"Bearer {token}", "If-Match": got.headers["ETag"]})
    assert resp.status_code == 200, resp.get_json()
    return web


def test_formula_text_is_never_a_formula_in_xlsx(edited):
    data = edited.get("/downloads/parks.xlsx?lang=en").data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist())
    sheet = _sheet(data)
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == PARK)
    name_zh, name_en = row[header.index("Name (Chinese)")], row[header.index("Name (English)")]
    assert name_zh.value == '=HYPERLINK("http://evil.example","点我")'
    assert name_en.value == "@SUM(1+1)*cmd|' /C calc'!A0"
    assert name_zh.data_type == name_en.data_type == "s"
    assert name_zh.quotePrefix and name_en.quotePrefix
    assert row[header.index("Note (English)")].value == "-1+2_x0007_ bell"  # the XLSX escape


def test_formula_text_is_escaped_in_csv(edited):
    line = next(r for r in _csv(edited, "/downloads/parks.csv") if r["id"] == PARK)
    assert line["name_zh"] == "'" + '=HYPERLINK("http://evil.example","点我")'
    assert line["name_en"] == "'@SUM(1+1)*cmd|' /C calc'!A0"
    assert line["note_en"] == "'-1+2\x07 bell"
    assert line["citation_paragraph"].isdigit()  # numbers are left alone
