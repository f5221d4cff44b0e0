"""The live rules thread with its default coverage: a span without samples (worker restart, camera off
the wall's page) is not watched, so nobody is absent for it, while its clock keeps ticking."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from app.domain.classroom_rules import ClassroomRules
from app.domain.observation import Box, CameraSample, Observation
from app.domain.study import ClassSession
from app.persistence import Database
from app.persistence.repositories import ClassSessionRepository, EventFilter, EventRepository
from app.supervision.live_supervision import LiveSupervision
from tests.helpers.event_world import T0, create_database
from tests.helpers.waiting import wait_until

RULES = ClassroomRules(max_absence=timedelta(minutes=15), dropout_tolerance=timedelta(minutes=1))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = create_database(database_url)
    yield db
    db.dispose()


def _feed(live: LiveSupervision, start: float, end: float, present: tuple[int, ...]) -> None:
    """A sample every 4 s (analysis at a quarter of its rate: still watched) from minute start to end."""
    t = T0 + timedelta(minutes=start)
    while t < T0 + timedelta(minutes=end):
        faces = tuple(Observation(1, t, learner, learner, 0.3, Box(0, 0, 9, 9)) for learner in present)
        live.on_sample(CameraSample(1, t, faces))
        t += timedelta(seconds=4)


def _drain(live: LiveSupervision) -> None:
    wait_until(live._queue.empty, 10, interval=0.01, message="the rules thread to take every sample")
    time.sleep(0.1)  # the last sample is applied, and the clock ticked a few times


def _stored(database: Database, session_id: int) -> list[tuple[str, list[int]]]:
    with database.reading() as session:
        events = EventRepository(session).page(EventFilter(session_id=session_id)).events
    return [(e.kind.value, e.learner_ids) for e in events]


@pytest.mark.parametrize("learner_2_back", [True, False])
def test_a_gap_without_samples_is_not_absence(database: Database, learner_2_back: bool) -> None:
    with database.writing() as session:
        class_session = ClassSessionRepository(session).add(
            ClassSession(0, 1001, T0.date(), T0, T0 + timedelta(hours=3), [1, 2])
        )
    clock = [T0]
    live = LiveSupervision(database, {1: 1001}, rules=RULES, tick_s=0.01, clock=lambda: clock[0])
    live.start()
    try:
        _feed(live, 0, 5, (1, 2))
        _drain(live)
        clock[0] = T0 + timedelta(minutes=35)  # 30 min without a sample: the worker was restarting
        _drain(live)
        # Watched again: learner 2 is back, or (control) stays away for 16 watched minutes.
        _feed(live, 35, 52, (1, 2) if learner_2_back else (1,))
        _drain(live)
    finally:
        assert live.stop()
    stored = _stored(database, class_session.id)
    assert stored == ([] if learner_2_back else [("absence", [2])])
