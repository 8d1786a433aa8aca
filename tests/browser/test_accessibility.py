"""Accessibility in a real browser: axe-core (bundled by axe-playwright-python) finds no serious
or critical violation on any page type; every page declares its language; every map is a
labelled region that points to a text version of its content; the keyboard reaches the
language switch, search, filters, the map, its zoom and layer controls, the legend and the
embed panel, each with a visible focus ring."""

from __future__ import annotations

import pytest
from page_checks import blocking_violations  # noqa: E402

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CHENGGONG = "chenggong-information-industry-park"
#: (path, html lang): every page type, the overview in both languages.
PAGES = [
    ("/", "zh-CN"), ("/?lang=en", "en"), ("/maps/layout?lang=en", "en"), ("/maps/parks", "zh-CN"),
    ("/maps/sites?lang=en", "en"), ("/elements/core", "zh-CN"),
    ("/elements/point-pilot-zones?lang=en", "en"), ("/prefectures/530100?lang=en", "en"),
    ("/parks", "zh-CN"), (f"/parks/{CHENGGONG}?lang=en", "en"), ("/parks/yungui-smart-town", "zh-CN"),
    ("/targets", "zh-CN"), ("/parks/no-such-park?lang=en", "en"),
    ("/data", "zh-CN"), ("/data?lang=en", "en"), ("/ogc/collections?f=html", "zh-CN"),
    ("/ogc/collections/parks/items/kunming-high-tech-zone?f=html&lang=en", "en"),
]
FOCUS_RING = """() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    return {outline, shadow: s.boxShadow !== 'none', visible: el.matches(':focus-visible')};
}"""
ACTIVE = """() => {
    const el = document.activeElement;
    for (const c of ['leaflet-control-zoom-in', 'leaflet-control-zoom-out',
                     'leaflet-control-layers-toggle', 'leaflet-container', 'skip'])
        if (el.classList.contains(c)) return '.' + c;
    if (el.id) return '#' + el.id;
    if (el.tagName === 'SUMMARY') return 'summary.' + el.parentElement.className.split(' ')[0];
    return el.tagName.toLowerCase();
}"""


def wait_for_map(page):
    if page.locator(".leaflet-container").count():
        page.wait_for_selector(".leaflet-container path", state="attached")


def test_axe_finds_nothing_serious_and_every_page_declares_its_language(page):
    found = {}
    for path, lang in PAGES:
        page.goto(page.base_url + path)
        wait_for_map(page)
        assert page.locator("html").get_attribute("lang") == lang, path
        for details in page.locator("details.map-text, details.field-dict").all():
            details.evaluate("d => d.open = true")  # audit the text version too
        found[path] = blocking_violations(page)
    assert {p: v for p, v in found.items() if v} == {}
    assert page.watch.offsite == []


@pytest.mark.parametrize("path, text", [
    ("/?lang=en", "Kunming"), ("/elements/core?lang=en", "Chenggong"),
    ("/maps/parks?lang=en", "Chenggong"), (f"/parks/{CHENGGONG}?lang=en", "Chenggong"),
])
def test_each_map_is_a_labelled_region_pointing_to_its_text_version(page, path, text):
    page.goto(page.base_url + path)
    wait_for_map(page)
    region = page.locator(".map-frame[role=region]")
    assert region.count() == 1
    assert "map" in region.get_attribute("aria-label").lower()
    help_id = region.get_attribute("aria-describedby")
    target = page.locator(f"#{help_id} a.map-text-link").get_attribute("href")
    alt = page.locator(target)
    assert alt.count() == 1
    # the text version comes after the map in reading order and names the same things
    assert page.evaluate("""([a, b]) => !!(document.querySelector(a)
        .compareDocumentPosition(document.querySelector(b)) & Node.DOCUMENT_POSITION_FOLLOWING)""",
                         [".map-frame", target])
    assert text in alt.text_content()


def test_layout_text_version_says_which_prefectures_form_which_element(page, store):
    page.goto(page.base_url + "/?lang=en")
    page.click("#map-text > summary")
    row = page.locator("table.map-text-areas tr", has=page.locator("a[href^='/elements/core']"))
    assert "Kunming" in row.inner_text()
    pinned = [f for c in ("parks", "sites") for f in store.query(c).features
              if f.geometry() is not None]
    assert page.locator("ul.map-text-places > li").count() == len(pinned)


def tab_until(page, wanted: set[str], limit: int = 160) -> dict[str, dict]:
    """Press Tab until every selector in ``wanted`` had focus; the focus ring of each."""
    seen = {}
    for _ in range(limit):
        page.keyboard.press("Tab")
        key = page.evaluate(ACTIVE)
        if key in wanted and key not in seen:
            seen[key] = page.evaluate(FOCUS_RING)
            if set(seen) == wanted:
                break
    return seen


def test_keyboard_reaches_every_control_with_a_visible_focus_ring(page):
    page.goto(page.base_url + "/parks?lang=en")
    wait_for_map(page)
    wanted = {".skip", "#lang-switch", "#q", "#f-prefecture", "#f-precision",
              "summary.filters", ".leaflet-container", ".leaflet-control-zoom-in",
              ".leaflet-control-layers-toggle", "summary.gl-legend-details",
              "summary.embed-panel"}
    seen = tab_until(page, wanted)
    assert set(seen) == wanted
    for key, ring in seen.items():
        assert ring["visible"] and (ring["outline"] or ring["shadow"]), (key, ring)

    # the skip link moves focus to the content
    page.focus(".skip")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # zoom by keyboard
    name = page.locator(".folium-map").get_attribute("id")
    zoom = page.evaluate(f"window[{name!r}].getZoom()")
    page.focus(".leaflet-control-zoom-in")
    page.keyboard.press("Enter")
    page.wait_until(f"() => window[{name!r}].getZoom() === {zoom + 1}")

    # the layer control opens with Enter, Space toggles a layer, Escape closes it
    toggle = page.locator(".leaflet-control-layers-toggle")
    assert toggle.get_attribute("aria-label") == "Layers"
    assert page.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == "Zoom in"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.type") == "checkbox"
    prefectures = page.locator("path.gl-prefecture").count()
    assert prefectures == 16
    page.keyboard.press("Space")  # the first overlay: the prefectures
    page.wait_until("() => !document.querySelector('path.gl-prefecture')")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.className").startswith(
        "leaflet-control-layers-toggle")

    # the search field submits with Enter; the language switch is a link in the header
    page.fill("#q", "chenggong")
    page.press("#q", "Enter")
    page.wait_for_url("**q=chenggong**")
    assert page.locator("tr[data-id]").count() == 1
    assert page.watch.console_errors == []


def test_chinese_pages_label_the_map_controls_in_chinese(page):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == "放大"
    assert page.locator(".leaflet-control-layers-toggle").get_attribute("title") == "图层"
    assert page.locator(".gl-legend-details > summary").inner_text() == "图例"
