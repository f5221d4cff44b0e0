"""Evidence pictures: the face crop follows the box (source pixels scaled to the frame), JPEG bytes."""

from __future__ import annotations

from datetime import datetime

import cv2
import numpy as np

from app.domain.observation import Box, Observation
from app.vision.evidence import encode_evidence, face_crop


def test_face_crop_adds_a_margin_and_stays_inside_the_image() -> None:
    image = np.zeros((100, 200, 3), np.uint8)
    assert face_crop(image, Box(50, 20, 70, 40)).shape == (32, 32, 3)  # 20 px + 6 px margin each side
    corner = face_crop(image, Box(190, 90, 230, 130))
    assert corner.shape[0] <= 22 and corner.shape[1] <= 22


def test_encode_evidence_scales_boxes_from_source_to_frame_pixels() -> None:
    frame = np.zeros((360, 640, 3), np.uint8)
    frame[100:180, 200:280] = (255, 0, 0)  # the face, in frame pixels
    observation = Observation(1, datetime(2025, 3, 14, 9), 5, 42, 0.3, Box(400, 200, 560, 360))  # ×2 source
    frame_jpeg, faces = encode_evidence(frame, [observation], 2.0, 2.0)
    assert frame_jpeg.startswith(b"\xff\xd8") and set(faces) == {5}
    crop = cv2.imdecode(np.frombuffer(faces[5], np.uint8), cv2.IMREAD_COLOR)
    assert crop is not None
    assert crop.shape[:2] == (128, 128)  # 80 px face + 24 px margin on each side
    assert crop[64, 64, 2] > 200  # red in the middle (BGR)
    assert encode_evidence(frame, [], 2.0, 2.0) == (b"", {})
