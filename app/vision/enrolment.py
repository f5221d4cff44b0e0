"""Enrolment embeddings: computed once per (photo, embedding model), stored, loaded as a Roster.

`ensure_enrolment_embeddings` calls dlib: run it off the GUI thread (a TaskRunner task at session
start, the calibration command), never in the GUI thread. `load_roster` only reads the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

import cv2
import numpy as np

from app.persistence import Database
from app.persistence.repositories import EmbeddingRepository, StoredEmbedding
from app.vision.face_engine import Embedding, FaceEngine, RgbImage, embedding_to_bytes
from app.vision.image_header import decode_refusal
from app.vision.photo_quality import scale_down
from app.vision.roster import Roster

log = logging.getLogger(__name__)


def read_rgb(path: Path | str) -> RgbImage | None:
    """An image file as RGB, or None when it cannot be read or is refused before decoding (larger
    than a photo may be: image_header.py; the reason is logged, and `decode_refusal` gives it)."""
    refusal = decode_refusal(path)
    if refusal is not None:
        log.warning("image %s not decoded: %s", path, refusal)
        return None
    data = np.fromfile(str(path), dtype=np.uint8)  # cv2.imread cannot open non-ASCII paths on Windows
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        return None
    return np.ascontiguousarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))


def embed_photo(engine: FaceEngine, image: RgbImage, upsample: int = 1) -> tuple[Embedding | None, int]:
    """(embedding of the largest face, number of faces) of a portrait; (None, 0) without a face."""
    small, _ = scale_down(image)
    faces = engine.detect(small, upsample=upsample)
    if not faces:
        return None, 0
    largest = max(faces, key=lambda f: f.box.area)
    return engine.embed(small, largest), len(faces)


def ensure_enrolment_embeddings(
    database: Database,
    engine: FaceEngine,
    learner_ids: Iterable[int],
    photo_root: Path | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Embed these learners' enrolment photos that have no row for the engine yet; returns how many.

    A relative photo path is taken under `photo_root`. A photo that cannot be read or shows no face
    gets a row without vector (face_count 0) so that it is not retried at every session start.
    """
    ids = list(learner_ids)
    with database.reading() as session:
        missing = EmbeddingRepository(session).photos_missing(ids, engine.embedding_id)
    made = 0
    for photo_id, learner_id, path_text in missing:
        if cancelled is not None and cancelled():
            break
        path = Path(path_text)
        if not path.is_absolute() and photo_root is not None:
            path = photo_root / path
        image = read_rgb(path)
        vector, faces = (None, 0) if image is None else embed_photo(engine, image)
        if image is None:
            log.warning("enrolment photo %s of learner %s cannot be read", photo_id, learner_id)
        with database.writing() as session:
            EmbeddingRepository(session).save(
                StoredEmbedding(
                    learner_id=learner_id,
                    photo_id=photo_id,
                    engine_id=engine.embedding_id,
                    dim=0 if vector is None else int(vector.size),
                    vector=b"" if vector is None else embedding_to_bytes(vector),
                    face_count=faces,
                    created_at=datetime.now().replace(microsecond=0),
                )
            )
        made += 1
    return made


def load_roster(database: Database, learner_ids: Iterable[int], embedding_id: str) -> Roster:
    with database.reading() as session:
        rows = EmbeddingRepository(session).for_learners(learner_ids, embedding_id)
    return Roster.from_stored((row.learner_id, row.vector) for row in rows if row.has_face)
