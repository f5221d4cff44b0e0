"""Wrap a converted frame in a QImage without copying, for painting in the GUI thread.

Kept apart from the decoder modules so that headless users of app.video (analysis, tools) do not
import Qt. QtGui only: a QImage is not a QObject and may be created in any thread, but it is meant
to be made where it is painted, from the slot's frame, right before drawing.
"""

from __future__ import annotations

from PySide6.QtGui import QImage

from app.video.latest_frame import PixelFormat, VideoFrameData


def qimage_format(pixel_format: PixelFormat) -> QImage.Format:
    if pixel_format is PixelFormat.RGB24:
        return QImage.Format.Format_RGB888
    # B,G,R,A bytes are 0xAARRGGBB words on little-endian machines (x86, ARM): Qt's native RGB32.
    return QImage.Format.Format_RGB32


def qimage_from_frame(frame: VideoFrameData) -> QImage:
    """A QImage over the frame's pixels (no copy). It keeps the array alive through an attribute, but
    the frame is shared with the decoder's slot: call `.copy()` before painting into the image."""
    image = frame.image
    qimage = QImage(
        image.data, frame.width, frame.height, image.strides[0], qimage_format(frame.pixel_format)
    )
    qimage._frame_pixels = image  # type: ignore[attr-defined]  # keep the buffer alive with the QImage
    return qimage
