"""Local files (the demo cameras): real-rate looping, end, corruption, resolution change, slots, modes."""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from app.video import DecodeMode, DecoderPool, StreamFault, StreamSource, StreamState, VideoFrameData
from tests.helpers.rtsp_server import make_test_clip, read_counter
from tests.helpers.stream_waits import FAST_POLICY, wait_state
from tests.helpers.waiting import wait_until


def test_file_loops_at_its_real_frame_rate(pool: DecoderPool, tmp_path: Path) -> None:
    clip = make_test_clip(tmp_path / "short.mp4", seconds=2.0)  # 50 frames, numbered 0..49
    counters: list[int] = []

    def on_frame(stream_id: str) -> None:
        frame = pool_slot.take()
        if frame is not None:
            counters.append(read_counter(frame.image))

    pool_slot = pool.open_stream(
        "demo", StreamSource.for_file(clip), target_size=(320, 180), on_frame=on_frame
    )
    wait_state(pool, "demo", StreamState.PLAYING, 5)
    start_frames, start = pool.stats("demo").frames_decoded, time.monotonic()
    time.sleep(4.0)
    stats = pool.stats("demo")
    rate = (stats.frames_decoded - start_frames) / (time.monotonic() - start)
    # Paced by timestamps: 25 fps, not "as fast as the CPU can"; generous bounds for a loaded machine.
    assert 15 <= rate <= 30, rate
    assert 12 <= stats.decoded_fps <= 30, stats.decoded_fps
    # It looped: the frame numbers went back to the start at least once, in order otherwise.
    wraps = sum(1 for a, b in itertools.pairwise(counters) if b < a)
    assert wraps >= 1 and set(counters) >= {0, 49}
    assert stats.state is StreamState.PLAYING and stats.reconnects == 0


def test_file_without_loop_ends(pool: DecoderPool, tmp_path: Path) -> None:
    clip = make_test_clip(tmp_path / "once.mp4", seconds=0.8)
    pool.open_stream("once", StreamSource.for_file(clip, loop=False))
    stats = wait_state(pool, "once", StreamState.ENDED, 5)
    assert stats.fault is StreamFault.ENDED and stats.frames_decoded == 20


def test_file_url_with_escapes_plays(pool: DecoderPool, tmp_path: Path) -> None:
    clip = make_test_clip(tmp_path / "教室 1.mp4", seconds=0.4)
    pool.open_stream("uri", StreamSource(clip.as_uri(), loop=True), target_size=(64, 36))
    wait_state(pool, "uri", StreamState.PLAYING, 5)


def test_corrupt_file_is_reported_as_corrupt(pool: DecoderPool, tmp_path: Path, local_clip: Path) -> None:
    garbage = tmp_path / "garbage.mp4"
    garbage.write_bytes(os.urandom(64 * 1024))
    truncated = tmp_path / "truncated.mp4"
    truncated.write_bytes(local_clip.read_bytes()[: local_clip.stat().st_size // 2])  # no moov atom
    pool.open_stream("garbage", StreamSource.for_file(garbage))
    pool.open_stream("truncated", StreamSource.for_file(truncated))
    wait_until(lambda: all(s.fault is not None for s in pool.all_stats().values()), 5, message="both to fail")
    for stream_id, path in (("garbage", garbage), ("truncated", truncated)):
        stats = pool.stats(stream_id)
        assert stats.fault is StreamFault.CORRUPT, stats
        assert stats.message.startswith(str(path)) and "corrupt" in stats.message
        assert stats.state in (StreamState.RECONNECTING, StreamState.OFFLINE, StreamState.CONNECTING)


def test_missing_file_is_not_found(pool: DecoderPool, tmp_path: Path) -> None:
    pool.open_stream("missing", StreamSource.for_file(tmp_path / "nope.mp4"))
    stats = wait_state(pool, "missing", StreamState.NOT_FOUND, 5)
    assert stats.fault is StreamFault.NOT_FOUND and "no such file" in stats.message


def test_a_missing_file_restarted_again_and_again_warns_once_until_it_plays(
    pool: DecoderPool, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The wall restarts a demo tile's stream while its clip renders: one warning, not one a second."""
    clip = tmp_path / "later.mp4"
    caplog.set_level(logging.DEBUG, logger="app.video.stream_worker")
    pool.open_stream("later", StreamSource.for_file(clip))

    def attempted_since(before: int) -> bool:
        return pool.stats("later").attempts > before

    for _ in range(4):
        wait_until(lambda: pool.stats("later").state is StreamState.NOT_FOUND, 5)
        before = pool.stats("later").attempts
        pool.restart_stream("later")
        wait_until(partial(attempted_since, before), 5)

    def warnings() -> list[logging.LogRecord]:
        return [r for r in caplog.records if r.levelno >= logging.WARNING and "later" in r.getMessage()]

    assert len(warnings()) == 1, [r.getMessage() for r in warnings()]
    make_test_clip(clip, seconds=0.4)
    pool.restart_stream("later")
    wait_state(pool, "later", StreamState.PLAYING, 5)
    clip.unlink()  # the same failure after playing is news again
    pool.restart_stream("later")
    wait_until(lambda: len(warnings()) == 2, 5)


def test_resolution_change_mid_stream_still_converts_to_the_target_size(
    pool: DecoderPool, tmp_path: Path
) -> None:
    first = make_test_clip(tmp_path / "a.ts", seconds=0.8, size=(640, 360), container_format="mpegts")
    second = make_test_clip(
        tmp_path / "b.ts", seconds=0.8, size=(320, 240), first_index=100, container_format="mpegts"
    )
    joined = tmp_path / "joined.ts"
    joined.write_bytes(first.read_bytes() + second.read_bytes())  # like a camera switching profile
    frames: list[VideoFrameData] = []
    lock = threading.Lock()

    def on_frame(stream_id: str) -> None:
        frame = slot.take()
        if frame is not None:
            with lock:
                frames.append(frame)

    slot = pool.open_stream(
        "joined", StreamSource.for_file(joined, loop=False), target_size=(400, 224), on_frame=on_frame
    )
    wait_state(pool, "joined", StreamState.ENDED, 10)
    with lock:
        got = list(frames)
    assert {f.image.shape for f in got} == {(224, 400, 3)}
    assert {(f.source_width, f.source_height) for f in got} == {(640, 360), (320, 240)}
    counters = [read_counter(f.image) for f in got]
    assert counters[0] == 0 and counters[-1] == 119 and 100 in counters
    assert pool.stats("joined").source_size == (320, 240)


def test_target_size_changes_while_playing(pool: DecoderPool, local_clip: Path) -> None:
    slot = pool.open_stream("resize", StreamSource.for_file(local_clip), target_size=(320, 180))
    wait_until(
        lambda: (f := slot.take()) is not None and f.image.shape == (180, 320, 3),
        5,
        message="a 320×180 frame",
    )
    pool.set_target_size("resize", (200, 112))
    wait_until(
        lambda: (f := slot.take()) is not None and f.image.shape == (112, 200, 3),
        2,
        message="a 200×112 frame",
    )
    pool.set_target_size("resize", None)  # the decoded size
    wait_until(
        lambda: (f := slot.take()) is not None and f.image.shape == (360, 640, 3),
        2,
        message="a 640×360 frame",
    )


def test_slow_reader_gets_the_newest_frame_and_drops_are_counted(pool: DecoderPool, local_clip: Path) -> None:
    slot = pool.open_stream("slow", StreamSource.for_file(local_clip), target_size=(160, 90))
    wait_state(pool, "slow", StreamState.PLAYING, 5)
    taken: list[VideoFrameData] = []
    for _ in range(8):  # a reader at ~4 fps against a 25 fps stream
        time.sleep(0.25)
        frame = slot.take()
        assert frame is not None
        assert time.monotonic() - frame.monotonic < 0.5  # the newest, not a stale queued one
        taken.append(frame)
    counters = slot.counters()
    assert counters.dropped >= 20  # ≈ 25 × 2 s − 8
    assert counters.written - counters.taken - counters.dropped in (0, 1)  # at most one unread
    assert all(b.sequence - a.sequence >= 2 for a, b in itertools.pairwise(taken))
    assert pool.stats("slow").frames_dropped == slot.dropped


def test_keyframes_only_mode_and_switching_back(pool: DecoderPool, tmp_path: Path) -> None:
    clip = make_test_clip(tmp_path / "gop10.mp4", seconds=2.0, gop=10)  # keyframes at 0, 10, 20...
    keyframes: list[bool] = []
    counters: list[int] = []

    def on_frame(stream_id: str) -> None:
        frame = slot.take()
        if frame is not None:
            keyframes.append(frame.keyframe)
            counters.append(read_counter(frame.image))

    slot = pool.open_stream(
        "modes",
        StreamSource.for_file(clip),
        target_size=(320, 180),
        on_frame=on_frame,
        decode_mode=DecodeMode.KEYFRAMES,
    )
    time.sleep(1.6)
    assert 3 <= len(counters) <= 8 and all(keyframes)
    assert all(c % 10 == 0 for c in counters)
    assert pool.stats("modes").state is StreamState.PLAYING  # a keyframe per 0.4 s is not a stall
    pool.set_decode_mode("modes", DecodeMode.ALL)
    before = len(counters)
    time.sleep(1.0)
    assert len(counters) - before >= 10 and not all(keyframes[before:])


def test_an_analysis_tap_gets_its_own_size_and_rate(pool: DecoderPool, local_clip: Path) -> None:
    display = pool.open_stream("tapped", StreamSource.for_file(local_clip), target_size=(320, 180))
    analysis = pool.add_tap("tapped", "analysis", target_size=(640, 360), max_fps=4)
    wait_state(pool, "tapped", StreamState.PLAYING, 5)
    time.sleep(2.0)
    shown, sampled = display.counters(), analysis.counters()
    assert 3 <= sampled.written <= 12 < shown.written
    frame = analysis.peek()
    assert frame is not None and frame.image.shape == (360, 640, 3)
    pool.set_tap_rate("tapped", "analysis", 20)  # in place: same slot, faster
    before = analysis.counters().written
    time.sleep(1.0)
    assert analysis.counters().written - before >= 12
    pool.set_tap_rate("tapped", "display", 1)  # the display is not a tap by name: left alone
    assert display.counters().written > shown.written
    pool.remove_tap("tapped", "analysis")
    time.sleep(0.1)  # a frame the decoder thread was converting as the tap went may still land
    written = analysis.counters().written
    time.sleep(0.5)
    assert analysis.counters().written == written


def test_watchdog_reconnects_a_stream_that_stops_producing_frames(
    local_clip: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A consumer that blocks the decoder thread for 1.5 s is one way a stream stops producing frames
    # while its connection looks healthy; the watchdog must notice and reconnect.
    blocked = threading.Event()

    def on_frame(stream_id: str) -> None:
        if not blocked.is_set():
            blocked.set()
            time.sleep(1.5)

    pool = DecoderPool(policy=FAST_POLICY, stall_timeout=0.5, watchdog_interval=0.1)
    try:
        pool.open_stream("stuck", StreamSource.for_file(local_clip), target_size=(64, 36), on_frame=on_frame)
        wait_until(blocked.is_set, 5, message="the first frame")
        stats = wait_state(pool, "stuck", StreamState.PLAYING, 5)
        wait_until(lambda: pool.stats("stuck").reconnects == 1, 5, message="the watchdog's reconnect")
        stats = wait_state(pool, "stuck", StreamState.PLAYING, 5)
        assert stats.fault is None
        assert "stalled: no frame" in caplog.text
    finally:
        assert pool.stop(timeout=5)
