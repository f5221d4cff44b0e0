"""Face embeddings of enrolment photos (app/vision computes them once, the tracker matches against them).

One row per (enrolment photo, face engine): `engine_id` names the detector + landmark + embedding
models (app.vision.face_engine), so switching engines or model versions never mixes vectors from
different embedding spaces; rows of another engine are simply not used and may be recomputed.
`vector` is the raw little-endian float32 bytes of the embedding (`dim` values, 128 for dlib's
ResNet); storing bytes keeps the column identical on SQLite (BLOB) and PostgreSQL (BYTEA).
A photo in which no face (or no usable face) was found still gets a row with an empty vector
and `face_count` saying why, so it is not re-analysed at every start.

`learner_id` duplicates the photo's learner so that a roster's embeddings load with one indexed
query; both foreign keys cascade, because an embedding is derived data, never evidence.
`created_at` is a naive local wall-clock time like every time in the database (column_types).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.column_types import NaiveDateTime
from app.persistence.orm.base import Base


class FaceEmbeddingRow(Base):
    __tablename__ = "face_embeddings"
    __table_args__ = (
        Index("ix_face_embeddings_learner_id_engine_id", "learner_id", "engine_id"),
        UniqueConstraint("photo_id", "engine_id", name="uq_face_embeddings_photo_id_engine_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id", ondelete="CASCADE"))
    photo_id: Mapped[int] = mapped_column(ForeignKey("enrolment_photos.id", ondelete="CASCADE"))
    engine_id: Mapped[str] = mapped_column(String(128))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    face_count: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(NaiveDateTime)
