"""Completion reversals: `completion_reversals` (see app/persistence/orm/completion_reversals.py).

Written out by hand like the earlier revisions; tests/integration/test_migrations.py checks it equals
the ORM metadata on SQLite and PostgreSQL.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "completion_reversals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("completion_id", sa.Integer(), nullable=False),
        sa.Column("previous_state", sa.String(32), nullable=False),
        sa.Column("previous_decided_by", sa.Integer(), nullable=True),
        sa.Column("previous_decided_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("previous_reason", sa.Text(), nullable=False),
        sa.Column("reversed_by", sa.Integer(), nullable=False),
        sa.Column("reversed_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["completion_id"], ["completions.id"], name="fk_completion_reversals_completion_id_completions"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_completion_reversals"),
    )
    op.create_index("ix_completion_reversals_completion_id", "completion_reversals", ["completion_id"])


def downgrade() -> None:
    op.drop_table("completion_reversals")  # drops its index with it
