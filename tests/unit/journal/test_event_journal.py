"""The event journal's delivery rules, on a real SQLite database and a real journal file: replays
change nothing, a raise meeting a resumed open event extends it, a bug's entry is set aside (kept,
not dropped) and the rest flows, and what is transient is told apart from what is a bug."""

from __future__ import annotations

import dataclasses
import gc
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import exc, select

from app.journal import EventJournal, attach
from app.journal.entries import IndexSaveEntry, RaiseEntry, decode, encode
from app.persistence import Database, DatabaseUnavailableError, create_engine_for
from app.persistence.errors import is_transient
from app.persistence.orm import EventRow
from app.persistence.repositories import EventRepository, Recording
from app.supervision.engine_actions import RaiseEvent
from app.supervision.event_writer import SupervisionEventWriter
from tests.helpers.event_world import create_database
from tests.helpers.journal_faults import (
    T0,
    closed_correctly,
    situation,
    stored_marks,
)
from tests.helpers.waiting import wait_until


@pytest.fixture
def database(tmp_path: Path) -> Database:
    return create_database(f"sqlite:///{tmp_path / 'console.sqlite3'}")


def test_entries_read_back_as_they_were_written() -> None:
    raise_action = situation(3)[0]
    assert isinstance(raise_action, RaiseEvent)
    entry = RaiseEntry(raise_action.event)
    assert decode(encode(entry)) == entry
    recording = Recording(0, 1, "s", raise_action.event.started_at, None, "1/a.mp4", 10, 20, 1.5, "h264")
    assert decode(encode(IndexSaveEntry(recording))) == IndexSaveEntry(recording)


def test_entries_delivered_twice_store_each_event_once_and_leave_it_as_it_ended(
    database: Database, tmp_path: Path
) -> None:
    """A crash between COMMIT and deleting the delivered entries: the next start delivers them again."""
    journal = EventJournal(database, tmp_path / "journal.sqlite3")
    writer = SupervisionEventWriter(database, journal=journal)
    entries = [writer._entry(action) for n in range(5) for action in situation(n)]  # as submit makes them
    for entry in entries:
        journal.append("supervision", entry)
    assert journal.wait_delivered(journal.last_seq(), 10)
    for entry in entries:  # the same entries, origins and all, once more
        journal.append("supervision", entry)
    assert journal.wait_delivered(journal.last_seq(), 10)
    assert stored_marks(database) == {f"n{n}": 1 for n in range(5)}
    assert closed_correctly(database) == 5
    assert journal.stuck == 0 and journal.close()


def test_a_raise_meeting_an_event_resumed_after_a_restart_extends_it(
    database: Database, tmp_path: Path
) -> None:
    journal = EventJournal(database, tmp_path / "journal.sqlite3")
    attach(database, journal)
    raise_action, _extend, close = situation(1)
    assert isinstance(raise_action, RaiseEvent)
    resumed = dataclasses.replace(
        raise_action.event, origin="earlier-run", open_key=raise_action.key.open_key
    )
    with database.writing() as session:  # left open by the previous run, resumed by this one
        stored = EventRepository(session).add(resumed)
    writer = SupervisionEventWriter(database)
    writer.submit(raise_action)  # this run's engine raises the same situation again
    writer.submit(close)
    assert writer.close(timeout=10)
    with database.reading() as session:
        rows = session.execute(select(EventRow.id, EventRow.ended_at, EventRow.open_key)).all()
    assert rows == [(stored.id, resumed.started_at + timedelta(seconds=60), None)]
    assert journal.status().waiting == 0 and journal.stuck == 0
    assert journal.close()


def test_an_entry_that_cannot_be_delivered_is_set_aside_kept_and_tried_at_the_next_start(
    database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = EventJournal(database, path)
    attach(database, journal)
    writer = SupervisionEventWriter(database)
    bad = Recording(0, 999, "s", T0, None, "999/a.mp4")
    journal.append("recording", IndexSaveEntry(bad))  # no camera 999: a foreign key refuses it
    for n in range(3):
        for action in situation(n):
            writer.submit(action)
    assert writer.close(timeout=20)  # the rest flows past it
    assert journal.status().stuck == 1 and journal.status().waiting == 0
    assert stored_marks(database) == {f"n{n}": 1 for n in range(3)}
    assert journal.close()
    with sqlite3.connect(path) as raw:
        [(body, reason)] = raw.execute("SELECT body, stuck FROM entries").fetchall()
    assert decode(body) == IndexSaveEntry(bad) and "FOREIGN KEY" in reason.upper()
    again = EventJournal(database, path)  # the next start tries it again
    assert again.status().waiting == 1
    wait_until(lambda: again.stuck == 1, 20)
    again.close(timeout=0)


def _wrapped(orig: BaseException, kind: type[exc.DBAPIError] = exc.OperationalError) -> exc.DBAPIError:
    return kind("INSERT ...", {}, orig)


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (_wrapped(sqlite3.OperationalError("database or disk is full")), True),
        (_wrapped(sqlite3.OperationalError("disk I/O error")), True),
        (_wrapped(sqlite3.OperationalError("attempt to write a readonly database")), True),
        (_wrapped(sqlite3.OperationalError("database is locked")), True),
        (DatabaseUnavailableError("server closed the connection unexpectedly"), True),
        (_wrapped(Exception("consuming input failed: server closed the connection unexpectedly")), True),
        (_wrapped(Exception("connection already closed"), exc.InterfaceError), True),
        (_wrapped(sqlite3.OperationalError("no such table: events")), False),
        (_wrapped(sqlite3.IntegrityError("FOREIGN KEY constraint failed"), exc.IntegrityError), False),
        (_wrapped(Exception("syntax error at or near"), exc.ProgrammingError), False),
        (KeyError("event"), False),
        (TypeError("bad"), False),
    ],
)
def test_failures_retrying_can_cure_are_told_apart_from_bugs(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def test_a_postgresql_serialization_failure_is_transient() -> None:
    class SerializationFailure(Exception):
        sqlstate = "40001"

    class UniqueViolation(Exception):
        sqlstate = "23505"

    assert is_transient(_wrapped(SerializationFailure("could not serialize access")))
    assert not is_transient(_wrapped(UniqueViolation("duplicate key"), exc.IntegrityError))


def test_a_temporary_journal_ends_soon_after_its_database_is_gone_even_while_backing_off(
    tmp_path: Path,
) -> None:
    """Its thread must not sleep out a backoff of seconds for a database nobody can use any more."""
    path = tmp_path / "console.sqlite3"
    create_database(f"sqlite:///{path}").dispose()
    database = Database(create_engine_for(f"sqlite:///{path}", busy_timeout_s=0.1))
    journal = EventJournal(database, tmp_path / "journal.sqlite3")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the database refuses every delivery: the journal backs off
    try:
        raise_action = situation(0)[0]
        assert isinstance(raise_action, RaiseEvent)
        journal.append("supervision", RaiseEntry(raise_action.event))
        wait_until(lambda: journal.retries >= 3, 20, message="three refusals: a 4 s pause next")
        thread = journal._thread
        database.dispose()
        del database
        gc.collect()
        wait_until(lambda: not thread.is_alive(), 1.5, message="the journal's thread to end")
    finally:
        journal.close(timeout=0)
        other.rollback()
        other.close()
