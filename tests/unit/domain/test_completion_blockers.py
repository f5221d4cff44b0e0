"""What voids, holds or asks for a look at a completion: app.domain.completion_blockers, case by case."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.completion_blockers import (
    Blocker,
    BlockerEffect,
    BlockerKind,
    LearnerEvent,
    LearnerSpotCheck,
    approval_blockers,
    completion_blockers,
)
from app.domain.enums import EventKind, EventState, SpotCheckVerdict
from app.domain.rules import Shortfall, ShortfallKind

FM = EventKind.FACE_MISMATCH


def kinds(blockers: tuple[Blocker, ...]) -> list[BlockerKind]:
    return [b.kind for b in blockers]


def test_nothing_against_a_clean_record() -> None:
    events = [
        LearnerEvent(1, FM, EventState.DISMISSED),
        LearnerEvent(2, EventKind.ABSENCE, EventState.CONFIRMED),
    ]
    checks = [LearnerSpotCheck(5, 50, SpotCheckVerdict.PASS)]
    assert completion_blockers(events, checks, [50], []) == ()


@pytest.mark.parametrize(
    ("state", "kind", "effect"),
    [
        (EventState.NEW, BlockerKind.FACE_MISMATCH_OPEN, BlockerEffect.HOLD),
        (EventState.IN_PROGRESS, BlockerKind.FACE_MISMATCH_OPEN, BlockerEffect.HOLD),
        (EventState.ESCALATED, BlockerKind.FACE_MISMATCH_OPEN, BlockerEffect.HOLD),
        (EventState.CONFIRMED, BlockerKind.SUBSTITUTION_CONFIRMED, BlockerEffect.VOID),
    ],
)
def test_a_face_mismatch_in_any_state_but_dismissed_blocks(
    state: EventState, kind: BlockerKind, effect: BlockerEffect
) -> None:
    (blocker,) = completion_blockers([LearnerEvent(7, FM, state)], [], [], [])
    assert (blocker.kind, blocker.effect, blocker.subjects) == (kind, effect, (7,))
    assert blocker.blocks_approval
    assert approval_blockers((blocker,)) == (blocker,)
    assert blocker.code() == f"{kind.value}:7"


def test_other_open_events_ask_for_a_look_but_do_not_refuse_a_single_approval() -> None:
    blockers = completion_blockers(
        [
            LearnerEvent(3, EventKind.LEFT_TOO_OFTEN, EventState.NEW),
            LearnerEvent(4, EventKind.ABSENCE, EventState.ESCALATED),
        ],
        [],
        [],
        [],
    )
    assert [(b.kind, b.subjects) for b in blockers] == [(BlockerKind.OPEN_EVENT, (3, 4))]
    assert blockers[0].effect is BlockerEffect.REVIEW
    assert approval_blockers(blockers) == ()
    assert approval_blockers(blockers, batch=True) == blockers


@pytest.mark.parametrize(
    ("verdict", "fail_reason", "expected"),
    [
        (SpotCheckVerdict.PENDING, "", [BlockerKind.FLAGGED_PHOTO_UNRESOLVED]),
        (SpotCheckVerdict.SKIPPED, "", [BlockerKind.FLAGGED_PHOTO_UNRESOLVED]),
        (SpotCheckVerdict.FAIL, "not_the_learner", [BlockerKind.SPOT_CHECK_NOT_THE_LEARNER]),
        (SpotCheckVerdict.FAIL, "not_studying", [BlockerKind.SPOT_CHECK_FAILED]),
        (SpotCheckVerdict.PASS, "", []),
    ],
)
def test_a_flagged_photo_holds_until_a_verdict_and_an_impersonation_verdict_voids(
    verdict: SpotCheckVerdict, fail_reason: str, expected: list[BlockerKind]
) -> None:
    checks = [LearnerSpotCheck(9, 90, verdict, fail_reason)]
    assert kinds(completion_blockers([], checks, [90], [])) == expected


def test_a_flagged_photo_never_sampled_holds() -> None:
    (blocker,) = completion_blockers([], [], [91, 90], [])
    assert (blocker.kind, blocker.subjects, blocker.effect) == (
        BlockerKind.FLAGGED_PHOTO_UNRESOLVED,
        (90, 91),
        BlockerEffect.HOLD,
    )


def test_a_random_sample_waiting_for_its_verdict_only_asks_for_a_look() -> None:
    (blocker,) = completion_blockers([], [LearnerSpotCheck(1, 10, SpotCheckVerdict.PENDING)], [], [])
    assert (blocker.kind, blocker.effect) == (BlockerKind.SPOT_CHECK_PENDING, BlockerEffect.REVIEW)


def test_a_second_verdict_resolves_a_photo_skipped_once() -> None:
    checks = [
        LearnerSpotCheck(1, 10, SpotCheckVerdict.SKIPPED),
        LearnerSpotCheck(2, 10, SpotCheckVerdict.PASS),
    ]
    assert completion_blockers([], checks, [10], []) == ()


def test_shortfalls_hold_and_substitution_is_not_counted_twice() -> None:
    short = Shortfall(ShortfallKind.ONSITE_DAYS, 2, 1)
    substitution = Shortfall(ShortfallKind.SUBSTITUTION, 0, 1)
    blockers = completion_blockers([LearnerEvent(1, FM, EventState.CONFIRMED)], [], [], [substitution, short])
    assert kinds(blockers) == [BlockerKind.SUBSTITUTION_CONFIRMED, BlockerKind.REQUIREMENT_NOT_MET]
    assert blockers[1].shortfalls == (short,) and blockers[1].effect is BlockerEffect.HOLD
    assert blockers[1].code() == "requirement_not_met:onsite_days"
    time_short = Shortfall(ShortfallKind.STUDY_TIME, timedelta(hours=3), timedelta(hours=2))
    assert kinds(completion_blockers([], [], [], [time_short])) == [BlockerKind.REQUIREMENT_NOT_MET]


def test_heaviest_first() -> None:
    blockers = completion_blockers(
        [LearnerEvent(1, EventKind.ABSENCE, EventState.NEW), LearnerEvent(2, FM, EventState.NEW)],
        [LearnerSpotCheck(3, 30, SpotCheckVerdict.FAIL, "not_the_learner")],
        [40],
        [],
    )
    assert [b.effect for b in blockers] == [
        BlockerEffect.VOID,
        BlockerEffect.HOLD,
        BlockerEffect.HOLD,
        BlockerEffect.REVIEW,
    ]
    assert kinds(blockers) == [
        BlockerKind.SPOT_CHECK_NOT_THE_LEARNER,
        BlockerKind.FACE_MISMATCH_OPEN,
        BlockerKind.FLAGGED_PHOTO_UNRESOLVED,
        BlockerKind.OPEN_EVENT,
    ]
