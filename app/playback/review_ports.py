"""What the Recordings pane and the wall's snapshot action call on the recordings review
(app.playback.review_service.RecordingReviewService), as Protocols the widgets depend on; and
RecordingsUnavailable, what the pane gets when the recordings folder cannot be used: it says so
and refuses every call with that reason, so the pane never tests for an absent service. Every
method of a working review blocks: the pane calls them through app.tasks.TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.domain.people import User

if TYPE_CHECKING:  # the values live beside the database code: only their names are needed here
    from app.domain.recordings import Bookmark, EvidenceLock
    from app.playback.review_model import CameraDay
    from app.playback.segment_timeline import SegmentTimeline
    from app.video.latest_frame import VideoFrameData

# An officer, or the login of one (app.playback.review_access.UserRef).
Reviewer = User | str


class SpanExports(Protocol):
    """Exporting a span of one camera as a clip or a signed evidence package (ReviewExports)."""

    def export_clip(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: Reviewer,
        *,
        progress: Callable[[float], None],
        cancelled: Callable[[], bool],
        replace: bool = False,
    ) -> Path: ...

    def export_package(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: Reviewer,
        *,
        progress: Callable[[float], None],
        cancelled: Callable[[], bool],
        replace: bool = False,
    ) -> Path: ...


class TileSnapshotSaver(Protocol):
    """Saving a live tile's picture as evidence, audited (TileSnapshots)."""

    def save(self, camera_id: int, frame: VideoFrameData, user: Reviewer, target: Path) -> Path: ...


class RecordingReview(Protocol):
    """Days, a camera's day and its timeline, bookmarks, evidence locks, exports and snapshots."""

    @property
    def available(self) -> bool: ...  # False: RecordingsUnavailable

    @property
    def exports(self) -> SpanExports: ...

    @property
    def snapshots(self) -> TileSnapshotSaver: ...

    def days_with_recordings(self, camera_id: int, user: Reviewer) -> list[date]: ...

    def timeline(self, camera_id: int, start: datetime, end: datetime, user: Reviewer) -> SegmentTimeline: ...

    def load_day(self, camera_id: int, day: date, user: Reviewer) -> CameraDay: ...

    def add_bookmark(self, camera_id: int, at: datetime, note: str, user: Reviewer) -> Bookmark: ...

    def update_bookmark(self, bookmark_id: int, note: str, user: Reviewer) -> Bookmark: ...

    def delete_bookmark(self, bookmark_id: int, user: Reviewer) -> None: ...

    def lock_span(
        self, camera_id: int, start: datetime, end: datetime, reason: str, user: Reviewer
    ) -> EvidenceLock: ...

    def unlock(self, lock_id: int, user: Reviewer) -> None: ...


class RecordingsUnavailableError(OSError):
    """The recordings folder could not be used when the console started."""


class RecordingsUnavailable:
    """The review when its folder is unusable (RecordingReview): `available` is False, so the pane
    shows why it has nothing, and every call raises RecordingsUnavailableError with the reason.
    It is its own `exports` and `snapshots`, which refuse the same way."""

    available = False

    def __init__(self, reason: str) -> None:
        self.reason = reason

    @property
    def exports(self) -> RecordingsUnavailable:
        return self

    @property
    def snapshots(self) -> RecordingsUnavailable:
        return self

    def _refused(self) -> RecordingsUnavailableError:
        return RecordingsUnavailableError(self.reason)

    def days_with_recordings(self, camera_id: int, user: Reviewer) -> list[date]:
        raise self._refused()

    def timeline(self, camera_id: int, start: datetime, end: datetime, user: Reviewer) -> SegmentTimeline:
        raise self._refused()

    def load_day(self, camera_id: int, day: date, user: Reviewer) -> CameraDay:
        raise self._refused()

    def add_bookmark(self, camera_id: int, at: datetime, note: str, user: Reviewer) -> Bookmark:
        raise self._refused()

    def update_bookmark(self, bookmark_id: int, note: str, user: Reviewer) -> Bookmark:
        raise self._refused()

    def delete_bookmark(self, bookmark_id: int, user: Reviewer) -> None:
        raise self._refused()

    def lock_span(
        self, camera_id: int, start: datetime, end: datetime, reason: str, user: Reviewer
    ) -> EvidenceLock:
        raise self._refused()

    def unlock(self, lock_id: int, user: Reviewer) -> None:
        raise self._refused()

    def export_clip(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: Reviewer,
        *,
        progress: Callable[[float], None],
        cancelled: Callable[[], bool],
        replace: bool = False,
    ) -> Path:
        raise self._refused()

    def export_package(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: Reviewer,
        *,
        progress: Callable[[float], None],
        cancelled: Callable[[], bool],
        replace: bool = False,
    ) -> Path:
        raise self._refused()

    def save(self, camera_id: int, frame: VideoFrameData, user: Reviewer, target: Path) -> Path:
        raise self._refused()
