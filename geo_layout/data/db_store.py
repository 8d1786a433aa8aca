"""The store over a database: the plan's records read into an in-memory snapshot (reads stay
as fast as the seeds store's), and every write made in one transaction that stores the
record, its revision (who, when, before, after, source) and the plan's revision number.

Each :class:`DatabaseStore` is an immutable snapshot at one revision; a change makes the next
one and hands it to whoever follows the plan (:meth:`PlanLink.subscribe`), so a request never
sees half an edit. An edit costs the features it touched, not a reload (:mod:`.store_edits`).
Another process's writes arrive through :meth:`PlanLink.refresh`: a poll of the plan's
revision number, then its new revisions applied in order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import sqlalchemy as sa

from ..errors import Conflict, DataError, InvalidRecord, NotFound, PreconditionFailed
from . import db_engine, paths
from .db_records import Row, body_json, dataset_of_rows, folder_version, rows_of_folder, \
    write_folder
from .db_schema import plans, records, revisions
from .features import PLACE_COLLECTIONS, WRITABLE_COLLECTIONS
from .photos import PHOTO_ACTIONS
from .provenance import Source
from .seed_single import check_record, referrers
from .memory import big_build, release_free_memory
from .store import SEARCH_COLLECTIONS, InMemoryStore, Store
from .store_edits import Edit, apply_edits

log = logging.getLogger("geo_layout.database")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass(frozen=True)
class Revision:
    seq: int
    plan_id: str
    collection: str
    record_id: str
    action: str
    before: dict | None
    after: dict | None
    version: int
    author: str
    at: dt.datetime
    source: dict
    comment: str
    reverts: int | None
    batch: str | None

    @classmethod
    def of_row(cls, row) -> "Revision":
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.timezone.utc)
        return cls(row.seq, row.plan_id, row.collection, row.record_id, row.action,
                   json.loads(row.before) if row.before else None,
                   json.loads(row.after) if row.after else None, row.version, row.author,
                   at, json.loads(row.source), row.comment or "", row.reverts, row.batch)

    def as_dict(self) -> dict:
        return {"seq": self.seq, "plan": self.plan_id, "collection": self.collection,
                "id": self.record_id, "action": self.action, "version": self.version,
                "author": self.author, "at": self.at.isoformat(timespec="seconds"),
                "source": self.source, "comment": self.comment, "reverts": self.reverts,
                "batch": self.batch, "before": self.before, "after": self.after}


@dataclass(frozen=True)
class Change:
    """What a write did: its revision and the store after it."""

    revision: Revision
    store: "DatabaseStore"


@dataclass(frozen=True)
class BatchChange:
    """What a batch did: its id, its revisions (in order) and the store after it."""

    batch: str
    revisions: list[Revision]
    store: "DatabaseStore"


class Database:
    """One database (a GeoPackage file or a PostgreSQL server) holding any number of plans."""

    def __init__(self, url: str | None = None):
        self.url = db_engine.database_url(url or paths.default_database_url())
        self.engine = db_engine.open_engine(self.url)
        self._links: dict[str, PlanLink] = {}

    @property
    def where(self) -> str:
        """Where the data lives, for the start-up message (no password)."""
        path = db_engine.database_file(self.url)
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def ensure(self, seeds_dir: Path | None = None) -> list[str]:
        """Bring the schema up to date; an empty database gets the plan of ``seeds_dir`` (the
        embedded seeds by default) as its first plan. The plan ids, default first."""
        if not db_engine.at_head(self.engine):
            db_engine.upgrade(self.engine)
        if not self.plan_ids():
            self.import_seeds(seeds_dir or paths.default_seeds_dir())
        return self.plan_ids()

    def plan_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r.id for r in conn.execute(
                sa.select(plans.c.id).order_by(plans.c.position, plans.c.id))]

    def import_seeds(self, data_dir: Path, geodata_dir: Path | None = None,
                     author: str = "import-seeds") -> str:
        """Import a seeds folder: a new plan, or a new baseline of a plan already here (the
        differences become revisions, so the history shows what the new baseline changed).
        DataError listing every problem when the folder does not load."""
        from .seeds import load_dataset

        data_dir = Path(data_dir)
        own_geodata = data_dir / "geodata"
        geodata = Path(geodata_dir) if geodata_dir else (own_geodata if own_geodata.is_dir()
                                                         else None)
        dataset = load_dataset(data_dir, geodata)  # validates, raises DataError
        rows, problems = rows_of_folder(data_dir)
        if problems:
            raise DataError(problems)
        points = {p.id: p.point for p in (*dataset.parks, *dataset.sites)}
        plan_id = dataset.plan.id
        now = _now()
        with db_engine.writing(self.engine) as conn:
            existing = conn.execute(sa.select(plans).where(plans.c.id == plan_id)).first()
            if existing is None:
                position = conn.execute(sa.select(sa.func.coalesce(
                    sa.func.max(plans.c.position), -1))).scalar() + 1
                conn.execute(plans.insert().values(
                    id=plan_id, position=position,
                    geodata=str(geodata.resolve()) if geodata else None,
                    baseline=folder_version(data_dir), revision=0, created_at=now))
                conn.execute(records.insert(), [self._row_values(plan_id, r, points, 1, now,
                                                                 author) for r in rows])
            else:
                self._new_baseline(conn, plan_id, rows, points, now, author)
                conn.execute(plans.update().where(plans.c.id == plan_id).values(
                    baseline=folder_version(data_dir)))
        db_engine.checkpoint(self.engine)
        link = self._links.get(plan_id)
        if link is not None:
            link.refresh()
        return plan_id

    def _row_values(self, plan_id, row: Row, points, version, now, author) -> dict:
        return {"plan_id": plan_id, "collection": row.collection, "record_id": row.record_id,
                "position": row.position, "body": body_json(row.body), "version": version,
                "updated_at": now, "updated_by": author,
                "geom": db_engine.point_value(self.engine, points.get(row.record_id))
                if row.collection in PLACE_COLLECTIONS else None}

    def _new_baseline(self, conn, plan_id, rows, points, now, author) -> None:
        current = {(r.collection, r.record_id): r for r in conn.execute(
            sa.select(records).where(records.c.plan_id == plan_id))}
        incoming = {(r.collection, r.record_id): r for r in rows}
        source = json.dumps({"kind": "plan", "reference": "a new baseline (db import-seeds)"})
        seq = None
        for key in sorted(set(current) | set(incoming)):
            old, new = current.get(key), incoming.get(key)
            before = json.loads(old.body) if old is not None else None
            after = new.body if new is not None else None
            if before == after:
                if old is not None and new is not None and old.position != new.position:
                    conn.execute(records.update().where(records.c.fid == old.fid).values(
                        position=new.position))
                continue
            version = (old.version if old is not None else 0) + 1
            if new is None:
                conn.execute(records.delete().where(records.c.fid == old.fid))
            elif old is None:
                conn.execute(records.insert().values(
                    **self._row_values(plan_id, new, points, version, now, author)))
            else:
                values = self._row_values(plan_id, new, points, version, now, author)
                conn.execute(records.update().where(records.c.fid == old.fid).values(**values))
            seq = conn.execute(revisions.insert().values(
                plan_id=plan_id, collection=key[0], record_id=key[1],
                action="delete" if new is None else "create" if old is None else "update",
                before=old.body if old is not None else None,
                after=body_json(after) if after is not None else None, version=version,
                author=author, at=now, source=source, comment="", batch=None)
            ).inserted_primary_key[0]
        if seq is not None:
            conn.execute(plans.update().where(plans.c.id == plan_id).values(revision=seq))

    def export(self, plan_id: str, out_dir: Path) -> list[Path]:
        """Write the plan's records as a seeds folder (and its own boundaries, if it has
        them): unedited records come out as they went in."""
        import shutil

        link = self.link(plan_id)
        rows, plan, _ = link.rows()
        written = write_folder(rows, Path(out_dir))
        if plan.geodata:
            target = Path(out_dir) / "geodata"
            shutil.copytree(plan.geodata, target, dirs_exist_ok=True)
            written.append(target)
        return written

    def link(self, plan_id: str) -> "PlanLink":
        if plan_id not in self._links:
            if plan_id not in self.plan_ids():
                raise NotFound(f"no plan {plan_id[:80]!r} in the database")
            self._links[plan_id] = PlanLink(self, plan_id)
        return self._links[plan_id]

    def follow(self, interval_s: float = 0.5) -> threading.Event:
        """Poll every plan's revision number in a daemon thread, so another server's writes
        reach this one's snapshots (within ``interval_s`` plus the time to apply them). Set
        the returned event to stop."""
        stop = threading.Event()

        def loop():
            while not stop.wait(interval_s):
                for link in list(self._links.values()):
                    try:
                        link.refresh()
                    except Exception as exc:  # noqa: BLE001 - keep following; log why
                        log.warning("could not refresh plan %s: %s", link.plan_id, exc)

        threading.Thread(target=loop, name="geo-layout-follow", daemon=True).start()
        return stop


class PlanLink:
    """One plan of a database in this process: loads its snapshot, writes its changes (one at
    a time), follows others' writes and tells subscribers of each new snapshot."""

    def __init__(self, db: Database, plan_id: str):
        self.db = db
        self.plan_id = plan_id
        self._lock = threading.RLock()
        self._subscribers: list[Callable[[DatabaseStore], None]] = []
        self.current: DatabaseStore | None = None
        self._edited = threading.Event()
        self._indexer: threading.Thread | None = None

    def subscribe(self, callback: Callable[["DatabaseStore"], None]) -> None:
        self._subscribers.append(callback)

    def _publish(self, store: "DatabaseStore") -> "DatabaseStore":
        self.current = store
        for callback in self._subscribers:
            callback(store)
        if store.snapshot.search_pending:
            self._edited.set()
            self._start_indexer()
        return store

    #: seconds without an edit before the newest snapshot's search index is built (a burst
    #: of edits costs one build, not one each)
    INDEX_QUIET_S = 1.0

    def _start_indexer(self) -> None:
        with self._lock:
            if self._indexer is not None:
                return
            self._indexer = threading.Thread(target=self._index_when_quiet, daemon=True,
                                             name=f"geo-layout-index-{self.plan_id}")
            self._indexer.start()

    def _index_when_quiet(self) -> None:
        while True:
            self._edited.wait()
            self._edited.clear()
            time.sleep(self.INDEX_QUIET_S)
            if self._edited.is_set():
                continue  # more edits came: wait for quiet again
            current = self.current
            if current is not None and current.snapshot.search_pending:
                current.snapshot.build_search()

    def rows(self) -> tuple[list[Row], Any, dict[str, dict[str, int]]]:
        """The plan's records, its row in ``gl_plans``, and each record's version
        (collection -> record id -> version)."""
        with self.db.engine.connect() as conn:
            plan = conn.execute(sa.select(plans).where(plans.c.id == self.plan_id)).one()
            query = (sa.select(records.c.collection, records.c.record_id, records.c.position,
                               records.c.body, records.c.version)
                     .where(records.c.plan_id == self.plan_id))
            if conn.dialect.supports_server_side_cursors:
                # a batch of rows at a time: the driver does not hold every body at once
                # beside the rows made of them (PostgreSQL, 100,000 sites: ~20 MB less peak
                # at start, measured). SQLite's steps through the rows already (asked to
                # batch them, its peak rose ~15 MB)
                query = query.execution_options(yield_per=ROWS_PER_FETCH)
            result = conn.execute(query)
            rows, versions = [], {}
            for r in result:
                rows.append(Row(r.collection, r.record_id, r.position,
                                r.body.encode("utf-8", "surrogatepass")))
                versions.setdefault(r.collection, {})[r.record_id] = r.version
        return rows, plan, versions

    def load(self) -> "DatabaseStore":
        """Read the whole plan (start-up, or when an edit could not be applied in place)."""
        with self._lock:
            rows, plan, versions = self.rows()
            version = _version(plan.baseline, plan.revision)
            with big_build():
                dataset = dataset_of_rows(rows, plan.geodata, version,
                                          f"database plan {self.plan_id}")
                del rows
                snapshot = InMemoryStore(dataset)
                versions = _sharing_ids(versions, snapshot)
            return self._publish(DatabaseStore(self, snapshot, plan.revision, plan.baseline,
                                               versions))

    def refresh(self) -> "DatabaseStore":
        """Catch up with revisions written since this snapshot (by any process)."""
        with self._lock:
            if self.current is None:
                return self.load()
            with self.db.engine.connect() as conn:
                revision = conn.execute(sa.select(plans.c.revision).where(
                    plans.c.id == self.plan_id)).scalar()
                if revision is None or revision == self.current.revision:
                    return self.current
                return self._catch_up(conn)

    def _catch_up(self, conn) -> "DatabaseStore":
        current = self.current
        new = conn.execute(sa.select(revisions).where(
            revisions.c.plan_id == self.plan_id, revisions.c.seq > current.revision)
            .order_by(revisions.c.seq)).all()
        if not new:
            return current
        try:
            return self._publish(current.applied([Revision.of_row(r) for r in new]))
        except Exception as exc:  # noqa: BLE001 - an edit that does not apply: read it all
            log.warning("revisions %s..%s of plan %s did not apply in place (%s); reloading",
                        new[0].seq, new[-1].seq, self.plan_id, exc)
            return self.load()

    def _transaction(self, work: Callable) -> tuple[list[Revision], "DatabaseStore"]:
        """Run ``work(conn, store)`` in one write transaction on this plan, with the plan's row
        locked and ``store`` caught up with every revision written before the lock was taken
        (so a change is validated against the data as it is, whichever server wrote last).
        ``work`` writes through :meth:`_put` and returns ``[(revision, typed record)]``;
        after the commit the snapshot is updated once, with all of them."""
        with self._lock:
            with db_engine.writing(self.db.engine) as conn:
                # PostgreSQL: writers of this plan queue here, across servers; SQLite's
                # BEGIN IMMEDIATE already made this transaction the only writer.
                conn.execute(sa.select(plans.c.revision).where(plans.c.id == self.plan_id)
                             .with_for_update())
                store = self._catch_up(conn)
                done = work(conn, store)
                if done:
                    conn.execute(plans.update().where(plans.c.id == self.plan_id)
                                 .values(revision=done[-1][0].seq))
            if not done:
                return [], store
            revs = [rev for rev, _ in done]
            new = store.applied(revs, typed={(r.collection, r.record_id): t for r, t in done})
            return revs, self._publish(new)

    def _row(self, conn, collection: str, fid: str):
        return conn.execute(sa.select(records).where(
            records.c.plan_id == self.plan_id, records.c.collection == collection,
            records.c.record_id == fid)).first()

    def _put(self, conn, collection: str, changes: Sequence, *, author: str, source: Source,
             comment: str, batch: str | None, now: dt.datetime) -> list[Revision]:
        """Store validated changes of records of ``collection`` and their revisions, in order;
        the revisions. ``changes``: ``[(row, action, record_id, after, typed, reverts)]``
        (``row``: the record as stored now, or None; ``after``: None for a delete; each record
        at most once). Many changes cost a few statements (executemany), not two each."""
        engine = self.db.engine
        deletes, inserts, updates, revs = [], [], [], []
        position = None
        for row, action, rid, after, typed, reverts in changes:
            version = (row.version if row is not None else 0) + 1
            point = getattr(typed, "point", None)
            values = {"body": body_json(after) if after is not None else None,
                      "version": version, "updated_at": now, "updated_by": author,
                      "geom": db_engine.point_value(engine, point)
                      if collection in PLACE_COLLECTIONS else None}
            if after is None:
                deletes.append({"_fid": row.fid})
            elif row is None:
                if position is None:
                    position = self._next_position(conn, collection)
                inserts.append(dict(plan_id=self.plan_id, collection=collection,
                                    record_id=rid, position=position, **values))
                position += 1
            else:
                updates.append(dict(_fid=row.fid, **values))
            revs.append(dict(plan_id=self.plan_id, collection=collection, record_id=rid,
                             action=action, before=row.body if row is not None else None,
                             after=values["body"], version=version, author=author, at=now,
                             source=source.to_json(), comment=comment, reverts=reverts,
                             batch=batch))
        if deletes:
            conn.execute(records.delete().where(records.c.fid == sa.bindparam("_fid")), deletes)
        if inserts:
            conn.execute(records.insert(), inserts)
        if updates:
            conn.execute(records.update().where(records.c.fid == sa.bindparam("_fid")), updates)
        seqs = [r.seq for r in conn.execute(
            revisions.insert().returning(revisions.c.seq, sort_by_parameter_order=True), revs)]
        out = []
        for seq, (row, action, rid, after, _, reverts) in zip(seqs, changes):
            before = json.loads(row.body) if row is not None else None
            out.append(Revision(seq, self.plan_id, collection, rid, action, before, after,
                                (row.version if row is not None else 0) + 1, author, now,
                                source.as_dict(), comment, reverts, batch))
        return out

    def _next_position(self, conn, collection: str) -> float:
        return conn.execute(sa.select(sa.func.coalesce(
            sa.func.max(records.c.position), -1.0)).where(
            records.c.plan_id == self.plan_id,
            records.c.collection == collection)).scalar() + 1

    def write(self, collection: str, fid: str | None, decide: Callable, *, author: str,
              source: Source, comment: str = "", reverts: int | None = None,
              batch: str | None = None) -> Change:
        """One change in one transaction. ``decide(store, before, version)`` returns
        ``(action, record_id, after)`` for the record as stored now (``before``: its body or
        None, ``version``: 0 when absent), raising a typed error to refuse."""

        def work(conn, store):
            row = self._row(conn, collection, fid) if fid is not None else None
            before = json.loads(row.body) if row is not None else None
            action, rid, after = decide(store, before, row.version if row else 0)
            typed = None
            dataset = store.snapshot.dataset
            if after is not None:
                typed, problems = check_record(dataset, collection, after,
                                               replaces=fid if row is not None else None)
                if problems:
                    raise InvalidRecord(problems)
                rid = typed.id
            else:
                _not_named(dataset, collection, rid)
            [revision] = self._put(conn, collection, [(row, action, rid, after, typed, reverts)],
                                   author=author, source=source, comment=comment,
                                   batch=batch, now=_now())
            return [(revision, typed)]

        revs, new = self._transaction(work)
        return Change(revs[0], new)

    def write_batch(self, collection: str, decide: Callable, *, author: str, source: Source,
                    comment: str = "", batch: str) -> BatchChange:
        """Many changes of one collection in one transaction, their revisions sharing the id
        ``batch``. ``decide(store, rows)`` gets the collection's records as stored now
        (``{id: row}``) and returns ``[(action, record_id, after, reverts)]`` (``record_id``:
        the record changed, None for a new one; ``after``: None for a delete; ``reverts``: the
        revision a revert undoes, else None). Each change is
        validated against the data with the changes before it applied
        (:class:`.seed_single.InTurn`, the single-record validator's rules); any problem:
        InvalidRecord listing every one, each field prefixed with the change's position
        (``[3] lon``), and nothing is written."""

        def work(conn, store):
            rows = {r.record_id: r for r in conn.execute(sa.select(records).where(
                records.c.plan_id == self.plan_id, records.c.collection == collection))}
            changes = decide(store, rows)
            checked, problems = check_changes(store.snapshot.dataset, collection,
                                              [c[1:3] for c in changes])
            if problems:
                raise InvalidRecord([dataclasses.replace(p, field=f"[{i}] {p.field}")
                                     for i, p in problems])
            puts = [(rows.get(fid) if fid is not None else None, action, rid, after, typed,
                     reverts)
                    for (action, fid, after, reverts), (rid, typed) in zip(changes, checked)]
            done = self._put(conn, collection, puts, author=author, source=source,
                             comment=comment, batch=batch, now=_now())
            return [(revision, put[4]) for revision, put in zip(done, puts)]

        revs, new = self._transaction(work)
        return BatchChange(batch, revs, new)


def check_changes(dataset, collection: str, changes: Sequence
                  ) -> tuple[list[tuple[str, Any]], list[tuple[int, Any]]]:
    """``changes`` (``[(record_id or None, after or None)]``: a new record, a replacement,
    a deletion) checked in turn against ``dataset``, each against the data with the ones
    before it applied: ``([(record_id, typed record or None)], [(position, Problem)])``."""
    from .seed_records import Problem
    from .seed_single import NEW_RECORD, InTurn

    turn = InTurn(dataset)
    out, problems, seen = [], [], set()
    for i, (fid, after) in enumerate(changes):
        def problem(field, message, label=fid or NEW_RECORD):
            problems.append((i, Problem(collection, label, field, message)))

        if fid is not None and fid in seen:
            problem("id", f"{fid!r} is changed twice in one batch")
            out.append((fid, None))
            continue
        if fid is not None and fid not in turn.ids(collection):
            problem("id", f"no {collection} record {fid!r} to change")
            out.append((fid, None))
            continue
        if after is None:
            users = referrers(dataset, collection, fid)
            if users:
                problem("id", f"still named by {', '.join(users[:10])}")
            turn.removed(collection, fid)
            out.append((fid, None))
            seen.add(fid)
            continue
        rid = after.get("id") if isinstance(after, dict) else None
        if fid is None and isinstance(rid, str) and rid in turn.ids(collection):
            problem("id", f"{collection}/{rid[:80]} exists already", rid[:80])
            out.append((rid, None))
            continue
        typed, found = turn.check(collection, after, replaces=fid)
        problems += [(i, p) for p in found]
        rid = typed.id if typed is not None else rid
        seen.add(rid)
        out.append((rid, typed))
    return out, problems


def _not_named(dataset, collection: str, rid: str) -> None:
    users = referrers(dataset, collection, rid)
    if users:
        raise Conflict(f"{collection}/{rid} is still named by "
                       f"{', '.join(users[:10])}; change those first")


#: rows fetched at a time when a plan is read whole
ROWS_PER_FETCH = 2000


def _version(baseline: str, revision: int) -> str:
    return f"{baseline[:12]}.r{revision}"


def _sharing_ids(versions: dict[str, dict[str, int]], snapshot: InMemoryStore
                 ) -> dict[str, dict[str, int]]:
    """``versions`` keyed by the snapshot's own id strings where it has the record, not a
    second string each (100,000 sites: ~7 MB)."""
    out = {}
    for collection, by_id in versions.items():
        own = {f.id: by_id[f.id] for f in snapshot._features.get(collection, ())
               if f.id in by_id}
        own.update((rid, v) for rid, v in by_id.items() if rid not in own)
        out[collection] = own
    return out


class DatabaseStore(Store):
    """A plan of the database at one revision: reads from the in-memory snapshot, writes
    through the plan's :class:`PlanLink`."""

    editable = True

    def __init__(self, link: PlanLink, snapshot: InMemoryStore, revision: int, baseline: str,
                 versions: Mapping[str, Mapping[str, int]]):
        self._link = link
        self.snapshot = snapshot
        self.revision = revision
        self._baseline = baseline
        self._versions = versions

    def applied(self, changes: Sequence[Revision], typed: Mapping | None = None
                ) -> "DatabaseStore":
        """This store with ``changes`` applied (their typed records in ``typed`` when the
        writer already has them; parsed here otherwise)."""
        from .seed_single import InTurn

        # what the stores replaced before this one freed, given back before another is built
        # (glibc keeps it otherwise: at 100,000 sites each edit peaked ~10 MB higher, and 40
        # edits left ~8 MB more resident, measured)
        release_free_memory()

        typed = dict(typed or {})
        revision = changes[-1].seq
        # a photo's change leaves its record as it was: only the revision number moves on
        changes = [r for r in changes if r.action not in PHOTO_ACTIONS]
        edits, versions, copied = [], dict(self._versions), set()
        # the records the writer did not type are checked in turn (another server's writes):
        # only then are the ids of every record needed
        turn = InTurn(self.snapshot.dataset) if any(
            typed.get((r.collection, r.record_id)) is None for r in changes) else None
        for rev in changes:
            key = (rev.collection, rev.record_id)
            record = typed.get(key)
            if rev.collection == "plan":
                if record is None:
                    record, problems = check_record(self.snapshot.dataset, "plan", rev.after)
                    if problems:
                        raise DataError(problems)
            elif record is None and rev.after is not None:
                exists = rev.record_id in versions.get(rev.collection, ())
                record, problems = turn.check(rev.collection, rev.after,
                                              replaces=rev.record_id if exists else None)
                if problems:
                    raise DataError(problems)
            elif turn is None:
                pass  # every record typed by the writer: nothing is checked again
            elif rev.after is None:
                turn.removed(rev.collection, rev.record_id)
            else:  # typed by the writer: its id is taken
                turn.taken(rev.collection, record.id)
            edits.append(Edit(rev.collection, rev.record_id, record))
            if rev.collection not in copied:  # (copied once, when first changed)
                versions[rev.collection] = dict(versions.get(rev.collection, {}))
                copied.add(rev.collection)
            if rev.after is None:
                versions[rev.collection].pop(rev.record_id, None)
            else:
                versions[rev.collection][rev.record_id] = rev.version
        snapshot = apply_edits(self.snapshot, edits, _version(self._baseline, revision))
        return DatabaseStore(self._link, snapshot, revision, self._baseline, versions)

    # --- reads: the snapshot's -------------------------------------------------------------
    def plan(self):
        return self.snapshot.plan()

    def sections(self):
        return self.snapshot.sections()

    def industries(self):
        return self.snapshot.industries()

    def commitments(self):
        return self.snapshot.commitments()

    def kinds(self):
        return self.snapshot.kinds()

    def province(self):
        return self.snapshot.province()

    @property
    def version(self) -> str:
        return self.snapshot.version

    def collections(self):
        return self.snapshot.collections()

    def get(self, collection, fid):
        return self.snapshot.get(collection, fid)

    def query(self, collection, filters=None, bbox=None, limit=None, offset=0):
        return self.snapshot.query(collection, filters, bbox, limit, offset)

    def resolve(self, collection, filters):
        return self.snapshot.resolve(collection, filters)

    def located(self, collection, bbox=None):
        return self.snapshot.located(collection, bbox)

    def selection(self, collection, filters=None, q=None):
        return self.snapshot.selection(collection, filters, q)

    def nearby(self, lon, lat, radius_km=None, k=None, collections=PLACE_COLLECTIONS):
        return self.snapshot.nearby(lon, lat, radius_km, k, collections)

    def search(self, q, limit=20, collections=SEARCH_COLLECTIONS):
        return self.snapshot.search(q, limit, collections)

    def extent(self, collection):
        return self.snapshot.extent(collection)

    # --- records as stored, and their versions ---------------------------------------------
    def record_version(self, collection: str, fid: str) -> int:
        version = self._versions.get(collection, {}).get(fid)
        if version is None:
            self.get(collection, fid)  # NotFound naming the record
            return 0  # a derived record (a boundary): never written
        return version

    def stored(self, collection: str, fid: str) -> dict:
        """The record as stored (shaped like a seed file's entry): what an edit starts from."""
        with self._link.db.engine.connect() as conn:
            body = conn.execute(sa.select(records.c.body).where(
                records.c.plan_id == self._link.plan_id, records.c.collection == collection,
                records.c.record_id == fid)).scalar()
        if body is None:
            raise NotFound(key="error.no_record", collection=collection, id=fid[:80],
                           noun=collection)
        return json.loads(body)

    # --- writes ----------------------------------------------------------------------------
    def create(self, collection: str, body: dict, *, author: str, source: Source,
               comment: str = "", batch: str | None = None) -> Change:
        _writable(collection)

        def decide(store, before, version):
            rid = body.get("id") if isinstance(body, dict) else None
            if isinstance(rid, str) and rid in store._versions.get(collection, ()):
                raise Conflict(f"{collection}/{rid[:80]} exists already: change it with PUT "
                               "or PATCH, or choose another id")
            return "create", rid, body

        return self._link.write(collection, None, decide, author=author, source=source,
                                comment=comment, batch=batch)

    def replace(self, collection: str, fid: str, body: dict, *, expected: int | None,
                author: str, source: Source, comment: str = "") -> Change:
        _writable(collection)

        def decide(store, before, version):
            _check_expected(collection, fid, before, version, expected)
            return "update", fid, body

        return self._link.write(collection, fid, decide, author=author, source=source,
                                comment=comment)

    def delete(self, collection: str, fid: str, *, expected: int | None, author: str,
               source: Source, comment: str = "") -> Change:
        _writable(collection)

        def decide(store, before, version):
            _check_expected(collection, fid, before, version, expected)
            return "delete", fid, None

        return self._link.write(collection, fid, decide, author=author, source=source,
                                comment=comment)

    def check_batch(self, collection: str, changes: Sequence) -> list:
        """Every problem of ``changes`` (``[(record_id or None, body or None)]``) as
        :meth:`write_batch` would find them now: ``[(position, Problem)]``, empty when the
        batch would be written (a dry run: nothing is stored)."""
        _writable(collection)
        return check_changes(self.snapshot.dataset, collection, list(changes))[1]

    def write_batch(self, collection: str, changes: Sequence, *, author: str, source: Source,
                    comment: str = "", batch: str | None = None) -> BatchChange:
        """Write ``changes`` (``[(record_id or None, body or None)]``: a new record, the
        replacement of record ``record_id``, or its deletion; a third member, when given, is
        the version the change was made from, as If-Match) as ONE transaction whose
        revisions share one batch id (``batch``, or a new one): all or nothing. Each change is
        validated against the data with the earlier ones applied; any problem: InvalidRecord
        with every one (fields prefixed ``[position]``), nothing written; a record no longer
        at the version given: PreconditionFailed naming it."""
        _writable(collection)
        changes = list(changes)
        batch = batch or new_batch_id()

        def decide(store, rows):
            for change in changes:
                fid, expected = change[0], (change[2] if len(change) > 2 else None)
                if fid is not None and expected is not None and fid in rows:
                    _check_expected(collection, fid, rows[fid].body, rows[fid].version,
                                    expected)
            return [("delete" if c[1] is None else "create" if c[0] is None else "update",
                     c[0], c[1], None) for c in changes]

        return self._link.write_batch(collection, decide, author=author, source=source,
                                      comment=comment, batch=batch)

    def revert_batch(self, batch: str, *, author: str, source: Source, comment: str = ""
                     ) -> BatchChange:
        """Undo every change of batch ``batch`` with ONE new batch (never a rewrite): each
        record goes back to how it was before the batch. Only when the batch is each of its
        records' latest change (Conflict naming the first record changed since), so no later
        edit is lost."""
        done = self.history(batch=batch, limit=None)
        if not done:
            raise NotFound(f"no batch {batch[:80]!r} in this plan")
        collections = {r.collection for r in done}
        if len(collections) > 1:
            raise Conflict(f"batch {batch[:80]} changed several collections: revert its "
                           "revisions one by one")
        collection = collections.pop()
        first, last = {}, {}
        for rev in sorted(done, key=lambda r: r.seq):
            first.setdefault(rev.record_id, rev)
            last[rev.record_id] = rev

        def decide(store, rows):
            out = []
            for rid, rev in last.items():
                row = rows.get(rid)
                now_at = row.version if row is not None else 0
                left = rev.version if rev.after is not None else 0
                if now_at != left:
                    raise Conflict(f"{collection}/{rid} was changed after batch {batch[:80]} "
                                   f"(it is at version {now_at}, the batch left it at "
                                   f"{left}); revert that change first")
                before = first[rid].before
                out.append(("revert", rid if row is not None else None, before, rev.seq))
            return out

        return self._link.write_batch(collection, decide, author=author, source=source,
                                      comment=comment or f"revert of batch {batch[:80]}",
                                      batch=new_batch_id())

    def revert(self, seq: int, *, author: str, source: Source, comment: str = "") -> Change:
        """Undo revision ``seq`` with a new revision (never a rewrite): the record goes back
        to how it was before (a deleted record comes back, a created one goes). Only a
        record's latest change can be undone (Conflict otherwise, naming the later one), so no
        later edit is lost."""
        target = self.revision_of(seq)
        if target.action in PHOTO_ACTIONS:
            raise Conflict(f"revision {seq} changed the photo of {target.collection}/"
                           f"{target.record_id}: set or remove the photo on its photo page")
        latest = self._latest_edit(target.collection, target.record_id)
        if latest and latest[0].seq != seq:
            raise Conflict(f"revision {seq} is not the latest change of "
                           f"{target.collection}/{target.record_id} (revision "
                           f"{latest[0].seq} is); undo the later changes first")

        def decide(store, before, version):
            # the record as the target left it: at its version, or absent after a delete
            left = target.version if target.after is not None else 0
            if version != left:
                raise Conflict(f"revision {seq} is not the latest change of "
                               f"{target.collection}/{target.record_id} (it is at version "
                               f"{version}); undo the later changes first")
            return "revert", target.record_id, target.before

        return self._link.write(target.collection, target.record_id, decide, author=author,
                                source=source, comment=comment or f"revert of revision {seq}",
                                reverts=seq)

    def _latest_edit(self, collection: str, fid: str) -> list[Revision]:
        """The record's latest revision that changed the record (not only its photo)."""
        query = sa.select(revisions).where(
            revisions.c.plan_id == self._link.plan_id, revisions.c.collection == collection,
            revisions.c.record_id == fid, revisions.c.action.not_in(PHOTO_ACTIONS)
        ).order_by(revisions.c.seq.desc()).limit(1)
        with self._link.db.engine.connect() as conn:
            return [Revision.of_row(r) for r in conn.execute(query)]

    # --- photos (see :mod:`.db_photos`) ------------------------------------------------------
    def photo(self, collection: str, fid: str, with_data: bool = False):
        from . import db_photos

        return db_photos.read(self._link.db.engine, self._link.plan_id, collection, fid,
                              with_data)

    def set_photo(self, collection: str, fid: str, photo, *, expected: str, author: str,
                  source: Source, comment: str = "") -> Change:
        from . import db_photos

        revision, store = db_photos.change(self._link, collection, fid, photo,
                                           expected=expected, author=author, source=source,
                                           comment=comment, now=_now())
        return Change(revision, store)

    # --- history ---------------------------------------------------------------------------
    def history(self, collection: str | None = None, fid: str | None = None,
                since: dt.datetime | None = None, before: int | None = None,
                limit: int | None = 50, author: str | None = None,
                batch: str | None = None) -> list[Revision]:
        """The plan's revisions, newest first, optionally of one collection or record, by one
        ``author``, of one ``batch``, at or after ``since``, older than revision ``before``
        (paging); ``limit=None``: all of them."""
        query = sa.select(revisions).where(revisions.c.plan_id == self._link.plan_id)
        if collection:
            query = query.where(revisions.c.collection == collection)
        if fid:
            query = query.where(revisions.c.record_id == fid)
        if author:
            query = query.where(revisions.c.author == author)
        if batch:
            query = query.where(revisions.c.batch == batch)
        if since is not None:
            query = query.where(revisions.c.at >= since)
        if before is not None:
            query = query.where(revisions.c.seq < before)
        query = query.order_by(revisions.c.seq.desc())
        if limit is not None:
            query = query.limit(limit)
        with self._link.db.engine.connect() as conn:
            return [Revision.of_row(r) for r in conn.execute(query)]

    def revision_of(self, seq: int) -> Revision:
        with self._link.db.engine.connect() as conn:
            row = conn.execute(sa.select(revisions).where(
                revisions.c.plan_id == self._link.plan_id, revisions.c.seq == seq)).first()
        if row is None:
            raise NotFound(f"no revision {seq} in this plan")
        return Revision.of_row(row)


def new_batch_id() -> str:
    """A batch id: when (UTC, to the second) and 8 random hex digits, e.g.
    ``20261201T215600-3f9a01c2`` (sorts by time, fits the 40-character column)."""
    import secrets

    return f"{_now():%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"


def _writable(collection: str) -> None:
    from ..errors import ReadOnly

    if collection not in WRITABLE_COLLECTIONS:
        raise ReadOnly(f"{collection} cannot be edited here (editable: "
                       f"{', '.join(WRITABLE_COLLECTIONS)})")


def _check_expected(collection: str, fid: str, before, version: int,
                    expected: int | None) -> None:
    if before is None:
        raise NotFound(key="error.no_record", collection=collection, id=fid[:80],
                       noun=collection)
    if expected is not None and expected != version:
        raise PreconditionFailed(f"{collection}/{fid[:80]} was changed meanwhile (it is at "
                                 f"version {version}, you sent {expected}): reload it and "
                                 "make your change again", current=before,
                                 current_version=str(version))
