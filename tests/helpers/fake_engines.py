"""Engines for worker-process tests, importable by the spawned worker as tests.helpers.fake_engines.

They find one "face" per bright square in the frame (box = the square), embed it as a vector from
its brightness, and can be made slow: enough to exercise the process plumbing without dlib.
"""

from __future__ import annotations

import time

import numpy as np
import numpy.typing as npt

from app.domain.observation import Box
from app.vision.face_engine import FaceDetection


class SquareEngine:
    engine_id = "fake-square/1"
    embedding_id = "fake-square-embedding/1"

    def __init__(self, delay_s: float = 0.0) -> None:
        self.delay_s = delay_s

    def detect(
        self, image_rgb: npt.NDArray[np.uint8], upsample: int = 0, roi: Box | None = None
    ) -> list[FaceDetection]:
        if self.delay_s:
            time.sleep(self.delay_s)
        mask = image_rgb[:, :, 0] > 128
        if not mask.any():
            return []
        ys, xs = np.nonzero(mask)
        box = Box(int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)
        return [FaceDetection(box, 1.0, ())]

    def embed(self, image_rgb: npt.NDArray[np.uint8], detection: FaceDetection) -> npt.NDArray[np.float32]:
        value = float(image_rgb[detection.box.top, detection.box.left, 1]) / 255.0
        vector = np.zeros(128, dtype=np.float32)
        vector[0] = value
        return vector


class BrokenEngine:
    def __init__(self) -> None:
        raise RuntimeError("model file missing (on purpose)")
