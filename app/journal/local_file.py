"""The journal's file on this workstation's disk: a small SQLite database, one row per entry.

An entry counts as raised once `append` has committed it here: WAL mode with synchronous=FULL, so
each append's COMMIT is fsync'd before `append` returns (docs/decisions/event-journal.md gives the
measured cost). Entries are numbered in one sequence (`seq`) across every producer; the delivery
thread reads them in that order and deletes them once the database has them.

When the local disk refuses an append (full, read-only, failing), the entry is kept in memory with
its sequence number, later entries queue behind it there, and every later call tries to write the
held ones first; `disk_problem` says why meanwhile. Held entries may be delivered straight from
memory (they are always the newest), so a database on another disk still gets them.

Threads: every method may be called from any thread; one lock serialises them (each is a few
local disk operations, never a wait for the database).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    seq INTEGER PRIMARY KEY,
    journaled_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    body TEXT NOT NULL,
    stuck TEXT
)
"""


@dataclass(frozen=True, slots=True)
class StoredEntry:
    seq: int
    journaled_at: datetime
    channel: str  # which producer appended it ("supervision", "stream", "recording")
    body: str  # entries.encode(...)


class LocalJournalFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._counts: tuple[int, datetime | None, int] = (0, None, 0)  # see counts()
        self._connection: sqlite3.Connection | None = None
        self._next_seq = 1
        self._held: list[StoredEntry] = []  # refused by the disk, oldest first; seqs above the file's
        self._unmarked: set[int] = set()  # delivered, but the deletion was refused: try again
        self._waiting: OrderedDict[int, datetime] = OrderedDict()  # seq -> journaled_at, not delivered
        self.stuck = 0  # entries set aside as undeliverable (a bug) during this run
        self.disk_problem: str | None = None
        self._loaded = False
        with self._changing():
            self._open()

    # --- producers ---------------------------------------------------------------------------

    def append(self, channel: str, body: str) -> int:
        """Write one entry durably (fsync'd) and return its sequence number. Never raises: when the
        disk refuses, the entry is held in memory and `disk_problem` says so."""
        with self._changing():
            entry = StoredEntry(self._next_seq, datetime.now(), channel, body)
            self._next_seq += 1
            self._waiting[entry.seq] = entry.journaled_at
            self._held.append(entry)
            self._write_held()
            return entry.seq

    # --- the delivery thread -----------------------------------------------------------------

    def retry(self) -> None:
        """Write held entries and forget delivered ones whose deletion the disk refused."""
        with self._changing():
            if self._held:
                self._write_held()
            elif self.disk_problem is not None:
                self._probe()  # what was held went to the database meanwhile: is the disk back?
            if self._unmarked and self._connection is not None:
                try:
                    self._delete(sorted(self._unmarked))
                    self._unmarked.clear()
                except sqlite3.Error:
                    pass  # the disk still refuses; the entries are delivered either way

    def read(self, after_seq: int, limit: int) -> list[StoredEntry]:
        """Up to `limit` undelivered entries numbered above `after_seq`, oldest first (the file's,
        then those held in memory). Raises sqlite3.Error when the file cannot be read."""
        with self._changing():  # it may open the file and count its entries
            entries: list[StoredEntry] = []
            if self._connection is None and not self._open():
                first_held = self._held[0].seq if self._held else self._next_seq
                if any(seq < first_held for seq in self._waiting):
                    raise sqlite3.OperationalError(f"the journal file cannot be read: {self.disk_problem}")
            if self._connection is not None:
                rows = self._connection.execute(
                    "SELECT seq, journaled_at, channel, body FROM entries WHERE seq > ? AND stuck IS NULL "
                    "ORDER BY seq LIMIT ?",
                    (after_seq, limit),
                ).fetchall()
                entries = [StoredEntry(s, datetime.fromisoformat(a), c, b) for s, a, c, b in rows]
                entries = [e for e in entries if e.seq not in self._unmarked]
            for held in self._held:
                if len(entries) >= limit:
                    break
                if held.seq > after_seq and all(e.seq != held.seq for e in entries):
                    entries.append(held)
            return entries

    def delivered(self, seqs: list[int]) -> None:
        """The database has these entries: delete them (or remember to, if the disk refuses)."""
        with self._changing():
            done = set(seqs)
            for seq in seqs:
                self._waiting.pop(seq, None)
            self._held = [e for e in self._held if e.seq not in done]
            try:
                if self._connection is None:
                    raise sqlite3.OperationalError("the journal file is not open")
                self._delete(seqs)
            except sqlite3.Error:
                self._unmarked.update(done)

    def set_aside(self, seq: int, reason: str) -> None:
        """Keep an undeliverable entry in the file, out of the delivery order until the next start."""
        with self._changing():
            self._waiting.pop(seq, None)
            self.stuck += 1
            if any(e.seq == seq for e in self._held):
                return  # written with the rest of the held ones, and tried again at the next start
            try:
                if self._connection is not None:
                    with self._connection:
                        self._connection.execute("UPDATE entries SET stuck = ? WHERE seq = ?", (reason, seq))
            except sqlite3.Error:
                log.warning("journal entry %d could not be marked as stuck: %s", seq, reason)

    # --- status --------------------------------------------------------------------------------

    def counts(self) -> tuple[int, datetime | None, int]:
        """(waiting, when the oldest waiting was journaled, held in memory). Never waits: the GUI
        thread asks every second, while an append may hold the lock through a slow fsync."""
        return self._counts

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """The lock, for a change of what waits; the counts are published when it is released."""
        with self._lock:
            try:
                yield
            finally:
                oldest = next(iter(self._waiting.values()), None)
                self._counts = (len(self._waiting), oldest, len(self._held))

    def last_seq(self) -> int:
        """The sequence number of the newest entry appended (0: none yet)."""
        with self._lock:
            return self._next_seq - 1

    def close(self) -> None:
        with self._changing():
            if self._held:
                self._write_held()
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    # --- inside the lock -----------------------------------------------------------------------

    def _open(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute(_SCHEMA)
            if not self._loaded:  # set aside last run, tried again: an update may have fixed the bug
                connection.execute("UPDATE entries SET stuck = NULL WHERE stuck IS NOT NULL")
            rows = connection.execute(
                "SELECT seq, journaled_at FROM entries WHERE stuck IS NULL ORDER BY seq"
            ).fetchall()
        except (sqlite3.Error, OSError) as error:
            self._refused(error)
            return False
        self._connection = connection
        on_disk = OrderedDict(
            (seq, datetime.fromisoformat(at)) for seq, at in rows if seq not in self._unmarked
        )
        if not self._loaded and on_disk:  # entries held in memory are newer than any in the file
            self._waiting = OrderedDict(list(on_disk.items()) + list(self._waiting.items()))
            last = next(reversed(on_disk))
            if self._held and self._held[0].seq <= last:  # only if the file was replaced meanwhile
                self._renumber(last + 1)
            self._next_seq = max(self._next_seq, last + 1)
        self._loaded = True  # the file's entries are counted (once: later reopenings add none)
        return True

    def _renumber(self, first: int) -> None:
        renumbered = [
            StoredEntry(first + i, e.journaled_at, e.channel, e.body) for i, e in enumerate(self._held)
        ]
        for old in self._held:
            self._waiting.pop(old.seq, None)
        for new in renumbered:
            self._waiting[new.seq] = new.journaled_at
        self._held = renumbered
        self._next_seq = first + len(renumbered)

    def _write_held(self) -> None:
        if self._connection is None and not self._open():
            return
        assert self._connection is not None
        try:
            with self._connection:  # one fsync'd transaction for all held entries
                self._connection.executemany(
                    "INSERT INTO entries (seq, journaled_at, channel, body) VALUES (?, ?, ?, ?)",
                    [(e.seq, e.journaled_at.isoformat(), e.channel, e.body) for e in self._held],
                )
        except (sqlite3.Error, OSError) as error:
            self._refused(error)
            # A connection that saw an I/O error may stay broken after the disk recovers: reopen.
            self._connection.close()
            self._connection = None
            return
        if self.disk_problem is not None:
            log.warning("the event journal writes again (%d entries held in memory saved)", len(self._held))
            self.disk_problem = None
        self._held = []

    def _probe(self) -> None:
        """Write one page (the header's user_version) to learn whether the disk takes writes again."""
        if self._connection is None and not self._open():
            return
        assert self._connection is not None
        try:
            with self._connection:
                version = self._connection.execute("PRAGMA user_version").fetchone()[0]
                self._connection.execute(f"PRAGMA user_version = {(int(version) + 1) % 1_000_000}")
        except (sqlite3.Error, OSError) as error:
            self._refused(error)
            self._connection.close()
            self._connection = None
            return
        log.warning("the event journal writes again")
        self.disk_problem = None

    def _delete(self, seqs: list[int]) -> None:
        assert self._connection is not None
        with self._connection:
            self._connection.executemany("DELETE FROM entries WHERE seq = ?", [(seq,) for seq in seqs])

    def _refused(self, error: BaseException) -> None:
        text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if self.disk_problem is None:
            log.error(
                "the local disk refuses the event journal %s (%s): %d entries held in memory",
                self.path,
                text,
                len(self._held),
            )
        self.disk_problem = f"{text} ({self.path})"
