"""The recorded history of a camera as values: a segment file (Recording), an officer's bookmark on
a moment, and an evidence lock that keeps a span from retention. app.persistence's recording and
evidence repositories store and read them (and re-export them); the Recordings pane and playback
read them without loading the database code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Recording:
    """One segment file. `path` is relative to the recordings root of `store` (POSIX separators)."""

    id: int
    camera_id: int
    store: str
    started_at: datetime
    ended_at: datetime | None  # None while open (being written, or crashed and not yet recovered)
    path: str
    size_bytes: int = 0
    frames: int = 0
    duration_s: float = 0.0
    codec: str = ""
    width: int = 0
    height: int = 0
    locked: bool = False

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def covers_until(self, open_until: datetime) -> datetime:
        """Where this segment's picture ends; an open one is taken to run until `open_until`."""
        return self.ended_at if self.ended_at is not None else open_until


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: int
    camera_id: int
    at: datetime
    note: str
    created_by: str  # the author's display name (their login when the user row is gone: "#<id>")
    created_at: datetime
    created_by_id: int = 0
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EvidenceLock:
    id: int
    camera_id: int
    start: datetime
    end: datetime
    reason: str
    created_by: str  # display name, as for Bookmark
    created_at: datetime
    created_by_id: int = 0
