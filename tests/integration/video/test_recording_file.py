"""Recording a project-made H.264 file played through the real decoder pool."""

from __future__ import annotations

import itertools
import threading
import time
from datetime import timedelta
from pathlib import Path

from app.video import DecoderPool, StreamSource, StreamState
from app.video.recorder_service import RecordingService
from app.video.recorder_settings import RecordingSettings
from tests.helpers.recording_store import (
    all_recordings,
    files_under,
    read_segment,
    seeded_database,
)
from tests.helpers.stream_waits import wait_state
from tests.helpers.waiting import wait_until

SETTINGS = RecordingSettings(segment_seconds=2.0, idle_close_seconds=3.0)


def test_file_through_the_pool_becomes_playable_keyframe_segments(
    pool: DecoderPool, local_clip: Path, tmp_path: Path
) -> None:
    database = seeded_database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    root = tmp_path / "recordings"
    service = RecordingService(database, root, SETTINGS)
    try:
        on_packet = service.start(7, "cam-7")
        pool.open_stream(
            "cam-7", StreamSource.for_file(local_clip), target_size=(320, 180), on_packet=on_packet
        )
        wait_state(pool, "cam-7", StreamState.PLAYING, 10)
        started = time.monotonic()
        wait_until(lambda: time.monotonic() - started > 5.0, 10, message="5 s of recording")
        assert service.stop(7)
        recorded = time.monotonic() - started
    finally:
        service.shutdown()
    rows = all_recordings(database, service.store)
    assert len(rows) >= 3, rows
    assert all(not row.is_open for row in rows)
    # Index and files agree: every closed file has its row, with its size; nothing half-written is left.
    assert {row.path for row in rows} == files_under(root, "*.mp4")
    assert files_under(root, "*.partial") == set()
    for row in rows:
        assert row.path.startswith(f"7/{row.started_at:%Y-%m-%d}/7_{row.started_at:%Y%m%d-%H%M%S}")
        assert (root / row.path).stat().st_size == row.size_bytes
        assert (row.codec, row.width, row.height) == ("h264", 640, 360)
    counters: list[int] = []
    for row in rows:
        content = read_segment(root / row.path, read_counters=True)
        assert content.first_is_keyframe and content.first_pts == 0 and content.first_dts == 0
        assert content.frames == row.frames
        assert abs(content.duration_s - row.duration_s) < 0.05
        counters.extend(content.counters)
    # Cut at keyframes of a 2 s GOP: every closed segment but the last is 2 s, and they are back to back.
    assert all(abs(row.duration_s - 2.0) < 0.05 for row in rows[:-1])
    for previous, following in itertools.pairwise(rows):
        assert previous.ended_at == following.started_at
    total = sum(row.duration_s for row in rows)
    assert abs(total - recorded) < 1.0, (total, recorded)
    # No frame lost or repeated across cuts and the clip's loop (100 frames, numbered 0..99).
    assert counters[0] == 0
    assert all(b == (a + 1) % 100 for a, b in itertools.pairwise(counters)), counters
    # The timeline query sees them, with no gap inside the recorded span.
    first, last = rows[0].started_at, rows[-1].ended_at
    assert last is not None
    from app.persistence.repositories import RecordingRepository

    with database.reading() as session:
        repository = RecordingRepository(session)
        assert [r.id for r in repository.list_for_camera(7, first, last)] == [r.id for r in rows]
        assert repository.coverage_gaps(7, first - timedelta(seconds=5), last) == [
            (first - timedelta(seconds=5), first)
        ]
    database.dispose()


def test_start_leaves_the_writer_thread_to_a_worker_and_loses_nothing(
    pool: DecoderPool, local_clip: Path, tmp_path: Path, monkeypatch
) -> None:
    """`Thread.start` waits until the new thread has run, which with a wall of decoders holding the
    GIL is a GUI stall when a tile opens: the caller of `start` must not start the writer itself.
    Packets that arrive before the writer runs are queued, so the recording still begins at frame 0;
    a recorder stopped before its thread ran is still started and closed."""
    database = seeded_database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    service = RecordingService(database, tmp_path / "recordings", SETTINGS)
    started_by: list[tuple[str, str]] = []
    thread_start = threading.Thread.start

    def noting_start(thread: threading.Thread) -> None:
        started_by.append((threading.current_thread().name, thread.name))
        thread_start(thread)

    monkeypatch.setattr(threading.Thread, "start", noting_start)
    caller = threading.current_thread().name
    try:
        on_packet = service.start(7, "cam-7")
        pool.open_stream(
            "cam-7", StreamSource.for_file(local_clip), target_size=(320, 180), on_packet=on_packet
        )
        wait_state(pool, "cam-7", StreamState.PLAYING, 10)
        service.start(8, "cam-8")
        assert service.stop(8)  # at once, perhaps before its thread ran
        started = time.monotonic()
        wait_until(lambda: time.monotonic() - started > 2.5, 10, message="2.5 s of recording")
        assert service.stop(7)
    finally:
        service.shutdown()
    writers = [(by, name) for by, name in started_by if name.startswith("video-record-")]
    assert {name for _, name in writers} == {"video-record-7", "video-record-8"}
    assert all(by != caller for by, _ in writers), writers
    assert not any(t.name.startswith("video-record-") for t in threading.enumerate())
    rows = all_recordings(database, service.store)
    assert rows and all(not row.is_open for row in rows)
    assert {row.camera_id for row in rows} == {7}
    counters = read_segment(tmp_path / "recordings" / rows[0].path, read_counters=True).counters
    assert counters[0] == 0  # nothing lost while the writer's thread was being started
