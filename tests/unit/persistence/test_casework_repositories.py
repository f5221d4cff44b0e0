"""Events (add, detail, filters, keyset paging, state changes, claims) and completions, both backends."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.casework import Completion, Event, EventComment, EventHistoryEntry
from app.domain.enums import CompletionState, EventKind, EventState, Programme, ScopeLevel, Severity
from app.domain.people import Learner, Scope
from app.persistence import Database
from app.persistence.repositories import (
    CompletionAlreadyDecidedError,
    CompletionRepository,
    EventCursor,
    EventFilter,
    EventRepository,
)

T0 = datetime(2025, 3, 14, 9, 0)


def _event(minute: int, *, kind: EventKind = EventKind.ABSENCE, state: EventState = EventState.NEW,
           classroom_id: int | None = 1, learner_ids: list[int] | None = None) -> Event:  # fmt: skip
    return Event(
        id=0,
        kind=kind,
        severity=Severity.MEDIUM,
        state=state,
        started_at=T0 + timedelta(minutes=minute),
        classroom_id=classroom_id,
        camera_id=1 if classroom_id == 1 else None,
        learner_ids=list(learner_ids or []),
    )


def test_event_with_detail_round_trip(database: Database, saved_learners: list[Learner]) -> None:
    ids = [x.id for x in saved_learners]
    event = Event(
        id=0,
        kind=EventKind.FACE_MISMATCH,
        severity=Severity.HIGH,
        state=EventState.NEW,
        started_at=T0,
        ended_at=T0 + timedelta(minutes=3),
        camera_id=2,
        classroom_id=1,
        learner_ids=[ids[2], ids[0]],
        distance=0.68,
        snapshot_path="snap/1.jpg",
        frame_path="frame/1.jpg",
        engine="dlib-resnet",
        comments=[EventComment(1, T0 + timedelta(minutes=5), "请核实")],
        history=[EventHistoryEntry(None, T0, None, EventState.NEW, "detected")],
    )
    with database.writing() as session:
        stored = EventRepository(session).add(event)
    assert stored.id > 0
    with database.reading() as session:
        assert EventRepository(session).get(stored.id) == stored
        assert EventRepository(session).get(10**6) is None

    with database.writing() as session:
        repository = EventRepository(session)
        entry = repository.change_state(
            stored.id, EventState.CONFIRMED, actor_id=1, at=T0 + timedelta(hours=1)
        )
        repository.add_comment(stored.id, EventComment(2, T0 + timedelta(hours=2), "已通知"))
        repository.set_ended_at(stored.id, T0 + timedelta(minutes=4))
    assert entry.from_state is EventState.NEW
    with database.reading() as session:
        loaded = EventRepository(session).get(stored.id)
    assert loaded is not None
    assert loaded.state is EventState.CONFIRMED
    assert loaded.history == [*event.history, entry]
    assert [c.text for c in loaded.comments] == ["请核实", "已通知"]
    assert loaded.ended_at == T0 + timedelta(minutes=4)
    with pytest.raises(KeyError), database.writing() as session:
        EventRepository(session).change_state(10**6, EventState.DISMISSED, actor_id=1, at=T0)


def test_keyset_paging_visits_every_event_once_newest_first(
    database: Database, saved_learners: list[Learner]
) -> None:
    # Several events share a start time, so the id tie-break matters.
    with database.writing() as session:
        events = EventRepository(session).add_many([_event(minute // 3) for minute in range(25)])
    expected = [e.id for e in sorted(events, key=lambda e: (e.started_at, e.id), reverse=True)]
    with database.reading() as session:
        repository = EventRepository(session)
        seen: list[int] = []
        cursor: EventCursor | None = None
        pages = 0
        while True:
            page = repository.page(limit=7, after=cursor)
            seen += [e.id for e in page.events]
            pages += 1
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert seen == expected
        assert pages == 4
        assert [e.id for e in repository.page(limit=7, offset=7).events] == expected[7:14]


def test_event_filters(database: Database, saved_learners: list[Learner]) -> None:
    ids = [x.id for x in saved_learners]
    with database.writing() as session:
        EventRepository(session).add_many(
            [
                _event(0, learner_ids=[ids[0]]),
                _event(1, kind=EventKind.FACE_MISMATCH, learner_ids=[ids[0], ids[1]]),
                _event(2, state=EventState.DISMISSED, classroom_id=3),
                _event(3, kind=EventKind.STREAM_LOST, classroom_id=None),
                _event(4, state=EventState.ESCALATED, classroom_id=2),
            ]
        )

    with database.reading() as session:
        repository = EventRepository(session)

        def minutes(event_filter: EventFilter) -> list[int]:
            page = repository.page(event_filter)
            assert repository.count(event_filter) == len(page.events)
            return sorted(int((e.started_at - T0).total_seconds() // 60) for e in page.events)

        new_or_dismissed = frozenset({EventState.DISMISSED, EventState.NEW})
        assert minutes(EventFilter()) == [0, 1, 2, 3, 4]
        assert minutes(EventFilter(open_only=True)) == [0, 1, 3, 4]
        assert minutes(EventFilter(states=new_or_dismissed, open_only=True)) == [0, 1, 3]
        assert minutes(EventFilter(kinds=frozenset({EventKind.FACE_MISMATCH}))) == [1]
        assert minutes(EventFilter(severities=frozenset({Severity.HIGH}))) == []
        assert minutes(EventFilter(scope=Scope(ScopeLevel.COUNTY, county_id=1))) == [0, 1, 4]
        assert minutes(EventFilter(scope=Scope(ScopeLevel.SITE, county_id=2, site_id=3))) == [2]
        assert minutes(EventFilter(learner_id=ids[1])) == [1]
        window = EventFilter(started_from=T0 + timedelta(minutes=1), started_before=T0 + timedelta(minutes=3))
        assert minutes(window) == [1, 2]
        assert repository.counts_by_kind() == {
            EventKind.ABSENCE: 2,
            EventKind.FACE_MISMATCH: 1,
            EventKind.STREAM_LOST: 1,
        }


def test_claim_is_exclusive(database: Database, saved_learners: list[Learner]) -> None:
    with database.writing() as session:
        event = EventRepository(session).add(_event(0))
    with database.writing() as session:
        repository = EventRepository(session)
        assert repository.claim(event.id, owner_id=1)
        assert repository.claim(event.id, owner_id=1)  # claiming your own again is fine
        assert not repository.claim(event.id, owner_id=2)
        assert [e.id for e in repository.page(EventFilter(owner_id=1)).events] == [event.id]
        repository.release(event.id, owner_id=1)
        assert repository.claim(event.id, owner_id=2)


def test_completions_queue_and_decisions(database: Database, saved_learners: list[Learner]) -> None:
    ids = [x.id for x in saved_learners]
    with database.writing() as session:
        repository = CompletionRepository(session)
        added = [
            repository.add(
                Completion(0, learner_id, Programme.FULL_SCORE, T0 + timedelta(minutes=n), evidence="5天")
            )
            for n, learner_id in enumerate(ids)
        ]
    with database.reading() as session:
        repository = CompletionRepository(session)
        assert repository.get(added[0].id) == added[0]
        assert repository.find() == added
        assert repository.find(limit=2, after=(added[1].requested_at, added[1].id)) == added[2:]
        assert repository.find(scope=Scope(ScopeLevel.COUNTY, county_id=2)) == [added[3]]

    tomorrow = T0 + timedelta(days=1)
    with database.writing() as session:
        decided = CompletionRepository(session).decide(
            added[0].id, CompletionState.APPROVED, decided_by=1, at=tomorrow
        )
    assert decided.state is CompletionState.APPROVED and decided.decided_by == 1
    with pytest.raises(CompletionAlreadyDecidedError), database.writing() as session:
        CompletionRepository(session).decide(added[0].id, CompletionState.REJECTED, decided_by=2, at=tomorrow)
    with pytest.raises(KeyError), database.writing() as session:
        CompletionRepository(session).decide(10**6, CompletionState.REJECTED, decided_by=2, at=T0)
    with pytest.raises(ValueError), database.writing() as session:
        CompletionRepository(session).decide(added[1].id, CompletionState.PENDING, decided_by=2, at=T0)
    with database.reading() as session:
        repository = CompletionRepository(session)
        assert repository.count_by_state() == {
            CompletionState.PENDING: 3,
            CompletionState.APPROVED: 1,
            CompletionState.REJECTED: 0,
        }
        assert [c.id for c in repository.find(CompletionState.APPROVED)] == [added[0].id]
