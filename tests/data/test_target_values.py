"""Target values: recorded after the plan, each with its source, a year's value dated the
year's last day; parsed, served, written and refused like the plan's records, and read by the
progress board (figures worked by hand in the comments)."""

from __future__ import annotations

from datetime import date

import pytest

from geo_layout.data.db_store import Database
from geo_layout.data.progress_board import board, counts, status_label
from geo_layout.data.provenance import parse_source
from geo_layout.data.record_shapes import record_of_feature
from geo_layout.data.seed_single import validate_record
from geo_layout.data.store import open_store
from geo_layout.errors import Conflict, InvalidRecord

REVENUE = "information-industry-revenue-2025"
STATIONS = "new-5g-base-stations-2025"
SOURCE = parse_source("yearbook: statistical yearbook 2024")


@pytest.fixture(scope="module")
def values_store(progress_data):
    return open_store(progress_data)


def _problems(store_or_dataset, raw) -> dict[str, str]:
    from geo_layout.data.seeds import load_dataset

    dataset = load_dataset()
    return {p.field: p.message for p in validate_record(dataset, "target-values", raw)}


def _value(**kw) -> dict:
    return {"id": "v-test", "target": REVENUE, "value": 2100, "value_source": "yearbook", **kw}


def test_a_value_is_given_by_year_or_by_date_never_both_never_neither():
    assert _problems(None, _value(year=2022)) == {}
    assert _problems(None, _value(date="2022-06-30")) == {}
    assert _problems(None, _value(year=2022, date="2022-06-30")) == {
        "year": "give either year (the year's value) or date (YYYY-MM-DD), not both"}
    assert _problems(None, _value()) == {
        "date": "is required (or year, for a year's value)"}
    assert _problems(None, _value(date="2022-02-30")) == {
        "date": "'2022-02-30' is not a date (YYYY-MM-DD)"}
    assert _problems(None, _value(year=1800)) == {"year": "1800 is not a plausible year"}


def test_a_value_names_a_known_target_and_its_source():
    found = _problems(None, {"id": "v-test", "target": "no-such-target", "value": 1,
                             "year": 2022})
    assert found["target"] == "unknown target id 'no-such-target'"
    assert found["value_source"] == "is required"
    assert _problems(None, _value(year=2022, unit="亿元"))["unit"].startswith("unknown field")


def test_values_are_served_with_their_target_unit_and_date(values_store):
    v = values_store.get("target-values", "info-revenue-2022").properties
    assert v == {"id": "info-revenue-2022", "target": REVENUE, "value": 2300,
                 "date": "2022-12-31", "year": 2022, "by_year": True, "unit_zh": "亿元",
                 "unit_en": "100 million CNY", "value_source": "测试数据 test data A",
                 "note_zh": None, "note_en": None}
    mid = values_store.get("target-values", "projects-mid-2023").properties
    assert (mid["date"], mid["year"], mid["by_year"]) == ("2023-06-30", 2023, False)
    of_revenue = values_store.query("target-values", {"target": REVENUE}).features
    assert [f.properties["year"] for f in of_revenue] == [2021, 2022, 2023]  # oldest first
    assert values_store.count("target-values", {"year": "2022"}) == 3


def test_a_served_value_sent_back_is_the_record_it_came_from(values_store):
    for fid, expected in (("info-revenue-2022", {"year": 2022}),
                          ("projects-mid-2023", {"date": "2023-06-30"})):
        props = values_store.get("target-values", fid).properties
        record, _ = record_of_feature("target-values", {"type": "Feature", "properties": props,
                                                        "geometry": None})
        assert {k: record[k] for k in ("year", "date") if k in record} == expected
        assert "unit_zh" not in record and "by_year" not in record


def test_the_board_follows_the_paths_worked_by_hand(values_store):
    rows = {r.target.id: r.progress for r in board(values_store)}
    revenue = rows[REVENUE]
    # baseline implied by 19 % a year over 2021-2025: 4000 / 1.19^5 = 1676.20 (2020);
    # 2023 on the compound path: 1676.20 * (4000 / 1676.20)^(3/5) = 2823.9 > 2500: behind
    assert revenue.baseline.implied_by == "information-industry-revenue-growth"
    assert revenue.baseline.value == pytest.approx(1676.20, abs=0.01)
    assert (revenue.status, revenue.latest.value) == ("behind", 2500)
    assert revenue.expected == pytest.approx(2823.9, abs=0.5)
    # recorded 2020 baseline 5 (not implied), linear: 5 + 9 * 730/1826 = 8.60 <= 9: on track
    stations = rows[STATIONS]
    assert stations.baseline.recorded and stations.baseline.source == "测试数据 test data D"
    assert stations.status == "on-track" and stations.expected == pytest.approx(8.60, abs=0.01)
    assert rows["electronic-information-manufacturing-revenue-2025"].status == "reached"
    assert (rows["information-industry-revenue-growth"].status,
            rows["information-industry-revenue-growth"].path) == ("behind", "rate")
    projects = rows["industrialisation-projects-2025"]
    assert (projects.status, projects.missing) == ("no-data", "baseline")
    assert (rows["blockchain-service-providers-2025"].status,
            rows["blockchain-service-providers-2025"].missing) == ("no-data", "actual")
    assert counts(board(values_store)) == {"reached": 1, "on-track": 2, "behind": 2,
                                           "no-data": 11}


def test_the_board_as_of_a_date_knows_only_the_values_dated_by_then(values_store):
    then = {r.target.id: r for r in board(values_store, as_of=date(2022, 6, 30))}
    # 2021's 2000 against the path at 2021-12-31: 1676.20 * 1.19 = 1994.7: on track
    assert then[REVENUE].progress.latest.value == 2000
    assert then[REVENUE].progress.status == "on-track"
    assert [a.value for a in then[REVENUE].actuals] == [2000]
    assert then["electronic-information-manufacturing-revenue-2025"].progress.status == "no-data"


def test_the_board_filters_like_the_targets(values_store):
    rows = board(values_store, filters={"industry": "software-it-services"})
    assert {r.target.id for r in rows} == {"software-it-services-revenue-2025",
                                          "software-it-services-revenue-growth",
                                          "smart-hardware-software-cluster-size-2025"}
    assert [r.progress.status for r in rows] == ["no-data", "on-track", "no-data"]


def test_the_seeds_record_no_value_so_every_target_has_no_data(store):
    assert store.count("target-values") == 0
    assert set(counts(board(store))) == {"reached", "on-track", "behind", "no-data"}
    assert counts(board(store))["no-data"] == store.count("targets")
    assert status_label("no-data", "zh") == "○ 暂无数据"
    assert status_label("behind", "en") == "▼ Behind"


def test_a_value_is_written_with_its_revision_and_holds_its_target(any_db_url):
    database = Database(any_db_url)
    live = database.link(database.plan_ids()[0]).load()
    body = {"id": "revenue-2022", "target": REVENUE, "value": 2300, "year": 2022,
            "value_source": "统计年鉴 2023"}
    new = live.create("target-values", body, author="alice", source=SOURCE).store
    assert new.get("target-values", "revenue-2022").properties["date"] == "2022-12-31"
    assert [(r.action, r.collection) for r in new.history()] == [("create", "target-values")]
    with pytest.raises(InvalidRecord) as bad:
        new.create("target-values", dict(body, id="other", target="nope"), author="alice",
                   source=SOURCE)
    assert [p.field for p in bad.value.problems] == ["target"]
    target = new.stored("targets", REVENUE)
    with pytest.raises(Conflict) as held:  # its value would be left without a target
        new.delete("targets", REVENUE, expected=new.record_version("targets", REVENUE),
                   author="alice", source=SOURCE)
    assert "target-values/revenue-2022" in str(held.value)
    assert target["id"] == REVENUE
    row = board(new)
    assert {r.target.id: r.progress.latest for r in row}[REVENUE].value == 2300
