"""Tables for events (with learners, comments, history), spot-checks, completions and the audit log.

Index choice (events grow to about a million rows): the event list pages newest first, so
(started_at, id) is the keyset; the state/kind filter and the classroom filter each get an index
that ends in started_at, so a filtered page is still an index range scan rather than a sort.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.domain.casework import AuditEntry, Completion, EventComment, EventHistoryEntry, SpotCheck
from app.domain.enums import (
    CompletionState,
    EventKind,
    EventState,
    Programme,
    Severity,
    SpotCheckVerdict,
)
from app.persistence.column_types import NaiveDateTime, StrEnumColumn
from app.persistence.orm.base import Base


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_started_at_id", "started_at", "id"),
        Index("ix_events_state_kind_started_at", "state", "kind", "started_at"),
        Index("ix_events_classroom_id_started_at", "classroom_id", "started_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[EventKind] = mapped_column(StrEnumColumn(EventKind))
    severity: Mapped[Severity] = mapped_column(StrEnumColumn(Severity))
    state: Mapped[EventState] = mapped_column(StrEnumColumn(EventState))
    started_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    # SET NULL: an event is evidence and outlives the camera or classroom it came from.
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id", ondelete="SET NULL"))
    classroom_id: Mapped[int | None] = mapped_column(ForeignKey("classrooms.id", ondelete="SET NULL"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("class_sessions.id", ondelete="SET NULL"), index=True
    )
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    distance: Mapped[float | None] = mapped_column(Float)
    snapshot_path: Mapped[str] = mapped_column(Text, default="")
    frame_path: Mapped[str] = mapped_column(Text, default="")
    engine: Mapped[str] = mapped_column(String(64), default="")
    # Idempotent delivery key of the raising writer (NULL: by hand, or before 0008).
    origin: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Set while the situation lasts (casework.open_key_for); unique: one open event per situation.
    open_key: Mapped[str | None] = mapped_column(String(160), unique=True)


class EventLearnerRow(Base):
    __tablename__ = "event_learners"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EventCommentRow(Base):
    __tablename__ = "event_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(NaiveDateTime)
    text: Mapped[str] = mapped_column(Text)

    def to_domain(self) -> EventComment:
        return EventComment(author_id=self.author_id, at=self.at, text=self.text)


class EventHistoryRow(Base):
    __tablename__ = "event_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(NaiveDateTime)
    from_state: Mapped[EventState | None] = mapped_column(StrEnumColumn(EventState))
    to_state: Mapped[EventState] = mapped_column(StrEnumColumn(EventState))
    note: Mapped[str] = mapped_column(Text, default="")

    def to_domain(self) -> EventHistoryEntry:
        return EventHistoryEntry(
            actor_id=self.actor_id,
            at=self.at,
            from_state=self.from_state,
            to_state=self.to_state,
            note=self.note,
        )


class SpotCheckRow(Base):
    __tablename__ = "spot_checks"
    __table_args__ = (Index("ix_spot_checks_verdict_sampled_on", "verdict", "sampled_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    photo_id: Mapped[int] = mapped_column(ForeignKey("captured_photos.id"), index=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), index=True)
    sampled_on: Mapped[datetime] = mapped_column(NaiveDateTime)
    reason: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[SpotCheckVerdict] = mapped_column(StrEnumColumn(SpotCheckVerdict))
    fail_reason: Mapped[str] = mapped_column(Text, default="")
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    claimed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @staticmethod
    def values_from(check: SpotCheck) -> dict[str, Any]:
        return {
            "id": check.id,
            "photo_id": check.photo_id,
            "learner_id": check.learner_id,
            "sampled_on": check.sampled_on,
            "reason": check.reason,
            "verdict": check.verdict,
            "fail_reason": check.fail_reason,
            "reviewer_id": check.reviewer_id,
            "reviewed_at": check.reviewed_at,
            "claimed_by": check.claimed_by,
        }

    def to_domain(self) -> SpotCheck:
        return SpotCheck(
            id=self.id,
            photo_id=self.photo_id,
            learner_id=self.learner_id,
            sampled_on=self.sampled_on,
            reason=self.reason,
            verdict=self.verdict,
            fail_reason=self.fail_reason,
            reviewer_id=self.reviewer_id,
            reviewed_at=self.reviewed_at,
            claimed_by=self.claimed_by,
        )


class CompletionRow(Base):
    __tablename__ = "completions"
    __table_args__ = (Index("ix_completions_state_requested_at", "state", "requested_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    learner_id: Mapped[int] = mapped_column(ForeignKey("learners.id"), index=True)
    programme: Mapped[Programme] = mapped_column(StrEnumColumn(Programme))
    requested_at: Mapped[datetime] = mapped_column(NaiveDateTime)
    state: Mapped[CompletionState] = mapped_column(StrEnumColumn(CompletionState))
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(NaiveDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="")

    @staticmethod
    def values_from(completion: Completion) -> dict[str, Any]:
        return {
            "id": completion.id,
            "learner_id": completion.learner_id,
            "programme": completion.programme,
            "requested_at": completion.requested_at,
            "state": completion.state,
            "decided_by": completion.decided_by,
            "decided_at": completion.decided_at,
            "reason": completion.reason,
            "evidence": completion.evidence,
        }

    def to_domain(self) -> Completion:
        return Completion(
            id=self.id,
            learner_id=self.learner_id,
            programme=self.programme,
            requested_at=self.requested_at,
            state=self.state,
            decided_by=self.decided_by,
            decided_at=self.decided_at,
            reason=self.reason,
            evidence=self.evidence,
        )


class AuditEntryRow(Base):
    """Append-only. `actor_id` has no foreign key on purpose: the log must survive a user's removal."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(NaiveDateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))
    detail: Mapped[str] = mapped_column(Text, default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)

    @staticmethod
    def values_from(entry: AuditEntry) -> dict[str, Any]:
        return {
            "id": entry.id,
            "at": entry.at,
            "actor_id": entry.actor_id,
            "action": entry.action,
            "subject": entry.subject,
            "detail": entry.detail,
            "prev_hash": entry.prev_hash,
            "entry_hash": entry.entry_hash,
        }

    def to_domain(self) -> AuditEntry:
        return AuditEntry(
            id=self.id,
            at=self.at,
            actor_id=self.actor_id,
            action=self.action,
            subject=self.subject,
            detail=self.detail,
            prev_hash=self.prev_hash,
            entry_hash=self.entry_hash,
        )
