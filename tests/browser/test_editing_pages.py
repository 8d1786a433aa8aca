"""The editing pages as a person meets them, in a real browser, at desktop (1280 x 800) and
phone (390 x 844) sizes, in Chinese and English, on an app running on a database:

1. an anonymous visitor signs in with the form (a wrong password first: the message), lands
   back on the page they came from with their name in the header, and signs out;
2. an editor, after two changes made through the OGC API, reads them on /history (the
   field-by-field table), on the park's own history and on the park page's "last changed"
   line, and reverts the latest one through the form, landing on the park's history with the
   revert on top.

axe finds no serious or critical violation on /login and /history at either size; nothing
scrolls sideways on a phone. The README's screenshots (login-*, history-*) go to
docs/screenshots/ with GEO_LAYOUT_SCREENSHOTS=1; the others to the test's tmp_path."""

from __future__ import annotations

import json
import urllib.request

import pytest

from page_checks import check_page  # noqa: E402
from editing_apps import PASSWORD, editing_app  # noqa: E402

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

PARK = "guandu-digital-economy-industrial-park"
EDITOR = "王编辑"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
#: (words the page shows, by language): what a person reads
WORDS = {
    "zh": {"sign_in": "登录", "sign_out": "退出登录", "wrong": "用户名或密码错误", "signed_in_as": "当前用户：",
           "updated": "修改", "reverted": "撤销", "field": "经度", "last": "最后修改",
           "revert": "撤销这次修改", "kind": "来源类型", "reference": "来源（必填"},
    "en": {"sign_in": "Sign in", "sign_out": "Sign out", "wrong": "Wrong name or password", "signed_in_as": "Signed in as: ",
           "updated": "Updated", "reverted": "Reverted", "field": "Longitude",
           "last": "Last changed", "revert": "Revert this change", "kind": "Kind of source",
           "reference": "Source (required"},
}


@pytest.fixture(scope="module")
def editing_site(tmp_path_factory, serve):
    """An app on a fresh database with one editor, her API token, and the server's URL."""
    app, accounts = editing_app(tmp_path_factory.mktemp("editing"), [EDITOR])
    token = accounts.create_token(EDITOR)[1]
    with serve(app) as url:
        yield url, token


def api_put(url: str, token: str, lon: float, source: str, comment: str = "") -> int:
    """Move the park through the OGC API (PUT with If-Match and the bearer token) as
    tests/web/test_ogc_write.py does; returns the revision number."""
    item = f"{url}/ogc/collections/parks/items/{PARK}"
    with urllib.request.urlopen(item) as response:
        feature, tag = json.load(response), response.headers["ETag"]
    feature["properties"].update(precision="site", location_source="survey 2026-11")
    feature["geometry"] = {"type": "Point", "coordinates": [lon, 25.02]}
    feature["source"] = source
    if comment:
        feature["comment"] = comment
    request = urllib.request.Request(
        item, data=json.dumps(feature).encode(), method="PUT",
        headers={"Content-Type": "application/geo+json", "If-Match": tag,
                 "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200
        return int(response.headers["X-Revision"])


def snap(page, shots, name: str, full_page: bool = False) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(shots / name), full_page=full_page)


def sign_in_with_the_form(page, w, name: str, password: str) -> None:
    page.fill("#login-name", name)
    page.fill("#login-password", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the keyboard alone submits the form


@pytest.mark.parametrize("lang, size", [("zh", PHONE), ("en", DESKTOP)], ids=["zh-390", "en-1280"])
def test_a_visitor_signs_in_and_out_with_the_form(browser, editing_site, shots, tmp_path, lang,
                                                  size):
    url, _token = editing_site
    w = WORDS[lang]
    q = "?lang=en" if lang == "en" else ""
    context = browser.new_context(viewport=size, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{url}/parks/{PARK}{q}")
        header = page.locator(".site-header")
        expect(header.locator("a.sign-in")).to_have_text(w["sign_in"])
        expect(header.locator(".account-name")).to_have_count(0)
        with page.expect_navigation():
            header.locator("a.sign-in").click()
        assert "/login" in page.url
        expect(page.locator("label[for=login-name]")).to_be_visible()
        expect(page.locator("label[for=login-password]")).to_be_visible()
        check_page(page, size, f"/login {lang}")
        snap(page, shots, f"login-{lang}-{size['width']}.png")

        sign_in_with_the_form(page, w, EDITOR, "not the password")
        expect(page.locator("#login-error")).to_contain_text(w["wrong"])
        expect(page.locator("#login-name")).to_have_value(EDITOR)  # kept; the password is not
        assert page.evaluate("document.activeElement.id") == "login-password"
        check_page(page, size, f"/login refused {lang}")
        snap(page, tmp_path, f"login-refused-{lang}-{size['width']}.png")

        sign_in_with_the_form(page, w, EDITOR, PASSWORD)
        assert page.url == f"{url}/parks/{PARK}{q}"  # back where they came from
        name = header.locator(".account-name")
        expect(name).to_be_visible()
        expect(name).to_contain_text(EDITOR)
        expect(name.locator(".visually-hidden")).to_have_text(w["signed_in_as"])  # said aloud
        expect(header.locator(".sign-out button")).to_have_text(w["sign_out"])
        box = header.locator(".sign-out button").bounding_box()
        assert box["x"] + box["width"] <= size["width"], box  # not off the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        snap(page, tmp_path, f"signed-in-{lang}-{size['width']}.png")

        with page.expect_navigation():
            header.locator(".sign-out button").click()
        assert page.url == f"{url}/parks/{PARK}{q}"
        expect(header.locator("a.sign-in")).to_have_text(w["sign_in"])
        expect(header.locator(".account-name")).to_have_count(0)
    finally:
        context.close()


def test_an_editor_reads_the_history_and_reverts_through_the_form(browser, editing_site, shots,
                                                                 tmp_path):
    url, token = editing_site
    first = api_put(url, token, 102.75, "survey: field visit 2026-11",
                    comment="moved to the surveyed gate")
    second = api_put(url, token, 102.76, "notice: Kunming notice No. 7")
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{url}/login?lang=en&next=/history%3Flang%3Den")
        sign_in_with_the_form(page, WORDS["en"], EDITOR, PASSWORD)
        for lang, size in (("en", DESKTOP), ("zh", PHONE), ("zh", DESKTOP), ("en", PHONE)):
            w = WORDS[lang]
            q = "?lang=en" if lang == "en" else ""
            page.set_viewport_size(size)
            page.goto(f"{url}/history{q}")
            expect(page.locator(".site-header .account-name")).to_contain_text(EDITOR)
            entries = page.locator("#revisions > li")
            expect(entries).to_have_count(2)
            latest = page.locator(f"#revision-{second}")
            expect(latest.locator(".revision-author")).to_have_text(EDITOR)
            expect(latest.locator(".revision-action")).to_have_text(w["updated"])
            # the field-by-field table names the field in the page's language
            row = latest.locator("table.changes tbody tr")
            expect(row).to_have_count(1)
            expect(row.locator("th")).to_contain_text(w["field"])
            expect(row.locator("td")).to_have_text(["102.75", "102.76"])
            # precision, location source, lon, lat (the county's radius it was read with is
            # not kept: the site's default applies)
            expect(page.locator(f"#revision-{first} table.changes tbody tr")).to_have_count(4)
            expect(page.locator(f"#revision-{first} .comment")).to_have_text(
                "moved to the surveyed gate")
            # only the latest change of the park can be reverted
            expect(page.locator(f"#revert-{second} > summary")).to_have_text(w["revert"])
            expect(page.locator(f"#revert-{first}")).to_have_count(0)
            check_page(page, size, f"/history {lang} {size['width']}")
            if (lang, size) == ("en", DESKTOP):
                snap(page, shots, "history-en.png", full_page=True)
            if (lang, size) == ("zh", PHONE):
                snap(page, shots, "history-zh-390.png", full_page=True)

        # the park page says when it last changed, and links its history
        page.set_viewport_size(DESKTOP)
        page.goto(f"{url}/parks/{PARK}?lang=en")
        line = page.locator("#last-changed")
        expect(line).to_contain_text("Last changed")
        expect(line).to_contain_text(f"by {EDITOR}")
        expect(line).to_contain_text("Source: Official notice: Kunming notice No. 7")
        with page.expect_navigation():
            line.get_by_role("link").click()
        assert page.url == f"{url}/history/parks/{PARK}?lang=en"

        # the park's own history; revert the latest change with the keyboard
        expect(page.locator("#revisions > li")).to_have_count(2)
        summary = page.locator(f"#revert-{second} > summary")
        summary.focus()
        page.keyboard.press("Enter")  # opens the disclosure
        form = page.locator(f"#revert-{second} form.revert-form")
        expect(form).to_be_visible()
        expect(form.get_by_label(WORDS["en"]["kind"])).to_be_visible()
        form.get_by_label(WORDS["en"]["kind"]).select_option("visit")
        form.get_by_label(WORDS["en"]["reference"]).fill("site visit, the gate was right")
        form.get_by_label("Comment").fill("back where it was")
        check_page(page, DESKTOP, "/history/parks revert form")
        snap(page, shots, "history-record-en.png", full_page=True)
        with page.expect_navigation():
            form.get_by_label("Comment").press("Enter")
        assert page.url == f"{url}/history/parks/{PARK}?lang=en"
        entries = page.locator("#revisions > li")
        expect(entries).to_have_count(3)
        top = entries.first
        expect(top).to_have_class("revision revision-revert")
        expect(top.locator(".revision-action")).to_have_text(WORDS["en"]["reverted"])
        expect(top.locator(".revision-author")).to_have_text(EDITOR)
        expect(top).to_contain_text(f"reverts revision #{second}")
        expect(top.locator(".source")).to_have_text("Site visit: site visit, the gate was right")
        expect(top.locator(".comment")).to_have_text("back where it was")
        expect(top.locator("table.changes td")).to_have_text(["102.76", "102.75"])
        page.set_viewport_size(PHONE)
        check_page(page, PHONE, "/history/parks after the revert, phone")
        snap(page, tmp_path, "history-record-en-390.png", full_page=True)
    finally:
        context.close()
