"""A stand-in for DecoderPool's tap interface in analysis tests: the test plays the decoder thread
by calling `publish`; every tap added (stream, max_fps), re-rated and removed is recorded."""

from __future__ import annotations

import threading
import time

import numpy as np

from app.video.frame_output import FrameCallback, Size
from app.video.latest_frame import LatestFrameSlot, PixelFormat, VideoFrameData


class FakeTapPool:
    def __init__(self, closed: set[str] | None = None) -> None:
        self.closed = closed if closed is not None else set()  # streams not open: add_tap raises
        self.lock = threading.Lock()
        self.taps: dict[str, tuple[LatestFrameSlot, Size | None, FrameCallback | None]] = {}
        self.added: list[tuple[str, float | None]] = []
        self.removed: list[str] = []
        self.rates: list[tuple[str, float | None]] = []  # set_tap_rate calls
        self._sequence = 0

    def add_tap(
        self,
        stream_id: str,
        name: str,
        *,
        target_size: Size | None = None,
        pixel_format: PixelFormat = PixelFormat.RGB24,
        max_fps: float | None = None,
        on_frame: FrameCallback | None = None,
    ) -> LatestFrameSlot:
        if stream_id in self.closed:
            raise KeyError(f"no open stream {stream_id!r}")
        slot = LatestFrameSlot()
        with self.lock:
            self.added.append((stream_id, max_fps))
            self.taps[stream_id] = (slot, target_size, on_frame)
        return slot

    def remove_tap(self, stream_id: str, name: str) -> None:
        with self.lock:
            self.removed.append(stream_id)
            self.taps.pop(stream_id, None)

    def set_tap_rate(self, stream_id: str, name: str, max_fps: float | None) -> None:
        with self.lock:
            if stream_id not in self.taps:
                raise KeyError(f"no open stream {stream_id!r}")
            self.rates.append((stream_id, max_fps))

    def publish(self, stream_id: str, image: np.ndarray, source: Size = (1280, 720)) -> None:
        """One decoded frame of a stream whose own size is `source` (the image is the tap's size)."""
        slot, _, on_frame = self.taps[stream_id]
        self._sequence += 1
        slot.put(
            VideoFrameData(
                image, PixelFormat.RGB24, None, time.time(), time.monotonic(), self._sequence, *source
            )
        )
        if on_frame is not None:
            on_frame(stream_id)
