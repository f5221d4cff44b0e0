"""Recorded video segments: the `recordings` index (see app/persistence/orm/recording.py).

Written out by hand like 0001, so the schema never depends on the ORM code that runs it;
tests/integration/test_migrations.py checks it equals the ORM metadata on both backends.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recordings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("camera_id", sa.Integer(), nullable=False),
        sa.Column("store", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=False), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=False), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("frames", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("codec", sa.String(32), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.ForeignKeyConstraint(["camera_id"], ["cameras.id"], name="fk_recordings_camera_id_cameras"),
        sa.PrimaryKeyConstraint("id", name="pk_recordings"),
        sa.UniqueConstraint("store", "path", name="uq_recordings_store_path"),
    )
    op.create_index("ix_recordings_camera_id_started_at", "recordings", ["camera_id", "started_at"])
    op.create_index("ix_recordings_store_started_at", "recordings", ["store", "started_at"])


def downgrade() -> None:
    op.drop_table("recordings")  # drops its indexes with it
