"""One tile of the video wall: what it shows and what the painter remembers about it (GUI thread only).

The wall keeps a list of these; the canvas paints them, the stream controller binds them to
decoder-pool streams. Nothing here is thread-safe, and nothing needs to be: decoder threads only
touch the tile's `LatestFrameSlot`, which is.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QImage

from app.domain.geography import Camera
from app.video import DecodeMode, LatestFrameSlot, StreamSource, StreamStats, VideoFrameData
from app.video.qimage_bridge import qimage_from_frame

if TYPE_CHECKING:
    from app.supervision.alarm_board import Alarm
    from app.vision.analysis_types import AnalysisStatus

_FPS_WINDOW = 2.0


@dataclass(eq=False, slots=True)
class Tile:
    index: int
    rect: QRect = field(default_factory=QRect)
    camera: Camera | None = None
    place: str = ""  # "county · site · classroom", shown under the camera name
    source: StreamSource | None = None
    stream_id: str | None = None
    slot: LatestFrameSlot | None = None
    main_stream: bool = False
    stats: StreamStats | None = None
    mode: DecodeMode = DecodeMode.ALL
    waiting_for_media: bool = False  # a file not there yet: say so instead of "not found"
    preparing_demo: bool = False  # a demo clip still being rendered (first start): not a fault
    frame: VideoFrameData | None = None
    image: QImage | None = None  # wraps frame.image without a copy; rebuilt only for a new frame
    displayed: int = 0
    first_shown: float | None = None
    last_shown: float | None = None
    _shown: deque[float] = field(default_factory=lambda: deque(maxlen=128))
    overlay: QImage | None = None  # the cached name/clock band, redrawn when its text changes
    overlay_key: tuple[object, ...] = ()
    # This camera's AnalysisStatus (WallStreams' 1 s tick; None: not analysed); badge cached.
    analysis: AnalysisStatus | None = None
    analysis_badge: QImage | None = None
    analysis_badge_key: tuple[object, ...] = ()
    # Newest unclaimed high-severity event, their count; `alarm_rect`: the label, a click target.
    alarm: Alarm | None = None
    alarm_count: int = 0
    alarm_rect: QRect = field(default_factory=QRect)

    def take_frame(self, now: float) -> bool:
        """Adopt the slot's newest frame if there is one (GUI thread, while painting). True if new."""
        if self.slot is None:
            return False
        frame = self.slot.take()
        if frame is None:
            return False
        self.frame = frame
        self.image = qimage_from_frame(frame)  # no copy: QImage over the decoder's BGRA array
        self.displayed += 1
        if self.first_shown is None:
            self.first_shown = now
        self.last_shown = now
        self._shown.append(now)
        return True

    def displayed_fps(self, now: float | None = None) -> float:
        """Frames painted per second over the last ~2 s."""
        now = time.monotonic() if now is None else now
        recent = [t for t in self._shown if now - t <= _FPS_WINDOW]
        if len(recent) < 2:
            return 0.0
        return (len(recent) - 1) / max(recent[-1] - recent[0], now - recent[0], 1e-6)

    def average_displayed_fps(self) -> float:
        """Frames painted per second since the first one (what --stats reports)."""
        if self.first_shown is None or self.last_shown is None or self.displayed < 2:
            return 0.0
        return (self.displayed - 1) / max(self.last_shown - self.first_shown, 1e-6)

    def unbind(self) -> None:
        """Forget the stream and its picture (the camera left the tile or the page changed)."""
        self.stream_id = self.slot = self.stats = self.frame = self.image = self.source = None
        self.mode = DecodeMode.ALL
        self.main_stream = self.waiting_for_media = self.preparing_demo = False
        self.displayed = 0
        self.first_shown = self.last_shown = None
        self._shown.clear()
        self.overlay, self.overlay_key = None, ()
        self.analysis, self.analysis_badge, self.analysis_badge_key = None, None, ()
