"""Map-app hand-off on park pages and in popups: each app gets the point in its own coordinate
system and order (cross-checked with ``geo_layout.data.crs``), and the page warns that a point
is approximate before it offers any coordinate."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest

from geo_layout.data import crs
from geo_layout.data.map_apps import handoffs
from geo_layout.maps.popups import Context, place_popup

CHENGGONG = "chenggong-information-industry-park"


def _field(html: str, field_id: str) -> str:
    match = re.search(rf'<input id="{field_id}"[^>]*value="([^"]*)"', html)
    assert match, f"no input #{field_id}"
    return unescape(match.group(1))


def _links(html: str) -> dict[str, str]:
    return {urlparse(unescape(u)).netloc: unescape(u)
            for u in re.findall(r'<a class="handoff" href="([^"]+)"', html)}


@pytest.mark.parametrize("place_id", [CHENGGONG, "kunming-high-tech-zone"])
def test_each_app_gets_its_system_and_order(client, store, place_id):
    html = get_page(client, f"/parks/{place_id}?lang=en")
    point = store.get("parks", place_id).geometry()
    glon, glat = crs.convert(point.x, point.y, "wgs84", "gcj02")
    blon, blat = crs.convert(point.x, point.y, "wgs84", "bd09")
    assert _field(html, "coord-amap") == f"{glon:.6f},{glat:.6f}"
    assert _field(html, "coord-baidu") == f"{blon:.6f},{blat:.6f}"
    assert _field(html, "coord-tianditu") == f"{point.x:.6f},{point.y:.6f}"
    assert _field(html, "coord-gps") == f"{point.y:.6f}, {point.x:.6f}"
    # labelled with the system and the order
    assert "Amap, Tencent Maps (GCJ-02) · lng,lat" in unescape(html)
    assert "Baidu Maps (BD-09) · lng,lat" in unescape(html)
    assert "(WGS-84) · lat, lng" in unescape(html)
    # the systems really differ here (inside China), so the test can tell them apart
    assert len({_field(html, f"coord-{a}") for a in ("amap", "baidu", "tianditu")}) == 3

    links = _links(html)
    amap = parse_qs(urlparse(links["uri.amap.com"]).query)
    assert amap["position"] == [f"{glon:.6f},{glat:.6f}"] and amap["coordinate"] == ["gaode"]
    assert amap["name"] == [store.get("parks", place_id).name("en")]
    baidu = parse_qs(urlparse(links["api.map.baidu.com"]).query)
    assert baidu["location"] == [f"{blat:.6f},{blon:.6f}"]  # Baidu's URI: lat,lng
    assert baidu["coord_type"] == ["bd09ll"] and baidu["output"] == ["html"]
    tianditu = parse_qs(urlparse(links["map.tianditu.gov.cn"]).query)
    assert tianditu["lon"] == [f"{point.x:.6f}"] and tianditu["lat"] == [f"{point.y:.6f}"]
    assert 'target="_blank" rel="noopener noreferrer">Open in Amap' in html


def test_the_warning_comes_before_the_coordinates(client):
    for lang, warning in (("en", "Note: this is not the park's exact location."),
                          ("zh", "注意：这不是园区的确切位置。")):
        html = unescape(get_page(client, f"/parks/{CHENGGONG}?lang={lang}"))
        section = html[html.index('id="coordinates"'):]
        assert warning in section
        assert section.index(warning) < section.index('id="coord-amap"')
        assert section.index(warning) < section.index('class="handoff"')


def test_handoff_values_agree_with_crs():
    lon, lat = 102.83, 24.88
    by_app = {h.app: h for h in handoffs(lon, lat, "x")}
    assert (by_app["amap"].lon, by_app["amap"].lat) == crs.convert(lon, lat, "wgs84", "gcj02")
    assert (by_app["baidu"].lon, by_app["baidu"].lat) == crs.convert(lon, lat, "wgs84", "bd09")
    assert by_app["gps"].url is None and by_app["gps"].text == "24.880000, 102.830000"


def test_popups_link_to_the_apps(store):
    feature = store.get("parks", CHENGGONG)
    html = place_popup(Context(store, "zh", ""), feature)
    assert "在地图应用中打开（大致位置）" in html  # a county-precision point says so
    glon, glat = crs.convert(feature.geometry().x, feature.geometry().y, "wgs84", "gcj02")
    assert f"position={glon:.6f},{glat:.6f}" in html
    assert html.count('class="gl-handoff"') == 3


def get_page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)
