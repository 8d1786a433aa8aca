"""The pages in a real browser (Debian's chromium), network closed to all but the app: no
off-origin request, no console error, the maps draw what the store holds, the language switch,
search and coordinates work, nothing scrolls sideways on a phone. Takes screenshots
(1280 x 900): into docs/screenshots/ with GEO_LAYOUT_SCREENSHOTS=1 (``make screenshots``)."""

from __future__ import annotations

import re

import pytest
expect = pytest.importorskip("playwright.sync_api").expect

from geo_layout.data import crs

pytestmark = pytest.mark.browser

CHENGGONG = "chenggong-information-industry-park"
COUNT_MARKERS = """() => {
    const single = document.querySelectorAll('.gl-marker').length;
    let clustered = 0;
    document.querySelectorAll('.marker-cluster span')
        .forEach(s => clustered += Number(s.textContent));
    return single + clustered;
}"""


def clean(page):
    assert page.watch.offsite == []
    assert page.watch.console_errors == []


def shot(page, shots, name: str):
    page.evaluate("document.fonts.ready")
    page.wait_until("() => !document.querySelector('.leaflet-zoom-anim')")
    page.wait_for_timeout(400)  # let Leaflet finish fitting the view
    page.screenshot(path=str(shots / name))


def wait_for_map(page):
    page.wait_for_selector(".leaflet-container path", state="attached")


def test_overview_draws_the_layout_and_switches_language(page, store, shots):
    page.goto(page.base_url + "/")
    wait_for_map(page)
    located = sum(1 for c in ("parks", "sites") for f in store.query(c).features
                  if f.geometry() is not None)
    assert page.locator("path.gl-prefecture").count() == 16
    page.wait_until(f"() => ({COUNT_MARKERS})() === {located}")
    legend = page.locator(".gl-legend-control")
    assert legend.is_visible()
    legend_zh = legend.inner_text()
    assert "一核" in legend_zh
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator(".site-nav").inner_text().split() == [
        "布局总览", "园区与项目基地名录", "园区地图", "项目基地地图", "发展目标", "实施进度", "数据"]
    shot(page, shots, "overview-zh.png")

    page.click("#lang-switch")
    page.wait_for_url(re.compile(r"lang=en"))
    wait_for_map(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Parks and project sites directory" in page.locator(".site-nav").inner_text()
    assert page.locator("h1").inner_text() == "Information industry layout overview"
    legend_en = page.locator(".gl-legend-control").inner_text()
    assert legend_en != legend_zh and "Kunming" in legend_en
    page.wait_until(f"() => ({COUNT_MARKERS})() === {located}")
    shot(page, shots, "overview-en.png")
    clean(page)


def test_park_search_and_filters(page, shots):
    page.goto(page.base_url + "/parks")
    assert page.locator("tr[data-id]").count() == 18
    shot(page, shots, "parks.png")
    page.fill("#q", "chenggong")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=chenggong"))
    ids = page.locator("tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert ids == [CHENGGONG]
    page.fill("#q", "")
    page.select_option("#f-industry", "xinchuang")  # a select submits the form by itself
    page.wait_for_url(re.compile(r"industry=xinchuang"))
    ids = page.locator("tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert sorted(ids) == ["yunnan-xinchuang-industrial-park-dali",
                           "yunnan-xinchuang-industrial-park-kunming",
                           "yunnan-xinchuang-industrial-park-yuxi"]
    wait_for_map(page)
    page.wait_until(f"() => ({COUNT_MARKERS})() === 3")
    clean(page)


def test_park_page_coordinates(page, store, shots):
    page.goto(page.base_url + f"/parks/{CHENGGONG}")
    wait_for_map(page)
    point = store.get("parks", CHENGGONG).geometry()
    for app, system in (("amap", "gcj02"), ("baidu", "bd09"), ("tianditu", "wgs84")):
        lon, lat = crs.convert(point.x, point.y, "wgs84", system)
        field = page.locator(f"#coord-{app}")
        assert field.input_value() == f"{lon:.6f},{lat:.6f}"  # the apps' own order: lng,lat
        assert field.get_attribute("readonly") is not None
    assert page.locator(".gl-marker, .marker-cluster").count() == 1
    shot(page, shots, "park.png")
    button = page.locator('button[data-copy="coord-amap"]')
    button.click()
    # copied (clipboard API) or, where the browser refuses, the text selected for Ctrl+C
    expect(button).to_have_text(re.compile("^(已复制|已选中，请按 Ctrl\\+C 复制)$"), timeout=1500)
    selected = page.evaluate("""() => {
        const f = document.activeElement;
        return document.getSelection().toString() || f.value.substring(f.selectionStart, f.selectionEnd);
    }""")
    assert selected == page.locator("#coord-amap").input_value()
    clean(page)


@pytest.mark.parametrize("width", [390])
def test_every_page_type_loads_cleanly_on_a_phone(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    paths = ["/?lang=en", "/maps/layout", "/maps/parks?lang=en", "/maps/sites",
             "/elements/core?lang=en", "/elements/point-pilot-zones", "/prefectures/533100",
             "/parks?lang=en", f"/parks/{CHENGGONG}?lang=en", "/parks/yungui-smart-town",
             "/targets?lang=en"]
    for path in paths:
        response = page.goto(page.base_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        if page.locator(".leaflet-container").count():
            wait_for_map(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    response = page.goto(page.base_url + "/parks/no-such-park?lang=en")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "404 Not found"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.watch.offsite == []
    # the 404 document itself is the only thing the console may complain about
    assert [e for e in page.watch.console_errors if "404" not in e] == []
    assert len(page.watch.console_errors) <= 1
