"""Interval helpers shared by the study rules: merging, cutting at midnight, the union length."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.rules import (
    Evaluation,
    Interval,
    Shortfall,
    ShortfallKind,
    merge_intervals,
    split_by_day,
    total_duration,
)


def at(hour: int, minute: int = 0, day: int = 4) -> datetime:
    return datetime(2024, 3, day, hour, minute)


def test_merge_sorts_and_merges_overlapping_and_touching() -> None:
    merged = merge_intervals([(at(13), at(14)), (at(9), at(10)), (at(9, 30), at(11)), (at(11), at(12))])
    assert merged == [Interval(at(9), at(12)), Interval(at(13), at(14))]


def test_merge_keeps_a_gap_of_one_minute_apart() -> None:
    merged = merge_intervals([(at(9), at(10)), (at(10, 1), at(11))])
    assert len(merged) == 2


def test_merge_bridges_gaps_up_to_bridge_inclusive() -> None:
    intervals = [(at(9), at(10)), (at(10, 1), at(11))]
    assert merge_intervals(intervals, bridge=timedelta(minutes=1)) == [Interval(at(9), at(11))]
    assert len(merge_intervals(intervals, bridge=timedelta(seconds=59))) == 2


def test_merge_drops_empty_and_rejects_reversed() -> None:
    assert merge_intervals([(at(9), at(9))]) == []
    with pytest.raises(ValueError, match="ends before it starts"):
        merge_intervals([(at(10), at(9))])


def test_contained_interval_does_not_shorten_the_merge() -> None:
    assert merge_intervals([(at(8), at(12)), (at(9), at(10))]) == [Interval(at(8), at(12))]


def test_split_by_day_cuts_at_midnight() -> None:
    pieces = list(split_by_day((at(22, day=4), at(2, day=6))))
    assert pieces == [
        (date(2024, 3, 4), Interval(at(22, day=4), at(0, day=5))),
        (date(2024, 3, 5), Interval(at(0, day=5), at(0, day=6))),
        (date(2024, 3, 6), Interval(at(0, day=6), at(2, day=6))),
    ]


def test_split_by_day_ending_at_midnight_yields_no_empty_piece() -> None:
    assert [day for day, _ in split_by_day((at(21), at(0, day=5)))] == [date(2024, 3, 4)]


def test_total_duration_counts_overlap_once() -> None:
    assert total_duration([(at(9), at(11)), (at(10), at(12))]) == timedelta(hours=3)


def test_evaluation_met_only_without_shortfalls() -> None:
    assert Evaluation().met
    failed = Evaluation((Shortfall(ShortfallKind.ONSITE_DAYS, 2, 1),))
    assert not failed.met
    assert failed.has(ShortfallKind.ONSITE_DAYS)
    assert not failed.has(ShortfallKind.TOTAL_DAYS)
