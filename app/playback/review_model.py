"""What the recordings review shows: one camera's day (coverage, gaps, events, bookmarks, locks).

Plain frozen dataclasses, built by RecordingReviewService on a worker thread and handed to the
Recordings pane. Times are naive local wall-clock times, like everywhere else in the workspace.
`Bookmark` and `EvidenceLock` live with their repository (app/persistence/repositories/
evidence_repository.py), like `Recording`, and are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from app.domain.enums import EventKind, EventState, Severity
from app.persistence.repositories.evidence_repository import Bookmark, EvidenceLock

__all__ = ["Bookmark", "CameraDay", "EventMarker", "EvidenceLock", "ReviewDenial"]


@dataclass(frozen=True, slots=True)
class EventMarker:
    """A flagged event of the camera, drawn on the timeline (coloured by kind)."""

    event_id: int
    kind: EventKind
    state: EventState
    severity: Severity  # the project's own notion (low / medium / high)
    started_at: datetime
    ended_at: datetime | None
    learner_name: str | None  # the first learner's name; None for UNKNOWN_FACE, STREAM_LOST


@dataclass(frozen=True, slots=True)
class CameraDay:
    """What the timeline of one camera shows for one local day, [00:00, 24:00)."""

    camera_id: int
    day: date
    start: datetime
    end: datetime
    coverage: list[tuple[datetime, datetime]] = field(default_factory=list)
    gaps: list[tuple[datetime, datetime]] = field(default_factory=list)
    markers: list[EventMarker] = field(default_factory=list)
    bookmarks: list[Bookmark] = field(default_factory=list)
    locks: list[EvidenceLock] = field(default_factory=list)
    # Start of the segment being recorded now: shown, but not playable until closed (~1 min).
    recording_since: datetime | None = None


class ReviewDenial(StrEnum):
    """Why the review refused an action (stable codes; the pane words them with tr())."""

    UNKNOWN_USER = "unknown_user"
    INACTIVE = "inactive"
    POST_CANNOT = "post_cannot"  # this post may not lock / export / bookmark
    OUTSIDE_SCOPE = "outside_scope"  # a county manager and another county's camera
    NOT_OWNER = "not_owner"  # someone else's bookmark
    LOCK_TOO_LONG = "lock_too_long"  # an evidence lock longer than MAX_LOCK_SPAN (permissions.py)
    LOCK_TOO_FAR_AHEAD = "lock_too_far_ahead"  # a lock ending after now + MAX_LOCK_AHEAD
