"""Decoding a claimed spot-check's images for the review view, off the GUI thread.

QImage is safe to create and scale on any thread (QPixmap is not), so a worker decodes and scales to
display size; the GUI thread only paints. The face boxes drawn on the capture are the ones the photo
scorer's detector found and stored with the score (`CapturedPhoto.face_boxes`), scaled to the
display: the review never runs a detector of its own, because another detector (or the same one at
another setting) finds other faces — a photo the scorer flagged NO_FACE once showed a face box from
OpenCV's cascade. A photo scored before the boxes were recorded shows none (the view says why).
A capture that cannot be shown (missing, empty, not an image, damaged) comes with the reason, read
from the file as it is now (app/review/photo_readability.py), so the view can say why it has no
picture; a truncated JPEG that still decodes in part is shown, with the reason beside it.

Threads: `decode_item` runs on a TaskRunner worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage

from app.domain.face_verdict import FaceBox
from app.review.photo_readability import Unreadable, file_problem
from app.review.spot_check_values import ReviewItem
from app.vision.image_header import decode_refusal

DISPLAY_SIDE = 520  # the two main photos are painted at most this large
STRIP_SIDE = 72


@dataclass(slots=True)
class DecodedItem:
    item: ReviewItem
    capture: QImage
    enrolment: QImage
    capture_boxes: list[QRect] = field(default_factory=list)  # the scored face first
    capture_problem: Unreadable | None = None  # why the capture file is not an intact picture
    strip: list[QImage] = field(default_factory=list)


def _load(path: str, side: int) -> tuple[QImage, float]:
    """The image scaled to fit `side` (never enlarged), and the factor applied. A photo larger than
    a photo may be (image_header.py) is not decoded: a null image, as for a missing file."""
    if decode_refusal(path) is not None:
        return QImage(), 1.0
    image = QImage(path)
    if image.isNull():
        return image, 1.0
    factor = 1.0
    if max(image.width(), image.height()) > side:
        original = image.width()
        image = image.scaled(
            side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        factor = image.width() / original
    return image.convertToFormat(QImage.Format.Format_RGB32), factor


def scaled_boxes(boxes: tuple[FaceBox, ...] | None, factor: float) -> list[QRect]:
    """The scorer's boxes (photo pixels: left, top, right, bottom) in display pixels."""
    return [
        QRect(
            round(left * factor),
            round(top * factor),
            round((right - left) * factor),
            round((bottom - top) * factor),
        )
        for left, top, right, bottom in boxes or ()
    ]


def decode_item(item: ReviewItem) -> DecodedItem:
    """Decode and scale everything the view paints for `item`. Missing files give null images."""
    capture, factor = _load(item.photo.path, DISPLAY_SIDE)
    enrolment = _load(item.enrolment_paths[0], DISPLAY_SIDE)[0] if item.enrolment_paths else QImage()
    problem = file_problem(item.photo.path)
    if capture.isNull() and problem is None:  # looked whole, but the decoder gave up on it
        problem = Unreadable.DAMAGED
    decoded = DecodedItem(item, capture, enrolment, capture_problem=problem)
    if not capture.isNull():
        decoded.capture_boxes = scaled_boxes(item.photo.face_boxes, factor)
    decoded.strip = [_load(photo.path, STRIP_SIDE)[0] for photo in item.other_captures]
    return decoded
