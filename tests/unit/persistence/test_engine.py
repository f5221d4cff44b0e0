"""Engine configuration, URL masking, error translation and the health probe."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.persistence import (
    Database,
    DatabaseLockedError,
    DatabaseUnavailableError,
    create_engine_for,
    database_health,
    default_database_url,
    mask_url,
    upgrade_to_head,
)
from app.persistence.health import HEALTH_TIMEOUT_S
from app.persistence.repositories import MetaRepository


def _set_meta(database: Database, key: str, value: str) -> None:
    with database.writing() as session:
        MetaRepository(session).set(key, value)


def _get_meta(database: Database, key: str) -> str | None:
    with database.reading() as session:
        return MetaRepository(session).get(key)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql+psycopg://jiandu:s3cr%40t@db.local:5432/lj", "postgresql+psycopg://jiandu:***@db.local:5432/lj"),
        ("postgresql+psycopg://db.local/lj?user=x&password=hunter2", "postgresql+psycopg://db.local/lj?user=x&password=***"),
        ("postgresql+psycopg://postgres@127.0.0.1:5432/lj", "postgresql+psycopg://postgres@127.0.0.1:5432/lj"),
        ("sqlite:////home/u/.local/share/liangjiao-console/workspace.sqlite3", "sqlite:////home/u/.local/share/liangjiao-console/workspace.sqlite3"),
        ("not a url://user:pw@host", "not a url://user:***@host"),
    ],
)  # fmt: skip
def test_mask_url_hides_passwords(url: str, shown: str) -> None:
    assert mask_url(url) == shown
    assert "hunter2" not in mask_url(url) and "s3cr" not in mask_url(url)


def test_default_url_is_in_the_user_data_folder(isolated_home: Path) -> None:
    url = default_database_url()
    assert url.startswith(f"sqlite:///{isolated_home / 'data' / 'liangjiao-console'}")
    engine = create_engine_for()  # creates the folder, so the first start does not fail
    try:
        assert (isolated_home / "data" / "liangjiao-console").is_dir()
        assert database_health(engine) is None
    finally:
        engine.dispose()


def test_sqlite_connections_get_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'a.sqlite3'}", busy_timeout_s=1.5)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert connection.execute(text("PRAGMA busy_timeout")).scalar_one() == 1500
    finally:
        engine.dispose()


def test_unsupported_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported database backend"):
        create_engine_for("mysql://u@h/db")


def test_locked_sqlite_database_raises_a_clear_error_quickly(tmp_path: Path) -> None:
    path = tmp_path / "locked.sqlite3"
    upgrade_to_head(f"sqlite:///{path}")
    database = Database(create_engine_for(f"sqlite:///{path}", busy_timeout_s=0.3))
    # Another program (or console) holds the write lock and does not let go.
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError) as caught:
            _set_meta(database, "k", "v")
        assert time.monotonic() - started < 5
        message = str(caught.value)
        assert "locked by another program" in message and "try again" in message
        # Readers are not blocked in WAL mode, and the probe reports the database as healthy.
        assert _get_meta(database, "k") is None
        assert database_health(database.engine) is None
    finally:
        other.rollback()
        other.close()
    _set_meta(database, "k", "v")  # works again once the lock is gone
    assert _get_meta(database, "k") == "v"
    database.dispose()


def test_write_waits_for_a_lock_released_within_the_busy_timeout(tmp_path: Path) -> None:
    path = tmp_path / "busy.sqlite3"
    upgrade_to_head(f"sqlite:///{path}")
    database = Database(create_engine_for(f"sqlite:///{path}", busy_timeout_s=5))
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.3, other.rollback)
    releaser.start()
    try:
        _set_meta(database, "k", "v")  # waits ~0.3 s, then succeeds
    finally:
        releaser.join()
        other.close()
        database.dispose()


def test_health_reports_an_unreachable_server_briefly() -> None:
    with socket.socket() as probe:  # a port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    engine = create_engine_for(f"postgresql+psycopg://postgres:pw@127.0.0.1:{port}/lj", connect_timeout_s=2)
    try:
        started = time.monotonic()
        message = database_health(engine)
        assert time.monotonic() - started < HEALTH_TIMEOUT_S + 3
        assert message is not None
        assert message.startswith("Cannot connect to the database server")
        assert "\n" not in message and "pw" not in message
    finally:
        engine.dispose()


def test_health_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    engine = create_engine_for(f"sqlite:///{path}")
    try:
        message = database_health(engine)
        assert message is not None and "not a database" in message
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_health_of_a_running_postgres(postgres_url: str) -> None:
    engine = create_engine_for(postgres_url)
    try:
        assert database_health(engine) is None
    finally:
        engine.dispose()


def test_a_folder_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the database folder should be")
    with pytest.raises(DatabaseUnavailableError, match="cannot be created"):
        create_engine_for(f"sqlite:///{blocker / 'sub' / 'db.sqlite3'}")


@pytest.mark.postgres
def test_a_row_locked_by_another_workstation_raises_a_clear_error(postgres_url: str) -> None:
    from datetime import datetime

    from app.domain.casework import Event
    from app.domain.enums import EventKind, EventState, Severity
    from app.persistence.repositories import EventRepository

    upgrade_to_head(postgres_url)
    database = Database(create_engine_for(postgres_url, busy_timeout_s=0.3))
    try:
        at = datetime(2025, 3, 14, 9)
        with database.writing() as session:
            event = EventRepository(session).add(
                Event(0, EventKind.ABSENCE, Severity.LOW, EventState.NEW, at)
            )
        with database.writing() as holder:
            EventRepository(holder).change_state(event.id, EventState.IN_PROGRESS, actor_id=None, at=at)
            started = time.monotonic()
            locked = pytest.raises(DatabaseLockedError, match="Another workstation holds a lock")
            with locked, database.writing() as session:
                EventRepository(session).change_state(event.id, EventState.DISMISSED, actor_id=None, at=at)
            assert time.monotonic() - started < 5
    finally:
        database.dispose()
