"""Fast inserts of many rows with ids chosen by the caller (the demo seed, imports).

Explicit ids leave PostgreSQL's id sequences behind the data; `sync_id_sequences` moves them past
the largest id so the next ordinary insert does not collide. SQLite needs nothing: its rowid
allocator always looks at the current maximum.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Integer, insert, text
from sqlalchemy.orm import Session

from app.persistence.orm import Base

# Keeps each executemany batch well inside SQLite's and psycopg's parameter limits.
CHUNK_ROWS = 5000


def bulk_insert(session: Session, row_class: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK_ROWS):
        session.execute(insert(row_class), list(rows[start : start + CHUNK_ROWS]))


def tables_with_integer_id() -> Iterable[str]:
    for table in Base.metadata.sorted_tables:
        column = table.columns.get("id")
        if column is not None and column.primary_key and isinstance(column.type, Integer):
            yield table.name


def sync_id_sequences(session: Session) -> None:
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables_with_integer_id():
        # Table names come from our own metadata, never from input.
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )
        )
