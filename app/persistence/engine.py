"""Engines for the two supported backends, configured the same way everywhere.

SQLite (the default, one workstation): a file in the user's data folder, WAL journal so readers
never wait for the writer, foreign keys enforced, and a busy timeout so a briefly held lock is
waited for rather than failing at once; a lock held longer becomes DatabaseLockedError.
PostgreSQL (several workstations): `postgresql+psycopg://`, with a connect timeout and pre-ping
so a restarted server is reconnected silently.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import ConnectionPoolEntry

from app import paths
from app.persistence.errors import DatabaseUnavailableError, install_error_translation
from app.url_masking import mask_url as shared_mask_url

APP_NAME = "liangjiao-console"  # also the PostgreSQL application_name, visible in pg_stat_activity
DEFAULT_CONNECT_TIMEOUT_S = 5.0
# Rides out another writer's transaction, yet reports a stuck lock within seconds.
DEFAULT_BUSY_TIMEOUT_S = 5.0
# libpq (and so psycopg) also accepts the password as a query option.

# Makes our BEGIN listener take SQLite's write lock up front (see Database).
SQLITE_BEGIN_OPTION = "sqlite_begin"


def default_database_url() -> str:
    """The SQLite file in the user's data folder; app.paths owns the folder layout."""
    return paths.default_database_url()


def backend_of(url: str | URL) -> str:
    """The backend name without driver: "sqlite" or "postgresql"."""
    return make_url(url).get_backend_name()


def mask_url(url: str | URL) -> str:
    """The URL with its password hidden: safe to show in the window and to write to the log."""
    text = url if isinstance(url, str) else url.render_as_string(hide_password=True)
    return shared_mask_url(text)


def _configure_sqlite_connection(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    """Connect-event hook run on every new SQLite connection (any thread that checks one out)."""
    assert isinstance(dbapi_connection, sqlite3.Connection)
    cursor = dbapi_connection.cursor()
    try:
        # WAL is stored in the file: a cheap no-op after the first connection.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; avoids an fsync per commit
    finally:
        cursor.close()


def _sqlite_busy_timeout_hook(timeout_s: float) -> Any:
    def set_busy_timeout(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={int(timeout_s * 1000)}")
        finally:
            cursor.close()

    return set_busy_timeout


def _begin_sqlite_transaction(connection: Connection) -> None:
    """Emit BEGIN ourselves (pysqlite is in autocommit mode, see create_engine_for).

    Plain BEGIN (DEFERRED) for reads: a reader never takes the write lock, so it never blocks the
    writer. Writers ask for BEGIN IMMEDIATE through the execution option, because a deferred
    transaction that reads and then writes cannot wait for the lock: SQLite refuses the upgrade at
    once with "database is locked" instead of calling the busy handler.
    """
    mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "")
    connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")


def create_engine_for(
    url: str | URL | None = None,
    *,
    connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S,
    busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S,
    echo: bool = False,
) -> Engine:
    """An Engine for `url` (the default SQLite file when None), with the settings described above.

    For a SQLite file the parent folder is created, because a missing folder otherwise surfaces
    as the unhelpful "unable to open database file".
    """
    parsed = make_url(url if url is not None else default_database_url())
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            folder = Path(database).expanduser().parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseUnavailableError(
                    f"The database folder {folder} cannot be created: {error.strerror or error}"
                ) from error
        engine = create_engine(
            parsed,
            echo=echo,
            # timeout: pysqlite's busy handler. isolation_level=None: SQLAlchemy emits BEGIN, and
            # pysqlite no longer skips transactions for DDL (migrations were not atomic).
            connect_args={"timeout": busy_timeout_s, "isolation_level": None},
        )
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "connect", _sqlite_busy_timeout_hook(busy_timeout_s))
        event.listen(engine, "begin", _begin_sqlite_transaction)
    elif backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")  # psycopg 3 is the only installed driver
        engine = create_engine(
            parsed,
            echo=echo,
            pool_pre_ping=True,
            pool_timeout=connect_timeout_s * 2,
            connect_args={
                "connect_timeout": max(1, round(connect_timeout_s)),
                "application_name": APP_NAME,
                # Waiting on a row another workstation holds becomes an error after this long.
                "options": f"-c lock_timeout={int(busy_timeout_s * 1000)}",
            },
        )
    else:
        raise ValueError(f"unsupported database backend {backend!r}; use sqlite or postgresql")
    install_error_translation(engine)
    return engine
