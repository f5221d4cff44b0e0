"""Twelve streams decoding together for ~10 s with a consumer reading the slots like a video wall."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from app.video import DecoderPool, StreamSource, StreamState
from tests.helpers.rtsp_server import RtspServer
from tests.helpers.waiting import wait_until

RUN_SECONDS = 10.0


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


@pytest.mark.slow
def test_twelve_streams_with_a_wall_reading_their_slots(
    pool: DecoderPool, rtsp: RtspServer, local_clip: Path
) -> None:
    ids = [f"rtsp-{i}" for i in range(6)] + [f"file-{i}" for i in range(6)]
    dirty: set[str] = set()
    dirty_lock = threading.Lock()

    def on_frame(stream_id: str) -> None:  # what a wall does: remember which tiles need a repaint
        with dirty_lock:
            dirty.add(stream_id)

    for index, stream_id in enumerate(ids):
        source = (
            StreamSource(rtsp.url("clip"))
            if stream_id.startswith("rtsp")
            else StreamSource.for_file(local_clip)
        )
        size = (320, 180) if index % 2 else (256, 144)
        pool.open_stream(stream_id, source, target_size=size, on_frame=on_frame)

    shown = dict.fromkeys(ids, 0)
    stop = threading.Event()

    def wall() -> None:  # the "GUI": ~30 repaints per second, taking whatever is newest
        while not stop.wait(1 / 30):
            with dirty_lock:
                due = list(dirty)
                dirty.clear()
            for stream_id in due:
                if pool.slot(stream_id).take() is not None:
                    shown[stream_id] += 1

    reader = threading.Thread(target=wall, name="test-wall")
    reader.start()
    try:
        wait_until(
            lambda: all(s.state is StreamState.PLAYING for s in pool.all_stats().values()),
            15,
            message="all 12 streams to play",
        )
        time.sleep(2.0)
        rss_start, frames_start, started = (
            _rss_bytes(),
            sum(s.frames_decoded for s in pool.all_stats().values()),
            time.monotonic(),
        )
        time.sleep(RUN_SECONDS - 2.0)
        stats = pool.all_stats()
        rss_end, elapsed = _rss_bytes(), time.monotonic() - started
    finally:
        stop.set()
        reader.join(5)

    assert not reader.is_alive()
    assert all(s.state is StreamState.PLAYING and s.reconnects == 0 for s in stats.values()), stats
    total_rate = (sum(s.frames_decoded for s in stats.values()) - frames_start) / elapsed
    # 12 × 25 fps when the machine keeps up; a loaded CI box may fall behind, but not collapse.
    assert total_rate > 12 * 25 * 0.5, total_rate
    assert all(count > 0 for count in shown.values()), shown
    # Latest-frame slots: memory does not grow with time (no queue anywhere). Allow allocator noise.
    assert rss_end - rss_start < 40 * 1024 * 1024, (rss_start, rss_end)
