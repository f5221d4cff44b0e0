"""录像 Recordings: play back one camera, or four in sync, on a day timeline; bookmark, lock, export.

Composition: the top row picks camera, one view or 2×2, day and time (review_toolbar); the views
paint the Player's frames (view_grid, playback_view); the transport row holds the playback actions
(transport_bar, playback_actions); one timeline per camera shows coverage, gaps, events, bookmarks
and locks (timeline_stack); the side list shows bookmarks and locks (evidence_list), changed through
EvidenceActions; exports start in SpanExporter. The pane keeps what is chosen (cameras, day, span)
and where the player is; DayLoader reads the days.

Threads: every RecordingReviewService call goes through the TaskRunner; the Player decodes on its
own thread and reaches this pane through PlayerBridge (latest frame wins). Nothing loads, and no
player thread starts, until the pane is first shown. Seeks from dragging are coalesced: one seek per
SEEK_COALESCE_MS at most, always to the newest position asked for. While the pane is visible and
shows today, the day is re-read every REFRESH_MS (and when it is shown again): new coverage, events,
bookmarks and segments appear without moving the playhead, the zoom or the span.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.context import AppContext
from app.domain.people import Scope, User
from app.domain.permissions import Action, may_at_all
from app.playback.permissions import ReviewPermissionError, may_review_at_all
from app.playback.player import PlaybackStatus
from app.playback.review_model import CameraDay
from app.tasks import TaskRunner
from app.video.wall_layout import cameras_in_scope
from widgets.panes.pane import Pane
from widgets.recordings.camera_labels import camera_labels
from widgets.recordings.camera_slots import CameraSlots
from widgets.recordings.day_loader import DayLoader
from widgets.recordings.evidence_actions import EvidenceActions
from widgets.recordings.evidence_list import EvidenceList
from widgets.recordings.export_job import ExportJob, ExportKind
from widgets.recordings.playback_actions import PlaybackActions
from widgets.recordings.playback_driver import PlaybackDriver
from widgets.recordings.player_bridge import PlayerBridge
from widgets.recordings.review_texts import failure_text, unavailable_text, view_note
from widgets.recordings.review_toolbar import ReviewToolbar
from widgets.recordings.span_exporter import SpanExporter
from widgets.recordings.span_selection import SpanSelection
from widgets.recordings.start_position import recorded_soon_after, start_position
from widgets.recordings.timeline_axis import seconds_of_day, wall_time
from widgets.recordings.timeline_menu import exec_timeline_menu
from widgets.recordings.timeline_stack import TimelineStack
from widgets.recordings.transport_bar import TransportBar
from widgets.recordings.view_grid import ViewGrid

log = logging.getLogger(__name__)


class RecordingsPane(Pane):
    OBJECT_NAME = "recordingsPane"
    ICON = "pane_recordings"
    SEEK_COALESCE_MS = 40
    REFRESH_MS = 30_000  # today's coverage grows by a segment a minute; events come any time

    def __init__(
        self, context: AppContext, tasks: TaskRunner, user: User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._review = context.playback
        self._workspace = context.workspace
        self._tasks = tasks
        self._allowed = may_review_at_all(user)
        self._may_lock, self._may_export = may_at_all(user, Action.LOCK), may_at_all(user, Action.EXPORT)
        self._cameras = {c.id: c for c in context.workspace.cameras}
        self._labels = camera_labels(context.workspace)
        self.clock: Callable[[], datetime] = datetime.now

        self.choice = CameraSlots()
        self.day: date = self.clock().date()
        self.driver = PlaybackDriver(self.SEEK_COALESCE_MS, self)
        self.driver.status_ready.connect(self._show_status)
        self.loader = DayLoader(
            self._review, tasks, self.driver, lambda: self.clock().date(), self.REFRESH_MS, self, user=user
        )
        self.loader.day_changed.connect(self._draw_day)
        self.loader.timelines_ready.connect(self._go_to_start)
        self.loader.timelines_changed.connect(self._segments_added)
        self.loader.failed.connect(self._failed)
        self._pending_seek: datetime | None = None  # where to go once the day is loaded
        self.position: datetime | None = None
        self.status: PlaybackStatus | None = None
        self.spans = SpanSelection()
        self._activated = False
        self._stopped = False

        self.evidence_actions = EvidenceActions(self._review, tasks, user, self)
        self.evidence_actions.changed.connect(self._evidence_changed)
        self.evidence_actions.failed.connect(self._failed)
        self.exporter = SpanExporter(self._review, tasks, user, self)

        self.toolbar = ReviewToolbar(self)
        self.toolbar.camera_chosen.connect(self.choose_camera)
        self.toolbar.grid_chosen.connect(self.set_grid)
        self.toolbar.day_chosen.connect(self.set_day)
        self.loader.recorded_days.connect(self.toolbar.mark_recorded_days)
        self.toolbar.go_to_time.connect(self.go_to_time)
        self.view_grid = ViewGrid(self)
        self.driver.frames_ready.connect(lambda: self.view_grid.show_frames(self.driver.take_frames()))
        self.view_grid.clicked.connect(self.select_view)
        self.views = self.view_grid.views
        self.evidence = EvidenceList(self)
        self.evidence.play_from.connect(self.seek)
        self.evidence.edit_bookmark.connect(self.evidence_actions.edit_bookmark)
        self.evidence.delete_bookmark.connect(self.evidence_actions.delete_bookmark)
        self.evidence.release_lock.connect(self.evidence_actions.release_lock)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.view_grid)
        splitter.addWidget(self.evidence)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 240])

        self.commands = PlaybackActions(self, self._handlers())
        self.transport = TransportBar(self.commands, self)
        self.speed_combo = self.transport.speed_combo
        self.speed_combo.activated.connect(lambda i: self.driver.set_speed(self.speed_combo.itemData(i)))
        self.status_label = QLabel(self)
        self.status_label.setObjectName("paneStatus")
        self.status_label.setWordWrap(True)
        self.exporter.refused.connect(self.status_label.setText)

        self.timeline_stack = TimelineStack(self)
        self.timeline_stack.scrub_requested.connect(
            lambda _row, seconds: self.seek(wall_time(self.day, seconds))
        )
        self.timeline_stack.row_clicked.connect(self.select_view)
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
        self._apply_grid()
        self._enable()
        self.retranslate()

    def _handlers(self) -> dict[str, Callable[[], object]]:
        return {
            **self.driver.transport_handlers(),
            "mark_in": self.mark_in,
            "mark_out": self.mark_out,
            "clear_span": self.clear_span,
            "bookmark": self.add_bookmark,
            "lock": self.lock_span,
            "export_clip": lambda: self.export(ExportKind.CLIP),
            "export_package": lambda: self.export(ExportKind.PACKAGE),
        }

    # -- Pane

    def pane_title(self) -> str:
        return self.tr("Recordings")

    def set_scope(self, scope: Scope) -> None:
        """Offer the scope's cameras; keep playing the current ones if they are still in it."""
        super().set_scope(scope)
        in_scope = cameras_in_scope(self._workspace, scope)
        self.toolbar.set_cameras([(c, self._labels[c.id]) for c in in_scope], self.selected_camera)
        if self.choice.fill_from_scope([c.id for c in in_scope]):
            self._cameras_changed()

    def retranslate(self) -> None:
        self.toolbar.retranslate()
        self.commands.retranslate()
        self.transport.retranslate()
        self.timeline_stack.retranslate()
        self.evidence.retranslate()
        self._show_span()
        self._update_names()
        self._update_notes()
        unavailable = unavailable_text(self._review is not None, self._allowed)
        if unavailable:
            self.status_label.setText(unavailable)

    # -- choosing what to play

    @property
    def days(self) -> dict[int, CameraDay]:
        """The loaded days of the cameras being played."""
        return self.loader.days

    @property
    def active_cameras(self) -> list[int]:
        return self.choice.active

    @property
    def selected_camera(self) -> int | None:
        return self.choice.selected_camera

    @property
    def bridge(self) -> PlayerBridge | None:
        return self.driver.bridge

    def choose_camera(self, camera_id: int) -> None:
        """Play `camera_id` in the selected view (a camera already shown just gets selected)."""
        index = self.choice.index_of(camera_id)
        if index is not None:
            self.select_view(index)
            return
        self.choice.put(camera_id)
        self._cameras_changed()

    def set_grid(self, size: int) -> None:
        """1 view or 2×2 in sync; going to 2×2 fills empty views with the scope's next cameras."""
        if self.choice.set_grid(size, [c.id for c in cameras_in_scope(self._workspace, self.scope)]):
            self._apply_grid()
            self._cameras_changed()

    def select_view(self, index: int) -> None:
        if not 0 <= index < self.choice.grid:
            return
        self.choice.selected = index
        self.view_grid.select(index)
        self.toolbar.show_camera(self.selected_camera)
        camera = self.selected_camera
        self.evidence.show_day(self.days.get(camera) if camera is not None else None)
        self._enable()

    def set_day(self, day: date) -> None:
        if day != self.day:
            self.day = day
            self.toolbar.set_day(day)
            self._pending_seek = None
            self._load()

    def go_to_time(self, at: time) -> None:
        self.seek(datetime.combine(self.day, at))

    def show_recording(self, camera_id: int, at: datetime) -> None:
        """Play `camera_id` from `at` (the Events pane's "play recording"): its day, its moment."""
        if camera_id not in self._cameras:
            return
        index = self.choice.index_of(camera_id)
        if index is not None and at.date() == self.day and self.driver.ready:
            self.select_view(index)  # already playing that day: just go there
            self.seek(at)
            return
        self.choice.put(camera_id)
        if self.toolbar.camera_combo.findData(camera_id) < 0:  # outside the tree's current scope
            self.toolbar.camera_combo.addItem(self._labels[camera_id], camera_id)
        self.day = at.date()
        self.toolbar.set_day(self.day)
        self._pending_seek = at
        self.select_view(self.choice.selected)
        self._cameras_changed()

    # -- playback

    def seek(self, at: datetime) -> None:
        """Show the frame at `at`. Repeated calls within SEEK_COALESCE_MS become one seek."""
        if at.date() != self.day:
            self.day = at.date()
            self.toolbar.set_day(self.day)
            self._pending_seek = at
            self._load()
            return
        self.position = at
        self.timeline_stack.set_playhead(seconds_of_day(self.day, at), follow=False)
        if not self.driver.ready:
            self._pending_seek = at  # still loading: go there once the day is in
            return
        self.driver.seek(at)

    def _show_status(self) -> None:
        status = self.driver.take_status()
        if status is None:
            return
        self.status = status
        if status.position is not None and self.driver.seek_target is None:
            self.position = status.position
            if status.position.date() == self.day:
                seconds = seconds_of_day(self.day, status.position)
                self.timeline_stack.set_playhead(seconds, follow=status.playing)
            self.toolbar.set_time(status.position)
        self.transport.show_status(status, self.position)
        self.commands.set_playing(status.playing, self.style())
        self.view_grid.show_status(status)
        self._update_notes()

    # -- loading a day (DayLoader, worker threads)

    def _cameras_changed(self) -> None:
        self.view_grid.set_cameras(self.choice.slots, lambda cid: self._labels.get(cid, ""))
        self.toolbar.show_camera(self.selected_camera)
        self._update_names()
        self._enable()
        self._load()
        self._mark_recorded_days()

    def _load(self) -> None:
        """Load the day of every camera being played; `_go_to_start` once the player has them."""
        self.loader.forget()
        for timeline in self.timeline_stack.timelines:
            timeline.show_day(self.day, None)
        self.evidence.show_day(None)
        self._update_notes()
        if not self._allowed or not self._activated:
            return
        if self.loader.load(self.day, self.active_cameras):
            self.status_label.setText(self.tr("Loading the day…"))

    def _segments_added(self) -> None:
        """A refresh found new segments (the player has them, where it is: the playhead stays)."""
        self._mark_recorded_days()
        if self.position is None:
            self._go_to_start()  # the day had nothing recorded yet: start now that it has

    def _go_to_start(self) -> None:
        selected = self.days.get(self.selected_camera) if self.selected_camera is not None else None
        target = recorded_soon_after(selected, self._pending_seek) or start_position(
            self.days,
            [self.selected_camera, *self.active_cameras],
            self.day,
            today=self.day == self.clock().date(),
            position=self.position,
        )
        self._pending_seek = None
        if target is not None:
            self.status_label.clear()
            self.seek(target)
            self.timeline_stack.zoom_to(3600.0)
        else:
            self.status_label.setText(self.tr("No recordings on this day."))
        self._update_notes()

    def refresh_today(self) -> bool:
        """Re-read today's day of the cameras being played (a past day does not change)."""
        return self._activated and not self._stopped and self.loader.refresh()

    def _draw_day(self, camera_id: int) -> None:
        camera_day = self.days.get(camera_id)
        for row, slot in enumerate(self.choice.slots[: self.choice.grid]):
            if slot == camera_id:
                self.timeline_stack.timelines[row].show_day(self.day, camera_day)
        if camera_id == self.selected_camera:
            self.evidence.show_day(camera_day)
        self._update_notes()

    def _mark_recorded_days(self) -> None:
        if self.selected_camera is not None and self._activated and self._allowed:
            self.loader.mark_recorded_days(self.selected_camera)

    # -- span, bookmarks, locks

    def mark_in(self, at: datetime | None = None) -> None:
        at = at or self.position
        if at is not None:
            self.spans.mark_in(at)
            self._show_span()

    def mark_out(self, at: datetime | None = None) -> None:
        at = at or self.position
        if at is not None:
            self.spans.mark_out(at)
            self._show_span()

    def clear_span(self) -> None:
        self.spans.clear()
        self._show_span()

    def set_span(self, start: datetime, end: datetime) -> None:
        self.spans.set(start, end)
        self._show_span()

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        return self.spans.span

    def _selection_dragged(self, _row: int, seconds: tuple[float, float] | None) -> None:
        if seconds is None:
            self.clear_span()
        else:
            self.set_span(wall_time(self.day, seconds[0]), wall_time(self.day, seconds[1]))

    def _show_span(self) -> None:
        span = self.span
        self.timeline_stack.set_selection(
            (seconds_of_day(self.day, span[0]), seconds_of_day(self.day, span[1])) if span else None
        )
        self.transport.set_span_text(self.spans.text())
        self._enable()

    def add_bookmark(self, note: str | None = None) -> None:
        """Bookmark the playhead of the selected camera; asks for the note unless given."""
        if self.selected_camera is not None and self.position is not None:
            self.evidence_actions.add_bookmark(self.selected_camera, self.position, note)

    def lock_span(self, reason: str | None = None) -> None:
        """Protect the selected span of the selected camera from retention (asks for a reason)."""
        if self.selected_camera is not None and self.span is not None:
            self.evidence_actions.lock_span(self.selected_camera, self.span, reason)

    def _evidence_changed(self, camera_id: int, text: str) -> None:
        self.status_label.setText(text)
        self.loader.reload(camera_id)

    # -- export

    @property
    def export_job(self) -> ExportJob | None:
        return self.exporter.job

    def export(self, kind: ExportKind, target: Path | None = None) -> ExportJob | None:
        """Export the selected span of the selected camera in the background (asks where unless given)."""
        if self.selected_camera is None or self.span is None:
            return None
        return self.exporter.export(kind, self.selected_camera, self.span, target)

    # -- helpers

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, ReviewPermissionError):
            log.warning("recordings task failed", exc_info=error)
        self.status_label.setText(failure_text(error))

    def _apply_grid(self) -> None:
        grid = self.choice.grid
        self.view_grid.set_grid(grid)
        self.timeline_stack.set_rows(grid)
        self.toolbar.set_grid(grid)
        self.select_view(min(self.choice.selected, grid - 1))

    def _update_names(self) -> None:
        for row, camera_id in enumerate(self.choice.slots):
            self.timeline_stack.set_name(row, self._labels[camera_id] if camera_id is not None else "")

    def _update_notes(self) -> None:
        self.view_grid.set_notes(self._note)

    def _note(self, camera_id: int | None) -> str:
        """The text a view shows when it has no picture."""
        unavailable = unavailable_text(self._review is not None, self._allowed)
        day = self.days.get(camera_id) if camera_id is not None else None
        return unavailable or view_note(
            camera_id, day is not None, bool(day and day.coverage), self.day, self._activated
        )

    def _enable(self) -> None:
        ready = self._review is not None and self._allowed
        has_span = self.span is not None and self.selected_camera is not None
        self.commands["lock"].setEnabled(ready and has_span and self._may_lock)
        for name in ("export_clip", "export_package"):
            self.commands[name].setEnabled(ready and has_span and self._may_export)
        self.transport.export_button.setEnabled(ready and has_span and self._may_export)
        self.commands["bookmark"].setEnabled(ready and self.selected_camera is not None)

    def _timeline_menu(self, row: int, seconds: float, where: QPoint) -> None:
        self.select_view(row)
        actions = [self.commands[name] for name in ("lock", "export_clip", "export_package")]
        exec_timeline_menu(
            self, wall_time(self.day, seconds), where, self.seek,
            lambda at, start: self.mark_in(at) if start else self.mark_out(at), actions,
        )  # fmt: skip

    # -- visibility and lifetime

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stopped:
            return
        if not self._activated:
            self._activated = True  # the first time anyone looks: load what is chosen
            self._load()
            self._mark_recorded_days()
        else:
            self.refresh_today()  # what was recorded while nobody looked
        self.loader.refresh_timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.loader.refresh_timer.stop()
        if self.status is not None and self.status.playing:
            self.driver.call(lambda p: p.pause())  # nobody watches a hidden tab

    def stop(self) -> None:
        """Close the player's thread (window closing)."""
        self._stopped = True
        self.loader.refresh_timer.stop()
        self.exporter.cancel()
        self.driver.close()
