"""Loads the days of the cameras being played on the TaskRunner, and keeps today's day fresh.

`load(day, cameras)` forgets what was shown; each camera's CameraDay arrives on its own
(`day_changed`) and, once every camera has its SegmentTimeline, the player gets them and
`timelines_ready` fires. `reload(camera)` re-reads one camera's day after a bookmark or lock changed.
`refresh()` re-reads today's days and timelines in one task and announces only what differs
(`timelines_changed` when segments were added; the player keeps its position); it is never doubled
and never re-reads another day. `refresh_timer` calls it between `start_refreshing` and
`stop_refreshing`. `mark_recorded_days(camera)` answers `recorded_days`. Answers belonging to an
older `load` are dropped (`generation`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.people import User
from app.playback.review_model import CameraDay
from app.playback.review_service import RecordingReviewService
from app.playback.segment_timeline import SegmentTimeline
from app.tasks import TaskRunner
from widgets.recordings.playback_driver import PlaybackDriver

Loaded = tuple[CameraDay, SegmentTimeline]


class DayLoader(QObject):
    day_changed = Signal(int)  # camera id whose CameraDay is new: redraw it
    timelines_ready = Signal()  # every camera of the last `load` has its timeline
    timelines_changed = Signal()  # a refresh found new or changed segments
    failed = Signal(object)  # the exception of a task
    recorded_days = Signal(list)  # list[date] of the camera asked with `mark_recorded_days`

    def __init__(
        self,
        review: RecordingReviewService | None,
        tasks: TaskRunner,
        driver: PlaybackDriver,
        today: Callable[[], date],
        refresh_ms: int,
        parent: QObject,
        *,
        user: User,
    ) -> None:
        super().__init__(parent)
        self._review = review
        self._user = user  # the service reads only the cameras this user may watch
        self._tasks = tasks
        self._driver = driver
        self._today = today
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(refresh_ms)
        self.refresh_timer.timeout.connect(self.refresh)
        self.day: date | None = None
        self.cameras: tuple[int, ...] = ()
        self.days: dict[int, CameraDay] = {}
        self.timelines: dict[int, SegmentTimeline] = {}
        self.generation = 0
        self.refreshing = False

    @property
    def complete(self) -> bool:
        """Every camera of the last `load` has its timeline."""
        return bool(self.cameras) and all(c in self.timelines for c in self.cameras)

    def start_refreshing(self) -> None:
        self.refresh_timer.start()

    def stop_refreshing(self) -> None:
        self.refresh_timer.stop()

    def forget(self) -> None:
        """Drop what is loaded and every answer still on its way."""
        self.generation += 1
        self.days, self.timelines = {}, {}
        self.refreshing = False
        self._driver.forget_timelines()

    def load(self, day: date, cameras: Sequence[int]) -> bool:
        """Start loading; False when there is nothing to load (no service or no camera)."""
        self.forget()
        self.day, self.cameras = day, tuple(cameras)
        review = self._review
        if review is None or not cameras:
            return False
        generation = self.generation

        def loaded(answer: Loaded) -> None:
            self._loaded(generation, answer)

        for camera_id in cameras:
            self._tasks.run(partial(_read, review, camera_id, day, self._user), loaded, self.failed.emit)
        return True

    def reload(self, camera_id: int) -> None:
        review, day, generation, user = self._review, self.day, self.generation, self._user
        if review is None or day is None or camera_id not in self.cameras:
            return

        def redraw(camera_day: CameraDay) -> None:
            if generation == self.generation:
                self.days[camera_day.camera_id] = camera_day
                self.day_changed.emit(camera_day.camera_id)

        self._tasks.run(lambda: review.load_day(camera_id, day, user), redraw, self.failed.emit)

    def refresh(self) -> bool:
        """Re-read today's day of the loaded cameras; False when not started (nothing loaded, another
        day, or a refresh still running)."""
        review, day, cameras, generation, user = (
            self._review,
            self.day,
            self.cameras,
            self.generation,
            self._user,
        )
        if review is None or day != self._today() or self.refreshing or not self.complete:
            return False
        self.refreshing = True

        def done(answers: list[Loaded]) -> None:
            if generation != self.generation:
                return
            self.refreshing = False
            self._refreshed(answers)

        def failed(error: BaseException) -> None:
            if generation == self.generation:
                self.refreshing = False
            self.failed.emit(error)

        self._tasks.run(lambda: [_read(review, cid, day, user) for cid in cameras], done, failed)
        return True

    def _loaded(self, generation: int, loaded: Loaded) -> None:
        if generation != self.generation:
            return
        camera_day, timeline = loaded
        self.days[camera_day.camera_id] = camera_day
        self.timelines[camera_day.camera_id] = timeline
        self.day_changed.emit(camera_day.camera_id)
        if self.complete:
            self._give_player_timelines()
            self.timelines_ready.emit()

    def mark_recorded_days(self, camera_id: int) -> None:
        review, user = self._review, self._user
        if review is not None:
            self._tasks.run(lambda: review.days_with_recordings(camera_id, user), self.recorded_days.emit)

    def _give_player_timelines(self) -> None:
        self._driver.set_timelines({cid: self.timelines[cid] for cid in self.cameras})

    def _refreshed(self, answers: list[Loaded]) -> None:
        segments_changed = False
        for camera_day, timeline in answers:
            camera_id = camera_day.camera_id
            if camera_day != self.days.get(camera_id):
                self.days[camera_id] = camera_day
                self.day_changed.emit(camera_id)
            previous = self.timelines.get(camera_id)
            if previous is None or previous.segments != timeline.segments:
                self.timelines[camera_id] = timeline
                segments_changed = True
        if segments_changed:
            self._give_player_timelines()
            self.timelines_changed.emit()


def _read(review: RecordingReviewService, camera_id: int, day: date, user: User) -> Loaded:
    """Worker thread: one camera's day and the segments the player plays."""
    start = datetime.combine(day, time())
    end = start + timedelta(days=1)
    return review.load_day(camera_id, day, user), review.timeline(camera_id, start, end, user)
