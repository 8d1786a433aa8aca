"""One map-request parser: the same parameters give the same map and the same bad value the
same 400 on the pages, the full maps, the embeds, the exports and in the notebook."""

from __future__ import annotations

import re

import pytest

import geo_layout
from geo_layout.errors import InvalidParameter
from geo_layout.maps import places_map
from geo_layout.maps.request import MapRequest, parse

BAD = [("lang=fr", "lang", "zh, en"), ("basemap=google", "basemap", "none, osm"),
       ("legend=yes", "legend", "0 or 1"), ("bbox=1,2,3", "bbox", "minlon,minlat"),
       ("center=25,102&zoom=40", "zoom", "between 1 and 18"), ("zoom=7", "center", "zoom"),
       ("layers=nope", "layers", "prefectures"), ("prefecture=Atlantis", "prefecture", "530100")]


def test_parse_reads_every_map_parameter(store):
    req = parse({"lang": "en", "basemap": "osm", "layers": "prefectures, parks",
                 "center": "25,102.7", "zoom": "9", "legend": "0", "prefecture": "Kunming",
                 "area": "一区", "q": "ignored on pages"}, store=store, map_path="/maps/parks")
    assert req == MapRequest(lang="en", basemap="osm", layers=("prefectures", "parks"),
                             view={"center": (25.0, 102.7), "zoom": 9}, legend=False,
                             filters={"prefecture": "530100", "area": "zone"})
    assert parse({}, map_path="elements/core") == MapRequest()
    # filters belong to the places maps only
    assert parse({"prefecture": "530100"}, store=store, map_path="elements/core").filters == {}
    with pytest.raises(InvalidParameter, match="filters apply to maps/parks"):
        parse({"prefecture": "530100"}, store=store, map_path="elements/core", strict=True)


@pytest.mark.parametrize("query,parameter,valid", BAD)
@pytest.mark.parametrize("path", ["/maps/parks", "/embed/maps/parks", "/export/maps/parks.html",
                                  "/export/maps/parks.png"])
def test_one_rule_for_a_bad_value_everywhere(client, path, query, parameter, valid):
    if path.endswith(".png") and parameter == "layers":
        pytest.skip("a static export draws every layer")
    # an English page for the wording's checks (a page says its errors in its language)
    resp = client.get(f"{path}?{query}" + ("" if "lang=" in query else "&lang=en"))
    assert resp.status_code == 400, (path, query)
    text = resp.get_data(as_text=True).replace("&#39;", "'")
    # pages say it in their language (Chinese by default: “lang”), JSON in English ('lang')
    assert f"'{parameter}'" in text or f"“{parameter}”" in text
    assert valid in text.replace("&lt;", "<")


@pytest.mark.parametrize("query,parameter,valid", BAD)
def test_the_notebook_applies_the_same_rule(query, parameter, valid):
    with pytest.raises(InvalidParameter) as info:
        geo_layout.map("maps/parks?" + query)
    assert f"'{parameter}'" in info.value.description and valid in info.value.description


def test_every_places_map_applies_its_filters_and_zooms_to_them(client, store):
    kunming = {f.id for f in store.query("parks", {"prefecture": "530100"}).features
               if f.geometry() is not None}

    def drawn(html):
        return set(re.findall(r'\{"id":"([a-z0-9-]+)","at":', html))

    for url in ("/maps/parks?prefecture=530100", "/embed/maps/parks?prefecture=530100",
                "/maps/parks?prefecture=昆明市", "/export/maps/parks.html?prefecture=kunming"):
        assert drawn(client.get(url).get_data(as_text=True)) == kunming, url
    notebook = geo_layout.map("maps/parks", prefecture="Kunming")
    assert drawn(notebook.get_root().render()) == kunming
    (south, west), (north, east) = notebook.initial_bounds
    k_west, k_south, k_east, k_north = store.get("prefectures", "530100").geometry().bounds
    assert west >= k_west - 0.5 and east <= k_east + 0.5, "fitted to Kunming's places"
    assert south >= k_south - 0.5 and north <= k_north + 0.5
    whole = places_map(store, "parks").initial_bounds
    assert whole[1][1] - whole[0][1] > 2 * (east - west)  # unfiltered: the province


def test_frame_without_a_match_keeps_every_column():
    full = geo_layout.frame("parks")
    empty = geo_layout.frame("parks", filters={"prefecture": "Kunming", "kind": "base"})
    assert len(empty) == 0 and list(empty.columns) == list(full.columns)
    assert empty.geometry.name == "geometry" and str(empty.crs) == "EPSG:4326"
    targets = geo_layout.frame("targets", filters={"year": "1900"})
    assert len(targets) == 0 and list(targets.columns) == list(geo_layout.targets.columns)
    assert len(geo_layout.frame("parks", filters={"prefecture": "昆明市"})) == len(
        geo_layout.frame("parks", filters={"prefecture": "530100"})) == 5


def test_dir_lists_the_collections_and_helpers():
    listed = dir(geo_layout)
    for name in ("parks", "sites", "targets", "enterprises", "prefectures", "counties",
                 "layout_elements", "frame", "map", "save_html", "store", "maps"):
        assert name in listed, name
    assert "functools" not in listed and "annotations" not in listed
