"""录像 Recordings: play back one camera, or four in sync, on a day timeline; bookmark, lock, export.

Composition: the top row picks camera, one view or 2×2, day and time (review_toolbar); the views
paint the Player's frames (view_grid, playback_view); the transport row holds the playback actions
(transport_bar, playback_actions); one timeline per camera shows coverage, gaps, events, bookmarks
and locks (timeline_stack); the side list shows bookmarks and locks (evidence_list), changed through
EvidenceActions; exports start in SpanExporter. What is reviewed — cameras, day, position, span,
what may be done, today's refresh — is the ReviewSession's (review_session.py); this pane forwards
the user's choices to it and draws what it reports.

Threads: every RecordingReviewService call goes through the TaskRunner; the Player decodes on its
own thread (PlayerBridge: latest frame wins). Nothing loads, and no player thread starts, until the
pane is first shown; while it is visible and shows today, the day is re-read every REFRESH_MS.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.context import AppContext
from app.domain.people import Scope, User
from app.playback.permissions import ReviewPermissionError
from app.playback.player import PlaybackStatus
from app.tasks import TaskRunner
from app.video.wall_layout import cameras_in_scope
from widgets.panes.pane import Pane
from widgets.recordings.camera_labels import camera_labels
from widgets.recordings.evidence_actions import EvidenceActions
from widgets.recordings.evidence_list import EvidenceList
from widgets.recordings.export_job import ExportJob, ExportKind
from widgets.recordings.playback_actions import PlaybackActions
from widgets.recordings.review_session import ReviewAvailability, ReviewSession
from widgets.recordings.review_texts import failure_text, unavailable_text, view_note
from widgets.recordings.review_toolbar import ReviewToolbar
from widgets.recordings.span_exporter import SpanExporter
from widgets.recordings.timeline_axis import seconds_of_day, wall_time
from widgets.recordings.timeline_menu import exec_timeline_menu
from widgets.recordings.timeline_stack import TimelineStack
from widgets.recordings.transport_bar import TransportBar
from widgets.recordings.view_grid import ViewGrid

log = logging.getLogger(__name__)


class RecordingsPane(Pane):
    OBJECT_NAME = "recordingsPane"
    ICON = "pane_recordings"

    def __init__(
        self, context: AppContext, tasks: TaskRunner, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = context.workspace
        self._cameras = {c.id: c for c in context.workspace.cameras}
        self._labels = camera_labels(context.workspace)
        self.session = session = ReviewSession(context.playback, tasks, user, self)
        self.evidence_actions = EvidenceActions(context.playback, tasks, user, self)
        self.evidence_actions.changed.connect(self._evidence_changed)
        self.evidence_actions.failed.connect(self._failed)
        self.exporter = SpanExporter(context.playback, tasks, user, self)

        self.toolbar = ReviewToolbar(self)
        self.toolbar.camera_chosen.connect(session.choose_camera)
        self.toolbar.grid_chosen.connect(self.set_grid)
        self.toolbar.day_chosen.connect(session.set_day)
        self.toolbar.go_to_time.connect(session.go_to_time)
        self.view_grid = ViewGrid(self)
        self.view_grid.clicked.connect(session.select_view)
        self.views = self.view_grid.views
        self.evidence = EvidenceList(self)
        self.evidence.play_from.connect(session.seek)
        self.evidence.edit_bookmark.connect(self.evidence_actions.edit_bookmark)
        self.evidence.delete_bookmark.connect(self.evidence_actions.delete_bookmark)
        self.evidence.release_lock.connect(self.evidence_actions.release_lock)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view_grid)
        splitter.addWidget(self.evidence)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 240])

        self.commands = PlaybackActions(
            self,
            {
                **session.transport_handlers(),
                "mark_in": session.mark_in,
                "mark_out": session.mark_out,
                "clear_span": session.clear_span,
                "bookmark": self.add_bookmark,
                "lock": self.lock_span,
                "export_clip": lambda: self.export(ExportKind.CLIP),
                "export_package": lambda: self.export(ExportKind.PACKAGE),
            },
        )
        self.transport = TransportBar(self.commands, self)
        self.transport.speed_chosen.connect(session.set_speed)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("paneStatus")
        self.status_label.setWordWrap(True)
        self.exporter.refused.connect(self.status_label.setText)

        self.timeline_stack = TimelineStack(self)
        self.timeline_stack.scrub_requested.connect(
            lambda _row, seconds: session.seek(wall_time(session.day, seconds))
        )
        self.timeline_stack.row_clicked.connect(session.select_view)
        self.timeline_stack.selection_changed.connect(self._selection_dragged)
        self.timeline_stack.context_menu_requested.connect(self._timeline_menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.toolbar)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.transport)
        layout.addWidget(self.timeline_stack)
        layout.addWidget(self.status_label)
        self._connect_session()
        self._show_grid(session.grid)
        session.select_view(session.selected)
        self.retranslate()

    def _connect_session(self) -> None:
        session = self.session
        session.cameras_changed.connect(self._show_cameras)
        session.camera_put.connect(lambda cid: self.toolbar.offer_camera(cid, self._labels[cid]))
        session.grid_changed.connect(self._show_grid)
        session.view_selected.connect(self._show_selected_view)
        session.day_changed.connect(self.toolbar.set_day)
        session.day_cleared.connect(self._clear_day)
        session.loading.connect(lambda: self.status_label.setText(self.tr("Loading the day…")))
        session.camera_day_loaded.connect(self._draw_day)
        session.started.connect(self._started)
        session.nothing_recorded.connect(self._nothing_recorded)
        session.playhead_moved.connect(self.timeline_stack.set_playhead)
        session.status_changed.connect(self._show_status)
        session.frames_ready.connect(lambda: self.view_grid.show_frames(session.take_frames()))
        session.span_changed.connect(self._show_span)
        session.availability_changed.connect(self._enable)
        session.recorded_days.connect(self.toolbar.mark_recorded_days)
        session.failed.connect(self._failed)

    # -- Pane

    def pane_title(self) -> str:
        return self.tr("Recordings")

    def set_scope(self, scope: Scope) -> None:
        """Offer the scope's cameras; keep playing the current ones if they are still in it."""
        super().set_scope(scope)
        in_scope = cameras_in_scope(self._workspace, scope)
        self.toolbar.set_cameras([(c, self._labels[c.id]) for c in in_scope], self.session.selected_camera)
        self.session.fill_from_scope([c.id for c in in_scope])

    def retranslate(self) -> None:
        self.toolbar.retranslate()
        self.commands.retranslate()
        self.transport.retranslate()
        self.timeline_stack.retranslate()
        self.evidence.retranslate()
        self._show_span()
        self._update_names()
        self._update_notes()
        unavailable = unavailable_text(self.session.has_service, self.session.allowed)
        if unavailable:
            self.status_label.setText(unavailable)

    # -- what the window asks for

    def set_grid(self, size: int) -> None:
        """1 view or 2×2 in sync; going to 2×2 fills empty views with the scope's next cameras."""
        self.session.set_grid(size, [c.id for c in cameras_in_scope(self._workspace, self.scope)])

    def show_recording(self, camera_id: int, at: datetime, *, reread: bool = False) -> None:
        """Play `camera_id` from `at` (the Events pane's "play recording"): its day, its moment.
        `reread`: read the day again even if it is on show (a segment was just closed: an alarm)."""
        if camera_id in self._cameras:
            self.session.show_recording(camera_id, at, reread=reread)

    def add_bookmark(self, note: str | None = None) -> None:
        """Bookmark the playhead of the selected camera; asks for the note unless given."""
        camera, position = self.session.selected_camera, self.session.position
        if camera is not None and position is not None:
            self.evidence_actions.add_bookmark(camera, position, note)

    def lock_span(self, reason: str | None = None) -> None:
        """Protect the selected span of the selected camera from retention (asks for a reason)."""
        camera, span = self.session.selected_camera, self.session.span
        if camera is not None and span is not None:
            self.evidence_actions.lock_span(camera, span, reason)

    @property
    def export_job(self) -> ExportJob | None:
        return self.exporter.job

    def export(self, kind: ExportKind, target: Path | None = None) -> ExportJob | None:
        """Export the selected span of the selected camera in the background (asks where unless given)."""
        camera, span = self.session.selected_camera, self.session.span
        if camera is None or span is None:
            return None
        return self.exporter.export(kind, camera, span, target)

    # -- drawing what the session reports

    def _show_cameras(self) -> None:
        self.view_grid.set_cameras(self.session.slots, lambda cid: self._labels.get(cid, ""))
        self.toolbar.show_camera(self.session.selected_camera)
        self._update_names()

    def _show_grid(self, grid: int) -> None:
        self.view_grid.set_grid(grid)
        self.timeline_stack.set_rows(grid)
        self.toolbar.set_grid(grid)

    def _show_selected_view(self, index: int) -> None:
        camera = self.session.selected_camera
        self.view_grid.select(index)
        self.toolbar.show_camera(camera)
        self.evidence.show_day(self.session.days.get(camera) if camera is not None else None)

    def _clear_day(self) -> None:
        self.timeline_stack.clear_days(self.session.day)
        self.evidence.show_day(None)
        self._update_notes()

    def _draw_day(self, camera_id: int) -> None:
        session = self.session
        camera_day = session.days.get(camera_id)
        for row, slot in enumerate(session.slots[: session.grid]):
            if slot == camera_id:
                self.timeline_stack.show_day(row, session.day, camera_day)
        if camera_id == session.selected_camera:
            self.evidence.show_day(camera_day)
        self._update_notes()

    def _started(self, zoom_seconds: float) -> None:
        self.status_label.clear()
        self.timeline_stack.zoom_to(zoom_seconds)
        self._update_notes()

    def _nothing_recorded(self) -> None:
        self.status_label.setText(self.tr("No recordings on this day."))
        self._update_notes()

    def _show_status(self, status: PlaybackStatus, took_position: bool) -> None:
        if took_position and status.position is not None:
            self.toolbar.set_time(status.position)
        self.transport.show_status(status, self.session.position)
        self.commands.set_playing(status.playing, self.style())
        self.view_grid.show_status(status)
        self._update_notes()

    def _selection_dragged(self, _row: int, seconds: tuple[float, float] | None) -> None:
        session = self.session
        if seconds is None:
            session.clear_span()
        else:
            session.set_span(wall_time(session.day, seconds[0]), wall_time(session.day, seconds[1]))

    def _show_span(self) -> None:
        span, day = self.session.span, self.session.day
        self.timeline_stack.set_selection(
            (seconds_of_day(day, span[0]), seconds_of_day(day, span[1])) if span else None
        )
        self.transport.set_span_text(self.session.span_text())

    def _enable(self, can: ReviewAvailability) -> None:
        self.commands["lock"].setEnabled(can.lock)
        for name in ("export_clip", "export_package"):
            self.commands[name].setEnabled(can.export)
        self.transport.set_export_enabled(can.export)
        self.commands["bookmark"].setEnabled(can.bookmark)

    def _evidence_changed(self, camera_id: int, text: str) -> None:
        self.status_label.setText(text)
        self.session.reload(camera_id)

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, ReviewPermissionError):
            log.warning("recordings task failed", exc_info=error)
        self.status_label.setText(failure_text(error))

    def _update_names(self) -> None:
        for row, camera_id in enumerate(self.session.slots):
            self.timeline_stack.set_name(row, self._labels[camera_id] if camera_id is not None else "")

    def _update_notes(self) -> None:
        self.view_grid.set_notes(self._note)

    def _note(self, camera_id: int | None) -> str:
        """The text a view shows when it has no picture."""
        session = self.session
        unavailable = unavailable_text(session.has_service, session.allowed)
        day = session.days.get(camera_id) if camera_id is not None else None
        return unavailable or view_note(
            camera_id, day is not None, bool(day and day.coverage), session.day, session.activated
        )

    def _timeline_menu(self, row: int, seconds: float, where: QPoint) -> None:
        session = self.session
        session.select_view(row)
        actions = [self.commands[name] for name in ("lock", "export_clip", "export_package")]
        exec_timeline_menu(
            self, wall_time(session.day, seconds), where, session.seek,
            lambda at, start: session.mark_in(at) if start else session.mark_out(at), actions,
        )  # fmt: skip

    # -- visibility and lifetime

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.session.activate()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.session.deactivate()

    def stop(self) -> None:
        """Close the player's thread (window closing)."""
        self.exporter.cancel()
        self.session.stop()
