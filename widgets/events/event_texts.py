"""What the Events pane says when an event action fails: a refusal, a triage rule, or no database.

Literal QCoreApplication.translate calls in the "EventsPane" context, where the pane always had them
(lupdate collects only literal calls; the catalogue's translations stay).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.permissions import PermissionDenied
from app.supervision.triage import TriageError
from widgets.error_texts import error_text
from widgets.permission_texts import refusal_text


def failure_text(error: BaseException) -> str:
    """The status line for a failed event action (`error` from the service or the database)."""
    if isinstance(error, PermissionDenied):
        return refusal_text(error)
    if isinstance(error, TriageError):
        texts = {
            "owned_by_other": QCoreApplication.translate(
                "EventsPane", "Another officer is handling this event."
            ),
            "not_allowed": QCoreApplication.translate("EventsPane", "This event cannot move to that state."),
            "not_found": QCoreApplication.translate("EventsPane", "This event no longer exists."),
            "empty_comment": QCoreApplication.translate("EventsPane", "The comment is empty."),
            "reason_required": QCoreApplication.translate(
                "EventsPane", "A verdict on a high-severity event needs a reason."
            ),
        }
        return texts.get(error.reason, str(error))
    return QCoreApplication.translate("EventsPane", "The database could not be reached: %1").replace(
        "%1", error_text(error)
    )


def is_expected(error: BaseException) -> bool:
    """A refusal or a triage rule: said to the user, not logged as a failure."""
    return isinstance(error, PermissionDenied | TriageError)
