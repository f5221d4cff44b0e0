"""Persist the rules engine's actions through the workstation's event journal (app/journal).

`submit` (the engine's thread) appends the action to the journal file on this workstation's disk
(fsync'd; never a wait for the database): from then on the event counts as raised, and survives a
crash, a quit during an outage and a database that refuses it. Each raise gets a fresh origin key,
so its delivery is idempotent; extensions and closes name their event by its open key. The
journal's "event-journal" thread delivers the actions in order, in batches (one transaction per
batch), retrying every failure that is not a bug; see app/journal/delivery.py. Raised events carry
their system history entry (actor None); closing adds a history note.

`on_batch` and `event_id` report what was delivered, on the journal's thread.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.journal import Delivered, EventJournal, journal_for
from app.journal.entries import CloseEntry, ExtendEntry, JournalEntry, RaiseEntry
from app.supervision.engine_actions import CloseEvent, EngineAction, EventKey, RaiseEvent

if TYPE_CHECKING:
    from app.persistence import Database

log = logging.getLogger(__name__)

CHANNEL = "supervision"


class SupervisionEventWriter:
    def __init__(
        self,
        database: Database,
        *,
        batch_max: int = 200,
        on_batch: Callable[[list[EngineAction], dict[EventKey, int]], None] | None = None,
        journal: EventJournal | None = None,
    ) -> None:
        self._journal = journal if journal is not None else journal_for(database)
        self._on_batch = on_batch  # called on the journal's thread after each delivered batch
        self._lock = threading.Lock()
        self._submitted: dict[int, EngineAction] = {}  # journal seq -> action, until delivered
        self._origins: dict[EventKey, str] = {}  # the origin of each key's current raise
        self._last_seq = 0
        self._ids: dict[EventKey, int] = {}
        self._journal.listen(CHANNEL, self._delivered)

    @property
    def retries(self) -> int:
        """Delivery attempts the database refused (the journal's, all producers together)."""
        return self._journal.retries

    def submit(self, action: EngineAction) -> None:
        """Journal the action (the engine's thread; touches the local disk, never the database)."""
        with self._lock:
            seq = self._journal.append(CHANNEL, self._entry(action))
            self._submitted[seq] = action
            self._last_seq = seq

    def close(self, timeout: float = 5.0) -> bool:
        """Wait up to `timeout` for what was submitted to reach the database; True when it has.
        What has not stays in the journal and is delivered later (at the next start at the latest)."""
        delivered = self._journal.wait_delivered(self._last_seq, timeout)
        if not delivered:
            log.error(
                "%d supervision event actions wait in the event journal: the database refuses them",
                len(self._submitted),
            )
        return delivered

    def event_id(self, key: EventKey) -> int | None:
        return self._ids.get(key)

    def _entry(self, action: EngineAction) -> JournalEntry:
        if isinstance(action, RaiseEvent):
            origin = f"supervision:{uuid.uuid4().hex}"
            open_key = None if action.finished else action.key.open_key
            event = dataclasses.replace(action.event, origin=origin, open_key=open_key)
            if open_key is not None:
                self._origins[action.key] = origin
            return RaiseEntry(event)
        origin = self._origins.get(action.key, "")
        if isinstance(action, CloseEvent):
            self._origins.pop(action.key, None)  # a later event with the same key is a new one
            return CloseEntry(action.key.open_key, action.ended_at, raised_origin=origin, note=action.note)
        return ExtendEntry(
            action.key.open_key,
            action.ended_at,
            raised_origin=origin,
            distance=action.distance,
            snapshot_path=action.snapshot_path,
            frame_path=action.frame_path,
        )

    def _delivered(self, items: list[Delivered]) -> None:  # the journal's thread
        batch: list[EngineAction] = []
        written: dict[EventKey, int] = {}
        with self._lock:
            for item in items:
                action = self._submitted.pop(item.seq, None)
                if action is None:
                    continue  # journaled by an earlier run of the console
                batch.append(action)
                if item.result is not None:
                    written[action.key] = item.result
        self._ids.update(written)
        for action in batch:
            if isinstance(action, CloseEvent):
                self._ids.pop(action.key, None)
        if batch and self._on_batch is not None:
            self._on_batch(batch, written)
