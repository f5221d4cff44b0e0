"""Database failures the rest of the console can name, with messages a user can act on.

SQLAlchemy reports a locked SQLite file or an unreachable server as a generic OperationalError
whose text comes from the driver. The window must tell the officer what happened ("another
program is writing to the database") instead of showing a traceback, so the engine translates
these two cases into the exceptions of app/domain/storage_errors.py (see `install_error_translation`).
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

from app.domain.storage_errors import DatabaseError, DatabaseLockedError, DatabaseUnavailableError

# SQLSTATE codes (PostgreSQL appendix A) that mean "someone else holds the lock".
_PG_LOCK_SQLSTATES = frozenset({"55P03", "40P01"})  # lock_not_available, deadlock_detected
# SQLSTATE class 08: connection exceptions; 57P0x: the server is shutting down or unreachable.
_PG_UNAVAILABLE_PREFIXES = ("08", "57P01", "57P02", "57P03")


def _sqlstate(error: BaseException) -> str:
    # psycopg 3 exposes `sqlstate`; other drivers do not, hence getattr.
    return str(getattr(error, "sqlstate", "") or "")


def translate_error(ctx: ExceptionContext) -> None:
    """`handle_error` listener: raise a DatabaseError for lock and connection failures.

    Pre-ping failures are left alone: there SQLAlchemy only needs to know the connection is dead
    so that it can reconnect silently, and replacing the exception would defeat that.
    """
    if ctx.is_pre_ping:
        return
    original = ctx.original_exception
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(original).__name__
    backend = ctx.dialect.name
    if backend == "sqlite":
        lowered = text.lower()
        if "database is locked" in lowered or "database table is locked" in lowered:
            raise DatabaseLockedError(
                "The database file is locked by another program or another copy of the console "
                "that is writing to it. Wait a moment and try again, or close the other program. "
                f"(SQLite: {text})"
            ) from original
        if "unable to open database file" in lowered:
            raise DatabaseUnavailableError(
                f"The database file cannot be opened; check that its folder exists and is writable. "
                f"(SQLite: {text})"
            ) from original
        return
    if backend == "postgresql":
        state = _sqlstate(original)
        if state in _PG_LOCK_SQLSTATES:
            raise DatabaseLockedError(
                "Another workstation holds a lock on the data being changed. Try again in a moment. "
                f"(PostgreSQL {state}: {text})"
            ) from original
        if ctx.connection is None or state.startswith(_PG_UNAVAILABLE_PREFIXES):
            # No connection object: the failure happened while connecting.
            raise DatabaseUnavailableError(f"Cannot connect to the database server: {text}") from original


def install_error_translation(engine: Engine) -> None:
    event.listen(engine, "handle_error", translate_error)


# Retryable PostgreSQL SQLSTATE classes: 08 connection, 40 rollback, 53 resources, 55 lock,
# 57 shutdown or terminated backend, 58 I/O; 25006 read-only transaction.
_SQLITE_PERMANENT = ("no such table", "no such column", "has no column", "syntax error")
_PG_TRANSIENT_PREFIXES = ("08", "40", "53", "55", "57", "58", "25006", "HV")


def is_transient(error: BaseException) -> bool:
    """True when the same write may well succeed later: the database was locked, unreachable, full,
    read-only, failing its disk, or the connection died (a killed backend's error has no SQLSTATE).

    False for what retrying cannot cure (a bug): programming errors, constraint violations, bad data.
    The event journal (app/journal) retries the first kind for as long as it takes and keeps the
    second kind aside, loudly, instead of dropping it.
    """
    from sqlalchemy import exc

    if isinstance(error, DatabaseError | OSError | TimeoutError):
        return True
    if isinstance(error, exc.DisconnectionError | exc.TimeoutError):
        return True
    if isinstance(error, exc.DBAPIError):
        if error.connection_invalidated:
            return True
        state = _sqlstate(error.orig) if error.orig is not None else ""
        if state:
            return state.startswith(_PG_TRANSIENT_PREFIXES)
        # No SQLSTATE: SQLite (full, I/O, read-only, locked) or a dead PostgreSQL connection.
        # SQLite also calls a missing table or a syntax error "operational": bugs.
        if any(text in str(error.orig).lower() for text in _SQLITE_PERMANENT):
            return False
        return isinstance(error, exc.OperationalError | exc.InterfaceError | exc.InternalError)
    return False


def describe_refusal(error: BaseException) -> str:
    """The first line of a refusal, for the status bar and the log (no traceback)."""
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    return first[:300]
