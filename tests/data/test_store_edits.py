"""Edits applied to an in-memory store without a reload (data/store_edits.py) answer exactly
as the same data loaded whole: places created, deleted, and moved to another prefecture,
element or industry (the lists that name them), with every query the store offers."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from geo_layout.data.features import COLLECTIONS, PLACE_COLLECTIONS
from geo_layout.data.seed_single import referrers
from geo_layout.data.store import InMemoryStore, open_store, spliced
from geo_layout.data.store_edits import Edit, apply_edits, with_edits


@pytest.fixture(scope="module")
def seeds():
    return open_store()


def _free_places(dataset, collection, n=2):
    """Places of ``collection`` no other record names (they can be deleted)."""
    records = getattr(dataset, collection)
    return [p for p in records if not referrers(dataset, collection, p.id)][:n]


def _elsewhere(dataset, place):
    """Another place's prefecture, county, point, elements and industries."""
    other = next(p for p in (*dataset.parks, *dataset.sites) if p.prefecture != place.prefecture
                 and p.point is not None and p.elements != place.elements)
    return dataclasses.replace(place, prefecture=other.prefecture, county=other.county,
                               point=other.point, elements=other.elements,
                               industries=other.industries)


@pytest.fixture(scope="module")
def edits(seeds):
    """Two sites and a park created (one unlocated), a site and a park deleted, a site moved
    to another prefecture and elements, and a site edited twice (moved, then deleted)."""
    ds = seeds.dataset
    template = ds.sites[0]
    located = dataclasses.replace(_elsewhere(ds, template), id="zz-new-site-a")
    unlocated = dataclasses.replace(template, id="aa-new-site-b", point=None,
                                    point_source=None)
    park = dataclasses.replace(ds.parks[0], id="mm-new-park", industries=())
    gone_site, twice = _free_places(ds, "sites")
    [gone_park] = _free_places(ds, "parks", 1)
    moved = next(s for s in ds.sites if s.id not in (gone_site.id, twice.id))
    return [
        Edit("sites", located.id, located),
        Edit("sites", unlocated.id, unlocated),
        Edit("parks", park.id, park),
        Edit("sites", gone_site.id, None),
        Edit("parks", gone_park.id, None),
        Edit("sites", moved.id, _elsewhere(ds, moved)),
        Edit("sites", twice.id, _elsewhere(ds, twice)),
        Edit("sites", twice.id, None),
    ]


@pytest.fixture(scope="module")
def applied(seeds, edits):
    return apply_edits(seeds, edits, "v-edited")


@pytest.fixture(scope="module")
def loaded(seeds, edits):
    dataset = dataclasses.replace(with_edits(seeds.dataset, edits), version="v-edited")
    return InMemoryStore(dataset)


def _shape(feature):
    return feature.id, feature.properties, feature.geometry() and feature.geometry().wkb


def test_every_collection_is_as_loaded_whole(applied, loaded):
    for name in COLLECTIONS:
        assert [_shape(f) for f in applied.query(name).features] == \
            [_shape(f) for f in loaded.query(name).features], name


def test_created_and_deleted_places_are_found_and_gone(applied, edits, seeds):
    assert applied.get("sites", "zz-new-site-a").properties["prefecture"] == \
        edits[0].record.prefecture
    assert applied.get("sites", "aa-new-site-b").geometry() is None
    for edit in edits[3:5]:
        with pytest.raises(Exception, match="no|not"):
            applied.get(edit.collection, edit.record_id)
        seeds.get(edit.collection, edit.record_id)  # the store it came from keeps it
    prefecture = applied.get("prefectures", edits[0].record.prefecture)
    assert "zz-new-site-a" in prefecture.properties["places"]
    assert edits[3].record_id not in applied.get(
        "prefectures", seeds.get("sites", edits[3].record_id).properties["prefecture"]
    ).properties["places"]


def test_the_spatial_indexes_answer_as_loaded_whole(applied, loaded, edits):
    lon, lat = edits[0].record.point
    for name in PLACE_COLLECTIONS:
        xy, feats = applied.located(name)
        xy2, feats2 = loaded.located(name)
        assert [f.id for f in feats] == [f.id for f in feats2]
        np.testing.assert_array_equal(xy, xy2)
        box = (lon - 1, lat - 1, lon + 1, lat + 1)
        assert [f.id for f in applied.query(name, bbox=box).features] == \
            [f.id for f in loaded.query(name, bbox=box).features]
    near = applied.nearby(lon, lat, k=5)
    assert "zz-new-site-a" in [n.feature.id for n in near if n.distance_km == 0]  # its point
    assert [(n.feature.id, n.distance_km) for n in near] == \
        [(n.feature.id, n.distance_km) for n in loaded.nearby(lon, lat, k=5)]
    assert applied.extent("sites") == loaded.extent("sites")
    prefecture = edits[0].record.prefecture
    assert applied.count("sites", {"prefecture": prefecture}) == \
        loaded.count("sites", {"prefecture": prefecture})


def test_untouched_features_are_shared_not_rebuilt(applied, seeds, edits):
    touched = {e.record_id for e in edits}
    kept = [f for f in seeds.query("sites").features if f.id not in touched]
    assert all(applied.get("sites", f.id) is f for f in kept)
    assert applied.get("counties", kept[0].properties["county"]) is \
        seeds.get("counties", kept[0].properties["county"])


def test_search_finds_a_created_place_once_its_index_is_built(applied):
    applied.build_search()
    name = applied.get("sites", "zz-new-site-a").properties["name_zh"]
    assert "zz-new-site-a" in [h.feature.id for h in applied.search(name, limit=50)]


def test_a_splice_drops_and_merges_in_order_with_arrays_in_step():
    items = [("a", 0), ("c", 1), ("e", 2), ("g", 3)]
    added = [("b", 10), ("e", 20), ("h", 30)]  # "e" replaces the old one
    splice = spliced(items, {"c", "e", "x"}, added, key=lambda item: item[0])
    assert splice.items == [("a", 0), ("b", 10), ("e", 20), ("g", 3), ("h", 30)]
    assert splice.dropped.tolist() == [1, 2] and splice.inserted.tolist() == [1, 2, 4]
    values = np.array([[0, 0], [1, 1], [2, 2], [3, 3]])
    assert splice.apply(values, np.array([[10, 10], [20, 20], [30, 30]])).tolist() == \
        [[0, 0], [10, 10], [20, 20], [3, 3], [30, 30]]
    assert spliced(["a", "b"], {"b"}, []).items == ["a"]
    assert spliced([], set(), ["a"]).items == ["a"]


def test_a_filter_answers_from_its_index_as_a_scan_would(applied):
    """Every filter value of every place property, through the index (a first filter on the
    whole collection) and through a scan (the same filter after a bbox that holds all)."""
    from geo_layout.data.store import FILTERS

    world = (-180, -90, 180, 90)
    for name in PLACE_COLLECTIONS:
        for key, prop in FILTERS[name].items():
            values = {v for f in applied.query(name).features
                      for v in (f.properties.get(prop) if isinstance(
                          f.properties.get(prop), list) else [f.properties.get(prop)])}
            for value in sorted(str(v) if v is not None else "none" for v in values):
                indexed = applied.query(name, {key: value})
                scanned = applied.query(name, {key: value}, bbox=world)
                assert [f.id for f in indexed.features if f.geometry() is not None] == \
                    [f.id for f in scanned.features], (name, key, value)
                assert indexed.total > 0, (name, key, value)


def test_an_edit_after_a_splice_answers_as_loaded_whole(applied, loaded):
    """A place moved in place (same lists) on the spliced store, whose spatial index is
    only built when first asked for."""
    site = next(s for s in reversed(applied.dataset.sites) if s.point is not None)
    lon, lat = site.point
    moved = dataclasses.replace(site, point=(lon + 0.001, lat + 0.001))
    after = apply_edits(applied, [Edit("sites", site.id, moved)], "v-moved")
    whole = InMemoryStore(dataclasses.replace(
        with_edits(loaded.dataset, [Edit("sites", site.id, moved)]), version="v-moved"))
    assert [_shape(f) for f in after.query("sites").features] == \
        [_shape(f) for f in whole.query("sites").features]
    near = after.nearby(lon + 0.001, lat + 0.001, k=3)
    assert [(n.feature.id, n.distance_km) for n in near] == \
        [(n.feature.id, n.distance_km) for n in whole.nearby(lon + 0.001, lat + 0.001, k=3)]
    assert site.id in [n.feature.id for n in near if n.distance_km == 0]


def test_an_edit_in_place_after_a_splice_shares_its_lazy_index(seeds, edits):
    from geo_layout.data.model import Text

    spliced_store = apply_edits(seeds, edits, "v-edited")  # its index not built yet
    site = next(s for s in spliced_store.dataset.sites if s.point is not None)
    renamed = dataclasses.replace(site, name=Text("改名项目", "Renamed site"))
    after = apply_edits(spliced_store, [Edit("sites", site.id, renamed)], "v-renamed")
    lon, lat = site.point
    box = (lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01)
    hits = after.query("sites", bbox=box).features
    assert site.id in [f.id for f in hits]
    assert next(f for f in hits if f.id == site.id).properties["name_en"] == "Renamed site"


def test_features_by_id_in_every_collection_and_after_edits(seeds, edits):
    """A collection sorted by id is read by bisection (no dict): every feature is found
    under its id, unknown or non-text ids are not, in every collection and after edits
    that create, delete and move places."""
    from geo_layout.errors import NotFound

    edited = apply_edits(seeds, edits, "edited")
    for store in (seeds, edited):
        for name in COLLECTIONS:
            features = store.query(name).features
            for f in features:
                assert store.get(name, f.id) is f
            by_id = store._by_id[name]
            assert list(by_id) == [f.id for f in features] and len(by_id) == len(features)
            for missing in ("no-such-id", "", "\x00", "zzzz-after-every-id"):
                assert missing not in by_id
                with pytest.raises(NotFound):
                    store.get(name, missing)
            assert 42 not in by_id and None not in by_id
    deleted = [e for e in edits if e.record is None]
    assert deleted
    for edit in deleted:
        assert edit.record_id in seeds._by_id[edit.collection]
        assert edit.record_id not in edited._by_id[edit.collection]
