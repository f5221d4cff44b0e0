"""The pool's bookkeeping: bounded threads, ids, non-blocking close, stop; the stall check."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.video import DecodeMode, DecoderPool, PoolFullError, ReconnectPolicy, StreamSource, StreamState
from app.video.frame_output import FrameTap
from app.video.stream_worker import StreamWorker
from tests.helpers.waiting import wait_until

SLOW = ReconnectPolicy(initial_delay=30.0, jitter=0.0)  # keeps a failing stream's thread waiting


def test_capacity_ids_and_close(tmp_path: Path) -> None:
    missing = StreamSource.for_file(tmp_path / "missing.mp4")
    with DecoderPool(max_streams=2, policy=SLOW) as pool:
        pool.open_stream("a", missing)
        pool.open_stream("b", missing)
        with pytest.raises(ValueError, match="already open"):
            pool.open_stream("a", missing)
        with pytest.raises(PoolFullError, match="2 decoder threads"):
            pool.open_stream("c", missing)
        wait_until(lambda: pool.stats("a").state is StreamState.NOT_FOUND)
        assert pool.close_stream("a", wait=5.0) is True  # the backoff wait is cut short
        assert pool.close_stream("a") is True  # closing twice is harmless
        pool.open_stream("c", missing)
        assert sorted(pool.stream_ids()) == ["b", "c"] and pool.busy_threads() == 2
        with pytest.raises(KeyError, match="'a'"):
            pool.stats("a")


def test_stop_joins_quickly_and_refuses_new_streams(tmp_path: Path) -> None:
    pool = DecoderPool(max_streams=4, policy=SLOW)
    for name in "abc":
        pool.open_stream(name, StreamSource.for_file(tmp_path / f"{name}.mp4"))
    wait_until(lambda: all(s.state is StreamState.NOT_FOUND for s in pool.all_stats().values()))
    started = time.monotonic()
    assert pool.stop(timeout=5.0) is True
    assert time.monotonic() - started < 1.0
    with pytest.raises(RuntimeError, match="stopped"):
        pool.open_stream("d", StreamSource.for_file(tmp_path / "d.mp4"))


def test_closed_stream_reports_stopped_and_tells_its_observer(tmp_path: Path) -> None:
    changes: list[str] = []
    with DecoderPool(policy=SLOW) as pool:
        pool.open_stream("a", StreamSource.for_file(tmp_path / "a.mp4"), on_state=changes.append)
        wait_until(lambda: pool.stats("a").state is StreamState.NOT_FOUND)
        worker_stats = pool.stats("a")
        pool.close_stream("a", wait=5.0)
    assert worker_stats.retry_in() is not None and worker_stats.attempts == 1
    assert changes and set(changes) == {"a"}


def _playing_worker(mode: DecodeMode) -> StreamWorker:
    worker = StreamWorker(
        "cam", StreamSource("rtsp://h/x"), FrameTap("display"), policy=ReconnectPolicy(), decode_mode=mode
    )
    assert worker.monitor.record_frame(100.0, 640, 360) is True  # first frame: now PLAYING
    worker.monitor.record_packet(109.0)
    return worker


def test_stall_check_uses_frames_or_packets_by_mode() -> None:
    worker = _playing_worker(DecodeMode.ALL)
    assert worker.check_stall(now=104.0, stall_timeout=5.0) is False
    assert worker.check_stall(now=106.0, stall_timeout=5.0) is True
    assert worker._reconnect_reason == "stalled: no frame for 6 s"
    assert worker.check_stall(now=107.0, stall_timeout=5.0) is False  # asked once, not every tick
    keyframes = _playing_worker(DecodeMode.KEYFRAMES)  # one frame per GOP is normal there
    assert keyframes.check_stall(now=112.0, stall_timeout=5.0) is False
    assert keyframes.check_stall(now=115.0, stall_timeout=5.0) is True
    idle = _playing_worker(DecodeMode.ALL)
    idle.monitor.set_state(StreamState.RECONNECTING)
    assert idle.check_stall(now=1000.0, stall_timeout=5.0) is False
    stopped = _playing_worker(DecodeMode.ALL)
    stopped.cancel()
    assert stopped.check_stall(now=1000.0, stall_timeout=5.0) is False
    assert stopped.monitor.record_frame(1001.0, 640, 360) is False  # no PLAYING after a close


def test_monitor_tracks_offline_since_reconnects_and_fps() -> None:
    from app.video.latest_frame import LatestFrameSlot
    from app.video.stream_faults import StreamFault
    from app.video.stream_monitor import StreamMonitor

    changes: list[str] = []
    monitor = StreamMonitor("cam", "rtsp://h/x", LatestFrameSlot(), changes.append)
    monitor.begin_attempt()
    assert monitor.snapshot().offline_since is not None  # never played: off the air since the start
    monitor.opened("h264")
    now = time.monotonic()
    for index in range(25):
        monitor.record_frame(now - 1.0 + index * 0.04, 640, 360)
    playing = monitor.snapshot()
    assert playing.state is StreamState.PLAYING and playing.offline_since is None
    assert 20 <= playing.decoded_fps <= 26 and playing.codec == "h264" and playing.reconnects == 0
    monitor.end_session()
    monitor.set_state(StreamState.OFFLINE, fault=StreamFault.UNREACHABLE, message="gone", retry_at=now + 4)
    offline = monitor.snapshot()
    assert offline.offline_since == playing.last_frame_wallclock  # since the last good frame
    assert offline.retry_in(now) == 4 and offline.message == "gone"
    monitor.begin_attempt()  # OFFLINE stays on screen while retrying
    assert monitor.state is StreamState.OFFLINE and monitor.snapshot().retry_at is None
    monitor.opened("h264")
    assert monitor.snapshot().reconnects == 1
    assert changes and set(changes) == {"cam"}
