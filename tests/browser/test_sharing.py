"""Sharing and hand-off in a real browser: the "copy link to this view" button copies the page's
URL with the map's current extent and layers, and that link opens the same view; on a park
page the precision warning is above the coordinates and the map-app links (desktop and phone,
zh and en; screenshots)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser
CHENGGONG = "chenggong-information-industry-park"
MAP = "window[document.querySelector('.gl-map').id]"


def wait_for_map(page):
    page.wait_for_selector(".leaflet-container path", state="attached")
    for _ in range(100):
        if page.evaluate(f"() => {MAP}.glLayers !== undefined"):
            return
        page.wait_for_timeout(50)
    raise AssertionError("the map's layers never came")


def test_copy_link_to_this_view(page, browser, shots):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                   origin=page.base_url)
    page.goto(page.base_url + "/maps/layout?lang=en")
    wait_for_map(page)
    page.evaluate(f"""() => {{
        {MAP}.setView([25.0, 102.7], 9, {{animate: false}});
        {MAP}.removeLayer({MAP}.glLayers.places);
    }}""")
    button = page.locator('button[data-copy="share-url"]')
    expect(button).to_have_text("Copy link to this view")
    button.click()
    expect(button).to_have_text(re.compile(r"^(Copied|Selected: press Ctrl\+C to copy)$"),
                                timeout=1500)
    link = page.locator("#share-url").input_value()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == link
    url = urlparse(link)
    query = parse_qs(url.query)
    assert url.path == "/maps/layout" and query["lang"] == ["en"]
    west, south, east, north = map(float, query["bbox"][0].split(","))
    bounds = page.evaluate(f"() => {MAP}.getBounds().toBBoxString().split(',').map(Number)")
    assert [west, south, east, north] == pytest.approx(bounds, abs=1e-3)
    shown = query["layers"][0].split(",")
    assert "prefectures" in shown and "core" in shown and "places" not in shown

    other = page.context.new_page()
    other.goto(link)
    wait_for_map(other)
    other.wait_for_timeout(300)
    view = other.evaluate(f"""() => ({{b: {MAP}.getBounds().toBBoxString().split(',').map(Number),
        places: {MAP}.hasLayer({MAP}.glLayers.places),
        core: {MAP}.hasLayer({MAP}.glLayers.core)}})""")
    b = view["b"]
    assert b[0] <= west + 0.01 and b[1] <= south + 0.01 and b[2] >= east - 0.01 \
        and b[3] >= north - 0.01  # the shared extent is in view
    assert (b[2] - b[0]) < 2 * (east - west)  # and not much more
    assert view["places"] is False and view["core"] is True
    page.screenshot(path=str(shots / "copy-link.png"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}])
def test_park_page_warns_before_the_coordinates(page, shots, lang, size):
    page.set_viewport_size(size)
    page.goto(page.base_url + f"/parks/{CHENGGONG}?lang={lang}")
    page.wait_for_selector(".leaflet-container path", state="attached")
    caution = page.locator("#coords-caution").bounding_box()
    first = page.locator("#coord-amap").bounding_box()
    link = page.locator("a.handoff").first.bounding_box()
    assert caution["y"] + caution["height"] <= first["y"]
    assert caution["y"] + caution["height"] <= link["y"]
    assert page.locator("a.handoff").count() == 3
    phone = "phone" if size["width"] < 500 else "desktop"
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)
    page.screenshot(path=str(shots / f"park-handoff-{phone}-{lang}.png"), full_page=True)
    assert page.watch.offsite == [] and page.watch.console_errors == []
