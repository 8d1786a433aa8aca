"""How far a target got: its baseline, the value the path from baseline to target implies for a
date, the share reached and a status, from recorded actual values.

The plan states targets (a value by a year), seldom where they started. A baseline is the
plan's own when a record states one, a value recorded for the year before the plan's period
(with its source), or the one a related growth-rate target implies (4,000 by
2025 at 19 % a year over 2021–2025 implies 4,000 / 1.19⁵ ≈ 1,676 in 2020), marked as implied.
Nothing else is assumed: without a baseline there is no path, and a target not yet reached is
then "no data" for the path, with what would fill it.

The path is compound growth for money-like measures (amounts, cluster sizes: they grow by
rates) and linear for counts and coverage; a growth-rate target is compared as a rate. A year
means its end: a 2020 baseline is the value on 2020-12-31, a 2025 target is due on 2025-12-31.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Sequence

from .model import Target

#: the path's shape per measure; a growth rate is itself compared (see :func:`progress`)
COMPOUND, LINEAR, RATE = "compound", "linear", "rate"
PATH_OF_MEASURE = {"amount": COMPOUND, "cluster-size": COMPOUND, "count": LINEAR,
                   "coverage": LINEAR, "growth-rate": RATE}
#: the statuses, best first; shown with text and shape, never colour alone
STATUSES = ("reached", "on-track", "behind", "no-data")
#: the shape beside each status's words (pages, map legend, report)
STATUS_SHAPES = {"reached": "●", "on-track": "▲", "behind": "▼", "no-data": "○"}
#: what a "no-data" status lacks: any actual value, a baseline, an actual after the baseline
MISSING_ACTUAL, MISSING_BASELINE, MISSING_LATER = "actual", "baseline", "actual-after-baseline"


@dataclass(frozen=True)
class Actual:
    """One recorded value of a target: on a date (a year's value is dated its last day)."""

    value: float
    on: date
    source: str
    note: str | None = None


@dataclass(frozen=True)
class Baseline:
    value: float
    year: int
    #: the id of the growth-rate target it comes from (None: stated or recorded)
    implied_by: str | None = None
    #: the source of a recorded value of the baseline year (None: stated or implied)
    source: str | None = None

    @property
    def implied(self) -> bool:
        return self.implied_by is not None

    @property
    def recorded(self) -> bool:
        return self.source is not None


@dataclass(frozen=True)
class Progress:
    target: str
    path: str
    baseline: Baseline | None
    latest: Actual | None
    #: the value the path implies on the latest actual's date (None without a path)
    expected: float | None
    #: the latest actual as a share of the target value (1.0 = reached)
    share: float | None
    status: str
    #: what a "no-data" status lacks (MISSING_ACTUAL or MISSING_BASELINE), else None
    missing: str | None = None


def year_end(year: int) -> date:
    return date(year, 12, 31)


def years_between(start: date, end: date) -> float:
    """Fractional years from ``start`` to ``end`` (365.25-day years: a path's shape does not
    hinge on leap days)."""
    return (end - start).days / 365.25


def implied_baseline(target: Target, targets: Mapping[str, Target]) -> Baseline | None:
    """The baseline a related growth-rate target implies for a compound target: its value
    discounted over the rate's period, dated the year before the period starts."""
    if PATH_OF_MEASURE.get(target.measure) != COMPOUND:
        return None
    for rid in target.related:
        rate = targets.get(rid)
        if rate is None or rate.measure != "growth-rate" or rate.period is None \
                or rate.comparator not in ("exactly", "about", "at-least"):
            continue
        start, end = rate.period
        if end != target.year:
            continue
        years = end - start + 1
        return Baseline(target.value / (1 + rate.value / 100) ** years, start - 1, rate.id)
    return None


def expected_value(baseline: Baseline, target: Target, on: date, path: str) -> float | None:
    """The value the path from ``baseline`` to ``target`` implies on ``on``: None before the
    baseline, the target value after it was due."""
    start, due = year_end(baseline.year), year_end(target.year)
    if on < start or due <= start:
        return None
    share = min(years_between(start, on) / years_between(start, due), 1.0)
    if path == COMPOUND:
        if baseline.value <= 0 or target.value <= 0:
            return None  # no growth rate leads from or to zero
        return baseline.value * (target.value / baseline.value) ** share
    return baseline.value + (target.value - baseline.value) * share


def reached(target: Target, value: float) -> bool:
    """Whether ``value`` meets the target as the plan words it (a range: its lower end;
    "exactly" and "about" a figure: that figure, as a floor)."""
    return value >= target.value


def latest_actual(actuals: Iterable[Actual], as_of: date | None = None) -> Actual | None:
    """The last value recorded on or before ``as_of`` (today's knowledge when None)."""
    known = [a for a in actuals if as_of is None or a.on <= as_of]
    return max(known, key=lambda a: a.on) if known else None


def progress(target: Target, actuals: Sequence[Actual], targets: Mapping[str, Target],
             baseline: Baseline | None = None, as_of: date | None = None) -> Progress:
    """One target's progress from its actual values as known on ``as_of``. ``baseline`` is
    the plan's stated one, if any; else a related growth rate's implied one is used."""
    path = PATH_OF_MEASURE[target.measure]
    if baseline is None:
        baseline = implied_baseline(target, targets)
    latest = latest_actual(actuals, as_of)
    if latest is None:
        return Progress(target.id, path, baseline, None, None, None, "no-data", MISSING_ACTUAL)
    share = latest.value / target.value if target.value else None
    if reached(target, latest.value):
        return Progress(target.id, path, baseline, latest, None, share, "reached")
    if path == RATE:
        # a rate is on track when the rate so far is the rate the plan asks for: not reached
        # means below it
        return Progress(target.id, path, baseline, latest, target.value, share, "behind")
    if baseline is None:
        return Progress(target.id, path, None, latest, None, share, "no-data",
                        MISSING_BASELINE)
    expected = expected_value(baseline, target, latest.on, path)
    if expected is None or latest.on <= year_end(baseline.year):
        return Progress(target.id, path, baseline, latest, None, share, "no-data",
                        MISSING_LATER)
    status = "on-track" if latest.value >= expected else "behind"
    return Progress(target.id, path, baseline, latest, expected, share, status)
