"""The data as of a day (data/as_of.py), against a history built here at controlled times on
both databases: created after -> absent, edited after -> the old values, deleted after ->
present, a place's moved point; the day's end (UTC) as the boundary; the cache; a seeds
folder's store; the (plan_id, at) index and its migration."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from geo_layout.data import as_of, db_engine, db_store
from geo_layout.data.db_store import Database
from geo_layout.data.provenance import parse_source
from geo_layout.data.seed_single import referrers
from geo_layout.errors import NotFound

PARK = "guandu-digital-economy-industrial-park"
NEW = "as-of-test-park"
SURVEY = parse_source("survey: field visit")
UTC = dt.timezone.utc


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=UTC)


@pytest.fixture()
def clock(monkeypatch):
    """Set the time the store writes into each revision: ``clock(when)``."""
    now = {"t": None}
    monkeypatch.setattr(db_store, "_now", lambda: now["t"])

    def set_to(when: dt.datetime) -> None:
        now["t"] = when

    return set_to


@pytest.fixture()
def database(any_db_url):
    as_of.clear_cache()
    return Database(any_db_url)


def _free_site(store) -> str:
    """A site no other record names (it can be deleted)."""
    dataset = store.snapshot.dataset
    return next(s.id for s in dataset.sites if not referrers(dataset, "sites", s.id))


@pytest.fixture()
def history(database, clock):
    """The seeds, then: 2023-03-10 the park moved; 2023-06-30 23:59:59 a park created;
    2023-07-01 00:00:00 its English name changed; 2024-01-15 a site deleted; 2024-05-01 the
    park moved again and an enterprise renamed in English."""
    seeds = database.link(database.plan_ids()[0]).load()
    site = _free_site(seeds)
    enterprise = seeds.query("enterprises").features[0].id
    original = {
        "point": seeds.get("parks", PARK).geometry().coords[0],
        "precision": seeds.get("parks", PARK).properties["precision"],
        "enterprise_en": seeds.get("enterprises", enterprise).properties["name_en"],
        "site_en": seeds.get("sites", site).properties["name_en"],
    }
    clock(at(2023, 3, 10, 12))
    store = seeds.replace("parks", PARK, _moved(seeds, 102.75, 25.02), expected=1,
                          author="a", source=SURVEY).store
    clock(at(2023, 6, 30, 23, 59, 59))
    body = dict(store.stored("parks", PARK), id=NEW,
                name={"zh": "往日测试园区", "en": "Test Park Then"})
    store = store.create("parks", body, author="a", source=SURVEY).store
    clock(at(2023, 7, 1, 0, 0, 0))
    store = store.replace("parks", NEW, dict(body, name={"zh": "往日测试园区",
                                                         "en": "Test Park Renamed"}),
                          expected=1, author="b", source=SURVEY).store
    clock(at(2024, 1, 15, 9))
    store = store.delete("sites", site, expected=1, author="b", source=SURVEY).store
    clock(at(2024, 5, 1, 8))
    store = store.replace("parks", PARK, _moved(store, 102.76, 25.03), expected=2,
                          author="c", source=SURVEY).store
    clock(at(2024, 5, 1, 9))
    ent = dict(store.stored("enterprises", enterprise))
    ent["name"] = dict(ent["name"], en="Enterprise Renamed Later")
    store = store.replace("enterprises", enterprise, ent, expected=1, author="c",
                          source=SURVEY).store
    return store, site, enterprise, original


def _moved(store, lon, lat) -> dict:
    return dict(store.stored("parks", PARK), precision="site", lon=lon, lat=lat,
                location_source="survey")


def test_before_the_first_revision_the_data_is_the_seeds(history):
    store, site, enterprise, original = history
    past = as_of.store_as_of(store, dt.date(2023, 1, 1))
    assert past.get("parks", PARK).geometry().coords[0] == original["point"]
    assert past.get("parks", PARK).properties["precision"] == original["precision"]
    with pytest.raises(NotFound):
        past.get("parks", NEW)
    assert past.get("sites", site).properties["name_en"] == original["site_en"]
    assert past.get("enterprises", enterprise).properties["name_en"] == \
        original["enterprise_en"]
    assert past.count("parks") == 11 and past.count("sites") == 7
    assert past.editable is False and past.version != store.version


def test_each_day_shows_what_was_true_at_its_end(history):
    store, site, enterprise, original = history
    # edited after -> old values; created after -> absent; deleted after -> present
    mid = as_of.store_as_of(store, dt.date(2023, 6, 29))
    assert mid.get("parks", PARK).geometry().coords[0] == (102.75, 25.02)
    assert mid.get("parks", PARK).properties["precision"] == "site"
    with pytest.raises(NotFound):
        mid.get("parks", NEW)
    # the park created at 23:59:59 is there at the end of its day; the rename at 00:00:00
    # of the next day is not
    end = as_of.store_as_of(store, dt.date(2023, 6, 30))
    assert end.get("parks", NEW).properties["name_en"] == "Test Park Then"
    nxt = as_of.store_as_of(store, dt.date(2023, 7, 1))
    assert nxt.get("parks", NEW).properties["name_en"] == "Test Park Renamed"
    assert nxt.get("sites", site).properties["name_en"] == original["site_en"]
    # deleted during 2024-01-15: gone at the end of that day, there the day before
    assert as_of.store_as_of(store, dt.date(2024, 1, 14)).count("sites") == 7
    gone = as_of.store_as_of(store, dt.date(2024, 1, 15))
    with pytest.raises(NotFound):
        gone.get("sites", site)
    assert gone.count("sites") == 6
    assert gone.get("parks", PARK).geometry().coords[0] == (102.75, 25.02)
    assert gone.get("enterprises", enterprise).properties["name_en"] == \
        original["enterprise_en"]
    # the last day of changes and any later day: today's data
    last = as_of.store_as_of(store, dt.date(2024, 5, 1))
    assert last.get("parks", PARK).geometry().coords[0] == (102.76, 25.03)
    assert last.get("enterprises", enterprise).properties["name_en"] == \
        "Enterprise Renamed Later"
    assert last.version != store.version and last.as_of == dt.date(2024, 5, 1)
    assert last.get("parks", NEW) is store.get("parks", NEW)  # today's, shared


def test_the_past_is_searched_and_queried_like_today(history):
    store, site, _, original = history
    past = as_of.store_as_of(store, dt.date(2023, 6, 30))
    # the moved point is where the spatial queries look
    near = past.nearby(102.75, 25.02, k=1)
    assert near[0].feature.id in (PARK, NEW) and near[0].distance_km < 0.01
    assert [f.id for f in past.query("parks", bbox=(102.759, 25.029, 102.761, 25.031))
            .features] == []
    assert {h.feature.id for h in past.search("往日测试园区")} == {NEW}
    # the prefecture lists the park of that day
    prefecture = past.get("parks", NEW).properties["prefecture"]
    assert NEW in past.get("prefectures", prefecture).properties["places"]
    assert site in past.get("prefectures", past.get("sites", site).properties["prefecture"]
                            ).properties["places"]


def test_places_that_did_not_change_are_shared_with_today(history):
    store, site, _, _ = history
    past = as_of.store_as_of(store, dt.date(2024, 2, 1))
    other = next(f.id for f in store.query("parks").features if f.id not in (PARK, NEW))
    assert past.get("parks", other) is store.get("parks", other)


def test_only_the_revisions_after_the_day_are_undone(history):
    store, _, _, _ = history
    records = as_of.past_records(store, dt.date(2024, 1, 15))
    assert sorted((r.collection, r.record_id) for r in records) == sorted(
        [("parks", PARK), ("enterprises", store.query("enterprises").features[0].id)])
    park = next(r for r in records if r.record_id == PARK)
    assert (park.body["lon"], park.body["lat"]) == (102.75, 25.02)


def test_a_past_store_is_kept_per_version_and_day(history, clock):
    store, _, _, _ = history
    first = as_of.store_as_of(store, dt.date(2023, 6, 30))
    assert as_of.store_as_of(store, dt.date(2023, 6, 30)) is first
    assert as_of.store_as_of(store, dt.date(2023, 6, 30), cached=False) is not first
    clock(at(2024, 6, 1))
    newer = store.replace("parks", NEW, dict(store.stored("parks", NEW), note={
        "zh": "备注", "en": "a note"}), expected=2, author="d", source=SURVEY).store
    again = as_of.store_as_of(newer, dt.date(2023, 6, 30))
    assert again is not first  # a new data version: built again
    assert again.get("parks", NEW).properties["name_en"] == "Test Park Then"
    for day in range(1, 2 + as_of.CACHED):
        as_of.store_as_of(newer, dt.date(2022, 1, day))
    assert as_of.store_as_of(newer, dt.date(2023, 6, 30)) is not again  # pushed out


def test_records_that_do_not_load_one_by_one_are_loaded_whole(history, monkeypatch):
    """The fallback: when a record of that day does not pass the checks against today's data
    alone, the plan as of that day is loaded whole, with the same answers."""
    from geo_layout.errors import DataError

    store, site, _, original = history

    def refuse(dataset, past):
        raise DataError(["a record of that day does not load alone"])

    monkeypatch.setattr(as_of, "_typed", refuse)
    past = as_of.store_as_of(store, dt.date(2023, 6, 30), cached=False)
    assert past.get("parks", PARK).geometry().coords[0] == (102.75, 25.02)
    assert past.get("parks", NEW).properties["name_en"] == "Test Park Then"
    assert past.get("sites", site).properties["name_en"] == original["site_en"]
    assert past.count("parks") == 12 and past.as_of == dt.date(2023, 6, 30)


def test_a_seeds_folder_has_no_history_and_is_shown_as_it_is():
    from geo_layout.data.store import open_store

    seeds = open_store()
    assert as_of.keeps_history(seeds) is False
    assert as_of.store_as_of(seeds, dt.date(2023, 1, 1)) is seeds


def test_the_day_ends_at_midnight_utc():
    assert as_of.end_of_day(dt.date(2023, 12, 31)) == at(2024, 1, 1)


def test_the_time_indexes_exist_and_their_migrations_add_them(tmp_path):
    """0003 on a database made at 0002 adds ix_gl_revisions_plan_at; 0004 makes the
    per-record index cover the first revision of each record after a day."""
    engine = db_engine.open_engine(db_engine.database_url(tmp_path / "old.gpkg"))
    db_engine.upgrade(engine, "0002")

    def indexes():
        return {ix["name"]: ix["column_names"]
                for ix in sa.inspect(engine).get_indexes("gl_revisions")}

    assert "ix_gl_revisions_plan_at" not in indexes()
    assert indexes()["ix_gl_revisions_record"] == ["plan_id", "collection", "record_id"]
    db_engine.upgrade(engine)
    assert indexes()["ix_gl_revisions_plan_at"] == ["plan_id", "at"]
    assert indexes()["ix_gl_revisions_record"] == ["plan_id", "collection", "record_id", "at",
                                                   "action", "seq"]
    assert db_engine.schema_revision(engine) == "0004"
    engine.dispose()
