"""Connecting to the database: the embedded GeoPackage file (SQLite in WAL mode, so readers
never block the writer) or PostgreSQL/PostGIS, and the schema's migrations (Alembic).

SQLite writes start with ``BEGIN IMMEDIATE``: a writer takes the lock before it reads what it
checks, so two processes cannot both validate against the same old state (PostgreSQL gets
the same from ``SELECT … FOR UPDATE`` on the plan's row, see :mod:`.db_store`).
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from . import geopackage
from .db_schema import metadata

MIGRATIONS = "geo_layout.data:migrations"
#: how long a writer waits for another's lock before giving up (ms)
BUSY_TIMEOUT_MS = 10_000


def database_url(value: str | Path) -> str:
    """A SQLAlchemy URL from ``value``: a URL as given (``postgresql://`` gets the psycopg
    driver), a plain path as the GeoPackage file there."""
    text = str(value)
    if text.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + text.split("://", 1)[1]
    if "://" in text:
        return text
    return "sqlite:///" + str(Path(text).expanduser().resolve())


def is_sqlite(url: str) -> bool:
    return database_url(url).startswith("sqlite")


def database_file(url: str) -> Path | None:
    """The file of an embedded database (None for a server)."""
    url = database_url(url)
    return Path(url.split(":///", 1)[1]) if url.startswith("sqlite:///") else None


def open_engine(url: str) -> sa.Engine:
    url = database_url(url)
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    path = database_file(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, connect_args={"check_same_thread": False,
                                                 "timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # transactions are begun below, not by pysqlite
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


@contextlib.contextmanager
def writing(engine: sa.Engine):
    """A write transaction: committed when the block ends, rolled back on any exception (a
    process killed inside it leaves the database as it was: the journal undoes it)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            yield conn


def point_value(engine: sa.Engine, point: tuple[float, float] | None):
    """The ``geom`` column's value for a WGS-84 point (None stays NULL)."""
    if point is None:
        return None
    lon, lat = point
    if engine.dialect.name == "sqlite":
        return geopackage.point_blob(lon, lat)
    # EWKT text: PostGIS reads it as geometry (psycopg sends text of unknown type, which
    # PostgreSQL casts to the column's type), and it can go into a multi-row insert
    return f"SRID={geopackage.WGS84};POINT({float(lon)!r} {float(lat)!r})"


def ours(name, type_, _parent_names) -> bool:
    """Alembic's filter: the tables this schema declares, not those of GeoPackage or PostGIS."""
    return not (type_ == "table" and name and (name.startswith("gpkg_")
                                               or name == "spatial_ref_sys"))


def alembic_config(engine: sa.Engine, connection=None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (creates it in an empty database)."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(engine, conn), revision)
    checkpoint(engine)


def checkpoint(engine: sa.Engine) -> None:
    """Copy the SQLite write-ahead log into the file itself: GIS tools read the GeoPackage
    header from the file, and a fresh one would otherwise look like no GeoPackage at all."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


#: a migration file's ``revision = "…"`` or ``down_revision = "…" | None`` line
_REVISION_LINE = re.compile(
    r"""^(down_revision|revision)\s*(?::[^=\n]*)?=\s*(?:"([^"\n]*)"|'([^'\n]*)'|None)\s*$""",
    re.M)


def at_head(engine: sa.Engine) -> bool:
    """Whether the schema is at the newest migration, told without alembic (importing it
    costs a server ~11 MB it keeps): the migration files' ``revision`` lines against the
    database's ``alembic_version``. False when anything is unclear (alembic decides then)."""
    revisions, downs = set(), set()
    for path in (Path(__file__).parent / "migrations" / "versions").glob("*.py"):
        text = path.read_text("utf-8")
        found = {name: dq or sq or None for name, dq, sq in _REVISION_LINE.findall(text)}
        if not found:
            continue  # (the package's __init__)
        if not found.get("revision") or "down_revision" not in found:
            return False
        revisions.add(found["revision"])
        if found["down_revision"]:
            downs.add(found["down_revision"])
    heads = revisions - downs
    if len(heads) != 1:
        return False
    try:
        with engine.connect() as conn:
            current = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    except sa.exc.DBAPIError:
        return False
    return [row[0] for row in current] == list(heads)


def schema_revision(engine: sa.Engine) -> str | None:
    """The migration the database is at (None: never initialised)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision(engine: sa.Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


__all__ = ["database_url", "database_file", "head_revision", "is_sqlite", "metadata",
           "open_engine", "point_value", "schema_revision", "upgrade", "writing"]
