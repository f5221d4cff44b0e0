"""Face embeddings of enrolment photos: the `face_embeddings` table (see app/persistence/orm/vision.py).

Written out by hand like 0001 and 0002, so the schema never depends on the ORM code that runs it;
tests/integration/test_migrations.py checks it equals the ORM metadata on both backends.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "face_embeddings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("photo_id", sa.Integer(), nullable=False),
        sa.Column("engine_id", sa.String(128), nullable=False),
        sa.Column("dim", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.Column("face_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=False), nullable=False),
        sa.ForeignKeyConstraint(
            ["learner_id"],
            ["learners.id"],
            name="fk_face_embeddings_learner_id_learners",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["photo_id"],
            ["enrolment_photos.id"],
            name="fk_face_embeddings_photo_id_enrolment_photos",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_face_embeddings"),
        sa.UniqueConstraint("photo_id", "engine_id", name="uq_face_embeddings_photo_id_engine_id"),
    )
    op.create_index("ix_face_embeddings_learner_id_engine_id", "face_embeddings", ["learner_id", "engine_id"])


def downgrade() -> None:
    op.drop_table("face_embeddings")  # drops its index with it
