"""CameraRecorder fed with real demuxed packets: a slow disk drops whole GOPs without blocking the
decoder thread, and a locked database delays index rows without losing any file."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import av
import pytest

from app.journal import journal_for
from app.persistence import Database, create_engine_for
from app.persistence.repositories import RecordingRepository
from app.video.recorder import CameraRecorder
from app.video.recorder_settings import RecordingSettings
from app.video.segment_recovery import recover_store
from app.video.segment_writer import SegmentWriter
from tests.helpers.recording_store import (
    all_recordings,
    files_under,
    read_segment,
    seeded_database,
)
from tests.helpers.rtsp_server import make_test_clip
from tests.helpers.waiting import wait_until


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """8 s at 25 fps with a keyframe every second (200 packets, 8 GOPs)."""
    return make_test_clip(tmp_path_factory.mktemp("clip") / "gop1s.mp4", seconds=8.0, gop=25)


def feed(
    recorder: CameraRecorder, clip: Path, stream_id: str = "cam-7", *, interval: float = 0.0
) -> Iterator[float]:
    """Hand every video packet to `on_packet` like a decoder thread would; yields each call's seconds."""
    with av.open(str(clip)) as container:
        for packet in container.demux(container.streams.video[0]):
            if packet.size:
                started = time.perf_counter()
                recorder.on_packet(stream_id, packet)
                yield time.perf_counter() - started
                time.sleep(interval)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = seeded_database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    yield db
    db.dispose()


def test_slow_disk_drops_whole_gops_and_never_blocks_the_decoder(
    clip: Path, tmp_path: Path, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = SegmentWriter.write

    def slow_write(self: SegmentWriter, *args: object, **kwargs: object) -> None:
        time.sleep(0.02)  # a disk that takes 20 ms per packet: slower than a burst of 200 packets
        real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SegmentWriter, "write", slow_write)
    root = tmp_path / "recordings"
    settings = RecordingSettings(segment_seconds=60.0, queue_packets=30)
    recorder = CameraRecorder(7, root, database, store="s1", settings=settings, stream_id="cam-7")
    recorder.start()
    # Packets come twice as fast as this disk takes them: the queue (30) overflows again and again.
    calls = list(feed(recorder, clip, interval=0.01))
    assert max(calls) < 0.05  # never waits for the writer (a put_nowait and a copy)
    assert recorder.stop(30)
    stats = recorder.stats()
    assert stats.gops_dropped >= 2 and stats.packets_dropped > 0
    assert stats.packets_written + stats.packets_dropped == len(calls) == 200
    rows = all_recordings(database, "s1")
    # Each drop closed the segment; the next starts at a keyframe, so every file decodes cleanly.
    assert len(rows) >= 2
    assert sum(row.frames for row in rows) == stats.packets_written
    written: list[int] = []
    for row in rows:
        content = read_segment(root / row.path, read_counters=True)
        assert content.first_is_keyframe and content.frames == row.frames
        assert content.counters[0] % 25 == 0  # starts on a GOP boundary of the clip
        assert content.counters == list(range(content.counters[0], content.counters[0] + row.frames))
        written.extend(content.counters)
    # What is missing is whole GOPs or GOP tails, never a GOP's head.
    missing = sorted(set(range(200)) - set(written))
    assert len(missing) == stats.packets_dropped
    gops_hit = {frame // 25 for frame in missing}
    for gop in gops_hit:
        lost = [f for f in missing if f // 25 == gop]
        assert lost == list(range(lost[0], gop * 25 + 25)), lost
    assert len(gops_hit) == stats.gops_dropped


def test_packets_of_other_pool_streams_are_ignored(clip: Path, tmp_path: Path, database: Database) -> None:
    recorder = CameraRecorder(7, tmp_path / "r", database, store="s1", stream_id="cam-7")
    recorder.start()
    list(feed(recorder, clip, stream_id="another"))
    assert recorder.stop(10)
    assert recorder.stats().packets_written == 0 and all_recordings(database, "s1") == []


def test_locked_database_delays_the_index_but_loses_no_file(clip: Path, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    seeded_database(f"sqlite:///{path}").dispose()
    database = Database(create_engine_for(f"sqlite:///{path}", busy_timeout_s=0.2))
    root = tmp_path / "recordings"
    settings = RecordingSettings(segment_seconds=2.0, index_retry_seconds=0.3)
    recorder = CameraRecorder(7, root, database, store="s1", settings=settings, stream_id="cam-7")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock (DatabaseLockedError)
    try:
        recorder.start()
        assert max(feed(recorder, clip)) < 0.05
        wait_until(lambda: recorder.stats().segments_closed >= 3, 20, message="segments written while locked")
        # The event journal delivers on its own thread: the database refuses its first attempt.
        wait_until(lambda: recorder._index.failures >= 1, 10, message="a delivery refused while locked")
        assert recorder.stats().index_pending >= 3
        with database.reading() as session:  # WAL: reading is still possible, and shows no rows yet
            assert RecordingRepository(session).total_size() == 0
        assert len(files_under(root, "*.mp4")) >= 3
    finally:
        other.rollback()
        other.close()
    assert recorder.stop(20)
    rows = all_recordings(database, "s1")
    assert recorder.stats().index_pending == 0
    assert {row.path for row in rows} == files_under(root, "*.mp4") and len(rows) == 4  # 8 s in 2 s cuts
    assert all(not row.is_open and row.frames == 50 for row in rows)
    database.dispose()


def test_rows_lost_with_a_crash_while_locked_are_indexed_by_recovery(clip: Path, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    seeded_database(f"sqlite:///{path}").dispose()
    database = Database(create_engine_for(f"sqlite:///{path}", busy_timeout_s=0.1))
    root = tmp_path / "recordings"
    settings = RecordingSettings(segment_seconds=2.0, index_retry_seconds=60)
    recorder = CameraRecorder(7, root, database, store="s1", settings=settings, stream_id="cam-7")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    try:
        recorder.start()
        list(feed(recorder, clip))
        assert recorder.stop(20)  # the rows could not be written; the process "ends" here
        assert recorder.stats().index_pending == 4
        journal_for(database).close(timeout=0)  # ... and its event journal file is lost with it
    finally:
        other.rollback()
        other.close()
    assert all_recordings(database, "s1") == []
    report = recover_store(database, root, "s1")
    assert sorted(report.reindexed) == sorted(files_under(root, "*.mp4")) and len(report.reindexed) == 4
    rows = all_recordings(database, "s1")
    assert [row.frames for row in rows] == [50, 50, 50, 50]
    assert all(row.codec == "h264" and row.duration_s == pytest.approx(2.0) for row in rows)
    database.dispose()


def test_cut_closes_the_open_segment_at_the_next_keyframe_so_it_can_be_played(
    clip: Path, tmp_path: Path, database: Database
) -> None:
    """An alarm opened in Recordings: what was recorded until now must be a closed, indexed segment
    (an open one is not played), and recording goes on in the next one from that keyframe."""
    import threading

    root = tmp_path / "recordings"
    recorder = CameraRecorder(7, root, database, store="s1", stream_id="cam-7")  # 60-s segments
    assert recorder.cut(0.1)  # nothing open yet: nothing to wait for
    recorder.start()
    # A decoder thread: 200 packets, 10 ms apart (2 s).
    decoder = threading.Thread(target=lambda: list(feed(recorder, clip, interval=0.01)))
    decoder.start()
    wait_until(lambda: recorder.stats().packets_written >= 60, 10, message="the first packets written")
    assert recorder.stats().segments_closed == 0 and all_recordings(database, "s1")[0].is_open
    assert recorder.cut(5.0)  # returns once the next keyframe closed the segment
    [first, second] = sorted(all_recordings(database, "s1"), key=lambda r: r.started_at)
    assert not first.is_open and first.frames % 25 == 0 and 75 <= first.frames < 200  # at a keyframe
    content = read_segment(root / first.path, read_counters=True)
    assert content.first_is_keyframe and content.counters == list(range(first.frames))
    assert second.is_open  # recording goes on
    decoder.join(10)
    assert recorder.stop(10)
    [_, closed] = sorted(all_recordings(database, "s1"), key=lambda r: r.started_at)
    assert first.frames + closed.frames == 200  # no packet lost or doubled by the cut


def test_stray_folders_in_the_recordings_folder_do_not_stop_recovery(tmp_path: Path) -> None:
    """A folder named '²' passed str.isdigit() and then failed int(): start-up stopped."""
    database = seeded_database(f"sqlite:///{tmp_path / 'index.sqlite3'}")
    root = tmp_path / "recordings"
    for name in ("²", "٣", "notes", "7"):
        (root / name / date.today().isoformat()).mkdir(parents=True)
        (root / name / date.today().isoformat() / "stray.txt").write_text("x", encoding="utf-8")
    report = recover_store(database, root, "s1")
    assert report.errors == [] and report.reindexed == [] and report.removed == []
    database.dispose()
