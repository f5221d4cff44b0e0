"""Video test helpers: a fast reconnect policy, and waiting for a stream to reach a state."""

from __future__ import annotations

import pytest

from app.video import DecoderPool, ReconnectPolicy, StreamState, StreamStats
from tests.helpers.waiting import wait_until

# Fast backoff so that reconnect tests finish in seconds; the production default starts at 1 s.
FAST_POLICY = ReconnectPolicy(initial_delay=0.3, factor=2.0, max_delay=2.0, jitter=0.0, offline_after=3)


def wait_state(pool: DecoderPool, stream_id: str, state: StreamState, timeout: float) -> StreamStats:
    last: list[StreamStats] = []

    def reached() -> bool:
        last[:] = [pool.stats(stream_id)]
        return last[0].state is state

    try:
        wait_until(reached, timeout, interval=0.05)
    except AssertionError:
        stats = last[0] if last else None
        detail = f"{stats.state.name} {stats.fault} {stats.message!r}" if stats else "no stats"
        pytest.fail(f"{stream_id} did not become {state.name} within {timeout} s; last: {detail}")
    return last[0]
