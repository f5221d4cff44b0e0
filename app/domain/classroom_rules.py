"""Classroom discipline for one on-site session (local practice, Xiamen and similar cities).

The national rules (163号令) only say a day counts after more than 3 hours of continuous on-site study;
cities add classroom discipline on top. The published wording (e.g. 12123 notices for 满分教育现场学习):
"无故迟到或早退30分钟以上的、中途离场超过15分钟或者无故离开课堂两次以上 … 取消本次现场教育".
docs/context.md states these as "more than 30 min", "more than 15 min" and "more than twice a day", which is
what the defaults encode. Note that in Chinese legal drafting "以上" normally includes the figure
(30 minutes late exactly, or leaving exactly twice, would already cancel); a city that reads it so sets
`late_early_inclusive=True` and `max_leaves_per_day=1`. The thresholds are settings for that reason.

"无故" (without reason) cannot be seen by a camera: this module reports what was observed and the
officer excuses a reason in the event workflow.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from app.domain.rules import Interval, IntervalLike, merge_intervals


class SessionCancelReason(StrEnum):
    """Why a classroom session does not count for a learner. Stable codes."""

    ABSENT = "absent"  # never seen during the scheduled time
    LATE_ARRIVAL = "late_arrival"
    EARLY_LEAVE = "early_leave"
    LONG_ABSENCE = "long_absence"  # one mid-class absence longer than allowed
    LEFT_TOO_OFTEN = "left_too_often"  # more mid-class absences in the day than allowed


@dataclass(frozen=True, slots=True)
class ClassroomRules:
    """Thresholds of the classroom rules; the defaults are the Xiamen practice (docs/context.md).

    A threshold is the largest value still tolerated: 30 minutes late passes, 30 min 1 s cancels.
    """

    max_late: timedelta = timedelta(minutes=30)
    max_early_leave: timedelta = timedelta(minutes=30)
    max_absence: timedelta = timedelta(minutes=15)
    max_leaves_per_day: int = 2
    # True: reaching max_late / max_early_leave already cancels (the inclusive reading of "30分钟以上").
    late_early_inclusive: bool = False
    # Shorter gaps in presence are tracking dropouts (face turned, occluded), not leaving.
    dropout_tolerance: timedelta = timedelta(minutes=1)
    # Watched time without an unknown face that ends its event; supervision's rule, not the law's.
    stranger_gone: timedelta = timedelta(minutes=2)

    def __post_init__(self) -> None:
        for name in ("max_late", "max_early_leave", "max_absence", "dropout_tolerance", "stranger_gone"):
            if getattr(self, name) < timedelta(0):
                raise ValueError(f"{name} must not be negative")
        if self.max_leaves_per_day < 0:
            raise ValueError("max_leaves_per_day must not be negative")
        if self.dropout_tolerance >= self.max_absence:
            # Otherwise an absence long enough to cancel the session would be bridged as a dropout.
            raise ValueError("dropout_tolerance must be shorter than max_absence")


DEFAULT_CLASSROOM_RULES = ClassroomRules()


@dataclass(frozen=True, slots=True)
class SessionVerdict:
    """Outcome of the classroom rules for one learner in one session."""

    reasons: tuple[SessionCancelReason, ...]
    longest_presence: timedelta  # longest continuous presence within the scheduled time
    late_by: timedelta = timedelta(0)
    early_by: timedelta = timedelta(0)
    leaves: int = 0  # mid-class absences in this session (add to earlier_leaves_today for the next one)
    longest_absence: timedelta = timedelta(0)
    # Presence clipped to the schedule, dropouts bridged: the on-site stretches to count.
    presence: tuple[Interval, ...] = ()

    @property
    def counts(self) -> bool:
        return not self.reasons


def _exceeds(value: timedelta, limit: timedelta, inclusive: bool) -> bool:
    return value >= limit if inclusive else value > limit


def evaluate_session(
    scheduled_start: datetime,
    scheduled_end: datetime,
    presence: Iterable[IntervalLike],
    rules: ClassroomRules = DEFAULT_CLASSROOM_RULES,
    *,
    earlier_leaves_today: int = 0,
) -> SessionVerdict:
    """Apply the classroom rules to one learner's observed presence in one scheduled session.

    Presence outside the scheduled time is ignored (arriving early is fine, staying late earns
    nothing). A gap between two stretches of presence is a mid-class leave; the stretch from the
    final departure to the scheduled end is leaving early, not a leave, so one event is not punished
    twice. "More than twice a day" spans sessions, hence `earlier_leaves_today` from the same day.
    """
    if scheduled_end <= scheduled_start:
        raise ValueError("a session must end after it starts")
    if earlier_leaves_today < 0:
        raise ValueError("earlier_leaves_today must not be negative")

    clipped = (
        (max(start, scheduled_start), min(end, scheduled_end))
        for start, end in presence
        if end > scheduled_start and start < scheduled_end
    )
    stretches = merge_intervals(clipped, bridge=rules.dropout_tolerance)
    if not stretches:
        return SessionVerdict(reasons=(SessionCancelReason.ABSENT,), longest_presence=timedelta(0))

    late_by = stretches[0].start - scheduled_start
    early_by = scheduled_end - stretches[-1].end
    gaps = [after.start - before.end for before, after in pairwise(stretches)]
    longest_absence = max(gaps, default=timedelta(0))

    reasons: list[SessionCancelReason] = []
    if _exceeds(late_by, rules.max_late, rules.late_early_inclusive):
        reasons.append(SessionCancelReason.LATE_ARRIVAL)
    if _exceeds(early_by, rules.max_early_leave, rules.late_early_inclusive):
        reasons.append(SessionCancelReason.EARLY_LEAVE)
    if longest_absence > rules.max_absence:  # "超过15分钟": strictly more
        reasons.append(SessionCancelReason.LONG_ABSENCE)
    if earlier_leaves_today + len(gaps) > rules.max_leaves_per_day:
        reasons.append(SessionCancelReason.LEFT_TOO_OFTEN)

    return SessionVerdict(
        reasons=tuple(reasons),
        longest_presence=max(stretch.duration for stretch in stretches),
        late_by=late_by,
        early_by=early_by,
        leaves=len(gaps),
        longest_absence=longest_absence,
        presence=tuple(stretches),
    )
