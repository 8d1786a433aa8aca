"""The map builders: content, options, errors, escaping, offline assets."""

from __future__ import annotations

import copy
import html
import json
import re

import folium
import pytest
from folium.plugins import MarkerCluster

from geo_layout.data import crs
from geo_layout.errors import InvalidParameter, NotFound
from geo_layout.maps import (
    BASEMAPS, LocalTiles, element_map, layout_map, map_parts, place_map, places_map, prefecture_map,
    render_document, unlocated,
)
from geo_layout.maps.elements import (
    HtmlGeoJson, Labels, Legend, PlaceMarkers, UncertaintyCircles,
)
from geo_layout.words import t




def walk(element):
    yield element
    for child in element._children.values():
        yield from walk(child)


def find(m, cls, **attrs):
    """The elements of type ``cls`` in a built map, matching ``attrs``."""
    return [e for e in walk(m) if isinstance(e, cls)
            and all(getattr(e, k, None) == v for k, v in attrs.items())]

EXPECTED_ROLES = {
    "530100": "core",
    "530300": "cluster-silicon", "530500": "cluster-silicon", "530700": "cluster-silicon",
    "532300": "cluster-silicon",
    "530400": "cluster-smart-terminals", "532500": "cluster-smart-terminals",
    "532900": "cluster-smart-terminals", "532600": "cluster-smart-terminals",
    "533100": "point", "530600": "point",
}
HOSTILE = "<script>alert(1)</script>"
# A resource the page would load from elsewhere: src=/href= or CSS url() with a scheme or //.
OFFSITE = re.compile(r"""(?:src|href)\s*=\s*\\?["']?\s*(?:https?:)?//"""
                     r"""|url\(\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def overview(store):
    m = layout_map(store)
    return m, render_document(m)


def _prefecture_features(m):
    (layer,) = find(m, HtmlGeoJson, layer_id="prefectures")
    return layer.data["features"]


def test_overview_has_16_prefectures_with_their_roles(overview):
    features = _prefecture_features(overview[0])
    roles = {f["properties"]["adcode"]: f["properties"]["role"] for f in features}
    assert len(roles) == 16
    assert roles == {code: EXPECTED_ROLES.get(code, "none") for code in roles}
    assert sum(r == "none" for r in roles.values()) == 5
    core = next(f for f in features if f["properties"]["adcode"] == "530100")
    assert "gl-role-core" in core["properties"]["style"]["className"]
    assert 'href="/prefectures/530100?lang=zh"' in core["properties"]["popup"]


@pytest.mark.parametrize("lang,short", [("zh", "楚雄州"), ("en", "Chuxiong")])
def test_prefecture_labels_are_the_short_names_of_the_data(store, renamed_short_store, lang,
                                                            short):
    """The labels print short_zh/short_en of the boundary data (names.csv), nothing computed."""
    def labels(m):
        return [item["html"] for layer in find(m, Labels) for item in layer.items
                if item.get("cls") == "gl-prefecture-label"]

    real = labels(layout_map(store, lang=lang))
    assert len(real) == 16 and f"<span>{short}</span>" in real
    renamed = labels(layout_map(renamed_short_store, lang=lang))
    test = "<span>楚雄测试</span>" if lang == "zh" else "<span>Chuxiong Test</span>"
    assert test in renamed and f"<span>{short}</span>" not in renamed
    assert sorted(set(real) - set(renamed)) == [f"<span>{short}</span>"]


def test_overview_layers_one_per_element_plus_prefectures_and_places(overview, store):
    m = overview[0]
    assert m.layer_ids == ["prefectures", "core", "zone", "cluster-silicon",   # plan order
                           "cluster-smart-terminals", "point-ruili", "point-shuifu", "places"]
    (zone,) = find(m, HtmlGeoJson, layer_id="zone")
    style = zone.data["features"][0]["properties"]["style"]
    assert style["fillColor"] == "url(#gl-hatch)" and style["stroke"] is False
    # outlined county by county: approximate ones dashed, whole ones solid (extents.py)
    (parts,) = find(m, HtmlGeoJson, layer_id="zone-counties")
    seeds = {c["adcode"]: c["extent"] == "approximate"
             for c in store.get("layout-elements", "zone").properties["counties"]}
    drawn = {f["id"]: f["properties"] for f in parts.data["features"]}
    assert drawn["530111"]["approximate"] and drawn["530111"]["style"]["dashArray"] == "8 6"
    for props in drawn.values():
        assert ("dashArray" in props["style"]) == props["approximate"]
    assert {k: p["approximate"] for k, p in drawn.items()} == seeds
    (core,) = find(m, HtmlGeoJson, layer_id="core")
    assert "dashArray" not in core.data["features"][0]["properties"]["style"]
    assert 'href="/elements/core?lang=zh"' in core.data["features"][0]["properties"]["popup"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_legend_lists_every_role_in_the_language(store, lang):
    m = layout_map(store, lang=lang)
    (legend,) = find(m, Legend)
    names = {f.id: f.name(lang) for f in store.query("layout-elements").features}
    expected = [names["core"], t("legend.zone_approx", lang, name=names["zone"]),
                names["cluster-silicon"], names["cluster-smart-terminals"],
                t("legend.point_prefecture", lang), t("legend.other", lang)]
    assert "gl-swatch-dashed" in legend.html  # every zone county is approximate
    rows = [html.unescape(r) for r in re.findall(r"</i>([^<]+)</div>", legend.html)]
    assert rows[:6] == expected            # the plan's order, each named as its element
    for key in ("legend.hollow", "legend.circle"):
        assert t(key, lang) in rows
    other = "zh" if lang == "en" else "en"
    assert store.get("layout-elements", "cluster-silicon").name(other) not in legend.html
    doc = render_document(m)
    assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in doc
    assert f"<title>{store.plan().layout_title.get(lang)}</title>" in doc


def test_legend_can_be_left_out(store):
    assert find(layout_map(store, legend=False), Legend) == []


def test_low_detail_and_rounded_coordinates_on_the_province_map(overview, store):
    features = _prefecture_features(overview[0])
    text = json.dumps([f["geometry"] for f in features])
    decimals = max(len(n.split(".")[1]) for n in re.findall(r"-?\d+\.\d+", text))
    assert decimals <= 3
    m = prefecture_map(store, "530100")
    (counties,) = find(m, HtmlGeoJson, layer_id="counties")
    text = json.dumps([f["geometry"] for f in counties.data["features"]])
    assert max(len(n.split(".")[1]) for n in re.findall(r"-?\d+\.\d+", text)) == 4
    assert len(counties.data["features"]) == len(
        store.query("counties", {"prefecture": "530100"}).features)


def test_places_show_their_precision(store):
    m = places_map(store, "parks")
    (markers,) = find(m, PlaceMarkers)
    by_id = {d["id"]: d for d in markers.items}
    located = [f for f in store.query("parks").features if f.geometry() is not None]
    assert set(by_id) == {f.id for f in located}
    for f in located:
        assert by_id[f.id]["exact"] is (f.properties["precision"] == "site")
        assert 'href="/parks/' + f.id + '?lang=zh"' in by_id[f.id]["popup"]
    (circles,) = find(m, UncertaintyCircles)
    radii = {(tuple(c["at"]), c["radius_m"]) for c in circles.items}
    for f in located:
        if f.properties["precision"] != "site":
            at = (round(f.geometry().y, 5), round(f.geometry().x, 5))
            assert (at, round(f.properties["uncertainty_km"] * 1000)) in radii


def test_unlocated_places_are_listed_not_pinned(store):
    m = places_map(store, "sites")
    expected = [f.id for f in store.query("sites", {"precision": "unknown"}).features]
    assert expected and [f.id for f in m.unlocated] == expected
    assert [f.id for f in unlocated(store, "sites")] == expected
    pinned = {d["id"] for e in find(m, PlaceMarkers) for d in e.items}
    assert not pinned & set(expected)
    lone = place_map(store, expected[0])
    assert [f.id for f in lone.unlocated] == [expected[0]] and find(lone, PlaceMarkers) == []


def test_filters_reach_the_store(store):
    m = places_map(store, "parks", filters={"prefecture": "530100"})
    ids = {d["id"] for e in find(m, PlaceMarkers) for d in e.items}
    assert ids and all(store.get("parks", i).properties["prefecture"] == "530100" for i in ids)
    with pytest.raises(InvalidParameter):
        places_map(store, "parks", filters={"colour": "red"})
    with pytest.raises(InvalidParameter):
        places_map(store, "enterprises")


def test_amap_shifts_every_overlay_to_gcj02(store):
    m = layout_map(store, basemap="amap")
    doc = render_document(m)
    (markers,) = find(m, PlaceMarkers)
    park = store.get("parks", "zhaotong-shuifu-economic-development-zone")
    lon, lat = crs.wgs84_to_gcj02(park.geometry().x, park.geometry().y)
    at = next(d["at"] for d in markers.items if d["id"] == park.id)
    assert at == pytest.approx([lat, lon], abs=1e-5)
    assert abs(at[1] - park.geometry().x) > 1e-3  # really moved (hundreds of metres)
    assert json.dumps(at, separators=(",", ":")) in doc
    feature = next(f for f in _prefecture_features(m) if f["properties"]["adcode"] == "530600")
    ring = store.get("prefectures", "530600").geometry("coarse")  # the overview's level
    ring = (ring.geoms[0] if hasattr(ring, "geoms") else ring).exterior.coords
    coords = feature["geometry"]["coordinates"]
    drawn = coords[0][0] if feature["geometry"]["type"] == "MultiPolygon" else coords[0]
    shifted = [[round(v, 2) for v in crs.wgs84_to_gcj02(*xy)] for xy in ring]
    assert drawn == shifted  # every vertex shifted, then rounded to the level's 2 decimals
    assert drawn != [[round(v, 2) for v in xy] for xy in ring]
    assert "webrd0{s}.is.autonavi.com" in doc
    plain = layout_map(store)
    (plain_markers,) = find(plain, PlaceMarkers)
    assert next(d["at"] for d in plain_markers.items if d["id"] == park.id) == [
        round(park.geometry().y, 5), round(park.geometry().x, 5)]


def test_basemap_checks(store):
    assert BASEMAPS == ("none", "osm", "tianditu", "amap", "local")
    with pytest.raises(InvalidParameter, match="tianditu basemap needs a key"):
        layout_map(store, basemap="tianditu")
    with pytest.raises(InvalidParameter):
        layout_map(store, basemap="google")
    doc = render_document(layout_map(store, basemap="tianditu", tianditu_key="abc123def456"))
    assert "tianditu.gov.cn/vec_w/wmts" in doc and "tk=abc123def456" in doc
    assert "tile.openstreetmap.org" in render_document(layout_map(store, basemap="osm"))
    with pytest.raises(InvalidParameter, match="local basemap needs a tile service"):
        layout_map(store, basemap="local")
    local = LocalTiles("/tiles/{z}/{x}/{y}.png", "Ours", "gcj02", 5, 12)
    doc = render_document(layout_map(store, basemap="local", local_tiles=local))
    assert '"url":"/tiles/{z}/{x}/{y}.png"' in doc and '"maxNativeZoom":12' in doc
    assert '"minNativeZoom":5' in doc and '{"crs":"gcj02","levels"' in doc  # overlays follow the tiles


def test_unknown_ids_are_not_found(store):
    with pytest.raises(NotFound):
        element_map(store, "no-such-element")
    with pytest.raises(NotFound):
        prefecture_map(store, "539999")
    with pytest.raises(NotFound):
        place_map(store, "no-such-park")
    with pytest.raises(InvalidParameter):
        layout_map(store, layers=["no-such-layer"])
    with pytest.raises(InvalidParameter):
        layout_map(store, view=(105, 20, 100, 25))


def test_layers_choose_what_shows_first(store):
    m = layout_map(store, layers=["core", "places"])
    shown = {g.layer_id: g.show for g in find(m, folium.FeatureGroup)
             if hasattr(g, "layer_id")}
    assert shown["core"] and shown["places"]
    assert not shown["prefectures"] and not shown["zone"]


def test_view_sets_the_bounds_and_the_detail(store):
    m = layout_map(store, view=(102.5, 24.8, 103.0, 25.2))
    doc = render_document(m)
    assert "[[24.8, 102.5], [25.2, 103.0]]" in doc
    text = json.dumps(_prefecture_features(m)[0]["geometry"])
    assert max(len(n.split(".")[1]) for n in re.findall(r"-?\d+\.\d+", text)) == 5  # high
    centred = layout_map(store, view={"center": (25.0, 102.7), "zoom": 9})
    assert centred.location == [25.0, 102.7] and "fitBounds" not in render_document(centred)


def test_furniture_gets_the_subject_and_markers_are_touch_targets(store):
    m = element_map(store, "cluster-silicon")
    script = map_parts(m).script
    south_west, north_east = m.initial_bounds
    found = re.search(r"GeoLayout\.furniture\((map_\w+),\s*(\[\[.*?\]\])\);", script)
    assert found and found[1] == m.get_name()
    assert json.loads(found[2]) == [south_west, north_east]  # the element's bounds, to refit
    assert '"zoomSnap": 0.25' in map_parts(m).body  # fitted to the pixel, not to whole zooms
    place = map_parts(place_map(store, "kunming-high-tech-zone")).script
    assert "iconSize: [44, 44], iconAnchor: [22, 22]" in place  # a finger's size round the dot
    centred = element_map(store, "cluster-silicon", view={"center": (25.0, 102.7), "zoom": 9})
    assert re.search(r"GeoLayout\.furniture\(map_\w+,\s*null\);", map_parts(centred).script)


def test_the_offsite_check_catches_folium_defaults():
    assert OFFSITE.search(folium.Map(tiles=None).get_root().render())
    assert OFFSITE.search("background: url('//cdn.example/x.png')")


def test_every_builder_loads_only_same_origin_assets(store):
    maps = [layout_map(store), element_map(store, "zone"), prefecture_map(store, "530100"),
            places_map(store, "parks"), places_map(store, "sites"),
            place_map(store, "kunming-high-tech-zone"), element_map(store, "point-pilot-zones")]
    for m in maps:
        doc = render_document(m)
        # the popups' map-app links are links the reader follows, not something the page loads
        doc = re.sub(r'href=\\"https://(uri\.amap\.com|api\.map\.baidu\.com|'
                     r'map\.tianditu\.gov\.cn)/', 'href=\\"', doc)
        assert re.findall(r"https?://", doc) == []
        assert not OFFSITE.search(doc)
        head = map_parts(m).head
        assert "jquery" not in head.lower() and "bootstrap" not in head.lower()
        assert "font-awesome" not in head.lower() and "awesome" not in head.lower()
    for basemap in ("osm", "amap"):
        doc = render_document(layout_map(store, basemap=basemap))
        tiles = re.findall(r'"url":"(https://[^"]+)"', doc)
        assert tiles
        for url in tiles:
            doc = doc.replace(url, "")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", doc)


def test_class_level_asset_lists_never_change(store):
    before = [copy.deepcopy(cls.default_js) + copy.deepcopy(cls.default_css)
              for cls in (folium.Map, MarkerCluster)]
    for kwargs in ({"lang": "en", "basemap": "amap"}, {"lang": "zh", "basemap": "osm",
                                                       "asset_base": "/static-x"}):
        render_document(layout_map(store, **kwargs))
        render_document(places_map(store, "parks", **kwargs))
    after = [cls.default_js + cls.default_css for cls in (folium.Map, MarkerCluster)]
    assert after == before
    assert any("cdn" in url for _, url in folium.Map.default_js)  # still folium's own
    m = layout_map(store, asset_base="/static-x")
    assert '<script src="/static-x/leaflet/leaflet.js?v=' in map_parts(m).head


def test_map_parts_split_the_document(store):
    m = place_map(store, "kunming-high-tech-zone", lang="en")
    parts = map_parts(m)
    assert "/assets/leaflet/leaflet.css?v=" in parts.head
    assert "html, body" not in parts.head  # does not restyle the embedding page
    # only Leaflet blocks the page; the plugins and our scripts are deferred
    assert re.search(r'<script src="/assets/leaflet/leaflet\.js\?v=\w+"></script>', parts.head)
    assert re.search(r'<script defer src="/assets/bundle\.js\?f=app/js/controls\.js,'
                     r'app/js/furniture\.js,app/js/basemap\.js,(app/js/refine\.js,)?'
                     r'markercluster/leaflet\.markercluster\.js&amp;v=\w+"',
                     parts.head)
    assert re.search(r'<link rel="stylesheet" href="/assets/bundle\.css\?f=app/css/fonts\.css,'
                     r"app/css/map\.css,markercluster/MarkerCluster\.css,markercluster/MarkerCluster\.Default\.css",
                     parts.head)
    assert parts.head.count("<script") == 2 and parts.head.count("<link") == 2
    # body: the map's <div>, then the script that makes the map and draws its first layer
    first = re.fullmatch(r'\s*<div class="folium-map gl-map" id="(map_[0-9a-f]+)"></div>\s*'
                         r"<script>\n(.*)\n</script>", parts.body, flags=re.S)
    assert first, parts.body[:200]
    name, first_script = first.groups()
    assert f"var {name} = L.map(" in first_script and "L.control.scale(" in first_script
    assert first_script.rstrip().endswith(f".addTo({name});")  # the prefectures group
    assert "GeoLayout" not in first_script  # deferred scripts are not there yet
    # script: the rest, once the document is parsed
    assert "L.map(" not in parts.script and "<script" not in parts.script
    assert 'document.addEventListener("DOMContentLoaded", run)' in parts.script
    assert "GeoLayout.controls(" in parts.script and "L.markerClusterGroup(" in parts.script
    assert parts.scripts == (first_script, parts.script)
    assert map_parts(m) is parts
    doc = render_document(m)
    assert doc.startswith("<!DOCTYPE html>") and parts.script in doc
    name = store.get("parks", "kunming-high-tech-zone").name("en")
    assert f"<title>{name} | Location</title>" in doc


def test_hostile_names_are_escaped_everywhere(hostile_store):
    maps = [layout_map(hostile_store), places_map(hostile_store, "parks"),
            place_map(hostile_store, "kunming-high-tech-zone", lang="en"),
            element_map(hostile_store, "core"), prefecture_map(hostile_store, "530100")]
    for m in maps:
        doc = render_document(m)
        assert "<script>alert" not in doc and "alert(1)</script>" not in doc
        assert "\\u0026lt;script\\u0026gt;alert(1)" in doc  # html-escaped, then JSON-escaped
    m = place_map(hostile_store, "kunming-high-tech-zone")
    (markers,) = find(m, PlaceMarkers)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markers.items[0]["popup"]
    assert HOSTILE not in markers.items[0]["popup"] + markers.items[0]["tooltip"]
    assert "<title>&lt;script&gt;" in render_document(m)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_layer_list_names_elements_as_the_legend_does(store, lang):
    m = layout_map(store, lang=lang)
    (legend,) = find(m, Legend)
    for f in store.query("layout-elements").features:
        groups = [g for g in m.layer_groups if g.layer_id == f.id]
        if not groups:
            continue  # an element without a geometry has no layer
        assert html.unescape(groups[0].layer_name) == f.name(lang)
        if f.properties["kind"] in ("core", "cluster"):
            assert f.name(lang) in html.unescape(legend.html)


def test_one_rule_for_levels_by_zoom():
    """The maps built here and the scripts refining them read the same rule (maps/style.py):
    the scripts get it in each map's config, never a copy of their own."""
    from pathlib import Path

    from geo_layout.maps.style import level_for_zoom, levels_config

    assert [level_for_zoom(z) for z in (5, 7, 8, 9, 10, 11, 18)] == \
        ["coarse", "coarse", "low", "medium", "medium", "high", "high"]
    assert levels_config() == {"names": ["coarse", "low", "medium", "high"],
                               "maxZooms": [7, 8, 10]}
    scripts = Path(__file__).resolve().parents[2] / "geo_layout" / "web" / "static" / "js"
    for name in ("controls.js", "refine.js", "basemap.js"):
        text = (scripts / name).read_text(encoding="utf-8")
        assert "zoom <= 7" not in text and '"coarse"' not in text, name
