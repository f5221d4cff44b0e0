"""Analysis settings applied while running: AnalysisService.reconfigure (rate, upsampling), the worker's
restart with a new engine configuration, the re-verification budget, and LiveAnalysis.reconfigure
(which cameras, and what reaches the service)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from functools import partial
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from app.domain.observation import Box
from app.domain.study import ClassSession
from app.vision.analysis_process import AnalysisProcess
from app.vision.analysis_protocol import FrameResult, WorkerConfig
from app.vision.analysis_service import PARK_S, AnalysisService
from app.vision.analysis_types import AnalysedCamera
from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions
from app.vision.roster import Roster
from app.vision.settings import AnalysisSettings
from app.vision.tracker import FaceTracker, TrackedFace, TrackerSettings
from tests.helpers.fake_taps import FakeTapPool
from tests.helpers.waiting import wait_until

SQUARE = WorkerConfig("tests.helpers.fake_engines:SquareEngine")
T0 = datetime(2025, 3, 14, 9, 0, 0)


@pytest.fixture
def made() -> Iterator[list[Any]]:
    """Services and processes to stop after the test (they own shared memory and a child process)."""
    things: list[Any] = []
    yield things
    for thing in things:
        thing.stop()


def test_reconfigure_changes_the_tap_rate_and_keeps_the_tracks(made: list[Any]) -> None:
    pool = FakeTapPool()
    service = AnalysisService(pool, [AnalysedCamera(1, "cam-1")], AnalysisSettings(), worker_config=SQUARE)
    made.append(service)
    service.start()
    wait_until(lambda: pool.added == [("cam-1", 1.0)], 15)
    tracker = service._cameras[1].tracker

    service.reconfigure(sample_fps=2.5, upsample=1)
    wait_until(lambda: pool.rates[-1:] == [("cam-1", 2.5)], 15)
    assert pool.removed == [] and pool.added == [("cam-1", 1.0)]  # the same tap: no frame lost
    assert service.settings.upsample == 1 and service.settings.sample_fps == 2.5
    assert service._cameras[1].tracker is tracker  # same tracks: identities are not lost

    with pytest.raises(ValueError):
        service.reconfigure(sample_fps=100.0)
    with pytest.raises(ValueError):
        service.reconfigure(detector="sift")
    with pytest.raises(ValueError, match="workers cannot change"):
        service.reconfigure(workers=1)  # the pool is built at start
    with pytest.raises(TypeError):
        service.reconfigure(no_such_setting=1)
    assert service.settings.sample_fps == 2.5


def test_samples_scan_regions_between_whole_frame_scans(made: list[Any]) -> None:
    pool = FakeTapPool()
    settings = AnalysisSettings(full_scan_s=1.0, status_interval_s=0.1)
    service = AnalysisService(pool, [AnalysedCamera(1, "cam-1")], settings, worker_config=SQUARE)
    made.append(service)
    service.start()
    wait_until(lambda: service.process.ready and "cam-1" in pool.taps, 15)
    image = np.zeros((360, 640, 3), np.uint8)
    image[100:180, 100:180] = 255  # SquareEngine's "face"

    def analysed(count: int) -> bool:
        return service.stage_times().frames >= count

    for count in (1, 2, 3):
        image[300:310, 600 - 10 * count : 610 - 10 * count] = 90  # something changes every sample
        pool.publish("cam-1", image.copy())
        wait_until(partial(analysed, count), 15)
    stages = service.stage_times()
    assert stages.full_scans == 1 and stages.scanned < 2.0  # the first sample only, then regions
    time.sleep(1.0)  # past the full-scan interval: time passing is the point
    pool.publish("cam-1", image.copy())
    wait_until(lambda: analysed(4), 15)
    assert service.stage_times().full_scans == 2  # full_scan_s later: the whole frame again


def test_a_camera_is_sampled_faster_while_a_possible_substitute_is_in_doubt(made: list[Any]) -> None:
    pool = FakeTapPool()
    learner = np.zeros(128, np.float32)
    learner[0] = 120 / 255  # SquareEngine's embedding: the square's green value
    settings = AnalysisSettings(contested_fps=4.0, threshold=0.3)
    service = AnalysisService(
        pool,
        [AnalysedCamera(1, "cam-1")],
        settings,
        rosters={1: Roster({7: [learner]})},
        worker_config=replace(SQUARE, skip_iou=TrackerSettings().pose_iou),  # as LiveAnalysis has it
    )
    made.append(service)
    service.start()
    wait_until(lambda: service.process.ready and "cam-1" in pool.taps, 15)

    def sample(green: int, left: int, count: int) -> None:
        image = np.zeros((360, 640, 3), np.uint8)
        image[100:180, left : left + 80] = (255, green, 0)
        pool.publish("cam-1", image)
        wait_until(lambda: service.stage_times().frames >= count, 15)

    sample(120, 100, 1)
    time.sleep(TrackerSettings().check_spacing_s)  # a young face: its checks a moment apart
    sample(120, 100, 2)
    track = service._cameras[1].tracker.tracks[0]
    assert track.match is not None and track.match.learner_id == 7 and pool.rates == []
    # Someone else in the seat: the first check disagrees. Look again soon, not in a second.
    sample(250, 112, 3)
    assert track.pending and pool.rates == [("cam-1", 4.0)]
    sample(250, 112, 4)  # the vote: the seat's identity changed, nothing in doubt any more
    assert track.match is not None and track.match.learner_id is None and not track.pending
    assert pool.rates == [("cam-1", 4.0), ("cam-1", 1.0)]


def test_the_worker_restarts_with_a_new_configuration(made: list[Any]) -> None:
    process = AnalysisProcess(SQUARE)
    made.append(process)
    assert process.start(wait_ready=30.0)
    first_pid = process.pid
    process.restart(WorkerConfig(SQUARE.engine_factory, {"delay_s": 0.01}))
    assert process.start(wait_ready=30.0) and process.pid != first_pid
    assert process.config.engine_kwargs == {"delay_s": 0.01}
    job = process.submit(1, np.zeros((36, 64, 3), np.uint8))
    assert job is not None
    results: list[FrameResult] = []

    def polled() -> bool:
        results.extend(process.poll(0.05))
        return bool(results)

    wait_until(polled, 15)
    assert results[0].job_id == job and process.counters().restarts == 0  # a restart, not a crash


def test_reverification_is_spread_over_time_but_new_faces_are_not_held_back(made: list[Any]) -> None:
    settings = AnalysisSettings(reverify_per_s=2.0, tracker=TrackerSettings(recheck_interval_s=30.0))
    service = AnalysisService(FakeTapPool(), [], settings, worker_config=SQUARE)  # never started
    made.append(service.process)
    tracker = FaceTracker(1, settings=settings.tracker)
    boxes = [Box(100 * i, 100, 100 * i + 80, 180) for i in range(4)]
    embedded = [TrackedFace(b, 1.0, np.full(128, i, np.float32)) for i, b in enumerate(boxes)]
    settled = T0
    for second in range(10):  # young tracks are checked every sample until their identity settles
        settled = T0 + timedelta(seconds=second)
        tracker.update(settled, embedded)
        if len(tracker.fresh_boxes(settled)) == 4:
            break
    assert sorted(set(service._no_embedding(tracker, settled)[0]), key=lambda b: b.left) == boxes

    due = settled + timedelta(seconds=31)  # all four came due for re-verification together
    for second in range(1, 31):  # watched meanwhile, the faces carried by their boxes
        tracker.update(settled + timedelta(seconds=second), [TrackedFace(b) for b in boxes])
    assert len(set(service._no_embedding(tracker, due)[0])) == 3  # one token: one re-verification
    assert len(set(service._no_embedding(tracker, due)[0])) == 4  # none left right away
    service._tokens_at -= 1.0  # a second later: 2 more
    assert len(set(service._no_embedding(tracker, due)[0])) == 2

    service._tokens_at -= 1.0
    skip, spent = service._no_embedding(tracker, due)
    assert spent == 2 and len(set(skip)) == 2

    newcomer = Box(500, 200, 580, 280)
    tracker.update(due, [TrackedFace(b) for b in boxes] + [TrackedFace(newcomer)])
    assert newcomer not in service._no_embedding(tracker, due)[0]  # a new face is always embedded


def test_after_a_gap_in_analysis_every_face_is_looked_at_at_once(made: list[Any]) -> None:
    # The camera was off the wall's page for a minute: whose face is in which seat is not known any
    # more (app/vision/tracker.py), and its tracks are not reported until looked at, as new faces are
    # not; the re-verification budget must not keep them waiting.
    settings = AnalysisSettings(reverify_per_s=1.0, tracker=TrackerSettings(recheck_interval_s=30.0))
    service = AnalysisService(FakeTapPool(), [], settings, worker_config=SQUARE)  # never started
    made.append(service.process)
    tracker = FaceTracker(1, settings=settings.tracker)
    boxes = [Box(100 * i, 100, 100 * i + 80, 180) for i in range(4)]
    for second in range(5):
        faces = [TrackedFace(b, 1.0, np.full(128, i, np.float32)) for i, b in enumerate(boxes)]
        tracker.update(T0 + timedelta(seconds=second), faces)
    back = T0 + timedelta(seconds=64)
    assert tracker.resumes(back)
    assert service._no_embedding(tracker, back)[0] == []
    tracker.update(back, [TrackedFace(b) for b in boxes])  # a sample whose faces were not embedded
    assert tracker.update(back + timedelta(seconds=1), [TrackedFace(b) for b in boxes]) == []  # unseen
    assert service._no_embedding(tracker, back + timedelta(seconds=2))[0] == []


def live_analysis(cameras: int, only: dict[int, int] | None = None) -> LiveAnalysis:
    """Cameras 1..n, camera i in classroom 10 + i; no database is touched by `plan`/`reconfigure`."""
    workspace = SimpleNamespace(
        cameras=[SimpleNamespace(id=i, classroom_id=10 + i) for i in range(1, cameras + 1)]
    )
    return LiveAnalysis(
        None,  # type: ignore[arg-type]
        workspace,  # type: ignore[arg-type]
        LiveAnalysisOptions(max_cameras=16, only_sessions=only),
        database_url="sqlite://",
    )


def test_the_demo_analyses_only_cameras_that_show_their_learners() -> None:
    """The demo's other cameras loop clips of drawn people on nobody's roster: not analysed."""
    now = datetime.now()
    sessions = [
        ClassSession(100 + i, 10 + i, now.date(), now, now + timedelta(hours=1), [i]) for i in range(1, 5)
    ]
    visible = {i: f"stream-{i}" for i in range(1, 5)}
    assert list(live_analysis(4, {2: 102, 4: 104}).plan(sessions, visible)) == [2, 4]
    assert list(live_analysis(4).plan(sessions, visible)) == [1, 2, 3, 4]


def test_a_demo_camera_is_analysed_with_its_own_session_whatever_else_runs_in_the_room() -> None:
    # The script's class in classroom 11 began at 13:58; a seeded class there begins at 14:00. The
    # clip shows the script's learners: matched against the other roster, each would be flagged.
    day = datetime(2025, 3, 14)
    live_class = ClassSession(7, 11, day.date(), day.replace(hour=13, minute=58), day.replace(hour=17), [1])
    later = ClassSession(3, 11, day.date(), day.replace(hour=14), day.replace(hour=17, minute=30), [9])
    visible = {1: "stream-1"}
    assert live_analysis(1, {1: 7}).plan([live_class, later], visible) == {1: live_class}
    assert live_analysis(1, {1: 7}).plan([later], visible) == {}  # its own class is over: not analysed


def test_of_two_classes_at_once_in_one_room_the_one_that_began_first_is_analysed() -> None:
    day = datetime(2025, 3, 14)
    overrun = ClassSession(8, 11, day.date(), day.replace(hour=9), day.replace(hour=14, minute=30), [1])
    later = ClassSession(3, 11, day.date(), day.replace(hour=14), day.replace(hour=17, minute=30), [9])
    for order in ([overrun, later], [later, overrun]):
        assert live_analysis(1).plan(order, {1: "stream-1"}) == {1: overrun}


def test_live_analysis_reconfigure_changes_the_analysed_set_and_queues_the_rate() -> None:
    live = live_analysis(4)
    now = datetime.now()
    sessions = [
        ClassSession(100 + i, 10 + i, now.date(), now, now + timedelta(hours=1), [i]) for i in range(1, 5)
    ]
    visible = {i: f"stream-{i}" for i in range(1, 5)}
    assert list(live.plan(sessions, visible)) == [1, 2, 3, 4]

    live.reconfigure(max_cameras=2, sample_fps=0.5, upsample=1)
    assert list(live.plan(sessions, visible)) == [1, 2]  # page order, at most 2
    assert live._options.sample_fps == 0.5
    assert live._service_changes == {"sample_fps": 0.5, "upsample": 1}

    live.reconfigure(enabled=False)
    assert live.plan(sessions, visible) == {}
    live.reconfigure(enabled=True)
    assert list(live.plan(sessions, visible)) == [1, 2]  # the last maximum comes back

    with pytest.raises(ValueError):
        live.reconfigure(sample_fps=0.0)
    with pytest.raises(ValueError):
        live.reconfigure(max_cameras=0)


@pytest.mark.parametrize("field", ["reverify_per_s", "full_scan_s"])
def test_a_budget_or_scan_interval_of_zero_is_refused(field: str) -> None:
    """Zero re-verifications per second would never re-check an identified seat (a substitute
    would never be caught); a zero scan interval is a whole-frame scan on every sample by mistake."""
    with pytest.raises(ValueError, match=field):
        kwargs: dict[str, Any] = {field: 0.0}
        AnalysisSettings(**kwargs)


def test_a_failing_cycle_is_logged_and_analysis_goes_on(
    made: list[Any], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    service = AnalysisService(FakeTapPool(), [], AnalysisSettings(), worker_config=SQUARE)
    made.append(service)
    calls: list[int] = []
    original = service._sample

    def sample_that_fails_once() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise AttributeError("a bug in one sample")
        original()

    monkeypatch.setattr(service, "_sample", sample_that_fails_once)
    with caplog.at_level(logging.ERROR, logger="app.vision.analysis_service"):
        service.start()
        wait_until(lambda: len(calls) >= 3, 15)
    assert service._thread is not None and service._thread.is_alive()
    assert "analysis cycle failed" in caplog.text


def test_a_camera_back_from_another_page_keeps_its_tracks(
    made: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wall's tour takes a camera off the analysed set and brings it back a page later: its
    seated learners must not be re-embedded and re-opened as new tracks."""
    service = AnalysisService(FakeTapPool(), [], AnalysisSettings(), worker_config=SQUARE)  # never started
    made.append(service.process)
    camera = AnalysedCamera(3, "camera-3")
    service.add_camera(camera)
    service._reconcile(retry=False)
    tracker = service._cameras[3].tracker
    tracker.update(T0, [TrackedFace(Box(100, 100, 180, 180), 1.0, np.full(128, 0.1, np.float32))])
    service.remove_camera(3)
    service._reconcile(retry=False)
    assert 3 not in service._cameras
    service.add_camera(camera)
    service._reconcile(retry=False)
    assert service._cameras[3].tracker is tracker and len(tracker.tracks) == 1

    service.remove_camera(3)
    service._reconcile(retry=False)
    later = time.monotonic() + PARK_S + 1
    monkeypatch.setattr("app.vision.analysis_service.time.monotonic", lambda: later)
    service.add_camera(camera)
    service._reconcile(retry=False)
    assert service._cameras[3].tracker is not tracker  # parked too long: the room may have changed
