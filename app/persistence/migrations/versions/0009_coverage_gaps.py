"""`coverage_gaps`: spans in which a background subsystem did not run (issue 14, item 5).

A face-analysis worker that crashed or hung, enrolment that failed, analysis switched off, photo
scoring or a recorder waiting for its restart: each such span is stored with its start and end
(NULL while it lasts), so the Dashboard can add up today's gaps and a gap left open by a crash is
closed honestly at the next start (at its last heartbeat). `key` is unique: a write retried after
an ambiguous COMMIT updates its row.

Written out by hand like the earlier revisions; tests/integration/test_migrations.py checks it equals
the ORM metadata on SQLite and PostgreSQL.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coverage_gaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("subsystem", sa.String(length=32), nullable=False),
        sa.Column("workstation", sa.String(length=255), nullable=False),
        sa.Column("camera_ids", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("end_basis", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_coverage_gaps"),
        sa.UniqueConstraint("key", name="uq_coverage_gaps_key"),
    )
    op.create_index("ix_coverage_gaps_started_at", "coverage_gaps", ["started_at"])


def downgrade() -> None:
    op.drop_index("ix_coverage_gaps_started_at", table_name="coverage_gaps")
    op.drop_table("coverage_gaps")
