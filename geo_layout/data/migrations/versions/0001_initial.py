"""The first schema: plans, records, revisions, users, tokens, settings; on SQLite also the
GeoPackage core tables and the parks/sites point layers.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

from geo_layout.data import geopackage
from geo_layout.data.db_schema import GEOMETRY, Str

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    op.create_table(
        "gl_plans",
        sa.Column("id", Str(120), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("geodata", sa.Text, nullable=True),
        sa.Column("baseline", Str(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "gl_records",
        sa.Column("fid", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", Str(120),
                  sa.ForeignKey("gl_plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("collection", Str(40), nullable=False),
        sa.Column("record_id", Str(120), nullable=False),
        sa.Column("position", sa.Float, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", Str(80), nullable=False),
        sa.Column("geom", GEOMETRY, nullable=True),
        sa.UniqueConstraint("plan_id", "collection", "record_id", name="uq_gl_records_key"),
    )
    op.create_table(
        "gl_revisions",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", Str(120),
                  sa.ForeignKey("gl_plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("collection", Str(40), nullable=False),
        sa.Column("record_id", Str(120), nullable=False),
        sa.Column("action", Str(16), nullable=False),
        sa.Column("before", sa.Text, nullable=True),
        sa.Column("after", sa.Text, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("author", Str(80), nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("reverts", sa.Integer, nullable=True),
        sa.Column("batch", Str(40), nullable=True),
    )
    op.create_index("ix_gl_revisions_record", "gl_revisions",
                    ["plan_id", "collection", "record_id"])
    op.create_table(
        "gl_users",
        sa.Column("name", Str(80), primary_key=True),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("role", Str(16), nullable=False),
        sa.Column("plans", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False),
        sa.Column("locked_until", TZ, nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "gl_tokens",
        sa.Column("id", Str(24), primary_key=True),
        sa.Column("user_name", Str(80),
                  sa.ForeignKey("gl_users.name", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", Str(128), nullable=False, unique=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=True),
        sa.Column("revoked_at", TZ, nullable=True),
    )
    op.create_table(
        "gl_settings",
        sa.Column("key", Str(80), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    if bind.dialect.name == "sqlite":
        geopackage.initialise(lambda sql, params=(): bind.exec_driver_sql(sql, params))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for layer in geopackage.POINT_LAYERS:
            op.execute(f"DROP VIEW IF EXISTS {layer}")
            op.execute(f"DELETE FROM gpkg_geometry_columns WHERE table_name = '{layer}'")
            op.execute(f"DELETE FROM gpkg_contents WHERE table_name = '{layer}'")
    for table in ("gl_settings", "gl_tokens", "gl_users", "gl_revisions", "gl_records",
                  "gl_plans"):
        op.drop_table(table)
