"""The database's tables (SQLAlchemy Core), one definition for the embedded GeoPackage file and
for PostgreSQL/PostGIS. Alembic's migrations (``migrations/``) create them; a test compares
the migrated schema with this one, so the two cannot drift.

A record is stored as the seed file holds it (a JSON object shaped like one entry of
``parks.yaml``): the same parser validates the seeds and an edit, and ``db export`` writes the
records back as seed files unchanged. ``geom`` mirrors a located place's point for GIS tools
(QGIS opens the GeoPackage's ``parks``/``sites`` views); the service reads ``body`` only.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, DateTime, Float, ForeignKey, Index, Integer,
                        LargeBinary, MetaData, String, Table, Text, UniqueConstraint)
from sqlalchemy.types import UserDefinedType

metadata = MetaData()


class PointGeometry(UserDefinedType):
    """PostGIS ``geometry(Point, 4326)``; a GeoPackage geometry blob on SQLite (see
    :mod:`.geopackage`). Written through :func:`.db_engine.point_value`, never read back."""

    cache_ok = True

    def get_col_spec(self, **kw) -> str:
        return "geometry(Point,4326)"


GEOMETRY = PointGeometry().with_variant(LargeBinary(), "sqlite")


def Str(length: int):
    """VARCHAR(n) on PostgreSQL; TEXT on SQLite, the only text type GeoPackage readers know."""
    return String(length).with_variant(Text(), "sqlite")

plans = Table(
    "gl_plans", metadata,
    Column("id", Str(120), primary_key=True),
    #: the default plan is the one with the lowest position (the first imported)
    Column("position", Integer, nullable=False),
    #: the boundaries folder; NULL = the boundaries shipped with the package
    Column("geodata", Text, nullable=True),
    #: the version of the seeds folder last imported as this plan's baseline
    Column("baseline", Str(64), nullable=False),
    #: the seq of the plan's latest revision: servers poll it to see another's writes
    Column("revision", Integer, nullable=False, default=0),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

records = Table(
    "gl_records", metadata,
    Column("fid", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Str(120), ForeignKey("gl_plans.id", ondelete="CASCADE"),
           nullable=False),
    Column("collection", Str(40), nullable=False),
    Column("record_id", Str(120), nullable=False),
    #: the record's place in its file (layout elements keep the plan's order)
    Column("position", Float, nullable=False),
    Column("body", Text, nullable=False),
    #: counts the record's changes: its ETag, checked against If-Match
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", Str(80), nullable=False),
    Column("geom", GEOMETRY, nullable=True),
    UniqueConstraint("plan_id", "collection", "record_id", name="uq_gl_records_key"),
)

revisions = Table(
    "gl_revisions", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Str(120), ForeignKey("gl_plans.id", ondelete="CASCADE"),
           nullable=False),
    Column("collection", Str(40), nullable=False),
    Column("record_id", Str(120), nullable=False),
    #: create | update | delete | revert (the baseline import writes none)
    Column("action", Str(16), nullable=False),
    Column("before", Text, nullable=True),   # the record as it was (JSON); NULL if created
    Column("after", Text, nullable=True),    # the record as it is now (JSON); NULL if deleted
    Column("version", Integer, nullable=False),  # the record's version after this change
    Column("author", Str(80), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("source", Text, nullable=False),  # JSON: {"kind": ..., "reference": ...}
    Column("comment", Text, nullable=False, default=""),
    Column("reverts", Integer, nullable=True),  # the seq this revision undid
    Column("batch", Str(40), nullable=True),  # changes saved together (an import)
)
#: a record's history, and (with time, action and number in the index: read alone) the first
#: revision of each record after a day (:mod:`.as_of`)
Index("ix_gl_revisions_record", revisions.c.plan_id, revisions.c.collection,
      revisions.c.record_id, revisions.c.at, revisions.c.action, revisions.c.seq)
#: the plan's data as of a date reads only the revisions after it (:mod:`.as_of`)
Index("ix_gl_revisions_plan_at", revisions.c.plan_id, revisions.c.at)

users = Table(
    "gl_users", metadata,
    Column("name", Str(80), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("role", Str(16), nullable=False),  # editor | admin
    Column("plans", Text, nullable=False, default="[]"),  # JSON list of plan ids (editors)
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

tokens = Table(
    "gl_tokens", metadata,
    Column("id", Str(24), primary_key=True),  # public part, shown in lists
    Column("user_name", Str(80), ForeignKey("gl_users.name", ondelete="CASCADE"),
           nullable=False),
    Column("token_hash", Str(128), nullable=False, unique=True),  # SHA-256 of the secret
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=True),
    Column("revoked_at", DateTime(timezone=True), nullable=True),
)

#: a park's or site's photo (one each, see :mod:`.photos`): the processed image itself, so a
#: copy of the database file or a dump holds it; its changes are revisions like any other
photos = Table(
    "gl_photos", metadata,
    Column("plan_id", Str(120), ForeignKey("gl_plans.id", ondelete="CASCADE"),
           primary_key=True),
    Column("collection", Str(40), primary_key=True),
    Column("record_id", Str(120), primary_key=True),
    Column("content_type", Str(40), nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    #: of ``data``: the photo's ETag, its URL's version, and what a stale form is checked by
    Column("sha256", Str(64), nullable=False),
    Column("author", Str(80), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("source", Text, nullable=False),  # JSON: {"kind": ..., "reference": ...}
)

settings = Table(
    "gl_settings", metadata,
    Column("key", Str(80), primary_key=True),
    Column("value", Text, nullable=False),
)
