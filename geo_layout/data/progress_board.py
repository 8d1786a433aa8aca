"""Every target's progress as of a date, read from a store: the one computation the progress
page, its API, the progress map and the review report show.

A target's actual values are the ``target-values`` records dated on or before ``as_of``. Its
baseline is a value recorded for the year before the plan's period (with its source) when
there is one, else the one a related growth-rate target implies (see :mod:`.progress`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Sequence

from .. import words
from .features import Feature
from .model import Target
from .progress import STATUS_SHAPES, STATUSES, Actual, Baseline, Progress, progress


@dataclass(frozen=True)
class TargetProgress:
    target: Feature
    progress: Progress
    #: the values known on ``as_of``, oldest first
    actuals: tuple[Actual, ...]


def board(store, as_of: date | None = None, filters: Mapping[str, str] | None = None
          ) -> list[TargetProgress]:
    """The progress of the targets ``filters`` select (the targets' own filters: element,
    industry, measure, year), in the order the store lists them."""
    everyone = store.query("targets").features
    targets = {f.id: target_of(f) for f in everyone}
    chosen = store.query("targets", filters).features if filters else everyone
    values = actuals_by_target(store.query("target-values").features, as_of)
    base_year = store.plan().period_start - 1
    rows = []
    for feature in chosen:
        actuals = values.get(feature.id, ())
        recorded = recorded_baseline(actuals, base_year)
        rows.append(TargetProgress(feature, progress(targets[feature.id], actuals, targets,
                                                     baseline=recorded, as_of=as_of),
                                   tuple(actuals)))
    return rows


def counts(rows: Iterable[TargetProgress]) -> dict[str, int]:
    """How many targets have each status (every status present, best first)."""
    return tally((row.progress.status for row in rows), STATUSES)


def tally(values: Iterable[str], keys: Sequence[str]) -> dict[str, int]:
    """How many of ``values`` are each of ``keys`` (every key present, in their order)."""
    out: dict[str, int] = dict.fromkeys(keys, 0)
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out


def actuals_by_target(values: Iterable[Feature], as_of: date | None = None
                      ) -> dict[str, list[Actual]]:
    """The values of each target dated on or before ``as_of``, oldest first."""
    out: dict[str, list[Actual]] = defaultdict(list)
    for f in values:
        p = f.properties
        on = date.fromisoformat(p["date"])
        if as_of is None or on <= as_of:
            out[p["target"]].append(Actual(p["value"], on, p["value_source"],
                                           p.get("note_zh") or p.get("note_en")))
    for actuals in out.values():
        actuals.sort(key=lambda a: a.on)
    return out


def recorded_baseline(actuals: Iterable[Actual], year: int) -> Baseline | None:
    """The last value recorded for ``year`` (the year before the plan's period), as a
    baseline carrying its source; None when none was."""
    found = [a for a in actuals if a.on.year == year]
    if not found:
        return None
    last = max(found, key=lambda a: a.on)
    return Baseline(last.value, year, source=last.source)


def target_of(feature: Feature) -> Target:
    """The figures of a ``targets`` feature the path needs (its texts are the feature's)."""
    p = feature.properties
    start, end = p.get("period_start"), p.get("period_end")
    return Target(id=feature.id, name=None, measure=p["measure"], value=p["value"],
                  value_max=p.get("value_max"), comparator=p["comparator"], unit=None,
                  year=p["year"], period=(start, end) if start is not None else None,
                  scope=None, elements=tuple(p.get("elements") or ()),
                  industries=tuple(p.get("industries") or ()),
                  related=tuple(p.get("related") or ()), note=None, citation=None)


def status_label(status: str, lang: str) -> str:
    """A status as every view shows it: its shape and its words (never colour alone)."""
    return f"{STATUS_SHAPES[status]} {status_word(status, lang)}"


def status_word(status: str, lang: str) -> str:
    """A status's words alone (a page styles its shape apart)."""
    return words.t(f"progress.status.{status}", lang)


def path_label(path: str, lang: str) -> str:
    """How the expected value is computed, in words (compound growth, linear, a rate)."""
    return words.t(f"progress.path.{path}", lang)
