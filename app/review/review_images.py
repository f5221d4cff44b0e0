"""Decoding a claimed spot-check's images for the review view, off the GUI thread.

QImage is safe to create and scale on any thread (QPixmap is not), so a worker decodes, scales to
display size and finds face boxes; the GUI thread only paints. Face boxes come from a small
`FaceBoxFinder` protocol: the default uses OpenCV's Haar cascade (a few ms on a display-sized
image); the dlib engine of app.vision can plug in instead, it is just slower.

Threads: `decode_item` runs on a TaskRunner worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Protocol

import cv2
import numpy as np
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage

from app.review.spot_check_queue import ReviewItem

DISPLAY_SIDE = 520  # the two main photos are painted at most this large
STRIP_SIDE = 72
FALLBACK_THRESHOLD = 0.6  # dlib's customary same-person distance, if app.vision is unavailable


def distance_threshold() -> float:
    """The face engine's threshold, so the view marks the same line the scorer flagged with."""
    try:
        from app.vision.face_engine import DEFAULT_THRESHOLD
    except Exception:  # the vision stack (dlib) may be absent in a minimal install
        return FALLBACK_THRESHOLD
    return float(DEFAULT_THRESHOLD)


def _cascade_path() -> str:
    data = getattr(cv2, "data", None)  # cv2.data ships with the wheels; typed stubs omit it
    return f"{data.haarcascades if data else ''}haarcascade_frontalface_default.xml"


class FaceBoxFinder(Protocol):
    def __call__(self, image: QImage) -> list[QRect]: ...


class HaarFaceBoxes:
    """OpenCV's frontal-face cascade. One classifier per thread: CascadeClassifier is not thread-safe."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _classifier(self) -> cv2.CascadeClassifier:
        classifier = getattr(self._local, "classifier", None)
        if classifier is None:
            classifier = cv2.CascadeClassifier(_cascade_path())
            self._local.classifier = classifier
        return classifier

    def __call__(self, image: QImage) -> list[QRect]:
        grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
        width, height, stride = grey.width(), grey.height(), grey.bytesPerLine()
        if width < 24 or height < 24:
            return []
        buffer = np.frombuffer(grey.constBits(), dtype=np.uint8, count=stride * height)
        pixels = buffer.reshape(height, stride)[:, :width]
        found = self._classifier().detectMultiScale(
            pixels, scaleFactor=1.15, minNeighbors=5, minSize=(32, 32)
        )
        return [QRect(int(x), int(y), int(w), int(h)) for x, y, w, h in found]


@dataclass(slots=True)
class DecodedItem:
    item: ReviewItem
    capture: QImage
    enrolment: QImage
    capture_boxes: list[QRect] = field(default_factory=list)
    enrolment_boxes: list[QRect] = field(default_factory=list)
    strip: list[QImage] = field(default_factory=list)


def _load(path: str, side: int) -> QImage:
    image = QImage(path)
    if image.isNull():
        return image
    if max(image.width(), image.height()) > side:
        image = image.scaled(
            side, side, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    return image.convertToFormat(QImage.Format.Format_RGB32)


def decode_item(item: ReviewItem, boxes: FaceBoxFinder | None = None) -> DecodedItem:
    """Decode and scale everything the view paints for `item`. Missing files give null images."""
    capture = _load(item.photo.path, DISPLAY_SIDE)
    enrolment = _load(item.enrolment_paths[0], DISPLAY_SIDE) if item.enrolment_paths else QImage()
    decoded = DecodedItem(item, capture, enrolment)
    if boxes is not None:
        decoded.capture_boxes = boxes(capture) if not capture.isNull() else []
        decoded.enrolment_boxes = boxes(enrolment) if not enrolment.isNull() else []
    decoded.strip = [_load(photo.path, STRIP_SIDE) for photo in item.other_captures]
    return decoded
