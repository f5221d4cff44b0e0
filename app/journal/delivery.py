"""The workstation's event journal: entries appended durably, delivered in order to the database, once.

Producers (the rules engine's writer, the stream-loss writer, the recorders' index) call `append`,
which writes the entry to the local file (local_file.py, fsync'd) and wakes the "event-journal"
thread; it never waits for the database. The thread applies the oldest entries (at most `batch_max`)
in ONE transaction (apply.py), deletes them from the file and tells the producer's listener. A
failure that is not a bug (persistence.errors.is_transient) is retried after 0.5 s, doubling up to
30 s, and the next attempt looks raises up by origin first, since the COMMIT may have succeeded. A
bug is narrowed to its entry (the batch retried entry by entry), tried three times, then set aside
("stuck"): kept, logged, counted, tried again at the next start. Nothing is dropped; entries a crash
left are delivered first at the next start (lower sequence numbers). Why SQLite: decision 0002.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.journal.apply import apply_entries
from app.journal.entries import JournalEntry, decode, encode
from app.journal.local_file import LocalJournalFile, StoredEntry
from app.journal_status import JournalStatus
from app.url_masking import mask_url

if TYPE_CHECKING:
    from app.persistence import Database

log = logging.getLogger(__name__)

RETRY_FIRST_S = 0.5
RETRY_MAX_S = 30.0
BUG_ATTEMPTS = 3  # a failing entry alone is tried this often before it is set aside


@dataclass(frozen=True, slots=True)
class Delivered:
    seq: int
    entry: JournalEntry
    result: int | None  # the event or recording row id it touched; None: skipped


DeliveryListener = Callable[[list[Delivered]], None]


def journal_path(folder: Path, database_url: str) -> Path:
    """One journal per database, named by a digest of its URL without the password (a journal
    written for one database is never delivered to another)."""
    digest = hashlib.sha256(mask_url(database_url).encode("utf-8")).hexdigest()[:16]
    return folder / f"event-journal-{digest}.sqlite3"


class EventJournal:
    def __init__(self, database: Database, path: Path, *, batch_max: int = 200) -> None:
        self._wake = threading.Condition()
        wake = self._wake  # not self: the callback must not keep the journal alive

        def database_gone(_ref: weakref.ref[Database]) -> None:
            with wake:  # a pause (a backoff may last 30 s) ends now, and so does the thread
                wake.notify_all()

        self._database_ref = weakref.ref(database, database_gone)  # a temporary journal ends with it
        self.path = path
        self._file = LocalJournalFile(path)
        self._batch_max = batch_max
        self._listeners: dict[str, list[DeliveryListener]] = {}
        self._delivered_through = 0  # every entry up to this seq is delivered or set aside
        self._closing = False
        self._stop = False
        self._nudged = False  # an entry was appended since the thread last looked
        self._waiters = 0  # threads in wait_delivered
        self._database_problem: str | None = None
        self._attempts: dict[int, int] = {}  # seq -> failed attempts alone (a bug being narrowed down)
        self._single_until = 0  # deliver one entry at a time up to this seq (narrowing a bug down)
        self.retries = 0  # delivery attempts the database refused, in all (tests, soak)
        self.delivered_count = 0
        self._thread = threading.Thread(target=self._run, name="event-journal", daemon=True)
        self._thread.start()

    # --- producers (any thread) ------------------------------------------------------------------

    def append(self, channel: str, entry: JournalEntry) -> int:
        """Journal `entry` (durable once this returns, unless `status().disk_problem`); its seq."""
        seq = self._file.append(channel, encode(entry))
        with self._wake:
            self._nudged = True
            self._wake.notify_all()
        return seq

    def listen(self, channel: str, listener: DeliveryListener) -> None:
        """Call `listener` (on the delivery thread) with each delivered batch's entries of `channel`
        (every producer on the channel hears of all of them; each picks its own by seq)."""
        self._listeners.setdefault(channel, []).append(listener)

    def status(self) -> JournalStatus:
        waiting, oldest, held = self._file.counts()
        return JournalStatus(
            waiting=waiting,
            oldest_at=oldest,
            database_problem=self._database_problem,
            disk_problem=self._file.disk_problem,
            held_in_memory=held,
            stuck=self._file.stuck,
        )

    def last_seq(self) -> int:
        """The sequence number of the newest entry journaled so far (0: none)."""
        return self._file.last_seq()

    @property
    def stuck(self) -> int:
        return self._file.stuck

    def wait_delivered(self, seq: int, timeout: float) -> bool:
        """Wait until every entry up to `seq` is delivered (or set aside); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._wake:
            self._waiters += 1  # someone waits: retry at the shortest interval meanwhile
            self._wake.notify_all()
            try:
                while self._delivered_through < seq:
                    left = deadline - time.monotonic()
                    if left <= 0 or not self._thread.is_alive():
                        return False
                    self._wake.wait(min(left, 0.5))
            finally:
                self._waiters -= 1
        return True

    def close(self, timeout: float = 5.0) -> bool:
        """Deliver what waits for up to `timeout` seconds, then stop; True when nothing waits. What
        is left stays in the file and is delivered at the next start."""
        with self._wake:
            self._closing = True
            self._wake.notify_all()
        self.wait_delivered(self.last_seq(), timeout)
        with self._wake:
            self._stop = True
            self._wake.notify_all()
        self._thread.join(5.0)
        waiting, _oldest, held = self._file.counts()
        self._file.close()
        if waiting:
            log.warning(
                "%d journal entries wait for the database in %s (%d in memory)", waiting, self.path, held
            )
        return waiting == 0

    # --- the "event-journal" thread ------------------------------------------------------------

    def _run(self) -> None:
        while not self._stop:
            try:
                self._deliver_until_stopped()
                return
            except Exception:  # a bug of ours must not end delivery for the rest of the run
                log.exception("the event journal's delivery failed; it starts again")
                self._pause(RETRY_MAX_S)

    def _deliver_until_stopped(self) -> None:
        uncertain = True  # the last run may have died between COMMIT and marking: look up origins
        delay = RETRY_FIRST_S
        while not self._stop:
            if self._database_ref() is None:
                return  # a temporary journal's database is gone (tests, tools)
            self._file.retry()
            try:
                limit = 1 if self._delivered_through < self._single_until else self._batch_max
                batch = self._file.read(self._delivered_through, limit)
            except Exception as error:  # the journal file cannot be read now
                log.debug("journal not readable: %s", error)
                self._pause(delay)
                delay = min(RETRY_MAX_S, delay * 2)
                continue
            if not batch:
                self._pause(1.0, unless_nudged=True)  # also retries held entries now and then
                continue
            database = self._database_ref()
            if database is None:
                return
            outcome = self._deliver(database, batch, uncertain)
            del database
            if outcome is None:
                uncertain, delay = False, RETRY_FIRST_S
                continue
            uncertain = True
            self.retries += 1
            self._pause(RETRY_FIRST_S if self._closing or self._waiters else delay)
            if outcome:
                delay = min(RETRY_MAX_S, delay * 2)

    def _deliver(self, database: Database, batch: list[StoredEntry], uncertain: bool) -> bool | None:
        """None: delivered. True: refused for now (retry with backoff). False: a bug (narrowing)."""
        from app.persistence.errors import describe_refusal, is_transient

        try:
            entries = [decode(stored.body) for stored in batch]
            with database.writing() as session:
                results = apply_entries(session, entries, uncertain=uncertain)
        except Exception as error:
            # A connection that saw a failure may stay broken (read-only, I/O): start from fresh ones.
            engine = getattr(database, "engine", None)  # tests may hand in a wrapper without one
            if engine is not None:
                engine.dispose()
            if is_transient(error):
                if self._database_problem is None:  # the text: a record kept would keep the database
                    log.warning("%d journal entries wait for the database: %s", len(batch), str(error))
                self._database_problem = describe_refusal(error)
                return True
            self._bug(batch, error)
            return False
        if self._database_problem is not None:
            log.info("the database takes journal entries again")
            self._database_problem = None
        self._file.delivered([stored.seq for stored in batch])
        self.delivered_count += len(batch)
        for stored in batch:
            self._attempts.pop(stored.seq, None)
        with self._wake:
            self._delivered_through = batch[-1].seq
            self._wake.notify_all()
        self._notify([Delivered(s.seq, e, r) for s, e, r in zip(batch, entries, results, strict=True)], batch)
        return None

    def _bug(self, batch: list[StoredEntry], error: BaseException) -> None:
        if len(batch) > 1:
            log.warning(
                "a batch of %d journal entries failed (%s): trying them one by one", len(batch), error
            )
            self._single_until = batch[-1].seq
            return
        seq = batch[0].seq
        self._attempts[seq] = self._attempts.get(seq, 0) + 1
        if self._attempts[seq] < BUG_ATTEMPTS:
            return
        log.error(
            "journal entry %d (%s) cannot be delivered and is set aside until the next start: %s\n%s",
            seq,
            batch[0].channel,
            error,
            batch[0].body,
            exc_info=error,
        )
        self._file.set_aside(seq, str(error).splitlines()[0] if str(error) else type(error).__name__)
        self._attempts.pop(seq, None)
        with self._wake:
            self._delivered_through = seq
            self._wake.notify_all()

    def _notify(self, delivered: list[Delivered], batch: list[StoredEntry]) -> None:
        by_channel: dict[str, list[Delivered]] = {}
        for stored, item in zip(batch, delivered, strict=True):
            by_channel.setdefault(stored.channel, []).append(item)
        for channel, items in by_channel.items():
            for listener in list(self._listeners.get(channel, ())):
                try:
                    listener(items)
                except Exception:  # a listener's bug must not stop delivery
                    log.exception("journal listener of %s failed", channel)

    def _pause(self, seconds: float, *, unless_nudged: bool = False) -> None:
        """Sleep `seconds`, less when stopping, when someone waits for delivery (then at most the
        shortest retry interval) or, with `unless_nudged`, when an entry was appended."""
        start = time.monotonic()
        with self._wake:
            while (
                not self._stop and not (unless_nudged and self._nudged) and self._database_ref() is not None
            ):
                limit = min(seconds, RETRY_FIRST_S) if (self._waiters or self._closing) else seconds
                left = start + limit - time.monotonic()
                if left <= 0:
                    break
                self._wake.wait(left)
            self._nudged = False
