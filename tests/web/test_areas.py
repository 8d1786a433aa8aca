"""Drawing an area (web/areas_edit.py): ``/edit/<collection>/<id>/area``. The refusals (signed
out, another plan's editor, no CSRF token, no source, a stale version, files that are not
what they say or lie outside the province), the saves (drawn, pasted, uploaded in another
coordinate system) with their revision and source, the layout map drawing the boundary with
its legend line, and removing it again."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from argon2 import PasswordHasher

from geo_layout.app import create_app
from geo_layout.data.accounts import Accounts

PLAN = "yunnan-14th-fyp-information-industry"
ZONE = "zone"
PARK = "guandu-digital-economy-industrial-park"
PAGE = f"/edit/layout-elements/{ZONE}/area"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "long enough pw"
HOSTILE = '<script>alert("x")</script>&'
BOX = {"type": "Polygon", "coordinates": [[[102.4, 24.9], [103.1, 24.9], [103.1, 25.4],
                                           [102.4, 25.4], [102.4, 24.9]]]}
OUTSIDE = {"type": "Polygon", "coordinates": [[[112.4, 24.9], [113.1, 24.9], [113.1, 25.4],
                                               [112.4, 24.9]]]}


@pytest.fixture()
def area_app(db_url):
    app = create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                      "WRITES_PER_MINUTE": 1000})
    accounts = Accounts(app.extensions["geo_layout.database"].engine, hasher=CHEAP)
    accounts.add_user("ed", PASSWORD, "editor", [PLAN])
    accounts.add_user("other", PASSWORD, "editor", ["another-plan"])
    return app


@pytest.fixture()
def web(area_app):
    return area_app.test_client()


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def _version(html: str) -> str:
    return re.search(r'name="version" value="(\d+)"', html).group(1)


def sign_in(web, name="ed"):
    token = _csrf(web.get("/login").get_data(as_text=True))
    response = web.post("/login", data={"name": name, "password": PASSWORD,
                                        "csrf_token": token})
    assert response.status_code == 303


def form(web, page=PAGE, **more):
    html = web.get(page + "?lang=en").get_data(as_text=True)
    data = {"csrf_token": _csrf(html), "version": _version(html), "action": "save",
            "source_kind": "notice", "source_reference": "new-area boundary notice 2026",
            "area": json.dumps(BOX)}
    data.update(more)
    return {k: v for k, v in data.items() if v is not None}


def post(web, data, page=PAGE):
    return web.post(page + "?lang=en", data=data, content_type="multipart/form-data")


def upload(name: str, data: bytes):
    return (io.BytesIO(data), name)


# --- refusals --------------------------------------------------------------------------------

def test_signed_out_is_sent_to_sign_in_and_a_post_is_refused(web):
    response = web.get(PAGE + "?lang=en")
    assert response.status_code == 303
    assert "/login" in response.headers["Location"] and "next=" in response.headers["Location"]
    assert post(web, {"area": json.dumps(BOX), "source_reference": "x"}).status_code == 401


def test_an_editor_of_another_plan_is_refused(web):
    sign_in(web, "other")
    assert web.get(PAGE).status_code == 403


def test_a_post_without_the_csrf_token_is_refused(web):
    sign_in(web)
    data = form(web, csrf_token=None)
    response = post(web, data)
    assert response.status_code == 400
    assert web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()[
        "properties"]["area"] is None


def test_a_save_without_a_source_is_refused(web):
    sign_in(web)
    response = post(web, form(web, source_reference=""))
    assert response.status_code == 400
    assert "Say where the boundary comes from" in response.get_data(as_text=True)


def test_a_stale_version_shows_the_conflict_and_keeps_the_drawing(web):
    sign_in(web)
    stale = form(web)
    assert post(web, form(web, source_reference="first save")).status_code == 303
    mine = dict(BOX, coordinates=[[[102.5, 24.9], [103.0, 24.9], [103.0, 25.3],
                                   [102.5, 24.9]]])
    stale["area"] = json.dumps(mine)
    response = post(web, stale)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Someone else saved this record while you were editing" in html
    assert "[[102.5,24.9],[103.0,24.9],[103.0,25.3],[102.5,24.9]]" in html.replace(" ", "")
    assert '"theirs": {"coordinates"' in html or '"theirs":{"coordinates"' in html
    assert response.headers["Cache-Control"] == "private, no-store"
    # the first save stands: one revision
    history = web.get(f"/api/history?collection=layout-elements&id={ZONE}").get_json()
    assert [r["source"]["reference"] for r in history["revisions"]] == ["first save"]
    # the conflict page carries the version saved meanwhile: redoing the change works
    assert _version(html) == "2"
    redo = dict(stale, version=_version(html), csrf_token=_csrf(html), area=json.dumps(mine))
    assert post(web, redo).status_code == 303
    feature = web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()
    assert feature["properties"]["area"]["coordinates"][0][1] == [103.0, 24.9]


@pytest.mark.parametrize("name, data, status, words", [
    ("zone.zip", b"just some text, not an archive", 400,
     "zone.zip: named as a ZIP archive but it is not one"),
    ("zone.geojson", json.dumps(OUTSIDE).encode(), 400,
     "100% of it lies outside the plan&#39;s province"),
    ("zone.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {
            "type": "Point", "coordinates": [102.7, 25.0]}}]}).encode(), 400,
     "the layer holds Point, not polygons"),
    ("zone.csv", b"lon,lat\n102.7,25.0\n", 400, "CSV holds no boundary"),
    ("zone.kml", json.dumps(BOX).encode(), 400,
     "named as KML but the content is GeoJSON"),
    ("zone.geojson", b"", 400, "area: Draw on the map" ),
])
def test_a_bad_file_is_refused_naming_why(web, name, data, status, words):
    sign_in(web)
    response = post(web, form(web, area="", file=upload(name, data)))
    assert response.status_code == status
    html = response.get_data(as_text=True)
    assert words.replace("area: ", "") in html
    assert web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()[
        "properties"]["area"] is None


def test_a_hostile_file_name_is_shown_as_text(web):
    sign_in(web)
    name = "<img src=x onerror=alert(1)>.zip"
    response = post(web, form(web, area="", file=upload(name, b"not a zip")))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;.zip: named as a ZIP archive but it is" in html
    assert "<img src=x" not in html


def test_the_write_api_refuses_a_boundary_that_crosses_itself(web, area_app):
    token = Accounts(area_app.extensions["geo_layout.database"].engine,
                     hasher=CHEAP).create_token("ed")[1]
    item = f"/ogc/collections/layout-elements/items/{ZONE}"
    read = web.get(item)
    feature = read.get_json()
    feature["properties"].update(area={"type": "Polygon", "coordinates": [[
        [102.4, 24.9], [103.1, 25.4], [103.1, 24.9], [102.4, 25.4], [102.4, 24.9]]]},
        area_source="survey: 2026")
    feature["source"] = "survey: 2026"
    response = web.put(item, json=feature, headers={"Authorization": f"Bearer {token}",
                                                    "If-Match": read.headers["ETag"]})
    assert response.status_code == 400
    [problem] = response.get_json()["problems"]
    assert problem["field"] == "area"
    assert problem["message"].startswith("is not a valid polygon (Self-intersection[102.75 25.15])")


def test_a_zip_bomb_is_refused_before_it_is_expanded(web):
    sign_in(web)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zone.shp", b"\0" * 5_000_000)
    response = post(web, form(web, area="", file=upload("zone.zip", buffer.getvalue())))
    assert response.status_code == 413
    assert "is it a zip bomb?" in response.get_data(as_text=True)


def test_unknown_collections_and_records_are_404(web):
    sign_in(web)
    assert web.get("/edit/enterprises/x/area").status_code == 404
    assert web.get("/edit/parks/no-such-park/area").status_code == 404


def test_a_read_only_service_has_no_area_page(client):
    assert client.get(PAGE).status_code == 405


# --- saves -----------------------------------------------------------------------------------

def test_a_drawn_boundary_is_saved_with_its_source_and_the_layout_map_draws_it(web):
    sign_in(web)
    page = web.get(PAGE + "?lang=en")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    html = page.get_data(as_text=True)
    assert 'id="area-map"' in html and "/js/area_draw.js" in html
    assert "Now: <strong>Drawn as whole counties or prefectures</strong>" in html
    assert (f'<a href="/edit/layout-elements/{ZONE}?lang=en" id="to-edit-form">Edit: '
            in html)  # back to the record's form, which links here
    response = post(web, form(web, source_reference=HOSTILE, comment="from the notice"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"/elements/{ZONE}?lang=en")
    feature = web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()
    assert feature["geometry"] == {"type": "Polygon", "coordinates": BOX["coordinates"]}
    assert feature["properties"]["area"] == BOX
    assert feature["properties"]["area_source"] == f"notice: {HOSTILE}"
    [rev] = web.get(f"/api/history?collection=layout-elements&id={ZONE}").get_json()[
        "revisions"]
    assert rev["author"] == "ed" and rev["comment"] == "from the notice"
    assert rev["source"] == {"kind": "notice", "reference": HOSTILE}
    assert rev["after"]["area"] == BOX
    # the layout map: the zone's own boundary, no dashed county parts, and the legend says so
    layout = web.get("/maps/layout?lang=en").get_data(as_text=True)
    assert "gl-drawn-area" in layout
    # the legend, in the map's script: each element named as its swatch row names it
    assert "Drawn boundary: Zone: Central Yunnan New Area\\u003c/div" in layout
    assert "Zone: Central Yunnan New Area (hatched)" in layout
    assert ("Drawn as whole counties or prefectures: Core: Kunming, Cluster: Silicon materials, "
            "Cluster: Smart terminals, Point: ") in layout
    assert 'class="drawn-as">Drawn boundary<' in layout
    element = web.get(f"/elements/{ZONE}?lang=en").get_data(as_text=True)
    assert ('<dd id="element-drawn-as">Drawn boundary (source: Official notice: '
            '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;)</dd>') in element
    # in Chinese: the kind by its label, Chinese brackets (not "(source: notice: …)")
    element = web.get(f"/elements/{ZONE}").get_data(as_text=True)
    assert ('<dd id="element-drawn-as">绘制的边界（来源：通知文件：'
            '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;）</dd>') in element
    # the page shows the source literally, never as markup
    again = web.get(PAGE + "?lang=en").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;" in again
    assert HOSTILE not in again


def test_a_drawing_that_crosses_itself_is_repaired_before_it_is_saved(web):
    sign_in(web)
    bowtie = {"type": "Polygon", "coordinates": [[[102.4, 24.9], [103.1, 25.4], [103.1, 24.9],
                                                  [102.4, 25.4], [102.4, 24.9]]]}
    assert post(web, form(web, area=json.dumps(bowtie))).status_code == 303
    area = web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()[
        "properties"]["area"]
    assert area["type"] == "MultiPolygon" and len(area["coordinates"]) == 2


def test_an_uploaded_shapefile_in_web_mercator_is_reprojected(web, tmp_path):
    import geopandas
    import shapely

    frame = geopandas.GeoDataFrame({"name": ["zone"]}, geometry=[shapely.box(
        102.4, 24.9, 103.1, 25.4)], crs="EPSG:4326").to_crs("EPSG:3857")
    frame.to_file(tmp_path / "zone.shp")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in tmp_path.glob("zone.*"):
            archive.write(path, f"boundary/{path.name}")
    sign_in(web)
    response = post(web, form(web, area="", file=upload("zone.zip", buffer.getvalue())))
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    area = web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()[
        "properties"]["area"]
    got = shapely.geometry.shape(area)
    assert got.symmetric_difference(shapely.box(102.4, 24.9, 103.1, 25.4)).area < 1e-9


def test_a_detailed_boundary_larger_than_a_usual_request_is_taken(web):
    import math

    ring = [[round(102.75 + 0.3 * math.cos(2 * math.pi * i / 6000), 7),
             round(25.15 + 0.2 * math.sin(2 * math.pi * i / 6000), 7)] for i in range(6000)]
    ring.append(ring[0])
    text = json.dumps({"type": "Polygon", "coordinates": [ring]})
    assert len(text) > 150_000  # past the app's 64 KiB cap for other requests
    sign_in(web)
    assert post(web, form(web, area=text)).status_code == 303
    area = web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()[
        "properties"]["area"]
    assert len(area["coordinates"][0]) == 6001


@pytest.mark.parametrize("name, driver", [("zone.kml", "KML"), ("zone.gpkg", "GPKG")])
def test_kml_and_geopackage_uploads_are_read(web, tmp_path, name, driver):
    import geopandas
    import shapely

    frame = geopandas.GeoDataFrame({"name": ["zone"]}, geometry=[shapely.box(
        102.4, 24.9, 103.1, 25.4)], crs="EPSG:4326")
    frame.to_file(tmp_path / name, driver=driver)
    sign_in(web)
    data = (tmp_path / name).read_bytes()
    response = post(web, form(web, area="", file=upload(name, data)))
    assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
    area = web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()[
        "properties"]["area"]
    assert shapely.geometry.shape(area).equals(shapely.box(102.4, 24.9, 103.1, 25.4))


def test_a_geopackage_of_two_polygon_layers_is_refused(web, tmp_path):
    import geopandas
    import shapely

    for layer in ("one", "two"):
        geopandas.GeoDataFrame({"n": [layer]}, geometry=[shapely.box(102.4, 24.9, 103.1, 25.4)],
                               crs="EPSG:4326").to_file(tmp_path / "two.gpkg", layer=layer)
    sign_in(web)
    response = post(web, form(web, area="", file=upload("two.gpkg",
                                                        (tmp_path / "two.gpkg").read_bytes())))
    assert response.status_code == 400
    assert ("two.gpkg: the GeoPackage file holds 2 layers; one polygon layer is expected"
            in response.get_data(as_text=True))


def test_a_park_gets_a_boundary_and_keeps_its_point(web):
    sign_in(web)
    page = f"/edit/parks/{PARK}/area"
    small = {"type": "Polygon", "coordinates": [[[102.70, 25.00], [102.72, 25.00],
                                                 [102.72, 25.02], [102.70, 25.02],
                                                 [102.70, 25.00]]]}
    assert post(web, form(web, page, area=json.dumps(small)), page).status_code == 303
    feature = web.get(f"/ogc/collections/parks/items/{PARK}").get_json()
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["area"] == small
    html = web.get(f"/parks/{PARK}?lang=en").get_data(as_text=True)
    assert "gl-drawn-area" in html and "Drawn boundary" in html  # its page's map outlines it


def test_a_feature_read_and_sent_back_keeps_its_boundary(web, area_app):
    sign_in(web)
    assert post(web, form(web)).status_code == 303
    token = Accounts(area_app.extensions["geo_layout.database"].engine,
                     hasher=CHEAP).create_token("ed")[1]
    item = f"/ogc/collections/layout-elements/items/{ZONE}"
    read = web.get(item)
    feature = read.get_json()
    feature["properties"]["note_en"] = "edited elsewhere"
    feature["source"] = "other: a GIS client"
    response = web.put(item, json=feature, headers={"Authorization": f"Bearer {token}",
                                                     "If-Match": read.headers["ETag"]})
    assert response.status_code == 200, response.get_json()
    assert web.get(item).get_json()["properties"]["area"] == BOX


def test_removing_the_boundary_brings_the_stand_in_back(web):
    sign_in(web)
    assert post(web, form(web)).status_code == 303
    response = post(web, form(web, action="remove", area="",
                              source_reference="the notice was withdrawn"))
    assert response.status_code == 303
    feature = web.get(f"/ogc/collections/layout-elements/items/{ZONE}").get_json()
    assert feature["properties"]["area"] is None
    assert feature["properties"]["approximate"] is True
    layout = web.get("/maps/layout?lang=en").get_data(as_text=True)
    assert "gl-drawn-area" not in layout and "Drawn boundary: " not in layout
    again = post(web, form(web, action="remove", area="", source_reference="again"))
    assert again.status_code == 400
    assert "This record has no boundary to remove" in again.get_data(as_text=True)
