"""Phone-sized (390 x 844): no sideways scrolling, the map fills the width, our controls and
Leaflet's are at least 44 x 44 CSS px to tap, the directory's filters fold away (and stay open
on a desktop), the park page copies its coordinates with one tap. Screenshots go to
docs/screenshots/phone-*.png with GEO_LAYOUT_SCREENSHOTS=1."""

from __future__ import annotations

import re

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
TAP = 44
CHENGGONG = "chenggong-information-industry-park"
#: Everything a finger must hit; hidden ones (folded panels, hidden inputs) are skipped.
TARGETS = ("button, .button-link, select, input:not([type=hidden]), summary, .site-nav a, "
           ".lang-switch, .leaflet-bar a, .leaflet-control-layers-toggle")
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
    .filter(el => el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
    .map(el => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.width > 0 && (r.width < %d - 0.5 || r.height < %d - 0.5))
    .map(([el, r]) => `${el.tagName}.${el.className} ${el.id} ${Math.round(r.width)}x${Math.round(r.height)}`)
""" % (TAP, TAP)


def settle(page, shots=None, name=None):
    if page.locator(".leaflet-container").count():
        page.wait_for_selector(".leaflet-container path", state="attached")
        page.wait_until("() => !document.querySelector('.leaflet-zoom-anim')")
    if shots is not None:
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(300)
        page.screenshot(path=str(shots / name))


def check_phone_layout(page, path):
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, path
    assert page.evaluate(SMALL_TARGETS, TARGETS) == [], path
    if page.locator(".map-frame").count():
        box = page.locator(".map-frame").bounding_box()
        assert box["width"] >= WIDTH - 40, path  # full width but the page's side margins


def test_pages_fit_a_phone_and_every_control_is_big_enough_to_tap(page, shots):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(page.base_url + "/")
    settle(page, shots, "phone-overview.png")
    check_phone_layout(page, "/")
    # the legend starts folded so it does not cover the map; its summary opens it
    legend = page.locator(".gl-legend-details")
    assert legend.evaluate("d => d.open") is False
    legend.locator("summary").click()
    assert legend.evaluate("d => d.open") is True
    # opened upwards, the sheet stays inside the map: its summary is not cut off at the top
    frame = page.locator(".leaflet-container").bounding_box()
    sheet = page.locator(".gl-legend-control").bounding_box()
    assert sheet["y"] >= frame["y"], (sheet, frame)

    for path in ("/maps/sites?lang=en", "/elements/zone?lang=en", "/prefectures/532500",
                 "/targets?lang=en", "/data", "/data?lang=en",
                 "/ogc/collections/parks/items?f=html&lang=en"):
        page.goto(page.base_url + path)
        settle(page)
        check_phone_layout(page, path)
    assert page.watch.offsite == [] and page.watch.console_errors == []


def test_directory_filters_fold_away_on_a_phone_and_not_on_a_desktop(page, shots):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(page.base_url + "/parks?prefecture=530100&lang=en")
    settle(page, shots, "phone-parks.png")
    check_phone_layout(page, "/parks")
    filters = page.locator("details.filters")
    assert filters.evaluate("d => d.open") is False
    assert page.locator("#f-prefecture").is_hidden()
    assert "(1 active)" in filters.locator("summary").inner_text()
    assert page.locator("#q").is_visible()
    filters.locator("summary").click()
    assert page.locator("#f-prefecture").is_visible()
    check_phone_layout(page, "/parks, filters open")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/parks?lang=en")
    assert page.locator("details.filters").evaluate("d => d.open") is True
    assert page.locator("#f-prefecture").is_visible()


def test_park_page_coordinates_copy_with_one_tap(page, shots):
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(page.base_url + f"/parks/{CHENGGONG}?lang=en")
    settle(page, shots, "phone-park.png")
    check_phone_layout(page, "/parks/<id>")
    button = page.locator('button[data-copy="coord-amap"]')
    box = button.bounding_box()
    assert box["width"] >= TAP and box["height"] >= TAP
    button.click()
    expect(button).to_have_text(re.compile(r"^(Copied|Selected: press Ctrl\+C to copy)$"),
                                timeout=1500)
    assert page.evaluate("""() => {
        const f = document.activeElement;
        return document.getSelection().toString() || f.value.substring(f.selectionStart, f.selectionEnd);
    }""") == page.locator("#coord-amap").input_value()
