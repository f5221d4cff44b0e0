"""Alembic environment: migrates through the engine that app.persistence.migrate hands over.

Run by Alembic, never imported by the application. Without an engine in the config (someone
running the `alembic` command by hand), it falls back to `sqlalchemy.url` or the default database.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from app.persistence.engine import SQLITE_BEGIN_OPTION, create_engine_for
from app.persistence.orm import Base

# Two workstations upgrading at once: the second waits here, then finds nothing to do.
_MIGRATION_LOCK_KEY = 0x4C4A_0001  # "LJ" + 1, any constant unique to this application

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds tables for later migrations.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # All-or-nothing on SQLite too: a failed migration leaves the previous schema.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
        context.run_migrations()


def run_migrations_online() -> None:
    config = context.config
    engine = config.attributes.get("engine")
    owned = not isinstance(engine, Engine)
    if owned:
        engine = create_engine_for(config.get_main_option("sqlalchemy.url") or None)
    assert isinstance(engine, Engine)
    try:
        # BEGIN IMMEDIATE on SQLite: wait for (rather than fail on) another writer, see engine.py.
        with engine.connect().execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"}) as connection:
            _run(connection)
            connection.commit()
    finally:
        if owned:
            engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported; run against a database")
run_migrations_online()
