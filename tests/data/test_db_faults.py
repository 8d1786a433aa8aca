"""Faults: a process killed in the middle of its writes leaves every record as it was before
or after a change, never between (the record, its revision and the plan's revision number are
one transaction); on PostgreSQL and on the GeoPackage file alike."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import sqlalchemy as sa

from geo_layout.data.db_schema import plans, records, revisions
from geo_layout.data.db_store import Database

WRITER = r"""
import sys
from geo_layout.data.db_store import Database
from geo_layout.data.provenance import parse_source

database = Database(sys.argv[1])
link = database.link(database.plan_ids()[0])
store = link.load()
park = "guandu-digital-economy-industrial-park"
source = parse_source("other: the kill test")
print("ready", flush=True)
i = 0
while True:
    i += 1
    store = link.current
    body = dict(store.stored("parks", park), note={"zh": f"第{i}次", "en": f"write {i}"})
    store.replace("parks", park, body, expected=store.record_version("parks", park),
                  author="killer", source=source)
"""


@pytest.fixture()
def url(any_db_url):
    return any_db_url


def consistent(url: str) -> tuple[int, int]:
    """Assert that every record agrees with its revisions; (revisions, plan revision)."""
    database = Database(url)
    with database.engine.connect() as conn:
        if conn.dialect.name == "postgresql":  # one snapshot for the three reads
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        revs = conn.execute(sa.select(revisions).order_by(revisions.c.seq)).all()
        rows = {(r.collection, r.record_id): r for r in conn.execute(sa.select(records))}
        plan_revision = conn.execute(sa.select(plans.c.revision)).scalar()
    last = {}
    for rev in revs:
        last[(rev.collection, rev.record_id)] = rev
    for key, rev in last.items():
        row = rows[key]
        assert row.version == rev.version and json.loads(row.body) == json.loads(rev.after)
        assert row.version == 1 + sum(1 for r in revs if (r.collection, r.record_id) == key)
    assert plan_revision == (revs[-1].seq if revs else 0)
    return len(revs), plan_revision


@pytest.mark.server
def test_a_killed_writer_leaves_each_change_whole(url):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, url], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        for _ in range(3):  # a few kills at different moments, restarting in between
            time.sleep(0.7)
            count, _ = consistent(url)
        time.sleep(0.5)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    count, plan_revision = consistent(url)
    assert count >= 3  # it did write before it died
    # and the database still takes writes and serves the last whole change
    store = Database(url).link(Database(url).plan_ids()[0]).load()
    note = store.get("parks", "guandu-digital-economy-industrial-park").properties["note_en"]
    assert note == f"write {count}"
