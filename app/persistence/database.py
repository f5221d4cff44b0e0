"""One object that bundles an engine with its session factories.

Every method here blocks: call it from a worker thread (app.tasks), never from the GUI thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from app.domain.dashboard import DatabaseInfo
from app.persistence.engine import SQLITE_BEGIN_OPTION, create_engine_for, mask_url
from app.persistence.errors import DatabaseError, DatabaseLockedError, DatabaseUnavailableError
from app.persistence.migrate import current_revision

__all__ = ["Database", "DatabaseError", "DatabaseLockedError", "DatabaseUnavailableError"]


class Database:
    """Engine + session factories. Open transactions with `reading()` or `writing()` and hand the
    session to repositories (app.persistence.repositories)."""

    def __init__(self, engine_or_url: Engine | str | URL | None = None) -> None:
        """From an engine made by create_engine_for, or a URL (None: the default SQLite file)."""
        engine = engine_or_url if isinstance(engine_or_url, Engine) else create_engine_for(engine_or_url)
        self.engine = engine
        # expire_on_commit=False: rows are turned into domain dataclasses after the commit.
        self._reader_factory: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        # Same pool; on SQLite its transactions start with BEGIN IMMEDIATE (engine.py says why).
        writer_engine = engine.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
        self._writer_factory: sessionmaker[Session] = sessionmaker(writer_engine, expire_on_commit=False)
        self._session_info: dict[str, object] = {}

    def set_session_info(self, key: str, value: object | None) -> None:
        """Every session opened from now on finds `value` in `session.info[key]` (None: removed).
        How a service attaches itself to this database's transactions (the audit witness)."""
        if value is None:
            self._session_info.pop(key, None)
        else:
            self._session_info[key] = value
        for factory in (self._reader_factory, self._writer_factory):
            factory.configure(info=dict(self._session_info))

    def session_info(self, key: str) -> object | None:
        """What `set_session_info` gave for `key` (None: nothing)."""
        return self._session_info.get(key)

    @property
    def backend(self) -> str:
        """The backend name: "sqlite" or "postgresql"."""
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """The URL with any password masked: safe to show and to log."""
        return mask_url(self.engine.url)

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in one transaction that will write: committed on success, rolled back on error.

        On SQLite it takes the write lock at the start, waiting up to the busy timeout for another
        writer, then raising DatabaseLockedError.
        """
        with self._writer_factory.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session in one read-only transaction (a consistent snapshot; never waits for a writer)."""
        with self._reader_factory.begin() as session:
            yield session

    def info(self) -> DatabaseInfo:
        revision = current_revision(self.engine) or ""
        return DatabaseInfo(backend=self.backend, display_url=self.display_url, schema_revision=revision)

    def dispose(self) -> None:
        """Close pooled connections (at shutdown, or before deleting a SQLite file)."""
        self.engine.dispose()
