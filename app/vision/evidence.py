"""Evidence pictures of an analysed sample: the frame and each observed face as JPEG bytes.

Runs on the analysis coordinator thread (cv2 releases the GIL while encoding). A 640×360 frame at
quality 70 is ~30–40 KB and ~3 ms; a face crop a few KB. Encoded per sample with observations so
that the rules engine can attach the picture to an event raised later without touching pixels.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
import numpy.typing as npt

from app.domain.observation import Box, Observation

FACE_MARGIN = 0.3  # of the face box's size, on each side


def encode_jpeg(image_rgb: npt.NDArray[np.uint8], quality: int = 70) -> bytes:
    ok, data = cv2.imencode(
        ".jpg", cv2.cvtColor(image_rgb, cv2.COLOR_RGB2BGR), [int(cv2.IMWRITE_JPEG_QUALITY), quality]
    )
    return bytes(data) if ok else b""


def face_crop(
    image_rgb: npt.NDArray[np.uint8], box: Box, margin: float = FACE_MARGIN
) -> npt.NDArray[np.uint8]:
    """The face with a margin, clipped to the image (box in the image's own pixels)."""
    height, width = image_rgb.shape[:2]
    dx, dy = round(box.width * margin), round(box.height * margin)
    left, top = max(0, box.left - dx), max(0, box.top - dy)
    right, bottom = min(width, box.right + dx), min(height, box.bottom + dy)
    if right <= left or bottom <= top:
        return np.zeros((1, 1, 3), np.uint8)
    return np.ascontiguousarray(image_rgb[top:bottom, left:right])


def encode_evidence(
    image_rgb: npt.NDArray[np.uint8],
    observations: Sequence[Observation],
    scale_x: float = 1.0,
    scale_y: float = 1.0,
    quality: int = 70,
) -> tuple[bytes, dict[int, bytes]]:
    """(frame JPEG, {track id: face JPEG}); boxes are in source pixels, `scale_*` = source / image."""
    if not observations:
        return b"", {}
    faces: dict[int, bytes] = {}
    for observation in observations:
        b = observation.box
        in_image = Box(
            round(b.left / scale_x),
            round(b.top / scale_y),
            round(b.right / scale_x),
            round(b.bottom / scale_y),
        )
        faces[observation.track_id] = encode_jpeg(face_crop(image_rgb, in_image), quality + 15)
    return encode_jpeg(image_rgb, quality), faces
