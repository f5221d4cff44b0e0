"""Watched time of a classroom, from the samples analysis delivered (app/supervision/coverage.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.supervision.coverage import Coverage

T0 = datetime(2025, 3, 14, 9, 0)


def s(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_samples_watch_until_the_next_one_for_at_most_the_gap() -> None:
    coverage = Coverage(timedelta(seconds=5))
    for second in range(0, 11):  # one sample a second: 0..10, watched until 15
        coverage.sample(s(second))
    coverage.sample(s(100))  # the camera came back after a page flip: watched 100..105
    assert coverage.watched(s(0), s(200)) == timedelta(seconds=20)
    assert coverage.watched(s(12), s(102)) == timedelta(seconds=5)  # 12..15 and 100..102
    assert coverage.watched(s(20), s(90)) == timedelta(0)
    assert coverage.watching(s(14.9)) and not coverage.watching(s(15)) and not coverage.watching(s(50))
    assert coverage.watched(s(5), s(5)) == timedelta(0) and coverage.watched(s(9), s(3)) == timedelta(0)


def test_a_late_sample_of_a_second_camera_is_merged_in_order() -> None:
    coverage = Coverage(timedelta(seconds=5))
    coverage.sample(s(0))
    coverage.sample(s(50))
    coverage.sample(s(20))  # out of order: another camera of the same classroom
    assert coverage.watched(s(0), s(60)) == timedelta(seconds=15)
    assert coverage.watching(s(22)) and not coverage.watching(s(26))


def test_forgetting_old_spans_keeps_recent_sums() -> None:
    coverage = Coverage(timedelta(seconds=5))
    for second in (0, 100, 200, 300):
        coverage.sample(s(second))
    coverage.forget_before(s(150))
    assert coverage.watched(s(150), s(400)) == timedelta(seconds=10)
    assert coverage.watched(s(0), s(400)) == timedelta(seconds=10)  # what was forgotten is not watched
