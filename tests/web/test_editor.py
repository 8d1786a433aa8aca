"""The editor in the browser (web/editor.py): who may open and send its forms, CSRF, the
required source, validation problems next to their fields in both languages, hostile text,
a stale form, a point pasted in GCJ-02, a point outside the province, /edit/locate, and the
edit links of the cached pages (hidden, revealed by the account corner)."""

from __future__ import annotations

import re

import pytest
from argon2 import PasswordHasher
from pyproj import Geod

from geo_layout.app import create_app
from geo_layout.data import crs
from geo_layout.data.accounts import Accounts

PLAN = "yunnan-14th-fyp-information-industry"
PARK = "guandu-digital-economy-industrial-park"
EDIT = f"/edit/parks/{PARK}"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
PASSWORD = "long enough pw"
HOSTILE = '<script>alert("x")</script>&'
#: a WGS-84 point in the park's county (Guandu District), and where Amap shows it (GCJ-02)
WGS = (102.7436, 25.0150)
_GEOD = Geod(ellps="WGS84")


@pytest.fixture()
def editor_app(db_url):
    return create_app({"TESTING": True, "DATABASE_URL": db_url, "FOLLOW_INTERVAL": 0,
                       "WRITES_PER_MINUTE": 1000})


@pytest.fixture()
def people(editor_app):
    accounts = Accounts(editor_app.extensions["geo_layout.database"].engine, hasher=CHEAP)
    accounts.add_user("ed", PASSWORD, "editor", [PLAN])
    accounts.add_user("other", PASSWORD, "editor", ["another-plan"])
    return accounts


def sign_in(app, name="ed"):
    client = app.test_client()
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = client.post("/login", data={"csrf_token": token, "name": name,
                                           "password": PASSWORD, "next": "/"})
    assert response.status_code == 303
    return client


def form_of(page) -> dict:
    """The form's fields as a browser would send them (inputs, textareas, the selected
    option, checked boxes)."""
    html = page.text
    form = html[html.index('<form class="edit-form"'):]
    form = form[:form.index("</form>")]
    out: dict = {}
    for tag in re.finditer(r"<input\b[^>]*>", form):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(0)))
        if "name" not in attrs:
            continue
        if attrs.get("type") == "checkbox":
            if " checked" in tag.group(0):
                out.setdefault(attrs["name"], []).append(attrs["value"])
            continue
        out[attrs["name"]] = _unescape(attrs.get("value", ""))
    for tag in re.finditer(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        out[tag.group(1)] = _unescape(tag.group(2))
    for tag in re.finditer(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', tag.group(2))
        out[tag.group(1)] = _unescape(chosen.group(1)) if chosen else ""
    return out


def _unescape(text: str) -> str:
    return (text.replace("&#34;", '"').replace("&#39;", "'").replace("&lt;", "<")
            .replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&"))


def opened(client, path=EDIT, lang="zh") -> dict:
    page = client.get(f"{path}?lang={lang}")
    assert page.status_code == 200, page.text[:500]
    assert page.headers["Cache-Control"] == "no-store"
    return form_of(page)


def moved(form: dict, lon: float, lat: float, system="wgs84", **more) -> dict:
    form = dict(form)
    form.update({"lon": str(lon), "lat": str(lat), "crs": system, "precision": "site",
                 "location_source": "survey 2026-11", "source_kind": "survey",
                 "source_reference": "field visit 2026-11", **more})
    return form


# --- who may ------------------------------------------------------------------------------------

def test_signed_out_is_sent_to_sign_in_and_a_post_is_401(editor_app, people):
    client = editor_app.test_client()
    page = client.get(EDIT)
    assert page.status_code == 303
    assert page.headers["Location"].startswith("/login?")
    assert "next=/edit/parks/" in page.headers["Location"]
    assert client.get("/new/parks").status_code == 303
    assert client.post(EDIT, data={"name_zh": "x"}).status_code == 401


def test_an_editor_of_another_plan_is_refused(editor_app, people):
    client = sign_in(editor_app, "other")
    assert client.get(EDIT).status_code == 403
    assert client.get("/new/sites").status_code == 403


def test_csrf_is_required(editor_app, people):
    client = sign_in(editor_app)
    form = moved(opened(client), *WGS)
    form["csrf_token"] = "forged"
    response = client.post(EDIT, data=form)
    assert response.status_code == 400
    assert client.get(f"/api/parks/{PARK}").get_json()["properties"]["precision"] == "county"


def test_unknown_collection_and_record(editor_app, people):
    client = sign_in(editor_app)
    assert client.get("/edit/prefectures/530100").status_code == 404
    assert client.get("/edit/parks/no-such-park").status_code == 404
    assert client.get("/new/counties").status_code == 404


def test_read_only_service_has_no_editor(client):
    assert client.get(EDIT).status_code == 405


# --- saving -------------------------------------------------------------------------------------

def test_a_source_is_required(editor_app, people):
    client = sign_in(editor_app)
    form = moved(opened(client), *WGS, source_reference="  ")
    response = client.post(f"{EDIT}?lang=en", data=form)
    assert response.status_code == 400
    assert 'id="problem-source_reference"' in response.text
    assert "every change needs its source" in response.text
    zh = client.post(EDIT, data=form)
    assert "每次修改都需要来源" in zh.text
    assert client.get(f"/api/parks/{PARK}").get_json()["properties"]["precision"] == "county"


def test_gcj02_pasted_is_stored_within_a_metre_of_the_wgs84_point(editor_app, people):
    client = sign_in(editor_app)
    gcj = crs.convert(*WGS, "wgs84", "gcj02")
    form = moved(opened(client), round(gcj[0], 7), round(gcj[1], 7), "gcj02",
                 comment="moved to the surveyed gate")
    response = client.post(EDIT, data=form)
    assert response.status_code == 303, response.text[:2000]
    target = response.headers["Location"]
    assert target.startswith(f"/parks/{PARK}?lang=zh&saved=")
    lon, lat = client.get(f"/api/parks/{PARK}").get_json()["geometry"]["coordinates"]
    assert _GEOD.inv(lon, lat, *WGS)[2] < 1.0
    # the record page shows what changed, once, to this editor
    page = client.get(target)
    assert 'id="saved-note"' in page.text
    assert page.headers["Cache-Control"] == "no-store"
    note = page.text[page.text.index('id="saved-note"'):]
    note = note[:note.index("</section>")]
    assert '<li data-field="precision"><b>定位精度</b>：<span class="before">县市区</span> → ' \
           '<span class="after">具体地点</span></li>' in note
    assert 'data-field="lon"' in note and "经度" in note
    assert 'id="saved-note"' not in client.get(target).text
    # and the history has the revision with its source and comment
    revision = client.get(f"/api/history?collection=parks&id={PARK}").get_json()["revisions"][0]
    assert revision["author"] == "ed"
    assert revision["source"] == {"kind": "survey", "reference": "field visit 2026-11"}
    assert revision["comment"] == "moved to the surveyed gate"
    assert revision["after"]["precision"] == "site"


def test_investor_facts_are_edited(editor_app, people):
    client = sign_in(editor_app)
    form = opened(client)
    form.update(address_zh="昆明市官渡区某路 1 号", address_en="1 Some Road, Guandu",
                area_ha="120.5", land_available_ha="30", status="operating",
                status_since="2021-06", contact_phone="+86 871 6361 1234",
                contact_website="https://example.org", facts_source="park notice 2026",
                source_kind="notice", source_reference="park notice 2026")
    response = client.post(EDIT, data=form)
    assert response.status_code == 303, response.text[:3000]
    props = client.get(f"/api/parks/{PARK}").get_json()["properties"]
    assert (props["area_ha"], props["land_available_ha"], props["status"]) == (120.5, 30,
                                                                              "operating")
    assert props["address_en"] == "1 Some Road, Guandu"
    assert props["contact_website"] == "https://example.org"


@pytest.mark.parametrize("lang, label, general", [
    ("zh", "面积（公顷）", "应为数字"),
    ("en", "Area (ha)", "must be a number, got &#39;lots&#39;"),
])
def test_problems_are_shown_next_to_their_fields(editor_app, people, lang, label, general):
    client = sign_in(editor_app)
    form = opened(client, lang=lang)
    form.update(area_ha="lots", facts_source="park notice", contact_phone="call us",
                source_reference="park notice")
    response = client.post(f"{EDIT}?lang={lang}", data=form)
    assert response.status_code == 400
    block = re.search(r'<ul class="field-problems" id="problem-area_ha">(.*?)</ul>', response.text,
                      re.S)
    assert block is not None
    assert label in block.group(1) and general in block.group(1)
    if lang == "zh":  # the validator's message said in Chinese, value and all (words/problems)
        assert "应为数字，收到的是 &#39;lots&#39;" in block.group(1)
        assert 'lang="en"' not in block.group(1)
    assert 'id="problem-contact_phone"' in response.text
    assert re.search(r'id="field-area_ha" name="area_ha" value="lots"', response.text)
    assert 'aria-invalid="true"' in response.text
    assert client.get(f"/api/parks/{PARK}").get_json()["properties"]["area_ha"] is None


def test_hostile_text_is_shown_literally(editor_app, people):
    client = sign_in(editor_app)
    form = opened(client)
    form.update(name_en=HOSTILE, contact_website='javascript:alert(1)"><b>',
                facts_source=HOSTILE, source_kind="other", source_reference=HOSTILE)
    response = client.post(EDIT, data=form)
    assert response.status_code == 400  # the website is refused
    assert HOSTILE not in response.text and '"><b>' not in response.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;" in response.text
    form.update(contact_website="https://example.org")
    response = client.post(EDIT, data=form)
    assert response.status_code == 303
    page = client.get(response.headers["Location"] + "&lang=en")
    assert "<script>alert" not in page.text
    assert client.get(f"/api/parks/{PARK}").get_json()["properties"]["name_en"] == HOSTILE


def test_a_stale_form_shows_both_versions_and_can_be_saved_again(editor_app, people):
    client = sign_in(editor_app)
    mine = opened(client, lang="en")
    other = opened(client, lang="en")
    first = client.post(EDIT, data=moved(other, *WGS, note_en="Saved first"))
    assert first.status_code == 303
    response = client.post(f"{EDIT}?lang=en", data=dict(mine, note_en="Mine instead",
                                                         source_reference="my notes"))
    assert response.status_code == 409
    assert 'id="conflict"' in response.text
    row = re.search(r'<tr class="kept-mine" data-field="note_en">(.*?)</tr>', response.text, re.S)
    assert row is not None
    assert '<td class="mine">Mine instead</td>' in row.group(1)
    assert '<td class="theirs">Saved first</td>' in row.group(1)
    # the other editor's move, which this form did not touch, is taken, not undone
    assert '<tr class="kept-theirs" data-field="point">' in response.text
    again = form_of(response)
    assert again["version"] == "2" and again["note_en"] == "Mine instead"
    assert (again["lon"], again["lat"], again["precision"]) == ("102.7436", "25.015", "site")
    assert again["source_reference"] == "my notes"
    assert client.post(EDIT, data=again).status_code == 303
    feature = client.get(f"/api/parks/{PARK}").get_json()
    assert feature["properties"]["note_en"] == "Mine instead"
    assert feature["geometry"]["coordinates"] == list(WGS)


def test_a_point_outside_the_province_needs_confirming(editor_app, people):
    client = sign_in(editor_app)
    form = moved(opened(client, lang="en"), 116.39, 39.91)  # far outside the province
    response = client.post(f"{EDIT}?lang=en", data=form)
    assert response.status_code == 400
    block = re.search(r'<ul class="field-problems" id="problem-point">(.*?)</ul>', response.text,
                      re.S)
    assert "outside Yunnan Province" in block.group(1)
    confirmed = client.post(f"{EDIT}?lang=en", data=dict(form, confirm_outside="yes"))
    # confirmed, it reaches the validator, which still wants it inside the park's county
    assert confirmed.status_code == 400
    assert "outside Yunnan Province" not in confirmed.text
    assert "is outside its declared county" in confirmed.text


def test_a_new_park(editor_app, people):
    client = sign_in(editor_app)
    form = opened(client, "/new/parks", lang="en")
    assert "id" in form and form["precision"] == "site" and form["kind"] == "park"
    form.update(id="editor-test-park", name_zh="编辑测试园区", name_en="Editor Test Park",
                prefecture="530100", county="530111", elements=["core"],
                citation_section="layout", lon=str(WGS[0]), lat=str(WGS[1]),
                location_source="survey", source_reference="survey 2026-11")
    response = client.post("/new/parks?lang=en", data=form)
    assert response.status_code == 303, response.text[:3000]
    assert response.headers["Location"].startswith("/parks/editor-test-park?lang=en&saved=")
    feature = client.get("/api/parks/editor-test-park").get_json()
    assert feature["properties"]["name_en"] == "Editor Test Park"
    assert feature["geometry"]["coordinates"] == [WGS[0], WGS[1]]
    # the note says what the new park holds, references by their names, with no "before"
    note = client.get(response.headers["Location"]).text
    note = note[note.index('id="saved-note"'):]
    note = note[:note.index("</section>")]
    assert '<li data-field="prefecture"><b>Prefecture</b>: <span class="after">Kunming</span>' \
        in note
    assert '<span class="after">Guandu District</span>' in note
    assert '<span class="after">layout · ' in note
    assert 'class="before"' not in note and "530100" not in note
    again = client.post("/new/parks?lang=en", data=form)
    assert again.status_code in (400, 409)
    assert 'id="problem-id"' in again.text


def test_a_target_is_edited_with_the_same_form(editor_app, people):
    client = sign_in(editor_app)
    path = "/edit/targets/blockchain-service-providers-2025"
    form = opened(client, path, lang="en")
    assert form["value"] == "50"
    response = client.post(path, data=dict(form, value="60", source_reference="notice"))
    assert response.status_code == 303
    assert response.headers["Location"].endswith("#target-blockchain-service-providers-2025")
    props = client.get("/api/targets/blockchain-service-providers-2025").get_json()
    assert props["value"] == 60


# --- the point's place, and the edit links -----------------------------------------------------

def test_locate_converts_and_names_the_county(editor_app):
    client = editor_app.test_client()
    gcj = crs.convert(*WGS, "wgs84", "gcj02")
    answer = client.get(f"/edit/locate?lon={gcj[0]}&lat={gcj[1]}&crs=gcj02").get_json()
    assert _GEOD.inv(answer["lon"], answer["lat"], *WGS)[2] < 1.0
    assert answer["county"]["id"] == "530111" and answer["prefecture"]["id"] == "530100"
    assert answer["in_province"] is True
    far = client.get("/edit/locate?lon=116.39&lat=39.91").get_json()
    assert far["in_province"] is False and far["county"] is None
    assert client.get("/edit/locate?lon=abc&lat=1").status_code == 400
    assert client.get("/edit/locate?lon=1&lat=1&crs=utm").status_code == 400


def test_edit_links_are_hidden_in_the_shared_page_and_revealed_for_editors(editor_app, people):
    anonymous = editor_app.test_client().get(f"/parks/{PARK}")
    link = f'<a class="gl-edit" hidden href="/edit/parks/{PARK}?lang=zh">'
    assert link in anonymous.text
    assert "data-may-edit" not in anonymous.text
    editor = sign_in(editor_app).get(f"/parks/{PARK}")
    assert link in editor.text  # the same cached body …
    assert f'data-may-edit="{PLAN}"' in editor.text  # … and the corner that reveals it
    outsider = sign_in(editor_app, "other").get(f"/parks/{PARK}")
    assert "data-may-edit" not in outsider.text
    # the record's form leads to its boundary, photo and history pages, named as it names them
    form = sign_in(editor_app).get(f"/edit/parks/{PARK}?lang=en").text
    more = form[form.index('id="edit-more"'):]
    more = more[:more.index("</nav>")]
    assert f'<a href="/edit/parks/{PARK}/area?lang=en">Drawn boundary (draw on a map or upload)</a>' \
        in more and ">Drawn boundary" in form[:form.index('id="edit-more"')]  # the field's label
    assert f'<a href="/edit/parks/{PARK}/photo?lang=en">Photo</a>' in more
    # and from the boundary's own field, where one looks for it
    assert (f'<a href="/edit/parks/{PARK}/area?lang=en" id="area-page-link">Draw it on a map or '
            'upload a file →</a></small>') in form
    assert ">This record&#39;s history</a>" in more
    directory = editor_app.test_client().get("/parks?lang=en")
    assert 'href="/new/parks?lang=en">New park</a>' in directory.text
    # many at once: the spreadsheet import is beside them, shown to editors alone
    assert ('<a class="gl-edit" hidden href="/import?lang=en">Import from a spreadsheet or file</a>'
            in directory.text)


@pytest.mark.parametrize("collection, fid", [
    ("parks", PARK), ("sites", None), ("layout-elements", "core"),
    ("layout-elements", None), ("enterprises", "antvr-technology"),
    ("targets", "blockchain-service-providers-2025"),
])
def test_every_form_saves_back_what_it_shows(editor_app, people, collection, fid):
    """A form sent back unchanged is valid and changes nothing but what the form cannot
    show differently (a no-op save is a revision with no field changed)."""
    client = sign_in(editor_app)
    if fid is None:  # the first record of the collection
        fid = client.get(f"/api/{collection}?limit=1").get_json()["features"][0]["id"]
    before = client.get(f"/api/{collection}/{fid}").get_json()
    form = opened(client, f"/edit/{collection}/{fid}", lang="en")
    response = client.post(f"/edit/{collection}/{fid}?lang=en",
                           data=dict(form, source_reference="a check"))
    assert response.status_code == 303, re.findall(r'<li>.*?</li>', response.text)[:5]
    assert client.get(f"/api/{collection}/{fid}").get_json() == before
    note = client.get(response.headers["Location"])
    assert 'id="saved-note"' in note.text and "No field changed." in note.text


def test_a_save_and_a_stale_form_on_every_database(any_db_url):
    """The editor on the GeoPackage and on PostgreSQL: a GCJ-02 point stored in WGS-84, a
    stale form refused with both versions."""
    app = create_app({"TESTING": True, "DATABASE_URL": any_db_url, "FOLLOW_INTERVAL": 0,
                      "WRITES_PER_MINUTE": 1000})
    Accounts(app.extensions["geo_layout.database"].engine, hasher=CHEAP).add_user(
        "ed", PASSWORD, "editor", [PLAN])
    client = sign_in(app)
    stale = opened(client)
    gcj = crs.convert(*WGS, "wgs84", "gcj02")
    assert client.post(EDIT, data=moved(stale, *gcj, "gcj02")).status_code == 303
    lon, lat = client.get(f"/api/parks/{PARK}").get_json()["geometry"]["coordinates"]
    assert _GEOD.inv(lon, lat, *WGS)[2] < 1.0
    response = client.post(EDIT, data=dict(stale, note_en="late", source_reference="x"))
    assert response.status_code == 409 and 'id="conflict"' in response.text
