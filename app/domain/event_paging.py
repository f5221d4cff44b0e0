"""The value objects of event paging: what to show, in which order, where a page ends, and the page.

The list's order is one sort key (a column of the Events table) and a direction; events with equal
keys always follow newest first, so the order is total and a keyset cursor can continue it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

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


class EventSortKey(StrEnum):
    """What the list is sorted by (one per column of the Events table)."""

    STARTED = "started"
    SEVERITY = "severity"  # high above low, whatever the stored codes' alphabet says
    STATE = "state"  # the triage workflow's order: new, in progress, escalated, confirmed, dismissed
    KIND = "kind"  # EventKind's declaration order
    DURATION = "duration"  # ongoing events count as the longest
    LEARNER = "learner"  # the first learner's name ("" when none)
    PLACE = "place"  # "site · classroom"
    OWNER = "owner"  # the display name of the officer handling it ("" when nobody)
    SNAPSHOT = "snapshot"  # events with a snapshot after those without


# The database's sort keys (event_order.py); the Events list places new rows by them too.
ONGOING_SECONDS = 10**12  # ongoing events outlast any finished one
SEVERITY_RANK = {Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3}
STATE_RANK = {
    EventState.NEW: 0,
    EventState.IN_PROGRESS: 1,
    EventState.ESCALATED: 2,
    EventState.CONFIRMED: 3,
    EventState.DISMISSED: 4,
}
KIND_RANK = {kind: n for n, kind in enumerate(EventKind)}


@dataclass(frozen=True, slots=True)
class EventOrder:
    key: EventSortKey = EventSortKey.STARTED
    descending: bool = True


NEWEST_FIRST = EventOrder()


@dataclass(frozen=True, slots=True)
class EventCursor:
    """Where the previous page ended: the last event's start time and id, and its sort key's value
    when the list is sorted by something else than the start time (a cursor belongs to one order)."""

    started_at: datetime
    event_id: int
    sort_value: int | str | None = None


@dataclass(slots=True)
class EventPage:
    events: list[Event]
    next_cursor: EventCursor | None
