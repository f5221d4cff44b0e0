"""Recording from the real RTSP server (GStreamer): the looped clip, the live pattern, a dying server."""

from __future__ import annotations

import itertools
import time
from datetime import timedelta
from pathlib import Path

import pytest

from app.persistence.repositories import RecordingRepository
from app.video import DecoderPool, StreamSource, StreamState
from app.video.recorder_service import RecordingService
from app.video.recorder_settings import RecordingSettings
from tests.helpers.recording_store import (
    all_recordings,
    files_under,
    read_segment,
    seeded_database,
)
from tests.helpers.rtsp_server import RtspServer
from tests.helpers.stream_waits import wait_state
from tests.helpers.waiting import wait_until

SETTINGS = RecordingSettings(segment_seconds=2.0, idle_close_seconds=1.5)


@pytest.mark.parametrize("mount", ["clip", "pattern"])
def test_rtsp_stream_is_recorded_in_playable_segments(
    pool: DecoderPool, rtsp: RtspServer, tmp_path: Path, mount: str
) -> None:
    database = seeded_database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    root = tmp_path / "recordings"
    service = RecordingService(database, root, SETTINGS)
    try:
        on_packet = service.start(7, "cam-7")
        pool.open_stream("cam-7", StreamSource(rtsp.url(mount)), target_size=(320, 180), on_packet=on_packet)
        wait_state(pool, "cam-7", StreamState.PLAYING, 10)
        started = time.monotonic()
        wait_until(lambda: time.monotonic() - started > 5.0, 10, message="5 s of recording")
        assert service.stop(7)
        recorded = time.monotonic() - started
        stats = pool.stats("cam-7")
    finally:
        service.shutdown()
    rows = all_recordings(database, service.store)
    assert len(rows) >= 2, rows
    assert {row.path for row in rows} == files_under(root, "*.mp4")
    assert files_under(root, "*.partial") == set()
    for row in rows:
        assert not row.is_open and (root / row.path).stat().st_size == row.size_bytes
        assert (row.codec, (row.width, row.height)) == ("h264", stats.source_size)
        content = read_segment(root / row.path)
        assert content.first_is_keyframe and content.first_pts == 0 and content.first_dts == 0
        assert content.frames == row.frames > 0
        assert abs(content.duration_s - row.duration_s) < 0.1
    assert all(row.duration_s >= 2.0 for row in rows[:-1])  # cut at the first keyframe after 2 s
    for previous, following in itertools.pairwise(rows):
        assert previous.ended_at == following.started_at
    # The first keyframe may come a GOP after PLAYING (1 s on /pattern): allow for that.
    assert recorded - 1.5 < sum(row.duration_s for row in rows) < recorded + 0.5
    database.dispose()


def test_server_killed_mid_recording_closes_the_segment_and_resumes_after_a_gap(
    pool: DecoderPool, rtsp: RtspServer, tmp_path: Path
) -> None:
    database = seeded_database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    root = tmp_path / "recordings"
    service = RecordingService(database, root, SETTINGS)
    try:
        on_packet = service.start(7, "cam-7")
        pool.open_stream("cam-7", StreamSource(rtsp.url("clip")), target_size=(320, 180), on_packet=on_packet)
        wait_state(pool, "cam-7", StreamState.PLAYING, 10)

        def stats_now():
            stats = service.stats(7)
            assert stats is not None
            return stats

        wait_until(lambda: stats_now().segments_closed >= 1, 10, message="a closed segment")
        wait_until(lambda: stats_now().open_segment is not None, 5, message="the next segment to open")
        killed_segment = stats_now().open_segment
        rtsp.kill()
        killed_at = time.monotonic()
        # The open segment is closed cleanly (renamed, indexed) although no packet says "the end".
        wait_until(lambda: stats_now().open_segment is None, 5, message="the open segment to close")
        assert time.monotonic() - killed_at < SETTINGS.idle_close_seconds + 1.0
        assert killed_segment is not None and (root / killed_segment).exists()
        closed_before = stats_now().segments_closed
        time.sleep(1.0)  # stay down a moment, so that the gap is plain to see
        rtsp.start()
        wait_state(pool, "cam-7", StreamState.PLAYING, 15)
        wait_until(lambda: stats_now().open_segment is not None, 10, message="recording to resume")
        resumed = stats_now().open_segment
        time.sleep(2.5)
        assert service.stop(7)
    finally:
        service.shutdown()
    rows = all_recordings(database, service.store)
    paths = [row.path for row in rows]
    assert killed_segment in paths and resumed in paths and resumed != killed_segment
    assert {row.path for row in rows} == files_under(root, "*.mp4")
    assert files_under(root, "*.partial") == set()
    for row in rows:
        content = read_segment(root / row.path)
        assert content.first_is_keyframe and content.frames == row.frames > 0
    before = rows[paths.index(killed_segment)]
    after = rows[paths.index(resumed)]
    assert paths.index(resumed) == paths.index(killed_segment) + 1 == closed_before
    assert before.ended_at is not None and after.started_at - before.ended_at > timedelta(seconds=0.8)
    with database.reading() as session:
        gaps = RecordingRepository(session).coverage_gaps(7, rows[0].started_at, rows[-1].ended_at)  # type: ignore[arg-type]
    assert gaps == [(before.ended_at, after.started_at)]
    database.dispose()
