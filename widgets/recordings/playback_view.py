"""One playback picture: the frame scaled with its aspect kept, the camera and the frame's wall time.

Painted with QPainter like a video-wall tile (no QLabel pixmaps): the frame becomes a QImage once
when it arrives (`show_frame`) and is only scaled while painting. In a gap it says so instead of
freezing the last picture, so nobody mistakes an old frame for the moment on the timeline.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from widgets.resources import icon

BACKGROUND = QColor("#0e1014")
BAND = QColor(0, 0, 0, 150)
SELECTED = QColor("#3d7fd9")


def qimage_from_rgb(image: np.ndarray) -> QImage:
    """A QImage over an H×W×3 RGB uint8 array (no copy; the array is kept alive with the image)."""
    pixels = np.ascontiguousarray(image)
    height, width = pixels.shape[:2]
    qimage = QImage(pixels.data, width, height, pixels.strides[0], QImage.Format.Format_RGB888)
    qimage._pixels = pixels  # type: ignore[attr-defined]  # the buffer lives as long as the QImage
    return qimage


class PlaybackView(QWidget):
    """A camera's picture in the Recordings pane. GUI thread only."""

    clicked = Signal()

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"playbackView{index}")
        self.index = index
        self.camera_id: int | None = None
        self.camera_name = ""
        self.image: QImage | None = None
        self.wall_time: datetime | None = None
        self.keyframes_only = False
        self._keyframes_mark = icon("fast_forward")  # loaded here: a paint handler reads no file
        self.in_gap = False
        self.selected = False
        self.note = ""  # the empty state's text, set by the pane (translated there)
        self.setMinimumSize(QSize(160, 90))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def set_camera(self, camera_id: int | None, name: str) -> None:
        if camera_id != self.camera_id:
            self.image, self.wall_time, self.in_gap = None, None, False
        self.camera_id, self.camera_name = camera_id, name
        self.update()

    def show_frame(self, image: np.ndarray, wall_time: datetime, keyframes_only: bool) -> None:
        self.image = qimage_from_rgb(image)
        self.wall_time, self.keyframes_only, self.in_gap = wall_time, keyframes_only, False
        self.update()

    def set_in_gap(self, in_gap: bool) -> None:
        if in_gap != self.in_gap:
            self.in_gap = in_gap
            self.update()

    def set_selected(self, selected: bool) -> None:
        if selected != self.selected:
            self.selected = selected
            self.update()

    def picture_rect(self) -> QRect:
        """Where the frame is drawn: as large as fits, aspect kept, centred."""
        if self.image is None:
            return QRect()
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        rect = QRect(0, 0, size.width(), size.height())
        rect.moveCenter(self.rect().center())
        return rect

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        showing = self.image is not None and not self.in_gap
        if showing:
            assert self.image is not None
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(QRectF(self.picture_rect()), self.image)
        else:
            painter.setPen(QColor("#8b949e"))
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 1.2)
            painter.setFont(font)
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.note)  # fmt: skip
        self._paint_band(painter)
        if self.selected:
            painter.setPen(QPen(SELECTED, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    def _paint_band(self, painter: QPainter) -> None:
        """Camera name on the left, the shown frame's wall time on the right, over a dark band."""
        if not self.camera_name:
            return
        metrics = painter.fontMetrics()
        band = QRect(0, 0, self.width(), metrics.height() + 8)
        painter.fillRect(band, BAND)
        painter.setPen(QColor("#e6edf3"))
        text_rect = band.adjusted(8, 0, -8, 0)
        clock = ""
        if self.wall_time is not None and not self.in_gap:
            clock = (
                self.wall_time.strftime("%Y-%m-%d %H:%M:%S.") + f"{self.wall_time.microsecond // 1000:03d}"
            )
        mark = metrics.height() - 2 if clock and self.keyframes_only else 0  # the keyframes-only mark
        clock_width = metrics.horizontalAdvance(clock) + 12 + (mark + 4 if mark else 0) if clock else 0
        name = metrics.elidedText(
            self.camera_name, Qt.TextElideMode.ElideRight, text_rect.width() - clock_width
        )
        align = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignLeft, name)
        if clock:
            painter.setFont(QFont("monospace", self.font().pointSize()))
            painter.drawText(text_rect, align | Qt.AlignmentFlag.AlignRight, clock)
        if mark:
            # An SVG icon: the console's fonts have no ⏩ glyph (it showed an empty box).
            clock_left = text_rect.right() - painter.fontMetrics().horizontalAdvance(clock)
            box = QRect(clock_left - mark - 4, band.center().y() - mark // 2, mark, mark)
            painter.drawPixmap(box, self._keyframes_mark.pixmap(QSize(mark, mark) * 2))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)
