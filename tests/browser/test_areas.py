"""Drawing an area in a real browser: an editor signs in, opens the zone's area page, draws its
boundary by clicking on the map (and drags a corner), finishes, gives the source and saves;
the layout map then draws the boundary (no county stand-in for it) and the legend says which
element is a drawn boundary. axe finds no serious or critical violation on the area page at
desktop and phone sizes, in Chinese and English; nothing leaves the app's origin. The README's
screenshots (area-draw-en, area-zh-390) go to docs/screenshots/ with GEO_LAYOUT_SCREENSHOTS=1,
the others (and those, otherwise) to the test's tmp_path."""

from __future__ import annotations

import json
import urllib.request

import pytest

from page_checks import blocking_violations  # noqa: E402
from editing_apps import PASSWORD, editing_app  # noqa: E402


pytestmark = pytest.mark.browser

ZONE = "zone"
EDITOR = "ed"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
#: where to click, as fractions of the map's width and height: a quadrilateral
CLICKS = ((0.35, 0.35), (0.65, 0.33), (0.68, 0.66), (0.33, 0.64))


@pytest.fixture()
def site(tmp_path, serve):
    app, _ = editing_app(tmp_path, [EDITOR])
    with serve(app) as url:
        yield url


def open_signed_in(open_page, url, size, lang):
    page = open_page(url)
    page.set_viewport_size(size)
    q = "?lang=en" if lang == "en" else ""
    page.goto(f"{url}/edit/layout-elements/{ZONE}/area{q}")
    page.fill("#login-name", EDITOR)  # sent to sign in first, then back here
    page.fill("#login-password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"/edit/layout-elements/{ZONE}/area" in page.url
    page.wait_until("() => document.querySelector('#area-map .leaflet-pane') !== null")
    return page


def test_an_editor_draws_the_zones_boundary_and_the_layout_map_draws_it(open_page, site,
                                                                        shots, tmp_path):
    page = open_signed_in(open_page, site, DESKTOP, "en")
    box = page.locator("#area-map").bounding_box()
    for fx, fy in CLICKS:
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    assert page.locator(".area-corner").count() == 4
    assert page.locator("#area-status").text_content() == (
        "4 corners; press Finish when the outline is complete.")
    # drag the third corner a little (Leaflet's own draggable marker)
    corner = page.locator(".area-corner").nth(2).bounding_box()
    cx, cy = corner["x"] + corner["width"] / 2, corner["y"] + corner["height"] / 2
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx + 20, cy + 15, steps=5)
    page.mouse.up()
    page.click("#area-finish")
    assert page.locator("#area-status").text_content() == (
        "Outline closed with 4 corners: give its source below and save.")
    drawn = json.loads(page.input_value("#area-text"))
    ring = drawn["coordinates"][0]
    assert drawn["type"] == "Polygon" and len(ring) == 5 and ring[0] == ring[-1]
    assert all(97 < lon < 107 and 21 < lat < 30 for lon, lat in ring)
    page.evaluate("document.getElementById('area-now').scrollIntoView()")
    page.screenshot(path=str(shots / "area-draw-en.png"))
    page.fill("#area-source", "new-area boundary notice 2026")
    assert blocking_violations(page) == []
    with page.expect_navigation():
        page.click("#area-save")
    assert page.url.endswith(f"/elements/{ZONE}?lang=en")

    with urllib.request.urlopen(f"{site}/ogc/collections/layout-elements/items/{ZONE}") as r:
        feature = json.load(r)
    saved = feature["properties"]["area"]["coordinates"][0]
    assert sorted(map(tuple, saved)) == sorted(map(tuple, ring))  # counter-clockwise now
    assert feature["properties"]["area_source"] == "other: new-area boundary notice 2026"

    page.goto(f"{site}/maps/layout?lang=en")
    page.wait_until("() => document.querySelector('path.gl-drawn-area') !== null")
    legend = page.locator(".gl-legend").first.text_content()
    assert "Drawn boundary: Zone: Central Yunnan New Area" in legend
    assert "Drawn as whole counties or prefectures: Core: Kunming" in legend
    assert page.locator("path.gl-zone-part").count() == 0  # no county outlines for the zone
    assert page.locator("path.gl-point-part.gl-approximate-extent").count() == 2  # the rest
    page.locator(".gl-legend-details > summary").first.click() if page.locator(
        ".gl-legend-details:not([open])").count() else None
    page.screenshot(path=str(tmp_path / "area-layout-en.png"))
    assert page.watch.offsite == [] and page.watch.console_errors == []


@pytest.mark.parametrize("lang, size", [("zh", PHONE), ("en", PHONE), ("zh", DESKTOP)],
                         ids=["zh-390", "en-390", "zh-1280"])
def test_the_area_page_reads_well_at_each_size(open_page, site, shots, tmp_path, lang, size):
    page = open_signed_in(open_page, site, size, lang)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert blocking_violations(page) == []
    name = f"area-{lang}-{size['width']}.png"  # the README shows the Chinese phone page
    page.screenshot(path=str((shots if name == "area-zh-390.png" else tmp_path) / name),
                    full_page=True)
    assert page.watch.offsite == [] and page.watch.console_errors == []
