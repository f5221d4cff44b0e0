"""Table of coverage gaps (revision 0009): spans in which a background subsystem did not run.

One row per gap, written by the workstation that saw it (`workstation`), opened when the gap
starts (`ended_at` NULL) and closed when the subsystem runs again; `key` is unique so that a write
retried after a failed COMMIT updates its row instead of adding another. `camera_ids` is a JSON
list (empty: the whole subsystem). See app/domain/coverage_gaps.py.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.persistence.column_types import NaiveDateTime
from app.persistence.orm.base import Base


class CoverageGapRow(Base):
    __tablename__ = "coverage_gaps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    subsystem: Mapped[str] = mapped_column(String(32))
    workstation: Mapped[str] = mapped_column(String(255), default="")
    camera_ids: Mapped[str] = mapped_column(Text, default="[]")
    started_at: Mapped[datetime] = mapped_column(NaiveDateTime, index=True)
    ended_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    # Last time the gap was reported open; a crash's gap closes at it.
    heartbeat_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    end_basis: Mapped[str] = mapped_column(String(16), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
