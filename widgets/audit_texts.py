"""The audit log in words: action codes and subjects as an officer reads them.

The audit chain stores stable ASCII codes ("completion.approve", "event:12") because they are hashed
and compared by tools; the Audit pane shows them through this module in the user's language. An
unknown code (written by a newer version) is shown as it is, so nothing in the log is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def action_text(code: str) -> str:
    words = {
        "login": QCoreApplication.translate("AuditTexts", "Signed in"),
        "event.claimed": QCoreApplication.translate("AuditTexts", "Event claimed"),
        "event.released": QCoreApplication.translate("AuditTexts", "Event released"),
        "event.confirmed": QCoreApplication.translate("AuditTexts", "Violation confirmed"),
        "event.dismissed": QCoreApplication.translate("AuditTexts", "Event dismissed"),
        "event.escalated": QCoreApplication.translate("AuditTexts", "Event escalated"),
        "event.commented": QCoreApplication.translate("AuditTexts", "Event comment"),
        "event.reopened": QCoreApplication.translate("AuditTexts", "Event reopened"),
        "completion.approve": QCoreApplication.translate("AuditTexts", "Completion approved"),
        "completion.reject": QCoreApplication.translate("AuditTexts", "Completion rejected"),
        "completion.reversed": QCoreApplication.translate("AuditTexts", "Completion decision reversed"),
        "completion.refused": QCoreApplication.translate("AuditTexts", "Completion refused"),
        "spot_check.pass": QCoreApplication.translate("AuditTexts", "Spot-check passed"),
        "spot_check.fail": QCoreApplication.translate("AuditTexts", "Spot-check failed"),
        "spot_check.skipped": QCoreApplication.translate("AuditTexts", "Spot-check skipped"),
        "spot_check.undo": QCoreApplication.translate("AuditTexts", "Spot-check verdict undone"),
        "spot_check.sample": QCoreApplication.translate("AuditTexts", "Daily spot-check sample drawn"),
        "spot_check.claim_expired": QCoreApplication.translate("AuditTexts", "Spot-check claim expired"),
        "recording.lock": QCoreApplication.translate("AuditTexts", "Recording locked as evidence"),
        "recording.unlock": QCoreApplication.translate("AuditTexts", "Evidence lock released"),
        "recording.bookmark.add": QCoreApplication.translate("AuditTexts", "Bookmark added"),
        "recording.bookmark.update": QCoreApplication.translate("AuditTexts", "Bookmark changed"),
        "recording.bookmark.delete": QCoreApplication.translate("AuditTexts", "Bookmark deleted"),
        "recording.export.clip": QCoreApplication.translate("AuditTexts", "Clip exported"),
        "recording.export.package": QCoreApplication.translate("AuditTexts", "Evidence package exported"),
        "recording.export.failed": QCoreApplication.translate("AuditTexts", "Export failed"),
        "camera.snapshot": QCoreApplication.translate("AuditTexts", "Snapshot saved"),
        "recording.retention.deleted": QCoreApplication.translate(
            "AuditTexts", "Recordings deleted by retention"
        ),
        "export.evidence": QCoreApplication.translate("AuditTexts", "Completion evidence exported"),
        "export.approvals": QCoreApplication.translate("AuditTexts", "Approvals list exported"),
    }
    return words.get(code, code)


def subject_text(subject: str) -> str:
    """'event:12' → '事件 #12'; a subject of an unknown kind is shown as stored."""
    kind, _, key = subject.partition(":")
    kinds = {
        "event": QCoreApplication.translate("AuditTexts", "Event #%1"),
        "completion": QCoreApplication.translate("AuditTexts", "Completion #%1"),
        "spot_check": QCoreApplication.translate("AuditTexts", "Spot-check #%1"),
        "camera": QCoreApplication.translate("AuditTexts", "Camera #%1"),
        "learner": QCoreApplication.translate("AuditTexts", "Learner #%1"),
        "user": QCoreApplication.translate("AuditTexts", "User #%1"),
        "day": QCoreApplication.translate("AuditTexts", "Day %1"),
        "bookmark": QCoreApplication.translate("AuditTexts", "Bookmark #%1"),
        "lock": QCoreApplication.translate("AuditTexts", "Evidence lock #%1"),
    }
    template = kinds.get(kind)
    return template.replace("%1", key) if template and key else subject
