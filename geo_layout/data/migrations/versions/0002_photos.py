"""Photos of parks and sites: one table holding each record's processed photo.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

from geo_layout.data.db_schema import Str

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gl_photos",
        sa.Column("plan_id", Str(120),
                  sa.ForeignKey("gl_plans.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("collection", Str(40), primary_key=True),
        sa.Column("record_id", Str(120), primary_key=True),
        sa.Column("content_type", Str(40), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("sha256", Str(64), nullable=False),
        sa.Column("author", Str(80), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("gl_photos")
