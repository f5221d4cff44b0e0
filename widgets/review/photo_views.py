"""Painted parts of the review view: a photo with face boxes, the distance gauge, the capture strip.

GUI thread only; images arrive decoded and scaled (app.review.review_images), so painting is a
blit plus a few rectangles.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

GAUGE_MAX = 1.2  # distances beyond this are all "clearly someone else"


class PhotoView(QWidget):
    """One photo scaled to fit, with its face boxes and a caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._boxes: list[QRect] = []
        self._caption = ""
        self._empty = ""
        self.paint_count = 0  # bench/review_verdict_latency.py watches this
        # 200 px high at least: on a 1366×768 laptop the whole window must fit in 728 px (a 40-px task
        # bar), and this pane shares the centre column with the overview below it.
        self.setMinimumSize(260, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_photo(self, image: QImage, boxes: list[QRect], caption: str, empty_text: str) -> None:
        self._image, self._boxes, self._caption, self._empty = image, boxes, caption, empty_text
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1e1f22"))
        caption_height = 22
        area = self.rect().adjusted(4, 4, -4, -caption_height)
        if self._image.isNull():
            painter.setPen(QColor("#b0b0b0"))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self._empty)
        else:
            size = self._image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(area.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
            scale = target.width() / max(1, self._image.width())
            painter.setPen(QPen(QColor("#4caf50"), 2))
            for box in self._boxes:
                painter.drawRect(
                    QRectF(
                        target.left() + box.left() * scale,
                        target.top() + box.top() * scale,
                        box.width() * scale,
                        box.height() * scale,
                    )
                )
        painter.setPen(QColor("#e0e0e0"))
        painter.drawText(
            self.rect().adjusted(4, self.height() - caption_height, -4, 0),
            Qt.AlignmentFlag.AlignCenter,
            self._caption,
        )
        painter.end()
        self.paint_count += 1


class DistanceGauge(QWidget):
    """The face distance on a bar from 0 to GAUGE_MAX, with the threshold marked."""

    def __init__(self, threshold: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._threshold = threshold
        self._distance: float | None = None
        self._text = ""
        self.setMinimumHeight(40)

    def set_distance(self, distance: float | None, text: str) -> None:
        self._distance, self._text = distance, text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        bar = self.rect().adjusted(8, 22, -8, -4)
        painter.fillRect(bar, QColor("#3a3b3f"))
        x_of = lambda value: bar.left() + bar.width() * min(value, GAUGE_MAX) / GAUGE_MAX  # noqa: E731
        if self._distance is not None:
            match = self._distance <= self._threshold
            filled = QRectF(bar.left(), bar.top(), x_of(self._distance) - bar.left(), bar.height())
            painter.fillRect(filled, QColor("#43a047") if match else QColor("#e53935"))
        painter.setPen(QPen(QColor("#ffca28"), 3))
        marker = x_of(self._threshold)
        painter.drawLine(int(marker), bar.top() - 4, int(marker), bar.bottom() + 2)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            self.rect().adjusted(8, 0, -8, -bar.height() - 4), Qt.AlignmentFlag.AlignLeft, self._text
        )
        painter.end()


class CaptureStrip(QWidget):
    """The learner's other captures as small thumbnails, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._images: list[QImage] = []
        self.setFixedHeight(80)

    def set_images(self, images: list[QImage]) -> None:
        self._images = images
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        x = 4
        for image in self._images:
            if x + 76 > self.width():
                break
            if not image.isNull():
                size = image.size().scaled(72, 72, Qt.AspectRatioMode.KeepAspectRatio)  # no squashing
                painter.drawImage(QRect(x + (72 - size.width()) // 2, 4, size.width(), size.height()), image)
            else:
                painter.fillRect(QRect(x, 4, 72, 72), QColor("#3a3b3f"))
            x += 76
        painter.end()
