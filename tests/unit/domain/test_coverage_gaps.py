"""Adding up a day's coverage gaps: overlaps count once, the day and now clip them."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.coverage_gaps import CoverageGap, Subsystem, summarise_gaps

DAY = datetime(2026, 12, 7)
NOW = DAY.replace(hour=15)


def gap(start: datetime, end: datetime | None, key: str = "") -> CoverageGap:
    return CoverageGap(key or start.isoformat(), Subsystem.ANALYSIS_WORKER, start, end, "crashed", (1,))


def test_overlapping_gaps_count_once_in_the_total() -> None:
    h9 = DAY.replace(hour=9)
    gaps = [
        gap(h9, h9 + timedelta(minutes=2)),
        gap(h9 + timedelta(minutes=1), h9 + timedelta(minutes=3), "b"),  # a second worker, overlapping
        gap(h9 + timedelta(minutes=10), h9 + timedelta(minutes=10, seconds=30), "c"),
    ]
    summary = summarise_gaps(gaps, DAY, NOW)
    assert (summary.count, summary.total, summary.current) == (3, timedelta(minutes=3, seconds=30), None)


def test_the_day_and_now_clip_gaps_and_the_oldest_open_one_is_current() -> None:
    yesterday = gap(DAY - timedelta(hours=1), DAY + timedelta(minutes=5), "y")
    long_ago = gap(DAY - timedelta(hours=3), DAY - timedelta(hours=2), "z")  # not today
    open_ = gap(NOW - timedelta(minutes=4), None, "o")
    later_open = gap(NOW - timedelta(minutes=1), None, "p")
    summary = summarise_gaps([yesterday, long_ago, open_, later_open], DAY, NOW)
    assert summary.count == 3
    assert summary.total == timedelta(minutes=9)
    assert summary.current == open_
    assert open_.duration(NOW) == timedelta(minutes=4) and open_.concerns(1) and not open_.concerns(2)
