"""审验教育 (162号令): at least three hours of study ("不少于", inclusive) plus accident-case warning."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.domain.rules import ShortfallKind
from app.domain.rules_review import REVIEW_MIN_STUDY, evaluate_review


def at(hour: int, minute: int = 0, day: int = 4) -> datetime:
    return datetime(2024, 3, day, hour, minute)


@pytest.mark.parametrize(
    ("length", "met"),
    [
        (timedelta(hours=2, minutes=59), False),
        (timedelta(hours=3), True),  # exactly three hours suffices, unlike a 满分 study day
        (timedelta(hours=3, minutes=1), True),
    ],
)
def test_review_needs_at_least_three_hours(length: timedelta, met: bool) -> None:
    evaluation = evaluate_review([(at(9), at(9) + length)], accident_warning_done=True)
    assert evaluation.met is met
    if not met:
        (shortfall,) = evaluation.shortfalls
        assert shortfall.kind is ShortfallKind.STUDY_TIME
        assert (shortfall.required, shortfall.actual) == (REVIEW_MIN_STUDY, length)


def test_time_is_pooled_across_days_and_modes() -> None:
    onsite = [(at(9), at(10, 30))]
    online = [(at(20, day=6), at(21, 30, day=6))]
    assert evaluate_review([*onsite, *online], accident_warning_done=True).met


def test_overlapping_time_counts_once() -> None:
    evaluation = evaluate_review([(at(9), at(11)), (at(10), at(11, 59))], accident_warning_done=True)
    assert evaluation.has(ShortfallKind.STUDY_TIME)


def test_accident_warning_is_required() -> None:
    evaluation = evaluate_review([(at(9), at(13))], accident_warning_done=False)
    assert [item.kind for item in evaluation.shortfalls] == [ShortfallKind.ACCIDENT_WARNING]


def test_substitution_voids_the_record() -> None:
    evaluation = evaluate_review([(at(9), at(13))], accident_warning_done=True, substitution_detected=True)
    assert [item.kind for item in evaluation.shortfalls] == [ShortfallKind.SUBSTITUTION]


def test_nothing_done_lists_both_shortfalls() -> None:
    kinds = {item.kind for item in evaluate_review([], accident_warning_done=False).shortfalls}
    assert kinds == {ShortfallKind.STUDY_TIME, ShortfallKind.ACCIDENT_WARNING}
