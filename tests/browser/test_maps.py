"""The maps in a real browser, independent of the pages: the map document is handed to the
page at a made-up path on the live server's origin, and its assets come from the live server
(``/assets/...``). One page load per map, several checks each."""

from __future__ import annotations

from geo_layout.maps import layout_map, places_map, render_document


def _open(page, html: str) -> None:
    url = page.base_url + "/__map-under-test"
    page.route(url, lambda r: r.fulfill(status=200, body=html,
                                        headers={"content-type": "text/html; charset=utf-8"}))
    page.goto(url)
    page.wait_for_selector(".leaflet-overlay-pane path.gl-prefecture")
    page.wait_for_load_state("networkidle")


def test_layout_map_draws_offline(page, store):
    _open(page, render_document(layout_map(store, lang="en")))
    paths = page.locator(".leaflet-overlay-pane path.gl-prefecture")
    assert paths.count() == 16
    assert page.locator("path.gl-role-core").count() == 1
    assert page.locator("path.gl-role-cluster-silicon").count() == 4
    assert page.locator("path.gl-role-cluster-smart-terminals").count() == 4
    assert page.locator("path.gl-role-point").count() == 2
    assert page.locator("path.gl-zone").count() == 1
    # the zone outlined county by county: dashed exactly where the extent is approximate
    approximate = {c["adcode"]: c["extent"] == "approximate"
                   for c in store.get("layout-elements", "zone").properties["counties"]}
    parts = page.locator("path.gl-zone-part")
    assert parts.count() == len(approximate)
    assert page.locator("path.gl-zone-part.gl-approximate-extent").count() == sum(
        approximate.values())
    assert page.locator("path.gl-approximate-extent").first.get_attribute(
        "stroke-dasharray") == "8 6"
    assert page.locator("svg pattern#gl-hatch").count() == 1
    assert page.locator(".gl-prefecture-label").count() == 16
    assert page.locator(".gl-badge").count() == 6
    markers = page.locator(".leaflet-marker-pane .gl-marker, .leaflet-marker-pane .marker-cluster")
    assert markers.count() >= 3 and markers.first.is_visible()
    legend = page.locator(".gl-legend")
    assert legend.is_visible()
    assert "Cluster: Silicon materials" in legend.inner_text()
    assert page.locator(".leaflet-control-scale").is_visible()
    assert page.locator("a.gl-fullscreen").get_attribute("title") == "Full screen"
    assert page.locator("a.gl-locate").get_attribute("title") == "Show my location"
    assert page.locator(".leaflet-control-layers").count() == 1
    page.locator(".gl-badge-core span").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator('a[href="/elements/core?lang=en"]').count() == 1
    assert page.watch.offsite == []
    assert page.watch.console_errors == []


def test_places_map_shows_approximate_points(page, store):
    _open(page, render_document(places_map(store, "parks")))
    circles = page.locator("path.gl-uncertainty")
    assert circles.count() >= 3
    assert circles.first.get_attribute("stroke-dasharray") == "5 6"
    page.locator(".leaflet-control-zoom-in").click()  # clusters open up as the map zooms
    page.locator(".leaflet-control-zoom-in").click()
    page.wait_for_timeout(600)
    hollow = page.locator(".gl-marker.gl-approximate")
    assert hollow.count() >= 1
    if not store.query("parks", {"precision": "site"}).total:
        assert page.locator(".gl-marker.gl-exact").count() == 0  # none is known to the site
    assert page.watch.offsite == []
    assert page.watch.console_errors == []


def test_boundaries_get_finer_as_the_map_zooms_in(page, store):
    """The overview carries the coarse level; zoomed in on Kunming, the prefectures and the
    layout elements in view are swapped for the level that zoom needs, fetched from the API."""
    page.goto(page.base_url + "/?lang=en")
    page.wait_for_load_state("networkidle")
    name = page.evaluate("document.querySelector('.gl-map').id")
    vertices = """(name) => {
        const counts = {};
        window[name].eachLayer(l => {
            if (l.feature && l.getLatLngs && l.feature.properties.adcode === "530100") {
                counts.kunming = l.getLatLngs().flat(3).length;
            }
            if (l.feature && l.getLatLngs && l.feature.id === "core") {
                counts.core = l.getLatLngs().flat(3).length;
            }
        });
        return counts;
    }"""
    before = page.evaluate(vertices, name)
    with page.expect_request(lambda r: "/api/prefectures?lod=medium" in r.url) as asked:
        page.evaluate(f"window[{name!r}].setView([25.05, 102.7], 10)")
    assert "bbox=" in asked.value.url
    page.wait_for_function(f"""() => {{
        let n = 0;
        window[{name!r}].eachLayer(l => {{
            if (l.feature && l.feature.properties.adcode === "530100") {{
                n = l.getLatLngs().flat(3).length; }} }});
        return n > {before["kunming"]};
    }}""")
    after = page.evaluate(vertices, name)
    medium = store.get("prefectures", "530100").geometry("medium")
    rings = [r for p in getattr(medium, "geoms", [medium]) for r in (p.exterior, *p.interiors)]
    assert after["kunming"] == sum(len(r.coords) - 1 for r in rings)  # Leaflet drops the closer
    assert after["kunming"] > 2 * before["kunming"]
    page.wait_for_function(f"""() => {{
        let n = 0;
        window[{name!r}].eachLayer(l => {{
            if (l.feature && l.feature.id === "core") {{ n = l.getLatLngs().flat(3).length; }} }});
        return n > {before["core"]};
    }}""")
    assert page.watch.offsite == [] and page.watch.console_errors == []
