"""A park's facts for investors through the service: set with a PUT on /ogc, served by the API,
shown on the park page in both languages (escaped; the website a nofollow link, the phone a
tel: link), filtered in the directory (status, land available) and carried by the downloads
with their headers and labels, spreadsheet formulas kept as text."""

from __future__ import annotations

import csv
import io
import json
import shutil

import openpyxl
import pyogrio
import pytest
from argon2 import PasswordHasher

from geo_layout.app import create_app
from geo_layout.data.accounts import Accounts

PLAN = "yunnan-14th-fyp-information-industry"
PARK = "guandu-digital-economy-industrial-park"
OTHER = "chenggong-information-industry-park"
BARE = "kunming-high-tech-zone"  # no facts
ITEMS = "/ogc/collections/parks/items"
HOSTILE = '=HYPERLINK("http://evil.example","x")<script>alert(1)</script>'
FACTS = {
    "address_zh": "昆明市官渡区示例路 1 号", "address_en": HOSTILE,
    "area_ha": 120.5, "land_available_ha": 30,
    "contact_office_zh": "园区管委会", "contact_office_en": "Park committee <b>office</b>",
    "contact_phone": "+86 (871) 6361-1234", "contact_website": "https://park.example.cn/?a=1&b=2",
    "status": "operating", "status_since": "2021-06",
    "investment_planned": 35, "investment_realised": 12.5,
    "facts_source": "notice: committee letter <i>7</i>",
}


@pytest.fixture(scope="module")
def app(db_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("facts") / "geo-layout.gpkg"
    shutil.copyfile(db_template, path)
    app = create_app({"TESTING": True, "DATABASE_URL": str(path), "FOLLOW_INTERVAL": 0,
                      "WRITES_PER_MINUTE": 1000})
    accounts = Accounts(app.extensions["geo_layout.database"].engine,
                        hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    accounts.add_user("ed", "long enough pw", "editor", [PLAN])
    app.config["TEST_TOKEN"] = accounts.create_token("ed")[1]
    web = app.test_client()
    assert put(web, app, PARK, FACTS).status_code == 200
    assert put(web, app, OTHER, {"land_available_ha": 0, "area_ha": 80, "status": "planned",
                                 "facts_source": "survey: 2026"}).status_code == 200
    return app


@pytest.fixture()
def web(app):
    return app.test_client()


def put(web, app, fid, props):
    response = web.get(f"{ITEMS}/{fid}")
    feature = response.get_json()
    feature["properties"].update(props)
    feature["source"] = "notice: park committee"
    return web.put(f"{ITEMS}/{fid}", json=feature, headers={
        "Authorization": f"Bearer {app.config['TEST_TOKEN']}",
        "If-Match": response.headers["ETag"]})


def test_a_put_sets_the_facts_and_the_api_serves_them(web):
    props = web.get(f"{ITEMS}/{PARK}").get_json()["properties"]
    assert {k: props[k] for k in FACTS} == FACTS
    assert props["land_available"] == "yes"
    other = web.get(f"/api/parks/{OTHER}").get_json()["properties"]
    assert (other["land_available"], other["status"], other["address_zh"]) == ("no", "planned",
                                                                             None)
    bare = web.get(f"/api/parks/{BARE}").get_json()["properties"]
    assert all(bare[k] is None for k in FACTS) and bare["land_available"] is None


def test_the_stored_record_has_the_seed_shape(web):
    revisions = web.get(f"/api/history?collection=parks&id={PARK}").get_json()["revisions"]
    after = revisions[0]["after"]
    assert after["address"] == {"zh": FACTS["address_zh"], "en": HOSTILE}
    assert after["contact"] == {"office": {"zh": "园区管委会", "en": "Park committee <b>office</b>"},
                                "phone": "+86 (871) 6361-1234",
                                "website": "https://park.example.cn/?a=1&b=2"}
    assert "land_available" not in after  # derived: not stored


@pytest.mark.parametrize("props,field", [
    ({"contact_website": "javascript:alert(1)"}, "contact.website"),
    ({"area_ha": -3}, "area_ha"),
    ({"area_ha": 10, "land_available_ha": 11}, "land_available_ha"),
    ({"status": "finished"}, "status"),
    ({"investment_realised": -1}, "investment_realised"),
    ({"facts_source": None}, "facts_source"),
])
def test_a_bad_fact_is_a_400_naming_its_field(web, app, props, field):
    response = put(web, app, PARK, {**FACTS, **props})
    assert response.status_code == 400
    assert field in [p["field"] for p in response.get_json()["problems"]]


def test_the_park_page_shows_the_facts_in_english(web):
    html = web.get(f"/parks/{PARK}?lang=en").get_data(as_text=True)
    assert '<h2 id="investors-title">For investors</h2>' in html
    assert "120.5 ha" in html and ">30 ha<" in html
    assert "Operating since 2021-06" in html
    assert "planned 35 × 100 million CNY, realised 12.5 × 100 million CNY" in html
    assert 'href="tel:+8687163611234"' in html and ">+86 (871) 6361-1234<" in html
    assert ('<a href="https://park.example.cn/?a=1&amp;b=2" rel="noopener nofollow">'
            'https://park.example.cn/?a=1&amp;b=2</a>') in html
    assert "Facts from: notice: committee letter &lt;i&gt;7&lt;/i&gt;" in html
    # hostile text is escaped, never markup
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>office</b>" not in html and "Park committee &lt;b&gt;office&lt;/b&gt;" in html


def test_the_park_page_shows_the_facts_in_chinese(web):
    html = web.get(f"/parks/{PARK}").get_data(as_text=True)
    assert '<h2 id="investors-title">投资者须知</h2>' in html
    assert "昆明市官渡区示例路 1 号" in html and "120.5 公顷" in html
    assert "已运营（2021-06 起）" in html and "园区管委会" in html
    assert "计划 35 亿元，已完成 12.5 亿元" in html
    assert "资料来源：notice: committee letter &lt;i&gt;7&lt;/i&gt;" in html
    other = web.get(f"/parks/{OTHER}?lang=en").get_data(as_text=True)
    assert "No land left" in other and "80 ha" in other and ">Planned<" in other
    assert 'id="contact"' not in other and 'id="address"' not in other  # none: no heading


def test_a_park_without_facts_shows_no_block(web):
    for lang in ("zh", "en"):
        html = web.get(f"/parks/{BARE}?lang={lang}").get_data(as_text=True)
        assert 'id="investors"' not in html and "Facts from" not in html


def _found(web, query: str) -> set[str]:
    """The parks the directory lists (its table, not the map or the page's other links)."""
    response = web.get(f"/parks?{query}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    listed = html[html.index('id="result-count"'):html.index('class="directory-map"')]
    return {pid for pid in (PARK, OTHER, BARE) if f"/parks/{pid}" in listed}


def test_the_directory_filters_by_status_and_land(web):
    assert _found(web, "status=operating") == {PARK}
    assert _found(web, "status=planned&lang=en") == {OTHER}
    assert _found(web, "land_available=yes") == {PARK}
    assert _found(web, "land_available=no") == {OTHER}
    assert _found(web, "status=cancelled") == set()
    assert web.get("/parks?status=finished").status_code == 400
    assert web.get("/parks?land_available=maybe").status_code == 400
    ids = {f["id"] for f in web.get("/api/parks?land_available=yes").get_json()["features"]}
    assert ids == {PARK}
    ids = {f["id"] for f in web.get("/ogc/collections/parks/items?status=planned"
                                    ).get_json()["features"]}
    assert ids == {OTHER}


def test_the_directory_form_has_the_two_selects_in_both_languages(web):
    en = web.get("/parks?lang=en&status=operating").get_data(as_text=True)
    assert '<label for="f-status">Status</label>' in en
    assert '<label for="f-land_available">Land available</label>' in en
    assert '<option value="operating" selected>Operating</option>' in en
    assert '<option value="yes">Land available</option>' in en
    assert "Status: Operating" in en  # the "filtered by" line
    zh = web.get("/parks").get_data(as_text=True)
    assert '<label for="f-status">状态</label>' in zh
    assert '<option value="under-construction">建设中</option>' in zh
    assert '<option value="no">已无可供土地</option>' in zh


def test_the_downloads_carry_the_facts(web, tmp_path):
    text = web.get("/downloads/parks.csv?lang=en").get_data(as_text=True)
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    row = rows[PARK]
    assert row["address_en"] == "'" + HOSTILE  # a formula is written as text
    assert (row["area_ha"], row["status"], row["status_label"]) == ("120.5", "operating",
                                                                     "Operating")
    assert (row["land_available"], row["land_available_label"]) == ("yes", "Land available")
    assert row["contact_website"] == FACTS["contact_website"]
    assert rows[BARE]["status"] == "" and rows[BARE]["facts_source"] == ""
    for lang, headers in (("zh", ("地址（英文）", "面积（公顷）", "状态", "资料来源")),
                          ("en", ("Address (English)", "Area (ha)", "Status", "Facts from"))):
        data = web.get(f"/downloads/parks.xlsx?lang={lang}").data
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        header = [c.value for c in sheet[1]]
        assert set(headers) <= set(header), header
        ids = [c.value for c in sheet["A"]]
        cell = sheet.cell(row=ids.index(PARK) + 1, column=header.index(headers[0]) + 1)
        assert cell.value == HOSTILE and cell.data_type == "s" and cell.quotePrefix
    feature = next(f for f in json.loads(web.get("/downloads/parks.geojson").data)["features"]
                   if f["id"] == PARK)
    assert feature["properties"]["contact_phone"] == FACTS["contact_phone"]
    for fmt in ("gpkg", "kml"):
        path = tmp_path / f"parks.{fmt}"
        path.write_bytes(web.get(f"/downloads/parks.{fmt}").data)
        frame = pyogrio.read_dataframe(path)
        assert {"address_zh", "area_ha", "status", "facts_source"} <= set(frame.columns), fmt
        assert sorted(frame["status"].dropna()) == ["operating", "planned"], fmt
