"""A stored day for the Dashboard's tests (repository and GUI): events, classes, recordings, spot-checks.

Plain functions over the event tests' small city (tests/unit/supervision/event_fixtures.py):
classrooms 1001 (七星关区车管所) and 1003 (毕节市安达驾校) in county 11, 1004 (大方县交警中队) in
county 12; cameras 1, 4 and 5 in them. `DAY` at `NOW` (14:30) is the day the figures are read.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from app.domain.casework import Event, EventHistoryEntry
from app.domain.enums import EventKind, EventState, Severity, SpotCheckVerdict
from app.domain.study import CapturedPhoto, ClassSession, OnlineStudyRecord
from app.persistence import Database
from app.persistence.orm import SpotCheckRow
from app.persistence.repositories import EventRepository
from app.persistence.repositories.class_session_repository import ClassSessionRepository
from app.persistence.repositories.online_study_repository import OnlineStudyRepository
from app.persistence.repositories.recording_repository import Recording, RecordingRepository


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def _event(
    day: date,
    hhmm: tuple[int, int],
    kind: EventKind,
    room: int | None,
    camera: int | None,
    *,
    severity: Severity = Severity.MEDIUM,
    state: EventState = EventState.NEW,
    owner: int | None = None,
) -> Event:
    started = at(day, *hhmm)
    return Event(
        0, kind, severity, state, started, started + timedelta(minutes=2), camera, room,
        owner_id=owner, engine="test",
        history=[EventHistoryEntry(None, started, None, EventState.NEW, "raised")],
    )  # fmt: skip


def seed_dashboard_day(database: Database, day: date) -> None:
    """Events of `day` (and one of the day before), its classes, recordings around 14:30, spot-checks.

    What the Dashboard must read for the whole city at 14:30 of `day`, with classroom 1004 watched:
    per hour 09: absence 2 · 10: early leave 1 · 11: stream lost 1 · 14: face mismatch, late
    arrival, absence 1 each; per classroom 1001: absence 2, face mismatch 1, late arrival 1 ·
    1003: early leave 1 · 1004: absence 1 · none (0): stream lost 1; in session 2 (1001, 1004),
    watched 1, recorded 1 (1001); new events 6, high unclaimed 2, spot-checks waiting 2."""
    yesterday = day - timedelta(days=1)
    events = [
        _event(day, (9, 10), EventKind.ABSENCE, 1001, 1),
        _event(day, (9, 40), EventKind.ABSENCE, 1001, 1, state=EventState.CONFIRMED, owner=1),
        _event(day, (14, 5), EventKind.FACE_MISMATCH, 1001, 1, severity=Severity.HIGH),
        _event(day, (14, 20), EventKind.LATE_ARRIVAL, 1001, 1, state=EventState.IN_PROGRESS, owner=1),
        _event(day, (10, 15), EventKind.EARLY_LEAVE, 1003, 4),
        _event(day, (14, 50), EventKind.ABSENCE, 1004, 5),
        _event(yesterday, (14, 0), EventKind.FACE_MISMATCH, 1004, 5, severity=Severity.HIGH),
        _event(day, (11, 0), EventKind.STREAM_LOST, None, None, severity=Severity.LOW),
    ]
    with database.writing() as session:
        EventRepository(session).add_many(events)
        classes = ClassSessionRepository(session)
        classes.add(ClassSession(0, 1001, day, at(day, 13), at(day, 17), [1]))
        classes.add(ClassSession(0, 1003, day, at(day, 8), at(day, 12), [3]))
        classes.add(ClassSession(0, 1004, day, at(day, 13, 30), at(day, 15), [2]))
        classes.add(ClassSession(0, 1004, yesterday, at(yesterday, 14), at(yesterday, 16), [4]))
        recordings = RecordingRepository(session)
        recordings.add(Recording(0, 1, "store", at(day, 14, 29), None, "1/a.mp4"))  # being written
        recordings.add(Recording(0, 5, "store", at(day, 14), at(day, 14, 1), "5/b.mp4"))  # long closed
        recordings.add(Recording(0, 5, "store", at(day, 12), None, "5/c.mp4"))  # a crashed writer's
        online = OnlineStudyRepository(session)
        photos = []
        for learner in (1, 2, 1):
            start = at(yesterday, 20)
            record = online.add_record(
                OnlineStudyRecord(0, learner, start, start + timedelta(hours=1), photos=[
                    CapturedPhoto(0, 0, learner, start + timedelta(minutes=5), f"photos/{learner}.jpg")
                ])
            )  # fmt: skip
            photos.append(record.photos[0])
        for photo, verdict in zip(
            photos, (SpotCheckVerdict.PENDING, SpotCheckVerdict.PENDING, SpotCheckVerdict.PASS), strict=True
        ):
            session.add(
                SpotCheckRow(
                    photo_id=photo.id,
                    learner_id=photo.learner_id,
                    sampled_on=at(day, 8),
                    reason="random",
                    verdict=verdict,
                )
            )
