"""Pages stay small when the data is large: with thousands of synthetic sites the maps load
their points by view (the clusters URL carrying the page's selection), lists of places are
capped with a count and a link to the full list, and the directory paginates. With the plan's
own seeds none of this shows."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest

from geo_layout.app import create_app
from geo_layout.data import crs
from geo_layout.data.synth import write_synthetic
from geo_layout.maps.dynamic import DYNAMIC_THRESHOLD
from geo_layout.web.views.areas import INSIDE_ROWS
from geo_layout.web.views.directory import PAGE_ROWS
from geo_layout.web.views.lists import LIST_ROWS

N = 8000  # Kunming (element core, prefecture 530100) gets ~2,500: above the threshold
MAX_GROWTH = 80_000  # bytes a page may grow over the seeds' page: capped lists, no markers


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    folder = write_synthetic(tmp_path_factory.mktemp("lean") / "data", N, seed=1)
    app = create_app({"TESTING": True, "DATA": str(folder)})
    with app.app_context():
        from geo_layout.web.state import current_store

        store = current_store()
    return app.test_client(), store


def get(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def clusters_urls(html: str) -> list[str]:
    """The clusters URLs of the page's view-loaded layers (from their JSON config)."""
    configs = re.findall(r"GeoLayout\.dynamicPoints\([^,]+,\s*[^,]+,\s*(\{.*?\})\);", html,
                         re.S)
    return [json.loads(c)["url"] for c in configs]


def listed_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)"', html)


def more_rows(html: str) -> list[dict]:
    """Each "first N of M" note: its numbers and links."""
    out = []
    for block in re.findall(r'<p class="more-rows">(.*?)</p>', html, re.S):
        numbers = [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", block.split("<a")[0])]
        out.append({"numbers": numbers,
                    "links": [unescape(h) for h in re.findall(r'href="([^"]+)"', block)]})
    return out


def located(store, collection, filters=None) -> list:
    return [f for f in store.query(collection, filters).features if f.geometry() is not None]


LARGE_PAGES = ["/", "/maps/layout", "/maps/sites", "/elements/core", "/prefectures/530100",
               "/embed/prefectures/530100", "/embed/elements/core", "/parks",
               "/parks?prefecture=530100", "/parks?q=synthetic"]


@pytest.mark.parametrize("path", LARGE_PAGES)
def test_pages_do_not_grow_with_the_data(large, client, path):
    big, _ = large
    seeds_size = len(client.get(path.replace("q=synthetic", "q=park")).data)  # seeds: a map too
    size = len(big.get(path).data)
    assert size < seeds_size + MAX_GROWTH, (path, seeds_size, size)
    assert size < 500_000


@pytest.mark.parametrize("path, expected", [
    ("/elements/core", ["/api/clusters/sites?element=core"]),
    ("/prefectures/530100", ["/api/clusters/sites?prefecture=530100"]),
    ("/prefectures/530100?basemap=amap", ["/api/clusters/sites?prefecture=530100&crs=gcj02"]),
    ("/embed/prefectures/530100", ["/api/clusters/sites?prefecture=530100"]),
    ("/embed/maps/sites?element=core", ["/api/clusters/sites?element=core"]),
    ("/", ["/api/clusters/sites"]),
    ("/parks", ["/api/clusters/sites"]),
    ("/parks?prefecture=530100&q=synthetic&lang=en",
     ["/api/clusters/sites?prefecture=530100&q=synthetic"]),
    ("/parks?prefecture=530100&kind=project", []),  # ~1,250 sites: inlined
    ("/elements/cluster-silicon", []),  # ~1,600 sites: below the threshold, inlined
])
def test_maps_load_the_pages_selection_by_view(large, path, expected):
    client, _ = large
    assert clusters_urls(get(client, path)) == expected


def test_the_clusters_api_counts_what_the_page_selects(large):
    client, store = large
    for query, filters in [("element=core", {"element": "core"}),
                           ("prefecture=530100&kind=project", {"prefecture": "530100",
                                                               "kind": "project"})]:
        body = client.get(f"/api/clusters/sites?zoom=6&{query}").get_json(force=True)
        expected = len(located(store, "sites", filters))
        assert expected > 1000 and body["numberMatched"] == expected
        drawn = sum(f["properties"].get("count", 1) for f in body["features"])
        assert drawn == expected and not body["truncated"]
    hits = {h.feature.id for h in store.search("synthetic site 12", limit=100_000,
                                                collections=("sites",))}
    body = client.get("/api/clusters/sites?zoom=18&q=synthetic+site+12").get_json(force=True)
    assert {f["id"] for f in body["features"]} == hits and len(hits) > 10


def test_element_page_caps_its_lists(large):
    client, store = large
    html = get(client, "/elements/core?lang=en")
    members = [f.id for f in located(store, "sites", {"element": "core"})]
    total = len(store.get("layout-elements", "core").properties["places"])
    assert len(members) > DYNAMIC_THRESHOLD
    # the place table: the first LIST_ROWS in id order, as before, then the count and links
    expected = sorted(store.get("layout-elements", "core").properties["places"])[:LIST_ROWS]
    # then the places located in its area (parks first, in id order), capped shorter
    inside = [f.id for c in ("parks", "sites") for f in store.query(c, {"area": "core"}).features]
    assert len(inside) > INSIDE_ROWS
    assert listed_ids(html) == expected + inside[:INSIDE_ROWS]
    notes = more_rows(html)
    assert len(notes) == 3  # the map's text version, the place table, the places inside
    for note in notes[:2]:
        assert note["numbers"][0] == LIST_ROWS
        assert note["links"][0] == "/parks?lang=en&element=core"
        assert "/downloads/sites.csv?element=core" in note["links"]
        assert "/downloads/parks.geojson?element=core" in note["links"]
        assert "/downloads/parks.xlsx?element=core&lang=en" in note["links"]  # headers in en
    assert notes[1]["numbers"][1] == total
    assert notes[2]["numbers"] == [INSIDE_ROWS, len(inside)]
    assert notes[2]["links"][0] == "/parks?lang=en&area=core"
    assert "/downloads/sites.csv?area=core" in notes[2]["links"]
    text = html.split('id="map-text"')[1].split("</details>")[0]
    assert text.count("<li>") == LIST_ROWS


def test_overview_text_version_is_capped(large):
    client, store = large
    html = get(client, "/")
    text = html.split('id="map-text"')[1].split("</details>")[0]
    assert text.count("<li>") == LIST_ROWS
    (note,) = more_rows(text)
    assert note["numbers"] == [LIST_ROWS, sum(len(located(store, c)) for c in ("parks",
                                                                               "sites"))]
    assert note["links"][:2] == ["/parks?lang=zh", "/downloads/parks.csv"]


def test_the_directory_paginates(large):
    client, store = large
    everything = [f.id for c in ("parks", "sites") for f in store.query(c).features]
    pages = -(-len(everything) // PAGE_ROWS)
    first = get(client, "/parks?lang=en")
    assert listed_ids(first) == everything[:PAGE_ROWS]
    assert f"{len(everything):,} results" in first
    assert f"Page 1 of {pages:,}" in first
    assert 'rel="prev"' not in first
    second = get(client, "/parks?lang=en&page=2")
    assert listed_ids(second) == everything[PAGE_ROWS:2 * PAGE_ROWS]
    last = get(client, f"/parks?lang=en&page={pages}")
    assert listed_ids(last) == everything[(pages - 1) * PAGE_ROWS:]
    assert 'rel="next"' not in last and 'rel="prev"' in last
    assert "The map shows all" in last  # the map is the whole selection, not this page


def test_pagination_links_keep_the_query(large):
    client, store = large
    html = get(client, "/parks?q=synthetic&prefecture=530100&lang=en&basemap=osm")
    links = {rel: unescape(href) for rel, href in
             re.findall(r'class="button-link page-(\w+)"[^>]*href="([^"]+)"', html)}
    assert set(links) == {"next", "last"}
    query = dict(parse_qsl(urlsplit(links["next"]).query))
    assert query == {"q": "synthetic", "prefecture": "530100", "lang": "en", "basemap": "osm",
                     "page": "2"}
    last = get(client, links["last"])
    prev = dict(parse_qsl(urlsplit(unescape(re.search(
        r'rel="prev" href="([^"]+)"', last).group(1))).query))
    assert prev["q"] == "synthetic" and prev["prefecture"] == "530100"
    matching = [f for f in located(store, "sites", {"prefecture": "530100"})
                if f.id.startswith("synthetic-")]
    assert f"{len(matching):,} results" in html


@pytest.mark.parametrize("page, message", [
    ("0", "between 1 and"), ("-3", "between 1 and"), ("abc", "must be an integer"),
    ("1.5", "must be an integer"), ("100000", "between 1 and"),
])
def test_bad_pages_are_a_400_page(large, page, message):
    client, _ = large
    html = get(client, f"/parks?lang=en&page={page}", status=400)
    assert "400 Bad request" in html and "page" in html and message in html


def test_the_seeds_show_no_pagination_or_caps(client):
    for path in ("/", "/maps/layout", "/maps/sites", "/elements/core", "/prefectures/530100",
                 "/parks", "/parks?q=chenggong"):
        html = get(client, path)
        assert 'class="more-rows"' not in html and 'class="pagination"' not in html, path
        assert clusters_urls(html) == [], path
    get(client, "/parks?page=1")
    get(client, "/parks?page=2", status=400)


def test_clusters_in_gcj02_line_up_with_the_amap_overlays(client, store):
    """The view-loaded points on an Amap basemap: the API shifts points and clusters by the
    same conversion as every inlined overlay (crs.wgs84_to_gcj02)."""
    plain = client.get("/api/clusters/parks?zoom=18").get_json(force=True)
    body = client.get("/api/clusters/parks?zoom=18&crs=gcj02").get_json(force=True)
    assert body["coordinate_system"]["id"] == "gcj02"
    assert [f["id"] for f in body["features"]] == [f["id"] for f in plain["features"]]
    for f in body["features"]:
        point = store.get("parks", f["id"]).geometry()
        expected = crs.wgs84_to_gcj02(point.x, point.y)
        assert f["geometry"]["coordinates"] == pytest.approx(list(expected), abs=1e-6)
        lon, lat = f["geometry"]["coordinates"]
        assert max(abs(lon - point.x), abs(lat - point.y)) > 1e-3  # really moved (~300 m)
    zoomed_out = client.get("/api/clusters/parks?zoom=5&crs=gcj02").get_json(force=True)
    wgs = client.get("/api/clusters/parks?zoom=5").get_json(force=True)
    for shifted, original in zip(zoomed_out["features"], wgs["features"]):
        lon, lat = original["geometry"]["coordinates"]
        assert shifted["geometry"]["coordinates"] == pytest.approx(
            list(crs.wgs84_to_gcj02(lon, lat)), abs=2e-5)
        if shifted["properties"].get("cluster"):
            west, south, east, north = original["properties"]["bbox"]
            assert shifted["properties"]["bbox"] == pytest.approx(
                [*crs.wgs84_to_gcj02(west, south), *crs.wgs84_to_gcj02(east, north)], abs=2e-5)
    assert client.get("/api/clusters/parks?zoom=5&crs=gcj02&coords=bd09").status_code == 400
    assert client.get("/api/clusters/parks?zoom=5&colour=red").status_code == 400
    assert client.get("/api/clusters/parks?zoom=5&prefecture=" + "x" * 201).status_code == 400
