"""Spot-check claim leases: the `spot_check_claims` table (see app/persistence/orm/review.py).

Written out by hand like the earlier revisions; tests/integration/test_migrations.py checks it equals
the ORM metadata on SQLite and PostgreSQL.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "spot_check_claims",
        sa.Column("spot_check_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["spot_check_id"],
            ["spot_checks.id"],
            name="fk_spot_check_claims_spot_check_id_spot_checks",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("spot_check_id", name="pk_spot_check_claims"),
    )
    op.create_index("ix_spot_check_claims_claimed_at", "spot_check_claims", ["claimed_at"])


def downgrade() -> None:
    op.drop_table("spot_check_claims")  # drops its index with it
