"""Background photo scoring in a child process, with the real dlib engine on synthetic demo photos.

A genuine capture stays unflagged, an impostor is a MISMATCH, an empty seat is NO_FACE; a photo whose
file is not there yet is retried by a later pass; spot-check sampling then takes every flagged photo.
The threshold for synthetic faces (~0.32, app.vision.calibration on the demo set) is passed explicitly.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.enums import PhotoFlag
from app.persistence.orm import CapturedPhotoRow, SpotCheckRow
from app.review.photo_scoring_job import PhotoScoringJob
from app.review.photo_scoring_worker import PassFinished, PhotoScored, ScoringConfig
from app.review.score_photos import main as score_photos_main
from app.review.spot_check_sampling import SamplingPolicy, sample_day
from tests.helpers.photo_scoring_scene import DAY, Scene, build_scene
from tests.helpers.waiting import wait_until

SYNTHETIC_THRESHOLD = 0.32
SQUARE = "tests.helpers.fake_engines:SquareEngine"


@pytest.fixture
def scenes() -> Iterator[list[Scene]]:
    made: list[Scene] = []
    yield made
    for scene in made:
        scene.database.dispose()


def rows(scene: Scene) -> dict[str, CapturedPhotoRow]:
    by_id = {photo.id: name for name, photo in scene.photos.items()}
    with scene.database.reading() as session:
        found = session.scalars(select(CapturedPhotoRow).where(CapturedPhotoRow.id.in_(by_id)))
        return {by_id[row.id]: row for row in found}


def test_scores_in_a_child_process_retries_missing_files_and_feeds_the_sample(
    tmp_path: Path, scenes: list[Scene]
) -> None:
    scene = build_scene(
        tmp_path,
        [
            ("genuine", "genuine", 101, "genuine", True),
            ("impostor", "impostor", 101, "impostor", True),  # learner 202's record shows face 101
            ("empty", "empty", 303, "no_face", True),
            ("late", "late", 404, "genuine", False),  # newest; its file arrives after the first pass
        ],
    )
    scenes.append(scene)
    passes: list[PassFinished] = []
    progress: list[tuple[int, int]] = []
    late_scored = threading.Event()

    def on_pass(finished: PassFinished) -> None:
        passes.append(finished)
        if len(passes) == 1:
            scene.pending_files["late"]()

    def on_photo(scored: PhotoScored) -> None:
        if scored.photo_id == scene.photos["late"].id:
            late_scored.set()

    config = ScoringConfig(
        database_url=scene.url, threshold=SYNTHETIC_THRESHOLD, interval_s=0.2, nice=0, batch_size=2
    )
    job = PhotoScoringJob(
        config, on_pass=on_pass, on_photo=on_photo, on_progress=lambda s, t: progress.append((s, t))
    )
    job.start()
    try:
        assert late_scored.wait(60), f"the late photo was never scored (passes: {passes})"
    finally:
        started = time.monotonic()
        job.stop(timeout=10)
        stop_seconds = time.monotonic() - started
    assert job.ready is not None and job.ready.pid != os.getpid()  # dlib ran in another process
    assert (job.ready.threshold, job.ready.threshold_source) == (SYNTHETIC_THRESHOLD, "given")
    assert stop_seconds < 3.0 and not job.running and job.restarts == 0
    assert passes[0].scored == 3 and passes[0].missing == 1  # the late file was skipped, not flagged
    assert progress[0][1] == 4 and (3, 4) in progress

    scored = rows(scene)
    genuine, impostor, empty, late = (scored[n] for n in ("genuine", "impostor", "empty", "late"))
    assert genuine.flags == [] and genuine.face_count == 1
    assert genuine.distance is not None and genuine.distance < SYNTHETIC_THRESHOLD
    assert impostor.flags == [PhotoFlag.MISMATCH] and impostor.face_count == 1
    assert impostor.distance is not None and impostor.distance > SYNTHETIC_THRESHOLD
    assert empty.flags == [PhotoFlag.NO_FACE] and empty.face_count == 0 and empty.distance is None
    assert late.flags == [] and late.face_count == 1

    # Sampling with no random share takes exactly the flagged photos, each with its flag as reason.
    sample_day(scene.database, DAY, SamplingPolicy(random_share=0.0, seed=1), sampled_by=None)
    with scene.database.reading() as session:
        reasons = {row.photo_id: row.reason for row in session.scalars(select(SpotCheckRow))}
    assert reasons == {
        scene.photos["impostor"].id: "flagged:mismatch",
        scene.photos["empty"].id: "flagged:no_face",
    }


def test_stop_cancels_a_pass_promptly(tmp_path: Path, scenes: list[Scene]) -> None:
    scene = build_scene(tmp_path, [(f"c{i}", "genuine", 101, "genuine", True) for i in range(10)])
    scenes.append(scene)
    first = threading.Event()
    job = PhotoScoringJob(
        ScoringConfig(database_url=scene.url, threshold=SYNTHETIC_THRESHOLD, once=True, nice=0),
        on_photo=lambda _scored: first.set(),
    )
    job.start()
    assert first.wait(60)
    started = time.monotonic()
    job.stop(timeout=10)
    assert time.monotonic() - started < 2.0
    assert not job.running and job.restarts == 0  # a requested stop is not a crash
    left = [name for name, row in rows(scene).items() if row.face_count is None]
    assert left, "the whole pass ran despite the stop"


def test_a_crashed_worker_is_restarted_by_the_supervisor_every_time(
    tmp_path: Path, scenes: list[Scene], caplog: pytest.LogCaptureFixture
) -> None:
    """Issue 14/5: it used to be restarted once, then photo scoring stayed dead until the console
    restarted. Now the job reports the crash and the RestartSupervisor restarts it, again and again."""
    from app.domain.coverage_gaps import Subsystem
    from app.gap_recorder import GapRecorder
    from app.restart_supervisor import Backoff, RestartSupervisor

    scene = build_scene(tmp_path, [("c0", "genuine", 101, "genuine", True)])
    scenes.append(scene)
    config = ScoringConfig(
        database_url=scene.url, threshold=0.5, engine_factory=SQUARE, interval_s=0.2, nice=0
    )
    job = PhotoScoringJob(config)
    gaps = GapRecorder(scene.database, "ws-test")
    supervisor = RestartSupervisor(gaps, tick_s=0.1)
    supervisor.add("photo scoring", Subsystem.PHOTO_SCORING, job, Backoff(0.2, 2.0, 1.0))

    with caplog.at_level(logging.INFO, logger="app.review.photo_scoring_job"):
        job.start()
        supervisor.start()
        try:
            pids = []
            for kills in range(1, 4):
                # Scoring again (a pass finished: the last gap closed), with a new worker.
                wait_until(
                    lambda: job.ready is not None and job.ready.pid not in pids and not gaps.open_gaps(), 30
                )
                assert job.ready is not None
                pids.append(job.ready.pid)
                job.kill_worker()
                wait_until(lambda k=kills: job.restarts == k and job.running, 30)  # type: ignore[misc]
            wait_until(lambda: job.ready is not None and job.ready.pid not in pids, 30)
            wait_until(lambda: not gaps.open_gaps(), 30)
        finally:
            supervisor.stop()
            job.stop(timeout=5)
    assert job.restarts == 3
    closed = [g for g in gaps.gaps() if g.subsystem is Subsystem.PHOTO_SCORING]
    assert len(closed) == 3 and all(g.ended_at is not None and g.started_at <= g.ended_at for g in closed)
    assert all("exit code -9" in g.reason for g in closed)


def test_the_command_scores_up_to_its_limit(
    tmp_path: Path, scenes: list[Scene], capsys: pytest.CaptureFixture[str]
) -> None:
    scene = build_scene(
        tmp_path,
        [("old", "genuine", 101, "genuine", True), ("new", "impostor", 101, "impostor", True)],
    )
    scenes.append(scene)
    code = score_photos_main(
        ["--database", scene.url, "--limit", "1", "--threshold", str(SYNTHETIC_THRESHOLD)]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    assert "threshold 0.320 (given)" in out and "1 photos scored" in out
    scored = rows(scene)
    assert scored["new"].flags == [PhotoFlag.MISMATCH]  # newest first
    assert scored["old"].face_count is None


def test_each_score_records_the_calibrated_threshold_its_date_and_the_boxes(
    tmp_path: Path, scenes: list[Scene]
) -> None:
    """Issue 13: the review must judge with what the scorer judged with, and draw what it found."""
    from app.domain.face_verdict import ThresholdSource, judge_photo
    from app.vision.calibration import CalibrationResult, save_calibration
    from app.vision.calibration_store import workspace_parameters
    from app.vision.face_engine import DlibFaceEngine

    scene = build_scene(
        tmp_path,
        [
            ("genuine", "genuine", 101, "genuine", True),
            ("impostor", "impostor", 101, "impostor", True),
            ("empty", "empty", 303, "no_face", True),
        ],
    )
    scenes.append(scene)
    embedding_id = DlibFaceEngine().embedding_id
    calibrated_at = datetime(2026, 11, 20, 9, 30)
    result = CalibrationResult(
        SYNTHETIC_THRESHOLD, 0.001, 0.0, 0.0, 36, 400, (0.1, 0.3), (0.35, 0.6), 0.0, 0.33
    )
    save_calibration(scene.database, embedding_id, result, at=calibrated_at)
    job = PhotoScoringJob(ScoringConfig(database_url=scene.url, once=True, nice=0))
    job.start()
    try:
        assert job.wait(90), "the pass did not finish"
    finally:
        job.stop(timeout=10)
    assert job.ready is not None
    assert (job.ready.threshold, job.ready.threshold_source) == (SYNTHETIC_THRESHOLD, "calibration")
    assert job.ready.calibrated_at == calibrated_at

    photos = {name: row.to_domain() for name, row in rows(scene).items()}
    for name, photo in photos.items():
        assert photo.scored_with is not None, name
        assert photo.scored_with.threshold == SYNTHETIC_THRESHOLD
        assert photo.scored_with.source is ThresholdSource.CALIBRATION
        assert photo.scored_with.calibrated_at == calibrated_at
        assert photo.scored_with.embedding_id == embedding_id
        detector = photo.scored_with.detector
        assert detector is not None and (detector.detector, detector.upsample, detector.max_side) == (
            "hog",
            1,
            800,
        )
    assert photos["empty"].face_boxes == ()  # NO_FACE: the scorer found none, so none is drawn
    for name in ("genuine", "impostor"):
        boxes = photos[name].face_boxes
        assert boxes is not None and len(boxes) == photos[name].face_count == 1
        left, top, right, bottom = boxes[0]
        assert 0 <= left < right and 0 <= top < bottom  # in the photo's own pixels

    # What the review shows agrees with every flag, judged with the same line.
    with scene.database.reading() as session:
        today = workspace_parameters(session, embedding_id)
    for name, photo in photos.items():
        judgement = judge_photo(photo, today)
        assert not judgement.threshold_changed, name
        if photo.distance is not None:
            assert judgement.same_person is (PhotoFlag.MISMATCH not in photo.flags), name
    assert judge_photo(photos["impostor"], today).same_person is False
