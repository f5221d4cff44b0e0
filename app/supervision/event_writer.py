"""Persist the rules engine's actions: one "supervision-events" thread, batched transactions.

`submit` (the engine's thread) only queues. The writer thread takes whatever has queued up, at most
`batch_max` actions, and applies them in order in ONE `Database.writing()` transaction: a burst of
extensions costs one commit, not one per action. Raised events carry their system history entry
(actor None); closing adds a history note.

A flagged event must not be lost to a locked or unreachable database: a batch that fails with a
DatabaseError (app/persistence/errors.py: locked, unavailable) is kept and tried again as it was,
first after 0.5 s, then twice as long each time up to 30 s; what queued meanwhile follows in later
batches (in order: a later extension needs the raise's id). A retried raise first looks for the
event it would add (a connection lost during COMMIT may have stored it): no event twice. The rules
engine never waits for this: `submit` only queues. A batch that fails otherwise (a bug, a deleted
row) is logged and dropped; retrying cannot help.
"""

from __future__ import annotations

import dataclasses
import logging
import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.supervision.engine_actions import CloseEvent, EngineAction, EventKey, ExtendEvent, RaiseEvent

if TYPE_CHECKING:
    from app.persistence import Database
    from app.persistence.repositories.event_repository import EventRepository

log = logging.getLogger(__name__)

RETRY_FIRST_S = 0.5
RETRY_MAX_S = 30.0


class SupervisionEventWriter:
    def __init__(
        self,
        database: Database,
        *,
        batch_max: int = 200,
        on_batch: Callable[[list[EngineAction], dict[EventKey, int]], None] | None = None,
    ) -> None:
        self._database = database
        self._batch_max = batch_max
        self._on_batch = on_batch  # called on the writer thread after each commit (tests, logging)
        self._queue: queue.Queue[EngineAction | None] = queue.Queue()
        self._unwritten: list[EngineAction] = []  # taken from the queue, not stored yet (writer thread)
        self._closing = threading.Event()
        self.retries = 0  # batches tried again after a DatabaseError, in all (tests)
        self._failing = False
        self._ids: dict[EventKey, int] = {}
        self._thread = threading.Thread(target=self._run, name="supervision-events", daemon=True)
        self._thread.start()

    def submit(self, action: EngineAction) -> None:
        self._queue.put(action)

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued, then stop; True when the thread ended within `timeout`. While the
        database stays unavailable the thread keeps trying (it is a daemon: the process may end)."""
        self._queue.put(None)
        self._closing.set()
        self._thread.join(timeout)
        if self._thread.is_alive():
            waiting = len(self._unwritten) + self._queue.qsize()
            log.error("%d supervision event actions not stored yet: the database is unavailable", waiting)
        return not self._thread.is_alive()

    def event_id(self, key: EventKey) -> int | None:
        return self._ids.get(key)

    def _run(self) -> None:  # the "supervision-events" thread
        stopping = False
        delay = RETRY_FIRST_S
        while not (stopping and not self._unwritten):
            if not self._unwritten:  # a new batch; a refused one is tried again as it was
                first = self._queue.get()
                if first is None:
                    return
                self._unwritten = [first]
                while len(self._unwritten) < self._batch_max:
                    try:
                        action = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if action is None:
                        stopping = True
                        break
                    self._unwritten.append(action)
            if self._write(self._unwritten):
                self._unwritten = []
                delay = RETRY_FIRST_S
                continue
            self.retries += 1
            if self._closing.is_set():  # the last writes should go before the process ends
                time.sleep(RETRY_FIRST_S)
            else:
                self._closing.wait(delay)
            delay = min(RETRY_MAX_S, delay * 2)

    def _write(self, batch: list[EngineAction]) -> bool:
        """Apply the batch in one transaction; False when the database was locked or unreachable
        (nothing of it was stored: try again), True otherwise (stored, or dropped as hopeless)."""
        from app.persistence.errors import DatabaseError
        from app.persistence.repositories.event_repository import EventRepository

        written: dict[EventKey, int] = {}
        try:
            with self._database.writing() as session:
                repository = EventRepository(session)
                for action in batch:
                    event_id = self._apply(repository, action, written)
                    if event_id is not None:
                        written[action.key] = event_id
        except DatabaseError as error:
            level = logging.DEBUG if self._failing else logging.WARNING
            log.log(level, "%d supervision event actions wait for the database: %s", len(batch), error)
            self._failing = True
            return False
        except Exception:
            log.exception("could not record %d supervision event actions; dropped", len(batch))
            return True
        if self._failing:
            log.info("supervision events are stored again (%d actions in this batch)", len(batch))
            self._failing = False
        self._ids.update(written)
        for action in batch:
            if isinstance(action, CloseEvent):
                self._ids.pop(action.key, None)  # a later event with the same key is a new one
        if self._on_batch is not None:
            self._on_batch(batch, written)
        return True

    def _apply(
        self, repository: EventRepository, action: EngineAction, written: dict[EventKey, int]
    ) -> int | None:
        if isinstance(action, RaiseEvent):
            if self._failing:  # a connection lost at COMMIT may have stored it after all
                stored = repository.find_same(action.event)
                if stored is not None:
                    return stored
            event = action.event
            if not action.finished:
                event = dataclasses.replace(event, open_key=action.key.open_key)
            return repository.add(event).id
        event_id = written.get(action.key, self._ids.get(action.key))
        if event_id is None:  # raised by an earlier run of the console and resumed by this one
            event_id = repository.find_open(action.key.open_key)
        if event_id is None:
            log.warning("no stored event for %s; %s dropped", action.key, type(action).__name__)
            return None
        if isinstance(action, ExtendEvent):
            repository.set_evidence(
                event_id,
                ended_at=action.ended_at,
                distance=action.distance,
                snapshot_path=action.snapshot_path,
                frame_path=action.frame_path,
            )
        else:
            repository.close_open(event_id, action.ended_at)
            repository.add_note(event_id, actor_id=None, at=action.ended_at, note=action.note)
        return event_id
