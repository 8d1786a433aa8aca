"""A filtered map in a real browser shows its selection only, and opens zoomed to it."""

from __future__ import annotations

import pytest

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

MAP_BOUNDS = """() => {
    const m = window[document.querySelector('.gl-map').id];
    const b = m.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
}"""


def test_parks_map_filtered_by_prefecture_shows_and_fits_kunming(page, store):
    kunming = store.get("prefectures", "530100")
    west, south, east, north = kunming.geometry("low").bounds
    inside = {f.id for f in store.query("parks", {"prefecture": "530100"}).features
              if f.geometry() is not None}
    outside = {f.id for f in store.query("parks").features
               if f.geometry() is not None} - inside
    assert inside and outside
    page.goto(page.base_url + "/maps/parks?prefecture=Kunming")
    page.wait_for_selector(".leaflet-overlay-pane path.gl-prefecture")
    page.wait_for_load_state("networkidle")
    # only Kunming's parks are in the map's data (the markers, clustered or not)
    html = page.content()
    for fid in inside:
        assert f'"id":"{fid}"' in html, fid
    for fid in outside:
        assert f'"id":"{fid}"' not in html, fid
    # the view is Kunming (with the uncertainty circles), not the province
    w, s, e, n = page.evaluate(MAP_BOUNDS)
    assert w < 102.8 < e and s < 25.0 < n  # Kunming's city centre is in view
    assert (e - w) < (east - west) * 3 and (n - s) < (north - south) * 3
    assert e - w < 5, "zoomed to Kunming, not the whole province (~9.5 degrees wide)"
    assert page.watch.console_errors == []
    assert page.watch.offsite == []
