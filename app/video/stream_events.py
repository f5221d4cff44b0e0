"""Stream lost / restored → STREAM_LOST events with a duration, written on a worker thread.

Two parts:
- `StreamLossTracker` (pure; GUI thread): fed each stream's state about once a second, it decides
  when an outage becomes an event. A stream that was PLAYING and has been RECONNECTING / OFFLINE /
  NOT_FOUND for longer than `grace` seconds opens an event starting when the picture was lost; when
  it plays again the event gets `ended_at`. Blips shorter than `grace` are not recorded: a camera
  re-keying its stream is not an incident an officer must triage.
- `StreamEventWriter`: appends the tracker's actions to the workstation's event journal
  (app/journal), whose thread delivers them to the database, so the GUI never waits for the
  database and an outage is never dropped because the database refused it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from app.domain.casework import Event, open_key_for
from app.domain.enums import EventKind, EventState, Severity
from app.video.stream_state import StreamState

if TYPE_CHECKING:
    from app.journal import Delivered, EventJournal
    from app.persistence import Database

log = logging.getLogger(__name__)

_LOST = (StreamState.RECONNECTING, StreamState.OFFLINE, StreamState.NOT_FOUND, StreamState.CONNECTING)
ENGINE = "video-wall"
CHANNEL = "stream"


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
    """Journals loss actions (app/journal): `submit` touches the local disk, never the database.

    An outage counts as recorded once its action is in the workstation's event journal; the
    journal's thread delivers it to the database in order, exactly once, retrying every failure
    that is not a bug. The open action carries a fresh origin key; the close names the event by its
    open key ("camera:<id>"), so it also closes an outage raised before a restart."""

    def __init__(
        self,
        database: Database,
        *,
        on_written: Callable[[LossAction, int], None] | None = None,
        journal: EventJournal | None = None,
    ) -> None:
        from app.journal import journal_for

        self._journal = journal if journal is not None else journal_for(database)
        self._on_written = on_written  # called on the journal's thread, for tests and logging
        self._lock = threading.Lock()
        self._submitted: dict[int, LossAction] = {}  # journal seq -> action, until delivered
        self._open: dict[str, tuple[str, str]] = {}  # tracker key -> (open key, origin of its raise)
        self._last_seq = 0
        self._journal.listen(CHANNEL, self._delivered)

    def submit(self, action: LossAction) -> None:
        from app.journal.entries import CloseEntry, RaiseEntry

        entry: RaiseEntry | CloseEntry
        with self._lock:
            if isinstance(action, OpenLoss):
                open_key = open_key_for(EventKind.STREAM_LOST, None, f"camera:{action.camera_id}")
                origin = f"stream:{uuid.uuid4().hex}"
                self._open[action.key] = (open_key, origin)
                entry = RaiseEntry(
                    Event(
                        id=0,
                        kind=EventKind.STREAM_LOST,
                        severity=Severity.MEDIUM,
                        state=EventState.NEW,
                        started_at=_naive_local(action.started_at),
                        camera_id=action.camera_id,
                        classroom_id=action.classroom_id,
                        engine=ENGINE,
                        origin=origin,
                        open_key=open_key,
                    )
                )
            else:
                known = self._open.pop(action.key, None)
                if known is None:
                    return  # never opened here: nothing to close
                entry = CloseEntry(known[0], _naive_local(action.ended_at), raised_origin=known[1])
            seq = self._journal.append(CHANNEL, entry)
            self._submitted[seq] = action
            self._last_seq = seq

    def close(self, timeout: float = 5.0) -> bool:
        """Wait up to `timeout` for the submitted actions to reach the database; True when they have.
        What has not stays in the journal and is delivered later."""
        return self._journal.wait_delivered(self._last_seq, timeout)

    def _delivered(self, items: list[Delivered]) -> None:  # the journal's thread
        for item in items:
            with self._lock:
                action = self._submitted.pop(item.seq, None)
            if action is None or item.result is None:
                continue
            if isinstance(action, OpenLoss):
                log.info(
                    "stream of camera %d lost since %s (event %d)",
                    action.camera_id,
                    action.started_at,
                    item.result,
                )
            else:
                log.info("stream event %d closed at %s", item.result, action.ended_at)
            if self._on_written is not None:
                self._on_written(action, item.result)


def _naive_local(moment: datetime) -> datetime:
    """The database stores naive local time (app/persistence/column_types.py); stream stats are aware."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment
