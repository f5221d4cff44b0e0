"""Two `events` columns for delivery that loses nothing and raises nothing twice (issue 14).

`origin`: the key the raising writer gave the event; unique, so a delivery retried after an
ambiguous COMMIT looks it up instead of storing the event again. `open_key`: set while the situation
lasts (kind, class session, learner or camera), NULL once it is over; unique, so the database itself
refuses a second open event for the same thing, whoever writes it. Rows stored before keep NULL in
both: nothing recorded whether they were still open.

Written out by hand like the earlier revisions; tests/integration/test_migrations.py checks it equals
the ORM metadata on SQLite and PostgreSQL.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("origin", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("open_key", sa.String(length=160), nullable=True))
        batch.create_unique_constraint("uq_events_origin", ["origin"])
        batch.create_unique_constraint("uq_events_open_key", ["open_key"])


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("uq_events_open_key", type_="unique")
        batch.drop_constraint("uq_events_origin", type_="unique")
        batch.drop_column("open_key")
        batch.drop_column("origin")
