"""What officers act on: flagged events, spot-checks, completions, and the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.enums import (
    CompletionState,
    EventKind,
    EventState,
    Programme,
    Severity,
    SpotCheckVerdict,
)


def open_key_for(kind: EventKind, session_id: int | None, subject: str) -> str:
    """The name of an ongoing situation: one open event per kind, class session and subject (a
    learner id, or "camera:<id>" for strangers and lost streams, which have no session)."""
    return f"{kind.value}|{session_id if session_id is not None else '-'}|{subject}"


@dataclass(slots=True)
class EventComment:
    author_id: int
    at: datetime
    text: str


@dataclass(slots=True)
class EventHistoryEntry:
    """Who changed an event's state, and when: the event's own history, shown in its detail view."""

    actor_id: int | None  # None: the system (analysis, stream monitor)
    at: datetime
    from_state: EventState | None
    to_state: EventState
    note: str = ""


@dataclass(slots=True)
class Event:
    id: int
    kind: EventKind
    severity: Severity
    state: EventState
    started_at: datetime
    ended_at: datetime | None = None
    camera_id: int | None = None
    classroom_id: int | None = None
    session_id: int | None = None
    learner_ids: list[int] = field(default_factory=list)
    owner_id: int | None = None
    distance: float | None = None
    snapshot_path: str = ""
    frame_path: str = ""
    engine: str = ""
    comments: list[EventComment] = field(default_factory=list)
    history: list[EventHistoryEntry] = field(default_factory=list)
    # Unique per raise: a retry after an ambiguous COMMIT finds its row ("" by hand).
    origin: str = ""
    # `open_key_for(...)` while the situation lasts; unique in the database: one open event each.
    open_key: str | None = None


@dataclass(slots=True)
class SpotCheck:
    """One captured photo sampled for an officer to review."""

    id: int
    photo_id: int
    learner_id: int
    sampled_on: datetime
    reason: str  # "flagged:<flag>" or "random"
    verdict: SpotCheckVerdict = SpotCheckVerdict.PENDING
    fail_reason: str = ""
    reviewer_id: int | None = None
    reviewed_at: datetime | None = None
    claimed_by: int | None = None


@dataclass(slots=True)
class Completion:
    """A learner's course completion, waiting for or past an officer's decision."""

    id: int
    learner_id: int
    programme: Programme
    requested_at: datetime
    state: CompletionState = CompletionState.PENDING
    decided_by: int | None = None
    decided_at: datetime | None = None
    reason: str = ""
    evidence: str = ""  # a short summary of counted days/hours, events and spot-checks


@dataclass(slots=True)
class AuditEntry:
    """One line of the append-only audit log; `entry_hash` chains it to the one before."""

    id: int
    at: datetime
    actor_id: int | None
    action: str
    subject: str
    detail: str
    prev_hash: str
    entry_hash: str


@dataclass(slots=True)
class CompletionReversal:
    """A decision taken back by the supervisory post: the decision as it was, and who undid it why."""

    id: int
    completion_id: int
    previous_state: CompletionState  # APPROVED or REJECTED
    previous_decided_by: int | None
    previous_decided_at: datetime | None
    previous_reason: str
    reversed_by: int
    reversed_at: datetime
    reason: str
