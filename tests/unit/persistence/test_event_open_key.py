"""The database itself refuses a second open event for the same situation, whoever writes it.

`events.open_key` (revision 0008) is unique while set: two writers (a console restarted over its own
open events, two workstations on one PostgreSQL) cannot both hold an open ABSENCE of one learner in
one class session. Once closed (open key NULL) the same situation may be raised again, and closed
events with NULL keys never collide. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from app.domain.casework import Event, open_key_for
from app.domain.enums import EventKind, EventState, Severity
from app.persistence import Database
from app.persistence.repositories import EventRepository

T0 = datetime(2025, 3, 14, 9, 0)
KEY = open_key_for(EventKind.ABSENCE, None, "7")


def _absence(at: datetime, open_key: str | None) -> Event:
    return Event(0, EventKind.ABSENCE, Severity.MEDIUM, EventState.NEW, at, at, engine="t", open_key=open_key)


def test_a_second_open_event_with_the_same_key_is_refused(database: Database) -> None:
    with database.writing() as session:
        first = EventRepository(session).add(_absence(T0, KEY))
    with pytest.raises(IntegrityError), database.writing() as session:
        EventRepository(session).add(_absence(T0 + timedelta(minutes=5), KEY))
    with database.writing() as session:  # another learner, or a finished event: no collision
        repository = EventRepository(session)
        repository.add(_absence(T0, open_key_for(EventKind.ABSENCE, None, "8")))
        repository.add(_absence(T0, None))
        repository.add(_absence(T0, None))
    with database.writing() as session:
        repository = EventRepository(session)
        assert repository.find_open(KEY) == first.id
        repository.close_open(first.id, T0 + timedelta(minutes=20))
    with database.writing() as session:  # over: the same situation may begin again
        again = EventRepository(session).add(_absence(T0 + timedelta(minutes=30), KEY))
    with database.reading() as session:
        assert EventRepository(session).find_open(KEY) == again.id != first.id
