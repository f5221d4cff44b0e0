"""视频墙 Video wall: live classroom cameras of the selected area, paged, toured and arranged by hand.

The pane composes the tool row (wall_toolbar), the painting canvas (wall_canvas) and the stream
controller (wall_streams); it owns the arrangement (which camera is on which tile of which page),
follows the county tree's scope, and keeps each officer's named layouts in Settings.

Alarms (`set_alarms`, from the Events pane's poll) mark the tiles of cameras with an unclaimed
high-severity event; a click on the label asks the window to open the camera's recording of the
30 s before (`alarm_opened`); the tile menu mutes or snoozes a camera's alarm sound (wall_alarms.py).

Streams are opened only once the pane has been shown, and the wall decodes keyframes only while it
is hidden (another dock tab, closed dock, minimised window). GUI thread throughout; file writes
go through the task runner (a snapshot: the recordings review's service writes and audits it,
app/playback/tile_snapshots.py) or happen at exit (the --stats report).
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import QInputDialog, QMenu, QVBoxLayout, QWidget

from app import paths
from app.context import AppContext
from app.domain.people import Scope, User
from app.domain.permissions import Action, may_at_all
from app.gui_stall_probe import StallSummary
from app.playback.permissions import ReviewPermissionError
from app.settings import Settings
from app.supervision.alarm_board import Alarm
from app.tasks import TaskHandle, TaskRunner
from app.video import DecoderPool
from app.video.stream_events import StreamLossTracker
from app.video.wall_layout import WallArrangement, cameras_in_scope, layout_for
from app.video.wall_stats import WallRunReport, process_usage, write_report
from widgets.error_texts import error_text
from widgets.panes.pane import Pane
from widgets.video_wall.tile import Tile
from widgets.video_wall.tile_bind_queue import TileBindQueue
from widgets.video_wall.wall_alarms import WallAlarms
from widgets.video_wall.wall_canvas import WallCanvas
from widgets.video_wall.wall_streams import WallStreams
from widgets.video_wall.wall_toolbar import WallToolbar

log = logging.getLogger(__name__)


class VideoWallPane(Pane):
    OBJECT_NAME = "videoWallPane"
    ICON = "pane_video_wall"

    stream_health = Signal(int, int, int)  # (open, failing, preparing demo video), for the status bar
    message = Signal(str)  # a short note for the status bar (snapshot saved …)
    alarm_opened = Signal(int, object)  # (camera id, datetime to play from): an alarm was clicked

    def __init__(
        self,
        context: AppContext,
        settings: Settings,
        tasks: TaskRunner,
        user: User,
        pool: DecoderPool | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._settings = settings
        self._tasks = tasks
        self._login = user.login
        self._user = user
        # Saving a tile's picture is evidence: audited, so only with the review's database.
        self._snapshots = context.playback.snapshots if context.playback is not None else None
        workspace = context.workspace
        self._cameras = {c.id: c for c in workspace.cameras}
        self._places = self._place_names()
        self._own_pool = pool is None
        self.pool = pool or DecoderPool(64)
        self._loss = StreamLossTracker(context.stream_events, resumed=context.stream_losses_left_open)
        self.toolbar = WallToolbar(self)
        self.canvas = WallCanvas(self)
        self.streams = WallStreams(
            self.pool,
            self.canvas,
            loss_tracker=self._loss,
            check_files=self._check_files,
            recording=context.recording,
            analysis=context.analysis,
            media_in_preparation=context.media_in_preparation,
        )
        self.streams.health_changed.connect(self.stream_health)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.canvas, 1)

        state = settings.wall_state(self._login)
        grid = str(state.get("grid") or ("4x4" if context.is_demo else "3x3"))
        try:
            initial = layout_for(grid)
        except KeyError:
            initial = layout_for("3x3")
        self.arrangement = WallArrangement(initial)
        self._named = ""
        self._started = False
        self._stopped = False
        self.tiles: list[Tile] = []
        self._to_bind = TileBindQueue(self._bind_queued, self)  # a page opens one tile per turn
        self.alarms = WallAlarms(settings, self._login, self)
        self.alarms.opened.connect(self.alarm_opened)
        self._tour = QTimer(self)
        self._tour.timeout.connect(self.next_page)
        self._tour.setInterval(int(state.get("tour_seconds", 10)) * 1000)  # type: ignore[call-overload]
        self.toolbar.tour_interval.setValue(self._tour.interval() // 1000)
        self._visibility = QTimer(self)  # minimised windows send no hide event to the pane
        self._visibility.setInterval(500)
        self._visibility.timeout.connect(self._check_visibility)
        self._report = WallRunReport(initial.key, time.monotonic(), process_usage().cpu_seconds)

        self.toolbar.layout_chosen.connect(self.set_layout)
        self.toolbar.page_step.connect(lambda step: self.next_page() if step > 0 else self.previous_page())
        self.toolbar.tour_toggled.connect(self.set_tour)
        self.toolbar.tour_interval_changed.connect(lambda s: self._tour.setInterval(s * 1000))
        self.toolbar.save_layout_requested.connect(self._ask_save_layout)
        self.toolbar.load_layout_requested.connect(self.load_named_layout)
        self.toolbar.delete_layout_requested.connect(self.delete_named_layout)
        self.canvas.tile_dropped.connect(self.drop_cameras)
        self.canvas.maximise_toggled.connect(self.toggle_maximise)
        self.canvas.context_menu_requested.connect(self._tile_menu)
        self.canvas.alarm_clicked.connect(self.open_alarm)
        self.toolbar.set_named_layouts(list(settings.wall_layouts(self._login)))
        self._make_tiles()
        named = str(state.get("named") or "")
        self._keep_restored = False
        if named and named in settings.wall_layouts(self._login):
            self.load_named_layout(named)
            self._keep_restored = True  # the window's first scope must not replace it

    # -- Pane

    def pane_title(self) -> str:
        return self.tr("Video wall")

    def set_scope(self, scope: Scope) -> None:
        """Show the cameras of the selected county / site / classroom (the tree's current node)."""
        super().set_scope(scope)
        if self._keep_restored:
            self._keep_restored = False
            return
        self.arrangement.set_cameras([c.id for c in cameras_in_scope(self._context.workspace, scope)])
        self._named = ""
        self.toolbar.set_named_layouts(list(self._settings.wall_layouts(self._login)), "")
        self._show_page()

    def retranslate(self) -> None:
        self.toolbar.retranslate()
        self.canvas.update()

    # -- layout, pages, tour

    def set_layout(self, key: str) -> None:
        self.arrangement.set_layout(layout_for(key))
        self._report.layout = self.arrangement.layout.key
        self.canvas.set_maximised(None)
        self._make_tiles()

    def next_page(self) -> None:
        self.arrangement.next_page()
        self._show_page()

    def previous_page(self) -> None:
        self.arrangement.previous_page()
        self._show_page()

    def set_tour(self, on: bool) -> None:
        if on and self.arrangement.page_count > 1:
            self._tour.start()
        else:
            self._tour.stop()
        if self.toolbar.tour_button.isChecked() != on:
            self.toolbar.tour_button.setChecked(on)

    def toggle_maximise(self, index: int) -> None:
        """Double-click: one tile fills the wall on the camera's main stream; again to go back."""
        maximised = None if self.canvas.maximised == index else index
        self.canvas.set_maximised(maximised)
        if self._started:
            for tile in self.tiles:
                if tile.camera is not None and (tile.index == maximised) != tile.main_stream:
                    self.streams.bind(tile, main_stream=tile.index == maximised)
            self.streams.update_target_sizes()

    def drop_cameras(self, index: int, camera_ids: list[int]) -> None:
        known = [c for c in camera_ids if c in self._cameras and self._cameras[c].enabled]
        if known:
            self.arrangement.place(index, known)
            self._show_page()

    def show_camera(self, camera_id: int) -> bool:
        """Bring one camera's live picture forward (an ongoing event was opened): go to the page that
        holds it, or put it on the maximised / selected tile, then maximise its tile. False: unknown
        or disabled camera."""
        camera = self._cameras.get(camera_id)
        if camera is None or not camera.enabled:
            return False
        per_page = self.arrangement.tiles_per_page
        if camera_id in self.arrangement.cameras:
            position = self.arrangement.cameras.index(camera_id)
            self.arrangement.go_to_page(position // per_page)
            tile = position % per_page
        else:
            tile = next((t for t in (self.canvas.maximised, self.canvas.selected) if t is not None), 0)
            self.arrangement.place(tile, [camera_id])
        self._show_page()
        self.canvas.selected = tile
        if self.canvas.maximised != tile:
            self.toggle_maximise(tile)
        return True

    # -- alarms

    def set_alarms(self, alarms: dict[int, list[Alarm]]) -> None:
        """The cameras with unclaimed high-severity events now (the Events pane's poll)."""
        self.alarms.set_alarms(alarms)
        self.alarms.mark(self.tiles)
        self.canvas.update()

    def open_alarm(self, index: int) -> None:
        self.alarms.open(self.tiles[index])

    def _make_tiles(self) -> None:
        for tile in self.tiles:
            self.streams.unbind(tile)
        self._to_bind.clear()
        self.tiles = [Tile(i) for i in range(self.arrangement.tiles_per_page)]
        self.canvas.set_tiles(self.arrangement.layout, self.tiles)
        self.toolbar.set_layout_key(self.arrangement.layout.key)
        self._show_page()

    def _show_page(self) -> None:
        """Put the current page's cameras on the tiles, reopening only the tiles that changed."""
        for tile, camera_id in zip(self.tiles, self.arrangement.visible(), strict=True):
            camera = self._cameras.get(camera_id) if camera_id is not None else None
            if tile.camera is not camera or (camera is not None and tile.stream_id is None and self._started):
                self.streams.unbind(tile)
                self._to_bind.discard(tile)
                tile.camera = camera
                tile.place = self._places.get(camera.classroom_id, "") if camera else ""
                if camera is not None and self._started:
                    self._to_bind.add(tile)
        self.alarms.mark(self.tiles)
        self.toolbar.set_page(self.arrangement.page, self.arrangement.page_count)
        if self._tour.isActive() and self.arrangement.page_count < 2:
            self.set_tour(False)
        self.canvas.update()

    def tiles_opening(self) -> int:
        """How many tiles of the page are still waiting for their turn to open their stream."""
        return self._to_bind.pending()

    def _bind_queued(self, tile: Tile) -> None:
        """Open a tile's stream unless the page moved on or the wall stopped meanwhile."""
        if self._stopped or tile.camera is None or tile.stream_id is not None:
            return
        if any(current is tile for current in self.tiles):
            self.streams.bind(tile, main_stream=tile.index == self.canvas.maximised)

    # -- named layouts (per user, in Settings)

    def save_named_layout(self, name: str) -> None:
        layouts = self._settings.wall_layouts(self._login)
        layouts[name] = self.arrangement.to_json()
        self._settings.set_wall_layouts(self._login, layouts)
        self._named = name
        self.toolbar.set_named_layouts(list(layouts), name)

    def load_named_layout(self, name: str) -> None:
        text = self._settings.wall_layouts(self._login).get(name)
        if text is None:
            return
        self.arrangement = WallArrangement.from_json(text, set(self._cameras))
        self._named = name
        self.toolbar.set_named_layouts(list(self._settings.wall_layouts(self._login)), name)
        self.canvas.set_maximised(None)
        self._make_tiles()

    def delete_named_layout(self, name: str) -> None:
        layouts = self._settings.wall_layouts(self._login)
        layouts.pop(name, None)
        self._settings.set_wall_layouts(self._login, layouts)
        if self._named == name:
            self._named = ""
        self.toolbar.set_named_layouts(list(layouts), self._named)

    def _ask_save_layout(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Save layout"), self.tr("Name of this layout:"), text=self._named
        )
        if ok and name.strip():
            self.save_named_layout(name.strip())

    def save_state(self) -> None:
        self._settings.set_wall_state(
            self._login,
            {
                "grid": self.arrangement.layout.key,
                "named": self._named,
                "tour_seconds": self._tour.interval() // 1000,
            },
        )

    # -- tile actions

    def _tile_menu(self, index: int, where: QPoint) -> None:
        tile = self.tiles[index]
        menu = QMenu(self)
        maximised = self.canvas.maximised == index
        toggle = self.tr("Restore") if maximised else self.tr("Maximise")
        menu.addAction(toggle, lambda: self.toggle_maximise(index))
        snap = menu.addAction(self.tr("Save snapshot"), lambda: self.snapshot(index))
        snap.setEnabled(self.may_snapshot and tile.frame is not None)
        again = menu.addAction(self.tr("Reconnect now"), lambda: self.streams.restart(tile))
        again.setEnabled(tile.stream_id is not None)
        clear = menu.addAction(self.tr("Remove from the wall"), lambda: self._clear_tile(index))
        clear.setEnabled(tile.camera is not None)
        if tile.camera is not None:
            self.alarms.add_actions(menu, tile.camera.id, tile.alarm)
        menu.exec(where)

    def _clear_tile(self, index: int) -> None:
        self.arrangement.clear_tile(index)
        self._show_page()

    @property
    def may_snapshot(self) -> bool:
        """Whether "Save snapshot" is offered: an audit log to record it in, a post that may export."""
        return self._snapshots is not None and may_at_all(self._user, Action.EXPORT)

    def snapshot(self, index: int, path: Path | None = None) -> TaskHandle | None:
        """Save the tile's current picture as evidence (PNG, audited) on a worker; `message` says where.

        The service re-checks the user and writes nothing when they may not export this camera."""
        tile = self.tiles[index]
        frame, camera, snapshots = tile.frame, tile.camera, self._snapshots
        if frame is None or camera is None or snapshots is None:
            return None
        now = datetime.now()
        stamp = f"{now:%Y%m%d-%H%M%S}-{now.microsecond // 1000:03d}"
        target = path or paths.data_dir() / "snapshots" / f"camera-{camera.id}-{stamp}.png"
        user, camera_id = self._user, camera.id
        return self._tasks.run(
            lambda: snapshots.save(camera_id, frame, user, target),
            lambda saved: self.message.emit(self.tr("Snapshot saved to %1").replace("%1", str(saved))),
            self._snapshot_failed,
        )

    def _snapshot_failed(self, error: BaseException) -> None:
        if isinstance(error, ReviewPermissionError):
            text = self.tr("Snapshot refused: you may not save pictures of this camera.")
        else:
            text = self.tr("Snapshot failed: %1").replace("%1", error_text(error))
        self.message.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_PageDown:
            self.next_page()
        elif event.key() == Qt.Key.Key_PageUp:
            self.previous_page()
        elif event.key() == Qt.Key.Key_Escape and self.canvas.maximised is not None:
            self.toggle_maximise(self.canvas.maximised)
        else:
            super().keyPressEvent(event)

    # -- visibility and lifetime

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started and not self._stopped:
            self._started = True
            self.streams.start()
            self._visibility.start()
            self._show_page()
        self._check_visibility()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.streams.set_active(False)

    def _check_visibility(self) -> None:
        window = self.window()
        on_screen = (
            self.canvas.isVisible() and not window.isMinimized() and not self.canvas.visibleRegion().isEmpty()
        )
        self.streams.set_active(on_screen and self._started and not self._stopped)

    def stop(self, timeout: float = 3.0) -> None:
        """Close every stream (window closing). Stops the pool if this pane made it."""
        if self._stopped:
            return
        self._stopped = True
        self._to_bind.clear()
        self._tour.stop()
        self._visibility.stop()
        self.save_state()
        self.streams.stop()
        if self._own_pool:
            self.pool.stop(timeout=timeout)

    # -- figures

    def run_report(self, stalls: StallSummary | None = None) -> WallRunReport:
        self._report.tiles = self.streams.figures(self.tiles)
        self._report.gui_worst_lateness_ms = self.streams.worst_lateness_run * 1000
        self._report.gui_stalls = stalls
        return self._report

    def write_stats(self, path: Path, stalls: StallSummary | None = None) -> None:
        """`stalls`: the GUI stall probe's figures since the QApplication was made (main.py)."""
        write_report(path, self.run_report(stalls))

    # -- helpers

    def _check_files(self, files: list[Path], done: object) -> None:
        self._tasks.run(lambda: [f.exists() for f in files], done)  # type: ignore[arg-type]

    def _place_names(self) -> dict[int, str]:
        workspace = self._context.workspace
        counties = {c.id: c.name for c in workspace.counties}
        sites = {s.id: s for s in workspace.sites}
        names = {}
        for room in workspace.classrooms:
            site = sites.get(room.site_id)
            county = counties.get(site.county_id, "") if site else ""
            names[room.id] = " · ".join(p for p in (county, site.name if site else "", room.name) if p)
        return names
