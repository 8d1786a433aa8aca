"""Map furniture never covers the map's subject, on every map page and embed, at desktop
(1366 x 768) and phone (390 x 844) size: the subject (the element's area, the prefecture, the
selected places, the province) lies clear of every control and the legend (screen boxes
compared); no two visible labels overlap; a popup opened at the map's top-left corner (under the
zoom buttons) pans wholly into the map, clear of the controls. One page per size walks through
every map. Plus: the legend and the layer list used together, the tooltip closing when its
popup opens, 44 px marker targets, the province fitted to a phone's width, and the keyboard
(no area shape in the Tab order, named map buttons in both languages)."""

from __future__ import annotations

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
CHENGGONG = "chenggong-information-industry-park"
PROVINCE = "path.gl-prefecture"
PLACES = ".leaflet-marker-pane .gl-marker .gl-dot, .leaflet-marker-pane .marker-cluster"

MAP = "document.querySelector('.gl-map')"
READY = """() => {
    const c = document.querySelector('.gl-map');
    if (!c || c.getAttribute('data-gl-labels') === null || c.hasAttribute('data-gl-placing'))
        return false;
    const m = window[c.id];
    if (!m || m._animatingZoom || (m._panAnim && m._panAnim._inProgress)) return false;
    return c.getAttribute('data-gl-dynamic') === null || c.getAttribute('data-gl-points') !== null;
}"""
#: Boxes of the subject, the controls and the visible labels; what covers what.
CHECK = """(subject) => {
    const c = document.querySelector('.gl-map'), map = c.getBoundingClientRect();
    const box = e => e.getBoundingClientRect();
    const shown = e => { const r = box(e); return r.width > 0 && r.height > 0 &&
        getComputedStyle(e).visibility !== 'hidden'; };
    const hit = (a, b, t = 0.5) => a.left < b.right - t && b.left < a.right - t &&
        a.top < b.bottom - t && b.top < a.bottom - t;
    const name = e => (e.getAttribute('class') || e.tagName).split(' ').slice(0, 2).join(' ');
    const controls = [...c.querySelectorAll('.leaflet-control')].filter(shown);
    const members = [...c.querySelectorAll(subject)].filter(shown);
    const covered = [], outside = [];
    for (const s of members) {
        const r = box(s);
        if (r.left < map.left - 1 || r.right > map.right + 1 || r.top < map.top - 1 ||
            r.bottom > map.bottom + 1) outside.push(name(s));
        for (const k of controls) if (hit(r, box(k))) covered.push(name(s) + ' under ' + name(k));
    }
    const labels = [...c.querySelectorAll('.gl-label > span')].filter(shown)
        .filter(e => hit(box(e), map));
    const overlaps = [];
    for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++)
            if (hit(box(labels[i]), box(labels[j])))
                overlaps.push(labels[i].textContent + ' / ' + labels[j].textContent);
    return {members: members.length, covered, outside, overlaps, labels: labels.length,
            width: members.length ? Math.max(...members.map(e => box(e).right)) -
                                    Math.min(...members.map(e => box(e).left)) : 0,
            height: members.length ? Math.max(...members.map(e => box(e).bottom)) -
                                     Math.min(...members.map(e => box(e).top)) : 0,
            mapWidth: map.width, mapHeight: map.height};
}"""
#: Open the popup whose anchor is nearest the map's top-left corner (under the zoom buttons).
OPEN_CORNER_POPUP = """() => {
    const c = document.querySelector('.gl-map'), m = window[c.id];
    let best = null, bestD = Infinity;
    const size = m.getSize();
    m.eachLayer(l => {
        if (!l.getPopup || !l.getPopup() || !l._map) return;
        let at = l.getLatLng ? l.getLatLng() : (l.getBounds ? l.getBounds().getCenter() : null);
        if (!at) return;
        const p = m.latLngToContainerPoint(at);
        if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) return;
        const d = Math.hypot(p.x, p.y);
        if (d < bestD) { bestD = d; best = [l, at]; }
    });
    if (!best) return false;
    best[0].openPopup(best[1]);
    return true;
}"""
POPUP_CHECK = """() => {
    const c = document.querySelector('.gl-map'), map = c.getBoundingClientRect();
    const p = c.querySelector('.leaflet-popup');
    if (!p) return ['no popup'];
    const r = p.getBoundingClientRect(), out = [];
    if (r.left < map.left - 1 || r.right > map.right + 1 || r.top < map.top - 1 ||
        r.bottom > map.bottom + 1) out.push('outside the map');
    for (const k of c.querySelectorAll('.leaflet-control')) {
        const b = k.getBoundingClientRect();
        if (b.width && r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom)
            out.push('under ' + k.className.split(' ')[0]);
    }
    return out;
}"""


def _maps(store, element_lang: str) -> list[tuple[str, str]]:
    """(path, subject selector) of every map page and embed; the element pages in
    ``element_lang`` (English on a phone: its longer labels are the harder case)."""
    pages = [("/", PROVINCE), ("/maps/layout?lang=en", PROVINCE), ("/maps/parks", PLACES),
             ("/maps/sites?lang=en", PLACES), ("/prefectures/530100", "path.gl-focus"),
             ("/parks", PLACES), ("/parks?lang=en&prefecture=530100", PLACES),
             (f"/parks/{CHENGGONG}", PLACES)]
    for f in store.query("layout-elements").features:
        if f.geometry() is not None:
            pages.append((f"/elements/{f.id}?lang={element_lang}", "path.gl-element"))
    pages += [("/embed/", PROVINCE), ("/embed/maps/parks?lang=en", PLACES),
              ("/embed/elements/cluster-silicon", "path.gl-element"),
              ("/embed/prefectures/530100?lang=en", "path.gl-focus"),
              (f"/embed/parks/{CHENGGONG}", PLACES)]
    return pages


def _settle(page):
    page.wait_for_selector(".leaflet-overlay-pane path", state="attached")
    page.wait_until(READY, timeout_ms=8000)


def _check_every_map(page, store, viewport, element_lang):
    page.set_viewport_size(viewport)
    problems, widths = {}, {}
    for path, subject in _maps(store, element_lang):
        page.goto(page.base_url + path)
        page.locator(".gl-map").first.scroll_into_view_if_needed()
        _settle(page)
        found = page.evaluate(CHECK, subject)
        assert found["members"] > 0, (path, subject)
        widths[path] = (found["width"] / found["mapWidth"], found["height"] / found["mapHeight"])
        bad = {k: found[k] for k in ("covered", "outside", "overlaps") if found[k]}
        if page.evaluate(OPEN_CORNER_POPUP):
            page.wait_for_selector(".gl-map .leaflet-popup")
            page.wait_for_timeout(350)  # the pan into view
            _settle(page)
            if page.evaluate(POPUP_CHECK):
                bad["popup"] = page.evaluate(POPUP_CHECK)
        if bad:
            problems[path] = bad
    assert problems == {}
    assert page.watch.console_errors == []
    return widths


def test_nothing_covers_the_subject_on_a_desktop(page, store):
    widths = _check_every_map(page, store, DESKTOP, "zh")
    assert max(widths["/"]) > 0.6, widths  # the province fills the map, not a corner of it


def test_nothing_covers_the_subject_on_a_phone(page, store):
    widths = _check_every_map(page, store, PHONE, "en")
    # the province fitted to the phone's width (it filled half of it at whole zooms)
    assert widths["/"][0] > 0.68 and widths["/embed/"][0] > 0.68, widths


def test_legend_and_layer_list_are_usable_together_and_the_view_makes_room(page):
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + "/maps/layout")
    _settle(page)
    legend = page.locator(".gl-legend-details")
    assert legend.evaluate("d => d.open") is True  # a wide map: open beside the subject
    assert page.evaluate(CHECK, PROVINCE)["covered"] == []
    page.locator(".leaflet-control-layers-toggle").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-control-layers-expanded")
    boxes = page.evaluate("""() => [...document.querySelectorAll(
        '.leaflet-control-layers-overlays label')].map(l => l.getBoundingClientRect())""")
    legend_box = page.locator(".gl-legend-control").bounding_box()
    assert len(boxes) >= 8
    for b in boxes:  # every checkbox row above the legend, none under it
        assert b["bottom"] <= legend_box["y"] + 0.5
    zone = page.locator(".leaflet-control-layers-overlays label", has_text="一区")
    if zone.count() == 0:
        zone = page.locator(".leaflet-control-layers-overlays label").nth(2)
    checkbox = zone.first.locator("input")
    box = checkbox.bounding_box()
    assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).type", [
        box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]) == "checkbox"
    expect(checkbox).to_be_checked()
    checkbox.hover()  # Leaflet ignores clicks in the moment its list opens on mouseenter
    page.wait_for_timeout(100)
    checkbox.click()  # lands on the checkbox, not on the legend
    expect(checkbox).not_to_be_checked()

    # a narrower map starts with the legend folded; opening it refits the subject beside it
    page.goto(page.base_url + "/elements/cluster-silicon")
    _settle(page)
    legend = page.locator(".gl-legend-details")
    assert legend.evaluate("d => d.open") is False
    legend.locator("summary").click()
    _settle(page)
    # the refit runs on the legend's "toggle" event, a task queued after the click: on a busy
    # machine (two test workers) it may come after the first look, so look until it has
    try:
        page.wait_until(f"(s) => {{ const f = ({CHECK})(s); "
                        "return !f.covered.length && !f.outside.length; }",
                        "path.gl-element", timeout_ms=5000)
    except AssertionError:
        pass  # the assertion below says what is covered
    found = page.evaluate(CHECK, "path.gl-element")
    assert found["covered"] == [] and found["outside"] == [], found
    assert page.watch.console_errors == []


def test_phone_popup_folds_the_legend_and_closes_its_tooltip(page):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + f"/parks/{CHENGGONG}")
    page.locator(".gl-map").scroll_into_view_if_needed()
    _settle(page)
    marker = page.locator(".leaflet-marker-pane .gl-marker").first
    box = marker.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # the finger's target, not the 16 px dot
    legend = page.locator(".gl-legend-details")
    legend.locator("summary").click()
    assert legend.evaluate("d => d.open") is True
    marker.hover()
    page.wait_for_selector(".leaflet-tooltip")
    marker.click()
    page.wait_for_selector(".leaflet-popup")
    page.wait_for_selector(".leaflet-tooltip", state="detached", timeout=1000)  # after a fade
    assert legend.evaluate("d => d.open") is False  # the legend sheet does not cover the popup
    # opening the legend again closes the popup
    legend.locator("summary").click()
    page.wait_for_selector(".leaflet-popup", state="detached", timeout=1000)


@pytest.mark.parametrize("lang, names", [
    ("zh", ("全屏", "显示我的位置")), ("en", ("Full screen", "Show my location"))])
def test_keyboard_skips_area_shapes_and_map_buttons_have_names(page, lang, names):
    page.set_viewport_size(DESKTOP)
    page.goto(page.base_url + f"/elements/cluster-silicon?lang={lang}")
    _settle(page)
    for name in names:
        button = page.get_by_role("button", name=name, exact=True)
        assert button.count() == 1
        button.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus: the name shows beside the button
        text = button.locator(".gl-button-text")
        assert text.inner_text() == name
        assert text.bounding_box()["width"] > 20
    page.locator(".gl-map").focus()
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.tagName.toLowerCase()"))
    assert "path" not in seen, seen
