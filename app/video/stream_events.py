"""Stream lost / restored → STREAM_LOST events with a duration, written on a worker thread.

Two parts:
- `StreamLossTracker` (pure; GUI thread): fed each stream's state about once a second, it decides
  when an outage becomes an event. A stream that was PLAYING and has been RECONNECTING / OFFLINE /
  NOT_FOUND for longer than `grace` seconds opens an event starting when the picture was lost; when
  it plays again the event gets `ended_at`. Blips shorter than `grace` are not recorded: a camera
  re-keying its stream is not an incident an officer must triage.
- `StreamEventWriter` (one daemon thread, "stream-events"): applies the tracker's actions through
  EventRepository in `Database.writing()` transactions, so the GUI never waits for the database.
  A failed write is logged and dropped; the picture must never depend on the database.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from app.domain.casework import Event, open_key_for
from app.domain.enums import EventKind, EventState, Severity
from app.video.stream_state import StreamState

if TYPE_CHECKING:
    from app.persistence import Database

log = logging.getLogger(__name__)

_LOST = (StreamState.RECONNECTING, StreamState.OFFLINE, StreamState.NOT_FOUND, StreamState.CONNECTING)
ENGINE = "video-wall"


@dataclass(frozen=True, slots=True)
class OpenLoss:
    key: str  # the tracker's stream key; the writer maps it to the event id it gets back
    camera_id: int
    classroom_id: int | None
    started_at: datetime


@dataclass(frozen=True, slots=True)
class CloseLoss:
    key: str
    ended_at: datetime


LossAction = OpenLoss | CloseLoss


class StreamEventSink(Protocol):
    """Where the tracker's actions go (the writer, or a list in tests). Must not block."""

    def submit(self, action: LossAction) -> None: ...


@dataclass(slots=True)
class _Watch:
    camera_id: int
    classroom_id: int | None
    was_playing: bool = False
    lost_at: datetime | None = None  # wall clock of the last good frame
    lost_mono: float | None = None
    open: bool = False


class StreamLossTracker:
    """Turns state observations into open/close actions. GUI thread; not thread-safe."""

    def __init__(self, sink: StreamEventSink, grace: float = 5.0) -> None:
        self._sink = sink
        self.grace = grace
        self._watches: dict[str, _Watch] = {}

    def observe(
        self,
        key: str,
        camera_id: int,
        classroom_id: int | None,
        state: StreamState,
        *,
        now: datetime,
        monotonic: float,
        lost_since: datetime | None = None,
    ) -> None:
        """Record `state` of stream `key` at `now` (wall clock) / `monotonic` (for the grace period).

        `lost_since` is when the picture was last good (StreamStats.offline_since), if known.
        """
        watch = self._watches.get(key)
        if watch is None:
            watch = self._watches[key] = _Watch(camera_id, classroom_id)
        if state is StreamState.PLAYING:
            if watch.open:
                self._sink.submit(CloseLoss(key, now))
            watch.was_playing, watch.open, watch.lost_at, watch.lost_mono = True, False, None, None
            return
        if not watch.was_playing or state not in _LOST:
            return  # never played (nothing was lost), or unauthorised/stopped: not an outage
        if watch.lost_mono is None:
            watch.lost_at, watch.lost_mono = lost_since or now, monotonic
        if not watch.open and monotonic - watch.lost_mono >= self.grace:
            watch.open = True
            assert watch.lost_at is not None
            self._sink.submit(OpenLoss(key, watch.camera_id, watch.classroom_id, watch.lost_at))

    def forget(self, key: str, *, now: datetime) -> None:
        """The wall stopped watching this stream (closed or replaced): end an open event at `now`,
        since nobody observes the camera any more."""
        watch = self._watches.pop(key, None)
        if watch is not None and watch.open:
            self._sink.submit(CloseLoss(key, now))

    def open_keys(self) -> list[str]:
        return [key for key, watch in self._watches.items() if watch.open]


class StreamEventWriter:
    """Writes loss actions to the database on its own thread. `submit` never blocks."""

    def __init__(
        self, database: Database, *, on_written: Callable[[LossAction, int], None] | None = None
    ) -> None:
        self._database = database
        self._on_written = on_written  # called on the writer thread, for tests and logging
        self._queue: queue.Queue[LossAction | None] = queue.Queue()
        self._event_ids: dict[str, int] = {}
        self._thread = threading.Thread(target=self._run, name="stream-events", daemon=True)
        self._thread.start()

    def submit(self, action: LossAction) -> None:
        self._queue.put(action)

    def close(self, timeout: float = 5.0) -> bool:
        """Finish the queued writes and stop; True when the thread ended within `timeout`."""
        self._queue.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:  # the "stream-events" thread
        from app.persistence.repositories.event_repository import EventRepository

        while True:
            action = self._queue.get()
            if action is None:
                return
            try:
                with self._database.writing() as session:
                    repository = EventRepository(session)
                    event_id = self._apply(repository, action)
            except Exception:  # the database being away must not stop the wall; drop and log
                log.exception("could not record stream event %r", action)
                continue
            if event_id is not None and self._on_written is not None:
                self._on_written(action, event_id)

    def _apply(self, repository: object, action: LossAction) -> int | None:
        from app.persistence.repositories.event_repository import EventRepository

        assert isinstance(repository, EventRepository)
        if isinstance(action, OpenLoss):
            event = repository.add(
                Event(
                    id=0,
                    kind=EventKind.STREAM_LOST,
                    severity=Severity.MEDIUM,
                    state=EventState.NEW,
                    started_at=_naive_local(action.started_at),
                    camera_id=action.camera_id,
                    classroom_id=action.classroom_id,
                    engine=ENGINE,
                    open_key=open_key_for(EventKind.STREAM_LOST, None, f"camera:{action.camera_id}"),
                )
            )
            self._event_ids[action.key] = event.id
            log.info(
                "stream of camera %d lost since %s (event %d)", action.camera_id, action.started_at, event.id
            )
            return event.id
        event_id = self._event_ids.pop(action.key, None)
        if event_id is None:
            return None
        repository.close_open(event_id, _naive_local(action.ended_at))
        log.info("stream event %d closed at %s", event_id, action.ended_at)
        return event_id


def _naive_local(moment: datetime) -> datetime:
    """The database stores naive local time (app/persistence/column_types.py); stream stats are aware."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment
