"""Hostile strings: a copy of the seeds whose every text field (zh and en of every name, short,
role, note, heading, title, unit, scope and industry name) is script, markup, quotes, RTL and
emoji. No script may run, every string must show literally, and the Content-Security-Policy
must hold (zero violations) on every page type and in every map popup and tooltip.

The first tests use Flask's test client (exports, downloads, raw HTML); the browser test opens
each page type once in Debian's chromium against a second live server serving that data."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from geo_layout.app import create_app

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
HOSTILE = ("<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">"
           "'\"&amp; \u202e\u200f שלום 😀 {{7*7}} {% raw %} $x^2$ \\n </p>")


def hostile_copy(src: Path, dst: Path) -> int:
    """Copy the seed files to ``dst`` replacing every ``{zh, en}`` text with a numbered hostile
    string; returns how many texts were replaced."""
    dst.mkdir(parents=True, exist_ok=True)
    count = 0

    def walk(node):
        nonlocal count
        if isinstance(node, dict):
            if set(node) == {"zh", "en"} and all(isinstance(v, str) for v in node.values()):
                count += 1
                return {"zh": f"{count} {HOSTILE}", "en": f"{count} {HOSTILE}"}
            return {k: walk(v) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    for path in sorted(src.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        (dst / path.name).write_text(yaml.safe_dump(walk(doc), allow_unicode=True,
                                                    sort_keys=False), encoding="utf-8")
    return count


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    replaced = hostile_copy(SEEDS, data)
    assert replaced > 100  # every text of the real seeds
    app = create_app({"TESTING": True, "DATA": str(data)})
    app.hostile_count = replaced
    return app


@pytest.fixture(scope="module")
def hostile_client(hostile_app):
    return hostile_app.test_client()


@pytest.fixture(scope="module")
def ids(hostile_client):
    out = {}
    for collection in ("parks", "sites", "layout-elements"):
        body = hostile_client.get(f"/api/{collection}?limit=1000").get_json()
        out[collection] = {f["id"]: f["properties"] for f in body["features"]}
    return out


def test_every_text_is_hostile(hostile_client, ids):
    park = next(iter(ids["parks"].values()))
    assert park["name_zh"].endswith(HOSTILE) and park["name_en"].endswith(HOSTILE)
    assert all(HOSTILE in p["name_en"] for p in ids["layout-elements"].values())


def test_pages_never_put_data_inside_script_or_markup(hostile_client, ids):
    """The raw HTML: the hostile markup only ever appears escaped (``&lt;script&gt;`` in text,
    ``\\u003c`` in the map's JSON), the template syntax is not evaluated."""
    paths = ["/", "/maps/parks", "/parks", "/targets", "/prefectures/530100",
             *[f"/elements/{e}" for e in ids["layout-elements"]],
             *[f"/parks/{p}" for p in list(ids["parks"]) + list(ids["sites"])]]
    for path in paths:
        html = hostile_client.get(path).get_data(as_text=True)
        assert "<script>window.__xss" not in html, path
        assert "<img src=x" not in html, path
        assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html or "\\u003c" in html, path


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
def test_svg_export_keeps_text_literal(hostile_client):
    svg = hostile_client.get("/export/maps/layout.svg?lang=en&dpi=96")
    assert svg.status_code == 200
    root = ET.fromstring(svg.data)  # valid XML: markup in the data was escaped
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
    text = "".join(root.itertext())
    assert "<script>window.__xss=1</script>" in text  # literal text, not parsed as math
    assert "$x^2$" in text


def test_downloads_stay_valid_data(hostile_client):
    geo = hostile_client.get("/downloads/parks.geojson")
    names = [f["properties"]["name_en"] for f in json.loads(geo.data)["features"]]
    assert names and all(n.endswith(HOSTILE) for n in names)
    kml = hostile_client.get("/downloads/parks.kml")
    root = ET.fromstring(kml.data)
    assert HOSTILE in "".join(root.itertext())


# --- in chromium ---------------------------------------------------------------------------

WATCH_CSP = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));
"""

#: Open every popup and tooltip of every folium map on the page (markers inside clusters too),
#: the way Leaflet does, and return the text each one shows.
OPEN_ALL = """
() => {
  const maps = Object.keys(window).filter(k => k.startsWith('map_') && window[k] instanceof L.Map)
                                   .map(k => window[k]);
  const shown = [];
  for (const map of maps) {
    const layers = [];
    const visit = l => { layers.push(l);
      if (l.getLayers) l.getLayers().forEach(visit); };
    map.eachLayer(visit);
    for (const layer of layers) {
      for (const [get, make] of [['getPopup', () => L.popup()], ['getTooltip', () => L.tooltip()]]) {
        const bound = layer[get] && layer[get]();
        if (!bound) continue;
        let content = bound.getContent();
        if (typeof content === 'function') content = content(layer);
        const box = make().setLatLng(map.getCenter()).setContent(content);
        if (get === 'getPopup') box.openOn(map); else box.addTo(map);
        shown.push(box.getElement().textContent);
        map.closePopup(); if (get === 'getTooltip') box.remove();
      }
    }
  }
  return shown;
}
"""


@pytest.fixture(scope="module")
def hostile_server(hostile_app, serve):
    with serve(hostile_app) as url:
        yield url


def test_no_script_runs_and_text_shows_literally(open_page, hostile_server, ids):
    page = open_page(hostile_server, init_script=WATCH_CSP)
    errors = page.watch.console_errors
    unknown = next(p for p, props in ids["parks"].items() if props.get("precision") == "unknown")
    located = next(p for p, props in ids["parks"].items() if props.get("precision") != "unknown")
    pages = {
        "/": True, "/maps/layout?lang=en": True, "/maps/parks": True, "/maps/sites": True,
        "/elements/core": True, "/elements/point-pilot-zones": False,
        "/prefectures/530100": True, "/parks": True, "/parks?q=script": True,
        f"/parks/{located}": True, f"/parks/{unknown}": False, "/targets?lang=en": False,
        "/embed/maps/layout": True, "/ogc/collections/parks/items?f=html": False,
        f"/ogc/collections/parks/items/{located}?f=html": False, "/no-such-page": None,
    }
    popups = 0
    try:
        for path, has_map in pages.items():
            response = page.goto(hostile_server + path)
            assert response.status == (404 if has_map is None else 200), path
            page.wait_for_load_state("load")
            if has_map:
                page.wait_for_selector(".leaflet-container")
                shown = page.evaluate(OPEN_ALL)
                assert shown, f"{path}: no popups or tooltips found"
                assert all("window.__xss" in s for s in shown if "<script>" in s), path
                assert any(HOSTILE in s for s in shown), path
                popups += len(shown)
            text = page.evaluate("document.body.textContent")
            if has_map is not None:
                assert HOSTILE in text, f"{path}: the hostile string is not shown literally"
            assert page.evaluate("typeof window.__xss") == "undefined", path
            assert page.evaluate("window.__csp") == [], path
            if has_map is None:  # the 404 itself is logged by chromium
                errors[:] = [e for e in errors if "status of 404" not in e]
            assert errors == [], path
        assert popups > 50, popups
        assert page.watch.offsite == []
    finally:
        page.close()
