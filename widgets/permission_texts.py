"""A refusal of the permission matrix (app/domain/permissions.py) in the officer's words.

Services raise PermissionDenied(action, denial); panes show `refusal_text(error)` instead of a
traceback, and `refusal_text_for(action, denial)` when they refuse a key before asking the service
(the service would refuse it anyway). Literal QCoreApplication.translate calls in the "Permissions"
context, so lupdate collects them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.permissions import Action, Denial, PermissionDenied


def action_text(action: Action) -> str:
    """What the action is, as the end of "may not …"."""
    texts = {
        Action.VIEW: QCoreApplication.translate("Permissions", "view this"),
        Action.CLAIM: QCoreApplication.translate("Permissions", "claim events"),
        Action.CONFIRM: QCoreApplication.translate("Permissions", "confirm violations"),
        Action.DISMISS: QCoreApplication.translate("Permissions", "dismiss events as false alarms"),
        Action.ESCALATE: QCoreApplication.translate("Permissions", "escalate events"),
        Action.COMMENT: QCoreApplication.translate("Permissions", "add comments"),
        Action.APPROVE: QCoreApplication.translate("Permissions", "approve or reject"),
        Action.REVERSE: QCoreApplication.translate("Permissions", "reverse a decision already taken"),
        Action.WATCH: QCoreApplication.translate("Permissions", "watch recordings"),
        Action.EXPORT: QCoreApplication.translate("Permissions", "export evidence"),
        Action.LOCK: QCoreApplication.translate("Permissions", "lock evidence"),
        Action.AUDIT: QCoreApplication.translate("Permissions", "read the audit log"),
    }
    return texts[action]


def refusal_text_for(action: Action, denial: Denial) -> str:
    what = action_text(action)
    if denial is Denial.INACTIVE:
        text = QCoreApplication.translate("Permissions", "Your account has been deactivated: you may not %1.")
    elif denial is Denial.OUTSIDE_SCOPE:
        text = QCoreApplication.translate("Permissions", "Outside your area: you may not %1 here.")
    else:
        text = QCoreApplication.translate("Permissions", "Your post may not %1.")
    return text.replace("%1", what)


def refusal_text(error: PermissionDenied) -> str:
    return refusal_text_for(error.action, error.denial)
