"""Shared vocabulary of the study rules: time intervals and the outcome of an evaluation.

The rules themselves live next to this module:
- `app.domain.rules_full_score`: 满分教育 (公安部令第163号 Art. 18–19): required days, study-day counting.
- `app.domain.rules_review`: 审验教育 (公安部令第162号): at least 3 hours plus accident-case warning.
- `app.domain.classroom_rules`: local classroom discipline (Xiamen practice) for one session.

Everything here is pure: plain datetimes in, frozen dataclasses out, no database and no Qt, so the
later completion-approval feature can call it from a worker thread and tests need no fixtures.

Datetimes are wall-clock times of the study (China Standard Time in practice). Naive datetimes are
expected; aware ones work as long as all inputs share one zone, because "a day" is split at the
midnight of each datetime's own clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple


class Interval(NamedTuple):
    """A half-open stretch of time [start, end). Plain `(start, end)` tuples are accepted too."""

    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


IntervalLike = Interval | tuple[datetime, datetime]


def _checked(intervals: Iterable[IntervalLike]) -> list[Interval]:
    result: list[Interval] = []
    for start, end in intervals:
        if end < start:
            # A bug upstream; guessing could credit study that never happened, so refuse loudly.
            raise ValueError(f"interval ends before it starts: {start!r} > {end!r}")
        if end > start:  # empty intervals carry no study time and would only add noise
            result.append(Interval(start, end))
    return result


def merge_intervals(intervals: Iterable[IntervalLike], *, bridge: timedelta = timedelta(0)) -> list[Interval]:
    """Sort and merge overlapping or touching intervals.

    Touching intervals (one ends exactly when the next starts) are merged because presence that
    is handed over without a gap is continuous. `bridge` also merges across gaps up to that long,
    which is how short tracking dropouts are forgiven in classroom presence.
    """
    if bridge < timedelta(0):
        raise ValueError("bridge must not be negative")
    ordered = sorted(_checked(intervals))
    merged: list[Interval] = []
    for current in ordered:
        if merged and current.start - merged[-1].end <= bridge:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, current.end))
        else:
            merged.append(current)
    return merged


def _next_midnight(moment: datetime) -> datetime:
    return datetime.combine(moment.date() + timedelta(days=1), time(0), tzinfo=moment.tzinfo)


def split_by_day(interval: IntervalLike) -> Iterator[tuple[date, Interval]]:
    """Cut an interval at each midnight, yielding (day, piece) pairs.

    163号令 counts study per day ("单日"), so an evening session running past midnight is two
    shorter pieces on two days, never one long piece on either of them.
    """
    start, end = interval
    while start < end:
        cut = min(end, _next_midnight(start))
        yield start.date(), Interval(start, cut)
        start = cut


def total_duration(intervals: Iterable[IntervalLike]) -> timedelta:
    """Length of the union of the intervals: overlapping time is counted once."""
    return sum((piece.duration for piece in merge_intervals(intervals)), timedelta(0))


class ShortfallKind(StrEnum):
    """Why an education is not (yet) complete. Stable codes: stored and sent to the platform."""

    TOTAL_DAYS = "total_days"  # 满分: on-site + online + self-study days below the required total
    STUDY_DAYS = "study_days"  # 满分: on-site + online days below the minimum
    ONSITE_DAYS = "onsite_days"  # 满分: on-site days below the minimum
    STUDY_TIME = "study_time"  # 审验: less than 3 hours of study
    ACCIDENT_WARNING = "accident_warning"  # 审验: accident-case warning education not attended
    SUBSTITUTION = "substitution"  # 替学 was confirmed: the record is void whatever the figures say


@dataclass(frozen=True, slots=True)
class Shortfall:
    """One unmet requirement, with the figures an officer needs to explain it to the learner.

    Days are ints and study time is a timedelta. Yes/no requirements are counts: a missing
    accident-case warning is required 1, actual 0; a confirmed 替学 is required 0, actual 1.
    """

    kind: ShortfallKind
    required: int | timedelta
    actual: int | timedelta


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Outcome of checking one education record against the rules."""

    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def met(self) -> bool:
        return not self.shortfalls

    def has(self, kind: ShortfallKind) -> bool:
        return any(item.kind is kind for item in self.shortfalls)
