"""clusters.selection: the located points of a filtered map, the same ones the page lists."""

from __future__ import annotations

import numpy as np
import pytest

from geo_layout.data.clusters import grid_clusters, selection
from geo_layout.errors import InvalidParameter


def _ids(features) -> list[str]:
    return [f.id for f in features]


def test_unfiltered_is_the_whole_located_collection(store):
    xy, features = selection(store, "parks")
    all_xy, all_features = store.located("parks")
    assert features is all_features and xy is all_xy


@pytest.mark.parametrize("filters", [{"prefecture": "530100"}, {"element": "core"},
                                     {"prefecture": "530100", "precision": "county"},
                                     {"industry": "xinchuang"}, {"kind": "base"}])
def test_filters_select_what_the_store_query_selects(store, filters):
    xy, features = selection(store, "parks", filters)
    expected = [f for f in store.query("parks", filters).features if f.geometry() is not None]
    assert _ids(features) == _ids(expected)
    assert xy.shape == (len(expected), 2)
    for (lon, lat), f in zip(xy.tolist(), features):
        assert (lon, lat) == (f.geometry().x, f.geometry().y)


def test_search_keeps_every_hit_that_passes_the_filters(store):
    hits = {h.feature.id for h in store.search("xinchuang", collections=("parks",))}
    _, features = selection(store, "parks", q="xinchuang")
    located = {f.id for f in store.located("parks")[1]}
    assert set(_ids(features)) == hits & located and len(features) >= 2
    _, yuxi = selection(store, "parks", {"prefecture": "530400"}, q="xinchuang")
    assert _ids(yuxi) == ["yunnan-xinchuang-industrial-park-yuxi"]
    assert selection(store, "parks", q="xyzzy")[0].shape == (0, 2)


def test_a_selection_is_computed_once_per_store(store, monkeypatch):
    first = selection(store, "sites", {"prefecture": "530100"})
    monkeypatch.setattr(store, "query", lambda *a, **k: pytest.fail("not cached"))
    again = selection(store, "sites", {"prefecture": "530100"})
    assert _ids(again[1]) == _ids(first[1]) and np.array_equal(again[0], first[0])


def test_unknown_filters_are_refused(store):
    with pytest.raises(InvalidParameter):
        selection(store, "parks", {"colour": "red"})


def test_clusters_of_a_selection_count_only_it(store):
    xy, _ = selection(store, "parks", {"prefecture": "530100"})
    groups, singles, matched = grid_clusters(xy, (97.0, 21.0, 106.5, 29.5), 6)
    assert matched == len(xy) and sum(c.count for c in groups) + len(singles) == len(xy)
