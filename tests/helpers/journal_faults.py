"""Shared pieces of the event journal's fault tests: numbered events, and what the database holds.

Each test raises numbered situations through the real SupervisionEventWriter: situation `n` is
raised (an UNKNOWN_FACE event marked `snapshot_path="n<n>"`), extended and closed, so a lost raise,
a duplicated one, a lost extension or a lost close each show in `stored_marks`.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import select

from app.domain.casework import Event, EventHistoryEntry
from app.domain.enums import EventKind, EventState, Severity
from app.persistence import Database
from app.persistence.orm import EventRow
from app.supervision.engine_actions import CloseEvent, EngineAction, EventKey, ExtendEvent, RaiseEvent

T0 = datetime(2026, 3, 2, 9, 0)


def situation(n: int) -> list[EngineAction]:
    """Raise, extend and close situation `n` (its own key: session n, subject "camera:1")."""
    key = EventKey(session_id=n, kind=EventKind.UNKNOWN_FACE, subject="camera:1")
    started = T0 + timedelta(seconds=n)
    event = Event(
        id=0,
        kind=EventKind.UNKNOWN_FACE,
        severity=Severity.MEDIUM,
        state=EventState.NEW,
        started_at=started,
        ended_at=started,
        snapshot_path=f"n{n}",
        engine="journal-test",
        history=[EventHistoryEntry(None, started, None, EventState.NEW, "raised")],
    )
    return [
        RaiseEvent(key, event),
        ExtendEvent(key, started + timedelta(seconds=30), distance=0.7),
        CloseEvent(key, started + timedelta(seconds=60), note="gone"),
    ]


def stored_marks(database: Database) -> Counter[str]:
    """How often each situation's event is stored."""
    with database.reading() as session:
        return Counter(
            session.scalars(select(EventRow.snapshot_path).where(EventRow.engine == "journal-test"))
        )


def closed_correctly(database: Database) -> int:
    """Events stored with their final end (the close applied after the extension) and no open key."""
    with database.reading() as session:
        rows = session.execute(
            select(EventRow.started_at, EventRow.ended_at, EventRow.open_key, EventRow.distance).where(
                EventRow.engine == "journal-test"
            )
        ).all()
    return sum(
        1
        for started, ended, open_key, distance in rows
        if ended == started + timedelta(seconds=60) and open_key is None and distance == 0.7
    )
