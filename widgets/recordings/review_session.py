"""The state of one recordings review, without widgets: which cameras play, the day, where the player
is, the span, what may be done with it, and keeping today's day fresh.

The session owns the DayLoader (reads days on the TaskRunner) and the PlaybackDriver (the player's
thread, coalesced seeks); the Recordings pane calls its methods and draws what its signals say.
Nothing loads until `activate` (the pane first shown); `seek` to another day loads that day and
goes there once loaded; a freshly loaded day starts where `start_position` says. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from PySide6.QtCore import QObject, Signal

from app.domain.people import User
from app.domain.permissions import Action, may_at_all
from app.playback.permissions import may_review_at_all
from app.playback.player import PlaybackStatus, PlayerFrame
from app.playback.review_model import CameraDay
from app.playback.review_service import RecordingReviewService
from app.tasks import TaskRunner
from widgets.recordings.camera_slots import CameraSlots
from widgets.recordings.day_loader import DayLoader
from widgets.recordings.playback_driver import PlaybackDriver
from widgets.recordings.player_bridge import PlayerBridge
from widgets.recordings.span_selection import SpanSelection
from widgets.recordings.start_position import recorded_soon_after, start_position
from widgets.recordings.timeline_axis import seconds_of_day

START_ZOOM_SECONDS = 3600.0  # a freshly started day shows the hour around the playhead


@dataclass(frozen=True, slots=True)
class ReviewAvailability:
    """Which of the span and moment commands may run now."""

    bookmark: bool
    lock: bool
    export: bool


class ReviewSession(QObject):
    SEEK_COALESCE_MS = 40
    REFRESH_MS = 30_000  # today's coverage grows by a segment a minute; events come any time

    cameras_changed = Signal()  # which camera plays in which view
    camera_put = Signal(int)  # a camera was put in a view by `show_recording` (it may be out of scope)
    grid_changed = Signal(int)  # 1 or 4 views
    view_selected = Signal(int)  # the selected view's index
    day_changed = Signal(object)  # datetime.date now reviewed
    day_cleared = Signal()  # what was drawn of the previous day or cameras is gone
    loading = Signal()  # the day's reading started
    camera_day_loaded = Signal(int)  # camera id whose CameraDay is new: redraw it
    started = Signal(float)  # the loaded day started playing: show this many seconds around it
    nothing_recorded = Signal()  # the loaded day has no recording to start at
    playhead_moved = Signal(float, bool)  # seconds of day, follow it (playing)
    status_changed = Signal(object, bool)  # PlaybackStatus, whether its position was taken
    frames_ready = Signal()  # `take_frames` has pictures
    span_changed = Signal()
    availability_changed = Signal(object)  # ReviewAvailability
    recorded_days = Signal(list)  # list[date] of the selected camera
    failed = Signal(object)  # the exception of a task

    def __init__(
        self,
        review: RecordingReviewService | None,
        tasks: TaskRunner,
        user: User,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.has_service = review is not None
        self.allowed = may_review_at_all(user)
        self._may_lock, self._may_export = may_at_all(user, Action.LOCK), may_at_all(user, Action.EXPORT)
        self.clock: Callable[[], datetime] = datetime.now
        self.choice = CameraSlots()
        self.day: date = self.clock().date()
        self.position: datetime | None = None
        self.status: PlaybackStatus | None = None
        self.spans = SpanSelection()
        self.activated = False  # the pane has been shown: loading may start
        self._stopped = False
        self.pending_seek: datetime | None = None  # where to go once the day is loaded
        self.driver = PlaybackDriver(self.SEEK_COALESCE_MS, self)
        self.driver.status_ready.connect(self._take_status)
        self.driver.frames_ready.connect(self.frames_ready)
        self.loader = DayLoader(
            review, tasks, self.driver, lambda: self.clock().date(), self.REFRESH_MS, self, user=user
        )
        self.loader.day_changed.connect(self.camera_day_loaded)
        self.loader.timelines_ready.connect(self._go_to_start)
        self.loader.timelines_changed.connect(self._segments_added)
        self.loader.recorded_days.connect(self.recorded_days)
        self.loader.failed.connect(self.failed)

    # -- what is reviewed

    @property
    def days(self) -> dict[int, CameraDay]:
        """The loaded days of the cameras being played."""
        return self.loader.days

    @property
    def slots(self) -> list[int | None]:
        """The camera of each of the four views (shown or not)."""
        return self.choice.slots

    @property
    def grid(self) -> int:
        return self.choice.grid

    @property
    def selected(self) -> int:
        return self.choice.selected

    @property
    def active_cameras(self) -> list[int]:
        return self.choice.active

    @property
    def selected_camera(self) -> int | None:
        return self.choice.selected_camera

    @property
    def bridge(self) -> PlayerBridge | None:
        return self.driver.bridge

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        return self.spans.span

    def availability(self) -> ReviewAvailability:
        ready = self.has_service and self.allowed
        camera = self.selected_camera is not None
        has_span = self.span is not None and camera
        return ReviewAvailability(
            bookmark=ready and camera,
            lock=ready and has_span and self._may_lock,
            export=ready and has_span and self._may_export,
        )

    # -- choosing what to play

    def fill_from_scope(self, in_scope: Sequence[int]) -> None:
        """A new scope: keep playing the current cameras if still in it, else play its first ones."""
        if self.choice.fill_from_scope(in_scope):
            self._cameras_changed()

    def choose_camera(self, camera_id: int) -> None:
        """Play `camera_id` in the selected view (a camera already shown just gets selected)."""
        index = self.choice.index_of(camera_id)
        if index is not None:
            self.select_view(index)
            return
        self.choice.put(camera_id)
        self._cameras_changed()

    def set_grid(self, size: int, spare: Sequence[int]) -> None:
        """1 view or 2×2 in sync; going to 2×2 fills empty views from `spare` (the scope's cameras)."""
        if self.choice.set_grid(size, spare):
            self.grid_changed.emit(self.choice.grid)
            self.select_view(min(self.choice.selected, self.choice.grid - 1))
            self._cameras_changed()

    def select_view(self, index: int) -> None:
        if not 0 <= index < self.choice.grid:
            return
        self.choice.selected = index
        self.view_selected.emit(index)
        self.availability_changed.emit(self.availability())

    def set_day(self, day: date) -> None:
        if day != self.day:
            self._change_day(day)
            self.pending_seek = None
            self._load()

    def go_to_time(self, at: time) -> None:
        self.seek(datetime.combine(self.day, at))

    def show_recording(self, camera_id: int, at: datetime, *, reread: bool = False) -> None:
        """Play `camera_id` from `at`: its day, its moment. `reread`: read the day again even if it
        is on show (a segment was just closed: an alarm)."""
        index = self.choice.index_of(camera_id)
        if index is not None and at.date() == self.day and self.driver.ready and not reread:
            self.select_view(index)  # already playing that day: just go there
            self.seek(at)
            return
        self.choice.put(camera_id)
        self.camera_put.emit(camera_id)
        self._change_day(at.date())
        self.pending_seek = at
        self.select_view(self.choice.selected)
        self._cameras_changed()

    # -- playback

    def seek(self, at: datetime) -> None:
        """Show the frame at `at`. Repeated calls within SEEK_COALESCE_MS become one seek."""
        if at.date() != self.day:
            self._change_day(at.date())
            self.pending_seek = at
            self._load()
            return
        self.position = at
        self.playhead_moved.emit(seconds_of_day(self.day, at), False)
        if not self.driver.ready:
            self.pending_seek = at  # still loading: go there once the day is in
            return
        self.driver.seek(at)

    def transport_handlers(self) -> dict[str, Callable[[], object]]:
        """The commands that only drive the player (play, jumps, frame steps, speed steps)."""
        return self.driver.transport_handlers()

    def set_speed(self, speed: float) -> None:
        self.driver.set_speed(speed)

    def take_frames(self) -> dict[int, PlayerFrame]:
        return self.driver.take_frames()

    def _take_status(self) -> None:
        status = self.driver.take_status()
        if status is None:
            return
        self.status = status
        took = False
        if status.position is not None and self.driver.seek_target is None:  # else a seek is waiting
            took, self.position = True, status.position
            if status.position.date() == self.day:
                self.playhead_moved.emit(seconds_of_day(self.day, status.position), status.playing)
        self.status_changed.emit(status, took)

    # -- the span

    def mark_in(self, at: datetime | None = None) -> None:
        at = at or self.position
        if at is not None:
            self.spans.mark_in(at)
            self._span_changed()

    def mark_out(self, at: datetime | None = None) -> None:
        at = at or self.position
        if at is not None:
            self.spans.mark_out(at)
            self._span_changed()

    def clear_span(self) -> None:
        self.spans.clear()
        self._span_changed()

    def set_span(self, start: datetime, end: datetime) -> None:
        self.spans.set(start, end)
        self._span_changed()

    def span_text(self) -> str:
        return self.spans.text()

    def _span_changed(self) -> None:
        self.span_changed.emit()
        self.availability_changed.emit(self.availability())

    # -- loading days (DayLoader, worker threads)

    def reload(self, camera_id: int) -> None:
        """Read the camera's day again (a bookmark or lock changed)."""
        self.loader.reload(camera_id)

    def refresh_today(self) -> bool:
        """Re-read today's day of the cameras being played (a past day does not change)."""
        return self.activated and not self._stopped and self.loader.refresh()

    def _change_day(self, day: date) -> None:
        self.day = day
        self.day_changed.emit(day)

    def _cameras_changed(self) -> None:
        self.cameras_changed.emit()
        self.availability_changed.emit(self.availability())
        self._load()
        self._mark_recorded_days()

    def _load(self) -> None:
        """Load the day of every camera being played; `_go_to_start` once the player has them."""
        self.loader.forget()
        self.day_cleared.emit()
        if not self.allowed or not self.activated:
            return
        if self.loader.load(self.day, self.active_cameras):
            self.loading.emit()

    def _segments_added(self) -> None:
        """A refresh found new segments (the player has them, where it is: the playhead stays)."""
        self._mark_recorded_days()
        if self.position is None:
            self._go_to_start()  # the day had nothing recorded yet: start now that it has

    def _go_to_start(self) -> None:
        camera = self.selected_camera
        selected = self.days.get(camera) if camera is not None else None
        target = recorded_soon_after(selected, self.pending_seek) or start_position(
            self.days,
            [camera, *self.active_cameras],
            self.day,
            today=self.day == self.clock().date(),
            position=self.position,
        )
        self.pending_seek = None
        if target is not None:
            self.seek(target)
            self.started.emit(START_ZOOM_SECONDS)
        else:
            self.nothing_recorded.emit()

    def _mark_recorded_days(self) -> None:
        if self.selected_camera is not None and self.activated and self.allowed:
            self.loader.mark_recorded_days(self.selected_camera)

    # -- visibility and lifetime

    def activate(self) -> None:
        """The pane is shown: the first time load what is chosen, later catch up; refresh while shown."""
        if self._stopped:
            return
        if not self.activated:
            self.activated = True
            self._load()
            self._mark_recorded_days()
        else:
            self.refresh_today()  # what was recorded while nobody looked
        self.loader.start_refreshing()

    def deactivate(self) -> None:
        """The pane is hidden: no refreshing, and playback pauses (nobody watches a hidden tab)."""
        self.loader.stop_refreshing()
        if self.status is not None and self.status.playing:
            self.driver.pause()

    def stop(self) -> None:
        """Close the player's thread (window closing)."""
        self._stopped = True
        self.loader.stop_refreshing()
        self.driver.close()
