"""Classroom discipline for one session: late / early by 30 min, absence of 15 min, leaving twice a day."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.classroom_rules import ClassroomRules, SessionCancelReason, evaluate_session
from app.domain.rules import Interval
from app.domain.rules_full_score import count_study_days

START = datetime(2024, 3, 4, 9, 0)
END = datetime(2024, 3, 4, 12, 0)
R = SessionCancelReason


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2024, 3, 4, hour, minute, second)


def minutes(value: float) -> timedelta:
    return timedelta(minutes=value)


def with_gaps(*gaps: tuple[datetime, timedelta]) -> list[tuple[datetime, datetime]]:
    """Full presence 09:00–12:00 with the learner away for each (left at, how long)."""
    presence: list[tuple[datetime, datetime]] = []
    cursor = START
    for left_at, away in gaps:
        presence.append((cursor, left_at))
        cursor = left_at + away
    presence.append((cursor, END))
    return presence


def test_full_presence_counts() -> None:
    verdict = evaluate_session(START, END, [(START, END)])
    assert verdict.counts
    assert verdict.reasons == ()
    assert verdict.longest_presence == timedelta(hours=3)
    assert (verdict.late_by, verdict.early_by, verdict.leaves) == (timedelta(0), timedelta(0), 0)


@pytest.mark.parametrize(
    ("late", "cancelled"),
    [
        (minutes(29), False),
        (minutes(30), False),
        (minutes(30) + timedelta(seconds=1), True),
        (minutes(31), True),
    ],
)
def test_late_arrival_by_more_than_30_minutes_cancels(late: timedelta, cancelled: bool) -> None:
    verdict = evaluate_session(START, END, [(START + late, END)])
    assert verdict.late_by == late
    assert verdict.reasons == ((R.LATE_ARRIVAL,) if cancelled else ())


@pytest.mark.parametrize(("early", "cancelled"), [(minutes(30), False), (minutes(31), True)])
def test_leaving_early_by_more_than_30_minutes_cancels(early: timedelta, cancelled: bool) -> None:
    verdict = evaluate_session(START, END, [(START, END - early)])
    assert verdict.early_by == early
    assert verdict.reasons == ((R.EARLY_LEAVE,) if cancelled else ())
    assert verdict.leaves == 0  # the final departure is leaving early, not a mid-class leave


@pytest.mark.parametrize(
    ("late", "cancelled"), [(minutes(29), False), (minutes(30), True), (minutes(31), True)]
)
def test_inclusive_reading_cancels_at_exactly_30_minutes(late: timedelta, cancelled: bool) -> None:
    rules = ClassroomRules(late_early_inclusive=True)
    assert evaluate_session(START, END, [(START + late, END)], rules).counts is not cancelled
    assert evaluate_session(START, END, [(START, END - late)], rules).counts is not cancelled


@pytest.mark.parametrize(
    ("away", "cancelled"),
    [(minutes(15), False), (minutes(15) + timedelta(seconds=1), True), (minutes(16), True)],
)
def test_leaving_mid_class_for_more_than_15_minutes_cancels(away: timedelta, cancelled: bool) -> None:
    verdict = evaluate_session(START, END, with_gaps((at(10), away)))
    assert verdict.longest_absence == away
    assert verdict.leaves == 1
    assert verdict.reasons == ((R.LONG_ABSENCE,) if cancelled else ())


@pytest.mark.parametrize(("times", "cancelled"), [(1, False), (2, False), (3, True)])
def test_leaving_more_than_twice_cancels(times: int, cancelled: bool) -> None:
    presence = with_gaps(*[(at(9 + i, 30), minutes(5)) for i in range(times)])
    verdict = evaluate_session(START, END, presence)
    assert verdict.leaves == times
    assert verdict.reasons == ((R.LEFT_TOO_OFTEN,) if cancelled else ())


@pytest.mark.parametrize(("earlier", "cancelled"), [(0, False), (1, True)])
def test_leaves_count_across_the_day(earlier: int, cancelled: bool) -> None:
    presence = with_gaps((at(9, 30), minutes(5)), (at(10, 30), minutes(5)))
    verdict = evaluate_session(START, END, presence, earlier_leaves_today=earlier)
    assert verdict.counts is not cancelled


def test_inclusive_leave_count_is_a_setting() -> None:
    # "离开课堂两次以上" read inclusively: two leaves already cancel.
    rules = ClassroomRules(max_leaves_per_day=1)
    presence = with_gaps((at(9, 30), minutes(5)), (at(10, 30), minutes(5)))
    assert evaluate_session(START, END, presence, rules).reasons == (R.LEFT_TOO_OFTEN,)


@pytest.mark.parametrize(
    ("away", "leaves"), [(timedelta(seconds=30), 0), (minutes(1), 0), (minutes(1) + timedelta(seconds=1), 1)]
)
def test_short_tracking_dropouts_are_not_leaves(away: timedelta, leaves: int) -> None:
    presence = with_gaps(*[(at(9 + i, 30), away) for i in range(3)])
    verdict = evaluate_session(START, END, presence)
    assert verdict.leaves == 3 * leaves
    assert verdict.counts is (leaves == 0)
    if not leaves:
        assert verdict.longest_presence == timedelta(hours=3)


def test_longest_continuous_presence() -> None:
    verdict = evaluate_session(START, END, with_gaps((at(10), minutes(10))))
    assert verdict.longest_presence == timedelta(hours=1, minutes=50)
    assert verdict.presence == (Interval(START, at(10)), Interval(at(10, 10), END))


def test_presence_outside_the_session_is_clipped() -> None:
    verdict = evaluate_session(START, END, [(at(8, 30), at(12, 40))])
    assert verdict.counts
    assert verdict.presence == (Interval(START, END),)
    assert verdict.longest_presence == timedelta(hours=3)


@pytest.mark.parametrize(
    "presence", [[], [(at(8), at(8, 59))], [(at(12), at(13))]], ids=["never", "before", "after"]
)
def test_never_present_in_the_session_is_absent(presence: list[tuple[datetime, datetime]]) -> None:
    verdict = evaluate_session(START, END, presence)
    assert verdict.reasons == (R.ABSENT,)
    assert verdict.longest_presence == timedelta(0)


def test_all_reasons_are_reported_together() -> None:
    presence = [(at(9, 40), at(10)), (at(10, 20), at(10, 30)), (at(10, 35), at(10, 40)), (at(10, 45), at(11))]
    verdict = evaluate_session(START, END, presence)
    assert verdict.reasons == (R.LATE_ARRIVAL, R.EARLY_LEAVE, R.LONG_ABSENCE, R.LEFT_TOO_OFTEN)


def test_counted_session_feeds_the_study_day_rule() -> None:
    # A counted session of 3 h sharp is still not a 满分 study day ("超过三小时").
    verdict = evaluate_session(START, END, [(START, END)])
    assert verdict.counts
    assert count_study_days(verdict.presence, []).onsite_days == 0
    longer = evaluate_session(START, END + minutes(1), [(START, END + minutes(1))])
    assert count_study_days(longer.presence, []).onsite_days == 1


@pytest.mark.parametrize(
    "kwargs",
    [
        {"max_late": minutes(-1)},
        {"max_absence": minutes(-1)},
        {"max_leaves_per_day": -1},
        {"dropout_tolerance": minutes(15)},
    ],
)
def test_rules_reject_nonsense_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        ClassroomRules(**kwargs)  # type: ignore[arg-type]


def test_session_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError):
        evaluate_session(END, START, [])
    with pytest.raises(ValueError):
        evaluate_session(START, END, [], earlier_leaves_today=-1)
