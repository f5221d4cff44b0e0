"""满分教育 (163号令 Art. 18–19): required days, study-day counting and the completion check."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.domain.enums import HEAVY_CLASSES, LicenceClass, StudyMode
from app.domain.rules import ShortfallKind
from app.domain.rules_full_score import (
    DayCounts,
    RequiredDays,
    count_study_days,
    evaluate_full_score,
    required_days,
)

THREE_HOURS = timedelta(hours=3)
LIGHT_CLASSES = sorted(set(LicenceClass) - HEAVY_CLASSES)


def at(hour: int, minute: int = 0, day: int = 4, second: int = 0) -> datetime:
    return datetime(2024, 3, day, hour, minute, second)


# --- required days -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "total"),
    [(1, 7), (2, 14), (3, 21), (8, 56), (9, 60), (10, 60), (30, 60)],
)
def test_standard_class_days_grow_by_7_and_cap_at_60(count: int, total: int) -> None:
    assert required_days(LicenceClass.C1, count) == RequiredDays(total, 5, 2)


@pytest.mark.parametrize(("count", "total"), [(1, 30), (2, 60), (3, 90), (4, 120), (5, 120), (9, 120)])
@pytest.mark.parametrize("licence", sorted(HEAVY_CLASSES))
def test_heavy_class_days_grow_by_30_and_cap_at_120(licence: LicenceClass, count: int, total: int) -> None:
    assert required_days(licence, count) == RequiredDays(total, 10, 5)


@pytest.mark.parametrize("licence", LIGHT_CLASSES)
def test_every_other_class_is_standard(licence: LicenceClass) -> None:
    assert required_days(licence) == RequiredDays(7, 5, 2)


def test_minimums_do_not_scale_with_repeated_full_score() -> None:
    # Art. 19 fixes the on-site/online minimums; only the total grows (the rest is self-study).
    third = required_days(LicenceClass.C1, 3)
    assert (third.min_onsite_plus_online, third.min_onsite) == (5, 2)
    assert third.max_self_study == 16


@pytest.mark.parametrize(
    ("licence", "count", "points", "total"),
    [
        (LicenceClass.C1, 1, 12, 7),
        (LicenceClass.C1, 1, 23, 7),  # only a full further 12 points adds a step
        (LicenceClass.C1, 1, 24, 14),
        (LicenceClass.C1, 1, 36, 21),
        (LicenceClass.C1, 2, 24, 21),  # both triggers add up
        (LicenceClass.C1, 1, 12 * 12, 60),
        (LicenceClass.B2, 1, 24, 60),
        (LicenceClass.B2, 2, 48, 120),
    ],
)
def test_each_further_12_points_adds_a_step(
    licence: LicenceClass, count: int, points: int, total: int
) -> None:
    assert required_days(licence, count, points=points).total == total


@pytest.mark.parametrize(("count", "points"), [(0, 12), (-1, 12), (1, 11), (1, 0)])
def test_required_days_rejects_impossible_input(count: int, points: int) -> None:
    with pytest.raises(ValueError):
        required_days(LicenceClass.C1, count, points=points)


# --- counting study days -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "counts"),
    [
        (THREE_HOURS - timedelta(minutes=1), False),
        (THREE_HOURS, False),  # "超过三小时": exactly three hours is not a day
        (THREE_HOURS + timedelta(seconds=1), True),
        (THREE_HOURS + timedelta(minutes=1), True),
    ],
)
def test_onsite_day_needs_more_than_three_continuous_hours(length: timedelta, counts: bool) -> None:
    result = count_study_days([(at(9), at(9) + length)], [])
    assert result.onsite_days == (1 if counts else 0)
    assert result.online_days == 0
    assert result.days[0].longest_onsite == length


@pytest.mark.parametrize(
    ("second_part", "counts"),
    [(timedelta(hours=1), False), (timedelta(hours=1, minutes=1), True)],
)
def test_online_day_needs_more_than_three_hours_in_total(second_part: timedelta, counts: bool) -> None:
    online = [(at(8), at(10)), (at(20), at(20) + second_part)]
    result = count_study_days([], online)
    assert result.online_days == (1 if counts else 0)
    assert result.days[0].online_total == timedelta(hours=2) + second_part


def test_onsite_with_a_gap_is_not_continuous() -> None:
    result = count_study_days([(at(8), at(10)), (at(10, 10), at(12))], [])
    assert result.onsite_days == 0
    assert result.days[0].longest_onsite == timedelta(hours=2)


def test_touching_onsite_stretches_are_continuous() -> None:
    assert count_study_days([(at(8), at(10)), (at(10), at(11, 1))], []).onsite_days == 1


def test_overlapping_online_records_count_once() -> None:
    # Two devices logged the same hour: 2 h + 2 h overlapping by 1 h is 3 h, not 4 h.
    result = count_study_days([], [(at(8), at(10)), (at(9), at(11))])
    assert result.days[0].online_total == THREE_HOURS
    assert result.online_days == 0


def test_onsite_and_online_are_not_added_together() -> None:
    result = count_study_days([(at(8), at(10))], [(at(14), at(16))])
    assert result.total == 0
    assert result.days[0].counted_as is None


def test_day_with_both_modes_counts_once_as_onsite() -> None:
    result = count_study_days([(at(8), at(12))], [(at(14), at(18))])
    assert (result.onsite_days, result.online_days, result.total) == (1, 0, 1)
    assert result.days[0].counted_as is StudyMode.ON_SITE


def test_short_onsite_does_not_hide_a_qualifying_online_day() -> None:
    result = count_study_days([(at(8), at(9))], [(at(14), at(18))])
    assert (result.onsite_days, result.online_days) == (0, 1)


def test_onsite_across_midnight_is_two_short_pieces() -> None:
    result = count_study_days([(at(22, day=4), at(2, day=5))], [])
    assert result.onsite_days == 0
    assert [item.longest_onsite for item in result.days] == [timedelta(hours=2)] * 2


def test_onsite_across_midnight_counts_on_the_day_with_enough_time() -> None:
    result = count_study_days([(at(20, day=4), at(0, 30, day=5))], [])
    assert [(item.day, item.counted_as) for item in result.days] == [
        (date(2024, 3, 4), StudyMode.ON_SITE),
        (date(2024, 3, 5), None),
    ]


@pytest.mark.parametrize(("start", "counts"), [(at(21), False), (at(20, 59), True)])
def test_online_across_midnight_is_split_per_day(start: datetime, counts: bool) -> None:
    # 21:00 → 00:30 leaves exactly 3 h on the first day; 20:59 leaves 3 h 1 min.
    result = count_study_days([], [(start, at(0, 30, day=5))])
    assert result.days[0].counted_as is (StudyMode.ONLINE if counts else None)
    assert result.days[1].online_total == timedelta(minutes=30)
    assert result.online_days == (1 if counts else 0)


def test_several_days_are_counted_in_date_order() -> None:
    onsite = [(at(9, day=6), at(12, 30, day=6)), (at(9, day=4), at(12, 30, day=4))]
    online = [(at(19, day=5), at(22, 30, day=5))]
    result = count_study_days(onsite, online)
    assert [item.day.day for item in result.days] == [4, 5, 6]
    assert (result.onsite_days, result.online_days) == (2, 1)


def test_no_study_gives_no_days() -> None:
    assert count_study_days([], []) == DayCounts(0, 0, ())


# --- completion check --------------------------------------------------------------------------

STANDARD = RequiredDays(7, 5, 2)
HEAVY = RequiredDays(30, 10, 5)


@pytest.mark.parametrize(
    ("required", "onsite", "online", "self_study", "missing"),
    [
        (STANDARD, 2, 3, 2, set()),  # exactly the minimums
        (STANDARD, 7, 0, 0, set()),  # on-site may stand in for online and self-study
        (STANDARD, 1, 4, 2, {ShortfallKind.ONSITE_DAYS}),
        (STANDARD, 2, 2, 3, {ShortfallKind.STUDY_DAYS}),
        (STANDARD, 2, 3, 1, {ShortfallKind.TOTAL_DAYS}),
        (STANDARD, 0, 0, 7, {ShortfallKind.ONSITE_DAYS, ShortfallKind.STUDY_DAYS}),
        (STANDARD, 0, 0, 0, {ShortfallKind.ONSITE_DAYS, ShortfallKind.STUDY_DAYS, ShortfallKind.TOTAL_DAYS}),
        (HEAVY, 5, 5, 20, set()),
        (HEAVY, 4, 6, 20, {ShortfallKind.ONSITE_DAYS}),
        (HEAVY, 5, 4, 21, {ShortfallKind.STUDY_DAYS}),
        (HEAVY, 5, 5, 19, {ShortfallKind.TOTAL_DAYS}),
    ],
)
def test_evaluate_full_score(
    required: RequiredDays, onsite: int, online: int, self_study: int, missing: set[ShortfallKind]
) -> None:
    evaluation = evaluate_full_score(required, DayCounts(onsite, online), self_study)
    assert {item.kind for item in evaluation.shortfalls} == missing
    assert evaluation.met is (not missing)


def test_shortfall_carries_the_figures() -> None:
    evaluation = evaluate_full_score(STANDARD, DayCounts(1, 4), 2)
    (shortfall,) = evaluation.shortfalls
    assert (shortfall.required, shortfall.actual) == (2, 1)


def test_substitution_voids_an_otherwise_complete_record() -> None:
    evaluation = evaluate_full_score(STANDARD, DayCounts(7, 0), substitution_detected=True)
    assert not evaluation.met
    assert [item.kind for item in evaluation.shortfalls] == [ShortfallKind.SUBSTITUTION]


def test_negative_self_study_is_rejected() -> None:
    with pytest.raises(ValueError):
        evaluate_full_score(STANDARD, DayCounts(2, 3), -1)


@pytest.mark.parametrize(
    ("second_day_length", "met"), [(THREE_HOURS, False), (THREE_HOURS + timedelta(minutes=1), True)]
)
def test_two_onsite_days_exactly_from_observed_intervals(second_day_length: timedelta, met: bool) -> None:
    """End to end: the second on-site day hinges on the 3-hour boundary."""
    onsite = [(at(9, day=4), at(12, 1, day=4)), (at(9, day=5), at(9, day=5) + second_day_length)]
    online = [(at(19, day=d), at(22, 30, day=d)) for d in (6, 7, 8, 9)]
    counts = count_study_days(onsite, online)
    evaluation = evaluate_full_score(required_days(LicenceClass.C1), counts, self_study_days=2)
    assert evaluation.met is met
    if not met:
        assert [item.kind for item in evaluation.shortfalls] == [ShortfallKind.ONSITE_DAYS]
