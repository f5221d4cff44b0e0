"""What the Recordings pane says: a refused or failed task, the player's state, an empty view.

Spelled out as literal QCoreApplication.translate calls in the "RecordingsPane" context, where the
pane always had them (lupdate collects only literal calls; the catalogue's translations stay).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from app.domain.permissions import Denial
from app.playback.permissions import ReviewPermissionError
from app.playback.player import PlaybackProblem, PlaybackStatus
from app.playback.review_model import ReviewDenial
from app.playback.span_export import ExportTargetExists
from widgets.permission_texts import refusal_text_for

MATRIX_DENIALS = frozenset(d.value for d in Denial)  # the review's codes the matrix shares


def failure_text(error: BaseException) -> str:
    """A refusal in the user's words, or what could not be read."""
    if isinstance(error, ReviewPermissionError):
        if error.action is not None and error.denial.value in MATRIX_DENIALS:
            return refusal_text_for(error.action, Denial(error.denial.value))  # what was refused
        texts = {
            ReviewDenial.UNKNOWN_USER: QCoreApplication.translate("RecordingsPane", "Unknown user."),
            ReviewDenial.INACTIVE: QCoreApplication.translate(
                "RecordingsPane", "Your account has been deactivated."
            ),
            ReviewDenial.POST_CANNOT: QCoreApplication.translate(
                "RecordingsPane", "Your post may not do this."
            ),
            ReviewDenial.OUTSIDE_SCOPE: QCoreApplication.translate(
                "RecordingsPane", "This camera is outside your county."
            ),
            ReviewDenial.NOT_OWNER: QCoreApplication.translate(
                "RecordingsPane", "Only its author or a duty manager may change this."
            ),
            ReviewDenial.LOCK_TOO_LONG: QCoreApplication.translate(
                "RecordingsPane", "An evidence lock may span at most 7 days: select a shorter span."
            ),
            ReviewDenial.LOCK_TOO_FAR_AHEAD: QCoreApplication.translate(
                "RecordingsPane", "An evidence lock may end at most one day from now."
            ),
        }
        return texts.get(error.denial, str(error))
    if isinstance(error, ExportTargetExists):
        return QCoreApplication.translate("RecordingsPane", "A file of that name exists already: %1").replace(
            "%1", str(error.path)
        )
    return QCoreApplication.translate("RecordingsPane", "The recordings could not be read: %1").replace(
        "%1", str(error)[:160]
    )


def status_text(status: PlaybackStatus) -> str:
    """The player's note beside the transport (its `message` is English for the log)."""
    if status.problem is PlaybackProblem.SEGMENT_UNREADABLE:
        return QCoreApplication.translate(
            "RecordingsPane", "A recording file could not be read and was skipped."
        )
    if status.at_end:
        return QCoreApplication.translate("RecordingsPane", "End of the recordings.")
    if status.keyframes_only:
        return QCoreApplication.translate("RecordingsPane", "Fast playback: keyframes only.")
    return ""


def unavailable_text(has_service: bool, allowed: bool) -> str:
    """Why the pane shows nothing at all ("" when it can)."""
    if not has_service:
        return QCoreApplication.translate("RecordingsPane", "Recordings need the workspace database.")
    if not allowed:
        return QCoreApplication.translate("RecordingsPane", "Your post does not review recordings.")
    return ""


def view_note(camera_id: int | None, loaded: bool | None, recorded: bool, day: date, activated: bool) -> str:
    """The text of a view without picture. `loaded`: the camera's day is in; `recorded`: it has coverage."""
    if camera_id is None:
        return QCoreApplication.translate("RecordingsPane", "Choose a camera")
    if not loaded:
        return QCoreApplication.translate("RecordingsPane", "Loading…") if activated else ""
    if not recorded:
        return QCoreApplication.translate("RecordingsPane", "No recordings of this camera on %1").replace(
            "%1", day.isoformat()
        )
    return QCoreApplication.translate("RecordingsPane", "No recording here")
