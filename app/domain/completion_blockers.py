"""What stands between a learner and an approved completion: the blockers, from the learner's facts.

Pure (no database, no Qt): the completion service calls `completion_blockers` with facts re-read in
the deciding transaction, and the Completions pane shows the same list. A blocker is VOID (替学: the
record is void whatever the figures, only a rejection fits), HOLD (no approval until an officer has
resolved it: an untriaged 替学 alert, a flagged photo without a verdict) or REVIEW (an officer's own
look: another open event, a failed or pending spot-check; approved one at a time). A FACE_MISMATCH
holds in every state but DISMISSED and voids when CONFIRMED; a spot-check failed as "not the learner"
(IMPERSONATION_FAIL_REASONS) voids, other failures ask for REVIEW; a flagged photo holds until a PASS
or FAIL verdict; a study shortfall holds. Why: docs/decisions/0005-reading-the-study-rules.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.enums import EventKind, EventState, SpotCheckVerdict
from app.domain.rules import Shortfall, ShortfallKind

IMPERSONATION_FAIL_REASONS = frozenset({"not_the_learner"})

# What every decision checks, recorded with it in the audit log ("which rules were asked").
CHECKS = ("face_mismatch_events", "other_open_events", "spot_checks", "flagged_photos", "study_rules")


class BlockerEffect(StrEnum):
    VOID = "void"
    HOLD = "hold"
    REVIEW = "review"


class BlockerKind(StrEnum):
    """Stable codes: stored in the audit log; the panes word them."""

    SUBSTITUTION_CONFIRMED = "substitution_confirmed"  # a confirmed FACE_MISMATCH event
    FACE_MISMATCH_OPEN = "face_mismatch_open"  # a FACE_MISMATCH event not yet confirmed or dismissed
    SPOT_CHECK_NOT_THE_LEARNER = "spot_check_not_the_learner"  # spot-check verdict: someone else
    FLAGGED_PHOTO_UNRESOLVED = "flagged_photo_unresolved"  # flagged photo without a pass/fail verdict
    REQUIREMENT_NOT_MET = "requirement_not_met"  # the study rules' figures fall short
    OPEN_EVENT = "open_event"  # another event of the learner still open
    SPOT_CHECK_FAILED = "spot_check_failed"  # failed for another reason
    SPOT_CHECK_PENDING = "spot_check_pending"  # a randomly sampled photo still waiting for its verdict


EFFECTS: dict[BlockerKind, BlockerEffect] = {
    BlockerKind.SUBSTITUTION_CONFIRMED: BlockerEffect.VOID,
    BlockerKind.SPOT_CHECK_NOT_THE_LEARNER: BlockerEffect.VOID,
    BlockerKind.FACE_MISMATCH_OPEN: BlockerEffect.HOLD,
    BlockerKind.FLAGGED_PHOTO_UNRESOLVED: BlockerEffect.HOLD,
    BlockerKind.REQUIREMENT_NOT_MET: BlockerEffect.HOLD,
    BlockerKind.OPEN_EVENT: BlockerEffect.REVIEW,
    BlockerKind.SPOT_CHECK_FAILED: BlockerEffect.REVIEW,
    BlockerKind.SPOT_CHECK_PENDING: BlockerEffect.REVIEW,
}


@dataclass(frozen=True, slots=True)
class LearnerEvent:
    event_id: int
    kind: EventKind
    state: EventState


@dataclass(frozen=True, slots=True)
class LearnerSpotCheck:
    check_id: int
    photo_id: int
    verdict: SpotCheckVerdict
    fail_reason: str = ""


@dataclass(frozen=True, slots=True)
class Blocker:
    """One reason against approval. `subjects` are the event, spot-check or photo ids behind it."""

    kind: BlockerKind
    subjects: tuple[int, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()

    @property
    def effect(self) -> BlockerEffect:
        return EFFECTS[self.kind]

    @property
    def blocks_approval(self) -> bool:
        """VOID and HOLD refuse any approval; REVIEW only a batch approval."""
        return self.effect is not BlockerEffect.REVIEW

    def code(self) -> str:
        """Language-neutral, for the audit log and error messages: kind[:ids] or kind[:shortfalls]."""
        if self.subjects:
            return f"{self.kind.value}:{','.join(str(n) for n in self.subjects)}"
        if self.shortfalls:
            return f"{self.kind.value}:{','.join(s.kind.value for s in self.shortfalls)}"
        return self.kind.value


def completion_blockers(
    events: Iterable[LearnerEvent],
    spot_checks: Iterable[LearnerSpotCheck],
    flagged_photo_ids: Iterable[int],
    shortfalls: Iterable[Shortfall],
) -> tuple[Blocker, ...]:
    """Every blocker in the learner's facts, the ones that weigh most first (VOID, HOLD, REVIEW).

    `events`: the events naming the learner; `spot_checks`: every spot-check of the learner's photos;
    `flagged_photo_ids`: the learner's photos the scorer flagged; `shortfalls`: the study rules'
    evaluation of the counted figures.
    """
    found: dict[BlockerKind, list[int]] = {}

    def add(kind: BlockerKind, subject: int) -> None:
        found.setdefault(kind, []).append(subject)

    for event in events:
        if event.kind is EventKind.FACE_MISMATCH:
            if event.state is EventState.CONFIRMED:
                add(BlockerKind.SUBSTITUTION_CONFIRMED, event.event_id)
            elif event.state is not EventState.DISMISSED:
                add(BlockerKind.FACE_MISMATCH_OPEN, event.event_id)
        elif not event.state.is_closed:
            add(BlockerKind.OPEN_EVENT, event.event_id)

    checks = list(spot_checks)
    resolved_photos = {
        c.photo_id for c in checks if c.verdict in (SpotCheckVerdict.PASS, SpotCheckVerdict.FAIL)
    }
    flagged = set(flagged_photo_ids)
    for check in checks:
        if check.verdict is SpotCheckVerdict.FAIL:
            impersonation = check.fail_reason in IMPERSONATION_FAIL_REASONS
            add(
                BlockerKind.SPOT_CHECK_NOT_THE_LEARNER if impersonation else BlockerKind.SPOT_CHECK_FAILED,
                check.check_id,
            )
        elif check.verdict is SpotCheckVerdict.PENDING and check.photo_id not in flagged:
            add(BlockerKind.SPOT_CHECK_PENDING, check.check_id)
    for photo_id in sorted(flagged - resolved_photos):
        add(BlockerKind.FLAGGED_PHOTO_UNRESOLVED, photo_id)

    result = [Blocker(kind, tuple(sorted(subjects))) for kind, subjects in found.items()]
    unmet = tuple(s for s in shortfalls if s.kind is not ShortfallKind.SUBSTITUTION)
    if unmet:
        result.append(Blocker(BlockerKind.REQUIREMENT_NOT_MET, shortfalls=unmet))
    order = list(BlockerKind)
    effects = list(BlockerEffect)
    return tuple(sorted(result, key=lambda b: (effects.index(b.effect), order.index(b.kind))))


def approval_blockers(blockers: Iterable[Blocker], *, batch: bool = False) -> tuple[Blocker, ...]:
    """The blockers that refuse an approval: VOID and HOLD always, REVIEW too in a batch."""
    return tuple(b for b in blockers if batch or b.blocks_approval)
