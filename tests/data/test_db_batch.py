"""Batches: many records in one transaction, one batch id in the history, all or nothing,
reverted as one — on the GeoPackage and on PostgreSQL."""

from __future__ import annotations

import pytest

from geo_layout.data.db_store import Database
from geo_layout.data.provenance import parse_source
from geo_layout.errors import Conflict, InvalidRecord, NotFound, ReadOnly

SOURCE = parse_source("import: parks.xlsx")
PARK = "guandu-digital-economy-industrial-park"


@pytest.fixture()
def store(any_db_url):
    database = Database(any_db_url)
    return database.link(database.plan_ids()[0]).load()


def park(store, rid, zh, en, lon=102.75, lat=25.02):
    return dict(store.stored("parks", PARK), id=rid, name={"zh": zh, "en": en},
                precision="site", lon=lon, lat=lat, location_source="import test")


def test_a_batch_is_one_transaction_with_one_batch_id(store):
    changes = [(None, park(store, "batch-park-a", "甲园", "Park A")),
               (None, park(store, "batch-park-b", "乙园", "Park B", 102.755, 25.025)),
               (PARK, dict(store.stored("parks", PARK), group="g1"))]
    done = store.write_batch("parks", changes, author="ana", source=SOURCE, comment="import")
    new = done.store
    assert new.get("parks", "batch-park-b").properties["name_en"] == "Park B"
    assert new.record_version("parks", PARK) == 2
    revs = new.history(batch=done.batch, limit=None)
    assert sorted(r.action for r in revs) == ["create", "create", "update"]
    assert {r.batch for r in revs} == {done.batch} and len(done.batch) <= 40
    assert len(new.history(limit=None)) == 3


def test_any_problem_refuses_the_whole_batch(store):
    changes = [(None, park(store, "batch-park-a", "甲园", "Park A")),
               (None, dict(park(store, "batch-park-b", "乙园", "Park B"), industries=["nope"])),
               (None, park(store, "batch-park-a", "甲园二", "Park A2"))]
    with pytest.raises(InvalidRecord) as err:
        store.write_batch("parks", changes, author="ana", source=SOURCE)
    fields = [p.field for p in err.value.problems]
    assert "[1] industries[0]" in fields and "[2] id" in fields
    assert store.history() == []
    with pytest.raises(NotFound):
        store.get("parks", "batch-park-a")
    assert [i for i, _ in store.check_batch("parks", changes)] == [1, 2]


def test_later_records_are_checked_against_earlier_ones(store):
    """A target may name one made earlier in the same batch; not one made later."""
    tid = store.query("targets").features[0].id
    base = store.stored("targets", tid)
    first = dict(base, id="batch-target-a", related=[])
    second = dict(base, id="batch-target-b", related=["batch-target-a"])
    assert store.check_batch("targets", [(None, first), (None, second)]) == []
    [(at, problem)] = store.check_batch("targets", [(None, second), (None, first)])
    assert at == 0 and problem.field.startswith("related")
    done = store.write_batch("targets", [(None, first), (None, second)], author="a",
                             source=SOURCE)
    assert done.store.get("targets", "batch-target-b").properties["related"] == [
        "batch-target-a"]
    site = dict(park(store, "batch-park-a", "甲园", "Park A"), kind="base")
    parked = done.store.write_batch("parks", [(None, park(store, "batch-park-a", "甲园",
                                                          "Park A"))], author="a",
                                    source=SOURCE).store
    assert [p.field for _, p in parked.check_batch("sites", [(None, site)])] == ["id"]


def test_revert_batch_undoes_it_as_one_new_batch(store):
    changes = [(None, park(store, "batch-park-a", "甲园", "Park A")),
               (PARK, dict(store.stored("parks", PARK), group="g1"))]
    done = store.write_batch("parks", changes, author="ana", source=SOURCE)
    back = done.store.revert_batch(done.batch, author="bob", source=SOURCE)
    assert back.batch != done.batch
    with pytest.raises(NotFound):
        back.store.get("parks", "batch-park-a")
    assert back.store.stored("parks", PARK) == store.stored("parks", PARK)
    assert {r.action for r in back.revisions} == {"revert"}
    assert {r.reverts for r in back.revisions} == {r.seq for r in done.revisions}
    again = back.store.revert_batch(back.batch, author="bob", source=SOURCE)
    assert again.store.get("parks", "batch-park-a").properties["name_en"] == "Park A"


def test_revert_batch_refuses_when_a_record_changed_since(store):
    changes = [(None, park(store, "batch-park-a", "甲园", "Park A"))]
    done = store.write_batch("parks", changes, author="ana", source=SOURCE)
    body = dict(done.store.stored("parks", "batch-park-a"), group="later")
    later = done.store.replace("parks", "batch-park-a", body, expected=1, author="x",
                               source=SOURCE).store
    with pytest.raises(Conflict) as err:
        later.revert_batch(done.batch, author="bob", source=SOURCE)
    assert "parks/batch-park-a" in str(err.value)
    with pytest.raises(NotFound):
        later.revert_batch("no-such-batch", author="bob", source=SOURCE)


def test_the_seeds_store_is_read_only(toy_store):
    with pytest.raises(ReadOnly):
        toy_store.write_batch("parks", [], author="a", source=SOURCE)
    with pytest.raises(ReadOnly):
        toy_store.revert_batch("x", author="a", source=SOURCE)
