"""满分教育 rules: how many days a learner must study, and which days count.

Relied on 《道路交通安全违法行为记分管理办法》(公安部令第163号, in force 2022-04-01), as worded
in that text (not a local implementation guide):

Art. 18 — a driver who reaches 12 points in a scoring cycle studies for 7 days; drivers of 大型客车,
  重型牵引挂车, 城市公交车, 中型客车, 大型货车 (A1, A2, A3, B1, B2) for 30 days. "在一个记分周期内参加
  满分教育的次数每增加一次或者累积记分每增加12分" the study time grows by 7 days (heavy: 30), and one
  满分 education lasts at most 60 days (heavy: 120).
Art. 19 — study is 现场学习, 网络学习 and 自主学习. On-site plus online days together at least 5, of
  them on-site at least 2 (heavy: 10 and 5); "满分学习的剩余天数通过自主学习完成". A day counts when
  "单日连续参加现场学习超过三小时或者参加网络学习时间累计超过三小时"; when on-site and online study
  fall on the same day, "学习天数不累积计算" (the day counts once).

Decisions made where the text is silent, each documented where it is encoded:
- The on-site/online minimums are fixed: Art. 19 does not scale them with repeated 满分 (only the
  total grows, and the extra days may be self-study). Some provinces' older guides required all-on-site
  education after a second 满分 or at 24+ points; that is local practice, not encoded here.
- "超过三小时" is strict: exactly 3:00 does not make a day; 3:00 plus any time does.
- On-site minutes and online minutes of one day are never added up: the article gives two
  alternative tests, not one combined total.
- A day that passes both tests counts as on-site, since on-site days are the scarcer requirement.
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
