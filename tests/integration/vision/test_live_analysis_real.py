"""End to end with the real parts: a rendered classroom clip on the real decoder pool, enrolment in
its own process and detection in the analysis worker with dlib, the tracker, the rules engine and the
event writer — a stranger in the front row becomes an UNKNOWN_FACE event in the database."""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from app.demo.classroom_video import make_classroom_clip
from app.demo.photos import write_enrolment_photo
from app.domain.people import EnrolmentPhoto
from app.domain.study import ClassSession
from app.persistence.repositories import ClassSessionRepository, LearnerRepository
from app.video import DecoderPool, StreamSource
from app.vision.calibration import calibrate_distances, save_calibration
from app.vision.face_engine import DlibFaceEngine
from app.vision.live_analysis import LiveAnalysis, LiveAnalysisOptions
from tests.helpers.event_world import create_database, workspace
from tests.helpers.waiting import wait_until

LEARNER_FACE, STRANGER_FACE = 424242, 777777


def test_a_stranger_on_camera_raises_unknown_face(tmp_path: Path, engine: DlibFaceEngine) -> None:
    started = time.monotonic()
    database = create_database(f"sqlite:///{tmp_path / 'e2e.sqlite3'}")
    photo = tmp_path / "enrol" / "1.jpg"
    write_enrolment_photo(photo, LEARNER_FACE)
    clip = tmp_path / "classroom.mp4"
    make_classroom_clip(clip, 3, seconds=2, seats=[LEARNER_FACE, STRANGER_FACE, *[None] * 11], label="E2E")
    now = datetime.now()
    with database.writing() as session:
        LearnerRepository(session).add_enrolment_photo(EnrolmentPhoto(0, 1, str(photo)))
        ClassSessionRepository(session).add(
            ClassSession(0, 1001, now.date(), now - timedelta(minutes=2), now + timedelta(hours=1), [1])
        )
    # The demo's classroom calibration (app/demo/classroom_calibration.py) chose about 0.38.
    save_calibration(database, engine.embedding_id, calibrate_distances([0.3, 0.35], [0.4, 0.5], 0.01))
    live = LiveAnalysis(database, workspace(), LiveAnalysisOptions(sample_fps=2.0, recheck_s=1.0, tick_s=0.5))
    try:
        with DecoderPool(max_streams=2) as pool:
            pool.open_stream("camera-1-sub", StreamSource.for_file(clip), target_size=(320, 180))
            live.attach(pool)
            live.set_visible({1: "camera-1-sub"})
            live.start()
            assert live.ready.wait(25), "analysis did not start"
            assert 0.37 < live.threshold < 0.41

            def kinds_once_a_stranger_is_flagged() -> set[str]:
                with database.reading() as session:
                    kinds = {row[0] for row in session.execute(text("select kind from events"))}
                return kinds if "unknown_face" in kinds else set()  # empty: keep waiting

            kinds = wait_until(
                kinds_once_a_stranger_is_flagged, 20, interval=0.25, message="an unknown_face event"
            )
            live.stop()
    finally:
        live.stop()
        database.dispose()
    assert "unknown_face" in kinds, kinds
    assert "face_mismatch" not in kinds  # the enrolled learner was recognised, not flagged
    print(f"end to end in {time.monotonic() - started:.1f} s")
