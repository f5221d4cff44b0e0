"""Network faults against the real RTSP server: closed port, hung server, server killed and restarted."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from app.video import DecoderPool, StreamFault, StreamSource, StreamState
from tests.helpers.rtsp_server import RtspServer
from tests.helpers.stream_waits import wait_state
from tests.helpers.waiting import wait_until

FAILED = (StreamState.RECONNECTING, StreamState.OFFLINE)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A port whose kernel accepts TCP connections that nobody ever answers (a hung camera)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield int(sock.getsockname()[1])


def test_closed_port_is_unreachable_at_once_while_another_stream_plays(
    pool: DecoderPool, rtsp: RtspServer
) -> None:
    pool.open_stream("clip", StreamSource(rtsp.url("clip")), target_size=(320, 180))
    started = time.monotonic()
    pool.open_stream("closed", StreamSource(f"rtsp://127.0.0.1:{_closed_port()}/cam", open_timeout=3.0))
    wait_until(lambda: pool.stats("closed").fault is not None, 3.0 + 1.5, message="the closed port to fail")
    assert time.monotonic() - started < 3.0
    stats = pool.stats("closed")
    assert stats.fault is StreamFault.UNREACHABLE and "refused" in stats.message
    assert stats.state in (*FAILED, StreamState.CONNECTING)
    wait_state(pool, "clip", StreamState.PLAYING, 10)
    # The failing stream keeps retrying with backoff and reaches OFFLINE, with the time it went off.
    offline = wait_state(pool, "closed", StreamState.OFFLINE, 5)
    assert offline.offline_since is not None and offline.attempts >= 3
    assert pool.stats("clip").state is StreamState.PLAYING


def test_hung_server_times_out_without_blocking_others_or_the_caller(
    pool: DecoderPool, rtsp: RtspServer, silent_server: int
) -> None:
    pool.open_stream("clip", StreamSource(rtsp.url("clip")), target_size=(320, 180))
    hung = StreamSource(f"rtsp://127.0.0.1:{silent_server}/cam", open_timeout=3.0, read_timeout=3.0)
    started = time.monotonic()
    pool.open_stream("hung", hung)
    pool.open_stream("hung-closed-at-once", hung)
    assert time.monotonic() - started < 0.2  # opening happens in the pool, never in the caller

    # Closing a stream stuck inside av.open returns at once; its thread finishes within its timeout.
    started = time.monotonic()
    assert pool.close_stream("hung-closed-at-once") is False
    assert time.monotonic() - started < 0.1

    wait_state(pool, "clip", StreamState.PLAYING, 10)
    assert pool.stats("hung").state is StreamState.CONNECTING  # still hanging while the clip plays
    wait_until(
        lambda: pool.stats("hung").fault is not None, 3.0 + 1.0 + 3.0, message="the hung open to time out"
    )
    assert time.monotonic() - started < 3.0 + 1.0 + 3.0
    stats = pool.stats("hung")
    assert stats.fault is StreamFault.UNREACHABLE and stats.state in FAILED
    assert pool.stats("clip").state is StreamState.PLAYING
    wait_until(lambda: pool.busy_threads() == 2, 5, message="the closed stream's thread to return")


def test_server_killed_mid_stream_reconnects_by_itself(pool: DecoderPool, rtsp: RtspServer) -> None:
    slot = pool.open_stream("clip", StreamSource(rtsp.url("clip"), read_timeout=3.0), target_size=(320, 180))
    pool.open_stream("pattern", StreamSource(rtsp.url("pattern"), read_timeout=3.0), target_size=(320, 180))
    wait_state(pool, "clip", StreamState.PLAYING, 10)
    wait_state(pool, "pattern", StreamState.PLAYING, 10)
    try:
        rtsp.kill()
        wait_until(
            lambda: pool.stats("clip").state is not StreamState.PLAYING, 5, message="the loss to be noticed"
        )
        down = pool.stats("clip")
        assert down.offline_since is not None and down.fault is not None
        wait_until(lambda: pool.stats("clip").attempts >= 3, 5, message="a few failed reconnects")
        assert pool.stats("clip").fault is StreamFault.UNREACHABLE  # connection refused meanwhile
        frames_before = pool.stats("clip").frames_decoded
        slot.take()
    finally:
        rtsp.start()  # same port: the cameras' URLs do not change
    for stream_id in ("clip", "pattern"):
        stats = wait_state(pool, stream_id, StreamState.PLAYING, 10)
        assert stats.reconnects == 1 and stats.fault is None and stats.offline_since is None
    wait_until(
        lambda: pool.stats("clip").frames_decoded > frames_before + 10, 5, message="frames after reconnecting"
    )
    assert slot.take() is not None


def test_server_that_stops_answering_mid_stream_is_detected_by_the_read_timeout(
    pool: DecoderPool, rtsp: RtspServer
) -> None:
    pool.open_stream("clip", StreamSource(rtsp.url("clip"), read_timeout=1.5), target_size=(160, 90))
    wait_state(pool, "clip", StreamState.PLAYING, 10)
    rtsp.pause()
    try:
        started = time.monotonic()
        wait_until(
            lambda: pool.stats("clip").state is not StreamState.PLAYING, 1.5 + 1.0 + 3.0, message="the stall"
        )
        assert time.monotonic() - started < 1.5 + 1.0 + 3.0
        assert pool.stats("clip").fault is StreamFault.UNREACHABLE
    finally:
        rtsp.resume()
    wait_state(pool, "clip", StreamState.PLAYING, 15)
