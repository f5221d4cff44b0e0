"""Frames with a coloured square that tests.helpers.fake_engines' SquareEngine takes for a face (its
green level chooses the embedding), and ways to read an analysis process's results."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

import numpy as np

from app.persistence import Database
from app.persistence.repositories import (
    EmbeddingRepository,
    StoredEmbedding,
)
from app.vision.analysis_protocol import FrameResult
from app.vision.enrolment_process import EnrolmentRequest, EnrolmentResult
from app.vision.face_engine import embedding_to_bytes

SQUARE = "tests.helpers.fake_engines:SquareEngine"


def square(x: int, green: int) -> np.ndarray:
    image = np.zeros((360, 640, 3), np.uint8)
    image[100:180, x : x + 80] = (255, green, 0)
    return image


def embedding_for(green: int) -> np.ndarray:
    vector = np.zeros(128, np.float32)
    vector[0] = green / 255.0
    return vector


def square_frame(x: int = 100, green: int = 50) -> np.ndarray:
    image = np.zeros((360, 640, 3), np.uint8)
    image[100:180, x : x + 80] = (255, green, 0)
    return image


class Polled(Protocol):
    """An AnalysisProcess or an AnalysisPool: what `collect` reads results from."""

    def poll(self, timeout: float = 0.0) -> list[FrameResult]: ...


def collect(process: Polled, count: int, timeout: float = 15.0) -> list[FrameResult]:
    results: list[FrameResult] = []
    deadline = time.monotonic() + timeout
    while len(results) < count and time.monotonic() < deadline:
        results += process.poll(0.05)
    return results


EMBEDDING = "fake-square-embedding/1"


Enroller = Callable[[EnrolmentRequest, Callable[[], bool]], EnrolmentResult]


def fake_enroller(database: Database, greens: dict[int, int], calls: list[EnrolmentRequest]) -> Enroller:
    """Stands in for the enrolment process: stores one embedding per learner, as SquareEngine makes them."""

    def enrol(request: EnrolmentRequest, cancelled: Callable[[], bool]) -> EnrolmentResult:
        calls.append(request)
        with database.writing() as session:
            repository = EmbeddingRepository(session)
            for learner_id in request.learner_ids:
                stored = StoredEmbedding(
                    learner_id=learner_id,
                    photo_id=learner_id,
                    engine_id=EMBEDDING,
                    dim=128,
                    vector=embedding_to_bytes(embedding_for(greens[learner_id])),
                    face_count=1,
                    created_at=datetime.now().replace(microsecond=0),
                )
                repository.save(stored)
        return EnrolmentResult(EMBEDDING, len(request.learner_ids), 0.05)

    return enrol
