"""Retention: delete the oldest recorded segments by age and to keep the recordings disk from filling.

`apply_retention` walks the closed, unlocked segments of one store oldest first and deletes
(1) those that ended more than `max_age_days` ago, (2) more while the store is bigger than its
quota, (3) more while the disk has less free than the emergency floor. It never deletes a locked
segment (evidence lock), an open row, a path in `protected` (the segments the recorders are
writing), a segment overlapping an active evidence lock (one opened inside a lock's window after
the lock was made is flagged locked instead), nor one an undecided event still needs. A segment's
file and row go together: the row is deleted (only if still unlocked, checked inside the DELETE)
and the file unlinked in the same transaction, so a file that cannot be removed rolls the row back.
A file already gone is fine (the row goes); a row already gone is fine too. Each pass that deleted
something is logged and audited ("recording.retention.deleted": how many, why, how much freed).

`RetentionRunner` runs it every `interval_seconds` on its own thread ("video-retention").
Everything here blocks; none of it may run on the GUI thread.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.persistence import Database, DatabaseError
from app.persistence.repositories import EvidenceRepository, Recording, RecordingRepository
from app.video.recorder_settings import RetentionPolicy

log = logging.getLogger(__name__)


class DiskUsage(NamedTuple):
    total: int
    used: int
    free: int


DiskUsageFn = Callable[[Path], DiskUsage]  # shutil.disk_usage fits; tests inject a simulated disk
# Appends an audit entry in the caller's transaction: review's append_entry, passed in by bootstrap.
AuditAppend = Callable[[Session, int | None, str, str, Mapping[str, Any]], object]


def real_disk_usage(path: Path) -> DiskUsage:
    usage = shutil.disk_usage(path)
    return DiskUsage(usage.total, usage.used, usage.free)


@dataclass(frozen=True, slots=True)
class DeletedSegment:
    camera_id: int
    path: str
    started_at: datetime
    size_bytes: int
    reason: str  # "age", "quota" or "disk space"


@dataclass
class RetentionReport:
    deleted: list[DeletedSegment] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    free_bytes_after: int | None = None
    still_short_bytes: int = 0  # free space still missing when nothing deletable was left
    kept_for_events: int = 0  # segments an undecided event needs, passed over

    def summary(self) -> dict[str, object]:
        """What the audit entry records: how many went, why, and how much was freed."""
        reasons: dict[str, int] = {}
        for segment in self.deleted:
            reasons[segment.reason] = reasons.get(segment.reason, 0) + 1
        return {
            "deleted": len(self.deleted),
            "freed_bytes": self.freed_bytes,
            "reasons": reasons,
            "cameras": sorted({segment.camera_id for segment in self.deleted}),
            "oldest": min(segment.started_at for segment in self.deleted).isoformat() if self.deleted else "",
            "newest": max(segment.started_at for segment in self.deleted).isoformat() if self.deleted else "",
            "kept_for_events": self.kept_for_events,
            "still_short_bytes": self.still_short_bytes,
        }

    @property
    def freed_bytes(self) -> int:
        return sum(segment.size_bytes for segment in self.deleted)


def apply_retention(
    database: Database,
    root: Path,
    store: str,
    policy: RetentionPolicy,
    *,
    now: datetime | None = None,
    disk_usage: DiskUsageFn = real_disk_usage,
    protected: Collection[str] = (),
    page_size: int = 200,
    audit: AuditAppend | None = None,
) -> RetentionReport:
    """One pass; what it deleted, and why, is logged and appended to the audit log by `audit`
    (None: logged only)."""
    report = RetentionReport()
    now = now or datetime.now()
    walk = _Walk(database, root, store, report, protected, page_size)
    try:
        if policy.max_age_days is not None:
            walk.run(reason="age", ended_before=now - timedelta(days=policy.max_age_days))
        total = disk_usage(root).total
        quota = policy.quota_bytes(total)
        if quota is not None:
            _quota(database, store, quota, walk)
        _free_space(root, policy.floor_bytes(total), walk, disk_usage)
    except (DatabaseError, SQLAlchemyError) as error:
        report.errors.append(f"index unavailable: {error}")
        log.warning("retention stopped early: %s", error)
    except OSError as error:  # the recordings folder is gone or its disk unreadable: nothing to measure
        report.errors.append(f"recordings disk unavailable: {error}")
        log.warning("retention could not measure the recordings disk: %s", error)
    if report.deleted:
        summary = report.summary()
        log.info(
            "retention deleted %d segments (%.1f MB): %s",
            len(report.deleted),
            report.freed_bytes / 1e6,
            summary,
        )
        try:
            if audit is not None:
                with database.writing() as session:
                    audit(session, None, "recording.retention.deleted", f"store:{store}", summary)
        except (DatabaseError, SQLAlchemyError) as error:  # the files are gone; the log keeps the record
            log.error("retention could not audit its deletions: %s", error)
    return report


class _Walk:
    """Deletes deletable segments of one store oldest first, until told it has done enough."""

    def __init__(
        self,
        database: Database,
        root: Path,
        store: str,
        report: RetentionReport,
        protected: Collection[str],
        page_size: int,
    ) -> None:
        self.database, self.root, self.store, self.report = database, root, store, report
        self.protected, self.page_size = protected, page_size

    def run(
        self, *, reason: str, ended_before: datetime | None = None, enough: Callable[[], bool] = lambda: False
    ) -> None:
        after: tuple[datetime, int] | None = None
        while True:
            with self.database.reading() as session:
                page = RecordingRepository(session).oldest_deletable(
                    self.store, limit=self.page_size, after=after, ended_before=ended_before
                )
            if not page:
                return
            for recording in page:
                after = (recording.started_at, recording.id)
                if enough():
                    return
                if recording.path in self.protected:
                    continue
                if _delete(self.database, self.root, recording, self.report):
                    self.report.deleted.append(
                        DeletedSegment(
                            recording.camera_id,
                            recording.path,
                            recording.started_at,
                            recording.size_bytes,
                            reason,
                        )
                    )


def _delete(database: Database, root: Path, recording: Recording, report: RetentionReport) -> bool:
    path = root / recording.path
    try:
        with database.writing() as session:
            evidence = EvidenceRepository(session)
            if evidence.covering(recording.camera_id, recording.started_at, recording.ended_at):
                # Recorders insert rows unlocked: flag one opened inside a lock's window, so it is kept.
                RecordingRepository(session).set_locked(recording.id, True)
                return False
            if evidence.open_event_covering(recording.camera_id, recording.started_at, recording.ended_at):
                report.kept_for_events += 1  # asked again next pass: the event may be decided by then
                return False
            if not RecordingRepository(session).delete_unlocked(recording.id):
                return False  # locked meanwhile, or deleted by someone else
            path.unlink(missing_ok=True)  # raising here rolls the row deletion back
    except OSError as error:
        report.errors.append(f"{recording.path}: {error}")
        log.error("retention could not delete %s: %s", path, error)
        return False
    return True


def _quota(database: Database, store: str, quota: int, walk: _Walk) -> None:
    with database.reading() as session:
        used = RecordingRepository(session).total_size(store=store)
    if used <= quota:
        return
    freed_before = walk.report.freed_bytes
    walk.run(reason="quota", enough=lambda: used - (walk.report.freed_bytes - freed_before) <= quota)


def _free_space(root: Path, required: int, walk: _Walk, disk_usage: DiskUsageFn) -> None:
    report = walk.report

    def enough() -> bool:
        report.free_bytes_after = disk_usage(root).free
        return report.free_bytes_after >= required

    if enough():
        return
    walk.run(reason="disk space", enough=enough)
    if not enough():
        report.still_short_bytes = required - (report.free_bytes_after or 0)
        log.warning(
            "recordings disk still %.1f MB short of its emergency floor: nothing more may be deleted "
            "(locked segments, open segments or segments of undecided events)",
            report.still_short_bytes / 1_000_000,
        )


class RetentionRunner:
    """Runs `run()` now and then every `interval` seconds on the "video-retention" thread."""

    def __init__(
        self,
        run: Callable[[], RetentionReport],
        interval: float,
        *,
        on_report: Callable[[RetentionReport], None] | None = None,
    ) -> None:
        self._run_once = run
        self._interval = interval
        self._on_report = on_report
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="video-retention", daemon=True)
        self.last_report: RetentionReport | None = None

    def start(self) -> None:
        self._thread.start()

    @property
    def running(self) -> bool:
        """False once the thread ended without being stopped (the restart supervisor checks)."""
        return self._thread.is_alive() or self._stop.is_set() or self._thread.ident is None

    @property
    def on_report(self) -> Callable[[RetentionReport], None] | None:
        return self._on_report

    def stop(self, timeout: float = 10.0) -> bool:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                report = self._run_once()
                self.last_report = report
                if self._on_report is not None:
                    self._on_report(report)  # called on the retention thread
            except Exception:  # a bug must not end retention for the rest of the session
                log.exception("retention run failed")
            self._stop.wait(self._interval)
