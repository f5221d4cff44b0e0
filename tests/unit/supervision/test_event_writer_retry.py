"""Events the rules raise while the database is locked are stored once it is free, in order."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain.enums import EventKind
from app.domain.study import ClassSession
from app.persistence import Database, DatabaseUnavailableError, create_engine_for
from app.persistence.repositories import ClassSessionRepository, EventFilter, EventRepository
from app.supervision.event_writer import SupervisionEventWriter
from app.supervision.observation_input import SupervisedSession
from app.supervision.rules_engine import RulesEngine
from tests.helpers.event_world import T0, create_database
from tests.helpers.waiting import wait_until


def _rules_writing_to(
    database: Database, writes_through: object = None
) -> tuple[SupervisionEventWriter, RulesEngine]:
    """A 3-hour class with learner 1 on its roster in classroom 1001 (camera 1), stored through
    `database`; the rules engine whose actions a writer stores through `writes_through` (default:
    the same database)."""
    with database.writing() as session:
        sid = (
            ClassSessionRepository(session)
            .add(ClassSession(0, 1001, T0.date(), T0, T0 + timedelta(hours=3), [1]))
            .id
        )
    writer = SupervisionEventWriter(writes_through or database)  # type: ignore[arg-type]
    engine = RulesEngine(writer, {1: 1001})
    engine.add_sessions([SupervisedSession(sid, 1001, T0, T0 + timedelta(hours=3), frozenset({1}))])
    return writer, engine


def test_events_raised_while_another_program_holds_the_lock_are_stored_when_it_lets_go(
    tmp_path: Path,
) -> None:
    path = tmp_path / "events.sqlite3"
    create_database(f"sqlite:///{path}").dispose()
    database = Database(create_engine_for(f"sqlite:///{path}", busy_timeout_s=0.1))
    writer, engine = _rules_writing_to(database)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writes and does not let go
    try:
        for minute in range(0, 200):  # learner 1 never comes: raised late, extended, closed at the end
            engine.tick(T0 + timedelta(minutes=minute))
        wait_until(lambda: writer.retries >= 2, 10, message="two retries against the held lock")
    finally:
        other.rollback()
        other.close()
    assert writer.close(timeout=10)
    with database.reading() as session:
        kinds = frozenset({EventKind.LATE_ARRIVAL})
        [event] = EventRepository(session).page(EventFilter(kinds=kinds)).events
    assert event.started_at == T0 and event.ended_at == T0 + timedelta(hours=3)  # raise, then its updates
    database.dispose()


class _CommitThenLost:
    """A database whose first transaction is committed, yet reported failed: the connection to the
    server was lost during COMMIT, so the writer cannot know whether its events were stored."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.lost = False

    @contextmanager
    def writing(self) -> Iterator[Session]:
        with self.database.writing() as session:
            yield session
        if not self.lost:
            self.lost = True
            raise DatabaseUnavailableError("server closed the connection unexpectedly (during COMMIT)")


def test_an_event_whose_commit_was_lost_is_not_stored_twice(tmp_path: Path) -> None:
    database = create_database(f"sqlite:///{tmp_path / 'events.sqlite3'}")
    flaky = _CommitThenLost(database)
    writer, engine = _rules_writing_to(database, flaky)  # the writer uses writing() only
    engine.tick(T0 + timedelta(minutes=45))  # learner 1 has not come: LATE_ARRIVAL raised
    assert writer.close(timeout=10)
    assert flaky.lost and writer.retries == 1
    with database.reading() as session:
        events = EventRepository(session).page(EventFilter(kinds=frozenset({EventKind.LATE_ARRIVAL}))).events
    assert len(events) == 1
    database.dispose()
