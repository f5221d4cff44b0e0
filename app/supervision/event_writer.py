"""Persist the rules engine's actions: one "supervision-events" thread, batched transactions.

`submit` (the engine's thread) only queues. The writer thread takes whatever has queued up, at most
`batch_max` actions, and applies them in order in ONE `Database.writing()` transaction: a burst of
extensions costs one commit, not one per action. Raised events carry their system history entry
(actor None); closing adds a history note. A failed batch is logged and dropped, like the stream
event writer: supervision must never stall on the database.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.supervision.engine_actions import CloseEvent, EngineAction, EventKey, ExtendEvent, RaiseEvent

if TYPE_CHECKING:
    from app.persistence import Database
    from app.persistence.repositories.event_repository import EventRepository

log = logging.getLogger(__name__)


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
        self._ids: dict[EventKey, int] = {}
        self._thread = threading.Thread(target=self._run, name="supervision-events", daemon=True)
        self._thread.start()

    def submit(self, action: EngineAction) -> None:
        self._queue.put(action)

    def close(self, timeout: float = 5.0) -> bool:
        """Write what is queued, then stop; True when the thread ended within `timeout`."""
        self._queue.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def event_id(self, key: EventKey) -> int | None:
        return self._ids.get(key)

    def _run(self) -> None:  # the "supervision-events" thread
        stopping = False
        while not stopping:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self._batch_max:
                try:
                    action = self._queue.get_nowait()
                except queue.Empty:
                    break
                if action is None:
                    stopping = True
                    break
                batch.append(action)
            self._write(batch)

    def _write(self, batch: list[EngineAction]) -> None:
        from app.persistence.repositories.event_repository import EventRepository

        written: dict[EventKey, int] = {}
        try:
            with self._database.writing() as session:
                repository = EventRepository(session)
                for action in batch:
                    event_id = self._apply(repository, action, written)
                    if event_id is not None:
                        written[action.key] = event_id
        except Exception:
            log.exception("could not record %d supervision event actions", len(batch))
            return
        self._ids.update(written)
        for action in batch:
            if isinstance(action, CloseEvent):
                self._ids.pop(action.key, None)  # a later event with the same key is a new one
        if self._on_batch is not None:
            self._on_batch(batch, written)

    def _apply(
        self, repository: EventRepository, action: EngineAction, written: dict[EventKey, int]
    ) -> int | None:
        if isinstance(action, RaiseEvent):
            return repository.add(action.event).id
        event_id = written.get(action.key, self._ids.get(action.key))
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
            repository.set_ended_at(event_id, action.ended_at)
            repository.add_note(event_id, actor_id=None, at=action.ended_at, note=action.note)
        return event_id
