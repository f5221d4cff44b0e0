"""What the pane's action objects (EvidenceActions, SpanExporter) share: the service, the task runner,
the signed-in reviewer, and the widget their dialogs open over."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.domain.people import User
from app.playback.review_ports import RecordingReview
from app.tasks import TaskRunner


class ReviewerActions(QObject):
    def __init__(self, review: RecordingReview, tasks: TaskRunner, user: User, parent: QWidget) -> None:
        super().__init__(parent)
        self._review = review
        self._tasks = tasks
        self._user = user
        self._dialog_parent = parent
