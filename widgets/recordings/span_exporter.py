"""Starting an export of a span: one at a time, ask where to write it, run it as an ExportJob.

The blocking work (remux, package, audit) is the service's and runs on the TaskRunner inside the
ExportJob; this only chooses the target and which service call to make.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app import paths
from app.domain.people import User
from app.playback.review_ports import RecordingReview
from app.tasks import TaskRunner
from widgets.recordings.export_job import ExportJob, ExportKind
from widgets.recordings.reviewer_actions import ReviewerActions


class SpanExporter(ReviewerActions):
    refused = Signal(str)  # why no export started (translated)

    def __init__(self, review: RecordingReview, tasks: TaskRunner, user: User, parent: QWidget) -> None:
        super().__init__(review, tasks, user, parent)
        self.job: ExportJob | None = None

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    def export(
        self, kind: ExportKind, camera_id: int, span: tuple[datetime, datetime], target: Path | None = None
    ) -> ExportJob | None:
        """Export the span in the background (asks where unless `target` is given)."""
        review, user = self._review, self._user
        if self.running:
            self.refused.emit(self.tr("An export is already running."))
            return None
        start, end = span
        # The save dialog asks before it returns an existing file: then replacing it is agreed.
        replace = target is None
        if target is None:
            target = self._ask_target(kind, camera_id, span)
            if target is None:
                return None
        job = ExportJob(self._tasks, kind, self._dialog_parent)
        if kind is ExportKind.PACKAGE:
            export_call = review.exports.export_package
            label = self.tr("Writing the evidence package…")
        else:
            export_call = review.exports.export_clip
            label = self.tr("Writing the clip…")

        def run(path: Path, progress: Callable[[float], None], cancelled: Callable[[], bool]) -> Path:
            return export_call(
                camera_id, start, end, path, user, progress=progress, cancelled=cancelled, replace=replace
            )

        self.job = job
        job.start(run, target, label)
        return job

    def cancel(self) -> None:
        if self.job is not None and self.job.running:
            self.job.cancel()

    def _ask_target(self, kind: ExportKind, camera_id: int, span: tuple[datetime, datetime]) -> Path | None:
        suffix = "zip" if kind is ExportKind.PACKAGE else "mp4"
        suggested = (
            paths.data_dir()
            / "exports"
            / f"camera-{camera_id}-{span[0]:%Y%m%d-%H%M%S}-{span[1]:%H%M%S}.{suffix}"
        )
        name, _filter = QFileDialog.getSaveFileName(
            self._dialog_parent, self.tr("Export to"), str(suggested), f"*.{suffix}"
        )
        return Path(name) if name else None
