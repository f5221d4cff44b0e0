"""Helpers shared by the video integration tests (waiting on stream states without sleeping blindly)."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from app.video import DecoderPool, ReconnectPolicy, StreamState, StreamStats

# Fast backoff so that reconnect tests finish in seconds; the production default starts at 1 s.
FAST_POLICY = ReconnectPolicy(initial_delay=0.3, factor=2.0, max_delay=2.0, jitter=0.0, offline_after=3)


def wait_for(
    condition: Callable[[], bool], timeout: float, *, interval: float = 0.05, what: str = "condition"
) -> float:
    """Poll until `condition()` holds; returns the seconds it took, fails the test after `timeout`."""
    start = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def wait_state(pool: DecoderPool, stream_id: str, state: StreamState, timeout: float) -> StreamStats:
    last: list[StreamStats] = []

    def reached() -> bool:
        last[:] = [pool.stats(stream_id)]
        return last[0].state is state

    try:
        wait_for(reached, timeout, what=f"{stream_id} to be {state.name}")
    except pytest.fail.Exception:
        stats = last[0] if last else None
        detail = f"{stats.state.name} {stats.fault} {stats.message!r}" if stats else "no stats"
        pytest.fail(f"{stream_id} did not become {state.name} within {timeout} s; last: {detail}")
    return last[0]
