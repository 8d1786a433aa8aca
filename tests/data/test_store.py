"""Store queries (get, filters, bbox, nearest, radius, search) against hand-computed answers.

The fixture dataset pins four site-precision parks at points inside known counties, so the
expected answers can be worked out independently (haversine) of the store's pyproj code."""

from __future__ import annotations

import math

import pytest
import shapely

from geo_layout.data.features import Properties
from geo_layout.data.geodata import load_boundaries
from geo_layout.data.paths import default_geodata_dir
from geo_layout.data.store import InMemoryStore, open_store
from geo_layout.data.seeds import load_dataset
from geo_layout.errors import InvalidParameter, NotFound

# id -> (prefecture, county)
PINNED = {
    "p-wuhua": ("530100", "530102"),
    "p-chenggong": ("530100", "530114"),
    "p-qilin": ("530300", "530302"),
    "p-dali": ("532900", "532901"),
}


def haversine_km(a, b):
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def pinned(tmp_path_factory):
    """A store whose parks are the four pinned ones, and their coordinates."""
    import shutil

    import yaml

    from geo_layout.data import paths

    folder = tmp_path_factory.mktemp("pinned")
    shutil.copytree(paths.default_seeds_dir(), folder, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("*.md"))
    counties = {b.adcode: b for b in load_boundaries(default_geodata_dir())["counties"]}
    coords, parks = {}, []
    for pid, (pref, county) in PINNED.items():
        pt = shapely.point_on_surface(counties[county].geometry("high"))
        coords[pid] = (round(pt.x, 5), round(pt.y, 5))
        parks.append({"id": pid, "name": {"zh": f"测试{pid}", "en": f"Test {pid}"},
                      "kind": "park", "elements": [], "prefecture": pref, "county": county,
                      "precision": "site", "lon": coords[pid][0], "lat": coords[pid][1],
                      "location_source": "test fixture", "industries": [],
                      "citation": {"section": "layout"}})
    (folder / "parks.yaml").write_text(yaml.safe_dump({"parks": parks}, allow_unicode=True),
                                       encoding="utf-8")
    ents = yaml.safe_load((folder / "enterprises.yaml").read_text(encoding="utf-8"))
    for e in ents["enterprises"]:
        e["parks"] = []
    (folder / "enterprises.yaml").write_text(yaml.safe_dump(ents, allow_unicode=True),
                                             encoding="utf-8")
    return InMemoryStore(load_dataset(folder)), coords


def test_collections_and_counts(store):
    assert store.query("prefectures").total == 16
    assert store.query("counties").total == 129
    assert store.get("prefectures", "530100").properties["name_zh"] == "昆明市"
    assert store.get("counties", "530114").properties["parent"] == "530100"


def test_get_unknown_raises_not_found(store):
    with pytest.raises(NotFound, match="no parks record with id 'nope'"):
        store.get("parks", "nope")
    with pytest.raises(NotFound, match="unknown collection 'nothing'"):
        store.query("nothing")


def test_cluster_memberships(store):
    def members(eid):
        return sorted(store.get("layout-elements", eid).properties["prefectures"])

    assert members("core") == ["530100"]
    assert members("cluster-silicon") == ["530300", "530500", "530700", "532300"]
    assert members("cluster-smart-terminals") == ["530400", "532500", "532600", "532900"]
    zone = store.get("layout-elements", "zone").properties
    assert sorted(c["adcode"] for c in zone["counties"]) == ["530111", "530127", "530181"]
    assert zone["approximate"] is True
    assert store.get("layout-elements", "point-pilot-zones").geometry() is None


def test_every_located_place_inside_its_prefecture(store):
    for collection in ("parks", "sites"):
        for f in store.query(collection).features:
            p = f.properties
            if p["precision"] == "unknown":
                assert f.geometry() is None, f.id
                continue
            pref = store.get("prefectures", p["prefecture"]).geometry("high")
            assert pref.covers(f.geometry()), f.id
            if p["county"]:
                assert store.get("counties", p["county"]).geometry("high").covers(f.geometry())


def test_filters(store):
    kunming = {f.id for f in store.query("parks", {"prefecture": "530100"}).features}
    assert "chenggong-information-industry-park" in kunming
    assert all(store.get("parks", i).properties["prefecture"] == "530100" for i in kunming)
    silicon = store.query("prefectures", {"element": "cluster-silicon"})
    assert sorted(f.id for f in silicon.features) == ["530300", "530500", "530700", "532300"]
    with pytest.raises(InvalidParameter, match="unknown filter 'colour' for parks"):
        store.query("parks", {"colour": "red"})


def test_pagination(store):
    page = store.query("counties", limit=10, offset=120)
    assert page.total == 129 and len(page.features) == 9
    assert page.features[0].id == sorted(f.id for f in store.query("counties").features)[120]


def test_bbox(pinned):
    s, coords = pinned
    kunming_box = (102.5, 24.7, 103.0, 25.3)
    expected = sorted(pid for pid, (x, y) in coords.items()
                      if kunming_box[0] <= x <= kunming_box[2] and kunming_box[1] <= y <= kunming_box[3])
    assert expected == ["p-chenggong", "p-wuhua"]
    assert sorted(f.id for f in s.query("parks", bbox=kunming_box).features) == expected
    counties = {f.id for f in s.query("counties", bbox=(102.80, 24.85, 102.81, 24.86)).features}
    assert "530114" in counties


def test_nearest_k_order_and_distances(pinned):
    s, coords = pinned
    origin = coords["p-wuhua"]
    expected = sorted(coords, key=lambda pid: haversine_km(origin, coords[pid]))
    result = s.nearby(origin[0], origin[1], k=4, collections=("parks",))
    assert [n.feature.id for n in result] == expected
    for n in result:
        assert n.distance_km == pytest.approx(haversine_km(origin, coords[n.feature.id]),
                                              rel=0.005, abs=0.01)
    assert result[0].distance_km == 0.0


def test_within_radius(pinned):
    s, coords = pinned
    origin = coords["p-wuhua"]
    d_cg = haversine_km(origin, coords["p-chenggong"])
    d_ql = haversine_km(origin, coords["p-qilin"])
    assert d_cg < 60 < d_ql
    inside = s.nearby(origin[0], origin[1], radius_km=60, collections=("parks",))
    assert [n.feature.id for n in inside] == ["p-wuhua", "p-chenggong"]
    k1 = s.nearby(origin[0], origin[1], radius_km=d_ql + 1, k=10, collections=("parks",))
    assert [n.feature.id for n in k1] == ["p-wuhua", "p-chenggong", "p-qilin"]


def test_nearest_far_away_still_answers(pinned):
    s, _ = pinned
    result = s.nearby(0.0, 0.0, k=2, collections=("parks",))
    assert len(result) == 2 and result[0].distance_km > 8000


@pytest.fixture(scope="module")
def dense(tmp_path_factory):
    """1,500 synthetic sites (thousands of candidates per query near Kunming)."""
    from geo_layout.data.synth import write_synthetic

    return open_store(write_synthetic(tmp_path_factory.mktemp("dense") / "data", 1500, seed=2))


def every_distance(s, lon, lat, radius_km, k, collections):
    """The answer by measuring every point geodesically (no index, no pruning)."""
    import numpy as np
    from pyproj import Geod

    rows = []
    for name in collections:
        xy, located = s.located(name)
        _, _, dist_m = Geod(ellps="WGS84").inv(np.full(len(xy), lon), np.full(len(xy), lat),
                                               xy[:, 0], xy[:, 1])
        rows += [(float(d), f.id) for d, f in zip(np.round(dist_m / 1000.0, 3), located)
                 if radius_km is None or d <= radius_km]
    rows.sort()
    return rows[:k] if k is not None else rows


def test_nearby_is_the_same_as_measuring_every_point(dense):
    import random

    rng = random.Random(4)
    points = [(102.71, 25.04), (102.7, 25.0), (100.2, 25.6), (0.0, 0.0), (-77.0, -12.0),
              (102.71 + 180, -25.04)] + [(rng.uniform(97.5, 106.2), rng.uniform(21.1, 29.3))
                                         for _ in range(25)]
    checked = 0
    for lon, lat in points:
        for radius_km, k in ((0.5, None), (3, None), (10, 100), (10, 5), (40, 1), (300, 50),
                             (None, 1), (None, 10), (None, 100), (None, 2000), (25_000, 7)):
            for collections in (("parks", "sites"), ("sites",)):
                got = [(n.distance_km, n.feature.id)
                       for n in dense.nearby(lon, lat, radius_km, k, collections)]
                assert got == every_distance(dense, lon, lat, radius_km, k, collections), \
                    (lon, lat, radius_km, k)
                checked += len(got)
    assert checked > 10_000


def test_search_languages_and_ranking(store):
    def ids(q):
        return [h.feature.id for h in store.search(q)]

    for q in ("呈贡", "chenggong", "ChengGong", "Chenggong Information", "cggx"[:2]):
        assert "chenggong-information-industry-park" in ids(q), q
    assert ids("呈贡信息产业园")[0] == "chenggong-information-industry-park"
    assert ids("xyzzy") == []
    top = store.search("kunming")[0]
    assert top.feature.id == "530100"


def test_open_store_default_version_is_stable():
    assert open_store().version == open_store().version


def test_place_properties_are_compact_and_read_like_dicts(store):
    """A place's properties are read from its record over one shared key table (100,000
    sites with 35 properties: ~89 MB as dicts), and read, copy, compare and serialise as the
    dict they stand for."""
    import copy
    import json
    import pickle
    import sys

    from geo_layout.data.features import plain

    places = (*store.query("parks").features, *store.query("sites").features)
    for feature in places:
        props = feature.properties
        assert isinstance(props, Properties)
        as_dict = dict(props)
        assert sys.getsizeof(props) < sys.getsizeof(as_dict) / 10
        assert list(props) == list(as_dict) and list(props.items()) == list(as_dict.items())
        assert list(props.values()) == list(as_dict.values()) and len(props) == len(as_dict)
        assert list(props.items()) == [(key, props[key]) for key in props]  # one reading
        assert props == as_dict and as_dict == props and not props != as_dict
        assert {**props} == as_dict and props.copy() == as_dict and type(props.copy()) is dict
        assert copy.deepcopy(props) == as_dict and pickle.loads(pickle.dumps(props)) == as_dict
        assert json.dumps(props, default=plain) == json.dumps(as_dict)
        assert props["id"] == feature.id and props.get("id") == feature.id
        assert props.get("no such key", 7) == 7 and "no such key" not in props
        with pytest.raises(KeyError):
            props["no such key"]  # noqa: B018
        assert (props | {"id": "x"})["id"] == "x" and ({"id": "x"} | props)["id"] == feature.id
    first, second = places[0].properties, places[1].properties
    assert first._index is second._index  # one key table
    assert first != second


def test_an_edit_keeps_the_search_index_unless_what_it_finds_by_changed():
    """A place's note, status or point changes nothing a search entry is made of: the new
    store answers from the same index (no second index in memory, no rebuild); a new name
    gives a new index that finds it."""
    import dataclasses

    from geo_layout.data.model import Text
    from geo_layout.data.store_edits import Edit, apply_edits

    before = open_store()
    before.search("kunming")
    place = before.dataset.sites[0]
    noted = dataclasses.replace(place, note=Text("新的说明", "a new note"))
    after = apply_edits(before, [Edit("sites", place.id, noted)], "v-note")
    assert after._search_index is before._search_index and not after.search_pending
    hit = next(h for h in after.search(place.name.en) if h.feature.id == place.id)
    assert hit.feature is after.get("sites", place.id)  # this store's feature, not the old
    assert hit.feature.properties["note_en"] == "a new note"

    renamed = dataclasses.replace(place, name=Text("昆明测试新名园", "Xyzzy Renamed Park"))
    again = apply_edits(after, [Edit("sites", place.id, renamed)], "v-name")
    assert again._search_index is None
    again.build_search()
    assert again._search_index is not before._search_index
    assert [h.feature.id for h in again.search("xyzzy renamed")][:1] == [place.id]
    assert place.id in [h.feature.id for h in again.search("kunmingceshi")]  # its pinyin


def test_pypinyin_is_let_go_after_a_search_index_is_built():
    """pypinyin (~55 MB) leaves the process once the index has the pinyin; a name not seen
    before brings it back for its conversion only."""
    import sys

    from geo_layout.data.search import pinyin_forms, release_pinyin

    store = open_store()
    store.search("kunming")
    assert "pypinyin" not in sys.modules
    assert store.search("nsxx") == store.search("nsxx")  # pinyin from the cache
    assert pinyin_forms("重庆银行测") == ["chongqingyinhangce", "chong qing yin hang ce", "cqyhc"]
    release_pinyin()
    assert "pypinyin" not in sys.modules
    assert pinyin_forms("重庆银行测") == ["chongqingyinhangce", "chong qing yin hang ce", "cqyhc"]

