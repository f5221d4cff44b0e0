"""The thread-safe record of one stream's state and counters, from which `StreamStats` are made.

The stream's decoder thread writes it (attempts, frames, faults); the GUI thread reads snapshots;
the watchdog thread asks it how long ago the stream last produced something; `cancel()` from the
pool's caller marks it STOPPED. Everything is under one lock held only for a few assignments, and the
`on_state` callback is called after the lock is released.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime

from app.video.latest_frame import LatestFrameSlot
from app.video.stream_faults import StreamFault
from app.video.stream_state import StreamState, StreamStats

log = logging.getLogger(__name__)

StateCallback = Callable[[str], None]  # on_state(stream_id): "the stream's stats changed state"

_FPS_WINDOW = 2.0  # seconds over which decoded fps is measured
_UNSET: object = object()
# While retrying from these states the tile keeps showing them instead of flickering to CONNECTING.
_STICKY = (StreamState.OFFLINE, StreamState.NOT_FOUND, StreamState.UNAUTHORISED)


class StreamMonitor:
    def __init__(
        self, stream_id: str, masked_url: str, display_slot: LatestFrameSlot, on_state: StateCallback | None
    ) -> None:
        self.stream_id = stream_id
        self._masked = masked_url
        self._slot = display_slot
        self._on_state = on_state
        self._lock = threading.Lock()
        self._state = StreamState.CONNECTING
        self._fault: StreamFault | None = None
        self._message = ""
        self._frames = 0
        self._reconnects = 0
        self._attempts = 0
        self._opened_once = False
        self._frame_times: deque[float] = deque(maxlen=128)
        self._last_frame_wall: datetime | None = None
        self._last_frame_mono: float | None = None
        self._last_packet_mono: float | None = None
        self._playing_since: float | None = None
        self._retry_at: float | None = None
        self._offline_since: datetime | None = None
        self._source_size: tuple[int, int] | None = None
        self._codec = ""

    @property
    def state(self) -> StreamState:
        with self._lock:
            return self._state

    # ----- decoder thread -----

    def begin_attempt(self) -> None:
        with self._lock:
            self._attempts += 1
            self._retry_at = None
            sticky = self._state in _STICKY
        if not sticky:
            self.set_state(StreamState.CONNECTING)

    def opened(self, codec: str) -> None:
        with self._lock:
            if self._opened_once:
                self._reconnects += 1
            self._opened_once = True
            self._codec = codec

    def record_packet(self, now: float) -> None:
        with self._lock:
            self._last_packet_mono = now

    def record_frame(self, now: float, width: int, height: int) -> bool:
        """Count a decoded frame; True when it is the first since the stream (re)connected."""
        with self._lock:
            self._frames += 1
            self._frame_times.append(now)
            self._last_frame_mono = now
            self._last_frame_wall = datetime.now().astimezone()
            self._source_size = (width, height)
            if self._state in (StreamState.PLAYING, StreamState.STOPPED):
                return False
            self._playing_since = now
        self.set_state(StreamState.PLAYING, fault=None, message="", retry_at=None)
        return True

    def end_session(self) -> float:
        """The connection is gone: seconds it was playing (0 if it never played)."""
        with self._lock:
            since, self._playing_since = self._playing_since, None
        return 0.0 if since is None else time.monotonic() - since

    # ----- any thread -----

    def set_state(
        self,
        state: StreamState,
        *,
        fault: StreamFault | object | None = _UNSET,
        message: str | None = None,
        retry_at: float | object | None = _UNSET,
    ) -> None:
        with self._lock:
            if self._state is StreamState.STOPPED:
                return  # closed: whatever the decoder thread finds out afterwards is news to no one
            changed = state is not self._state
            if state is StreamState.PLAYING:
                self._offline_since = None
            elif self._state is StreamState.PLAYING or self._offline_since is None:
                # Off the air since the last good frame, or since now if it never played.
                self._offline_since = self._last_frame_wall or datetime.now().astimezone()
            self._state = state
            if fault is not _UNSET:
                self._fault = fault  # type: ignore[assignment]
            if message is not None:
                self._message = message
            if retry_at is not _UNSET:
                self._retry_at = retry_at  # type: ignore[assignment]
        if changed or retry_at is not _UNSET:
            self._notify()

    def stall_age(self, now: float, *, by_packets: bool) -> float | None:
        """Seconds since the last frame (or packet) while PLAYING; None in any other state."""
        with self._lock:
            if self._state is not StreamState.PLAYING:
                return None
            reference = self._last_packet_mono if by_packets else self._last_frame_mono
        return None if reference is None else now - reference

    def snapshot(self) -> StreamStats:
        now = time.monotonic()
        with self._lock:
            recent = [t for t in self._frame_times if now - t <= _FPS_WINDOW]
            fps = 0.0
            if len(recent) >= 2 and recent[-1] > recent[0]:
                fps = (len(recent) - 1) / max(recent[-1] - recent[0], now - recent[0])
            return StreamStats(
                stream_id=self.stream_id,
                masked_url=self._masked,
                state=self._state,
                fault=self._fault,
                message=self._message,
                decoded_fps=fps,
                frames_decoded=self._frames,
                frames_dropped=self._slot.dropped,
                reconnects=self._reconnects,
                attempts=self._attempts,
                last_frame_wallclock=self._last_frame_wall,
                last_frame_monotonic=self._last_frame_mono,
                retry_at=self._retry_at,
                offline_since=self._offline_since,
                source_size=self._source_size,
                codec=self._codec,
            )

    def _notify(self) -> None:
        if self._on_state is None:
            return
        try:
            self._on_state(self.stream_id)
        except Exception:  # an observer's bug must not stop the stream
            log.exception("on_state callback of stream %r failed", self.stream_id)
