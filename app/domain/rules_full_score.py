"""满分教育 rules: how many days a learner must study, and which days count.

Relied on 公安部令第163号 (in force 2022-04-01), Art. 18 and 19 as worded in the text: 7 days of
study (30 for A1, A2, A3, B1, B2), growing by 7 (30) with each further 满分, capped at 60 (120); of
them on-site plus online at least 5, on-site at least 2 (heavy: 10 and 5), the rest self-study. A day
counts when on-site study runs more than three hours continuously or online study totals more than
three hours; a day with both counts once. Where the text is silent (fixed minimums, "超过" strict,
on-site and online minutes never added, a day passing both tests counted as on-site):
docs/decisions/0005-reading-the-study-rules.md, with the articles' wording.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.domain.enums import LicenceClass, StudyMode
from app.domain.rules import (
    Evaluation,
    IntervalLike,
    Shortfall,
    ShortfallKind,
    merge_intervals,
    split_by_day,
)

POINTS_PER_FULL_SCORE = 12

# Art. 19 "超过三小时": the threshold itself does not qualify (see count_study_days).
STUDY_DAY_THRESHOLD = timedelta(hours=3)


@dataclass(frozen=True, slots=True)
class _Scale:
    base_days: int
    step_days: int
    cap_days: int
    min_onsite_plus_online: int
    min_onsite: int


_STANDARD = _Scale(base_days=7, step_days=7, cap_days=60, min_onsite_plus_online=5, min_onsite=2)
_HEAVY = _Scale(base_days=30, step_days=30, cap_days=120, min_onsite_plus_online=10, min_onsite=5)


@dataclass(frozen=True, slots=True)
class RequiredDays:
    """What one 满分 education requires, in days."""

    total: int
    min_onsite_plus_online: int
    min_onsite: int

    @property
    def max_self_study(self) -> int:
        """Days that may be done by self-study once the on-site/online minimum is met."""
        return self.total - self.min_onsite_plus_online


def required_days(
    licence_class: LicenceClass, full_score_count: int = 1, *, points: int = POINTS_PER_FULL_SCORE
) -> RequiredDays:
    """Days required for the `full_score_count`-th 满分 of a driver in the current scoring cycle.

    `points` is the accumulated score that triggered this 满分 (12 normally). Art. 18 grows the
    study by one step "每增加一次或者累积记分每增加12分": we read the two triggers as additive, i.e.
    one step per 满分 after the first plus one step per full 12 points beyond the first 12. Since
    the score is cleared after a passed exam, a second 满分 normally arrives with 12 points again,
    so the two triggers do not double-count the same points.
    """
    if full_score_count < 1:
        raise ValueError("full_score_count starts at 1 (the first 满分 in the cycle)")
    if points < POINTS_PER_FULL_SCORE:
        raise ValueError(f"a 满分 education needs at least {POINTS_PER_FULL_SCORE} points, got {points}")
    scale = _HEAVY if licence_class.is_heavy else _STANDARD
    steps = (full_score_count - 1) + (points // POINTS_PER_FULL_SCORE - 1)
    total = min(scale.base_days + steps * scale.step_days, scale.cap_days)
    return RequiredDays(
        total=total,
        min_onsite_plus_online=scale.min_onsite_plus_online,
        min_onsite=scale.min_onsite,
    )


@dataclass(frozen=True, slots=True)
class StudyDay:
    """One calendar day with any study, and how (whether) it counts."""

    day: date
    longest_onsite: timedelta  # longest continuous on-site stretch within this day
    online_total: timedelta  # union of online study within this day
    counted_as: StudyMode | None  # ON_SITE, ONLINE, or None when neither test passed


@dataclass(frozen=True, slots=True)
class DayCounts:
    onsite_days: int
    online_days: int
    days: tuple[StudyDay, ...] = ()  # every day with study, counted or not, in date order

    @property
    def total(self) -> int:
        """On-site plus online days (self-study is reported by the platform, not counted here)."""
        return self.onsite_days + self.online_days


def count_study_days(
    onsite_intervals: Iterable[IntervalLike], online_intervals: Iterable[IntervalLike]
) -> DayCounts:
    """Count study days under Art. 19 from observed on-site and online study.

    On-site intervals should be stretches of continuous presence in a class that counted under the
    classroom rules (see `app.domain.classroom_rules`). Overlapping or touching intervals are merged
    first: two camera sightings that hand over seamlessly are one continuous stretch, and two
    online records over the same minutes (two devices) are that time once. Intervals are then cut
    at midnight, so a stretch crossing midnight is judged as two shorter pieces.
    """
    longest: dict[date, timedelta] = {}
    for stretch in merge_intervals(onsite_intervals):
        for day, piece in split_by_day(stretch):
            longest[day] = max(longest.get(day, timedelta(0)), piece.duration)
    online: dict[date, timedelta] = {}
    for stretch in merge_intervals(online_intervals):
        for day, piece in split_by_day(stretch):
            online[day] = online.get(day, timedelta(0)) + piece.duration

    days: list[StudyDay] = []
    for day in sorted(longest.keys() | online.keys()):
        onsite_time = longest.get(day, timedelta(0))
        online_time = online.get(day, timedelta(0))
        mode: StudyMode | None = None
        # Strict ">" on purpose: "超过三小时" excludes exactly three hours.
        if onsite_time > STUDY_DAY_THRESHOLD:
            mode = StudyMode.ON_SITE
        elif online_time > STUDY_DAY_THRESHOLD:
            mode = StudyMode.ONLINE
        days.append(StudyDay(day, onsite_time, online_time, mode))
    return DayCounts(
        onsite_days=sum(1 for item in days if item.counted_as is StudyMode.ON_SITE),
        online_days=sum(1 for item in days if item.counted_as is StudyMode.ONLINE),
        days=tuple(days),
    )


def evaluate_full_score(
    required: RequiredDays,
    counts: DayCounts,
    self_study_days: int = 0,
    *,
    substitution_detected: bool = False,
) -> Evaluation:
    """Check a 满分 education record against its requirement.

    `self_study_days` comes from the platform (the console cannot observe self-study). Extra
    on-site days may stand in for online days and either may stand in for self-study, because the
    article sets minimums for the supervised modes, not maximums. A confirmed 替学 voids the record
    whatever the figures (docs/context.md), so it is reported as its own shortfall.
    """
    if self_study_days < 0:
        raise ValueError("self_study_days must not be negative")
    shortfalls: list[Shortfall] = []
    if substitution_detected:
        shortfalls.append(Shortfall(ShortfallKind.SUBSTITUTION, 0, 1))
    if counts.onsite_days < required.min_onsite:
        shortfalls.append(Shortfall(ShortfallKind.ONSITE_DAYS, required.min_onsite, counts.onsite_days))
    if counts.total < required.min_onsite_plus_online:
        shortfalls.append(Shortfall(ShortfallKind.STUDY_DAYS, required.min_onsite_plus_online, counts.total))
    all_days = counts.total + self_study_days
    if all_days < required.total:
        shortfalls.append(Shortfall(ShortfallKind.TOTAL_DAYS, required.total, all_days))
    return Evaluation(tuple(shortfalls))
