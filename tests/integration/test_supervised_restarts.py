"""Background subsystems that fail for a real reason are restarted, and the gap is stored (issue 14/5).

Real child processes, real causes: the enrolment process on a database whose disk is full (a 16 MB
tmpfs, filled), and the photo-scoring process on a database file that is corrupt when it starts.
On the code before the restart supervisor, face analysis never started after the first failure and
photo scoring gave up after one immediate restart.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.demo.photos import write_enrolment_photo
from app.domain.coverage_gaps import CoverageGap, Subsystem
from app.domain.people import EnrolmentPhoto
from app.domain.study import ClassSession
from app.gap_recorder import GapRecorder
from app.persistence import Database
from app.persistence.repositories import ClassSessionRepository, LearnerRepository
from app.persistence.repositories.coverage_gap_repository import CoverageGapRepository
from app.restart_supervisor import Backoff, RestartSupervisor
from app.review.photo_scoring_job import PhotoScoringJob
from app.review.photo_scoring_worker import ScoringConfig
from app.vision.analysis_protocol import WorkerConfig
from app.vision.analysis_supervision import AnalysisWorkersUnit, FaceAnalysisUnit
from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions
from tests.helpers.event_world import create_database, workspace
from tests.helpers.fake_taps import FakeTapPool
from tests.helpers.photo_scoring_scene import build_scene
from tests.helpers.small_disk import SmallDisk, mount_small_disk, unmount_small_disk
from tests.helpers.square_faces import SQUARE
from tests.helpers.square_faces import SQUARE as SCORING_SQUARE
from tests.helpers.waiting import wait_until


def stored_gaps(database: Database) -> list[CoverageGap]:
    with database.reading() as session:
        now = datetime.now()
        return CoverageGapRepository(session).touching(now - timedelta(hours=1), now + timedelta(hours=1))


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    mounted = mount_small_disk(tmp_path / "small-disk", "16m")
    try:
        yield mounted
    finally:
        unmount_small_disk(mounted)


def test_enrolment_failing_on_a_full_disk_is_retried_until_face_analysis_runs(
    tmp_path: Path, disk: SmallDisk
) -> None:
    database = create_database(f"sqlite:///{disk.path / 'console.sqlite3'}")
    now = datetime.now()
    with database.writing() as session:
        for learner_id in (1, 2):
            photo = tmp_path / "photos" / f"{learner_id}.jpg"  # on another disk, with room
            write_enrolment_photo(photo, 100 + learner_id)
            LearnerRepository(session).add_enrolment_photo(EnrolmentPhoto(0, learner_id, str(photo)))
        ClassSessionRepository(session).add(
            ClassSession(0, 1001, now.date(), now - timedelta(minutes=5), now + timedelta(hours=1), [1, 2])
        )
    live = LiveAnalysis(
        database,
        workspace(),
        LiveAnalysisOptions(worker_config=WorkerConfig(engine_factory=SQUARE), sample_fps=5.0, tick_s=0.2),
    )  # the real enroller: a spawned enrolment process writing face_embeddings rows
    gaps = GapRecorder(database, "ws-test", heartbeat_s=0.5)
    live.gap_recorder = gaps
    supervisor = RestartSupervisor(gaps, tick_s=0.1)
    supervisor.add("face analysis", Subsystem.FACE_ANALYSIS, FaceAnalysisUnit(live), Backoff(0.5, 2.0, 2.0))
    supervisor.add("face analysis workers", Subsystem.ANALYSIS_WORKER, AnalysisWorkersUnit(live))
    live.attach(FakeTapPool())
    live.set_visible({1: "camera-1-sub"})
    disk.fill()  # the database's disk is full: the enrolment process cannot store an embedding
    live.start()
    supervisor.start()
    try:
        wait_until(lambda: bool(live.failure), 60, message="enrolment to fail")
        assert "full" in live.failure
        wait_until(lambda: bool(gaps.open_gaps()), 5, message="the gap to open")
        # The wall's tile of camera 1 says analysis is paused (no analysis service exists yet).
        assert live.statuses()[1].interrupted_since is not None
        time.sleep(3)  # a few attempts fail too: the disk is still full
        assert not live.ready.is_set() and supervisor.units()[0].restarts >= 1
        disk.free()
        wait_until(live.ready.is_set, 90, message="face analysis to start after the disk was freed")
        wait_until(lambda: not gaps.open_gaps(), 5, message="the gap to close")
        wait_until(
            lambda: any(g.ended_at is not None for g in stored_gaps(database)),
            5,
            message="the gap to be stored",
        )
    finally:
        supervisor.stop()
        live.stop()
    [gap] = [g for g in stored_gaps(database) if g.subsystem is Subsystem.FACE_ANALYSIS]
    assert gap.ended_at is not None and gap.started_at < gap.ended_at and gap.end_basis == "recovered"
    assert "enrolment failed" in gap.reason and gap.camera_ids == (1,)
    assert 1 not in live.statuses() or live.statuses()[1].interrupted_since is None
    database.dispose()


def test_photo_scoring_on_a_corrupt_database_is_restarted_until_it_scores(tmp_path: Path) -> None:
    scene = build_scene(tmp_path, [("c0", "genuine", 101, "genuine", True)])
    path = Path(scene.url.removeprefix("sqlite:///"))
    scene.database.dispose()
    good = tmp_path / "good.sqlite3"
    shutil.copyfile(path, good)
    path.write_bytes(b"this is not a database, a disk sector went bad" * 100)
    config = ScoringConfig(
        database_url=scene.url, threshold=0.5, engine_factory=SCORING_SQUARE, interval_s=0.2, nice=0
    )
    job = PhotoScoringJob(config)
    gaps = GapRecorder(None, "ws-test")  # the gap is checked in memory: the database is the broken part
    supervisor = RestartSupervisor(gaps, tick_s=0.1)
    supervisor.add("photo scoring", Subsystem.PHOTO_SCORING, job, Backoff(0.3, 2.0, 1.2))
    job.start()
    supervisor.start()
    try:
        wait_until(lambda: bool(gaps.open_gaps()), 60, message="the scoring worker to fail")
        wait_until(
            lambda: job.restarts >= 2, 60, message="two restarts that fail too"
        )  # not given up after one
        assert "DatabaseError" in gaps.open_gaps()[0].reason or "not a database" in gaps.open_gaps()[0].reason
        shutil.copyfile(good, path)  # repaired
        wait_until(lambda: job.scored >= 1, 90, message="a photo scored after the repair")
        wait_until(lambda: not gaps.open_gaps(), 5, message="the gap to close")
    finally:
        supervisor.stop()
        job.stop(timeout=5)
    [gap] = gaps.gaps()
    assert (
        gap.subsystem is Subsystem.PHOTO_SCORING
        and gap.ended_at is not None
        and gap.started_at < gap.ended_at
    )


def test_a_later_enrolment_failing_is_a_gap_of_the_cameras_waiting_for_it(tmp_path: Path) -> None:
    from app.persistence.repositories import EmbeddingRepository
    from app.vision.enrolment_process import EnrolmentRequest, EnrolmentResult
    from tests.helpers.square_faces import fake_enroller

    database = create_database(f"sqlite:///{tmp_path / 'later.sqlite3'}")
    now = datetime.now()
    with database.writing() as session:
        for learner_id in (1, 2, 3):
            LearnerRepository(session).add_enrolment_photo(EnrolmentPhoto(0, learner_id, f"{learner_id}.jpg"))
        ClassSessionRepository(session).add(
            ClassSession(0, 1001, now.date(), now - timedelta(minutes=5), now + timedelta(hours=1), [1, 2])
        )
    calls: list[EnrolmentRequest] = []
    store = fake_enroller(database, {1: 200, 2: 120, 3: 60}, calls)
    disk_full = [True]

    def enrol(request: EnrolmentRequest, cancelled: Callable[[], bool]) -> EnrolmentResult:
        if 3 in request.learner_ids and disk_full[0]:  # what the enrolment process reports then
            return EnrolmentResult("", 0, None, error="OperationalError: database or disk is full")
        return store(request, cancelled)

    live = LiveAnalysis(
        database,
        workspace(),
        LiveAnalysisOptions(worker_config=WorkerConfig(engine_factory=SQUARE), replan_s=0.3),
        enroller=enrol,
    )
    unit = FaceAnalysisUnit(live)
    live.attach(FakeTapPool())
    live.set_visible({1: "camera-1-sub", 4: "camera-4-sub"})
    live.start()
    try:
        assert live.ready.wait(20)
        assert unit.health().ok
        with database.writing() as session:  # a class begins in camera 4's classroom
            ClassSessionRepository(session).add(
                ClassSession(0, 1003, now.date(), now - timedelta(minutes=1), now + timedelta(hours=1), [3])
            )
        wait_until(lambda: not unit.health().ok, 10, message="the failed enrolment to be a gap")
        health = unit.health()
        assert health.camera_ids == (4,) and "disk is full" in health.reason and not health.restartable
        disk_full[0] = False
        wait_until(
            lambda: unit.health().ok and 4 in live.analysed, 10, message="camera 4 analysed after a re-plan"
        )
        with database.reading() as session:
            assert EmbeddingRepository(session).photos_missing([3], "fake-square-embedding/1") == []
    finally:
        live.stop()
        database.dispose()


def test_a_gap_open_when_the_console_is_killed_is_closed_at_the_next_start_at_its_last_heartbeat(
    tmp_path: Path,
) -> None:
    import os
    import signal
    import subprocess
    import sys

    from app.bootstrap import BootstrapOptions, load_console

    url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    create_database(url).dispose()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    holder = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.gap_holder_main", url],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "supervising"
        database = Database(url)
        try:
            wait_until(lambda: len(stored_gaps(database)) == 1, 20, message="the open gap to be stored")
            time.sleep(1.5)  # heartbeats
            killed_at = datetime.now()
            os.kill(holder.pid, signal.SIGKILL)
            holder.wait(10)
            [left_open] = stored_gaps(database)
        finally:
            database.dispose()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(10)
    assert left_open.ended_at is None
    # The next start on this workstation (the composition root) closes it at the last heartbeat the
    # killed run stored.
    loaded = load_console(BootstrapOptions(database_url=url, analysis=False, record=False))
    try:
        assert loaded.supervisor is not None and loaded.supervisor.units() == []  # nothing to supervise
        [closed] = stored_gaps(loaded.database)
    finally:
        loaded.shutdown()
    assert closed.end_basis == "last-heartbeat" and closed.ended_at is not None
    assert left_open.started_at + timedelta(seconds=1) <= closed.ended_at <= killed_at
    assert killed_at - closed.ended_at < timedelta(seconds=1)  # heartbeats every 0.2 s


def test_a_photo_scoring_worker_that_goes_silent_is_called_hung_killed_and_restarted(tmp_path: Path) -> None:
    scene = build_scene(tmp_path, [("c0", "genuine", 101, "genuine", True)])
    # Detection takes a minute per photo: after its first words the worker says nothing more.
    config = ScoringConfig(
        database_url=scene.url,
        threshold=0.5,
        engine_factory=SCORING_SQUARE,
        engine_kwargs={"delay_s": 60.0},
        interval_s=0.2,
        nice=0,
    )
    job = PhotoScoringJob(config, hang_s=3.0)
    gaps = GapRecorder(None, "ws-test")
    supervisor = RestartSupervisor(gaps, tick_s=0.1)
    supervisor.add("photo scoring", Subsystem.PHOTO_SCORING, job, Backoff(0.2, 2.0, 1.0))
    job.start()
    supervisor.start()
    try:
        wait_until(lambda: job.ready is not None, 60, message="the first worker to start")
        first = job.pid
        wait_until(lambda: bool(gaps.open_gaps()), 30, message="the silent worker to be called hung")
        assert "hung" in gaps.open_gaps()[0].reason
        wait_until(lambda: job.restarts >= 1 and job.pid != first and job.running, 30, message="a new worker")
        assert "hung" in gaps.open_gaps()[0].reason  # still the same gap, for the same reason
    finally:
        supervisor.stop()
        job.stop(timeout=5)
        scene.database.dispose()
    assert not job.running


def test_face_analysis_whose_analysis_thread_ended_is_set_up_again(tmp_path: Path) -> None:
    import threading

    from app.vision.enrolment_process import EnrolmentRequest
    from tests.helpers.square_faces import fake_enroller

    database = create_database(f"sqlite:///{tmp_path / 'ended.sqlite3'}")
    now = datetime.now()
    with database.writing() as session:
        for learner_id in (1, 2):
            LearnerRepository(session).add_enrolment_photo(EnrolmentPhoto(0, learner_id, f"{learner_id}.jpg"))
        ClassSessionRepository(session).add(
            ClassSession(0, 1001, now.date(), now - timedelta(minutes=5), now + timedelta(hours=1), [1, 2])
        )
    calls: list[EnrolmentRequest] = []
    live = LiveAnalysis(
        database,
        workspace(),
        LiveAnalysisOptions(worker_config=WorkerConfig(engine_factory=SQUARE), replan_s=0.2),
        enroller=fake_enroller(database, {1: 200, 2: 120}, calls),
    )
    gaps = GapRecorder(database, "ws-test")
    live.gap_recorder = gaps
    supervisor = RestartSupervisor(gaps, tick_s=0.1)
    supervisor.add("face analysis", Subsystem.FACE_ANALYSIS, FaceAnalysisUnit(live), Backoff(0.2, 2.0, 1.0))
    live.attach(FakeTapPool())
    live.set_visible({1: "camera-1-sub"})
    live.start()
    supervisor.start()
    try:
        assert live.ready.wait(20)
        first = live.service
        assert first is not None
        first.stop()  # its thread ends, as a bug would end it
        wait_until(
            lambda: live.service is not None and live.service is not first and live.ready.is_set(),
            30,
            message="set up again",
        )
        wait_until(lambda: not gaps.open_gaps(), 5, message="the gap to close")
        time.sleep(0.5)  # several re-plans: only one "vision-setup" thread does them
        assert [t.name for t in threading.enumerate()].count("vision-setup") == 1
        assert live.analysed and 1 in live.analysed
    finally:
        supervisor.stop()
        live.stop()
        database.dispose()
    [gap] = [g for g in gaps.gaps() if g.subsystem is Subsystem.FACE_ANALYSIS]
    assert "thread ended: analysis" in gap.reason and gap.camera_ids == (1,) and gap.ended_at is not None


def test_analysis_switched_off_is_a_gap_that_is_not_restarted(tmp_path: Path) -> None:
    from app.domain.coverage_gaps import SWITCHED_OFF
    from app.restart_supervisor import Health

    database = create_database(f"sqlite:///{tmp_path / 'off.sqlite3'}")
    try:
        live = LiveAnalysis(database, workspace())
        unit = FaceAnalysisUnit(live)
        assert unit.health().ok  # not started yet
        live.reconfigure(enabled=False)
        assert unit.health() == Health(False, SWITCHED_OFF, restartable=False)
        live.reconfigure(enabled=True)
        assert unit.health().ok
    finally:
        database.dispose()
