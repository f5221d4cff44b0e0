"""What the Events pane reads: a page of events, one event's detail, the events that arrived since a
mark, and the threshold an event's face distance is read against. Plain values, no database: the
widgets import them from here without loading SQLAlchemy (app.supervision.event_service builds them,
and re-exports them for its callers).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.casework import Event
from app.domain.event_paging import EventCursor
from app.domain.permissions import Action


@dataclass(frozen=True, slots=True)
class EventThreshold:
    value: float
    source: str  # "calibrated": the workspace's calibration (the only source events have today)
    embedding_id: str = ""
    calibrated_on: str = ""  # ISO date (or date and time) when recorded, else ""
    target_fmr: float | None = None

    def separates(self, distance: float) -> bool:
        """True when `distance` lies beyond the threshold: not the same person."""
        return distance > self.value


@dataclass(frozen=True, slots=True)
class EventListItem:
    event: Event
    learner_names: tuple[str, ...] = ()


@dataclass(slots=True)
class EventListPage:
    items: list[EventListItem]
    next_cursor: EventCursor | None


@dataclass(slots=True)
class EventDetail:
    """One event with its comments and history, the names of its learners, what the viewer may do
    to it (the matrix's actions, judged when it was read: the detail panel greys out the rest), the
    learners' enrolment photos (learner id → the first photo's path) and the threshold its face
    distance is read against."""

    event: Event
    learner_names: dict[int, str] = field(default_factory=dict)
    allowed: frozenset[Action] = frozenset()
    enrolment_photos: dict[int, str] = field(default_factory=dict)
    threshold: EventThreshold | None = None


@dataclass(frozen=True, slots=True)
class NewEvents:
    """What arrived since a mark: for the "new events" banner, the notifications and the wall's
    alarms. `high` holds the new high-severity events of the alarm scope, whatever the list's filter
    shows; `unclaimed` those of the alarms asked about that nobody has claimed or decided yet."""

    latest_id: int
    count: int = 0
    high: list[Event] = field(default_factory=list)
    unclaimed: frozenset[int] = frozenset()


# The actions the detail panel offers on an event.
EVENT_ACTIONS = (
    Action.CLAIM,
    Action.CONFIRM,
    Action.DISMISS,
    Action.ESCALATE,
    Action.COMMENT,
    Action.REVERSE,
)
