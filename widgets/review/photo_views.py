"""Painted parts of the review view: a photo with face boxes, the distance gauge, the capture strip.

GUI thread only; images arrive decoded and scaled (app.review.review_images), so painting is a
blit plus a few rectangles. The boxes are the photo scorer's (the scored face green, any other
face it found amber); the gauge marks the threshold the scorer judged with.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

GAUGE_MAX = 1.2  # distances beyond this are all "clearly someone else"
BAR_HEIGHT = 14


class PhotoView(QWidget):
    """One photo scaled to fit, with its face boxes and a caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._boxes: list[QRect] = []
        self._caption = ""
        self._empty = ""
        self.paint_count = 0  # bench/review_verdict_latency.py watches this
        # At least 160 px: a 1366×768 laptop leaves the window 728 px; the verdict takes three lines.
        self.setMinimumSize(260, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_photo(self, image: QImage, boxes: list[QRect], caption: str, empty_text: str) -> None:
        """`boxes` in the image's pixels, the scored face first."""
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
            flags = Qt.AlignmentFlag.AlignCenter.value | Qt.TextFlag.TextWordWrap.value
            painter.drawText(area.adjusted(12, 0, -12, 0), flags, self._empty)  # reasons may be long
        else:
            size = self._image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(area.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
            scale = target.width() / max(1, self._image.width())
            for index, box in enumerate(self._boxes):
                painter.setPen(QPen(QColor("#4caf50" if index == 0 else "#ffb300"), 2))
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


@dataclass(frozen=True, slots=True)
class ThresholdMark:
    """A threshold on the gauge, with its label (value and calibration date, already translated)."""

    value: float
    label: str


class DistanceGauge(QWidget):
    """The face distance on a bar from 0 to GAUGE_MAX, the threshold the verdict was drawn with marked
    and labelled (value, calibration date), today's threshold too when it has moved since, and the
    verdict text above. The bar's colour is the verdict it is given, never recomputed here."""

    TEXT_LINES = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._distance: float | None = None
        self._same: bool | None = None
        self._mark: ThresholdMark | None = None
        self._today: ThresholdMark | None = None
        self._text = ""
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)  # the text wraps: narrower means taller
        self.setSizePolicy(policy)
        self.setMinimumWidth(240)

    def set_judgement(
        self,
        distance: float | None,
        same_person: bool | None,
        mark: ThresholdMark | None,
        today: ThresholdMark | None,
        text: str,
    ) -> None:
        self._distance, self._same, self._mark, self._today, self._text = (
            distance,
            same_person,
            mark,
            today,
            text,
        )
        self.setToolTip(text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def marks(self) -> tuple[ThresholdMark | None, ThresholdMark | None]:
        """(the verdict's threshold, today's when it differs)."""
        return self._mark, self._today

    def _text_height(self, width: int) -> int:
        """The wrapped text's height at this widget width: at least TEXT_LINES lines (no jumping
        between photos), plus room for fallback (CJK) glyphs, which stand taller than the metrics say."""
        metrics = self.fontMetrics()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        needed = metrics.boundingRect(QRect(0, 0, max(1, width - 16), 10_000), flags, self._text).height()
        return max(needed, metrics.lineSpacing() * self.TEXT_LINES) + 8

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._text_height(width) + BAR_HEIGHT + self.fontMetrics().lineSpacing() + 12

    def sizeHint(self) -> QSize:
        width = max(self.width(), 420)
        return QSize(420, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.heightForWidth(max(self.width(), 240)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        text_height = self.height() - (BAR_HEIGHT + metrics.lineSpacing() + 12)
        bar = QRect(8, text_height + 4, max(10, self.width() - 16), BAR_HEIGHT)
        painter.fillRect(bar, QColor("#3a3b3f"))
        x_of = lambda value: bar.left() + bar.width() * min(value, GAUGE_MAX) / GAUGE_MAX  # noqa: E731
        if self._distance is not None:
            colour = (
                QColor("#9e9e9e") if self._same is None else QColor("#43a047" if self._same else "#e53935")
            )
            painter.fillRect(
                QRectF(bar.left(), bar.top(), x_of(self._distance) - bar.left(), bar.height()), colour
            )
        labels_top = bar.bottom() + 3
        taken: QRect | None = None
        for mark, pen in (
            (self._mark, QPen(QColor("#ffca28"), 3)),
            (self._today, QPen(QColor("#64b5f6"), 2, Qt.PenStyle.DashLine)),
        ):
            if mark is None:
                continue
            x = int(x_of(mark.value))
            painter.setPen(pen)
            painter.drawLine(x, bar.top() - 3, x, bar.bottom() + 2)
            width = metrics.horizontalAdvance(mark.label) + 4
            left = min(max(bar.left(), x - width // 2), bar.right() - width)
            place = QRect(left, labels_top, width, metrics.height())
            if taken is not None and place.intersects(taken):  # today's label beside the verdict's
                place.moveLeft(
                    taken.right() + 8
                    if taken.right() + 8 + width <= bar.right()
                    else taken.left() - width - 8
                )
            painter.setPen(pen.color())
            painter.drawText(place, Qt.AlignmentFlag.AlignCenter, mark.label)
            taken = place if taken is None else taken
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            QRect(8, 0, self.width() - 16, text_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap),
            self._text,
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
