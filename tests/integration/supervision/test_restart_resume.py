"""Restart after kill -9 (and after a clean stop): events still going on are resumed, never raised twice.

A child process runs the real LiveSupervision (rules thread, event writer) on a real database until
8 learners' absences are stored open, and is killed with SIGKILL. The next run, started half an
hour later in this process, must take the 8 events over: two learners come back (their absence
closes when they are seen), six stay away (their absence is extended, and closed when the class
ends). No ABSENCE is stored twice, and nothing stays open.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import EventKind, LicenceClass, Programme
from app.domain.observation import Box, CameraSample, Observation
from app.domain.people import Learner
from app.domain.study import ClassSession
from app.persistence import Database
from app.persistence.orm import EventRow
from app.persistence.repositories import ClassSessionRepository, EventRepository, LearnerRepository
from app.supervision.live_supervision import LiveSupervision
from tests.helpers.event_world import T0, create_database
from tests.helpers.paths import ROOT
from tests.helpers.waiting import wait_until

RULES = ClassroomRules(max_absence=timedelta(minutes=2), dropout_tolerance=timedelta(minutes=1))
END = T0 + timedelta(hours=1)

# The first run: all ten learners for 5 min, then only learners 1 and 2 until minute 10, a sample
# every 4 s of class time (the rules' clock is the samples' time); then it waits to be killed.
CHILD = """
import sys, time
from datetime import datetime, timedelta
sys.path.insert(0, sys.argv[1])
from app.domain.classroom_rules import ClassroomRules
from app.persistence import Database
from app.supervision.live_supervision import LiveSupervision
from app.domain.observation import Box, CameraSample, Observation

T0 = datetime.fromisoformat(sys.argv[3])
learners = [int(x) for x in sys.argv[4].split(",")]
rules = ClassroomRules(max_absence=timedelta(minutes=2), dropout_tolerance=timedelta(minutes=1))
clock = [T0]
live = LiveSupervision(Database(sys.argv[2]), {1: 1001}, rules=rules, tick_s=0.01, clock=lambda: clock[0])
live.start()
t = T0
while t < T0 + timedelta(minutes=10):
    present = learners if t < T0 + timedelta(minutes=5) else learners[:2]
    faces = tuple(Observation(1, t, n, n, 0.3, Box(0, 0, 9, 9)) for n in present)
    clock[0] = t
    live.on_sample(CameraSample(1, t, faces))
    t += timedelta(seconds=4)
    time.sleep(0.002)
print("FED", flush=True)
time.sleep(300)
"""


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = create_database(database_url)
    yield db
    db.dispose()


def _class_of_ten(database: Database) -> tuple[int, list[int]]:
    """A one-hour class of ten learners in classroom 1001 (camera 1): its id and the learners'."""
    with database.writing() as session:
        repository = LearnerRepository(session)
        added = [
            repository.add(
                Learner(0, f"学员{n}", "520502********123X", LicenceClass.C1, Programme.FULL_SCORE, 11)
            )
            for n in range(6)
        ]
        learners = [1, 2, 3, 4] + [learner.id for learner in added]
        class_session = ClassSessionRepository(session).add(
            ClassSession(0, 1001, T0.date(), T0, END, learners)
        )
    return class_session.id, learners


def _absences(database: Database, session_id: int) -> list[EventRow]:
    with database.reading() as session:
        rows = session.scalars(
            select(EventRow).where(EventRow.session_id == session_id).order_by(EventRow.id)
        ).all()
        session.expunge_all()
    return [row for row in rows if row.kind is EventKind.ABSENCE]


def _learners(database: Database, rows: list[EventRow]) -> dict[int, int]:
    """event id → its learner."""
    with database.reading() as session:
        repository = EventRepository(session)
        return {row.id: repository.get(row.id).learner_ids[0] for row in rows}  # type: ignore[union-attr]


def _second_run(database: Database, learners: list[int], back: set[int]) -> None:
    """The console again, half an hour later, until the class is over: learners 1 and 2 all along,
    `back` from minute 32, the rest never."""
    clock = [T0 + timedelta(minutes=30)]
    live = LiveSupervision(database, {1: 1001}, rules=RULES, tick_s=0.01, clock=lambda: clock[0])
    live.start()
    try:
        t = clock[0]
        while t < END:
            present = [
                n for n in learners if n in learners[:2] or (n in back and t >= T0 + timedelta(minutes=32))
            ]
            clock[0] = t
            live.on_sample(
                CameraSample(1, t, tuple(Observation(1, t, n, n, 0.3, Box(0, 0, 9, 9)) for n in present))
            )
            t += timedelta(seconds=4)
            time.sleep(0.001)
        wait_until(live._queue.empty, 20, interval=0.1, message="the rules thread to apply the samples")
        clock[0] = END + timedelta(minutes=1)
        time.sleep(0.3)  # a few ticks past the end: the class is finished
    finally:
        assert live.stop(10)


def _check_resumed(database: Database, session_id: int, learners: list[int], before: list[EventRow]) -> None:
    back = set(learners[2:4])
    after = _absences(database, session_id)
    assert [row.id for row in after] == [row.id for row in before], "an absence was raised twice"
    of = _learners(database, after)
    for row in after:
        assert row.open_key is None and row.ended_at is not None, f"absence of {of[row.id]} left open"
        if of[row.id] in back:  # closed when seen again, at minute 32
            assert T0 + timedelta(minutes=32) <= row.ended_at < T0 + timedelta(minutes=33)
        else:  # extended past the restart and closed with the class
            assert row.ended_at == END
    with database.reading() as session:
        repository = EventRepository(session)
        notes = {of[row.id]: [h.note for h in repository.get(row.id).history] for row in after}  # type: ignore[union-attr]
    assert all(any(n.startswith("seen again") for n in notes[learner]) for learner in back)
    assert all("class ended" in notes[learner] for learner in learners[4:])


def test_kill_9_with_open_absences_then_restart_resumes_them(database: Database, database_url: str) -> None:
    session_id, learners = _class_of_ten(database)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(ROOT), database_url, T0.isoformat(), ",".join(map(str, learners))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:

        def eight_open_and_extended() -> bool:
            rows = _absences(database, session_id)
            return (
                len(rows) == 8
                and all(row.open_key is not None for row in rows)
                and all(
                    row.ended_at is not None and row.ended_at >= T0 + timedelta(minutes=9) for row in rows
                )
            )

        wait_until(eight_open_and_extended, 60, interval=0.1, message="8 open absence events, extended")
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    before = _absences(database, session_id)
    assert {row.ended_at for row in before} <= {
        T0 + timedelta(minutes=m, seconds=s) for m in (9, 10) for s in range(60)
    }
    _second_run(database, learners, set(learners[2:4]))
    _check_resumed(database, session_id, learners, before)


def _ten_minutes_then_stop(database: Database, learners: list[int], staying: int) -> None:
    """A first run: all learners seen for five minutes, then only the first `staying`; a clean stop."""
    clock = [T0]
    live = LiveSupervision(database, {1: 1001}, rules=RULES, tick_s=0.01, clock=lambda: clock[0])
    live.start()
    t = T0
    while t < T0 + timedelta(minutes=10):
        present = learners if t < T0 + timedelta(minutes=5) else learners[:staying]
        clock[0] = t
        live.on_sample(
            CameraSample(1, t, tuple(Observation(1, t, n, n, 0.3, Box(0, 0, 9, 9)) for n in present))
        )
        t += timedelta(seconds=4)
        time.sleep(0.001)
    wait_until(live._queue.empty, 20, interval=0.1, message="the rules thread to apply the samples")
    time.sleep(0.2)  # a few 10 ms ticks of the clock run meanwhile
    assert live.stop(10)


def test_a_clean_stop_then_restart_resumes_open_absences(database: Database) -> None:
    session_id, learners = _class_of_ten(database)
    _ten_minutes_then_stop(database, learners, staying=2)
    before = _absences(database, session_id)
    assert len(before) == 8 and all(row.open_key is not None for row in before)
    _second_run(database, learners, set(learners[2:4]))
    _check_resumed(database, session_id, learners, before)


def test_open_events_of_a_past_day_are_closed_at_their_last_report(database: Database) -> None:
    """A console down overnight: yesterday's open absence is closed where it was last reported,
    with a note, and today's start raises nothing about it."""
    session_id, learners = _class_of_ten(database)
    _ten_minutes_then_stop(database, learners, staying=9)
    [before] = _absences(database, session_id)
    assert before.open_key is not None
    clock = [datetime.combine(T0.date() + timedelta(days=1), T0.time())]
    live = LiveSupervision(database, {1: 1001}, rules=RULES, tick_s=0.01, clock=lambda: clock[0])
    live.start()
    time.sleep(0.3)  # a few 10 ms ticks of the clock: what the restart does with them
    assert live.stop(10)
    [after] = _absences(database, session_id)
    assert after.id == before.id and after.open_key is None and after.ended_at == before.ended_at
    with database.reading() as session:
        event = EventRepository(session).get(after.id)
    assert event is not None and "the console was not running" in event.history[-1].note
