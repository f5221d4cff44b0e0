"""The demo's seeded events: every kind, several states with history, once a day."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from app.demo.demo_events import seed_demo_events
from app.demo.workspace_seed import DemoSize, ensure_demo_database
from app.domain.enums import EventKind, EventState
from app.persistence import Database
from app.persistence.repositories import EventFilter, EventRepository

TODAY = date(2025, 3, 14)


def test_demo_events_cover_kinds_and_states_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    ensure_demo_database(url, tmp_path / "media", 7, TODAY, DemoSize(150, 10, 5))
    database = Database(url)
    try:
        added = seed_demo_events(database, TODAY, 7)
        assert 30 <= added <= 60
        assert seed_demo_events(database, TODAY, 7) == 0  # a restart adds nothing
        with database.reading() as session:
            repository = EventRepository(session)
            events = repository.page(EventFilter(), limit=100).events
            details = [repository.get(e.id) for e in events]
        assert {e.kind for e in events} == set(EventKind) - {EventKind.STREAM_LOST}
        assert {e.state for e in events} >= {EventState.NEW, EventState.CONFIRMED, EventState.DISMISSED}
        for event in details:
            assert event is not None and event.history[0].actor_id is None
            assert event.history[-1].to_state is event.state
            assert event.session_id is not None and event.classroom_id is not None
            assert all(e.started_at.date() == TODAY for e in events)
            if event.state is not EventState.NEW:
                assert event.owner_id is not None
    finally:
        database.dispose()


def test_demo_events_happen_before_now_and_a_later_start_adds_the_rest(tmp_path: Path) -> None:
    """A demo opened at 09:30 shows no event from the afternoon, nor a verdict given at 16:00."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    ensure_demo_database(url, tmp_path / "media", 7, TODAY, DemoSize(150, 10, 5))
    database = Database(url)
    morning, afternoon = datetime.combine(TODAY, time(10, 30)), datetime.combine(TODAY, time(23, 0))
    try:
        early = seed_demo_events(database, TODAY, 7, now=morning)
        assert seed_demo_events(database, TODAY, 7, now=morning) == 0
        with database.reading() as session:
            repository = EventRepository(session)
            events = [repository.get(e.id) for e in repository.page(EventFilter(), limit=100).events]
        assert 0 < early == len(events)
        for event in events:
            assert event is not None and event.started_at < morning
            assert event.ended_at is None or event.ended_at <= morning
            assert all(step.at <= morning for step in event.history)
            assert all(comment.at <= morning for comment in event.comments)
            assert event.history[-1].to_state is event.state
        assert any(e is not None and e.ended_at is None for e in events)  # still going on at 10:30
        later = seed_demo_events(database, TODAY, 7, now=afternoon)
        assert later > 0
        with database.reading() as session:
            total = len(EventRepository(session).page(EventFilter(), limit=100).events)
        assert total == early + later
        fresh = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        ensure_demo_database(fresh, tmp_path / "media", 7, TODAY, DemoSize(150, 10, 5))
        whole_day = Database(fresh)
        try:
            # Seeding in two steps draws the same events as seeding once (the ones that started by then).
            assert seed_demo_events(whole_day, TODAY, 7, now=afternoon) == total
        finally:
            whole_day.dispose()
    finally:
        database.dispose()
