"""The field dictionary describes every column the files have, in both languages."""

from __future__ import annotations

import pytest

from geo_layout.data.features import COLLECTIONS
from geo_layout.data.fields import COLLECTION_DOCS, FIELDS
from geo_layout.data.store import open_store
from geo_layout.data.writers import columns, table


def test_every_collection_is_described():
    assert set(FIELDS) == set(COLLECTIONS) == set(COLLECTION_DOCS)
    for doc in COLLECTION_DOCS.values():
        assert doc.title("zh") and doc.title("en") and doc.about("zh") and doc.about("en")


@pytest.fixture(scope="module")
def store(progress_data):
    """The seeds with synthetic target values (the seeds record none)."""
    return open_store(progress_data)


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_property_is_a_described_column(store, collection):
    described = {f.name for f in FIELDS[collection]}
    keys = {k for f in store.query(collection).features for k in f.properties} | {"id"}
    assert keys - described == set()  # a new property must be described before it ships
    # and nothing is described that no record has (the points' lon/lat are computed)
    assert {f.name for f in FIELDS[collection] if not f.added} - keys == set()


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_the_table_has_exactly_the_dictionary_columns(store, collection):
    features = store.query(collection).features
    cols, rows = table(features, collection, names=lambda refs, fid: "n", labels={})
    assert [c.key for c in cols] == [c.key for c in columns(collection)]
    assert len(rows) == len(features) and all(len(r) == len(cols) for r in rows)
    for c in cols:
        assert c.header("zh") and c.header("en") and c.header("zh") != c.header("en")
        assert c.about("zh") and c.about("en")
    assert len({c.key for c in cols}) == len(cols)
