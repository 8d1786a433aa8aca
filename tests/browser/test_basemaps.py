"""Basemaps in a real browser with the network closed (the fixture blocks every other origin):
tiles that cannot load say so on the map, in the page's language; the page's load event never
waits for tiles; the offline map shows county boundaries and names when zoomed in, without
covering other labels. Screenshots of a map with the notice (desktop and phone, zh and en)."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse
from urllib.request import urlopen

import pytest

from geo_layout.app import create_app

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
SLOW_S = 2.0
NOTICE = {"zh": "底图瓦片无法加载", "en": "The basemap tiles cannot be loaded"}


def wait_for_map(page):
    page.wait_for_selector(".leaflet-container path", state="attached")


@pytest.mark.parametrize("basemap", ["osm", "amap"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tiles_that_cannot_load_show_a_notice(page, shots, basemap, lang):
    page.goto(page.base_url + f"/maps/layout?basemap={basemap}&lang={lang}")
    wait_for_map(page)
    notice = page.locator(".gl-tile-notice")
    notice.wait_for(state="visible", timeout=8000)
    assert NOTICE[lang] in notice.inner_text()
    assert notice.get_attribute("role") == "status"
    assert page.locator(".gl-map").get_attribute("data-tiles") == "failed"
    assert any("openstreetmap" in u or "autonavi" in u for u in page.watch.offsite)
    # the notice leaves the map's controls free
    box = notice.bounding_box()
    for control in page.locator(".leaflet-control-zoom, .leaflet-control-layers").all():
        other = control.bounding_box()
        assert (box["x"] + box["width"] <= other["x"] or other["x"] + other["width"] <= box["x"]
                or box["y"] + box["height"] <= other["y"])
    link = notice.locator("a")
    query = parse_qs(urlparse(link.get_attribute("href")).query)
    assert query["basemap"] == ["none"] and query["lang"] == [lang]
    if basemap == "osm":
        page.screenshot(path=str(shots / f"tiles-notice-{lang}.png"))
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(300)
        box = notice.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        page.screenshot(path=str(shots / f"tiles-notice-phone-{lang}.png"))
    link.click()
    page.wait_for_url("**basemap=none**")
    wait_for_map(page)
    assert page.locator(".gl-tile-notice").count() == 0


def test_the_notice_can_be_closed(page):
    page.goto(page.base_url + "/elements/core?basemap=osm&lang=en")
    notice = page.locator(".gl-tile-notice")
    notice.wait_for(state="visible", timeout=8000)
    button = page.locator(".gl-tile-notice-close")
    assert button.get_attribute("aria-label") == "Close this notice"
    button.click()
    assert notice.is_hidden()


@pytest.fixture(scope="module")
def slow_tiles_server(serve):
    """The local basemap pointing at tiles on the app's own origin that take 2 s to answer
    (and then are missing): a page that waited for them would load two seconds late."""
    app = create_app({"TESTING": True, "TILE_URL": "/slow-tiles/{z}/{x}/{y}.png",
                      "BASEMAP": "local"})

    def slow(z, x, y):
        time.sleep(SLOW_S)
        return "no tile", 404

    app.add_url_rule("/slow-tiles/<z>/<x>/<y>.png", "slow_tiles", slow)
    with serve(app) as url:
        yield url


def test_the_load_event_never_waits_for_tiles(open_page, slow_tiles_server):
    page = open_page(slow_tiles_server)
    page.set_viewport_size(DESKTOP)
    url = slow_tiles_server + "/maps/layout?lang=en"
    urlopen(url).read()  # built once (the render cache), so only the page's loading is timed
    page.goto(url)
    page.wait_until("() => performance.getEntriesByType('resource')"
                    ".some(e => e.name.includes('/slow-tiles/'))", timeout_ms=8000)
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const tiles = performance.getEntriesByType('resource')
            .filter(e => e.name.includes('/slow-tiles/'));
        return {load: nav.loadEventEnd, first: Math.min(...tiles.map(e => e.startTime))};
    }""")
    assert timing["first"] >= timing["load"] > 0  # asked for only once the page had loaded
    assert timing["load"] < SLOW_S * 1000  # so the page never waits for them
    # missing tiles (404) also bring the notice
    page.locator(".gl-tile-notice").wait_for(state="visible", timeout=15000)
    assert page.watch.offsite == []
    page.goto("about:blank")
    time.sleep(SLOW_S)  # let the server finish the tiles it was asked for before it stops


def test_the_offline_map_shows_counties_when_zoomed_in(page, shots):
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + "/maps/layout?lang=zh")
    wait_for_map(page)
    page.wait_until("() => document.querySelector('.gl-map') && window.GeoLayout")
    assert page.locator(".gl-context-county").count() == 0  # not at the province's zoom
    page.evaluate("""() => {
        const el = document.querySelector('.gl-map');
        window[el.id].setView([25.04, 102.71], 10, {animate: false});
    }""")
    page.wait_until("() => document.querySelectorAll('.gl-context-county').length > 5")
    page.wait_until("() => document.querySelectorAll('.gl-context-label > span').length > 5")
    page.wait_for_timeout(800)  # the clusters' animation and the second look after it
    shown = page.evaluate("""() => {
        const rects = s => [...document.querySelectorAll(s)]
            .filter(e => getComputedStyle(e).visibility !== 'hidden')
            .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
        return {mine: rects('.gl-context-label > span'), names:
                [...document.querySelectorAll('.gl-context-label > span')]
                    .filter(e => getComputedStyle(e).visibility !== 'hidden')
                    .map(e => e.textContent),
                others: rects('.gl-label > span, .gl-marker, .marker-cluster')};
    }""")
    assert len(shown["names"]) >= 4
    assert {"五华区", "盘龙区", "西山区", "官渡区", "呈贡区"} & set(shown["names"])

    def overlap(a, b):
        return (a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"]
                and b["top"] < a["bottom"])

    mine = shown["mine"]
    assert all(not overlap(a, b) for i, a in enumerate(mine) for b in mine[i + 1:])
    assert all(not overlap(a, b) for a in mine for b in shown["others"])
    page.screenshot(path=str(shots / "offline-zoomed-in.png"))
    assert page.watch.offsite == [] and page.watch.console_errors == []
