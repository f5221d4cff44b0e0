"""Reconnect backoff and the stats snapshot's derived values."""

from __future__ import annotations

import random

import pytest

from app.video.stream_state import ReconnectPolicy, StreamState, StreamStats


def test_backoff_doubles_and_caps_near_thirty_seconds() -> None:
    policy = ReconnectPolicy(jitter=0.0)
    assert [policy.delay(n) for n in range(0, 8)] == [0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert policy.delay(1000) == 30.0  # no overflow for a camera that has been down for days


def test_jitter_stays_within_bounds() -> None:
    policy = ReconnectPolicy(jitter=0.1)
    rng = random.Random(7)
    delays = [policy.delay(3, rng) for _ in range(500)]
    assert min(delays) >= 3.6 and max(delays) <= 4.4 and len(set(delays)) > 100
    capped = [policy.delay(50, rng) for _ in range(500)]
    assert max(capped) <= 33.0 and min(capped) >= 27.0


def test_retry_in_and_frame_age() -> None:
    stats = StreamStats(
        "cam", "rtsp://h/x", StreamState.RECONNECTING, retry_at=105.0, last_frame_monotonic=90.0
    )
    assert stats.retry_in(now=100.0) == pytest.approx(5.0)
    assert stats.retry_in(now=110.0) == 0.0
    assert stats.frame_age(now=100.0) == pytest.approx(10.0)
    idle = StreamStats("cam", "rtsp://h/x", StreamState.CONNECTING)
    assert idle.retry_in() is None and idle.frame_age() is None
