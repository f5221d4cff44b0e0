"""This workstation's coverage gaps: kept in memory, written to the `coverage_gaps` table.

Opening, changing and closing a gap only touches memory (any thread, under a lock, no I/O), so the
analysis thread or the supervisor never waits for the database. `flush()` (the supervisor's thread,
once a second) writes what changed, and every `heartbeat_s` says the open gaps are still open; a
write the database refuses (disk full, unreachable) is kept and tried again at the next flush, so a
gap is stored even when its cause was the database's disk. At start-up `settle_previous_run()`
closes the gaps a crash left open at their last heartbeat (see CoverageGapRepository).

The wall reads `open_gaps()` on its 1 s tick; the Dashboard reads the table (TaskRunner).
"""

from __future__ import annotations

import logging
import socket
import threading
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from app.domain.coverage_gaps import CoverageGap, Subsystem

if TYPE_CHECKING:
    from app.persistence import Database

log = logging.getLogger(__name__)


def this_workstation() -> str:
    return socket.gethostname() or "workstation"


class GapRecorder:
    def __init__(
        self,
        database: Database | None,
        workstation: str | None = None,
        *,
        heartbeat_s: float = 15.0,
        keep: int = 200,
    ) -> None:
        self.database = database
        self.workstation = workstation or this_workstation()
        self.heartbeat_s = heartbeat_s
        self._keep = keep
        self._lock = threading.Lock()  # guards _gaps, _dirty
        self._gaps: dict[str, CoverageGap] = {}  # key → gap (open ones, and recently closed)
        self._dirty: set[str] = set()
        self._last_heartbeat: datetime | None = None
        self.write_failures = 0

    # ----- any thread, no I/O -----

    def open(self, subsystem: Subsystem, reason: str, camera_ids: tuple[int, ...], at: datetime) -> str:
        key = uuid.uuid4().hex
        gap = CoverageGap(key, subsystem, at, None, reason, tuple(sorted(camera_ids)), self.workstation)
        with self._lock:
            self._gaps[key] = gap
            self._dirty.add(key)
            self._trim()
        return key

    def update(self, key: str, reason: str, camera_ids: tuple[int, ...]) -> None:
        with self._lock:
            gap = self._gaps.get(key)
            if gap is not None and gap.is_open:
                self._gaps[key] = replace(gap, reason=reason, camera_ids=tuple(sorted(camera_ids)))
                self._dirty.add(key)

    def close(self, key: str, at: datetime, basis: str = "recovered") -> None:
        with self._lock:
            gap = self._gaps.get(key)
            if gap is not None and gap.is_open:
                self._gaps[key] = replace(gap, ended_at=max(at, gap.started_at), end_basis=basis)
                self._dirty.add(key)

    def close_all(self, at: datetime, basis: str) -> None:
        for gap in self.open_gaps():
            self.close(gap.key, at, basis)

    def record_span(
        self,
        subsystem: Subsystem,
        camera_ids: tuple[int, ...],
        started: datetime,
        ended: datetime,
        reason: str,
    ) -> None:
        """A gap known only once it is over (a worker restarted between two supervisor ticks). An open
        gap of the same subsystem sharing a camera (or one closed that overlaps the span) is the same
        gap seen by the supervisor: its start is moved to the exact one; otherwise the span is
        stored closed."""
        with self._lock:
            for key, gap in self._gaps.items():
                if gap.subsystem != subsystem or not set(gap.camera_ids) & set(camera_ids):
                    continue
                # The same gap, seen by the supervisor: open, or closed a moment before this report.
                if gap.is_open or (gap.started_at <= ended and started <= (gap.ended_at or ended)):
                    if started < gap.started_at:
                        self._gaps[key] = replace(gap, started_at=started)
                        self._dirty.add(key)
                    return
            key = uuid.uuid4().hex
            self._gaps[key] = CoverageGap(
                key, subsystem, started, max(ended, started), reason, tuple(sorted(camera_ids)),
                self.workstation, "recovered",
            )  # fmt: skip
            self._dirty.add(key)
            self._trim()

    def open_gaps(self) -> list[CoverageGap]:
        with self._lock:
            return [gap for gap in self._gaps.values() if gap.is_open]

    def gaps(self) -> list[CoverageGap]:
        """Open and recently closed gaps of this run, oldest first."""
        with self._lock:
            return sorted(self._gaps.values(), key=lambda g: g.started_at)

    def _trim(self) -> None:  # with _lock held: forget the oldest closed, written gaps
        closed = [g for g in self._gaps.values() if not g.is_open and g.key not in self._dirty]
        for gap in sorted(closed, key=lambda g: g.started_at)[: max(0, len(self._gaps) - self._keep)]:
            del self._gaps[gap.key]

    # ----- the supervisor's thread: database writes -----

    def flush(self, now: datetime) -> bool:
        """Write changed gaps; every `heartbeat_s`, mark the open ones as still open. False when the
        database refused (the changes stay queued)."""
        if self.database is None:
            return True
        from app.persistence.repositories.coverage_gap_repository import CoverageGapRepository

        beat = self._last_heartbeat is None or now - self._last_heartbeat >= timedelta(
            seconds=self.heartbeat_s
        )
        with self._lock:
            todo = [self._gaps[key] for key in self._dirty if key in self._gaps]
            self._dirty.clear()
            beat = beat and any(gap.is_open for gap in self._gaps.values())  # no write when all is well
        if not todo and not beat:
            return True
        try:
            with self.database.writing() as session:
                repository = CoverageGapRepository(session)
                for gap in todo:
                    repository.save(gap, heartbeat_at=now if gap.is_open else None)
                if beat:
                    repository.heartbeat(self.workstation, now)
        except Exception as error:  # kept for the next flush: never lost because the disk was full
            with self._lock:
                self._dirty.update(gap.key for gap in todo)
            self.write_failures += 1
            if self.write_failures % 30 == 1:
                log.warning("coverage gaps not stored yet (%d kept, will retry): %s", len(todo), error)
            return False
        if beat:
            self._last_heartbeat = now
        return True

    def settle_previous_run(self) -> list[CoverageGap]:
        """Start-up (before any subsystem starts): close the gaps this workstation left open."""
        if self.database is None:
            return []
        from app.persistence.repositories.coverage_gap_repository import CoverageGapRepository

        with self.database.writing() as session:
            closed = CoverageGapRepository(session).close_left_open(self.workstation)
        for gap in closed:
            log.warning(
                "coverage gap of %s from %s left open by the last run: closed at its last heartbeat %s",
                gap.subsystem,
                gap.started_at,
                gap.ended_at,
            )
        return closed
