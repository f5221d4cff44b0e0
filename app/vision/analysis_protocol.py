"""Messages between the analysis coordinator and the worker process (pickled over a Pipe).

Small and plain: frames themselves travel in the shared-memory ring (app/vision/frame_ring.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from app.domain.observation import Box

DLIB_ENGINE = "app.vision.face_engine:DlibFaceEngine"


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """How the worker builds its engine: "module:callable" called with `engine_kwargs`."""

    engine_factory: str = DLIB_ENGINE
    engine_kwargs: dict[str, Any] = field(default_factory=dict)
    skip_iou: float = 0.3  # a detection overlapping a "fresh" box this much is not embedded


@dataclass(frozen=True, slots=True)
class FrameJob:
    job_id: int
    camera_id: int
    slot: int
    shape: tuple[int, ...]
    upsample: int = 0
    skip_boxes: tuple[Box, ...] = ()  # tracks verified recently: no embedding needed there
    max_embeddings: int = 4
    # With full_frame False the worker detects only around these and where the picture changed.
    track_boxes: tuple[Box, ...] = ()
    full_frame: bool = True
    # Skipped instead when a face shows away from every track: seats change hands.
    arrival_skip_boxes: tuple[Box, ...] | None = None


@dataclass(frozen=True, slots=True)
class DetectedFace:
    box: Box
    score: float
    landmarks5: tuple[tuple[int, int], ...]
    embedding: npt.NDArray[np.float32] | None = None


@dataclass(frozen=True, slots=True)
class FrameResult:
    job_id: int
    camera_id: int
    slot: int
    faces: tuple[DetectedFace, ...]
    detect_ms: float
    embed_ms: float
    error: str = ""  # the engine raised on this frame (the worker carries on)
    scanned: float = 1.0  # fraction of the frame the detector scanned (0: nothing changed, no tracks)
    embedded: int = 0  # faces embedded in this frame


@dataclass(frozen=True, slots=True)
class WorkerReady:
    engine_id: str
    embedding_id: str
    pid: int


@dataclass(frozen=True, slots=True)
class WorkerFailed:
    """The worker could not start (engine import or model load failed); it exits after sending this."""

    message: str
