"""Pacing a file by its timestamps: steady rate, seamless loops, no bursts after falling behind."""

from __future__ import annotations

import pytest

from app.video.pacing import FramePacer


def test_frames_are_due_at_their_timestamps() -> None:
    pacer = FramePacer()
    assert pacer.delay(10.0, now=100.0) == 0.0  # the first frame shows at once
    assert pacer.delay(10.04, now=100.0) == pytest.approx(0.04)
    assert pacer.delay(10.08, now=100.05) == pytest.approx(0.03)


def test_a_loop_continues_one_frame_after_the_last() -> None:
    pacer = FramePacer()
    now = 0.0
    for index in range(50):  # 2 s of 25 fps, shown exactly on time
        now += pacer.delay(index * 0.04, now)
    assert now == pytest.approx(1.96)
    assert pacer.delay(0.0, now) == pytest.approx(0.04)  # timestamps jump back: next frame, not a pause


def test_falling_behind_restarts_the_schedule_instead_of_bursting() -> None:
    pacer = FramePacer(max_lag=1.0)
    pacer.delay(0.0, now=0.0)
    assert pacer.delay(0.04, now=5.0) == 0.0  # 5 s late (CPU starved)
    assert pacer.delay(0.08, now=5.0) == pytest.approx(0.04)  # then back to the normal rate


def test_missing_timestamps_fall_back_to_the_frame_interval() -> None:
    pacer = FramePacer(default_interval=0.1)
    assert pacer.delay(None, now=0.0) == 0.0
    assert pacer.delay(None, now=0.0) == pytest.approx(0.1)


def test_reset_starts_over() -> None:
    pacer = FramePacer()
    pacer.delay(0.0, now=0.0)
    pacer.reset()
    assert pacer.delay(7.0, now=50.0) == 0.0
