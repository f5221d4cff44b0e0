"""Per-stream state, statistics snapshot, decode mode and reconnect policy (plain data, no threads).

A tile renders `StreamStats`: CONNECTING, PLAYING, RECONNECTING (in `retry_in()` s), OFFLINE (since
`offline_since`), UNAUTHORISED, NOT_FOUND, ENDED, each distinctly. Snapshots are immutable and cheap,
so the GUI thread may poll them at its repaint rate.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from app.video.stream_faults import StreamFault


class StreamState(Enum):
    CONNECTING = "connecting"  # first attempt, or an attempt after a short outage
    PLAYING = "playing"
    RECONNECTING = "reconnecting"  # waiting `retry_in()` seconds before the next attempt
    OFFLINE = "offline"  # several attempts in a row failed; still retrying at the backoff cap
    UNAUTHORISED = "unauthorised"  # wrong or missing password: no automatic retry (account lockout)
    NOT_FOUND = "not_found"  # no such mount or file; retried slowly
    ENDED = "ended"  # a file without loop reached its end
    STOPPED = "stopped"  # closed by the application


class DecodeMode(Enum):
    """How much of the stream to decode; lets a later adaptive policy shed CPU per stream.

    Maps to AVCodecContext.skip_frame and may change while playing.
    """

    ALL = "DEFAULT"
    SKIP_NONREF = "NONREF"  # skip frames no other frame refers to (B-frames, some P): roughly half at most
    KEYFRAMES = "NONKEY"  # only keyframes: one frame per GOP (1 per 2 s on our clip)


@dataclass(frozen=True, slots=True)
class ReconnectPolicy:
    """Exponential backoff between attempts, capped near 30 s, with jitter so that a site's cameras
    do not all reconnect in the same instant after a switch reboots."""

    initial_delay: float = 1.0
    factor: float = 2.0
    max_delay: float = 30.0
    jitter: float = 0.1  # ± fraction of the delay
    offline_after: int = 3  # consecutive failed attempts before a stream shows as OFFLINE
    stable_after: float = 10.0  # seconds of playing before the backoff starts from the beginning again
    retry_unauthorised: bool = False  # cameras lock accounts after a few wrong passwords

    def delay(self, failures: int, rng: random.Random | None = None) -> float:
        """Delay before the next attempt after `failures` consecutive failures (1 → initial_delay)."""
        if failures <= 0:
            return 0.0
        base = min(self.max_delay, self.initial_delay * self.factor ** (failures - 1))
        spread = base * self.jitter
        value = base + (rng or random).uniform(-spread, spread) if spread else base
        return max(0.0, min(self.max_delay * (1 + self.jitter), value))


@dataclass(frozen=True, slots=True)
class StreamStats:
    """A snapshot of one stream, safe to read from any thread."""

    stream_id: str
    masked_url: str
    state: StreamState
    fault: StreamFault | None = None
    message: str = ""  # masked, human readable; empty while healthy
    decoded_fps: float = 0.0  # frames decoded per second over the last ~2 s
    frames_decoded: int = 0
    frames_dropped: int = 0  # overwritten in the display slot before the consumer took them
    reconnects: int = 0  # successful re-opens after the first
    attempts: int = 0  # opens tried, successful or not
    last_frame_wallclock: datetime | None = None
    last_frame_monotonic: float | None = None
    retry_at: float | None = None  # time.monotonic() of the next attempt, while waiting for it
    offline_since: datetime | None = None  # when the stream was last known good (or first failed)
    source_size: tuple[int, int] | None = None  # decoded (width, height) of the last frame
    codec: str = ""

    def retry_in(self, now: float | None = None) -> float | None:
        """Seconds until the next attempt (for "reconnecting in N s"), or None when none is scheduled."""
        if self.retry_at is None:
            return None
        return max(0.0, self.retry_at - (time.monotonic() if now is None else now))

    def frame_age(self, now: float | None = None) -> float | None:
        if self.last_frame_monotonic is None:
            return None
        return (time.monotonic() if now is None else now) - self.last_frame_monotonic
