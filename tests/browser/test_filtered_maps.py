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


def _open(page, url: str) -> None:
    page.goto(page.base_url + url)
    page.wait_for_selector(".leaflet-overlay-pane path.gl-prefecture")
    page.wait_for_load_state("networkidle")


def test_parks_map_filtered_by_prefecture_shows_and_fits_kunming(page, store):
    located = [f for f in store.query("parks", {"prefecture": "530100"}).features
               if f.geometry() is not None]
    inside = {f.id for f in located}
    outside = {f.id for f in store.query("parks").features
               if f.geometry() is not None} - inside
    assert inside and outside
    _open(page, "/maps/parks")
    whole = page.evaluate(MAP_BOUNDS)
    _open(page, "/maps/parks?prefecture=530100")
    # only Kunming's parks are in the map's data (the markers, clustered or not)
    html = page.content()
    for fid in inside:
        assert f'"id":"{fid}"' in html, fid
    for fid in outside:
        assert f'"id":"{fid}"' not in html, fid
    # the view holds Kunming's parks and is zoomed in on them, not on the province
    w, s, e, n = page.evaluate(MAP_BOUNDS)
    for f in located:
        assert w < f.geometry().x < e and s < f.geometry().y < n, f.id
    assert (e - w) <= (whole[2] - whole[0]) / 2 + 1e-6, (whole, (w, s, e, n))
    kunming = store.get("prefectures", "530100").geometry("low").bounds
    assert w > kunming[0] - 3 and e < kunming[2] + 3  # around Kunming, not Dali or Wenshan
    assert page.watch.console_errors == []
    assert page.watch.offsite == []
