"""The Events pane's service: pages of events, one event's detail, and the officer's actions.

Every method blocks (each opens its own database session) and is called from a TaskRunner worker,
never on the GUI thread. State changes write event_history in the same transaction, then call the
optional audit hook `audit(actor_id, action, subject, detail)` once the change is committed.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from app.domain.casework import Event, EventComment
from app.domain.enums import EventState, Severity
from app.domain.people import Scope
from app.persistence.repositories.event_filters import NEWEST_FIRST, EventCursor, EventFilter, EventOrder
from app.persistence.repositories.event_repository import EventRepository
from app.persistence.repositories.learner_repository import LearnerRepository
from app.supervision.event_threshold import EventThreshold, event_threshold
from app.supervision.triage import AUDIT_ACTIONS, TriageError, can_move, needs_reason

if TYPE_CHECKING:
    from app.persistence import Database

log = logging.getLogger(__name__)

# app.review's `audit` returns its AuditEntry; the service ignores what the hook returns.
AuditHook = Callable[[int | None, str, str, str], object]


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
    """One event with its comments and history, the names of its learners, their enrolment photos
    (learner id → the first photo's path) and the threshold its face distance is read against."""

    event: Event
    learner_names: dict[int, str] = field(default_factory=dict)
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


class EventService:
    def __init__(
        self,
        database: Database,
        *,
        audit: AuditHook | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._database = database
        self.audit = audit
        self._clock = clock

    # -- reading

    def page(
        self,
        event_filter: EventFilter,
        after: EventCursor | None = None,
        limit: int = 100,
        order: EventOrder = NEWEST_FIRST,
    ) -> EventListPage:
        with self._database.reading() as session:
            repository = EventRepository(session)
            page = repository.page(event_filter, limit=limit, after=after, order=order)
            names = repository.learner_names([i for e in page.events for i in e.learner_ids])
        items = [EventListItem(e, tuple(names.get(i, f"#{i}") for i in e.learner_ids)) for e in page.events]
        return EventListPage(items, page.next_cursor)

    def detail(self, event_id: int) -> EventDetail:
        with self._database.reading() as session:
            repository = EventRepository(session)
            event = repository.get(event_id)
            if event is None:
                raise TriageError("not_found", event_id)
            learners = LearnerRepository(session).get_many(event.learner_ids)
            photos = {x.id: x.photos[0].path for x in learners if x.photos}
            threshold = event_threshold(session, event.engine) if event.distance is not None else None
            return EventDetail(event, repository.learner_names(event.learner_ids), photos, threshold)

    def new_since(
        self,
        mark: int,
        event_filter: EventFilter,
        *,
        alarm_scope: Scope | None = None,
        alarms: Collection[int] = (),
    ) -> NewEvents:
        """Events stored after id `mark` within the list's filter (counted); the high-severity ones
        among them within `alarm_scope` (default: the filter's scope; at most 20, whatever else the
        filter says: a kind filter must not hide a 替学 alarm); and which of the events `alarms` are
        still unclaimed (state New). One read transaction: the Events pane's poll is the only one."""
        with self._database.reading() as session:
            repository = EventRepository(session)
            latest = repository.latest_id()
            unclaimed = frozenset(
                event_id for event_id, state in repository.states(alarms).items() if state is EventState.NEW
            )
            if latest <= mark:
                return NewEvents(latest, unclaimed=unclaimed)
            count = repository.count(dataclasses.replace(event_filter, id_above=mark))
            scope = alarm_scope if alarm_scope is not None else event_filter.scope
            high_filter = EventFilter(scope=scope, severities=frozenset({Severity.HIGH}), id_above=mark)
            high = repository.page(high_filter, limit=20).events
        return NewEvents(latest, count, high, unclaimed | {e.id for e in high if e.state is EventState.NEW})

    # -- the officer's actions

    def claim(self, event_id: int, actor_id: int) -> Event:
        """Take the event (New → In progress) so that no other officer works on it."""
        return self.transition(event_id, EventState.IN_PROGRESS, actor_id)

    def transition(self, event_id: int, to_state: EventState, actor_id: int, note: str = "") -> Event:
        """Move the event to `to_state` as `actor_id`; raises TriageError when refused."""
        at = self._clock().replace(microsecond=0)
        with self._database.writing() as session:
            repository = EventRepository(session)
            # Locked: two officers pressing C on the same event decide one after the other.
            event = repository.get(event_id, lock=True)
            if event is None:
                raise TriageError("not_found", event_id)
            if event.owner_id not in (None, actor_id) and event.state is not EventState.ESCALATED:
                raise TriageError("owned_by_other", event_id, event.owner_id)
            if not can_move(event.state, to_state):
                raise TriageError("not_allowed", event_id, event.owner_id)
            if needs_reason(event.severity, to_state) and not note.strip():
                raise TriageError("reason_required", event_id, event.owner_id)
            if to_state is EventState.NEW:
                repository.release(event_id, actor_id)
            elif event.owner_id != actor_id:
                # An escalated event is taken over by whoever acts on it next (the duty manager).
                repository.release(event_id, event.owner_id or actor_id)
                if not repository.claim(event_id, actor_id):
                    raise TriageError("owned_by_other", event_id, event.owner_id)
            repository.change_state(event_id, to_state, actor_id=actor_id, at=at, note=note.strip())
            updated = repository.get(event_id)
        assert updated is not None
        change = f"{event.state.value} → {to_state.value}"
        reason = note.strip()
        self._audit(actor_id, AUDIT_ACTIONS[to_state], event_id, f"{change}: {reason}" if reason else change)
        return updated

    def comment(self, event_id: int, actor_id: int, text: str) -> EventComment:
        text = text.strip()
        if not text:
            raise TriageError("empty_comment", event_id)
        comment = EventComment(author_id=actor_id, at=self._clock().replace(microsecond=0), text=text)
        with self._database.writing() as session:
            EventRepository(session).add_comment(event_id, comment)
        self._audit(actor_id, "event.commented", event_id, text[:200])
        return comment

    def _audit(self, actor_id: int | None, action: str, event_id: int, detail: str) -> None:
        if self.audit is None:
            return
        try:
            self.audit(actor_id, action, f"event:{event_id}", detail)
        except Exception:  # the change is committed; a failing audit sink is logged, not undone
            log.exception("audit hook failed for %s on event %d", action, event_id)
