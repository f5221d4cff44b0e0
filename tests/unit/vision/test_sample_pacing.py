"""SamplePace: a camera is sampled faster while a face is in doubt, for a bounded burst."""

from __future__ import annotations

from app.vision.sample_pacing import SamplePace


def test_a_face_in_doubt_raises_the_rate_until_nothing_is_in_doubt() -> None:
    pace = SamplePace(usual_fps=1.0, contested_fps=3.0, burst_s=10.0)
    assert pace.rate == 1.0 == pace.usual_fps  # not bursting
    assert pace.next_rate(False, 0.0) == 1.0
    assert pace.next_rate(True, 1.0) == 3.0
    pace.rate = 3.0
    assert pace.rate > pace.usual_fps  # bursting
    assert pace.next_rate(True, 1.4) == 3.0
    assert pace.next_rate(False, 1.7) == 1.0  # settled: back to the usual rate at once


def test_a_burst_ends_after_its_limit_and_needs_a_calm_sample_to_start_again() -> None:
    pace = SamplePace(usual_fps=1.0, contested_fps=3.0, burst_s=10.0)
    assert pace.next_rate(True, 100.0) == 3.0
    assert pace.next_rate(True, 110.0) == 3.0
    assert pace.next_rate(True, 110.4) == 1.0  # in doubt for over 10 s: a noisy camera, not a swap
    assert pace.next_rate(True, 200.0) == 1.0  # still the same doubt: no new burst
    assert pace.next_rate(False, 201.0) == 1.0
    assert pace.next_rate(True, 202.0) == 3.0  # a new doubt after a calm sample: a new burst


def test_a_usual_rate_above_the_contested_rate_is_never_lowered() -> None:
    pace = SamplePace(usual_fps=5.0, contested_fps=3.0, burst_s=10.0)
    assert pace.next_rate(True, 0.0) == 5.0
