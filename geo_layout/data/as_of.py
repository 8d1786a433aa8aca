"""The plan's data as it was at the end of a given day (UTC), rebuilt from the history.

A database store keeps every change as a revision (who, when, the record before and after).
The data at the end of day D is today's data with every revision made after D undone, newest
first: a record changed since is back as its earliest later revision's ``before``, one created
since is absent, one deleted since is present again. Only the revisions after D are read (the
index on ``(plan_id, at)``), and the past store is today's snapshot with those records swapped
(:func:`.store_edits.apply_edits`): the cost is what changed since D, not the plan.

The day ends at 24:00 UTC: a revision made at ``D+1 00:00:00`` UTC or later is undone. A day
before the first revision gives the records as first loaded (the first load of a plan writes
no revisions: :meth:`.db_store.Database.import_seeds`); a plan's new baselines are revisions
like any edit, so they are undone too.

Data read from a seeds folder keeps no history: :func:`store_as_of` returns it as it is and
:func:`keeps_history` says so, for the page to tell its reader.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import json
import logging
import threading
from typing import Any, NamedTuple

import sqlalchemy as sa

from ..errors import DataError
from .db_schema import revisions
from .photos import PHOTO_ACTIONS
from .memory import collector_paused
from .store import InMemoryStore, Store

log = logging.getLogger("geo_layout.as_of")

#: past stores kept (per plan data version and day): a few, each shares most of its features
#: with today's snapshot
CACHED = 4


class PastRecord(NamedTuple):
    """One record's state at the end of the day, where it differs from today's."""

    collection: str
    record_id: str
    body: dict | None  # the record as stored then (seed shape); None: it did not exist


def keeps_history(store: Store) -> bool:
    """True when ``store`` can be shown as of a past day (a database plan's snapshot)."""
    from .db_store import DatabaseStore

    return isinstance(store, DatabaseStore)


def end_of_day(day: dt.date) -> dt.datetime:
    """The moment day ``day`` (UTC) ends: 00:00 UTC of the next day."""
    nxt = day + dt.timedelta(days=1)
    return dt.datetime(nxt.year, nxt.month, nxt.day, tzinfo=dt.timezone.utc)


def past_records(store, day: dt.date) -> list[PastRecord]:
    """Every record of ``store`` (a database plan's snapshot) whose state at the end of ``day``
    differs from the snapshot's, as it was then: for each record changed after ``day`` (up to
    the snapshot's own revision), the ``before`` of its earliest such revision. One query:
    the earliest revision per record among those after the day (the ``(plan_id, at)``
    index), then only those revisions' bodies, so a record changed 50 times since costs one
    body, not 50. A renamed record (its ``before`` under another id) is back under its old id,
    and its new id absent."""
    link = store._link  # noqa: SLF001 - same layer: the plan's database and id
    after = (revisions.c.plan_id == link.plan_id, revisions.c.at >= end_of_day(day),
             revisions.c.seq <= store.revision, revisions.c.action.not_in(PHOTO_ACTIONS))
    first = (sa.select(sa.func.min(revisions.c.seq).label("seq")).where(*after)
             .group_by(revisions.c.collection, revisions.c.record_id).subquery())
    query = (sa.select(revisions.c.collection, revisions.c.record_id, revisions.c.before)
             .join(first, revisions.c.seq == first.c.seq).order_by(revisions.c.seq.desc()))
    state: dict[tuple[str, str], dict | None] = {}
    with link.db.engine.connect() as conn:
        # newest first, each undone in turn: an older one's state wins
        for collection, record_id, before in conn.execute(query):
            body = json.loads(before) if before is not None else None
            rid = body.get("id") if body is not None else record_id
            if not isinstance(rid, str) or rid == record_id:
                state[(collection, record_id)] = body
            else:  # renamed since: absent under its new id, back under its old one
                state[(collection, record_id)] = None
                state[(collection, rid)] = body
    return [PastRecord(c, rid, body) for (c, rid), body in state.items()]


def _typed(dataset, past: list[PastRecord]) -> list:
    """The :class:`.store_edits.Edit` of each past record, its body parsed and checked as the
    records of its day (every past record's id taken or freed first, so records that named
    each other then are accepted together). DataError when one does not load."""
    from .seed_single import InTurn, check_record
    from .store_edits import Edit

    turn = InTurn(dataset)
    for rec in past:
        if rec.collection == "plan":
            continue
        if rec.body is None:
            turn.removed(rec.collection, rec.record_id)
        else:
            turn.taken(rec.collection, rec.record_id)
    edits, problems = [], []
    for rec in past:
        if rec.body is None:
            edits.append(Edit(rec.collection, rec.record_id, None))
            continue
        if rec.collection == "plan":
            record, found = check_record(dataset, "plan", rec.body)
        else:
            record, found = turn.check(rec.collection, rec.body, replaces=rec.record_id)
        problems += found
        edits.append(Edit(rec.collection, rec.record_id, record))
    if problems:
        raise DataError(problems)
    return edits


def _past_store(store, day: dt.date) -> InMemoryStore:
    from .store_edits import apply_edits

    version = f"{store.version}.asof{day.isoformat()}"
    past = past_records(store, day)
    snapshot: InMemoryStore = store.snapshot
    if not past:  # nothing changed since: today's data, shared, under the day's version
        return snapshot.with_places(dataclasses.replace(snapshot.dataset, version=version), [])
    try:
        edits = _typed(snapshot.dataset, past)
    except DataError as exc:
        # a record of that day no longer loads alone against today's data (a boundary or a
        # vocabulary changed since): the day's records, loaded whole
        log.warning("as of %s: records checked one by one did not load (%s); loading the "
                    "plan as of that day whole", day, exc)
        return _loaded_whole(store, past, version)
    return apply_edits(snapshot, edits, version)


def _loaded_whole(store, past: list[PastRecord], version: str) -> InMemoryStore:
    from .db_records import Row, dataset_of_rows

    link = store._link  # noqa: SLF001 - same layer
    rows, plan, _ = link.rows()
    changed = {(r.collection, r.record_id): r for r in past}
    kept = [r for r in rows if (r.collection, r.record_id) not in changed]
    end = max((r.position for r in rows), default=0.0) + 1
    kept += [Row(r.collection, r.record_id, end + i, r.body)
             for i, r in enumerate(past) if r.body is not None]
    dataset = dataset_of_rows(kept, plan.geodata, version, f"database plan {link.plan_id}")
    return InMemoryStore(dataset)


class _Cache:
    """The last few past stores, by (data version, day): a repeated view costs a lookup."""

    def __init__(self, size: int):
        self.size = size
        self._items: collections.OrderedDict[Any, Store] = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key) -> Store | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, store: Store) -> None:
        with self._lock:
            self._items[key] = store
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_CACHE = _Cache(CACHED)


def store_as_of(store: Store, day: dt.date | None, cached: bool = True) -> Store:
    """The read-only store of ``store``'s data as it was at the end of ``day`` (UTC). ``None``
    or a store without history (a seeds folder; see :func:`keeps_history`): ``store`` itself.
    Kept for later calls per (data version, day), the last :data:`CACHED` of them."""
    if day is None or not keeps_history(store):
        return store
    key = (store.plan().id, store.version, day)
    found = _CACHE.get(key) if cached else None
    if found is None:
        with collector_paused():  # thousands of records parsed: no cycles worth a scan
            found = _past_store(store, day)
        found.as_of = day
        if cached:
            _CACHE.put(key, found)
    return found


def clear_cache() -> None:
    """Forget the kept past stores (tests; a benchmark's uncached figure)."""
    _CACHE.clear()
