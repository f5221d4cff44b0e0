"""Tables of the recordings review (revision 0005): bookmarks on a camera's timeline and evidence locks.

Neither is ever deleted: a deleted bookmark keeps its row with `deleted_at`/`deleted_by`, and an
unlocked span keeps its row with `released_at`/`released_by`, so "who locked what, and who let it
go" can still be answered beside the audit chain. Active rows are the ones whose deleted_at /
released_at is NULL. User ids carry no foreign key, like the audit log: the history outlives a user.

Indexes: (camera_id, at) and (camera_id, start_at) serve "the bookmarks / locks of camera 7 on a
day"; both tables stay small (people write them by hand).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.column_types import NaiveDateTime
from app.persistence.orm.base import Base


class BookmarkRow(Base):
    __tablename__ = "bookmarks"
    __table_args__ = (Index("ix_bookmarks_camera_id_at", "camera_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    at: Mapped[datetime] = mapped_column(NaiveDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    updated_by: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    deleted_by: Mapped[int | None] = mapped_column(Integer)
    deleted_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)


class EvidenceLockRow(Base):
    __tablename__ = "evidence_locks"
    __table_args__ = (Index("ix_evidence_locks_camera_id_start_at", "camera_id", "start_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    start_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    end_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    released_by: Mapped[int | None] = mapped_column(Integer)
    released_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
