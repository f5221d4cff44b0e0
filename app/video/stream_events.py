"""Stream lost / restored → STREAM_LOST events with a duration, written on a worker thread.

Two parts:
- `StreamLossTracker` (pure; GUI thread): fed each stream's state about once a second, it decides
  when an outage becomes an event. A stream that was PLAYING and has been RECONNECTING / OFFLINE /
  NOT_FOUND / UNAUTHORISED for longer than `grace` seconds opens an event starting when the picture
  was lost; when it plays again the event gets `ended_at`. Blips shorter than `grace` are not
  recorded: a camera re-keying its stream is not an incident an officer must triage. A camera that
  refuses its credentials (its password changed) is an outage too, and its event's first history
  note says so. Outages an earlier run of the console left open are taken over, not raised again
  (`resumed`, from `open_stream_losses` at start-up).
- `StreamEventWriter`: appends the tracker's actions to the workstation's event journal
  (app/journal), whose thread delivers them to the database, so the GUI never waits for the
  database and an outage is never dropped because the database refused it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from app.domain.casework import Event, EventHistoryEntry, open_key_for
from app.domain.enums import EventKind, EventState, Severity
from app.video.stream_state import StreamState

if TYPE_CHECKING:
    from app.journal import Delivered, EventJournal
    from app.persistence import Database

log = logging.getLogger(__name__)

# A played stream showing no picture; UNAUTHORISED too (a changed password is an outage).
# Only STOPPED (closed by the console) and ENDED (a file's end) are not.
_LOST = (
    StreamState.RECONNECTING,
    StreamState.OFFLINE,
    StreamState.NOT_FOUND,
    StreamState.CONNECTING,
    StreamState.UNAUTHORISED,
)
ENGINE = "video-wall"
CHANNEL = "stream"
REFUSED = "the camera refused its credentials: check the password stored for it"
REFUSED_LATER = "the camera refused its credentials during this outage"
RESUMED_PLAYING = (
    "the picture was back when the console started again; it was not running for part of this "
    "outage, so the camera may have come back earlier"
)
RESUMED_UNWATCHED = (
    "closed when the console started again: the camera is not on the wall, nobody watches it; "
    "the console was not running for part of this outage"
)


@dataclass(frozen=True, slots=True)
class OpenLoss:
    key: str  # the tracker's stream key; the writer maps it to the event id it gets back
    camera_id: int
    classroom_id: int | None
    started_at: datetime
    reason: str = ""  # the raised event's history note, when the outage has a known cause


@dataclass(frozen=True, slots=True)
class CloseLoss:
    key: str
    ended_at: datetime
    # Camera of an outage an earlier run left open: found by its open key.
    camera_id: int | None = None
    note: str = ""  # a history note added on closing


LossAction = OpenLoss | CloseLoss


def stream_lost_open_key(camera_id: int) -> str:
    """The open key of a camera's outage: one open STREAM_LOST per camera."""
    return open_key_for(EventKind.STREAM_LOST, None, f"camera:{camera_id}")


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
    refused: bool = False  # the camera refused its credentials during this outage
    said_refused: bool = False  # ... and the event's first note says so
    resumed: bool = False  # opened by an earlier run of the console


class StreamLossTracker:
    """Turns state observations into open/close actions. GUI thread; not thread-safe.

    `resumed`: camera id → start of the outage an earlier run of the console left open (read from
    the database at start-up, `open_stream_losses`). The console stopped while those cameras were
    lost, so the outage is taken over rather than raised again: a camera still lost when the wall
    first sees it continues the same event; one playing again closes it at once, with a note that
    the console was not running for part of it; one the wall does not show within `grace` seconds
    of its first observation is closed then (nobody watches it, as `forget` does), with a note.
    """

    def __init__(
        self, sink: StreamEventSink, grace: float = 5.0, *, resumed: Mapping[int, datetime] | None = None
    ) -> None:
        self._sink = sink
        self.grace = grace
        self._watches: dict[str, _Watch] = {}
        self._resumed = dict(resumed or {})
        self._first_mono: float | None = None

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
            self._take_over(watch, monotonic)
        self._settle_resumed(now, monotonic)
        if state is StreamState.PLAYING:
            if watch.open:
                note = ""
                if watch.resumed:
                    note = RESUMED_PLAYING
                elif watch.refused and not watch.said_refused:
                    note = REFUSED_LATER
                self._sink.submit(CloseLoss(key, now, _resumed_camera(watch), note))
            watch.was_playing, watch.open, watch.lost_at, watch.lost_mono = True, False, None, None
            watch.refused = watch.said_refused = watch.resumed = False
            return
        if not watch.was_playing or state not in _LOST:
            return  # never played (nothing was lost), or stopped / ended: not an outage
        watch.refused = watch.refused or state is StreamState.UNAUTHORISED
        if watch.lost_mono is None:
            watch.lost_at, watch.lost_mono = lost_since or now, monotonic
        if not watch.open and monotonic - watch.lost_mono >= self.grace:
            watch.open = True
            assert watch.lost_at is not None
            watch.said_refused = state is StreamState.UNAUTHORISED
            reason = REFUSED if watch.said_refused else ""
            self._sink.submit(OpenLoss(key, watch.camera_id, watch.classroom_id, watch.lost_at, reason))

    def _take_over(self, watch: _Watch, monotonic: float) -> None:
        """A stream of a camera whose outage an earlier run left open: that outage goes on in it."""
        started = self._resumed.pop(watch.camera_id, None)
        if started is None or any(w.camera_id == watch.camera_id and w.open for w in self._watches.values()):
            return
        watch.was_playing = watch.open = watch.resumed = True
        watch.lost_at, watch.lost_mono = started, monotonic

    def _settle_resumed(self, now: datetime, monotonic: float) -> None:
        if self._first_mono is None:
            self._first_mono = monotonic
        if not self._resumed or monotonic - self._first_mono < self.grace:
            return
        for camera_id in sorted(self._resumed):
            self._sink.submit(CloseLoss(f"resumed:camera:{camera_id}", now, camera_id, RESUMED_UNWATCHED))
        self._resumed.clear()

    def forget(self, key: str, *, now: datetime) -> None:
        """The wall stopped watching this stream (closed or replaced): end an open event at `now`,
        since nobody observes the camera any more."""
        watch = self._watches.pop(key, None)
        if watch is not None and watch.open:
            self._sink.submit(CloseLoss(key, now, _resumed_camera(watch)))

    def open_keys(self) -> list[str]:
        return [key for key, watch in self._watches.items() if watch.open]


def _resumed_camera(watch: _Watch) -> int | None:
    """The camera a close must name: only an outage opened by an earlier run (the writer knows
    the others by the stream key it opened them under)."""
    return watch.camera_id if watch.resumed else None


def open_stream_losses(database: Database) -> dict[int, datetime]:
    """Camera id → start (aware, local) of each STREAM_LOST event an earlier run left open: for a
    new StreamLossTracker's `resumed`. Blocking: call it off the GUI thread (start-up)."""
    from app.persistence.repositories.event_repository import EventRepository

    try:
        with database.reading() as session:
            events = EventRepository(session).left_by_engine(ENGINE, ())
    except Exception:  # start-up goes on: an outage not taken over is at worst raised again
        log.exception("could not read the stream outages left open")
        return {}
    return {
        e.camera_id: e.started_at.astimezone()
        for e in events
        if e.kind is EventKind.STREAM_LOST
        and e.camera_id is not None
        and e.open_key == stream_lost_open_key(e.camera_id)
    }


class StreamEventWriter:
    """Journals loss actions (app/journal): `submit` touches the local disk, never the database.

    An outage counts as recorded once its action is in the workstation's event journal; the
    journal's thread delivers it to the database in order, exactly once, retrying every failure
    that is not a bug. The open action carries a fresh origin key; the close names the event by its
    open key ("camera:<id>"), so it also closes an outage an earlier run left open (`camera_id`)."""

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
                open_key = stream_lost_open_key(action.camera_id)
                origin = f"stream:{uuid.uuid4().hex}"
                started = _naive_local(action.started_at)
                self._open[action.key] = (open_key, origin)
                entry = RaiseEntry(
                    Event(
                        id=0,
                        kind=EventKind.STREAM_LOST,
                        severity=Severity.MEDIUM,
                        state=EventState.NEW,
                        started_at=started,
                        camera_id=action.camera_id,
                        classroom_id=action.classroom_id,
                        engine=ENGINE,
                        origin=origin,
                        open_key=open_key,
                        history=[
                            EventHistoryEntry(None, started, None, EventState.NEW, note)
                            for note in (action.reason,)
                            if note
                        ],
                    )
                )
            else:
                known = self._open.pop(action.key, None)
                if known is None and action.camera_id is not None:  # left open by an earlier run
                    known = (stream_lost_open_key(action.camera_id), "")
                if known is None:
                    return  # never opened: nothing to close
                ended = _naive_local(action.ended_at)
                entry = CloseEntry(known[0], ended, raised_origin=known[1], note=action.note or None)
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
