"""The scoring step before sampling: give each unscored captured photo a face count, a distance to
the learner's enrolment embeddings and flags, so the sample can take every flagged photo.

The engine sits behind `PhotoScoringEngine`, a protocol that app.vision.photo_quality.PhotoScorer
(dlib) satisfies; tests plug in a fake. Enrolment embeddings come from the face_embeddings table
(revision 0003) through `stored_embeddings(engine_id)`.

The console runs the scoring in a child process instead: app/review/photo_scoring_job.py (newest
first, skipping photos whose files are not there yet, enrolment embeddings made on the way);
`score_unscored` stays as the in-process form for tests and small tools.

Threads: blocking and CPU-heavy (dlib holds the GIL): run it on a worker or in the analysis
process, never on the GUI thread. Each photo's score is committed on its own, so a cancel or a
crash loses at most the photo in hand.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
import numpy.typing as npt
from sqlalchemy.orm import Session

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import VerdictParameters
from app.domain.observation import Box
from app.persistence.database import Database
from app.persistence.repositories.embedding_repository import EmbeddingRepository
from app.persistence.repositories.online_study_repository import OnlineStudyRepository
from app.vision.image_header import decode_refusal

Vector = npt.NDArray[np.float32]


class ScoreLike(Protocol):
    @property
    def face_count(self) -> int: ...
    @property
    def distance(self) -> float | None: ...
    @property
    def flags(self) -> Collection[PhotoFlag]: ...
    @property
    def boxes(self) -> Sequence[Box]: ...  # every face found, the scored one first
    @property
    def judged_with(self) -> VerdictParameters | None: ...


class PhotoScoringEngine(Protocol):
    def score_photo(
        self, image: npt.NDArray[np.uint8], enrolment_embeddings: Sequence[Vector]
    ) -> ScoreLike: ...


EnrolmentSource = Callable[[Session, int], list[Vector]]


def stored_embeddings(engine_id: str) -> EnrolmentSource:
    """The learner's enrolment vectors stored for `engine_id` (photos without a usable face skipped)."""

    def load(session: Session, learner_id: int) -> list[Vector]:
        stored = EmbeddingRepository(session).for_learners([learner_id], engine_id)
        return [np.frombuffer(item.vector, dtype=np.float32) for item in stored if item.has_face]

    return load


def save_score(session: Session, photo_id: int, score: ScoreLike) -> None:
    """Write a photo's score with what it was judged with and the faces found (one place for both
    the in-process form below and the scoring worker)."""
    OnlineStudyRepository(session).save_photo_score(
        photo_id,
        distance=score.distance,
        face_count=score.face_count,
        flags=sorted(score.flags),
        judged_with=score.judged_with,
        face_boxes=[(box.left, box.top, box.right, box.bottom) for box in score.boxes],
    )


def read_rgb(path: str) -> npt.NDArray[np.uint8] | None:
    if not Path(path).is_file():  # not downloaded or rendered yet (and spares OpenCV's warning)
        return None
    if decode_refusal(path) is not None:  # larger than a photo may be: never handed to the decoder
        return None
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is None:
        return None
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB), dtype=np.uint8)


def score_unscored(
    database: Database,
    engine: PhotoScoringEngine,
    enrolment: EnrolmentSource,
    *,
    limit: int = 200,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[int, int]:
    """Score up to `limit` unscored photos, oldest first. Returns (scored, missing files).

    A photo whose file is not there yet (still downloading, demo media not rendered) is left
    unscored for the next run rather than flagged: a missing file says nothing about the learner.
    """
    with database.reading() as session:
        photos = OnlineStudyRepository(session).unscored_photos(limit)
    scored = missing = 0
    for photo in photos:
        if cancelled():
            break
        image = read_rgb(photo.path)
        if image is None:
            missing += 1
            continue
        with database.reading() as session:
            vectors = enrolment(session, photo.learner_id)
        score = engine.score_photo(image, vectors)
        with database.writing() as session:
            save_score(session, photo.id, score)
        scored += 1
    return scored, missing


def dlib_engine() -> tuple[PhotoScoringEngine, str]:
    """The vision engineer's scorer and the id its enrolment vectors are stored under (imports dlib:
    call on a worker). Vectors are keyed by the embedding model (`embedding_id`), not by the
    detector+model `engine_id`, as app.vision.enrolment stores them."""
    from app.vision.face_engine import DlibFaceEngine
    from app.vision.photo_quality import PhotoScorer

    face_engine = DlibFaceEngine()
    return PhotoScorer(face_engine), face_engine.embedding_id
