"""A park's photo as a person meets it, in a real browser on an app running on a database:
an editor signs in, opens the park's photo page, uploads a photo with its source through the
form and lands on the park page, which shows the photo (its alt the park's name, its caption
the source) at desktop (1280 x 800) and phone (390 x 844) sizes, in Chinese and English,
without covering anything or scrolling sideways; axe finds nothing serious on the photo page
or the park page; then the editor removes it with the photo page's other form. The README's
screenshots (photo-*) go to docs/screenshots/ with GEO_LAYOUT_SCREENSHOTS=1; the others to
the test's tmp_path."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from page_checks import blocking_violations  # noqa: E402
from editing_apps import PASSWORD, editing_app  # noqa: E402

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

PARK = "guandu-digital-economy-industrial-park"
EDITOR = "王编辑"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory, serve):
    app, _ = editing_app(tmp_path_factory.mktemp("photo"), [EDITOR])
    with serve(app) as url:
        yield url


def a_photo(path) -> str:
    """A landscape picture (sky, hills, a building), 2400 x 1600: shrunk to 1600 x 1067."""
    image = Image.new("RGB", (2400, 1600), (150, 195, 235))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 1100), (700, 700), (1400, 1050), (2000, 650), (2400, 900), (2400, 1600),
                  (0, 1600)], fill=(90, 140, 80))
    draw.rectangle((900, 800, 1500, 1300), fill=(230, 230, 225), outline=(60, 60, 60), width=8)
    for x in range(960, 1460, 120):
        for y in (860, 1000, 1140):
            draw.rectangle((x, y, x + 70, y + 90), fill=(70, 110, 160))
    image.save(path, "JPEG", quality=90)
    return str(path)


def loaded(page) -> None:
    """Wait for the lazily loaded photo (polled: the app's CSP forbids in-page eval)."""
    for _ in range(100):
        if page.evaluate("document.querySelector('#place-photo img').complete"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("the photo did not load")


def snap(page, shots, name: str, full_page: bool = False) -> None:
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(shots / name), full_page=full_page)


def test_an_editor_uploads_a_photo_and_the_park_page_shows_it(browser, photo_site, shots,
                                                             tmp_path):
    url = photo_site
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"{url}/edit/parks/{PARK}/photo?lang=en")
        assert "/login" in page.url  # signed out: sent to sign in, then back
        page.fill("#login-name", EDITOR)
        page.fill("#login-password", PASSWORD)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{url}/edit/parks/{PARK}/photo?lang=en"
        expect(page.locator("#photo-none")).to_have_text("This record has no photo yet.")
        assert blocking_violations(page) == []
        page.set_input_files("#photo-upload input[type=file]", a_photo(tmp_path / "gate.jpg"))
        page.select_option("#photo-upload select[name=source_kind]", "visit")
        page.fill("#photo-upload input[name=source_reference]", "王编辑, main gate, 2026-11")
        snap(page, shots, "photo-edit-en.png", full_page=True)
        with page.expect_navigation():
            page.click("#photo-upload button[type=submit]")
        assert page.url.startswith(f"{url}/parks/{PARK}")

        for lang, size in (("en", DESKTOP), ("zh", PHONE), ("zh", DESKTOP), ("en", PHONE)):
            q = "?lang=en" if lang == "en" else ""
            page.set_viewport_size(size)
            page.goto(f"{url}/parks/{PARK}{q}")
            img = page.locator("#place-photo img")
            expect(img).to_have_attribute("alt", "Photo of Guandu Digital Economy Industrial "
                                          "Park" if lang == "en" else "官渡数字经济产业园的照片")
            expect(page.locator("#place-photo figcaption")).to_contain_text(
                "Site visit: 王编辑, main gate, 2026-11" if lang == "en"
                else "实地走访：王编辑, main gate, 2026-11")
            img.scroll_into_view_if_needed()
            loaded(page)
            assert page.evaluate("document.querySelector('#place-photo img').naturalWidth") == 1600
            box = img.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= size["width"], box
            assert box["height"] <= 0.6 * size["height"] + 1, box  # the facts stay in reach
            facts = page.locator(".detail-text dl.facts").first.bounding_box()
            caption = page.locator("#place-photo figcaption").bounding_box()
            assert caption["y"] >= box["y"] + box["height"] - 1  # below the photo, not on it
            assert facts["y"] >= caption["y"] + caption["height"] - 1
            assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
            assert blocking_violations(page) == [], (lang, size)
            name = f"photo-place-{lang}-{size['width']}.png"
            if (lang, size) == ("en", DESKTOP):
                name = "photo-place-en.png"
            elif (lang, size) == ("zh", PHONE):
                name = "photo-place-zh-390.png"
            target = shots if name in ("photo-place-en.png", "photo-place-zh-390.png") \
                else tmp_path
            snap(page, target, name)

        # the photo page now shows the current photo and lets the editor remove it
        page.set_viewport_size(PHONE)
        page.goto(f"{url}/edit/parks/{PARK}/photo")
        expect(page.locator("#place-photo img")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert blocking_violations(page) == []
        page.click("#photo-remove > summary")
        page.fill("#photo-remove input[name=source_reference]", "a better photo is coming")
        snap(page, tmp_path, "photo-edit-zh-390.png", full_page=True)
        with page.expect_navigation():
            page.click("#photo-remove button[type=submit]")
        expect(page.locator("#place-photo")).to_have_count(0)
    finally:
        context.close()
