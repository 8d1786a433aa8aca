"""Element, prefecture and filtered places maps: a selection with more than DYNAMIC_THRESHOLD
located points of a collection loads them by view, and the clusters URL carries the same
selection (and crs=gcj02 on Amap); smaller selections, and the plan's own seeds, are inlined."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from geo_layout.data.store import open_store
from geo_layout.data.synth import write_synthetic
from geo_layout.maps import element_map, layout_map, places_map, prefecture_map, render_document
from geo_layout.maps.dynamic import DYNAMIC_THRESHOLD, DynamicPoints, clusters_url
from geo_layout.maps.elements import PlaceMarkers

N = 8000  # Kunming (the core) gets ~2,500: above the threshold; the silicon cluster ~1,600


@pytest.fixture(scope="module")
def large_store(tmp_path_factory):
    return open_store(write_synthetic(tmp_path_factory.mktemp("lean") / "data", N, seed=1))


def walk(element):
    yield element
    for child in element._children.values():
        yield from walk(child)


def dynamic_urls(m) -> list[str]:
    return [e.config["url"] for e in walk(m) if isinstance(e, DynamicPoints)]


def inlined_ids(m) -> set[str]:
    return {d["id"] for e in walk(m) if isinstance(e, PlaceMarkers) for d in e.items}


def located(store, collection, filters=None) -> list:
    return [f for f in store.query(collection, filters).features if f.geometry() is not None]


def test_the_fixture_straddles_the_threshold(large_store):
    assert len(located(large_store, "sites", {"element": "core"})) > DYNAMIC_THRESHOLD
    assert len(located(large_store, "sites", {"prefecture": "530100"})) > DYNAMIC_THRESHOLD
    silicon = located(large_store, "sites", {"element": "cluster-silicon"})
    assert 0 < len(silicon) < DYNAMIC_THRESHOLD


def test_element_map_loads_a_large_selection_by_view(large_store):
    m = element_map(large_store, "core")
    assert dynamic_urls(m) == ["/api/clusters/sites?element=core"]
    # the parks (few) are still inlined, the sites are not
    assert inlined_ids(m) == {f.id for f in located(large_store, "parks", {"element": "core"})}
    assert len(render_document(m).encode()) < 400_000  # inlined: 2.5 MB


def test_prefecture_map_on_amap_asks_for_gcj02(large_store):
    m = prefecture_map(large_store, "530100", basemap="amap", lang="en")
    (url,) = dynamic_urls(m)
    assert urlsplit(url).path == "/api/clusters/sites"
    assert parse_qsl(urlsplit(url).query) == [("prefecture", "530100"), ("crs", "gcj02")]
    (points,) = [e for e in walk(m) if isinstance(e, DynamicPoints)]
    assert points.config["crs"] == "gcj02"
    assert dynamic_urls(prefecture_map(large_store, "530100")) == [
        "/api/clusters/sites?prefecture=530100"]


def test_dynamic_can_be_forced_either_way(large_store):
    inline = element_map(large_store, "core", dynamic=False)
    assert dynamic_urls(inline) == []
    core_sites = {f.id for f in located(large_store, "sites", {"element": "core"})}
    assert core_sites <= inlined_ids(inline)
    assert dynamic_urls(prefecture_map(large_store, "530400", dynamic=True)) == [
        "/api/clusters/parks?prefecture=530400", "/api/clusters/sites?prefecture=530400"]


def test_small_selections_stay_inlined(large_store):
    m = element_map(large_store, "cluster-silicon")
    assert dynamic_urls(m) == []
    expected = {f.id for c in ("parks", "sites")
                for f in located(large_store, c, {"element": "cluster-silicon"})}
    assert inlined_ids(m) == expected and any(i.startswith("synthetic-") for i in expected)


def test_places_map_passes_filters_and_search(large_store):
    filters = {"prefecture": "530100", "element": "core"}
    m = places_map(large_store, "places", filters=filters)
    assert dynamic_urls(m) == ["/api/clusters/sites?element=core&prefecture=530100"]
    hits = [f.id for f in located(large_store, "sites", {"prefecture": "530100"})]
    searched = places_map(large_store, "places", filters={"prefecture": "530100"}, ids=hits,
                          search="synthetic site")
    assert dynamic_urls(searched) == [
        "/api/clusters/sites?prefecture=530100&q=synthetic+site"]
    # ids without the search they came from cannot be asked for: inlined
    assert dynamic_urls(places_map(large_store, "places", ids=hits)) == []
    small = places_map(large_store, "places", filters={"prefecture": "530100", "kind": "base",
                                                       "industry": "software-it-services"})
    assert dynamic_urls(small) == []


def test_unfiltered_places_maps_and_the_overview_keep_working(large_store):
    assert dynamic_urls(places_map(large_store, "sites")) == ["/api/clusters/sites"]
    assert dynamic_urls(places_map(large_store, "parks")) == []
    assert dynamic_urls(layout_map(large_store)) == ["/api/clusters/sites"]
    assert dynamic_urls(places_map(large_store, "places", dynamic=True)) == [
        "/api/clusters/parks", "/api/clusters/sites"]


def test_the_seeds_maps_inline_everything(store):
    for m in (element_map(store, "core"), prefecture_map(store, "530100"),
              places_map(store, "places", filters={"prefecture": "530100"}),
              layout_map(store), places_map(store, "sites")):
        assert dynamic_urls(m) == []


def test_clusters_url():
    assert clusters_url("sites") == "/api/clusters/sites"
    assert clusters_url("parks", api_base="/x/api/", filters={"kind": "park", "element": "a",
                                                              "county": ""},
                        search="云 硅&x", crs="gcj02") == (
        "/x/api/clusters/parks?element=a&kind=park&q=%E4%BA%91+%E7%A1%85%26x&crs=gcj02")
