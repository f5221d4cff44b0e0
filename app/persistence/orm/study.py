"""Tables for classroom sessions (with rosters and attendance) and online study with captured photos.

Columns are called `starts_at` / `ends_at` rather than `start` / `end` because END is an SQL
keyword; hand-written SQL (reports, psql sessions) stays free of quoting.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import FaceBox, VerdictParameters
from app.domain.study import Attendance, CapturedPhoto, ClassSession, OnlineStudyRecord
from app.persistence.column_types import NaiveDateTime, PhotoFlagList
from app.persistence.orm.base import Base


class ClassSessionRow(Base):
    __tablename__ = "class_sessions"
    __table_args__ = (Index("ix_class_sessions_classroom_id_day", "classroom_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id"))
    day: Mapped[date] = mapped_column(Date, index=True)
    starts_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    ends_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    title: Mapped[str] = mapped_column(String(128), default="")

    @staticmethod
    def values_from(session: ClassSession) -> dict[str, Any]:
        return {
            "id": session.id,
            "classroom_id": session.classroom_id,
            "day": session.day,
            "starts_at": session.start,
            "ends_at": session.end,
            "title": session.title,
        }

    def to_domain(self, roster: list[int] | None = None) -> ClassSession:
        return ClassSession(
            id=self.id,
            classroom_id=self.classroom_id,
            day=self.day,
            start=self.starts_at,
            end=self.ends_at,
            roster=list(roster or []),
            title=self.title,
        )


class RosterEntryRow(Base):
    """The roster association: which learners are expected in a session, in roster order."""

    __tablename__ = "class_session_roster"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class AttendanceRow(Base):
    __tablename__ = "attendance"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("class_sessions.id", ondelete="CASCADE"), primary_key=True
    )
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True, index=True)
    first_seen: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    last_seen: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    longest_continuous_minutes: Mapped[float] = mapped_column(Float, default=0.0)
    times_left: Mapped[int] = mapped_column(Integer, default=0)

    @staticmethod
    def values_from(attendance: Attendance) -> dict[str, Any]:
        return {
            "session_id": attendance.session_id,
            "learner_id": attendance.learner_id,
            "first_seen": attendance.first_seen,
            "last_seen": attendance.last_seen,
            "longest_continuous_minutes": attendance.longest_continuous_minutes,
            "times_left": attendance.times_left,
        }

    def to_domain(self) -> Attendance:
        return Attendance(
            session_id=self.session_id,
            learner_id=self.learner_id,
            first_seen=self.first_seen,
            last_seen=self.last_seen,
            longest_continuous_minutes=self.longest_continuous_minutes,
            times_left=self.times_left,
        )


class OnlineStudyRecordRow(Base):
    __tablename__ = "online_study_records"
    __table_args__ = (Index("ix_online_study_records_learner_id_starts_at", "learner_id", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"))
    starts_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    ends_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    platform_ref: Mapped[str] = mapped_column(String(64), default="", index=True)

    @staticmethod
    def values_from(record: OnlineStudyRecord) -> dict[str, Any]:
        return {
            "id": record.id,
            "learner_id": record.learner_id,
            "starts_at": record.start,
            "ends_at": record.end,
            "platform_ref": record.platform_ref,
        }

    def to_domain(self, photos: list[CapturedPhoto] | None = None) -> OnlineStudyRecord:
        return OnlineStudyRecord(
            id=self.id,
            learner_id=self.learner_id,
            start=self.starts_at,
            end=self.ends_at,
            platform_ref=self.platform_ref,
            photos=list(photos or []),
        )


class CapturedPhotoRow(Base):
    """`flags` is a JSON array of PhotoFlag codes: a handful of values, never queried on their own.

    What the scorer judged with (revision 0007): `scored_threshold` and `scored_with`, a JSON object
    of the rest of app.domain.face_verdict.VerdictParameters (threshold source, calibration date,
    embedding model, detector setting); `face_boxes`, a JSON array of [left, top, right, bottom] in
    the photo's pixels, the scored face first. All NULL for photos scored before 0007.
    """

    __tablename__ = "captured_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    record_id: Mapped[int] = mapped_column(
        ForeignKey("online_study_records.id", ondelete="CASCADE"), index=True
    )
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), index=True)
    captured_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    path: Mapped[str] = mapped_column(Text)
    device: Mapped[str] = mapped_column(String(64), default="")
    distance: Mapped[float | None] = mapped_column(Float)
    face_count: Mapped[int | None] = mapped_column(Integer)
    flags: Mapped[list[PhotoFlag]] = mapped_column(PhotoFlagList, default=list)
    scored_threshold: Mapped[float | None] = mapped_column(Float)
    scored_with: Mapped[str | None] = mapped_column(Text)
    face_boxes: Mapped[str | None] = mapped_column(Text)

    @staticmethod
    def values_from(photo: CapturedPhoto) -> dict[str, Any]:
        return {
            "id": photo.id,
            "record_id": photo.record_id,
            "learner_id": photo.learner_id,
            "captured_at": photo.captured_at,
            "path": photo.path,
            "device": photo.device,
            "distance": photo.distance,
            "face_count": photo.face_count,
            "flags": list(photo.flags),
            **score_record_values(photo.scored_with, photo.face_boxes),
        }

    def to_domain(self) -> CapturedPhoto:
        return CapturedPhoto(
            id=self.id,
            record_id=self.record_id,
            learner_id=self.learner_id,
            captured_at=self.captured_at,
            path=self.path,
            device=self.device,
            distance=self.distance,
            face_count=self.face_count,
            flags=list(self.flags),
            scored_with=(
                None
                if self.scored_threshold is None
                else VerdictParameters.from_record(
                    self.scored_threshold, json.loads(self.scored_with or "{}")
                )
            ),
            face_boxes=(
                None
                if self.face_boxes is None
                else tuple(_face_box(box) for box in json.loads(self.face_boxes))
            ),
        )


def score_record_values(
    judged_with: VerdictParameters | None, face_boxes: tuple[FaceBox, ...] | None
) -> dict[str, Any]:
    """The columns recording what a score was judged with (all None: not recorded)."""
    return {
        "scored_threshold": None if judged_with is None else judged_with.threshold,
        "scored_with": None if judged_with is None else json.dumps(judged_with.record(), ensure_ascii=False),
        "face_boxes": None if face_boxes is None else json.dumps([list(box) for box in face_boxes]),
    }


def _face_box(values: list[int]) -> FaceBox:
    left, top, right, bottom = (int(v) for v in values)
    return left, top, right, bottom
