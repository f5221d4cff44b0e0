"""Retention: delete the oldest recorded segments by age and to keep the recordings disk from filling.

`apply_retention` walks the closed, unlocked segments of one store oldest first and deletes
(1) those that ended more than `max_age_days` ago, then (2) more, oldest first, while the disk has
less free space than the policy asks. It never deletes a locked segment (evidence lock), an open
row, a path in `protected` (the segments the recorders are writing), nor a segment overlapping an
active evidence lock (one opened inside a lock's window after the lock was made is flagged locked
instead). A segment's file and row go together: the row is deleted (only if still unlocked,
checked inside the DELETE) and the file unlinked in the same transaction, so a file that cannot be
removed rolls the row back. A file already gone is fine (the row goes); a row already gone is
fine too.

`RetentionRunner` runs it every `interval_seconds` on its own thread ("video-retention").
Everything here blocks; none of it may run on the GUI thread.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple

from sqlalchemy.exc import SQLAlchemyError

from app.persistence import Database, DatabaseError
from app.persistence.repositories import EvidenceRepository, Recording, RecordingRepository
from app.video.recorder_settings import RetentionPolicy

log = logging.getLogger(__name__)


class DiskUsage(NamedTuple):
    total: int
    used: int
    free: int


DiskUsageFn = Callable[[Path], DiskUsage]  # shutil.disk_usage fits; tests inject a simulated disk


def real_disk_usage(path: Path) -> DiskUsage:
    usage = shutil.disk_usage(path)
    return DiskUsage(usage.total, usage.used, usage.free)


@dataclass(frozen=True, slots=True)
class DeletedSegment:
    camera_id: int
    path: str
    started_at: datetime
    size_bytes: int
    reason: str  # "age" or "disk space"


@dataclass
class RetentionReport:
    deleted: list[DeletedSegment] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    free_bytes_after: int | None = None
    still_short_bytes: int = 0  # free space still missing when nothing deletable was left

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
) -> RetentionReport:
    report = RetentionReport()
    now = now or datetime.now()
    try:
        if policy.max_age_days is not None:
            cutoff = now - timedelta(days=policy.max_age_days)
            _walk(database, root, store, report, protected, page_size, ended_before=cutoff, reason="age")
        if policy.min_free_gb is not None or policy.min_free_percent is not None:
            _free_space(database, root, store, policy, report, protected, page_size, disk_usage)
    except (DatabaseError, SQLAlchemyError) as error:
        report.errors.append(f"index unavailable: {error}")
        log.warning("retention stopped early: %s", error)
    if report.deleted:
        log.info(
            "retention deleted %d segments (%.1f MB)", len(report.deleted), report.freed_bytes / 1_000_000
        )
    return report


def _walk(
    database: Database,
    root: Path,
    store: str,
    report: RetentionReport,
    protected: Collection[str],
    page_size: int,
    *,
    ended_before: datetime | None,
    reason: str,
    enough: Callable[[], bool] = lambda: False,
) -> None:
    """Delete deletable segments oldest first until `enough()` or none are left."""
    after: tuple[datetime, int] | None = None
    while True:
        with database.reading() as session:
            page = RecordingRepository(session).oldest_deletable(
                store, limit=page_size, after=after, ended_before=ended_before
            )
        if not page:
            return
        for recording in page:
            after = (recording.started_at, recording.id)
            if enough():
                return
            if recording.path in protected:
                continue
            if _delete(database, root, recording, report):
                deleted = DeletedSegment(
                    recording.camera_id, recording.path, recording.started_at, recording.size_bytes, reason
                )
                report.deleted.append(deleted)


def _delete(database: Database, root: Path, recording: Recording, report: RetentionReport) -> bool:
    path = root / recording.path
    try:
        with database.writing() as session:
            if EvidenceRepository(session).covering(
                recording.camera_id, recording.started_at, recording.ended_at
            ):
                # Opened inside an evidence lock's window after the lock was made (the recorder
                # inserts rows unlocked): flag it now, so it is neither deleted nor listed again.
                RecordingRepository(session).set_locked(recording.id, True)
                return False
            if not RecordingRepository(session).delete_unlocked(recording.id):
                return False  # locked meanwhile, or deleted by someone else
            path.unlink(missing_ok=True)  # raising here rolls the row deletion back
    except OSError as error:
        report.errors.append(f"{recording.path}: {error}")
        log.error("retention could not delete %s: %s", path, error)
        return False
    return True


def _free_space(
    database: Database,
    root: Path,
    store: str,
    policy: RetentionPolicy,
    report: RetentionReport,
    protected: Collection[str],
    page_size: int,
    disk_usage: DiskUsageFn,
) -> None:
    usage = disk_usage(root)
    required = policy.required_free_bytes(usage.total)

    def enough() -> bool:
        report.free_bytes_after = disk_usage(root).free
        return report.free_bytes_after >= required

    if enough():
        return
    _walk(
        database,
        root,
        store,
        report,
        protected,
        page_size,
        ended_before=None,
        reason="disk space",
        enough=enough,
    )
    if not enough():
        report.still_short_bytes = required - (report.free_bytes_after or 0)
        log.warning(
            "recordings disk still %.1f GB short of the free space asked for: nothing more may be deleted "
            "(locked or open segments)",
            report.still_short_bytes / 1_000_000_000,
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
