"""Bookmarks and evidence locks of the recordings review (tables of revision 0005).

A lock protects a camera's wall-clock span from retention through the `locked` flag of every
overlapping segment (retention's DELETE tests it), kept by three writers. `lock` flags every
overlapping row, open and already-flagged ones too, so on PostgreSQL it takes each row's lock and
serialises with retention's DELETE and a concurrent `release`. `covering` lets retention flag,
instead of delete, a segment that opened inside a lock after the lock was made (the recorder inserts
rows unlocked). `release` clears the flag only on segments no OTHER active lock covers, per segment.
Like every repository it never commits; the caller's transaction also holds the audit entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import Session

from app.domain.enums import EventState
from app.persistence.orm import BookmarkRow, EventRow, EvidenceLockRow, RecordingRow, UserRow

# Retention keeps this much picture before an undecided event began: the officer plays the lead-up.
EVENT_LEAD = timedelta(seconds=60)

__all__ = ["Bookmark", "EvidenceLock", "EvidenceRepository"]


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


class EvidenceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ----- names -----

    def _names(self, user_ids: Sequence[int]) -> dict[int, str]:
        if not user_ids:
            return {}
        rows = self.session.execute(
            select(UserRow.id, UserRow.display_name).where(UserRow.id.in_(set(user_ids)))
        )
        return {int(row.id): str(row.display_name) for row in rows}

    def _bookmarks(self, rows: Sequence[BookmarkRow]) -> list[Bookmark]:
        names = self._names([row.created_by for row in rows])
        return [
            Bookmark(
                row.id,
                row.camera_id,
                row.at,
                row.note,
                names.get(row.created_by, f"#{row.created_by}"),
                row.created_at,
                row.created_by,
                row.updated_at,
            )
            for row in rows
        ]

    def _locks(self, rows: Sequence[EvidenceLockRow]) -> list[EvidenceLock]:
        names = self._names([row.created_by for row in rows])
        return [
            EvidenceLock(
                row.id,
                row.camera_id,
                row.start_at,
                row.end_at,
                row.reason,
                names.get(row.created_by, f"#{row.created_by}"),
                row.created_at,
                row.created_by,
            )
            for row in rows
        ]

    # ----- bookmarks -----

    def add_bookmark(self, camera_id: int, at: datetime, note: str, user_id: int, now: datetime) -> Bookmark:
        row = BookmarkRow(camera_id=camera_id, at=at, note=note, created_by=user_id, created_at=now)
        self.session.add(row)
        self.session.flush()
        return self._bookmarks([row])[0]

    def get_bookmark(self, bookmark_id: int) -> Bookmark | None:
        row = self.session.get(BookmarkRow, bookmark_id)
        return None if row is None or row.deleted_at is not None else self._bookmarks([row])[0]

    def update_bookmark(self, bookmark_id: int, note: str, user_id: int, now: datetime) -> Bookmark | None:
        row = self.session.get(BookmarkRow, bookmark_id)
        if row is None or row.deleted_at is not None:
            return None
        row.note, row.updated_by, row.updated_at = note, user_id, now
        self.session.flush()
        return self._bookmarks([row])[0]

    def delete_bookmark(self, bookmark_id: int, user_id: int, now: datetime) -> bool:
        """Soft delete; False when there is no such active bookmark."""
        result = self.session.execute(
            update(BookmarkRow)
            .where(BookmarkRow.id == bookmark_id, BookmarkRow.deleted_at.is_(None))
            .values(deleted_by=user_id, deleted_at=now)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def bookmarks(self, camera_id: int, start: datetime, end: datetime) -> list[Bookmark]:
        rows = self.session.scalars(
            select(BookmarkRow)
            .where(
                BookmarkRow.camera_id == camera_id,
                BookmarkRow.at >= start,
                BookmarkRow.at < end,
                BookmarkRow.deleted_at.is_(None),
            )
            .order_by(BookmarkRow.at, BookmarkRow.id)
        )
        return self._bookmarks(list(rows))

    # ----- evidence locks -----

    def _active_locks(self, camera_id: int, start: datetime, end: datetime) -> list[EvidenceLockRow]:
        return list(
            self.session.scalars(
                select(EvidenceLockRow)
                .where(
                    EvidenceLockRow.camera_id == camera_id,
                    EvidenceLockRow.start_at < end,
                    EvidenceLockRow.end_at > start,
                    EvidenceLockRow.released_at.is_(None),
                )
                .order_by(EvidenceLockRow.start_at, EvidenceLockRow.id)
            )
        )

    def locks(self, camera_id: int, start: datetime, end: datetime) -> list[EvidenceLock]:
        """Active locks overlapping [start, end)."""
        return self._locks(self._active_locks(camera_id, start, end))

    def get_lock(self, lock_id: int) -> EvidenceLock | None:
        row = self.session.get(EvidenceLockRow, lock_id)
        return None if row is None or row.released_at is not None else self._locks([row])[0]

    def lock(
        self, camera_id: int, start: datetime, end: datetime, reason: str, user_id: int, now: datetime
    ) -> tuple[EvidenceLock, int]:
        """Record the lock and flag the segments overlapping it; returns it and how many it covers."""
        row = EvidenceLockRow(
            camera_id=camera_id, start_at=start, end_at=end, reason=reason, created_by=user_id, created_at=now
        )
        self.session.add(row)
        self.session.flush()
        # Every overlapping row: its row lock serialises with retention's DELETE on PostgreSQL.
        result = self.session.execute(
            update(RecordingRow)
            .where(_overlaps(camera_id, start, end))
            .values(locked=True)
            .execution_options(synchronize_session=False)
        )
        return self._locks([row])[0], int(result.rowcount)  # type: ignore[attr-defined]

    def release(self, lock_id: int, user_id: int, now: datetime) -> tuple[EvidenceLock, int] | None:
        """End a lock; unflag the segments it covered that no other active lock covers.

        Returns the lock and how many segments were unflagged; None when there is no such active lock
        (also when a concurrent release ended it first: the UPDATE is conditional on `released_at`).
        """
        result = self.session.execute(
            update(EvidenceLockRow)
            .where(EvidenceLockRow.id == lock_id, EvidenceLockRow.released_at.is_(None))
            .values(released_by=user_id, released_at=now)
            .execution_options(synchronize_session=False)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            return None
        row = self.session.get(EvidenceLockRow, lock_id, populate_existing=True)
        assert row is not None
        # FOR UPDATE: a concurrent `lock` and this release wait for each other (PostgreSQL).
        candidates = list(
            self.session.scalars(
                select(RecordingRow)
                .where(_overlaps(row.camera_id, row.start_at, row.end_at), RecordingRow.locked)
                .with_for_update()
            )
        )
        if not candidates:
            return self._locks([row])[0], 0
        # Other active locks anywhere near the candidates; each segment is then judged on its own.
        first = min(recording.started_at for recording in candidates)
        last = max(recording.ended_at or datetime.max for recording in candidates)
        others = self._active_locks(row.camera_id, first, last)
        freed: list[int] = []
        for recording in candidates:
            end = recording.ended_at
            still = any(
                other.start_at < (end if end is not None else datetime.max)
                and other.end_at > recording.started_at
                for other in others
            )
            if not still:
                freed.append(recording.id)
        if freed:
            self.session.execute(
                update(RecordingRow)
                .where(RecordingRow.id.in_(freed))
                .values(locked=False)
                .execution_options(synchronize_session=False)
            )
        self.session.expire_all()
        return self._locks([row])[0], len(freed)

    def covering(self, camera_id: int, started_at: datetime, ended_at: datetime | None) -> bool:
        """Whether an active lock overlaps a segment (an open one runs on indefinitely)."""
        conditions = [
            EvidenceLockRow.camera_id == camera_id,
            EvidenceLockRow.released_at.is_(None),
            EvidenceLockRow.end_at > started_at,
        ]
        if ended_at is not None:
            conditions.append(EvidenceLockRow.start_at < ended_at)
        query = select(EvidenceLockRow.id).where(*conditions).limit(1)
        return self.session.scalar(query) is not None

    def open_event_covering(self, camera_id: int, started_at: datetime, ended_at: datetime | None) -> bool:
        """Whether an event not yet decided (new, in progress, escalated) on the camera needs the segment.

        The event's picture counts from EVENT_LEAD before it started (the officer plays the lead-up) to
        its end; an event still running needs everything after its lead-up.
        """
        conditions = [
            EventRow.camera_id == camera_id,
            EventRow.state.not_in((EventState.CONFIRMED, EventState.DISMISSED)),
            or_(EventRow.ended_at.is_(None), EventRow.ended_at > started_at),
        ]
        if ended_at is not None:
            conditions.append(EventRow.started_at < ended_at + EVENT_LEAD)
        return self.session.scalar(select(EventRow.id).where(*conditions).limit(1)) is not None


def _overlaps(camera_id: int, start: datetime, end: datetime) -> ColumnElement[bool]:
    """Segments of `camera_id` whose picture overlaps [start, end); an open one counts from its start."""
    return and_(
        RecordingRow.camera_id == camera_id,
        RecordingRow.started_at < end,
        or_(RecordingRow.ended_at.is_(None), RecordingRow.ended_at > start),
    )
