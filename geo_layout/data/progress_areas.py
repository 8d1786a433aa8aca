"""Where the plan got to, place by place: the status of each layout element and prefecture
on a date, from its targets and its projects, and each project's (park's or site's) status.

The one rule (the progress map colours areas by it; its text version, legend and static
export say it): **an area's status is the worst status among its evidence that has data,
and "no-data" when none has.** Worst, because an end-of-term review looks for what lags: an
area with one target behind is behind, whatever else it reached. The evidence:

- its targets' statuses (:mod:`.progress_board`: reached, on track, behind; a target
  without data says nothing);
- its projects' statuses read as progress (:data:`AS_PROGRESS`): operating counts as
  reached, under construction as on track, cancelled as behind; planned (still on paper)
  and unknown say nothing.

An element's targets are those naming it, its projects the parks and sites in it. A
prefecture's targets are those of the elements touching it, its projects the parks and
sites in it. Targets that name no element (province-wide) colour no area; they are listed.

A project's status on a date is its recorded ``status`` when that held on the date: when it
has no ``status_since``, or the period ``status_since`` names (a year, a month or a day) had
ended by then ("since 2023" surely held on 2023-12-31, maybe not on 2023-06-30). Otherwise
it is "unknown": the record says what the project became, not what it was before. Nothing
is assumed beyond the records: with no values and no statuses, every area is "no-data".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from functools import cached_property
from datetime import date
from typing import Iterable, Sequence

from .features import PLACE_COLLECTIONS, Feature
from .progress import STATUSES
from .progress_board import board, counts, tally

NO_DATA = STATUSES[-1]
#: Projects' statuses in legend order (most advanced first), and the status of a project
#: whose status on the date is not recorded.
PROJECT_STATUSES = ("operating", "under-construction", "planned", "cancelled")
UNKNOWN = "unknown"
PROJECT_MARKS = (*PROJECT_STATUSES, UNKNOWN)
#: A project's status as evidence of progress (planned and unknown say nothing).
AS_PROGRESS = {"operating": STATUSES[0], "under-construction": STATUSES[1],
               "cancelled": STATUSES[2], "planned": NO_DATA, UNKNOWN: NO_DATA}


@dataclass(frozen=True)
class Project:
    """A park or site and its status on the date (one of :data:`PROJECT_MARKS`)."""

    feature: Feature
    status: str


@dataclass(frozen=True)
class AreaProgress:
    """A layout element or prefecture, its status by the rule, and the evidence."""

    area: Feature
    status: str
    targets: tuple  # progress_board.TargetProgress rows naming the area (or its elements)
    projects: tuple[Project, ...]

    def target_counts(self) -> dict[str, int]:
        return counts(self.targets)

    def project_counts(self) -> dict[str, int]:
        return dict(self._project_counts)

    @cached_property
    def _project_counts(self) -> dict[str, int]:  # the popup and the text version ask
        return tally((p.status for p in self.projects), PROJECT_MARKS)


@dataclass(frozen=True)
class ProgressAreas:
    """Everything the progress map draws, as of ``as_of`` (None: what is known today)."""

    as_of: date | None
    elements: tuple[AreaProgress, ...]      # the plan's order
    prefectures: tuple[AreaProgress, ...]   # by adcode
    projects: tuple[Project, ...]           # every park and site, located or not
    province: tuple                         # target rows naming no element
    targets: tuple                          # every target row, the plan's order

    @property
    def has_data(self) -> bool:
        """Whether anything is recorded by the date: a target's actual value, or a project's
        status (else the map says "no data yet" and what would fill it)."""
        return (any(r.actuals for r in self.targets)
                or any(p.status != UNKNOWN for p in self.projects))

    def element(self, element_id: str) -> AreaProgress:
        return next(a for a in self.elements if a.area.id == element_id)

    def prefecture(self, adcode: str) -> AreaProgress:
        return next(a for a in self.prefectures if a.area.id == adcode)


def worst(statuses: Iterable[str]) -> str:
    """The rule: the worst of ``statuses`` that has data ("no-data" when none has)."""
    known = [s for s in statuses if s != NO_DATA]
    return max(known, key=STATUSES.index) if known else NO_DATA


def area_status(target_statuses: Iterable[str], project_statuses: Iterable[str]) -> str:
    """An area's status from its targets' statuses and its projects' (:data:`PROJECT_MARKS`)."""
    return worst([*target_statuses, *(AS_PROGRESS[s] for s in project_statuses)])


def since_date(since: str) -> date:
    """The last day of the period ``status_since`` names: "2023" -> 2023-12-31,
    "2023-04" -> 2023-04-30, "2023-04-05" -> itself. ValueError for anything else."""
    parts = [int(p) for p in str(since).split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    if len(parts) == 3:
        return date(*parts)
    raise ValueError(f"not a date, month or year: {since!r}")


def project_status(feature: Feature, as_of: date | None = None) -> str:
    """A park's or site's status on ``as_of`` (today's record when None): see the module."""
    status = feature.properties.get("status")
    if status not in PROJECT_STATUSES:
        return UNKNOWN
    since = feature.properties.get("status_since")
    if as_of is not None and since:
        try:
            if since_date(since) > as_of:
                return UNKNOWN
        except ValueError:
            return UNKNOWN
    return status


def progress_areas(store, as_of: date | None = None, rows: Sequence | None = None
                   ) -> ProgressAreas:
    """Every element's and prefecture's status on ``as_of`` from ``store`` (the data as it
    was then: the web layer passes the as-of store). ``rows``: the target rows when the
    caller has them (:func:`.progress_board.board` of the same store and date)."""
    if rows is None:
        rows = board(store, as_of)
    rows = tuple(rows)
    projects = tuple(Project(f, project_status(f, as_of))
                     for c in PLACE_COLLECTIONS for f in store.query(c).features)
    by_element: dict[str, list] = {}
    for row in rows:
        for eid in row.target.properties.get("elements") or ():
            by_element.setdefault(eid, []).append(row)
    in_element: dict[str, list[Project]] = {}
    in_prefecture: dict[str, list[Project]] = {}
    for p in projects:  # one pass: a plan may have 100,000 sites
        for eid in p.feature.properties.get("elements") or ():
            in_element.setdefault(eid, []).append(p)
        in_prefecture.setdefault(p.feature.properties.get("prefecture"), []).append(p)
    elements = [_area(f, by_element.get(f.id, []), in_element.get(f.id, []))
                for f in store.query("layout-elements").features]
    prefectures = []
    for f in store.query("prefectures").features:
        targets = _unique(row for eid in f.properties.get("elements") or ()
                          for row in by_element.get(eid, []))
        prefectures.append(_area(f, targets, in_prefecture.get(f.id, [])))
    province = tuple(r for r in rows if not r.target.properties.get("elements"))
    return ProgressAreas(as_of, tuple(elements), tuple(prefectures), projects, province, rows)


def _area(feature: Feature, rows: Sequence, projects: Sequence[Project]) -> AreaProgress:
    status = area_status((r.progress.status for r in rows), (p.status for p in projects))
    return AreaProgress(feature, status, tuple(rows), tuple(projects))


def _unique(rows: Iterable) -> list:
    """Target rows once each (a target naming two elements of one prefecture counts once)."""
    seen: dict[str, object] = {}
    for row in rows:
        seen.setdefault(row.target.id, row)
    return list(seen.values())


def period_dates(start_year: int, end_year: int) -> list[date]:
    """The slider's stops through a plan period: the last day of every month from the end of
    the year before it starts to the end of its last year."""
    out = [date(start_year - 1, 12, 31)]
    for year in range(start_year, end_year + 1):
        for month in range(1, 13):
            out.append(date(year, month, calendar.monthrange(year, month)[1]))
    return out

