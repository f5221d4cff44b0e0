"""The index of recorded segments: write it as segments open and close, read it for the timeline.

Writers: a camera's recorder thread (`save` on open and on close, each its own short transaction),
start-up recovery and retention (`delete_unlocked`). Readers: the recordings review (a later issue):
`list_for_camera` for the timeline and for exact seeking (a wall time t lies in the segment with
started_at <= t < started_at + duration_s, at offset t - started_at), `coverage_gaps` for the holes.

`Recording` is a plain frozen dataclass (id 0 = not stored yet); it lives here rather than in
app.domain because nothing but the video and persistence layers deals in segment files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, tuple_, update
from sqlalchemy.orm import Session

from app.persistence.orm import RecordingRow

__all__ = ["Recording", "RecordingRepository"]

# Segments last about a minute; bounding the look-back keeps timeline queries a range scan.
DEFAULT_LOOKBACK = timedelta(hours=2)


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


_VALUE_FIELDS = (
    "camera_id",
    "store",
    "started_at",
    "ended_at",
    "path",
    "size_bytes",
    "frames",
    "duration_s",
    "codec",
    "width",
    "height",
)


def _values(recording: Recording) -> dict[str, object]:
    return {name: getattr(recording, name) for name in _VALUE_FIELDS}


def _to_recording(row: RecordingRow) -> Recording:
    return Recording(
        id=row.id,
        camera_id=row.camera_id,
        store=row.store,
        started_at=row.started_at,
        ended_at=row.ended_at,
        path=row.path,
        size_bytes=row.size_bytes,
        frames=row.frames,
        duration_s=row.duration_s,
        codec=row.codec,
        width=row.width,
        height=row.height,
        locked=row.locked,
    )


class RecordingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # ----- writing -----

    def add(self, recording: Recording) -> Recording:
        """Insert a new segment row (its `id` is ignored); returns it with the new id."""
        row = RecordingRow(**_values(recording), locked=recording.locked)
        self.session.add(row)
        self.session.flush()
        return dataclasses.replace(recording, id=row.id)

    def close(
        self, recording_id: int, *, ended_at: datetime, size_bytes: int, frames: int, duration_s: float
    ) -> bool:
        """Record where a segment ended and how big it is. False when the row no longer exists."""
        result = self.session.execute(
            update(RecordingRow)
            .where(RecordingRow.id == recording_id)
            .values(ended_at=ended_at, size_bytes=size_bytes, frames=frames, duration_s=duration_s)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def save(self, recording: Recording) -> Recording:
        """Insert or update the row of (store, path): the recorder's one idempotent write.

        Idempotent so that a write retried after a locked database, or an "opened" write that
        only succeeds together with the "closed" one, leaves exactly one correct row. The lock flag
        is never changed here (it belongs to the evidence feature).
        """
        existing = self.find_by_path(recording.store, recording.path)
        if existing is None:
            return self.add(recording)
        values = _values(recording)
        self.session.execute(update(RecordingRow).where(RecordingRow.id == existing.id).values(**values))
        return dataclasses.replace(recording, id=existing.id, locked=existing.locked)

    def set_locked(self, recording_id: int, locked: bool) -> None:
        self.session.execute(
            update(RecordingRow).where(RecordingRow.id == recording_id).values(locked=locked)
        )

    def delete(self, recording_id: int) -> bool:
        """Remove a row whatever its lock (an operator's explicit action). True when it existed."""
        result = self.session.execute(delete(RecordingRow).where(RecordingRow.id == recording_id))
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def delete_by_path(self, store: str, path: str) -> bool:
        """Remove the row of a segment whose file turned out empty (the recorder's undo of `save`)."""
        result = self.session.execute(
            delete(RecordingRow).where(RecordingRow.store == store, RecordingRow.path == path)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def delete_unlocked(self, recording_id: int) -> bool:
        """Remove a closed, unlocked row; False when it is locked, open or gone.

        The lock test is part of the DELETE itself, so an evidence lock set by another workstation
        a moment before cannot be overtaken by retention.
        """
        result = self.session.execute(
            delete(RecordingRow).where(
                RecordingRow.id == recording_id,
                RecordingRow.locked.is_(False),
                RecordingRow.ended_at.is_not(None),
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # ----- reading -----

    def get(self, recording_id: int) -> Recording | None:
        row = self.session.get(RecordingRow, recording_id)
        return None if row is None else _to_recording(row)

    def find_by_path(self, store: str, path: str) -> Recording | None:
        row = self.session.scalars(
            select(RecordingRow).where(RecordingRow.store == store, RecordingRow.path == path)
        ).one_or_none()
        return None if row is None else _to_recording(row)

    def list_for_camera(
        self, camera_id: int, start: datetime, end: datetime, *, lookback: timedelta = DEFAULT_LOOKBACK
    ) -> list[Recording]:
        """Segments of a camera that overlap [start, end), oldest first (open ones included).

        A segment that began up to `lookback` before `start` and is still running into it counts.
        """
        query = (
            select(RecordingRow)
            .where(
                RecordingRow.camera_id == camera_id,
                RecordingRow.started_at >= start - lookback,
                RecordingRow.started_at < end,
                or_(RecordingRow.ended_at.is_(None), RecordingRow.ended_at > start),
            )
            .order_by(RecordingRow.started_at, RecordingRow.id)
        )
        return [_to_recording(row) for row in self.session.scalars(query)]

    def coverage_gaps(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        *,
        min_gap: timedelta = timedelta(seconds=1),
        open_until: datetime | None = None,
    ) -> list[tuple[datetime, datetime]]:
        """The parts of [start, end) no segment covers, at least `min_gap` long, in order.

        An open segment covers until `open_until` (default: `end`, i.e. "still recording").
        """
        gaps: list[tuple[datetime, datetime]] = []
        cursor = start
        for recording in self.list_for_camera(camera_id, start, end):
            until = min(end, recording.covers_until(open_until or end))
            if recording.started_at - cursor >= min_gap:
                gaps.append((cursor, recording.started_at))
            cursor = max(cursor, until)
        if end - cursor >= min_gap:
            gaps.append((cursor, end))
        return gaps

    def oldest_deletable(
        self,
        store: str,
        *,
        limit: int = 200,
        after: tuple[datetime, int] | None = None,
        ended_before: datetime | None = None,
    ) -> list[Recording]:
        """Closed, unlocked segments of `store`, oldest first, one keyset page after `after`.

        Retention walks these pages; each deletion is its own transaction, so no session is held
        open across the walk.
        """
        conditions = [
            RecordingRow.store == store,
            RecordingRow.locked.is_(False),
            RecordingRow.ended_at.is_not(None),
        ]
        if ended_before is not None:
            conditions.append(RecordingRow.ended_at < ended_before)
        if after is not None:
            conditions.append(tuple_(RecordingRow.started_at, RecordingRow.id) > tuple_(*after))
        query = (
            select(RecordingRow)
            .where(and_(*conditions))
            .order_by(RecordingRow.started_at, RecordingRow.id)
            .limit(limit)
        )
        return [_to_recording(row) for row in self.session.scalars(query)]

    def open_recordings(self, store: str) -> list[Recording]:
        """Rows still marked open in `store`: at start-up, the ones a crash left behind."""
        query = (
            select(RecordingRow)
            .where(RecordingRow.store == store, RecordingRow.ended_at.is_(None))
            .order_by(RecordingRow.started_at, RecordingRow.id)
        )
        return [_to_recording(row) for row in self.session.scalars(query)]

    def known_paths(self, store: str, paths: Sequence[str]) -> set[str]:
        """Which of `paths` already have a row in `store` (recovery re-indexes the others)."""
        found: set[str] = set()
        for offset in range(0, len(paths), 500):  # keep the IN list well under backend limits
            chunk = list(paths[offset : offset + 500])
            query = select(RecordingRow.path).where(RecordingRow.store == store, RecordingRow.path.in_(chunk))
            found.update(self.session.scalars(query))
        return found

    def total_size(self, *, store: str | None = None, camera_id: int | None = None) -> int:
        query = select(func.coalesce(func.sum(RecordingRow.size_bytes), 0))
        if store is not None:
            query = query.where(RecordingRow.store == store)
        if camera_id is not None:
            query = query.where(RecordingRow.camera_id == camera_id)
        return int(self.session.scalar(query) or 0)
