"""Face detection and embedding: a small engine interface and its dlib implementation.

Runs in whichever thread or process calls it; dlib holds the GIL while it works, so the console
calls it only from the analysis worker process (app/vision/analysis_process.py), from calibration
and from benchmarks, never from the GUI process's threads.

`FaceEngine` is the interface the rest of app.vision depends on (tests substitute fakes).
`DlibFaceEngine` uses dlib's HOG detector (default) or its CNN "mmod" detector, the 5-point
landmark model for alignment and the ResNet embedding (128-d, 99.38% on LFW), all loaded from the
`face_recognition_models` package: nothing is downloaded at run time.

Verification is Euclidean distance between embeddings against a threshold; dlib's customary
threshold is 0.6, a workspace may calibrate its own (app/vision/calibration.py).
"""

from __future__ import annotations

import importlib.metadata
import os
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

import numpy as np
import numpy.typing as npt

from app.domain.observation import Box

RgbImage = npt.NDArray[np.uint8]  # (height, width, 3), RGB, C-contiguous
Embedding = npt.NDArray[np.float32]  # (128,)

DEFAULT_THRESHOLD = 0.6  # dlib's customary same-person distance
EMBEDDING_DIM = 128


class DetectorKind(StrEnum):
    HOG = "hog"  # ~40 ms at 640x360, one core; frontal faces ≥ ~80 px (40 px upsampled)
    CNN = "cnn"  # mmod: more poses, much slower on CPU (seconds per frame): for offline use


@dataclass(frozen=True, slots=True)
class FaceDetection:
    """One face in an image. `landmarks5` are the 5-point model's (x, y) points, image pixels."""

    box: Box
    score: float
    landmarks5: tuple[tuple[int, int], ...]


class FaceEngine(Protocol):
    """What app.vision needs from a face engine."""

    @property
    def engine_id(self) -> str:
        """Detector, landmark and embedding models with versions; stored on events."""
        ...

    @property
    def embedding_id(self) -> str:
        """The embedding space only: vectors with equal embedding_id are comparable."""
        ...

    def detect(
        self, image_rgb: RgbImage, upsample: int = 0, roi: Box | None = None
    ) -> list[FaceDetection]: ...

    def embed(self, image_rgb: RgbImage, detection: FaceDetection) -> Embedding: ...


def distance(a: Embedding, b: Embedding) -> float:
    return float(np.linalg.norm(a.astype(np.float32) - b.astype(np.float32)))


def distances(probe: Embedding, gallery: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Euclidean distances from one embedding to each row of `gallery` (shape (n, 128))."""
    if len(gallery) == 0:
        return np.zeros(0, dtype=np.float32)
    return np.linalg.norm(gallery - probe[np.newaxis, :], axis=1).astype(np.float32)


def models_dir() -> str:
    import face_recognition_models

    return os.path.join(face_recognition_models.__path__[0], "models")


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - installed with the app
        return "unknown"


def _clip_roi(roi: Box | None, width: int, height: int) -> Box:
    if roi is None:
        return Box(0, 0, width, height)
    return Box(
        max(0, min(width, roi.left)),
        max(0, min(height, roi.top)),
        max(0, min(width, roi.right)),
        max(0, min(height, roi.bottom)),
    )


class DlibFaceEngine:
    """dlib HOG/CNN detector + 5-point landmarks + ResNet embedding. Not thread-safe: one per thread."""

    def __init__(self, detector: DetectorKind | str = DetectorKind.HOG, *, num_jitters: int = 0) -> None:
        import dlib

        self.detector_kind = DetectorKind(detector)
        self.num_jitters = num_jitters
        folder = models_dir()
        self._dlib = dlib
        if self.detector_kind is DetectorKind.HOG:
            self._hog = dlib.get_frontal_face_detector()
        else:
            self._cnn = dlib.cnn_face_detection_model_v1(os.path.join(folder, "mmod_human_face_detector.dat"))
        self._shape = dlib.shape_predictor(os.path.join(folder, "shape_predictor_5_face_landmarks.dat"))
        self._resnet = dlib.face_recognition_model_v1(
            os.path.join(folder, "dlib_face_recognition_resnet_model_v1.dat")
        )
        versions = f"dlib-{dlib.__version__}/frm-{_package_version('face_recognition_models')}"
        jitter = f"/j{num_jitters}" if num_jitters else ""
        self._embedding_id = f"dlib-resnet-v1+sp5{jitter}/{versions}"
        self._engine_id = f"dlib-{self.detector_kind.value}+sp5+resnet-v1{jitter}/{versions}"

    @property
    def engine_id(self) -> str:
        return self._engine_id

    @property
    def embedding_id(self) -> str:
        return self._embedding_id

    def detect(self, image_rgb: RgbImage, upsample: int = 0, roi: Box | None = None) -> list[FaceDetection]:
        """Faces in `image_rgb` (optionally only inside `roi`), boxes in the full image's pixels."""
        height, width = image_rgb.shape[:2]
        area = _clip_roi(roi, width, height)
        if area.width < 16 or area.height < 16:
            return []
        view = image_rgb[area.top : area.bottom, area.left : area.right]
        if not view.flags.c_contiguous:
            view = np.ascontiguousarray(view)
        found: list[tuple[object, float]] = []
        if self.detector_kind is DetectorKind.HOG:
            rects, scores, _ = self._hog.run(view, upsample, 0.0)
            found = [(r, float(s)) for r, s in zip(rects, scores, strict=True)]
        else:
            found = [(m.rect, float(m.confidence)) for m in self._cnn(view, upsample)]
        detections: list[FaceDetection] = []
        for rect, score in found:
            shape = self._shape(view, rect)
            points = tuple(
                (int(shape.part(i).x) + area.left, int(shape.part(i).y) + area.top)
                for i in range(shape.num_parts)
            )
            box = Box(
                int(rect.left()) + area.left,  # type: ignore[attr-defined]
                int(rect.top()) + area.top,  # type: ignore[attr-defined]
                int(rect.right()) + 1 + area.left,  # type: ignore[attr-defined]
                int(rect.bottom()) + 1 + area.top,  # type: ignore[attr-defined]
            )
            detections.append(FaceDetection(box, score, points))
        return detections

    def embed(self, image_rgb: RgbImage, detection: FaceDetection) -> Embedding:
        """The 128-d embedding of `detection` (aligned by its 5 landmarks), float32."""
        dlib = self._dlib
        box = detection.box
        rect = dlib.rectangle(box.left, box.top, box.right - 1, box.bottom - 1)
        if len(detection.landmarks5) == 5:
            shape = dlib.full_object_detection(rect, [dlib.point(x, y) for x, y in detection.landmarks5])
        else:
            shape = self._shape(image_rgb, rect)
        if not image_rgb.flags.c_contiguous:
            image_rgb = np.ascontiguousarray(image_rgb)
        vector = self._resnet.compute_face_descriptor(image_rgb, shape, self.num_jitters)
        return np.asarray(vector, dtype=np.float32)


def embedding_to_bytes(vector: Embedding) -> bytes:
    """Little-endian float32 bytes (what app.persistence stores)."""
    return np.asarray(vector, dtype="<f4").tobytes()


def embedding_from_bytes(data: bytes) -> Embedding:
    return np.frombuffer(data, dtype="<f4").astype(np.float32)
