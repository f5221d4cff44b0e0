"""What the photo scorer judged each captured photo with (three `captured_photos` columns).

`scored_threshold`, `scored_with` (threshold source, calibration date, embedding model, detector
setting as JSON) and `face_boxes` (the faces its detector found). The spot-check review judges with
these and draws these boxes, so it never contradicts the scorer (issue 13). Photos scored earlier
keep NULL: nothing recorded which threshold they were scored under, and the review says so.

Written out by hand like the earlier revisions; tests/integration/test_migrations.py checks it equals
the ORM metadata on SQLite and PostgreSQL.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("captured_photos", sa.Column("scored_threshold", sa.Float(), nullable=True))
    op.add_column("captured_photos", sa.Column("scored_with", sa.Text(), nullable=True))
    op.add_column("captured_photos", sa.Column("face_boxes", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("captured_photos") as batch:
        batch.drop_column("face_boxes")
        batch.drop_column("scored_with")
        batch.drop_column("scored_threshold")
