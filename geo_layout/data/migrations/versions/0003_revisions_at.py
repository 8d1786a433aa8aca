"""An index of the revisions by plan and time: the data as of a date reads only the revisions
made after it, newest first (:mod:`geo_layout.data.as_of`), not the whole history.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_gl_revisions_plan_at", "gl_revisions", ["plan_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_gl_revisions_plan_at", table_name="gl_revisions")
