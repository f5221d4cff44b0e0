"""Timestamps for remuxed segments: one continuous, monotonic timeline per connection.

Cameras and files hand the recorder timestamps a muxer would reject or mis-time: the first RTSP
packets often carry no pts (FFmpeg has no RTCP sender report yet), a looping file jumps back to 0,
a camera's clock can jump, and dts may repeat. `SessionTimeline` maps each packet of one
connection ("session") onto a continuous timeline in the stream's time base; a segment then only
subtracts the timeline position of its first packet, so every segment starts at 0.

Pure computation, no threads: used by a recorder's writer thread only.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class Placed:
    """A packet's position on the session timeline, in the stream's time base."""

    pts: int
    dts: int
    duration: int


class SessionTimeline:
    """Places packets of one session on a continuous timeline (see the module docstring).

    A backwards jump of more than `max_backstep` seconds or a forward jump of more than `max_jump`
    seconds is a discontinuity (loop, camera clock reset): the timeline continues one frame interval
    after the previous packet instead. Smaller reorderings only get dts nudged forward by one tick,
    because the MP4 muxer refuses non-increasing dts.
    """

    def __init__(
        self,
        time_base: Fraction,
        *,
        max_jump: float = 10.0,
        max_backstep: float = 0.5,
        default_interval: float = 0.04,
    ) -> None:
        self.time_base = time_base
        self._max_jump = round(max_jump / time_base)
        self._max_backstep = round(max_backstep / time_base)
        self._one_second = round(1 / time_base)
        self._interval = max(1, round(default_interval / time_base))  # ticks per frame, adapted below
        self._shift = 0  # added to raw timestamps
        self._last_dts: int | None = None
        self._anchored = False  # a real timestamp has been placed (not only synthesised ones)
        self.discontinuities = 0

    @property
    def interval(self) -> int:
        """The current estimate of one frame's duration, in ticks."""
        return self._interval

    def place(self, pts: int | None, dts: int | None, duration: int | None) -> Placed:
        last = self._last_dts
        raw_dts = dts if dts is not None else pts
        if raw_dts is None:
            # Neither timestamp (first RTSP packets): one frame interval after the previous packet.
            placed_dts = 0 if last is None else last + self._interval
            placed_pts = placed_dts
        else:
            placed_dts = raw_dts + self._shift
            if last is not None:
                step = placed_dts - last
                # Synthesised timestamps before the first real one have no common origin with it.
                if not self._anchored or step < -self._max_backstep or step > self._max_jump:
                    self.discontinuities += 1
                    self._shift += last + self._interval - placed_dts
                    placed_dts = last + self._interval
                elif 0 < step < self._one_second:
                    # A slow average: follows the real frame rate without being thrown by jitter.
                    self._interval = max(1, round(self._interval + (step - self._interval) * 0.1))
            raw_pts = pts if pts is not None else raw_dts
            placed_pts = raw_pts + self._shift
            self._anchored = True
        if last is not None and placed_dts <= last:
            placed_dts = last + 1
        placed_pts = max(placed_pts, placed_dts)
        self._last_dts = placed_dts
        length = duration if duration and duration > 0 else self._interval
        return Placed(pts=placed_pts, dts=placed_dts, duration=length)


class SegmentClock:
    """Rebases a segment's packets to start at 0 and tracks how long the segment is."""

    def __init__(self, origin: Placed, time_base: Fraction) -> None:
        self.origin = origin.dts  # the first packet (a keyframe) decodes at 0
        self.time_base = time_base
        self.end = 0  # the largest pts + duration written so far, in ticks from the origin
        self.frames = 0

    def rebase(self, placed: Placed) -> Placed:
        rebased = Placed(placed.pts - self.origin, placed.dts - self.origin, placed.duration)
        self.end = max(self.end, rebased.pts + rebased.duration)
        self.frames += 1
        return rebased

    def elapsed(self, placed: Placed) -> float:
        """Seconds from the segment's start to `placed` (not yet written)."""
        return float((placed.pts - self.origin) * self.time_base)

    @property
    def duration(self) -> float:
        """Seconds of picture written: from the first frame to the end of the last one."""
        return float(self.end * self.time_base)
