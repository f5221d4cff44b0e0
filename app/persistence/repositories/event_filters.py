"""The value objects of event paging: what to show, where a page ends, and the page itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from app.domain.casework import Event
from app.domain.enums import EventKind, EventState, Severity
from app.domain.people import Scope


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Empty sets mean "any". `started_before` is exclusive, `started_from` inclusive."""

    scope: Scope | None = None
    kinds: frozenset[EventKind] = field(default_factory=frozenset)
    states: frozenset[EventState] = field(default_factory=frozenset)
    severities: frozenset[Severity] = field(default_factory=frozenset)
    open_only: bool = False  # drop CONFIRMED and DISMISSED, whatever `states` says
    started_from: datetime | None = None
    started_before: datetime | None = None
    owner_id: int | None = None
    session_id: int | None = None
    learner_id: int | None = None
    learner_name: str = ""  # part of a learner's name (case-insensitive where the backend allows)
    id_above: int | None = None  # only events stored after the one with this id (new-event polling)


@dataclass(frozen=True, slots=True)
class EventCursor:
    """Where the previous page ended: the last event's start time and id."""

    started_at: datetime
    event_id: int


@dataclass(slots=True)
class EventPage:
    events: list[Event]
    next_cursor: EventCursor | None
