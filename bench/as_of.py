"""Benchmark 11: the data as of a date (``?as_of=``) with 100,000 sites and 200,000 revisions.

The 100,000-site plan (``geo-layout synth``, seed 1, as benchmark 3) is imported into a fresh
GeoPackage (and a throwaway PostgreSQL when Debian's packages are there). Its history is then
written DIRECTLY into ``gl_revisions`` in one transaction (executemany, 10,000 rows a
statement), with the records' final state written to ``gl_records`` and the plan's revision
number moved on, exactly as the store's writes leave them; going through ``write_batch`` would
validate each of the 200,000 changes and take many minutes for nothing this benchmark reads.
On PostgreSQL the tables are then vacuumed and analysed, as autovacuum would have done while
the history grew over the years.
The history (seed 1), at times spread uniformly from 2021-01-01 to 2026-11-30:

- 190,000 note updates on 1,000 "active" synthetic sites (a project whose progress is noted
  every few days: ~190 revisions each),
- 6,000 note updates on 6,000 other sites (one each),
- 2,500 sites created and 1,500 deleted.

Then, in-process through the app (Flask test client; the render cache never answers a first
request, and the as-of cache is cleared before each uncached one): for days at the plan's
end, mid-term and early, ``/api/sites?limit=100&as_of=<day>`` uncached and cached (the render
cache; and a second query of the same day: the kept past store), and ``/maps/layout?as_of=``
uncached; each as a ratio to the same request without ``as_of`` (today's data) measured in
the same run: the machine is shared and noisy, absolute times are not comparable between
runs. The target (issue 17): an as-of view <= 1 s uncached, cached like the rest."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from .common import postgres_server
from .scale import dataset

N_SITES = 100_000
ACTIVE, ACTIVE_UPDATES, SCATTERED, CREATED, DELETED = 1_000, 190_000, 6_000, 2_500, 1_500
START, END = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc), dt.datetime(
    2026, 11, 30, tzinfo=dt.timezone.utc)
DAYS = (dt.date(2025, 12, 31), dt.date(2023, 12, 31), dt.date(2021, 6, 30))
SOURCE = json.dumps({"kind": "other", "reference": "bench: as of"})


def _events(rng: random.Random, ids: list[str]) -> list[tuple[str, str]]:
    """``[(action, site id)]`` in the order written: the mix the module docstring gives."""
    synthetic = [i for i in ids if i.startswith("synthetic-")]
    picked = rng.sample(synthetic, ACTIVE + SCATTERED + DELETED)
    active, scattered = picked[:ACTIVE], picked[ACTIVE:ACTIVE + SCATTERED]
    deleted = picked[ACTIVE + SCATTERED:]
    events = [("update", rng.choice(active)) for _ in range(ACTIVE_UPDATES)]
    events += [("update", i) for i in scattered]
    events += [("create", f"bench-new-site-{k:05d}") for k in range(CREATED)]
    rng.shuffle(events)
    # a deletion comes after any change of its site (none here: deleted sites are untouched)
    for site in deleted:
        events.insert(rng.randrange(len(events) + 1), ("delete", site))
    return events


def write_history(database, plan_id: str, seed: int = 1) -> dict:
    """The history above, written directly (see the module docstring); counts and seconds."""
    import sqlalchemy as sa

    from geo_layout.data import db_engine
    from geo_layout.data.db_schema import plans, records, revisions

    t = time.perf_counter()
    rng = random.Random(seed)
    engine = database.engine
    with engine.connect() as conn:
        rows = {r.record_id: r for r in conn.execute(sa.select(
            records.c.fid, records.c.record_id, records.c.body, records.c.version,
            records.c.position).where(records.c.plan_id == plan_id,
                                      records.c.collection == "sites"))}
    bodies = {rid: r.body for rid, r in rows.items()}
    versions = {rid: r.version for rid, r in rows.items()}
    events = _events(rng, sorted(bodies))
    times = sorted(START + (END - START) * rng.random() for _ in events)
    templates = [rid for rid in bodies if rid.startswith("synthetic-")][:50]
    revs = []
    for n, ((action, rid), at) in enumerate(zip(events, times)):
        before = bodies.get(rid)
        if action == "update":
            body = json.loads(before)
            body["note"] = {"zh": f"进展记录 {n}", "en": f"progress note {n}"}
            after = json.dumps(body, ensure_ascii=False)
        elif action == "create":
            body = json.loads(bodies[templates[n % len(templates)]])
            body.update(id=rid, name={"zh": f"新建项目 {n}", "en": f"New site {n}"})
            after = json.dumps(body, ensure_ascii=False)
        else:
            after = None
        versions[rid] = versions.get(rid, 0) + 1
        revs.append({"plan_id": plan_id, "collection": "sites", "record_id": rid,
                     "action": action, "before": before, "after": after,
                     "version": versions[rid], "author": "bench", "at": at, "source": SOURCE,
                     "comment": "", "reverts": None, "batch": None})
        if after is None:
            bodies.pop(rid, None)
        else:
            bodies[rid] = after
    touched = {r["record_id"] for r in revs}
    position = max(r.position for r in rows.values()) + 1
    with db_engine.writing(engine) as conn:
        for i in range(0, len(revs), 10_000):
            conn.execute(revisions.insert(), revs[i:i + 10_000])
        gone = [{"_fid": rows[rid].fid} for rid in touched if rid in rows and rid not in bodies]
        changed = [{"_fid": rows[rid].fid, "body": bodies[rid], "version": versions[rid]}
                   for rid in touched if rid in rows and rid in bodies]
        made = []
        for rid in sorted(touched - set(rows)):
            if rid in bodies:
                body = json.loads(bodies[rid])
                made.append({"plan_id": plan_id, "collection": "sites", "record_id": rid,
                             "position": position, "body": bodies[rid],
                             "version": versions[rid], "updated_at": END,
                             "updated_by": "bench", "geom": db_engine.point_value(
                                 engine, (body["lon"], body["lat"]))})
                position += 1
        if gone:
            conn.execute(records.delete().where(records.c.fid == sa.bindparam("_fid")), gone)
        for i in range(0, len(changed), 10_000):
            conn.execute(records.update().where(records.c.fid == sa.bindparam("_fid"))
                         .values(updated_at=END, updated_by="bench"), changed[i:i + 10_000])
        if made:
            conn.execute(records.insert(), made)
        last = conn.execute(sa.select(sa.func.max(revisions.c.seq))).scalar()
        conn.execute(plans.update().where(plans.c.id == plan_id).values(revision=last))
    db_engine.checkpoint(engine)
    if engine.dialect.name == "postgresql":
        # what autovacuum does to a table that grew over years (here it grew in seconds):
        # without statistics the planner expects ~100 revisions after the day and sorts
        # 180,000 on disk; with them it reads the per-record index alone
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM ANALYZE gl_revisions")
            conn.exec_driver_sql("VACUUM ANALYZE gl_records")
    return {"revisions": len(revs), "write_s": time.perf_counter() - t}


def _get_s(client, url: str) -> float:
    t = time.perf_counter()
    response = client.get(url)
    took = time.perf_counter() - t
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code} {response.get_data()[:300]!r}")
    return took


def measure(url: str, label: str) -> dict:
    from geo_layout.app import create_app
    from geo_layout.data import as_of
    from geo_layout.data.db_store import Database

    out = {"db": label}
    database = Database(url)
    t = time.perf_counter()
    [plan_id] = database.ensure(Path(dataset(N_SITES)))
    out["import_s"] = time.perf_counter() - t
    out.update(write_history(database, plan_id))
    t = time.perf_counter()
    app = create_app({"TESTING": True, "DATABASE_URL": url, "FOLLOW_INTERVAL": 0})
    out["start_s"] = time.perf_counter() - t
    client = app.test_client()
    store = app.extensions["geo_layout.database"].link(plan_id).current
    client.get("/api/sites?limit=1")  # first request: lazy set-up not measured
    client.get("/maps/layout?lang=en")
    base_api = _get_s(client, "/api/sites?limit=100")
    base_map = _get_s(client, "/maps/layout")
    out.update(base_api_ms=base_api * 1000, base_map_ms=base_map * 1000, days=[])
    for day in DAYS:
        records = len(as_of.past_records(store, day))
        as_of.clear_cache()
        t = time.perf_counter()
        as_of.store_as_of(store, day)
        build = time.perf_counter() - t
        as_of.clear_cache()
        api = _get_s(client, f"/api/sites?limit=100&as_of={day}")
        cached = _get_s(client, f"/api/sites?limit=100&as_of={day}")  # render cache
        kept = _get_s(client, f"/api/sites?limit=100&offset=100&as_of={day}")  # kept store
        as_of.clear_cache()
        page = _get_s(client, f"/maps/layout?as_of={day}")
        out["days"].append({"day": day.isoformat(), "records": records,
                            "build_ms": build * 1000, "api_ms": api * 1000,
                            "cached_ms": cached * 1000, "kept_ms": kept * 1000,
                            "map_ms": page * 1000})
    return out


def run(postgres: bool = True) -> None:
    total = ACTIVE_UPDATES + SCATTERED + CREATED + DELETED
    print(f"11. As of a date: {N_SITES:,} sites, {total:,} revisions")
    rows = []
    with tempfile.TemporaryDirectory(prefix="geo-layout-bench-") as tmp:
        rows.append(measure(str(Path(tmp) / "bench.gpkg"), "gpkg"))
    server = postgres_server() if postgres else None
    if server is not None:
        try:
            rows.append(measure(server.create_database("bench_as_of"), "postgres"))
        finally:
            server.stop()
    for r in rows:
        print(f"   {r['db']:8} import {r['import_s']:.0f} s; {r['revisions']:,} revisions "
              f"written in {r['write_s']:.0f} s; start {r['start_s']:.0f} s")
        print(f"            today: /api/sites?limit=100 {r['base_api_ms']:.0f} ms, "
              f"/maps/layout {r['base_map_ms']:.0f} ms (the baselines)")
        for d in r["days"]:
            print(f"            as of {d['day']} ({d['records']:,} records changed since): "
                  f"past store {d['build_ms']:.0f} ms; /api/sites uncached "
                  f"{d['api_ms']:.0f} ms ({d['api_ms'] / r['base_api_ms']:.1f}x today's), "
                  f"cached {d['cached_ms']:.1f} ms ({d['cached_ms'] / r['base_api_ms']:.2f}x), "
                  f"same day other query {d['kept_ms']:.0f} ms "
                  f"({d['kept_ms'] / r['base_api_ms']:.1f}x); /maps/layout uncached "
                  f"{d['map_ms']:.0f} ms ({d['map_ms'] / r['base_map_ms']:.1f}x)")


if __name__ == "__main__":
    run(postgres="--no-postgres" not in sys.argv)
