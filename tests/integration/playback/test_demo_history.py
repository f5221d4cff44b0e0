"""The demo's recordings of earlier today: playable segments, indexed, with gaps and past events."""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.demo.media import materialise
from app.demo.recording_history import plan_recording_history, plan_segments, write_recording_history
from app.domain.enums import EventKind, Post
from app.domain.people import Scope, User
from app.domain.study import ClassSession
from app.persistence.repositories import ClassSessionRepository, WorkspaceRepository
from app.playback.frame_seeker import FrameSeeker
from app.playback.review_service import RecordingReviewService
from tests.helpers.recording_store import seeded_database
from tests.helpers.rtsp_server import make_test_clip, read_counter

NOW = datetime.combine(datetime.now().date(), datetime.min.time()) + timedelta(hours=11, seconds=17)

DUTY = User(1, "duty", "值班领导", Post.DUTY_MANAGER, Scope.city())  # who reviews the recordings


def test_plan_segments_leaves_two_holes_and_covers_the_rest() -> None:
    start = NOW.replace(hour=9, second=0)
    starts, gaps = plan_segments(start, start + timedelta(minutes=90), random.Random(3))
    assert len(gaps) == 2 and all(3 <= (b - a).total_seconds() / 60 <= 7 for a, b in gaps)
    assert len(starts) == 90 - sum(int((b - a).total_seconds() // 60) for a, b in gaps)
    assert not [s for s in starts for a, b in gaps if a <= s < b]
    assert starts == tuple(sorted(starts)) and starts[0] == start


def test_history_is_recorded_indexed_and_made_once(tmp_path: Path) -> None:
    clip = make_test_clip(tmp_path / "classroom.mp4", seconds=4.0, fps=25, gop=50)
    database = seeded_database(f"sqlite:///{tmp_path / 'demo.sqlite3'}", (7, 8))
    try:
        with database.writing() as session:
            session_row = ClassSessionRepository(session).add(
                ClassSession(0, 1, NOW.date(), NOW - timedelta(hours=3), NOW + timedelta(hours=1), [], "上午")
            )
            workspace = WorkspaceRepository(session).load_workspace()
            WorkspaceRepository(session).save_users([DUTY])
        assert workspace is not None
        root = tmp_path / "recordings"
        job = plan_recording_history(
            database,
            workspace,
            lambda camera_id: clip,
            root,
            tmp_path / "snapshots",
            seed=5,
            now=NOW,
            max_history=timedelta(minutes=45),
        )
        assert job is not None and {c.camera_id for c in job.cameras} == {7, 8}
        camera = job.cameras[0]
        assert camera.session_id == session_row.id
        until = NOW.replace(second=0) - timedelta(minutes=10)  # the last segment ends 10 min before now
        assert (camera.segments[0], camera.segments[-1]) == (
            until - timedelta(minutes=45),
            until - timedelta(minutes=1),
        )

        assert materialise([job]) == 1
        assert job.path.is_file()
        review = RecordingReviewService(database, root)
        day = review.load_day(7, NOW.date(), DUTY)
        assert len(day.coverage) == 3  # two holes
        holes = [(a, b) for a, b in day.gaps if day.start < a and b < day.end]
        assert holes == list(camera.gaps)
        kinds = sorted(m.kind for m in day.markers)
        assert kinds == sorted(
            [EventKind.ABSENCE, EventKind.FACE_MISMATCH, EventKind.UNKNOWN_FACE, EventKind.STREAM_LOST]
        )
        for marker in day.markers:
            if marker.kind is not EventKind.STREAM_LOST:
                assert any(a <= marker.started_at < b for a, b in day.coverage), marker
        assert review.cameras_with_recordings(NOW.date(), DUTY) == {7, 8}

        # The segments play: exact seeks land in the looping clip, across a cut.
        timeline = review.timeline(7, day.start, day.end, DUTY)
        with FrameSeeker(timeline) as seeker:
            cut = camera.segments[1]
            before, after = seeker.seek(cut - timedelta(milliseconds=1)), seeker.seek(cut)
            assert (read_counter(before.image), read_counter(after.image)) == (
                99,
                0,
            )  # 1500 = 15 loops of 100
            middle = seeker.seek(camera.segments[3] + timedelta(seconds=1.5))
            assert read_counter(middle.image) == 37

        # Idempotent: the marker skips the job; run anyway, nothing is made or added twice.
        assert materialise([job]) == 0
        assert write_recording_history(job) == 0
        again = review.load_day(7, NOW.date(), DUTY)
        assert again.coverage == day.coverage and len(again.markers) == len(day.markers)
    finally:
        database.dispose()


def test_a_failing_history_job_does_not_stop_the_other_media(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A locked or broken database in the history job: logged, and the clips and photos still come."""
    from app.demo.media_jobs import EnrolmentPhotoJob, RecordingHistoryJob

    broken = RecordingHistoryJob(
        tmp_path / "history.json",
        "postgresql+psycopg://demo:s3cret-pw@127.0.0.1:1/none?connect_timeout=1",
        tmp_path / "recordings",
        tmp_path / "snapshots",
        5,
        NOW.date(),
        (),
    )
    photo = EnrolmentPhotoJob(tmp_path / "photos" / "learner.jpg", face_seed=3)
    done: list[tuple[int, int]] = []
    with caplog.at_level(logging.ERROR, logger="app.demo.media"):
        made = materialise([broken, photo], progress=lambda d, t: done.append((d, t)))
    assert made == 1 and photo.path.is_file() and not broken.path.exists()
    assert done == [(1, 2), (2, 2)]
    assert any("history.json" in record.getMessage() for record in caplog.records)
    assert "s3cret-pw" not in repr(broken)  # the job's repr (and so any log of it) hides the password
    assert "s3cret-pw" not in caplog.text
