"""The recordings review's blocking calls: days, a camera's day, bookmarks, evidence locks, exports.

Every method blocks (database, disk), so the Recordings pane calls them through app.tasks.TaskRunner.
Each opens its own transaction; a bookmark, lock or unlock commits together with its audit entry.
`user` is the signed-in User or their login, re-read in each transaction and judged as stored
(review_access.py); every read of a camera and every bookmark needs WATCH, a lock LOCK, an export
EXPORT (app/playback/permissions.py), and a refusal raises ReviewPermissionError with its
ReviewDenial. `lock_span` refuses spans over MAX_LOCK_SPAN or ending after now + MAX_LOCK_AHEAD; a
lock released concurrently by someone else raises LookupError (one unlock wins and is audited), as
do unknown bookmark and lock ids. Exports are `service.exports` (review_exports.py), tile snapshots
`service.snapshots` (tile_snapshots.py). Only segments of this workstation's recordings folder are
listed: another workstation's files on a shared database are not readable here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Date, func, or_, select
from sqlalchemy.orm import Session

from app.domain.people import User
from app.domain.permissions import Action
from app.persistence.database import Database
from app.persistence.orm import EventLearnerRow, EventRow, RecordingRow
from app.persistence.repositories import EventRepository, EvidenceRepository, Recording, RecordingRepository
from app.playback.permissions import (
    MAX_LOCK_AHEAD,
    MAX_LOCK_SPAN,
    ReviewPermissionError,
    bookmark_change_denial,
    lock_span_denial,
    review_denial,
    unlock_denial,
)
from app.playback.review_access import Place, UserRef, allowed, camera_place, current_user
from app.playback.review_exports import ReviewExports
from app.playback.review_model import Bookmark, CameraDay, EventMarker, EvidenceLock, ReviewDenial
from app.playback.segment_timeline import SegmentTimeline
from app.playback.span_export import ExportTargetExists
from app.playback.tile_snapshots import TileSnapshots
from app.review.audit_chain import append_entry

__all__ = [
    "MAX_LOCK_AHEAD",
    "MAX_LOCK_SPAN",
    "Bookmark",
    "CameraDay",
    "EventMarker",
    "EvidenceLock",
    "ExportTargetExists",
    "RecordingReviewService",
    "ReviewDenial",
    "ReviewPermissionError",
]

log = logging.getLogger(__name__)

# Finds the segment that began before midnight and runs into the day.
_SEGMENT_LOOKBACK = timedelta(hours=2)


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


class RecordingReviewService:
    def __init__(
        self,
        database: Database,
        root: Path,
        *,
        store: str | None = None,
        snapshot_roots: Sequence[Path] = (),
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        """`root`: the recordings folder; `store`: its id (default: read from the folder).

        `snapshot_roots`: where relative event snapshot paths are looked up (absolute ones are used
        as they are), for evidence packages.
        """
        from app.video.segment_files import store_id

        self.database = database
        self.root = Path(root)
        self.store = store if store is not None else store_id(self.root)
        self.snapshot_roots = tuple(Path(p) for p in snapshot_roots)
        self._clock = clock
        # export_clip / export_package (app/playback/review_exports.py), used as `service.exports.…`.
        self.exports = ReviewExports(database, self._timeline, self._markers, self.snapshot_roots)
        # A live tile's picture saved as evidence, audited (app/playback/tile_snapshots.py).
        self.snapshots = TileSnapshots(database)

    # ----- reading -----

    def days_with_recordings(self, camera_id: int, user: UserRef) -> list[date]:
        """Local days on which this camera has recorded picture, oldest first (distinct days from SQL)."""
        closed = (
            RecordingRow.camera_id == camera_id,
            RecordingRow.store == self.store,
            RecordingRow.ended_at.is_not(None),
        )
        started_day = func.date(RecordingRow.started_at, type_=Date)
        ended_day = func.date(RecordingRow.ended_at, type_=Date)
        with self.database.reading() as session:
            allowed(session, user, camera_id, Action.WATCH)
            days = set(session.scalars(select(started_day).where(*closed).distinct()))
            # A segment running past midnight adds the next day, unless it ends exactly then.
            crossing = session.scalars(select(RecordingRow.ended_at).where(*closed, ended_day != started_day))
            for ended_at in crossing:
                if ended_at is not None and ended_at > datetime.combine(ended_at.date(), time()):
                    days.add(ended_at.date())
        return sorted(days)

    def cameras_with_recordings(self, day: date, user: UserRef) -> set[int]:
        """The cameras with recorded picture on `day` that `user` may watch."""
        start, end = day_bounds(day)
        with self.database.reading() as session:
            viewer = current_user(session, user)
            ids = session.scalars(
                select(RecordingRow.camera_id)
                .where(
                    RecordingRow.store == self.store,
                    RecordingRow.started_at >= start - _SEGMENT_LOOKBACK,
                    RecordingRow.started_at < end,
                    RecordingRow.ended_at > start,
                )
                .distinct()
            )
            return {camera_id for camera_id in ids if self._may_watch(session, viewer, camera_id)}

    @staticmethod
    def _may_watch(session: Session, viewer: User, camera_id: int) -> bool:
        place = camera_place(session, camera_id)
        return review_denial(viewer, Action.WATCH, place.county_id, place.site_id) is None

    def timeline(self, camera_id: int, start: datetime, end: datetime, user: UserRef) -> SegmentTimeline:
        """The camera's closed segments overlapping [start, end) (open ones cannot be read yet)."""
        with self.database.reading() as session:
            allowed(session, user, camera_id, Action.WATCH)
            return self._timeline(session, camera_id, start, end)

    def _timeline(self, session: Session, camera_id: int, start: datetime, end: datetime) -> SegmentTimeline:
        return SegmentTimeline(self._closed(self._rows(session, camera_id, start, end)), self.root)

    def _rows(self, session: Session, camera_id: int, start: datetime, end: datetime) -> list[Recording]:
        rows = RecordingRepository(session).list_for_camera(camera_id, start, end, lookback=_SEGMENT_LOOKBACK)
        return [r for r in rows if r.store == self.store]

    @staticmethod
    def _closed(rows: list[Recording]) -> list[Recording]:
        return [r for r in rows if not r.is_open]

    def load_day(self, camera_id: int, day: date, user: UserRef) -> CameraDay:
        start, end = day_bounds(day)
        with self.database.reading() as session:
            allowed(session, user, camera_id, Action.WATCH)
            rows = self._rows(session, camera_id, start, end)
            timeline = SegmentTimeline(self._closed(rows), self.root)
            open_rows = [r.started_at for r in rows if r.is_open]
            evidence = EvidenceRepository(session)
            return CameraDay(
                camera_id=camera_id,
                day=day,
                start=start,
                end=end,
                coverage=timeline.coverage(start, end),
                gaps=timeline.gaps(start, end),
                markers=self._markers(session, camera_id, start, end),
                bookmarks=evidence.bookmarks(camera_id, start, end),
                locks=evidence.locks(camera_id, start, end),
                recording_since=max(open_rows) if open_rows else None,
            )

    def markers(self, camera_id: int, start: datetime, end: datetime, user: UserRef) -> list[EventMarker]:
        with self.database.reading() as session:
            allowed(session, user, camera_id, Action.WATCH)
            return self._markers(session, camera_id, start, end)

    def _markers(self, session: Session, camera_id: int, start: datetime, end: datetime) -> list[EventMarker]:
        rows = list(
            session.scalars(
                select(EventRow)
                .where(
                    EventRow.camera_id == camera_id,
                    EventRow.started_at < end,
                    or_(EventRow.ended_at.is_(None), EventRow.ended_at >= start),
                    # Events run minutes to hours; bound the scan like the segment query.
                    EventRow.started_at >= start - timedelta(days=1),
                )
                .order_by(EventRow.started_at, EventRow.id)
            )
        )
        first_learner: dict[int, int] = {}
        if rows:
            links = session.execute(
                select(EventLearnerRow.event_id, EventLearnerRow.learner_id)
                .where(EventLearnerRow.event_id.in_([r.id for r in rows]))
                .order_by(EventLearnerRow.event_id, EventLearnerRow.position)
            )
            for event_id, learner_id in links:
                first_learner.setdefault(int(event_id), int(learner_id))
        names = EventRepository(session).learner_names(list(first_learner.values()))
        return [
            EventMarker(
                event_id=row.id,
                kind=row.kind,
                state=row.state,
                severity=row.severity,
                started_at=row.started_at,
                ended_at=row.ended_at,
                learner_name=names.get(first_learner[row.id]) if row.id in first_learner else None,
            )
            for row in rows
        ]

    # ----- users and permissions (app/playback/review_access.py) -----

    def _user(self, session: Session, user: UserRef) -> User:
        return current_user(session, user)

    def _camera_place(self, session: Session, camera_id: int) -> Place:
        return camera_place(session, camera_id)

    def _allowed(self, session: Session, user: UserRef, camera_id: int, action: Action) -> User:
        return allowed(session, user, camera_id, action)

    # ----- bookmarks -----

    def add_bookmark(self, camera_id: int, at: datetime, note: str, user: UserRef) -> Bookmark:
        with self.database.writing() as session:
            actor = self._allowed(session, user, camera_id, Action.WATCH)
            bookmark = EvidenceRepository(session).add_bookmark(camera_id, at, note, actor.id, self._clock())
            append_entry(
                session,
                actor.id,
                "recording.bookmark.add",
                f"bookmark:{bookmark.id}",
                {"camera_id": camera_id, "at": at.isoformat(), "note": note},
            )
            return bookmark

    def update_bookmark(self, bookmark_id: int, note: str, user: UserRef) -> Bookmark:
        with self.database.writing() as session:
            actor, existing = self._bookmark_change(session, bookmark_id, user)
            updated = EvidenceRepository(session).update_bookmark(bookmark_id, note, actor.id, self._clock())
            assert updated is not None  # checked above, in this transaction
            append_entry(
                session,
                actor.id,
                "recording.bookmark.update",
                f"bookmark:{bookmark_id}",
                {"camera_id": existing.camera_id, "old_note": existing.note, "note": note},
            )
            return updated

    def delete_bookmark(self, bookmark_id: int, user: UserRef) -> None:
        with self.database.writing() as session:
            actor, existing = self._bookmark_change(session, bookmark_id, user)
            EvidenceRepository(session).delete_bookmark(bookmark_id, actor.id, self._clock())
            append_entry(
                session,
                actor.id,
                "recording.bookmark.delete",
                f"bookmark:{bookmark_id}",
                {"camera_id": existing.camera_id, "at": existing.at.isoformat(), "note": existing.note},
            )

    def _bookmark_change(self, session: Session, bookmark_id: int, user: UserRef) -> tuple[User, Bookmark]:
        existing = EvidenceRepository(session).get_bookmark(bookmark_id)
        if existing is None:
            raise LookupError(f"no bookmark {bookmark_id}")
        actor = self._user(session, user)
        place = self._camera_place(session, existing.camera_id)
        denial = bookmark_change_denial(actor, existing.created_by_id, place.county_id, place.site_id)
        if denial is not None:
            raise ReviewPermissionError(
                denial, f"{actor.login} may not change bookmark {bookmark_id}", Action.WATCH
            )
        return actor, existing

    # ----- evidence locks -----

    def lock_span(
        self, camera_id: int, start: datetime, end: datetime, reason: str, user: UserRef
    ) -> EvidenceLock:
        """Protect [start, end) of the camera from retention, including what is still being recorded.

        At most MAX_LOCK_SPAN long and ending at most MAX_LOCK_AHEAD from now (see permissions.py).
        """
        if end <= start:
            raise ValueError(f"empty span {start.isoformat()} .. {end.isoformat()}")
        with self.database.writing() as session:
            actor = self._allowed(session, user, camera_id, Action.LOCK)
            now = self._clock()
            denial = lock_span_denial(start, end, now)
            if denial is not None:
                raise ReviewPermissionError(
                    denial,
                    f"a lock of {start.isoformat()} .. {end.isoformat()} is refused at {now.isoformat()}",
                )
            lock, flagged = EvidenceRepository(session).lock(camera_id, start, end, reason, actor.id, now)
            append_entry(
                session,
                actor.id,
                "recording.lock",
                f"evidence_lock:{lock.id}",
                {
                    "camera_id": camera_id,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "reason": reason,
                    "segments": flagged,
                },
            )
        log.info("evidence lock %s on camera %s (%d segments)", lock.id, camera_id, flagged)
        return lock

    def unlock(self, lock_id: int, user: UserRef) -> None:
        with self.database.writing() as session:
            evidence = EvidenceRepository(session)
            existing = evidence.get_lock(lock_id)
            if existing is None:
                raise LookupError(f"no active evidence lock {lock_id}")
            actor = self._user(session, user)
            place = self._camera_place(session, existing.camera_id)
            denial = unlock_denial(actor, existing.created_by_id, place.county_id, place.site_id)
            if denial is not None:
                raise ReviewPermissionError(
                    denial, f"{actor.login} may not release evidence lock {lock_id}", Action.LOCK
                )
            released = evidence.release(lock_id, actor.id, self._clock())
            if released is None:  # released by someone else since get_lock: only one unlock counts
                raise LookupError(f"no active evidence lock {lock_id}")
            append_entry(
                session,
                actor.id,
                "recording.unlock",
                f"evidence_lock:{lock_id}",
                {
                    "camera_id": existing.camera_id,
                    "start": existing.start.isoformat(),
                    "end": existing.end.isoformat(),
                    "segments_released": released[1],
                },
            )

    def locks(self, camera_id: int, start: datetime, end: datetime, user: UserRef) -> list[EvidenceLock]:
        with self.database.reading() as session:
            allowed(session, user, camera_id, Action.WATCH)
            return EvidenceRepository(session).locks(camera_id, start, end)
