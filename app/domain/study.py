"""Study as it happened: classroom sessions and online study with captured photos."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.enums import PhotoFlag
from app.domain.face_verdict import FaceBox, VerdictParameters


@dataclass(slots=True)
class ClassSession:
    """One scheduled class in a classroom on one day, with the learners rostered for it."""

    id: int
    classroom_id: int
    day: date
    start: datetime
    end: datetime
    roster: list[int] = field(default_factory=list)  # learner ids
    title: str = ""


@dataclass(slots=True)
class Attendance:
    """Observed presence of one learner in one class session (filled by face analysis)."""

    session_id: int
    learner_id: int
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    longest_continuous_minutes: float = 0.0
    times_left: int = 0


@dataclass(slots=True)
class CapturedPhoto:
    """A random face photo captured by the online platform during study."""

    id: int
    record_id: int
    learner_id: int
    captured_at: datetime
    path: str
    device: str = ""
    distance: float | None = None  # to the nearest enrolment photo, once scored
    face_count: int | None = None
    flags: list[PhotoFlag] = field(default_factory=list)
    # What the scorer judged with, and the faces found, scored first (None: not recorded).
    scored_with: VerdictParameters | None = None
    face_boxes: tuple[FaceBox, ...] | None = None


@dataclass(slots=True)
class OnlineStudyRecord:
    id: int
    learner_id: int
    start: datetime
    end: datetime
    platform_ref: str = ""
    photos: list[CapturedPhoto] = field(default_factory=list)

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60.0
