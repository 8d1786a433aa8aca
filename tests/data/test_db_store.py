"""The database store: writes with their revisions, If-Match versions, validation, revert,
history, another process's writes, and the GeoPackage as GIS tools read it."""

from __future__ import annotations


import pyogrio
import pytest
import sqlalchemy as sa

from geo_layout.data import db_engine
from geo_layout.data.db_schema import metadata
from geo_layout.data.db_store import Database
from geo_layout.data.provenance import parse_source
from geo_layout.errors import (Conflict, InvalidParameter, InvalidRecord, NotFound,
                               PreconditionFailed, ReadOnly)

PARK = "guandu-digital-economy-industrial-park"
SURVEY = parse_source("survey: field visit 2026-11")


@pytest.fixture()
def url(any_db_url):
    return any_db_url


@pytest.fixture()
def database(url):
    return Database(url)


@pytest.fixture()
def store(database):
    return database.link(database.plan_ids()[0]).load()


def moved(store, lon=102.75, lat=25.02):
    return dict(store.stored("parks", PARK), precision="site", lon=lon, lat=lat,
                location_source="survey 2026-11")


def test_a_fresh_database_holds_the_seeds_at_version_1(store):
    assert store.count("parks") == 11 and store.count("sites") == 7
    assert store.record_version("parks", PARK) == 1
    assert store.stored("parks", PARK)["precision"] == "county"
    assert store.history() == []


def test_an_edit_is_stored_with_its_revision_and_served_at_once(database, store):
    change = store.replace("parks", PARK, moved(store), expected=1, author="alice",
                           source=SURVEY, comment="moved to the surveyed gate")
    new = database.link(store.plan().id).current
    assert change.store is new and new.version != store.version
    assert new.get("parks", PARK).geometry().coords[0] == (102.75, 25.02)
    assert new.get("parks", PARK).properties["precision"] == "site"
    assert store.get("parks", PARK).properties["precision"] == "county"  # snapshots stay
    assert new.record_version("parks", PARK) == 2
    [rev] = new.history()
    assert (rev.action, rev.author, rev.source, rev.comment, rev.version) == (
        "update", "alice", {"kind": "survey", "reference": "field visit 2026-11"},
        "moved to the surveyed gate", 2)
    assert rev.before["precision"] == "county" and rev.after["lon"] == 102.75
    # the prefecture lists it still; the other places were not rebuilt
    assert PARK in new.get("prefectures", "530100").properties["places"]
    other = "chenggong-information-industry-park"
    assert new.get("parks", other) is store.get("parks", other)


def test_a_stale_version_is_refused_with_the_current_record(store):
    store.replace("parks", PARK, moved(store), expected=1, author="alice", source=SURVEY)
    with pytest.raises(PreconditionFailed) as err:
        store.replace("parks", PARK, moved(store, 102.76), expected=1, author="bob",
                      source=SURVEY)
    assert err.value.status == 412 and err.value.current["lon"] == 102.75
    assert err.value.current_version == "2"


def test_every_field_problem_is_refused_and_nothing_changes(database, store):
    bad = dict(moved(store), name={"zh": "", "en": "x"}, industries=["no-such"])
    with pytest.raises(InvalidRecord) as err:
        store.replace("parks", PARK, bad, expected=1, author="a", source=SURVEY)
    fields = {p.field.split("[")[0] for p in err.value.problems}
    assert {"name.zh", "industries"} <= fields and err.value.status == 400
    assert database.link(store.plan().id).current.record_version("parks", PARK) == 1
    assert store.history() == []


def test_create_and_delete_and_what_refuses_them(database, store):
    body = dict(store.stored("parks", PARK), id="new-test-park",
                name={"zh": "测试新园区", "en": "Test New Park"})
    new = store.create("parks", body, author="a", source=SURVEY).store
    assert new.get("parks", "new-test-park").properties["name_en"] == "Test New Park"
    assert new.search("测试新园区")[0].feature.id == "new-test-park"
    with pytest.raises(Conflict):
        new.create("parks", body, author="a", source=SURVEY)
    ent_id = new.query("enterprises").features[0].id
    ent = dict(new.stored("enterprises", ent_id), parks=["new-test-park"])
    named = new.replace("enterprises", ent_id, ent, expected=1, author="a", source=SURVEY).store
    assert named.get("parks", "new-test-park").properties["enterprises"] == [ent_id]
    with pytest.raises(Conflict) as err:  # an enterprise still names it
        named.delete("parks", "new-test-park", expected=1, author="a", source=SURVEY)
    assert f"enterprises/{ent_id}" in str(err.value)
    ent["parks"] = []
    new = named.replace("enterprises", ent_id, ent, expected=2, author="a", source=SURVEY).store
    assert new.get("parks", "new-test-park").properties["enterprises"] == []
    gone = new.delete("parks", "new-test-park", expected=1, author="a", source=SURVEY).store
    with pytest.raises(NotFound):
        gone.get("parks", "new-test-park")
    assert [r.action for r in gone.history()] == ["delete", "update", "update", "create"]
    with pytest.raises(ReadOnly):
        gone.create("prefectures", {"id": "530199"}, author="a", source=SURVEY)


def test_revert_is_a_new_revision_and_only_of_the_latest_change(database, store):
    first = store.replace("parks", PARK, moved(store), expected=1, author="a", source=SURVEY)
    second = first.store.replace("parks", PARK, moved(store, 102.76), expected=2, author="b",
                                 source=SURVEY)
    with pytest.raises(Conflict):
        second.store.revert(first.revision.seq, author="c", source=SURVEY)
    back = second.store.revert(second.revision.seq, author="c", source=SURVEY).store
    assert back.get("parks", PARK).geometry().coords[0] == (102.75, 25.02)
    assert [(r.action, r.reverts) for r in back.history()][0] == (
        "revert", second.revision.seq)
    assert back.record_version("parks", PARK) == 4


def test_revert_brings_a_deleted_record_back_and_removes_a_created_one(store):
    body = dict(store.stored("parks", PARK), id="new-test-park",
                name={"zh": "新测试园区", "en": "New Test Park"})
    made = store.create("parks", body, author="a", source=SURVEY)
    gone = made.store.delete("parks", "new-test-park", expected=1, author="b", source=SURVEY)
    with pytest.raises(Conflict):
        gone.store.revert(made.revision.seq, author="c", source=SURVEY)
    back = gone.store.revert(gone.revision.seq, author="c", source=SURVEY).store
    assert back.get("parks", "new-test-park").properties["name_en"] == "New Test Park"
    undone = back.revert(back.history(limit=1)[0].seq, author="c", source=SURVEY).store
    with pytest.raises(NotFound):
        undone.get("parks", "new-test-park")
    assert [r.action for r in undone.history()] == ["revert", "revert", "delete", "create"]


def test_history_filters_by_author_record_and_time(store):
    first = store.replace("parks", PARK, moved(store), expected=1, author="a", source=SURVEY)
    second = first.store.replace("parks", PARK, moved(store, 102.76), expected=2, author="b",
                                 source=SURVEY)
    now = second.store
    assert [r.author for r in now.history(author="a")] == ["a"]
    assert [r.seq for r in now.history(fid=PARK, before=second.revision.seq)] == [
        first.revision.seq]
    assert len(now.history(since=first.revision.at)) == 2
    later = second.revision.at.replace(year=second.revision.at.year + 1)
    assert now.history(since=later) == [] and now.history(collection="sites") == []


def test_a_point_outside_its_county_is_refused(store):
    with pytest.raises(InvalidRecord) as err:
        store.replace("parks", PARK, moved(store, lon=120.0), expected=1, author="a",
                      source=SURVEY)
    assert [p.field for p in err.value.problems] == ["lon/lat"]
    assert "530111" in err.value.problems[0].message


def test_a_source_is_required():
    for bad in (None, "", {"kind": "notice"}, {"kind": "rumour", "reference": "x"}, 5):
        with pytest.raises(InvalidParameter):
            parse_source(bad)
    assert parse_source("notice: 云南省工信厅 2024-3").as_dict() == {
        "kind": "notice", "reference": "云南省工信厅 2024-3"}
    assert parse_source("a colleague said so").kind == "other"


def test_another_process_sees_the_change_after_a_refresh(url, store):
    other = Database(url).link(store.plan().id)
    before = other.load()
    store.replace("parks", PARK, moved(store), expected=1, author="a", source=SURVEY)
    after = other.refresh()
    assert after is not before and after.get("parks", PARK).properties["precision"] == "site"
    assert other.refresh() is after  # nothing new: the same snapshot


def test_gis_tools_read_the_live_places(url, database, store):
    store.replace("parks", PARK, moved(store), expected=1, author="a", source=SURVEY)
    if database.engine.dialect.name == "postgresql":  # a PostGIS point layer
        with database.engine.connect() as conn:
            row = conn.execute(sa.text(
                "SELECT ST_X(geom), ST_Y(geom), ST_SRID(geom), count(*) OVER () FROM "
                "gl_records WHERE collection = 'parks' AND record_id = :id"), {"id": PARK}).one()
        assert tuple(row) == (102.75, 25.02, 4326, 1)
        return
    db_url = url
    db_engine.checkpoint(database.engine)
    layers = dict(pyogrio.list_layers(db_url))
    assert layers["parks"] == "Point" and layers["sites"] == "Point"
    frame = pyogrio.read_dataframe(db_url, layer="parks")
    assert len(frame) == 11
    row = frame.set_index("id").loc[PARK]
    assert (row.geometry.x, row.geometry.y, row.precision) == (102.75, 25.02, "site")
    assert row.name_zh == "官渡数字经济产业园"


def test_the_migrations_build_exactly_the_declared_schema(database):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": db_engine.ours})
        diff = compare_metadata(context, metadata)
    assert diff == []
    assert db_engine.schema_revision(database.engine) == db_engine.head_revision(
        database.engine)


def test_export_round_trips_the_records(tmp_path, database, store):
    from geo_layout.data.db_records import rows_of_folder
    from geo_layout.data.paths import default_seeds_dir

    database.export(store.plan().id, tmp_path / "out")
    original, _ = rows_of_folder(default_seeds_dir())
    exported, problems = rows_of_folder(tmp_path / "out")
    assert problems == []
    assert [(r.collection, r.record_id, r.body) for r in exported] == [
        (r.collection, r.record_id, r.body) for r in original]


def test_a_new_baseline_records_its_differences(tmp_path, database, store):
    database.export(store.plan().id, tmp_path / "seeds")
    path = tmp_path / "seeds" / "parks.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("官渡数字经济产业园", "官渡数字园"),
                    encoding="utf-8")
    database.import_seeds(tmp_path / "seeds")
    new = database.link(store.plan().id).current
    assert new.get("parks", PARK).properties["name_zh"] == "官渡数字园"
    [rev] = new.history()
    assert (rev.action, rev.record_id, rev.source["kind"]) == ("update", PARK, "plan")
