"""The recordings review's blocking calls: days, a camera's day, bookmarks, evidence locks, exports.

CONTRACT CHANGE (additions only): `user` parameters take the signed-in `User` (preferred) or its
login (str). `export_clip` takes an optional `user` after `target` (audited and permission-checked
when given). `EventMarker.severity` is app.domain.enums.Severity. `Bookmark` / `EvidenceLock` also
carry `created_by_id` (and Bookmark `updated_at`); `created_by` is the author's display name.
`CameraDay.recording_since`: start of the segment being recorded now (not playable yet), or None.
Also `markers(camera, start, end)` and `locks(camera, start, end)` for a span other than a day.
Refusals raise ReviewPermissionError(.denial: ReviewDenial); unknown bookmark / lock ids LookupError;
an empty span NothingToExport (app.playback.span_export); a cancelled export ExportCancelled.

Every method blocks (database, disk): the Recordings pane calls them through app.tasks.TaskRunner.
Each opens its own transaction; a bookmark / lock / unlock commits together with its audit entry
(app.review.audit_chain.append_entry). An export's entry is appended after the file is complete:
holding a write transaction through a minutes-long export would stall every other writer.

`user` is the signed-in domain User, or their login (str), which is looked up. Permissions: see
app/playback/permissions.py; a refusal raises ReviewPermissionError carrying a ReviewDenial code.

Only the segments of this workstation's recordings folder (`store`) are listed: on a shared
PostgreSQL database another workstation's files are not readable here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.people import User
from app.persistence.database import Database
from app.persistence.orm import (
    CameraRow,
    ClassroomRow,
    EventLearnerRow,
    EventRow,
    RecordingRow,
    SiteRow,
    UserRow,
)
from app.persistence.repositories import EventRepository, EvidenceRepository, Recording, RecordingRepository
from app.playback.evidence_manifest import package_events, read_events
from app.playback.evidence_package import build_package, file_sha256
from app.playback.permissions import (
    ReviewPermissionError,
    bookmark_change_denial,
    review_denial,
    unlock_denial,
)
from app.playback.review_model import Bookmark, CameraDay, EventMarker, EvidenceLock, ReviewDenial
from app.playback.segment_timeline import SegmentTimeline
from app.playback.span_export import CancelCheck, ProgressCallback, export_span
from app.review.audit_chain import append_entry

__all__ = [
    "Bookmark",
    "CameraDay",
    "EventMarker",
    "EvidenceLock",
    "RecordingReviewService",
    "ReviewDenial",
    "ReviewPermissionError",
]

log = logging.getLogger(__name__)

# A day's timeline query also finds a segment that began before midnight and runs into the day.
_SEGMENT_LOOKBACK = timedelta(hours=2)
UserRef = User | str


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

    # ----- reading -----

    def days_with_recordings(self, camera_id: int) -> list[date]:
        """Local days on which this camera has recorded picture, oldest first."""
        with self.database.reading() as session:
            rows = session.execute(
                select(RecordingRow.started_at, RecordingRow.ended_at).where(
                    RecordingRow.camera_id == camera_id,
                    RecordingRow.store == self.store,
                    RecordingRow.ended_at.is_not(None),
                )
            )
            days: set[date] = set()
            for started_at, ended_at in rows:
                days.add(started_at.date())
                if ended_at is not None and ended_at > datetime.combine(ended_at.date(), time()):
                    days.add(ended_at.date())  # a segment running past midnight
        return sorted(days)

    def cameras_with_recordings(self, day: date) -> set[int]:
        start, end = day_bounds(day)
        with self.database.reading() as session:
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
            return set(ids)

    def timeline(self, camera_id: int, start: datetime, end: datetime) -> SegmentTimeline:
        """The camera's closed segments overlapping [start, end) (open ones cannot be read yet)."""
        with self.database.reading() as session:
            return self._timeline(session, camera_id, start, end)

    def _timeline(self, session: Session, camera_id: int, start: datetime, end: datetime) -> SegmentTimeline:
        return SegmentTimeline(self._closed(self._rows(session, camera_id, start, end)), self.root)

    def _rows(self, session: Session, camera_id: int, start: datetime, end: datetime) -> list[Recording]:
        rows = RecordingRepository(session).list_for_camera(camera_id, start, end, lookback=_SEGMENT_LOOKBACK)
        return [r for r in rows if r.store == self.store]

    @staticmethod
    def _closed(rows: list[Recording]) -> list[Recording]:
        return [r for r in rows if not r.is_open]

    def load_day(self, camera_id: int, day: date) -> CameraDay:
        start, end = day_bounds(day)
        with self.database.reading() as session:
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

    def markers(self, camera_id: int, start: datetime, end: datetime) -> list[EventMarker]:
        with self.database.reading() as session:
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

    # ----- users and permissions -----

    def _user(self, session: Session, user: UserRef) -> User:
        if isinstance(user, User):
            return user
        row = session.scalars(select(UserRow).where(UserRow.login == user)).one_or_none()
        if row is None:
            raise ReviewPermissionError(ReviewDenial.UNKNOWN_USER, f"no user with login {user!r}")
        return row.to_domain()

    def _camera_county(self, session: Session, camera_id: int) -> int | None:
        query = (
            select(SiteRow.county_id)
            .join(ClassroomRow, ClassroomRow.site_id == SiteRow.id)
            .join(CameraRow, CameraRow.classroom_id == ClassroomRow.id)
            .where(CameraRow.id == camera_id)
        )
        county = session.scalar(query)
        return None if county is None else int(county)

    def _allowed(self, session: Session, user: UserRef, camera_id: int, action: str) -> User:
        resolved = self._user(session, user)
        denial = review_denial(resolved, self._camera_county(session, camera_id))
        if denial is not None:
            raise ReviewPermissionError(denial, f"{resolved.login} may not {action} camera {camera_id}")
        return resolved

    # ----- bookmarks -----

    def add_bookmark(self, camera_id: int, at: datetime, note: str, user: UserRef) -> Bookmark:
        with self.database.writing() as session:
            actor = self._allowed(session, user, camera_id, "bookmark")
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
        denial = bookmark_change_denial(
            actor, existing.created_by_id, self._camera_county(session, existing.camera_id)
        )
        if denial is not None:
            raise ReviewPermissionError(denial, f"{actor.login} may not change bookmark {bookmark_id}")
        return actor, existing

    # ----- evidence locks -----

    def lock_span(
        self, camera_id: int, start: datetime, end: datetime, reason: str, user: UserRef
    ) -> EvidenceLock:
        """Protect [start, end) of the camera from retention, including what is still being recorded."""
        if end <= start:
            raise ValueError(f"empty span {start.isoformat()} .. {end.isoformat()}")
        with self.database.writing() as session:
            actor = self._allowed(session, user, camera_id, "lock")
            lock, flagged = EvidenceRepository(session).lock(
                camera_id, start, end, reason, actor.id, self._clock()
            )
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
            denial = unlock_denial(
                actor, existing.created_by_id, self._camera_county(session, existing.camera_id)
            )
            if denial is not None:
                raise ReviewPermissionError(denial, f"{actor.login} may not release evidence lock {lock_id}")
            released = evidence.release(lock_id, actor.id, self._clock())
            assert released is not None
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

    def locks(self, camera_id: int, start: datetime, end: datetime) -> list[EvidenceLock]:
        with self.database.reading() as session:
            return EvidenceRepository(session).locks(camera_id, start, end)

    # ----- exports -----

    def export_clip(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: UserRef | None = None,
        *,
        progress: ProgressCallback,
        cancelled: CancelCheck,
    ) -> Path:
        """Remux [start, end) into one MP4 at `target` (atomically; a cancel leaves no file).

        CONTRACT CHANGE (addition): `user` is optional here; when given, it must be allowed to export
        and the export is audited.
        """
        with self.database.reading() as session:
            actor = self._allowed(session, user, camera_id, "export") if user is not None else None
            timeline = self._timeline(session, camera_id, start, end)
        result = export_span(timeline, start, end, Path(target), progress=progress, cancelled=cancelled)
        if actor is not None:
            self._audit_export(actor, "recording.export.clip", camera_id, start, end, result.path)
        return result.path

    def export_package(
        self,
        camera_id: int,
        start: datetime,
        end: datetime,
        target: Path,
        user: UserRef,
        *,
        progress: ProgressCallback,
        cancelled: CancelCheck,
    ) -> Path:
        """An evidence zip: clip, the snapshots of the events inside the span, manifest, SHA256SUMS."""
        with self.database.reading() as session:
            actor = self._allowed(session, user, camera_id, "export")
            timeline = self._timeline(session, camera_id, start, end)
            markers = self._markers(session, camera_id, start, end)
            read = read_events(session, camera_id, [marker.event_id for marker in markers])
        manifest_events, snapshots = package_events(read, self.snapshot_roots)
        out = build_package(
            timeline,
            start,
            end,
            Path(target),
            manifest_extra={
                "camera": read.camera,
                "events": manifest_events,
                "exported_by_login": actor.login,
                "exported_by_post": actor.post.value,
            },
            snapshots=snapshots,
            exported_by=actor.display_name,
            progress=progress,
            cancelled=cancelled,
        )
        self._audit_export(actor, "recording.export.package", camera_id, start, end, out)
        return out

    def _audit_export(
        self, actor: User, action: str, camera_id: int, start: datetime, end: datetime, path: Path
    ) -> None:
        try:
            with self.database.writing() as session:
                append_entry(
                    session,
                    actor.id,
                    action,
                    f"camera:{camera_id}",
                    {
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                        "file": path.name,
                        "sha256": file_sha256(path),
                    },
                )
        except Exception:
            # The file is made and the user sees it; an export that cannot be audited must not
            # vanish silently either: remove it, so an unaudited copy never stays behind.
            with contextlib.suppress(OSError):
                path.unlink()
            raise
