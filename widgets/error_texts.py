"""What a failure means to an officer, in the user's language.

Services raise typed errors (a locked or unreachable database, a refused permission, a full disk, a
timeout); the panes show the words from here instead of the driver's English text, which goes to the
log. Anything not recognised is reported as an unexpected error with its first line, because hiding it
entirely would leave the officer guessing whether the action was saved.
"""

from __future__ import annotations

import errno
import logging

from PySide6.QtCore import QCoreApplication

from app.domain.permissions import PermissionDenied
from app.domain.storage_errors import DatabaseLockedError, DatabaseUnavailableError
from widgets.permission_texts import refusal_text

log = logging.getLogger(__name__)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return (text.splitlines() or [type(error).__name__])[0][:160] if text else type(error).__name__


def error_text(error: BaseException) -> str:
    """One or two sentences for the officer; the full error is logged by the caller."""
    if isinstance(error, PermissionDenied):
        return refusal_text(error)
    if isinstance(error, DatabaseLockedError):
        return QCoreApplication.translate(
            "ErrorTexts",
            "The database is busy (another workstation or program is writing). Try again in a moment.",
        )
    if isinstance(error, DatabaseUnavailableError):
        return QCoreApplication.translate(
            "ErrorTexts", "The database cannot be reached. Check the network or the server, then try again."
        )
    if isinstance(error, ConnectionError):
        return QCoreApplication.translate(
            "ErrorTexts", "The connection was lost. Check the network or the server, then try again."
        )
    if isinstance(error, TimeoutError):
        return QCoreApplication.translate(
            "ErrorTexts", "The operation took too long and was stopped. Try again."
        )
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return QCoreApplication.translate(
                "ErrorTexts", "The disk is full. Free some space, then try again."
            )
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return QCoreApplication.translate(
                "ErrorTexts", "The file or folder cannot be written (no permission or read-only disk)."
            )
        if error.errno == errno.ENOENT:
            return QCoreApplication.translate("ErrorTexts", "A file or folder was not found: %1").replace(
                "%1", _first_line(error)
            )
    return QCoreApplication.translate("ErrorTexts", "Unexpected error (details in the log): %1").replace(
        "%1", _first_line(error)
    )
