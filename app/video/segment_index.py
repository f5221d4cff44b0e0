"""The recorder's writes to the `recordings` index, each in its own short transaction, retried
while the database refuses them.

A locked database (another workstation's long transaction, a backup holding the SQLite file) must
never cost a recording: the segment file is written regardless, and its row waits here until the
database takes it. Writes are upserts by path (RecordingRepository.save), so "opened" and "closed"
collapse into one row however late they land. Should the process die with rows still waiting,
start-up recovery (segment_recovery.py) indexes the files it finds.

Threads: used only by one recorder's writer thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from app.persistence import Database, DatabaseError
from app.persistence.repositories import Recording, RecordingRepository

log = logging.getLogger(__name__)


class SegmentIndex:
    def __init__(
        self,
        database: Database,
        *,
        retry_interval: float = 5.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database = database
        self._retry_interval = retry_interval
        self._monotonic = monotonic
        # By path: the newest state of each waiting row, or None for "delete this row".
        self._pending: dict[str, Recording | None] = {}
        self._stores: dict[str, str] = {}  # path -> store, for deletions
        self._retry_at = 0.0
        self._failing = False
        self.failures = 0  # write attempts the database refused (for stats and tests)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def save(self, recording: Recording) -> None:
        """Queue the newest state of a segment's row and try to write it now (unless backing off)."""
        self._pending.pop(recording.path, None)  # re-append: rows are written in the order they changed
        self._pending[recording.path] = recording
        self._stores[recording.path] = recording.store
        self.flush()

    def forget(self, recording: Recording) -> None:
        """Queue the removal of a segment's row (its file held nothing playable)."""
        self._pending.pop(recording.path, None)
        self._pending[recording.path] = None
        self._stores[recording.path] = recording.store
        self.flush()

    def flush(self, *, force: bool = False) -> bool:
        """Write what is waiting. True when nothing is left. Backs off `retry_interval` after a refusal."""
        if not self._pending:
            return True
        if not force and self._monotonic() < self._retry_at:
            return False
        for path, recording in list(self._pending.items()):
            try:
                with self._database.writing() as session:
                    repository = RecordingRepository(session)
                    if recording is None:
                        repository.delete_by_path(self._stores[path], path)
                    else:
                        repository.save(recording)
            except DatabaseError as error:
                self.failures += 1
                self._retry_at = self._monotonic() + self._retry_interval
                level = logging.DEBUG if self._failing else logging.WARNING
                log.log(
                    level,
                    "recording index write postponed (%d waiting, retry in %.0f s): %s",
                    len(self._pending),
                    self._retry_interval,
                    error,
                )
                self._failing = True
                return False
            except SQLAlchemyError:
                # Not transient (the camera's row was deleted, say): retrying cannot help. The file
                # stays on disk; recovery at the next start indexes it if it can.
                log.exception("recording index row for %s dropped", path)
                self._pending.pop(path, None)
                self._stores.pop(path, None)
                continue
            if path in self._pending and self._pending[path] is recording:
                del self._pending[path]
                self._stores.pop(path, None)
        if self._failing:
            log.info("recording index caught up")
            self._failing = False
        return True
