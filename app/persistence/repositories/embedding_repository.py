"""Face embeddings of enrolment photos, per face engine (table `face_embeddings`, revision 0003).

Writers: the analysis coordinator (app/vision) when a roster contains photos without an embedding
for the current engine, and the calibration command. Readers: the analysis coordinator loading a
class session's roster, and the online-photo spot-check. Like every repository it never commits.

Vectors cross this boundary as `bytes` (little-endian float32) so that app.persistence does not
depend on numpy; app.vision.face_engine (embedding_to_bytes, embedding_from_bytes) converts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.persistence.orm import EnrolmentPhotoRow, FaceEmbeddingRow

__all__ = ["EmbeddingRepository", "StoredEmbedding"]


@dataclass(frozen=True, slots=True)
class StoredEmbedding:
    """One enrolment photo's embedding for one engine. `vector` is empty when no face was usable."""

    learner_id: int
    photo_id: int
    engine_id: str
    dim: int
    vector: bytes
    face_count: int
    created_at: datetime
    id: int = 0

    @property
    def has_face(self) -> bool:
        return self.dim > 0 and len(self.vector) == 4 * self.dim


def _to_stored(row: FaceEmbeddingRow) -> StoredEmbedding:
    return StoredEmbedding(
        id=row.id,
        learner_id=row.learner_id,
        photo_id=row.photo_id,
        engine_id=row.engine_id,
        dim=row.dim,
        vector=bytes(row.vector),
        face_count=row.face_count,
        created_at=row.created_at,
    )


class EmbeddingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def save(self, embedding: StoredEmbedding) -> StoredEmbedding:
        """Insert or replace the row of (photo_id, engine_id); returns it with its id."""
        row = self.session.scalar(
            select(FaceEmbeddingRow).where(
                FaceEmbeddingRow.photo_id == embedding.photo_id,
                FaceEmbeddingRow.engine_id == embedding.engine_id,
            )
        )
        if row is None:
            row = FaceEmbeddingRow(photo_id=embedding.photo_id, engine_id=embedding.engine_id)
            self.session.add(row)
        row.learner_id = embedding.learner_id
        row.dim = embedding.dim
        row.vector = embedding.vector
        row.face_count = embedding.face_count
        row.created_at = embedding.created_at
        self.session.flush()
        return _to_stored(row)

    def for_learners(self, learner_ids: Iterable[int], engine_id: str) -> list[StoredEmbedding]:
        """Every stored embedding (with or without a face) of these learners for this engine."""
        ids = sorted(set(learner_ids))
        if not ids:
            return []
        rows = self.session.scalars(
            select(FaceEmbeddingRow)
            .where(FaceEmbeddingRow.engine_id == engine_id, FaceEmbeddingRow.learner_id.in_(ids))
            .order_by(FaceEmbeddingRow.learner_id, FaceEmbeddingRow.photo_id)
        )
        return [_to_stored(row) for row in rows]

    def photos_missing(self, learner_ids: Iterable[int], engine_id: str) -> list[tuple[int, int, str]]:
        """(photo_id, learner_id, path) of these learners' enrolment photos with no row for `engine_id`."""
        ids = sorted(set(learner_ids))
        if not ids:
            return []
        done = select(FaceEmbeddingRow.photo_id).where(FaceEmbeddingRow.engine_id == engine_id)
        rows = self.session.execute(
            select(EnrolmentPhotoRow.id, EnrolmentPhotoRow.learner_id, EnrolmentPhotoRow.path)
            .where(EnrolmentPhotoRow.learner_id.in_(ids), EnrolmentPhotoRow.id.not_in(done))
            .order_by(EnrolmentPhotoRow.id)
        )
        return [(int(r[0]), int(r[1]), str(r[2])) for r in rows]

    def delete_for_engine(self, engine_id: str, *, keep: bool = False) -> int:
        """Delete the rows of `engine_id` (or, with keep=True, of every OTHER engine). Returns the count."""
        condition = (
            FaceEmbeddingRow.engine_id != engine_id if keep else FaceEmbeddingRow.engine_id == engine_id
        )
        result = self.session.execute(delete(FaceEmbeddingRow).where(condition))
        return int(result.rowcount)  # type: ignore[attr-defined]

    def engines(self) -> Sequence[str]:
        return list(
            self.session.scalars(
                select(FaceEmbeddingRow.engine_id).distinct().order_by(FaceEmbeddingRow.engine_id)
            )
        )
