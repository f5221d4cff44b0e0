"""Bookmarks and evidence locks: ask for the note or reason, write through the service on the TaskRunner.

Each action asks what it needs (a note, a reason, a confirmation) unless the caller gives it, then
runs the service call on a worker. `changed(camera, text)` says which camera's day to reload and what
to tell the user; refusals and failures go out as `failed(error)` (the pane words them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.playback.review_model import Bookmark, EvidenceLock
from widgets.recordings.reviewer_actions import ReviewerActions


class EvidenceActions(ReviewerActions):
    changed = Signal(int, str)  # camera id, what happened (translated)
    failed = Signal(object)  # the exception

    def add_bookmark(self, camera_id: int, at: datetime, note: str | None = None) -> None:
        """Bookmark `at` on the camera; asks for the note unless given."""
        review, user = self._review, self._user
        if note is None:
            note = self._ask(
                self.tr("Bookmark"), self.tr("Note for %1:").replace("%1", at.strftime("%H:%M:%S"))
            )
            if note is None:
                return
        written = note
        self._run(
            lambda: review.add_bookmark(camera_id, at, written, user), camera_id, self.tr("Bookmark added.")
        )

    def edit_bookmark(self, bookmark: Bookmark, note: str | None = None) -> None:
        review, user = self._review, self._user
        if note is None:
            note = self._ask(self.tr("Bookmark"), self.tr("Note:"), bookmark.note)
            if note is None:
                return
        written = note
        self._run(
            lambda: review.update_bookmark(bookmark.id, written, user),
            bookmark.camera_id,
            self.tr("Bookmark changed."),
        )

    def delete_bookmark(self, bookmark: Bookmark, confirm: bool = True) -> None:
        review, user = self._review, self._user
        question = self.tr("Delete the bookmark “%1”?").replace("%1", bookmark.note)
        if confirm and not self._confirm(self.tr("Delete bookmark"), question):
            return
        self._run(
            lambda: review.delete_bookmark(bookmark.id, user),
            bookmark.camera_id,
            self.tr("Bookmark deleted."),
        )

    def lock_span(self, camera_id: int, span: tuple[datetime, datetime], reason: str | None = None) -> None:
        """Protect the span of the camera from retention (asks for a reason unless given)."""
        review, user = self._review, self._user
        if reason is None:
            reason = self._ask(self.tr("Evidence lock"), self.tr("Why must this span be kept?"))
            if reason is None:
                return
        why = reason
        self._run(
            lambda: review.lock_span(camera_id, span[0], span[1], why, user),
            camera_id,
            self.tr("Span locked as evidence."),
        )

    def release_lock(self, lock: EvidenceLock, confirm: bool = True) -> None:
        review, user = self._review, self._user
        question = self.tr("Release this evidence lock? Retention may then delete the recording.")
        if confirm and not self._confirm(self.tr("Release lock"), question):
            return
        self._run(lambda: review.unlock(lock.id, user), lock.camera_id, self.tr("Evidence lock released."))

    # -- helpers

    def _run(self, call: Callable[[], Any], camera_id: int, done_text: str) -> None:
        self._tasks.run(call, lambda _result: self.changed.emit(camera_id, done_text), self.failed.emit)

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        answer, ok = QInputDialog.getText(self._dialog_parent, title, label, text=text)
        return answer.strip() if ok else None

    def _confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(self._dialog_parent, title, question)
        return answer == QMessageBox.StandardButton.Yes
