"""The editor in a real browser, on an app running on a database:

1. an editor signs in, finds "Edit" on the park's page (hidden from everyone else), types a
   point far outside the province (the box to confirm it appears), then moves the park by
   pasting GCJ-02 coordinates as copied from Amap (the form names the county before saving),
   saves, reads what changed on the park's page, sees the point there and in the
   history; the point is stored within 1 m of the WGS-84 point;
2. an editor adds a park on a phone-sized page (390 x 844), placing a first point with a tap
   on the map, then standing at the park with "use my location" (its GPS accuracy recorded);
   the form sent first with problems names each by its field, in Chinese;
3. two editors open the same park; the second to save gets both versions side by side and
   saves again on top of the first's change.

axe finds no serious or critical violation on the editor's pages; nothing scrolls sideways
on a phone."""

from __future__ import annotations

import json
import re
import urllib.request

import pytest
from pyproj import Geod

from geo_layout.data import crs
from page_checks import check_page  # noqa: E402
from editing_apps import PASSWORD, editing_app  # noqa: E402

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

PARK = "guandu-digital-economy-industrial-park"
EDITORS = ("王编辑", "李编辑")
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
WGS = (102.7436, 25.0150)  # in the park's county
_GEOD = Geod(ellps="WGS84")


@pytest.fixture()
def site(tmp_path, serve):
    """An app on a fresh database with two editors of the plan, and the server's URL."""
    app, _ = editing_app(tmp_path, EDITORS)
    with serve(app) as url:
        yield url


def snap(page, shots, name: str, full_page: bool = True) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(shots / name), full_page=full_page)


def signed_in(browser, url: str, name: str, size, next_path: str, **options):
    context = browser.new_context(viewport=size, locale="zh-CN", **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    page.goto(f"{url}/login?next={urllib.request.quote(next_path, safe='')}")
    page.fill("#login-name", name)
    page.fill("#login-password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return context, page


def stored_point(url: str) -> tuple[float, float]:
    with urllib.request.urlopen(f"{url}/api/parks/{PARK}") as response:
        return tuple(json.load(response)["geometry"]["coordinates"])


def test_an_editor_moves_a_park_by_pasting_gcj02_coordinates(browser, site, shots):
    url = site
    anonymous = browser.new_context(viewport=DESKTOP)
    try:
        page = anonymous.new_page()
        page.goto(f"{url}/parks/{PARK}?lang=en")
        expect(page.locator("a.gl-edit")).to_be_hidden()  # in the page, shown to no reader
    finally:
        anonymous.close()
    context, page = signed_in(browser, url, EDITORS[0], DESKTOP, f"/parks/{PARK}?lang=en")
    try:
        edit = page.locator("a.gl-edit")
        expect(edit).to_be_visible()
        expect(edit).to_have_text("Edit")
        with page.expect_navigation():
            edit.click()
        assert page.url.startswith(f"{url}/edit/parks/{PARK}")
        expect(page.locator("h1")).to_have_text("Edit: Guandu Digital Economy Industrial Park")
        expect(page.locator("#edit-map .leaflet-map-pane")).to_have_count(1)
        gcj = crs.convert(*WGS, "wgs84", "gcj02")
        # the keyboard path: every control by its label
        expect(page.get_by_label("Location precision")).to_have_value("county")
        expect(page.locator("#confirm-outside")).to_be_hidden()
        # typed (the keyboard path), far away: the box to confirm it appears
        page.get_by_label("Longitude", exact=True).fill("116.39")
        # a point typed by hand is the park's own: the county's precision would drop it
        expect(page.get_by_label("Location precision")).to_have_value("site")
        page.get_by_label("Latitude", exact=True).fill("39.91")
        expect(page.locator("#point-where")).to_contain_text("outside the plan's province")
        expect(page.get_by_label("Confirm: the point really lies outside")).to_be_visible()
        # pasted as copied from Amap ("lng,lat" in GCJ-02)
        page.get_by_label("Coordinate system").select_option("gcj02")
        page.get_by_label("Paste").fill(f"{gcj[0]:.6f},{gcj[1]:.6f}")
        expect(page.get_by_label("Longitude", exact=True)).to_have_value(f"{gcj[0]:.6f}")
        expect(page.get_by_label("Latitude", exact=True)).to_have_value(f"{gcj[1]:.6f}")
        where = page.locator("#point-where")
        expect(page.get_by_label("Confirm: the point really lies outside")).to_be_hidden()
        expect(where).to_contain_text("Guandu District")
        expect(where).to_contain_text("Kunming")
        expect(page.locator("#edit-map .edit-marker")).to_have_count(1)
        page.get_by_label("Location source").fill("survey 2026-11")
        page.get_by_label("Paste").fill("")
        page.get_by_label("Kind of source").select_option("survey")
        page.get_by_label("Source (required").fill("field visit 2026-11")
        page.get_by_label("Comment (optional)").fill("moved to the surveyed gate")
        check_page(page, DESKTOP, "edit form, en")
        page.evaluate("document.fonts.ready")
        page.locator("#group-point").screenshot(path=str(shots / "editor-point-en.png"))
        with page.expect_navigation():
            page.get_by_role("button", name="Save").click()
        assert re.match(rf"{re.escape(url)}/parks/{PARK}\?lang=en&saved=\w+$", page.url)
        note = page.locator("#saved-note")
        expect(note).to_contain_text("Saved. What changed:")
        expect(note.locator('[data-field="precision"]')).to_contain_text("County → Site")
        expect(note.locator('[data-field="lon"]')).to_contain_text("Longitude")
        check_page(page, DESKTOP, "park page after a save")
        snap(page, shots, "editor-saved-en.png", full_page=False)
        lon, lat = stored_point(url)
        assert _GEOD.inv(lon, lat, *WGS)[2] < 1.0
        # the point on the park's page: its WGS-84 coordinates and its map
        expect(page.locator("#coord-tianditu")).to_have_value(re.compile(r"^102\.743[56]\d*,25\.01[45]"))
        marker = page.locator(".detail-map .gl-marker.gl-exact")  # a site's point: solid
        expect(marker).to_be_visible()
        marker.click()
        expect(page.locator(".leaflet-popup a.gl-edit")).to_be_visible()  # the popup's Edit
        # and in the history, with its source
        page.goto(f"{url}/history/parks/{PARK}?lang=en")
        top = page.locator("#revisions > li").first
        expect(top.locator(".revision-author")).to_have_text(EDITORS[0])
        expect(top.locator(".source")).to_have_text("Survey: field visit 2026-11")
        expect(top.locator(".comment")).to_have_text("moved to the surveyed gate")
        assert page.errors == []
    finally:
        context.close()


def test_an_editor_adds_a_park_on_a_phone(browser, site, shots):
    url = site
    context, page = signed_in(browser, url, EDITORS[0], PHONE, "/parks",
                              geolocation={"longitude": WGS[0], "latitude": WGS[1],
                                           "accuracy": 30}, permissions=["geolocation"])
    try:
        new = page.locator("a.gl-edit", has_text="新增园区")
        expect(new).to_be_visible()
        with page.expect_navigation():
            new.click()
        expect(page.locator("h1")).to_have_text("新增园区")
        check_page(page, PHONE, "new park form, zh, phone")
        # a check box whose label wraps on a phone (in English) keeps its size (it shrank)
        page.goto(f"{url}/new/parks?lang=en")
        sizes = page.evaluate("[...document.querySelectorAll('.check input')]"
                              ".map(b => Math.round(b.getBoundingClientRect().width))")
        assert sizes and set(sizes) == {18}, sizes
        page.goto(f"{url}/new/parks?lang=zh")
        # a tap on the map places a first point (in WGS-84) and names its county
        box = page.locator("#edit-map").bounding_box()
        page.locator("#edit-map").click(position={"x": box["width"] / 2, "y": box["height"] / 2})
        expect(page.locator("#edit-map .edit-marker")).to_have_count(1)
        expect(page.get_by_label("坐标系")).to_have_value("wgs84")
        assert page.get_by_label("经度", exact=True).input_value() != ""
        expect(page.locator("#point-where")).not_to_be_empty()
        # the empty prefecture and county become the ones the point falls in
        expect(page.get_by_label("州市")).not_to_have_value("")
        expect(page.get_by_label("县区")).not_to_have_value("")
        # then the surveyed point, typed
        page.get_by_label("编号").fill("phone-test-park")
        page.get_by_label("名称（中文）").fill("手机测试园区")
        page.get_by_label("名称（英文）").fill("Phone Test Park")
        page.get_by_label("州市").select_option("530100")
        page.get_by_label("县区").select_option("530111")
        page.locator("#field-elements").get_by_label("一核：昆明").check()
        page.get_by_label("规划章节").select_option("layout")
        # standing at the park: "use my location" sets the point and its GPS accuracy
        page.get_by_role("button", name="使用我的位置").click()
        expect(page.get_by_label("经度", exact=True)).to_have_value(f"{WGS[0]:.7f}")
        expect(page.get_by_label("纬度", exact=True)).to_have_value(f"{WGS[1]:.7f}")
        expect(page.locator("#point-where")).to_contain_text("官渡区")
        expect(page.locator("#point-where")).to_contain_text("GPS 精度约 30 米")
        expect(page.get_by_label("定位精度")).to_have_value("site")
        expect(page.get_by_label("误差（公里）")).to_have_value("0.030")
        expect(page.get_by_label("位置依据")).to_have_value("手机定位（GPS），精度约 30 米")
        page.get_by_label("联系电话").fill("call us")
        # sent without a source and with a bad phone number: each problem by its field
        with page.expect_navigation():
            page.get_by_role("button", name="保存").click()
        expect(page.locator("#problems")).to_contain_text("有 3 个问题，未保存")
        expect(page.locator("#problem-source_reference")).to_contain_text("每次修改都需要来源")
        expect(page.locator("#problem-contact_phone")).to_contain_text("联系电话：'call us' 不是电话号码")
        expect(page.locator("#problem-facts_source")).to_contain_text("资料来源")
        expect(page.get_by_label("名称（英文）")).to_have_value("Phone Test Park")  # kept
        check_page(page, PHONE, "new park form with problems, zh, phone")
        page.evaluate("window.scrollTo(0, 0)")
        snap(page, shots, "editor-problems-zh-390.png", full_page=False)
        page.get_by_label("联系电话").fill("+86 871 6361 1234")
        page.get_by_label("资料来源").fill("园区管委会公告")
        page.get_by_label("来源（必填").fill("2026 年 11 月实地调查")
        with page.expect_navigation():
            page.get_by_role("button", name="保存").click()
        assert page.url.startswith(f"{url}/parks/phone-test-park?lang=zh&saved=")
        expect(page.locator("#saved-note")).to_contain_text("已新增")
        expect(page.locator("h1")).to_have_text("手机测试园区")
        with urllib.request.urlopen(f"{url}/api/parks/phone-test-park") as response:
            feature = json.load(response)
        assert feature["geometry"]["coordinates"] == [WGS[0], WGS[1]]
        assert feature["properties"]["uncertainty_km"] == 0.03
        assert feature["properties"]["precision"] == "site"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.errors == []
    finally:
        context.close()


def test_a_stale_form_shows_both_versions(browser, site, shots):
    url = site
    path = f"/edit/parks/{PARK}?lang=en"
    first_context, first = signed_in(browser, url, EDITORS[0], DESKTOP, path)
    second_context, second = signed_in(browser, url, EDITORS[1], DESKTOP, path)
    try:
        first.get_by_label("Note (English)").fill("Saved first")
        first.get_by_label("Source (required").fill("notice A")
        second.get_by_label("Note (English)").fill("Mine instead")
        second.get_by_label("Source (required").fill("notice B")
        with first.expect_navigation():
            first.get_by_role("button", name="Save").click()
        expect(first.locator("#saved-note")).to_be_visible()
        with second.expect_navigation():
            second.get_by_role("button", name="Save").click()
        conflict = second.locator("#conflict")
        expect(conflict).to_be_visible()
        expect(conflict).to_contain_text(EDITORS[0])
        row = conflict.locator('tr[data-field="note_en"]')
        expect(row.locator("td.mine")).to_have_text("Mine instead")
        expect(row.locator("td.theirs")).to_have_text("Saved first")
        expect(second.get_by_label("Note (English)")).to_have_value("Mine instead")
        check_page(second, DESKTOP, "conflict page")
        second.locator("#conflict").scroll_into_view_if_needed()
        snap(second, shots, "editor-conflict-en.png", full_page=False)
        with second.expect_navigation():
            second.get_by_role("button", name="Save").click()
        expect(second.locator("#saved-note")).to_contain_text("Saved first → Mine instead")
    finally:
        first_context.close()
        second_context.close()
