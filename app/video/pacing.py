"""Real-time pacing of a file by frame timestamps (the demo cameras play clips at their real rate).

Used only by a stream's decoder thread. Frames are scheduled at `base + (pts - base_pts)`. A loop
(timestamps jump back) or a discontinuity continues the schedule one frame interval after the last
frame, so a looping clip plays without a hiccup. When the decoder falls behind by more than
`max_lag` (CPU starved), the schedule restarts from now instead of bursting frames to catch up.
"""

from __future__ import annotations


class FramePacer:
    def __init__(self, *, default_interval: float = 0.04, max_lag: float = 1.0, max_gap: float = 5.0) -> None:
        self._interval = default_interval
        self._max_lag = max_lag
        self._max_gap = max_gap
        self._base_wall: float | None = None
        self._base_pts = 0.0
        self._last_pts: float | None = None
        self._last_due = 0.0

    def delay(self, pts: float | None, now: float) -> float:
        """Seconds to wait before showing the frame with timestamp `pts` (seconds) at monotonic `now`."""
        if pts is None:  # no timestamps: fall back to the last known frame interval
            pts = (self._last_pts if self._last_pts is not None else 0.0) + self._interval
        last = self._last_pts
        if self._base_wall is None or last is None:
            self._base_wall, self._base_pts = now, pts
        elif pts < last or pts - last > self._max_gap:
            self._base_wall, self._base_pts = self._last_due + self._interval, pts
        elif 0.0 < pts - last < 1.0:
            # A slow moving average keeps the interval right at the loop seam and without pts.
            self._interval += (pts - last - self._interval) * 0.1
        due = self._base_wall + (pts - self._base_pts)
        if due < now - self._max_lag:
            self._base_wall, self._base_pts, due = now, pts, now
        self._last_pts, self._last_due = pts, due
        return max(0.0, due - now)

    def reset(self) -> None:
        self._base_wall = None
        self._last_pts = None
