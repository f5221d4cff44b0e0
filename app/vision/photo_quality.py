"""Scoring one face photo: how many faces, how big, how sharp, and whose.

Used by the online-study spot-check (a later feature) on the platform's random study photos and by
the enrolment desk on new enrolment photos. Runs in the caller's thread; it calls dlib, so call it
from a worker (the analysis process, a task), never from the GUI thread.

Quality measures, and why:
- face count: 0 → NO_FACE (empty seat, covered camera); >1 → MULTIPLE_FACES (someone helping).
- face size (`face_px`, the shorter side of the face box in the photo's own pixels): below ~60 px the
  ResNet embedding degrades quickly (it works on a 150×150 aligned chip).
- sharpness: variance of the Laplacian of the face region (grey, resized to 150 px so that the
  measure does not depend on the photo's resolution); motion blur and defocus bring it down.
A photo whose face is too small or too blurred is LOW_QUALITY: its distance is still reported,
but a MISMATCH on it deserves a human look rather than a verdict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np
import numpy.typing as npt

from app.domain.enums import PhotoFlag
from app.vision.face_engine import DEFAULT_THRESHOLD, FaceDetection, FaceEngine, RgbImage, distances
from app.vision.observation import Box

MAX_PHOTO_SIDE = 800  # photos are scaled down to this before detection (dlib's HOG costs grow with area)
SHARPNESS_SIDE = 150


@dataclass(frozen=True, slots=True)
class QualityLimits:
    min_face_px: int = 60
    min_sharpness: float = 15.0
    upsample: int = 1  # find faces down to ~40 px in the (scaled) photo


@dataclass(frozen=True, slots=True)
class PhotoScore:
    face_count: int
    distance: float | None  # nearest enrolment embedding of the largest face; None without face/enrolment
    face_px: int  # shorter side of the largest face box, in the ORIGINAL photo's pixels (0: no face)
    sharpness: float  # variance of the Laplacian of the largest face (0.0: no face)
    flags: frozenset[PhotoFlag] = field(default_factory=frozenset)
    box: Box | None = None  # the largest face, original pixels

    @property
    def passed(self) -> bool:
        return not self.flags


def sharpness_of(image_rgb: RgbImage, box: Box) -> float:
    """Variance of the Laplacian of the face region, normalised to a 150 px crop."""
    height, width = image_rgb.shape[:2]
    left, top = max(0, box.left), max(0, box.top)
    right, bottom = min(width, box.right), min(height, box.bottom)
    if right - left < 4 or bottom - top < 4:
        return 0.0
    grey = cv2.cvtColor(np.ascontiguousarray(image_rgb[top:bottom, left:right]), cv2.COLOR_RGB2GRAY)
    grey = cv2.resize(grey, (SHARPNESS_SIDE, SHARPNESS_SIDE), interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


def scale_down(image_rgb: RgbImage, max_side: int = MAX_PHOTO_SIDE) -> tuple[RgbImage, float]:
    """(image scaled so its longer side is at most max_side, the factor applied)."""
    height, width = image_rgb.shape[:2]
    factor = min(1.0, max_side / max(height, width))
    if factor >= 1.0:
        return np.ascontiguousarray(image_rgb), 1.0
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    resized: RgbImage = np.asarray(cv2.resize(image_rgb, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    return resized, factor


def _unscale(box: Box, factor: float) -> Box:
    return Box(
        round(box.left / factor),
        round(box.top / factor),
        round(box.right / factor),
        round(box.bottom / factor),
    )


class PhotoScorer:
    """Scores photos against a learner's enrolment embeddings with one engine and threshold."""

    def __init__(
        self, engine: FaceEngine, threshold: float = DEFAULT_THRESHOLD, limits: QualityLimits | None = None
    ) -> None:
        self.engine = engine
        self.threshold = threshold
        self.limits = limits or QualityLimits()

    def score_photo(
        self, image: RgbImage, enrolment_embeddings: Sequence[npt.NDArray[np.float32]]
    ) -> PhotoScore:
        """Score an RGB photo. `enrolment_embeddings`: the learner's vectors (any number, may be empty)."""
        small, factor = scale_down(image)
        faces = self.engine.detect(small, upsample=self.limits.upsample)
        if not faces:
            return PhotoScore(0, None, 0, 0.0, frozenset({PhotoFlag.NO_FACE}))
        flags: set[PhotoFlag] = set()
        if len(faces) > 1:
            flags.add(PhotoFlag.MULTIPLE_FACES)
        largest: FaceDetection = max(faces, key=lambda f: f.box.area)
        box = _unscale(largest.box, factor)
        face_px = min(box.width, box.height)
        sharpness = sharpness_of(image, box)
        if face_px < self.limits.min_face_px or sharpness < self.limits.min_sharpness:
            flags.add(PhotoFlag.LOW_QUALITY)
        nearest: float | None = None
        if len(enrolment_embeddings):
            probe = self.engine.embed(small, largest)
            gallery = np.stack([np.asarray(v, dtype=np.float32) for v in enrolment_embeddings])
            nearest = float(distances(probe, gallery).min())
            if nearest > self.threshold:
                flags.add(PhotoFlag.MISMATCH)
        return PhotoScore(len(faces), nearest, face_px, sharpness, frozenset(flags), box)
