"""Words for what the completion service says in codes: blockers, licence classes' requirements, refusals.

GUI thread (QCoreApplication.translate). Each text names the event, spot-check or photo numbers
behind a blocker, so an officer can find them in the Events and Spot-check panes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.completion_blockers import Blocker, BlockerEffect, BlockerKind
from app.domain.enums import CompletionState, Programme
from app.domain.permissions import Denial, PermissionDenied
from app.domain.rules import ShortfallKind
from app.domain.storage_errors import CompletionAlreadyDecidedError, CompletionNotDecidedError
from app.review.completion_service import BatchOutcome, CompletionBlockedError, CompletionCandidate


def _numbers(subjects: tuple[int, ...]) -> str:
    return "、".join(f"#{n}" for n in subjects)


def blocker_title(blocker: Blocker) -> str:
    """A few words, for the status column."""
    titles = {
        BlockerKind.SUBSTITUTION_CONFIRMED: QCoreApplication.translate(
            "CompletionWords", "Substitution confirmed (替学)"
        ),
        BlockerKind.SPOT_CHECK_NOT_THE_LEARNER: QCoreApplication.translate(
            "CompletionWords", "Spot-check: not the learner (替学)"
        ),
        BlockerKind.FACE_MISMATCH_OPEN: QCoreApplication.translate(
            "CompletionWords", "Face mismatch not yet triaged"
        ),
        BlockerKind.FLAGGED_PHOTO_UNRESOLVED: QCoreApplication.translate(
            "CompletionWords", "Flagged photo awaiting a verdict"
        ),
        BlockerKind.REQUIREMENT_NOT_MET: QCoreApplication.translate("CompletionWords", "Requirement not met"),
        BlockerKind.OPEN_EVENT: QCoreApplication.translate("CompletionWords", "Open event"),
        BlockerKind.SPOT_CHECK_FAILED: QCoreApplication.translate("CompletionWords", "Spot-check failed"),
        BlockerKind.SPOT_CHECK_PENDING: QCoreApplication.translate("CompletionWords", "Spot-check pending"),
    }
    return titles[blocker.kind]


def _shortfall_text(kind: ShortfallKind) -> str:
    texts = {
        ShortfallKind.TOTAL_DAYS: QCoreApplication.translate("CompletionWords", "total study days short"),
        ShortfallKind.STUDY_DAYS: QCoreApplication.translate(
            "CompletionWords", "on-site and online days short"
        ),
        ShortfallKind.ONSITE_DAYS: QCoreApplication.translate("CompletionWords", "on-site days short"),
        ShortfallKind.STUDY_TIME: QCoreApplication.translate("CompletionWords", "less than 3 hours of study"),
        ShortfallKind.ACCIDENT_WARNING: QCoreApplication.translate(
            "CompletionWords", "accident-case warning not attended"
        ),
        ShortfallKind.SUBSTITUTION: QCoreApplication.translate("CompletionWords", "substitution (替学)"),
    }
    return texts[kind]


def blocker_text(blocker: Blocker) -> str:
    """One sentence with the numbers behind it, for tooltips and refusal messages."""
    numbers = _numbers(blocker.subjects)
    if blocker.kind is BlockerKind.SUBSTITUTION_CONFIRMED:
        return QCoreApplication.translate(
            "CompletionWords", "Face mismatch confirmed as substitution (替学): event %1"
        ).replace("%1", numbers)
    if blocker.kind is BlockerKind.SPOT_CHECK_NOT_THE_LEARNER:
        return QCoreApplication.translate(
            "CompletionWords", "Spot-check judged the photo not the learner (替学): spot-check %1"
        ).replace("%1", numbers)
    if blocker.kind is BlockerKind.FACE_MISMATCH_OPEN:
        return QCoreApplication.translate(
            "CompletionWords", "Face mismatch (替学 alert) not yet confirmed or dismissed: event %1"
        ).replace("%1", numbers)
    if blocker.kind is BlockerKind.FLAGGED_PHOTO_UNRESOLVED:
        return QCoreApplication.translate(
            "CompletionWords", "Flagged online-study photo without a spot-check verdict: photo %1"
        ).replace("%1", numbers)
    if blocker.kind is BlockerKind.REQUIREMENT_NOT_MET:
        return QCoreApplication.translate("CompletionWords", "Requirement not met: %1").replace(
            "%1",
            QCoreApplication.translate("CompletionWords", ", ").join(
                _shortfall_text(s.kind) for s in blocker.shortfalls
            ),
        )
    if blocker.kind is BlockerKind.OPEN_EVENT:
        return QCoreApplication.translate("CompletionWords", "Open event, not yet triaged: event %1").replace(
            "%1", numbers
        )
    if blocker.kind is BlockerKind.SPOT_CHECK_FAILED:
        return QCoreApplication.translate("CompletionWords", "Spot-check failed: spot-check %1").replace(
            "%1", numbers
        )
    return QCoreApplication.translate(
        "CompletionWords", "Spot-check waiting for its verdict: spot-check %1"
    ).replace("%1", numbers)


def status_text(candidate: CompletionCandidate) -> str:
    """The status column: the decision (decided rows), then the heaviest blocker, or "Clean"."""
    evidence = candidate.evidence
    prefix = ""
    state = candidate.completion.state
    if state is CompletionState.APPROVED:
        prefix = QCoreApplication.translate("CompletionWords", "Approved")
    elif state is CompletionState.REJECTED:
        prefix = QCoreApplication.translate("CompletionWords", "Rejected")
    if evidence.blockers:
        first = evidence.blockers[0]
        more = len(evidence.blockers) - 1
        if first.effect is BlockerEffect.VOID:
            text = QCoreApplication.translate("CompletionWords", "Void: %1").replace(
                "%1", blocker_title(first)
            )
        elif first.effect is BlockerEffect.HOLD:
            text = QCoreApplication.translate("CompletionWords", "On hold: %1").replace(
                "%1", blocker_title(first)
            )
        else:
            text = QCoreApplication.translate("CompletionWords", "Check: %1").replace(
                "%1", blocker_title(first)
            )
        if more:
            text += QCoreApplication.translate("CompletionWords", " (+%1)").replace("%1", str(more))
    else:
        text = QCoreApplication.translate("CompletionWords", "Clean")
    return (
        text
        if not prefix
        else QCoreApplication.translate("CompletionWords", "%1 · now: %2")
        .replace("%1", prefix)
        .replace("%2", text)
    )


def licence_text(candidate: CompletionCandidate) -> str:
    """The class and what 163号令 (满分: 7 or 30 days, more after repeats) or 162号令 (审验: 3 h) asks."""
    licence = candidate.licence_class.value
    if candidate.completion.programme is Programme.REVIEW:
        return QCoreApplication.translate("CompletionWords", "%1 · 3 h").replace("%1", licence)
    return (
        QCoreApplication.translate("CompletionWords", "%1 · %2 d")
        .replace("%1", licence)
        .replace("%2", str(candidate.evidence.required_days))
    )


def who_text(candidate: CompletionCandidate) -> str:
    """Name and masked ID number: namesakes are told apart by the number."""
    return (
        QCoreApplication.translate("CompletionWords", "%1 (%2)")
        .replace("%1", candidate.learner_name)
        .replace("%2", candidate.id_number_masked)
    )


def refusal_text(error: BaseException) -> str:
    """Why the service did not do it, in words (the blockers named one per line)."""
    if isinstance(error, CompletionBlockedError):
        lines = [blocker_text(b) for b in error.blockers]
        return QCoreApplication.translate("CompletionWords", "Not approved: %1").replace(
            "%1", "\n".join(lines)
        )
    if isinstance(error, PermissionDenied):
        if error.denial is Denial.INACTIVE:
            return QCoreApplication.translate(
                "CompletionWords", "Your account has been deactivated: nothing was approved or changed."
            )
        if error.denial is Denial.OUTSIDE_SCOPE:
            return QCoreApplication.translate(
                "CompletionWords", "This learner is outside your county: nothing was changed."
            )
        return QCoreApplication.translate(
            "CompletionWords", "Your post may not do this: nothing was changed."
        )
    if isinstance(error, CompletionAlreadyDecidedError):
        return QCoreApplication.translate("CompletionWords", "Someone else decided this completion first.")
    if isinstance(error, CompletionNotDecidedError):
        return QCoreApplication.translate(
            "CompletionWords", "This completion is pending: there is no decision to reverse."
        )
    return QCoreApplication.translate("CompletionWords", "The decision was NOT saved: %1").replace(
        "%1", str(error)
    )


def batch_outcome_text(outcome: BatchOutcome, names: dict[int, str]) -> str:
    """What a batch approval did: how many were saved, and each one refused with why."""
    text = QCoreApplication.translate("CompletionWords", "%1 approved and saved.").replace(
        "%1", str(len(outcome.approved))
    )
    if not outcome.not_approved:
        return text
    lines = [
        QCoreApplication.translate("CompletionWords", "%1: %2")
        .replace("%1", names.get(cid, f"#{cid}"))
        .replace("%2", "; ".join(blocker_text(b) for b in blockers))
        for cid, blockers in outcome.refused.items()
    ]
    lines += [
        QCoreApplication.translate("CompletionWords", "%1: %2")
        .replace("%1", names.get(cid, f"#{cid}"))
        .replace("%2", refusal_text(error))
        for cid, error in outcome.failed.items()
    ]
    refused = QCoreApplication.translate(
        "CompletionWords", "%1 NOT approved (judged again when saving):"
    ).replace("%1", str(len(lines)))
    return "\n".join([text, refused, *lines])
