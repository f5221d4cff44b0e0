"""The recorder's writes to the `recordings` index, through the workstation's event journal.

A database that refuses a row (locked by another workstation's long transaction, full, read-only,
unreachable) must never cost a recording: the segment file is written regardless, and its row is
appended to the event journal (app/journal), which delivers it in order once the database takes it,
retrying every failure that is not a bug, and across a crash or restart. Writes are upserts by path
(RecordingRepository.save), so "opened" and "closed" collapse into one row however late they land.
Should the journal itself be lost, start-up recovery (segment_recovery.py) indexes the files it
finds.

Threads: `save`, `forget` and `flush` are used by one recorder's writer thread; the journal's thread
reports deliveries.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from app.journal import Delivered, EventJournal, journal_for
from app.journal.entries import IndexForgetEntry, IndexSaveEntry, JournalEntry
from app.persistence.repositories import Recording

if TYPE_CHECKING:
    from app.persistence import Database

log = logging.getLogger(__name__)

CHANNEL = "recording"
FORCED_FLUSH_WAIT_S = 5.0  # how long `flush(force=True)` (a stopping recorder) waits for the database
REFUSING_FLUSH_WAIT_S = 1.0  # ... and while the database refuses the journal's deliveries


class SegmentIndex:
    def __init__(
        self,
        database: Database,
        *,
        retry_interval: float = 5.0,
        journal: EventJournal | None = None,
    ) -> None:
        self._journal = journal if journal is not None else journal_for(database)
        self._retry_interval = retry_interval  # kept for callers; the journal paces its retries
        self._lock = threading.Lock()
        self._pending: dict[str, int] = {}  # path -> journal seq of its newest waiting change
        self._last_seq = 0
        self._journal.listen(CHANNEL, self._delivered)

    @property
    def pending(self) -> int:
        """Segments whose newest row change has not reached the database yet."""
        with self._lock:
            return len(self._pending)

    @property
    def failures(self) -> int:
        """Delivery attempts the database refused (the journal's, all producers together)."""
        return self._journal.retries

    def save(self, recording: Recording) -> None:
        """Journal the newest state of a segment's row."""
        self._append(recording.path, IndexSaveEntry(recording))

    def forget(self, recording: Recording) -> None:
        """Journal the removal of a segment's row (its file held nothing playable)."""
        self._append(recording.path, IndexForgetEntry(recording.store, recording.path))

    def flush(self, *, force: bool = False) -> bool:
        """True when every row change has reached the database. `force` (a stopping recorder) waits
        a little for it; what is left is delivered by the journal later."""
        if force and self.pending:
            # The rows are safe in the journal; a quitting console stops every recorder in turn.
            refusing = self._journal.status().database_problem is not None
            self._journal.wait_delivered(
                self._last_seq, REFUSING_FLUSH_WAIT_S if refusing else FORCED_FLUSH_WAIT_S
            )
        return self.pending == 0

    def wait_delivered(self, timeout: float) -> bool:
        """Wait until what was saved so far has reached the database (any thread); False on timeout."""
        return self._journal.wait_delivered(self._last_seq, timeout)

    def _append(self, path: str, entry: JournalEntry) -> None:
        with self._lock:
            seq = self._journal.append(CHANNEL, entry)
            self._pending[path] = seq
            self._last_seq = seq

    def _delivered(self, items: list[Delivered]) -> None:  # the journal's thread
        with self._lock:
            for item in items:
                entry = item.entry
                path = (
                    entry.recording.path if isinstance(entry, IndexSaveEntry) else getattr(entry, "path", "")
                )
                if self._pending.get(path) == item.seq:
                    del self._pending[path]
