"""Scoring one face photo: how many faces, how big, how sharp, and whose.

Used on the platform's online-study photos and on new enrolment photos. It calls dlib: run it on a
worker, never the GUI thread. Face count 0 is NO_FACE (empty seat, covered camera), more than one
MULTIPLE_FACES (someone helping). Below ~60 px on its shorter side (`face_px`) the ResNet embedding,
made from a 150×150 chip, degrades quickly; sharpness is the variance of the Laplacian of the face
resized to 150 px, independent of the photo's resolution. A face too small or blurred is LOW_QUALITY:
its distance is reported, but a MISMATCH on it deserves a human look. Every score records what it
was judged with (`judged_with`) and the boxes found, so the spot-check review judges and draws
exactly as the scorer did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import cv2
import numpy as np
import numpy.typing as npt

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import DetectorSetting, ThresholdSource, VerdictParameters
from app.domain.observation import Box
from app.vision.face_engine import DEFAULT_THRESHOLD, FaceDetection, FaceEngine, RgbImage, distances

MAX_PHOTO_SIDE = 800  # photos are scaled down to this before detection (dlib's HOG costs grow with area)
SHARPNESS_SIDE = 150


@dataclass(frozen=True, slots=True)
class QualityLimits:
    min_face_px: int = 60
    min_sharpness: float = 15.0
    upsample: int = 1  # find faces down to ~40 px in the (scaled) photo
    max_faces_embedded: int = 3  # with several faces, how many (largest first) are compared


@dataclass(frozen=True, slots=True)
class PhotoScore:
    face_count: int
    distance: float | None  # to the nearest enrolment embedding; None without a face or enrolment
    face_px: int  # shorter side of the scored face's box, in the ORIGINAL photo's pixels (0: no face)
    sharpness: float  # variance of the Laplacian of the scored face (0.0: no face)
    flags: frozenset[PhotoFlag] = field(default_factory=frozenset)
    box: Box | None = None  # the scored face (best match, else the largest), original pixels
    boxes: tuple[Box, ...] = ()  # every face found, original pixels, the scored one first
    judged_with: VerdictParameters | None = None  # the threshold and detector of this verdict

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
    """Scores photos against a learner's enrolment embeddings with one engine and one set of verdict
    parameters: `threshold` fixes one (GIVEN; None: dlib's DEFAULT), `judge_with` installs the
    workspace's (app/vision/calibration_store.py). The detector setting is always the scorer's own."""

    def __init__(
        self, engine: FaceEngine, threshold: float | None = None, limits: QualityLimits | None = None
    ) -> None:
        self.engine = engine
        self.limits = limits or QualityLimits()
        source = ThresholdSource.DEFAULT if threshold is None else ThresholdSource.GIVEN
        self.parameters = VerdictParameters(
            DEFAULT_THRESHOLD if threshold is None else threshold,
            source,
            None,
            engine.embedding_id,
            self.detector_setting,
        )

    @property
    def detector_setting(self) -> DetectorSetting:
        return DetectorSetting(self.engine.engine_id, self.limits.upsample, MAX_PHOTO_SIDE)

    @property
    def threshold(self) -> float:
        return self.parameters.threshold

    def judge_with(self, parameters: VerdictParameters) -> None:
        """Judge the photos that follow with these parameters (threshold, source, calibration date)."""
        self.parameters = replace(parameters, detector=self.detector_setting)

    def score_photo(
        self, image: RgbImage, enrolment_embeddings: Sequence[npt.NDArray[np.float32]]
    ) -> PhotoScore:
        """Score an RGB photo. `enrolment_embeddings`: the learner's vectors (any number, may be empty)."""
        parameters = self.parameters
        small, factor = scale_down(image)
        faces = self.engine.detect(small, upsample=self.limits.upsample)
        if not faces:
            return PhotoScore(0, None, 0, 0.0, frozenset({PhotoFlag.NO_FACE}), judged_with=parameters)
        flags: set[PhotoFlag] = set()
        if len(faces) > 1:
            flags.add(PhotoFlag.MULTIPLE_FACES)
        by_size = sorted(faces, key=lambda f: -f.box.area)
        chosen: FaceDetection = by_size[0]
        nearest: float | None = None
        if len(enrolment_embeddings):
            # With several faces the best match of the largest few is scored; MULTIPLE_FACES flags it.
            gallery = np.stack([np.asarray(v, dtype=np.float32) for v in enrolment_embeddings])
            for face in by_size[: self.limits.max_faces_embedded]:
                value = float(distances(self.engine.embed(small, face), gallery).min())
                if nearest is None or value < nearest:
                    nearest, chosen = value, face
            if nearest is not None and not parameters.same_person(nearest):
                flags.add(PhotoFlag.MISMATCH)
        box = _unscale(chosen.box, factor)
        others = tuple(_unscale(face.box, factor) for face in by_size if face is not chosen)
        face_px = min(box.width, box.height)
        sharpness = sharpness_of(image, box)
        if face_px < self.limits.min_face_px or sharpness < self.limits.min_sharpness:
            flags.add(PhotoFlag.LOW_QUALITY)
        return PhotoScore(
            len(faces), nearest, face_px, sharpness, frozenset(flags), box, (box, *others), parameters
        )
