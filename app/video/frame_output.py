"""Frame taps: where a decoded frame goes, converted once to the size and format its consumer wants.

A stream has one tap per consumer (the tile that shows it; later the analysis sampler at a few fps).
Each tap converts the decoded YUV frame straight to its target size and pixel format with one
swscale call (FAST_BILINEAR), in the decoder thread, and writes the result into its own
`LatestFrameSlot`. Then it calls `on_frame(stream_id)` with no payload: the consumer reads the slot
when it is ready, so a slow GUI coalesces repaints instead of queueing frames (a
cross-thread Signal carrying a QImage crashed PySide6 here).

Threads: `publish` runs in the stream's decoder thread; `target_size` may be set from any thread
(a tuple assignment is atomic; the next frame uses the new size).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable

import av
import numpy as np
import numpy.typing as npt
from av.video.reformatter import Interpolation, VideoReformatter

from app.video.latest_frame import LatestFrameSlot, PixelFormat, VideoFrameData

log = logging.getLogger(__name__)

FrameCallback = Callable[[str], None]  # on_frame(stream_id): "a new frame is in the slot"
Size = tuple[int, int]  # (width, height)


def fit_size(source: Size, box: Size) -> Size:
    """The largest size with the source's aspect ratio that fits `box`, with even sides (swscale and
    chroma subsampling prefer them) and at least 2×2."""
    sw, sh = source
    bw, bh = box
    if sw <= 0 or sh <= 0 or bw <= 0 or bh <= 0:
        raise ValueError(f"sizes must be positive: source={source}, box={box}")
    scale = min(bw / sw, bh / sh)
    width = max(2, int(sw * scale) // 2 * 2)
    height = max(2, int(sh * scale) // 2 * 2)
    return width, height


def _check_size(size: Size | None) -> Size | None:
    if size is None:
        return None
    width, height = size
    if width < 2 or height < 2 or width > 8192 or height > 8192:
        raise ValueError(f"target size out of range: {size}")
    return int(width), int(height)


def _interval(max_fps: float | None) -> float:
    if max_fps is not None and max_fps <= 0:
        raise ValueError("max_fps must be positive")
    return 1.0 / max_fps if max_fps else 0.0


class FrameTap:
    """One consumer of a stream's frames. Created by the pool; `slot` is what the consumer reads."""

    def __init__(
        self,
        name: str,
        *,
        target_size: Size | None = None,
        pixel_format: PixelFormat = PixelFormat.RGB24,
        max_fps: float | None = None,
        on_frame: FrameCallback | None = None,
    ) -> None:
        self.name = name
        self.slot = LatestFrameSlot()
        self.pixel_format = pixel_format
        self.on_frame = on_frame
        self._target_size = _check_size(target_size)
        self._min_interval = _interval(max_fps)
        self._last_publish = -math.inf
        self._sequence = 0
        self._reformatter = VideoReformatter()  # keeps its swscale context between frames
        self._callback_failed = False

    @property
    def target_size(self) -> Size | None:
        """(width, height) to convert to, or None for the decoded size. Settable from any thread."""
        return self._target_size

    @target_size.setter
    def target_size(self, size: Size | None) -> None:
        self._target_size = _check_size(size)

    @property
    def max_fps(self) -> float | None:
        return 1.0 / self._min_interval if self._min_interval else None

    @max_fps.setter
    def max_fps(self, fps: float | None) -> None:
        """Settable from any thread (analysis samples a contested camera faster for a few seconds):
        one float store, read by the decoder thread at its next frame."""
        self._min_interval = _interval(fps)

    def due(self, now: float) -> bool:
        """Whether this tap wants the frame decoded at monotonic time `now` (its max_fps allows it)."""
        return now - self._last_publish >= self._min_interval * 0.95

    def publish(self, stream_id: str, frame: av.VideoFrame, pts: float | None, keyframe: bool) -> None:
        """Convert `frame` once and store it in the slot (decoder thread)."""
        now = time.monotonic()
        size = self._target_size
        width, height = size if size is not None else (frame.width, frame.height)
        converted = self._reformatter.reformat(
            frame,
            width=width,
            height=height,
            format=self.pixel_format.value,
            interpolation=Interpolation.FAST_BILINEAR,
        )
        # to_ndarray keeps FFmpeg's padded lines; a contiguous copy spares QImage and OpenCV strides.
        image: npt.NDArray[np.uint8] = np.ascontiguousarray(converted.to_ndarray(), dtype=np.uint8)
        self._sequence += 1
        self._last_publish = now
        self.slot.put(
            VideoFrameData(
                image=image,
                pixel_format=self.pixel_format,
                pts=pts,
                wallclock=time.time(),
                monotonic=now,
                sequence=self._sequence,
                source_width=frame.width,
                source_height=frame.height,
                keyframe=keyframe,
            )
        )
        self._notify(stream_id)

    def _notify(self, stream_id: str) -> None:
        if self.on_frame is None:
            return
        try:
            self.on_frame(stream_id)
        except Exception:  # a consumer's bug must not kill the stream; log it once per tap
            if not self._callback_failed:
                log.exception("on_frame callback of tap %r on stream %r failed", self.name, stream_id)
                self._callback_failed = True
