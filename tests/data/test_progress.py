"""The path from baseline to target, worked by hand (geo_layout.data.progress)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from geo_layout.data.model import Citation, Target, Text
from geo_layout.data.progress import (MISSING_ACTUAL, MISSING_BASELINE, MISSING_LATER, Actual,
                                      Baseline, expected_value, implied_baseline,
                                      latest_actual, progress)


def target(tid="revenue", measure="amount", value=4000.0, year=2025, comparator="at-least",
           period=None, related=()):
    return Target(id=tid, name=Text("收入", "Revenue"), measure=measure, value=value,
                  value_max=None, comparator=comparator, unit=Text("亿元", "100 million CNY"),
                  year=year, period=period, scope=Text("全省", "Province"), elements=(),
                  industries=(), related=tuple(related), note=None,
                  citation=Citation("overview", 1))


REVENUE = target(related=("growth",))
GROWTH = target("growth", "growth-rate", 19.0, comparator="exactly", period=(2021, 2025),
                related=("revenue",))
TARGETS = {t.id: t for t in (REVENUE, GROWTH)}
STATIONS = target("stations", "count", 14.0, comparator="exactly")


def test_a_growth_rate_implies_the_baseline_and_says_so():
    base = implied_baseline(REVENUE, TARGETS)
    # 4000 / 1.19^5 = 4000 / 2.386354... = 1676.20...
    assert base.year == 2020 and base.implied_by == "growth" and base.implied
    assert base.value == pytest.approx(1676.20, abs=0.01)


def test_no_baseline_is_made_up():
    assert implied_baseline(STATIONS, {"stations": STATIONS}) is None  # a count: no rate
    lone = target("lone")  # an amount without a related rate
    assert implied_baseline(lone, {"lone": lone}) is None
    other_year = replace(GROWTH, period=(2019, 2023))  # a rate for another period
    assert implied_baseline(REVENUE, {"revenue": REVENUE, "growth": other_year}) is None


def test_compound_path_by_hand():
    base = Baseline(1000.0, 2020)
    t = target(value=1440.0, year=2022)  # 1000 -> 1440 in two years: 20 % a year
    # one year on (2021-12-31 is 365 days = 0.99932 of a 365.25-day year): 1000 * 1.2^(365/730.5)
    assert expected_value(base, t, date(2021, 12, 31), "compound") == pytest.approx(
        1000 * 1.44 ** (365 / 730), rel=1e-3)
    assert expected_value(base, t, date(2021, 12, 31), "compound") == pytest.approx(1200, abs=0.5)


def test_linear_path_by_hand():
    base = Baseline(2.0, 2020)
    t = target("stations", "count", 14.0, year=2024)  # +3 a year
    assert expected_value(base, t, date(2022, 12, 31), "linear") == pytest.approx(8.0, abs=0.01)


def test_before_the_baseline_and_after_the_target_year():
    base = Baseline(2.0, 2020)
    t = target("stations", "count", 14.0, year=2024)
    assert expected_value(base, t, date(2020, 6, 30), "linear") is None
    assert expected_value(base, t, date(2027, 3, 1), "linear") == 14.0  # the path has ended


def test_statuses():
    at = date(2023, 12, 31)
    # 2023 on the implied compound path: 1676.20 * 1.19^3 = 2824.7
    expected = 1676.20 * 1.19 ** 3
    on_track = progress(REVENUE, [Actual(2900.0, at, "statistics bureau")], TARGETS)
    assert (on_track.status, on_track.path) == ("on-track", "compound")
    assert on_track.expected == pytest.approx(expected, rel=1e-3)
    assert on_track.share == pytest.approx(2900 / 4000)
    behind = progress(REVENUE, [Actual(2500.0, at, "statistics bureau")], TARGETS)
    assert behind.status == "behind"
    done = progress(REVENUE, [Actual(4100.0, date(2025, 12, 31), "bureau")], TARGETS)
    assert (done.status, done.share) == ("reached", pytest.approx(1.025))


def test_no_data_says_what_would_fill_it():
    none = progress(REVENUE, [], TARGETS)
    assert (none.status, none.missing) == ("no-data", MISSING_ACTUAL)
    no_base = progress(STATIONS, [Actual(9.0, date(2023, 12, 31), "report")], {})
    assert (no_base.status, no_base.missing, no_base.share) == ("no-data", MISSING_BASELINE,
                                                                pytest.approx(9 / 14))
    early = progress(REVENUE, [Actual(1500.0, date(2020, 6, 30), "report")], TARGETS)
    assert (early.status, early.missing) == ("no-data", MISSING_LATER)


def test_a_rate_is_compared_as_a_rate():
    assert progress(GROWTH, [Actual(21.0, date(2023, 12, 31), "r")], TARGETS).status == "reached"
    slow = progress(GROWTH, [Actual(12.0, date(2023, 12, 31), "r")], TARGETS)
    assert (slow.status, slow.path, slow.expected) == ("behind", "rate", 19.0)


def test_as_of_takes_what_was_known_then():
    values = [Actual(2000.0, date(2021, 12, 31), "a"), Actual(2600.0, date(2022, 12, 31), "b"),
              Actual(4200.0, date(2025, 12, 31), "c")]
    assert latest_actual(values).value == 4200.0
    assert latest_actual(values, date(2023, 6, 1)).value == 2600.0
    assert latest_actual(values, date(2021, 1, 1)) is None
    then = progress(REVENUE, values, TARGETS, as_of=date(2022, 12, 31))
    # 2022 path: 1676.20 * 1.19^2 = 2373.6 < 2600
    assert (then.status, then.latest.source) == ("on-track", "b")


def test_a_stated_baseline_wins_over_an_implied_one():
    stated = Baseline(2000.0, 2020)
    p = progress(REVENUE, [Actual(2100.0, date(2021, 12, 31), "x")], TARGETS, baseline=stated)
    assert p.baseline == stated and not p.baseline.implied
    # 2000 * 2^(1/5) = 2297.4 on the path: 2100 is behind
    assert p.status == "behind" and p.expected == pytest.approx(2297.4, abs=1.0)


def test_a_value_of_the_baseline_year_alone_is_no_progress_yet():
    """A value recorded for the baseline's own year is the baseline, not a step on the path."""
    base = Baseline(5.0, 2020, source="yearbook")
    alone = progress(STATIONS, [Actual(5.0, date(2020, 12, 31), "yearbook")], {}, baseline=base)
    assert (alone.status, alone.missing, alone.baseline.recorded) == ("no-data", MISSING_LATER,
                                                                      True)
