"""The import in a real browser, as an editor meets it: sign in, upload an XLSX (made here
with openpyxl) with two bad rows, keep the columns the headers chose, read the dry run naming
exactly those rows and their columns, write only the valid rows as one batch, find it in the
history, and revert it. In English at desktop size (1280 x 800) and in Chinese on a phone
(390 x 844): axe finds no serious or critical violation, nothing scrolls sideways.

The README's screenshots (import-check-en.png, import-check-zh-390.png) go to
docs/screenshots/ with GEO_LAYOUT_SCREENSHOTS=1; the others to the test's tmp_path."""

from __future__ import annotations

import io

import openpyxl
import pytest

from page_checks import check_page  # noqa: E402
from editing_apps import PASSWORD, editing_app  # noqa: E402

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

EDITOR = "李编辑"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
HEADER = ["编号", "名称（中文）", "名称（英文）", "kind", "elements", "prefecture", "county",
          "precision", "location_source", "industries", "citation_section",
          "citation_paragraph", "经度", "纬度"]
WORDS = {"en": {"apply": "Write as one batch", "only_valid": "Write only the 2 valid rows",
                "written": "wrote 2 records", "revert": "Revert this batch",
                "reverted": "Reverted", "check": "Dry run", "upload": "Upload"},
         "zh": {"apply": "作为一批写入", "only_valid": "只写入 2 个有效的行",
                "written": "写入了 2 条", "revert": "撤销此批次", "reverted": "撤销",
                "check": "试运行", "upload": "上传"}}


def row(rid, zh, en, lon=102.75, lat=25.02, industries="digital-economy"):
    return [rid, zh, en, "park", "core", "530100", "530111", "site", "survey 2026", industries,
            "layout", 2, lon, lat]


def workbook(prefix: str) -> bytes:
    """Rows 2 and 3 good, row 4 an unknown industry, row 5 empty, row 6 without a Chinese
    name."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in (row(f"{prefix}-a", "浏览器导入甲园", "Browser Park A"),
              row(f"{prefix}-b", "浏览器导入乙园", "Browser Park B", 102.757, 25.027),
              row(f"{prefix}-c", "浏览器导入丙园", "Browser Park C", industries="no-such"),
              [None] * len(HEADER),
              row(f"{prefix}-d", None, "Browser Park D", 102.76, 25.03)):
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def import_site(tmp_path_factory, serve):
    folder = tmp_path_factory.mktemp("imports")
    app, _ = editing_app(folder, [EDITOR], IMPORT_FOLDER=str(folder / "uploads"))
    with serve(app) as url:
        yield url, app


def snap(page, folder, name: str) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(folder / name), full_page=True)


def sign_in(page, url: str, lang: str) -> None:
    q = "%3Flang%3Den" if lang == "en" else ""
    page.goto(f"{url}/login?lang={lang}&next=/import{q}")
    page.fill("#login-name", EDITOR)
    page.fill("#login-password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/import" in page.url


def upload_and_check(page, size, lang: str, prefix: str, shots, tmp_path):
    w = WORDS[lang]
    check_page(page, size, f"/import {lang}")
    snap(page, tmp_path, f"import-{lang}-{size['width']}.png")
    page.select_option("#import-collection", "parks")
    page.set_input_files("#import-file", files=[{
        "name": f"{prefix}.xlsx", "buffer": workbook(prefix),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    with page.expect_navigation():
        page.get_by_role("button", name=w["upload"]).click()
    # the columns, chosen from the Chinese headers
    expect(page.locator("#col-1")).to_have_value("name_zh")
    expect(page.locator("#col-12")).to_have_value("lon")
    expect(page.locator("#col-13")).to_have_value("lat")
    check_page(page, size, f"/import/<upload> {lang}")
    snap(page, tmp_path, f"import-columns-{lang}-{size['width']}.png")
    with page.expect_navigation():
        page.locator("form.import-mapping button[type=submit]").click()
    problems = page.locator("#import-issues tr.problem")
    expect(problems).to_have_count(2)
    assert [(r.get_attribute("data-row"), r.get_attribute("data-column"))
            for r in problems.all()] == [("4", "industries"), ("6", "名称（中文）")]
    check_page(page, size, f"dry run {lang} {size['width']}")
    name = "import-check-en.png" if lang == "en" else "import-check-zh-390.png"
    snap(page, shots, name)


def test_an_editor_imports_an_xlsx_with_bad_rows_and_reverts_it(browser, import_site, shots,
                                                                tmp_path):
    url, app = import_site
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    try:
        # in Chinese on a phone: the dry run, nothing written
        sign_in(page, url, "zh")
        upload_and_check(page, PHONE, "zh", "zh-phone", shots, tmp_path)
        expect(page.locator("#import-bad-rows .rows")).to_have_text("4、6")
        with page.expect_navigation():
            page.get_by_role("button", name=WORDS["zh"]["apply"]).click()  # all or nothing
        expect(page.locator("#import-error")).to_contain_text("未写入任何数据")
        store = app.extensions["geo_layout.plans"].default.store
        assert store.history() == []

        # in English at desktop size: only the valid rows, then the revert
        w = WORDS["en"]
        page.set_viewport_size(DESKTOP)
        page.goto(f"{url}/import?lang=en")
        upload_and_check(page, DESKTOP, "en", "en-desk", shots, tmp_path)
        page.get_by_label(w["only_valid"]).check()
        with page.expect_navigation():
            page.get_by_role("button", name=w["apply"]).click()
        assert "/import/batch/" in page.url
        expect(page.locator("#import-written")).to_contain_text(w["written"])
        expect(page.locator("#import-skipped .rows")).to_have_text("4, 6")
        check_page(page, DESKTOP, "the batch's page")
        snap(page, tmp_path, "import-batch-en.png")
        batch = page.url.split("/import/batch/")[1].split("?")[0]
        store = app.extensions["geo_layout.plans"].default.store
        assert sorted(r.record_id for r in store.history(batch=batch, limit=None)) == [
            "en-desk-a", "en-desk-b"]

        with page.expect_navigation():
            page.locator("#import-history-link").click()
        expect(page.locator("#revisions > li")).to_have_count(2)
        expect(page.locator("#history-batch")).to_contain_text(batch)
        page.go_back()

        with page.expect_navigation():
            page.get_by_role("button", name=w["revert"]).click()
        expect(page.locator("#import-written")).to_contain_text(w["written"])
        expect(page.locator(".import-records li")).to_have_count(2)
        page.locator(".import-records summary").click()
        expect(page.locator(".import-records li").first).to_contain_text(w["reverted"])
        page.set_viewport_size(PHONE)
        check_page(page, PHONE, "the revert's page, phone")
        snap(page, tmp_path, "import-reverted-en-390.png")
        store = app.extensions["geo_layout.plans"].default.store
        ids = {f.id for f in store.query("parks", limit=None).features}
        assert not {"en-desk-a", "en-desk-b"} & ids
    finally:
        context.close()
