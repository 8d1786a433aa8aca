"""The PostgreSQL fixtures (tests/postgres.py) give a real PostgreSQL with PostGIS: SQLAlchemy
with psycopg 3 connects, geometry columns work, each test's database is its own, and
LISTEN/NOTIFY passes between connections."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
import sqlalchemy as sa


@pytest.fixture()
def engine(postgres_url):
    engine = sa.create_engine(postgres_url)
    yield engine
    engine.dispose()


def _libpq(url: str) -> str:
    """A SQLAlchemy ``postgresql+psycopg://`` URL as a libpq URI for ``psycopg.connect``."""
    return sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_url_is_psycopg_on_loopback(postgres_server, postgres_url):
    url = sa.make_url(postgres_url)
    assert url.drivername == "postgresql+psycopg"
    assert (url.host, url.port, url.username) == ("127.0.0.1", postgres_server.port, "postgres")
    assert url.database != "postgres"
    assert postgres_server.url(url.database) == postgres_url


def test_postgis_is_there(engine):
    with engine.connect() as conn:
        assert conn.dialect.driver == "psycopg"
        postgis = conn.execute(sa.text("SELECT PostGIS_Version()")).scalar_one()
        server = conn.execute(sa.text("SHOW server_version_num")).scalar_one()
        fsync = conn.execute(sa.text("SHOW fsync")).scalar_one()
    assert postgis.startswith("3."), postgis
    assert int(server) >= 150000
    assert fsync == "off"


def test_point_geometry_round_trip(engine):
    with engine.begin() as conn:
        conn.execute(sa.text(
            "CREATE TABLE parks (id serial PRIMARY KEY, name text,"
            " geom geometry(Point, 4326))"))
        conn.execute(sa.text(
            "INSERT INTO parks (name, geom)"
            " VALUES (:name, ST_SetSRID(ST_MakePoint(102.7, 25.0), 4326))"),
            {"name": "昆明"})
    with engine.connect() as conn:
        row = conn.execute(sa.text(
            "SELECT name, ST_AsText(geom), ST_SRID(geom), ST_X(geom), ST_Y(geom)"
            " FROM parks")).one()
        column = conn.execute(sa.text(
            "SELECT type, srid FROM geometry_columns WHERE f_table_name = 'parks'")).one()
    assert tuple(row) == ("昆明", "POINT(102.7 25)", 4326, 102.7, 25.0)
    assert tuple(column) == ("POINT", 4326)


def test_geometry_column_enforces_its_srid(engine):
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE p (geom geometry(Point, 4326))"))
    with pytest.raises(sa.exc.DBAPIError, match="SRID"):
        with engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO p VALUES (ST_SetSRID(ST_MakePoint(0, 0), 3857))"))


@pytest.mark.parametrize("run", [1, 2])
def test_each_test_gets_an_empty_database(engine, run):
    """Twice the same CREATE TABLE: the second would fail in a shared database."""
    with engine.begin() as conn:
        tables = conn.execute(sa.text(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).scalars().all()
        assert tables == ["spatial_ref_sys"]  # PostGIS's own, nothing else
        conn.execute(sa.text("CREATE TABLE only_here (n int)"))
        conn.execute(sa.text("INSERT INTO only_here VALUES (:n)"), {"n": run})


def test_two_fresh_databases_are_independent(postgres_server, postgres_url):
    other_name = "independent_other"
    other_url = postgres_server.create_database(other_name)
    try:
        first, other = sa.create_engine(postgres_url), sa.create_engine(other_url)
        with first.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (v text)"))
            conn.execute(sa.text("INSERT INTO t VALUES ('first')"))
        with other.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (v text)"))
            conn.execute(sa.text("INSERT INTO t VALUES ('other')"))
        with first.connect() as conn:
            assert conn.execute(sa.text("SELECT v FROM t")).scalars().all() == ["first"]
            assert conn.execute(sa.text("SELECT current_database()")).scalar_one() != other_name
        with other.connect() as conn:
            assert conn.execute(sa.text("SELECT v FROM t")).scalars().all() == ["other"]
            assert conn.execute(sa.text("SELECT PostGIS_Version()")).scalar_one()
        first.dispose()
        # other's pool still holds a connection: the drop must end it, not wait for it
    finally:
        postgres_server.drop_database(other_name)
    with psycopg.connect(postgres_server.dsn()) as conn:
        names = [r[0] for r in conn.execute("SELECT datname FROM pg_database")]
    assert other_name not in names
    assert sa.make_url(postgres_url).database in names


def test_listen_notify_between_two_connections(engine, postgres_url):
    received: list[tuple[str, str]] = []
    with psycopg.connect(_libpq(postgres_url), autocommit=True) as listener:
        listener.add_notify_handler(lambda n: received.append((n.channel, n.payload)))
        listener.execute("LISTEN plan_changed")
        with engine.begin() as conn:  # a SQLAlchemy connection sends it, on commit
            conn.execute(sa.text("SELECT pg_notify('plan_changed', :p)"), {"p": "云南 v2"})
        deadline = time.monotonic() + 10
        while not received and time.monotonic() < deadline:
            listener.execute("SELECT 1")  # notifications arrive with any server reply
            time.sleep(0.02)
    assert received == [("plan_changed", "云南 v2")]


def test_server_is_a_throwaway_cluster(postgres_server):
    assert postgres_server.port != 5432
    assert (postgres_server.folder / "data" / "PG_VERSION").exists()
    with psycopg.connect(postgres_server.dsn()) as conn:
        data_directory = conn.execute("SHOW data_directory").fetchone()[0]
        listen = conn.execute("SHOW listen_addresses").fetchone()[0]
    assert Path(data_directory) == postgres_server.folder / "data"
    assert listen == "127.0.0.1"


def _pytest_without_postgres(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["GEO_LAYOUT_PG_BINDIR"] = "/nonexistent/postgresql/bin"  # as if not installed
    if ci:
        env["CI"] = ci
    # only the plugin, not conftest.py (which loads the whole app): 0.5 s instead of 8 s
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "--noconftest", "-p", "postgres",
         f"{Path(__file__).name}::test_postgis_is_there"],
        cwd=Path(__file__).parent, env=env, capture_output=True, text=True, timeout=300)


def test_without_postgres_skips_with_the_install_command():
    run = _pytest_without_postgres(ci=None)
    assert run.returncode == 0, run.stdout[-2000:]
    assert "1 skipped" in run.stdout
    assert "apt-get install --no-install-recommends postgresql postgresql-15-postgis-3" \
        in run.stdout


def test_without_postgres_in_ci_fails():
    run = _pytest_without_postgres(ci="true")
    assert run.returncode == 1, run.stdout[-2000:]
    assert "1 error" in run.stdout
    assert "in CI: Debian packages missing" in run.stdout
