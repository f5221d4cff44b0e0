"""The completions pane's questions: approve this learner?, approve these?, why reject?, why reverse?

Modal, GUI thread. Each names the learner with the masked ID number and the licence class (the
demo, like any city, has namesakes), so an officer confirms the person, not just a name.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from app.domain.enums import CompletionState
from app.review.completion_values import CompletionCandidate
from widgets.labels import programme_label
from widgets.review.completion_words import blocker_text, licence_text, who_text

BATCH_NAMES_SHOWN = 15


def approval_question(candidate: CompletionCandidate) -> str:
    text = (
        QCoreApplication.translate("CompletionDialogs", "Approve the completion of %1?\n\n%2, class %3.")
        .replace("%1", who_text(candidate))
        .replace("%2", programme_label(candidate.completion.programme))
        .replace("%3", licence_text(candidate))
    )
    notes = [blocker_text(b) for b in candidate.evidence.blockers]
    if notes:
        text += (
            "\n\n" + QCoreApplication.translate("CompletionDialogs", "Looked at?") + "\n" + "\n".join(notes)
        )
    return text


def confirm_approval(parent: QWidget, candidate: CompletionCandidate) -> bool:
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("CompletionDialogs", "Approve completion"),
        approval_question(candidate),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,  # Enter after A must not approve by itself
    )
    return answer == QMessageBox.StandardButton.Yes


def batch_question(clean: list[CompletionCandidate]) -> str:
    names = "、".join(who_text(c) for c in clean[:BATCH_NAMES_SHOWN])
    if len(clean) > BATCH_NAMES_SHOWN:
        names += QCoreApplication.translate("CompletionDialogs", " and %1 more").replace(
            "%1", str(len(clean) - BATCH_NAMES_SHOWN)
        )
    return (
        QCoreApplication.translate("CompletionDialogs", "Approve %1 clean completions?\n\n%2")
        .replace("%1", str(len(clean)))
        .replace("%2", names)
    )


def confirm_batch(parent: QWidget, clean: list[CompletionCandidate]) -> bool:
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("CompletionDialogs", "Approve all clean"), batch_question(clean)
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_rejection_reason(parent: QWidget, candidate: CompletionCandidate) -> str:
    reasons = [
        QCoreApplication.translate("CompletionDialogs", "Online study photo is not the learner"),
        QCoreApplication.translate(
            "CompletionDialogs", "On-site study not continuous for more than three hours"
        ),
        QCoreApplication.translate("CompletionDialogs", "Study record irregular; study again"),
    ]
    text, ok = QInputDialog.getItem(
        parent,
        QCoreApplication.translate("CompletionDialogs", "Reject completion"),
        QCoreApplication.translate("CompletionDialogs", "Reason for rejecting %1:").replace(
            "%1", who_text(candidate)
        ),
        reasons,
        0,
        True,
    )
    return text.strip() if ok else ""


def ask_reversal_reason(parent: QWidget, candidate: CompletionCandidate) -> str:
    decision = (
        QCoreApplication.translate("CompletionDialogs", "approval")
        if candidate.completion.state is CompletionState.APPROVED
        else QCoreApplication.translate("CompletionDialogs", "rejection")
    )
    question = (
        QCoreApplication.translate(
            "CompletionDialogs",
            "Reverse the %1 of %2? The completion becomes pending again and is judged afresh.",
        )
        .replace("%1", decision)
        .replace("%2", who_text(candidate))
    )
    text, ok = QInputDialog.getMultiLineText(
        parent,
        QCoreApplication.translate("CompletionDialogs", "Reverse decision"),
        question + "\n" + QCoreApplication.translate("CompletionDialogs", "Reason (required):"),
    )
    return text.strip() if ok else ""
