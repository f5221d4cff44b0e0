"""The database health probe shown in the status bar. Blocking: run it on a worker thread."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from app.persistence.errors import DatabaseError

HEALTH_TIMEOUT_S = 2.0


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def database_health(engine: Engine, timeout_s: float = HEALTH_TIMEOUT_S) -> str | None:
    """None when the database answers a trivial query, else a one-line reason.

    Connecting is bounded by the engine's connect timeout; the query itself by `timeout_s`
    (statement_timeout on PostgreSQL). On SQLite the query reads the schema table, so a missing,
    unreadable or non-database file is reported, not just a working driver.
    """
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                connection.execute(text(f"SET LOCAL statement_timeout = {int(timeout_s * 1000)}"))
                connection.execute(text("SELECT 1")).scalar_one()
            else:
                connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
            connection.rollback()
    except DatabaseError as error:
        return _first_line(error)
    except SQLAlchemyError as error:
        return _first_line(getattr(error, "orig", None) or error)
    except OSError as error:
        return _first_line(error)
    return None
