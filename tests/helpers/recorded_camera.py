"""A real recording, made once per session by the fixture `recorded` (registered suite-wide): a
project-made clip played through the decoder pool into the recorder (2 s segments, ~6 s), indexed
in SQLite, plus the truth about every recorded frame. Used by the playback and Recordings pane tests."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction
from pathlib import Path

import av
import pytest

from app.journal import journal_for
from app.persistence.repositories import Recording, RecordingRepository
from app.playback.segment_timeline import SegmentTimeline
from app.video import DecoderPool, StreamSource, StreamState
from app.video.recorder_service import RecordingService
from app.video.recorder_settings import RecordingSettings
from tests.helpers.recording_store import all_recordings, seeded_database
from tests.helpers.rtsp_server import make_test_clip, read_counter
from tests.helpers.stream_waits import FAST_POLICY, wait_state
from tests.helpers.waiting import wait_until

CAMERA_ID = 7
SETTINGS = RecordingSettings(segment_seconds=2.0, idle_close_seconds=3.0)


@dataclass(frozen=True)
class RecordedFrame:
    segment_id: int
    pts: int
    wall_time: datetime
    counter: int  # the frame number drawn into the clip


@dataclass(frozen=True)
class RecordedCamera:
    root: Path
    recordings: list[Recording]
    frames: list[RecordedFrame]  # every recorded frame, in order

    def timeline(self) -> SegmentTimeline:
        return SegmentTimeline(self.recordings, self.root)

    def frame_at(self, at: datetime) -> RecordedFrame:
        """The truth: the last frame of `at`'s segment whose wall time <= at."""
        segment = self.timeline().locate(at)
        assert segment is not None, at
        candidates = [f for f in self.frames if f.segment_id == segment.recording.id]
        earlier = [f for f in candidates if f.wall_time <= at]
        return earlier[-1] if earlier else candidates[0]


def _wall(started_at: datetime, pts: int, time_base: Fraction) -> datetime:
    return started_at + timedelta(microseconds=round(Fraction(pts) * time_base * 1_000_000))


def _index_frames(root: Path, recordings: list[Recording]) -> list[RecordedFrame]:
    frames: list[RecordedFrame] = []
    for recording in recordings:
        with av.open(str(root / recording.path)) as container:
            stream = container.streams.video[0]
            assert stream.time_base is not None
            for frame in container.decode(stream):
                assert frame.pts is not None
                frames.append(
                    RecordedFrame(
                        recording.id,
                        frame.pts,
                        _wall(recording.started_at, frame.pts, stream.time_base),
                        read_counter(frame.to_ndarray(format="rgb24")),
                    )
                )
    return frames


@pytest.fixture(scope="session")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RecordedCamera]:
    workdir = tmp_path_factory.mktemp("playback")
    # 25 fps, keyframe every 2 s, 8 s long so ~6 s of recording never loops the counter.
    clip = make_test_clip(workdir / "clip.mp4", seconds=8.0, fps=25, gop=50)
    database = seeded_database(f"sqlite:///{workdir / 'index.sqlite3'}", (CAMERA_ID,))
    root = workdir / "recordings"
    service = RecordingService(database, root, SETTINGS)
    pool = DecoderPool(max_streams=4, policy=FAST_POLICY, stall_timeout=4.0, watchdog_interval=0.2)
    try:
        on_packet = service.start(CAMERA_ID, "cam")
        pool.open_stream("cam", StreamSource.for_file(clip), target_size=(320, 180), on_packet=on_packet)
        wait_state(pool, "cam", StreamState.PLAYING, 10)
        started = time.monotonic()
        wait_until(lambda: time.monotonic() - started > 6.2, 10, message="6 s of recording")
        assert service.stop(CAMERA_ID)
    finally:
        service.shutdown()
        assert pool.stop(timeout=15.0), "decoder threads did not finish"
    try:
        recordings = all_recordings(database, service.store)
        # The review's own query finds the same segments.
        with database.reading() as session:
            listed = RecordingRepository(session).list_for_camera(
                CAMERA_ID, recordings[0].started_at, recordings[-1].covers_until(recordings[-1].started_at)
            )
        assert [r.id for r in listed] == [r.id for r in recordings]
    finally:
        # The recorder's index rows went through this database's journal: end it, as the console
        # does at shutdown (a session fixture's journal would outlive the test that made it).
        journal_for(database).close(timeout=10)
        database.dispose()
    assert len(recordings) >= 3, recordings
    assert all(not r.is_open for r in recordings)
    yield RecordedCamera(root, recordings, _index_frames(root, recordings))
