"""A "latest frame wins" slot between one decoder thread (writer) and its consumers (readers).

The decoder thread `put`s every converted frame; a reader (the GUI thread painting a tile, or the
analysis sampler) `take`s the newest one when it is ready. A frame overwritten before anyone took it
is counted as dropped: that is how a slow consumer shows up, instead of as a growing queue and
growing latency. The slot holds at most one frame, so memory is bounded by design.

Frames are immutable once published: the writer allocates a new array per frame and never touches
it again, and readers must not write into it. Only the reference swap is under the lock, so a reader
never waits for a conversion.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import numpy.typing as npt


class PixelFormat(StrEnum):
    """Pixel layout of converted frames.

    RGB24 is what analysis (OpenCV/dlib) wants. BGRA is byte order B,G,R,A, i.e. QImage.Format_RGB32
    on little-endian machines: the raster paint engine's native format, so painting needs no conversion.
    """

    RGB24 = "rgb24"
    BGRA = "bgra"

    @property
    def channels(self) -> int:
        return 3 if self is PixelFormat.RGB24 else 4


@dataclass(frozen=True, slots=True)
class VideoFrameData:
    """One converted frame and where it came from."""

    image: npt.NDArray[np.uint8]  # (height, width, channels), C-contiguous; read-only by convention
    pixel_format: PixelFormat
    pts: float | None  # presentation time in seconds in the stream's clock (None if the stream has none)
    wallclock: float  # time.time() when the decoder published it
    monotonic: float  # time.monotonic() when the decoder published it, for age and fps
    sequence: int  # 1, 2, 3... per slot; gaps seen by a reader are dropped frames
    source_width: int  # decoded size before conversion
    source_height: int
    keyframe: bool = False

    @property
    def width(self) -> int:
        return int(self.image.shape[1])

    @property
    def height(self) -> int:
        return int(self.image.shape[0])


@dataclass(frozen=True, slots=True)
class SlotCounters:
    written: int
    taken: int
    dropped: int


class LatestFrameSlot:
    """Holds the newest frame of one stream. Thread-safe; any number of threads may call any method."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: VideoFrameData | None = None
        self._unread = False
        self._written = 0
        self._taken = 0
        self._dropped = 0

    def put(self, frame: VideoFrameData) -> bool:
        """Store `frame` as the newest (decoder thread). Returns True when an unread frame was dropped."""
        with self._lock:
            dropped = self._unread
            if dropped:
                self._dropped += 1
            self._latest = frame
            self._unread = True
            self._written += 1
        return dropped

    def take(self) -> VideoFrameData | None:
        """Return the newest frame if it has not been taken yet, else None (reader thread)."""
        with self._lock:
            if not self._unread:
                return None
            self._unread = False
            self._taken += 1
            return self._latest

    def peek(self) -> VideoFrameData | None:
        """The newest frame whether taken or not, e.g. to repaint a tile after a resize."""
        with self._lock:
            return self._latest

    @property
    def has_new(self) -> bool:
        with self._lock:
            return self._unread

    def counters(self) -> SlotCounters:
        with self._lock:
            return SlotCounters(self._written, self._taken, self._dropped)

    @property
    def dropped(self) -> int:
        with self._lock:
            return self._dropped

    def clear(self) -> None:
        """Forget the frame (e.g. the stream went offline and the tile should stop showing it)."""
        with self._lock:
            self._latest = None
            self._unread = False
