"""The index of recorded video segments (app/video/recorder.py writes them, retention deletes them).

One row per MP4 segment file. `ended_at` is NULL while the segment is being written (and for a
segment whose writer crashed, until start-up recovery settles it). `path` is relative to the
recordings root of `store`: a store is one recordings folder, named by the id kept inside it
(app/video/segment_files.py), so that several workstations sharing one PostgreSQL database each
manage (recover, expire) only the files they can actually see. Times are naive local wall-clock
times like everywhere else (column_types); `started_at + duration_s` is where the last frame ends,
which is what the recordings review needs to seek exactly.

Indexes: (camera_id, started_at) serves the review timeline ("segments of camera 7 between t0 and
t1"); (store, started_at) serves retention's oldest-first walk; (store, path) is unique because
the recorder upserts a segment's row by its path (a row may be written late when the database
was locked).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy import false as sql_false
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.column_types import NaiveDateTime
from app.persistence.orm.base import Base


class RecordingRow(Base):
    __tablename__ = "recordings"
    __table_args__ = (
        Index("ix_recordings_camera_id_started_at", "camera_id", "started_at"),
        Index("ix_recordings_store_started_at", "store", "started_at"),
        UniqueConstraint("store", "path", name="uq_recordings_store_path"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No ON DELETE: a camera with recordings is disabled, not deleted (recordings may be evidence).
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    store: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    path: Mapped[str] = mapped_column(Text)
    size_bytes: Mapped[int] = mapped_column(BigInteger, default=0)
    frames: Mapped[int] = mapped_column(Integer, default=0)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    codec: Mapped[str] = mapped_column(String(32), default="")
    width: Mapped[int] = mapped_column(Integer, default=0)
    height: Mapped[int] = mapped_column(Integer, default=0)
    # Retention never deletes a locked segment; the server default keeps other tools' rows unlocked.
    locked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql_false())
