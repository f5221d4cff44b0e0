"""LiveAnalysis, the composition of face analysis: rosters from today's running sessions, the threshold
from enrolment, AnalysisService → LiveSupervision → events in the database (fake engine, fast)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.enums import EventKind
from app.domain.people import EnrolmentPhoto
from app.domain.study import ClassSession
from app.persistence import Database
from app.persistence.repositories import (
    ClassSessionRepository,
    LearnerRepository,
)
from app.vision.analysis_protocol import WorkerConfig
from app.vision.enrolment_process import EnrolmentRequest, EnrolmentResult
from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions
from tests.helpers.event_world import create_database, workspace
from tests.helpers.fake_taps import FakeTapPool
from tests.helpers.square_faces import SQUARE, fake_enroller, square
from tests.helpers.waiting import wait_until


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = create_database(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    with db.writing() as session:  # learners 1-4 of the fixture, one enrolment photo each
        for learner_id in (1, 2, 3, 4):
            LearnerRepository(session).add_enrolment_photo(EnrolmentPhoto(0, learner_id, f"{learner_id}.jpg"))
    yield db
    db.dispose()


def _kinds(database: Database) -> set[str]:
    with database.reading() as session:
        return {row[0] for row in session.execute(text("select kind from events"))}


def test_rosters_from_running_sessions_feed_the_rules(database: Database) -> None:
    now = datetime.now()
    with database.writing() as session:
        repo = ClassSessionRepository(session)
        hour = timedelta(hours=1)
        running = repo.add(ClassSession(0, 1001, now.date(), now - hour / 12, now + hour, [1, 2]))
        repo.add(ClassSession(0, 1003, now.date(), now + 2 * hour, now + 3 * hour, [3]))
    calls: list[EnrolmentRequest] = []
    live = LiveAnalysis(
        database,
        workspace(),
        LiveAnalysisOptions(
            worker_config=WorkerConfig(engine_factory=SQUARE), sample_fps=10.0, tick_s=0.2, recheck_s=0.3
        ),
        enroller=fake_enroller(database, {1: 200, 2: 120, 3: 60}, calls),
    )
    pool = FakeTapPool()
    live.attach(pool)
    # Camera 1 (classroom 1001) has a running session; camera 4's class starts later; 5 has none.
    live.set_visible({1: "camera-1-sub", 4: "camera-4-sub", 5: "camera-5-sub"})
    live.start()
    try:
        assert live.ready.wait(20), "the analysis service never started"
        assert [r.learner_ids for r in calls] == [(1, 2)]  # only the analysed camera's running session
        assert live.threshold == 0.05 and live.analysed == {1: (running.id, "camera-1-sub")}
        wait_until(lambda: "camera-1-sub" in pool.taps, 15)
        assert set(pool.taps) == {"camera-1-sub"}
        # A stranger (green 30 matches nobody) in front of camera 1, sampled repeatedly.
        stop = threading.Event()

        def play() -> None:
            while not stop.is_set():
                pool.publish("camera-1-sub", square(200, 30))
                time.sleep(0.1)

        player = threading.Thread(target=play, daemon=True)
        player.start()
        try:
            wait_until(lambda: EventKind.UNKNOWN_FACE.value in _kinds(database), 20, interval=0.2)
            wait_until(lambda: 1 in live.statuses(), 5)  # published once a second
            statuses = live.statuses()
            assert statuses[1].analysed > 0 and statuses[1].faces == 1
        finally:
            stop.set()
            player.join(2)
    finally:
        live.stop()
    assert live.service is None and live.supervision is None
    live.stop()  # idempotent


def test_stop_before_enrolment_finishes_cancels_it(database: Database) -> None:
    started = threading.Event()

    def slow(request: EnrolmentRequest, cancelled: Callable[[], bool]) -> EnrolmentResult | None:
        started.set()
        while not cancelled():
            time.sleep(0.01)
        return None

    now = datetime.now()
    with database.writing() as session:
        ClassSessionRepository(session).add(
            ClassSession(0, 1001, now.date(), now - timedelta(minutes=5), now + timedelta(hours=1), [1])
        )
    live = LiveAnalysis(database, workspace(), enroller=slow)
    live.attach(FakeTapPool())
    live.set_visible({1: "camera-1-sub"})
    live.start()
    assert started.wait(5)
    began = time.monotonic()
    live.stop()
    assert time.monotonic() - began < 2 and live.service is None and not live.ready.is_set()


def test_without_a_wall_page_nothing_is_enrolled_and_stop_is_prompt(database: Database) -> None:
    calls: list[EnrolmentRequest] = []
    live = LiveAnalysis(database, workspace(), enroller=fake_enroller(database, {}, calls))
    live.start()  # no pool attached: the setup thread waits for the wall
    time.sleep(0.3)  # let the setup thread settle into its wait: stop must interrupt it
    began = time.monotonic()
    live.stop()
    assert time.monotonic() - began < 2 and not calls and not live.ready.is_set()
