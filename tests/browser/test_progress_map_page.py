"""The progress map in a browser: the date slider moves the map's date by keyboard and by
pointer (the page reloads as of the chosen month end), the legend starts folded on a phone and
does not cover the map, nothing leaves the origin, axe finds nothing serious. Screenshots go to
docs/screenshots/progress-map*.png with GEO_LAYOUT_SCREENSHOTS=1."""

from __future__ import annotations

import re

import pytest

from page_checks import check_page  # noqa: E402

pytestmark = pytest.mark.browser


def settle(page):
    page.wait_for_selector(".leaflet-container path", state="attached")
    page.wait_until("() => !document.querySelector('.leaflet-zoom-anim')")


def test_slider_moves_the_date_by_keyboard(page, shots):
    page.goto(page.base_url + "/maps/progress?lang=en")
    settle(page)
    slider = page.locator("#as-of-range")
    assert slider.is_visible()
    assert page.locator("#as-of-select").is_hidden()  # the no-script fallback
    assert slider.get_attribute("aria-valuetext") == "As of today (latest data)"
    slider.focus()
    with page.expect_navigation():
        page.keyboard.press("ArrowLeft")  # one month back from today: the plan's last stop
    assert page.url.endswith("as_of=2025-12-31") and "lang=en" in page.url
    settle(page)
    assert page.locator("#as-of-shown").inner_text() == "As of 2025-12-31"
    assert "As of 2025-12-31" in page.locator(".gl-legend").inner_text()
    slider = page.locator("#as-of-range")
    slider.focus()
    page.keyboard.press("Home")
    # the date shows as the slider moves, before the page reloads
    assert slider.get_attribute("aria-valuetext") == "As of 2020-12-31"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"as_of=2020-12-31", page.url)
    settle(page)
    check_page(page, {"width": 1280, "height": 900}, "progress map, desktop")
    page.screenshot(path=str(shots / "progress-map-en.png"))
    assert page.watch.offsite == [] and page.watch.console_errors == []


def test_slider_by_pointer_and_the_legend_on_a_phone(page, shots):
    size = {"width": 390, "height": 844}
    page.set_viewport_size(size)
    page.goto(page.base_url + "/maps/progress")
    settle(page)
    # the legend starts folded and leaves the map free
    legend = page.locator(".gl-legend-details")
    assert legend.evaluate("d => d.open") is False
    frame = page.locator(".leaflet-container").bounding_box()
    sheet = page.locator(".gl-legend-control").bounding_box()
    assert sheet["width"] * sheet["height"] < 0.1 * frame["width"] * frame["height"]
    check_page(page, size, "progress map, phone")
    # a tap near the slider's left end picks an early month end
    box = page.locator("#as-of-range").bounding_box()
    with page.expect_navigation():
        page.mouse.click(box["x"] + 12, box["y"] + box["height"] / 2)
    assert re.search(r"as_of=202[01]-\d\d-\d\d", page.url)
    settle(page)
    assert page.locator("#as-of-shown").inner_text().startswith("截至 202")
    page.screenshot(path=str(shots / "progress-map-zh-390.png"))
    assert page.watch.offsite == [] and page.watch.console_errors == []
