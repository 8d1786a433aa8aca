"""The store contract: what every Store implementation answers, for every plan.

Parametrised over implementations (``IMPLEMENTATIONS``: the in-memory store today; the file
database and PostgreSQL join here) and over the two plans the tests carry (Yunnan's, and the
toy Ningxia plan in tests/fixtures/toy-plan). A new implementation passes these same tests."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import shapely

from geo_layout.data.store import Store, open_store
from geo_layout.errors import InvalidParameter, NotFound

TOY = Path(__file__).resolve().parents[1] / "fixtures" / "toy-plan"

def _in_memory(folder, _request) -> Store:
    return open_store(folder)


def _database_store(url: str, folder) -> Store:
    from geo_layout.data.db_store import Database

    database = Database(url)
    plan_id = database.ensure(folder)[0]
    return database.link(plan_id).load()


def _geopackage(folder, request) -> Store:
    path = request.getfixturevalue("tmp_path_factory").mktemp("contract") / "plan.gpkg"
    return _database_store(str(path), folder)


def _postgres(folder, request) -> Store:
    server = request.getfixturevalue("postgres_server")
    name = f"contract_{len(_cache)}"
    return _database_store(server.create_database(name), folder)


#: name -> function(data folder or None, pytest request) -> Store
IMPLEMENTATIONS = {"memory": _in_memory, "gpkg": _geopackage, "postgres": _postgres}

#: What each plan holds, from its seed files (counted by hand).
PLANS = {
    "yunnan": {"folder": None, "plan": "yunnan-14th-fyp-information-industry", "province": "530000",
               "counts": {"prefectures": 16, "counties": 129, "layout-elements": 7, "parks": 11,
                          "sites": 7, "enterprises": 13, "targets": 16},
               "park": ("chenggong-information-industry-park", "530114"),
               "search": ("呈贡信息产业园", "chenggong-information-industry-park"),
               "prefecture": ("530100", "昆明市", "Kunming")},
    "toy": {"folder": TOY, "plan": "toy-ningxia-test-plan", "province": "640000",
            "counts": {"prefectures": 5, "counties": 22, "layout-elements": 5, "parks": 2,
                       "sites": 2, "enterprises": 1, "targets": 1},
            "park": ("toy-yinchuan-test-park", "640106"),
            "search": ("银川测试园区", "toy-yinchuan-test-park"),
            "prefecture": ("640100", "银川市", "Yinchuan")},
}

_cache: dict = {}


@pytest.fixture(params=[(i, p) for i in IMPLEMENTATIONS for p in PLANS],
                ids=lambda pair: f"{pair[0]}-{pair[1]}", scope="module")
def case(request):
    implementation, plan = request.param
    key = request.param
    if key not in _cache:
        _cache[key] = IMPLEMENTATIONS[implementation](PLANS[plan]["folder"], request)
    return _cache[key], PLANS[plan]


def test_is_a_store(case):
    store, _ = case
    assert isinstance(store, Store)


def test_plan_metadata(case):
    store, expected = case
    plan = store.plan()
    assert plan.id == expected["plan"]
    assert plan.title.zh and plan.title.en and plan.period_start < plan.period_end
    assert store.province().adcode == expected["province"]
    assert store.sections() and store.industries()
    assert all(c.id for c in store.commitments())
    assert isinstance(store.version, str) and len(store.version) >= 8
    assert store.version == store.version


def test_counts_match_queries(case):
    store, expected = case
    for collection, n in expected["counts"].items():
        assert store.count(collection) == n
        page = store.query(collection)
        assert page.total == n == len(page.features)


def test_get_and_unknown_ids(case):
    store, expected = case
    park, county = expected["park"]
    f = store.get("parks", park)
    assert f.id == park and f.properties["county"] == county
    with pytest.raises(NotFound):
        store.get("parks", "no-such-park")
    with pytest.raises(NotFound):
        store.get("no-such-collection", park)


def test_a_place_is_a_park_or_a_site(case):
    store, expected = case
    park, _ = expected["park"]
    assert store.place(park).collection == "parks"
    site = store.query("sites", limit=1).features[0].id
    assert store.place(site).collection == "sites"
    with pytest.raises(NotFound):
        store.place("no-such-place")


def test_filters_names_and_paging(case):
    store, expected = case
    code, zh, en = expected["prefecture"]
    by_code = [f.id for f in store.query("counties", {"prefecture": code}).features]
    assert by_code and by_code == [f.id for f in store.query("counties", {"prefecture": zh}).features]
    assert by_code == [f.id for f in store.query("counties", {"prefecture": en}).features]
    assert store.resolve("counties", {"prefecture": zh}) == {"prefecture": code}
    with pytest.raises(InvalidParameter):
        store.query("counties", {"prefecture": "nowhere-at-all"})
    with pytest.raises(InvalidParameter):
        store.query("counties", {"colour": "red"})
    page = store.query("counties", limit=2, offset=1)
    assert [f.id for f in page.features] == [f.id for f in store.query("counties").features][1:3]


def test_distinct_values(case):
    store, _ = case
    kinds = store.distinct("layout-elements", "kind")
    assert kinds == {f.properties["kind"] for f in store.query("layout-elements").features}
    prefectures = store.distinct("counties", "prefecture")
    assert prefectures == {f.id for f in store.query("prefectures").features}


def test_located_points_and_selection(case):
    store, expected = case
    xy, features = store.located("parks")
    assert xy.shape == (len(features), 2)
    assert all(f.geometry() is not None for f in features)
    assert len(features) < expected["counts"]["parks"] or len(features) == expected["counts"]["parks"]
    west, south, east, north = store.province().geometry("low").bounds
    assert np.all((xy[:, 0] >= west) & (xy[:, 0] <= east) & (xy[:, 1] >= south) & (xy[:, 1] <= north))
    code = expected["prefecture"][0]
    sel_xy, sel = store.selection("parks", {"prefecture": code})
    assert {f.id for f in sel} == {f.id for f in store.query("parks", {"prefecture": code}).features
                                   if f.geometry() is not None}
    assert sel_xy.shape == (len(sel), 2)
    with pytest.raises(InvalidParameter):
        store.located("prefectures")


def test_nearby_is_sorted_and_within(case):
    store, expected = case
    park, _ = expected["park"]
    lon, lat = store.get("parks", park).geometry().coords[0]
    near = store.nearby(lon, lat, k=3)
    assert near[0].feature.id == park and near[0].distance_km == 0
    assert [n.distance_km for n in near] == sorted(n.distance_km for n in near)
    within = store.nearby(lon, lat, radius_km=30)
    assert all(n.distance_km <= 30 for n in within) and park in {n.feature.id for n in within}


def test_search_finds_by_name(case):
    store, expected = case
    q, fid = expected["search"]
    hits = store.search(q)
    assert hits[0].feature.id == fid
    assert store.search("   ") == []


def test_extent_lies_in_the_province(case):
    store, _ = case
    province = store.province().geometry("medium")
    west, south, east, north = store.extent("prefectures")
    pw, ps, pe, pn = province.bounds
    assert math.isclose(west, pw, abs_tol=0.05) and math.isclose(north, pn, abs_tol=0.05)
    assert store.extent("enterprises") is None
    box = shapely.box(*store.extent("parks"))
    assert box.buffer(0.01).intersects(province)


def test_plans_do_not_mix():
    """Nothing of one plan is in the other: no shared record ids, no shared adcodes."""
    yunnan, toy = open_store(None), open_store(TOY)
    for collection in ("prefectures", "counties", "layout-elements", "parks", "sites",
                       "enterprises", "targets"):
        ids_a = {f.id for f in yunnan.query(collection).features}
        ids_b = {f.id for f in toy.query(collection).features}
        assert ids_a and ids_b and not ids_a & ids_b, collection
