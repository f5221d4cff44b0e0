"""The Events pane's service: pages of events, one event's detail, and the officer's actions.

Every method blocks (each opens its own database session) and is called from a TaskRunner worker,
never on the GUI thread. State changes write event_history and, through the optional audit hook
`audit(session, actor_id, action, subject, detail)` (app.review.audit_chain.append_entry), the audit
entry in the same transaction: a decision the audit chain refuses is not stored unaudited.

Permissions (app/domain/permissions.py) are enforced here, in the transaction that reads or acts:
the officer is re-read by id (`viewer_id` / `actor_id`) and the event's place is read from its
classroom. Lists show only events within the viewer's VIEW reach (a county manager's county, an
acceptance officer's site), whatever scope the pane asks for; each state change is the matrix's
action `triage_action(from, to)`; a refusal raises app.domain.permissions.PermissionDenied and
changes nothing.
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
from app.domain.event_paging import NEWEST_FIRST, EventCursor, EventFilter, EventOrder
from app.domain.people import Scope
from app.domain.permissions import Action, denial, within_reach
from app.persistence.orm import EventRow
from app.persistence.repositories.event_repository import EventRepository
from app.persistence.repositories.learner_repository import LearnerRepository
from app.persistence.repositories.permission_subjects import (
    acting_user,
    event_place,
    require_acting,
    require_at_all,
)
from app.supervision.event_threshold import EventThreshold, event_threshold
from app.supervision.triage import AUDIT_ACTIONS, TriageError, can_move, needs_reason, triage_action

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.persistence import Database

log = logging.getLogger(__name__)

# app.review's `append_entry` returns its AuditEntry; the service ignores what the hook returns.
AuditHook = Callable[["Session", int | None, str, str, str], object]


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


# The actions the detail panel offers on an event.
EVENT_ACTIONS = (
    Action.CLAIM,
    Action.CONFIRM,
    Action.DISMISS,
    Action.ESCALATE,
    Action.COMMENT,
    Action.REVERSE,
)


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
        *,
        viewer_id: int,
    ) -> EventListPage:
        """A page of the events within the filter and within `viewer_id`'s VIEW reach."""
        with self._database.reading() as session:
            narrowed = self._within_reach(session, viewer_id, event_filter)
            if narrowed is None:
                return EventListPage([], None)
            repository = EventRepository(session)
            page = repository.page(narrowed, limit=limit, after=after, order=order)
            names = repository.learner_names([i for e in page.events for i in e.learner_ids])
        items = [EventListItem(e, tuple(names.get(i, f"#{i}") for i in e.learner_ids)) for e in page.events]
        return EventListPage(items, page.next_cursor)

    def detail(self, event_id: int, *, viewer_id: int) -> EventDetail:
        with self._database.reading() as session:
            repository = EventRepository(session)
            event = repository.get(event_id)
            if event is None:
                raise TriageError("not_found", event_id)
            place = event_place(session, event_id)
            viewer = require_acting(session, viewer_id, Action.VIEW, place)
            allowed = frozenset(
                a for a in EVENT_ACTIONS if denial(viewer, a, place.county_id, place.site_id) is None
            )
            learners = LearnerRepository(session).get_many(event.learner_ids)
            photos = {x.id: x.photos[0].path for x in learners if x.photos}
            threshold = event_threshold(session, event.engine) if event.distance is not None else None
            names = repository.learner_names(event.learner_ids)
            return EventDetail(event, names, allowed, enrolment_photos=photos, threshold=threshold)

    def new_since(
        self,
        mark: int,
        event_filter: EventFilter,
        *,
        viewer_id: int,
        alarm_scope: Scope | None = None,
        alarms: Collection[int] = (),
    ) -> NewEvents:
        """Events stored after id `mark` within the list's filter and the viewer's reach (counted);
        the high-severity ones among them within `alarm_scope` and the viewer's reach (default: the
        filter's scope; at most 20, whatever else the filter says: a kind filter must not hide a 替学
        alarm); and which of the events `alarms` are still unclaimed (state New). One read
        transaction: the Events pane's poll is the only one."""
        with self._database.reading() as session:
            repository = EventRepository(session)
            latest = repository.latest_id()
            unclaimed = frozenset(
                event_id for event_id, state in repository.states(alarms).items() if state is EventState.NEW
            )
            if latest <= mark:
                return NewEvents(latest, unclaimed=unclaimed)
            narrowed = self._within_reach(session, viewer_id, event_filter)
            count = 0 if narrowed is None else repository.count(dataclasses.replace(narrowed, id_above=mark))
            scope = alarm_scope if alarm_scope is not None else event_filter.scope
            alarm_filter = self._within_reach(session, viewer_id, EventFilter(scope=scope))
            if alarm_filter is None:
                return NewEvents(latest, count, unclaimed=unclaimed)
            high_filter = dataclasses.replace(
                alarm_filter, severities=frozenset({Severity.HIGH}), id_above=mark
            )
            raised = repository.page(high_filter, limit=20).events
        fresh = {e.id for e in raised if e.state is EventState.NEW}
        return NewEvents(latest, count, raised, unclaimed | fresh)

    @staticmethod
    def _within_reach(session: Session, viewer_id: int, event_filter: EventFilter) -> EventFilter | None:
        """The filter with its scope narrowed to the viewer's VIEW reach; None when nothing is left."""
        viewer = acting_user(session, viewer_id, Action.VIEW)
        require_at_all(viewer, Action.VIEW)
        scope = within_reach(viewer, Action.VIEW, event_filter.scope)
        return None if scope is None else dataclasses.replace(event_filter, scope=scope)

    # -- the officer's actions

    def claim(self, event_id: int, actor_id: int) -> Event:
        """Take the event (New → In progress) so that no other officer works on it."""
        return self.transition(event_id, EventState.IN_PROGRESS, actor_id)

    def transition(self, event_id: int, to_state: EventState, actor_id: int, note: str = "") -> Event:
        """Move the event to `to_state` as `actor_id`; raises PermissionDenied when the matrix
        refuses the officer (as stored now) that action on this event, TriageError when the
        workflow refuses it."""
        at = self._clock().replace(microsecond=0)
        with self._database.writing() as session:
            repository = EventRepository(session)
            # Locked: two officers pressing C on the same event decide one after the other.
            event = repository.get(event_id, lock=True)
            if event is None:
                raise TriageError("not_found", event_id)
            action = triage_action(event.state, to_state)
            require_acting(session, actor_id, action, event_place(session, event_id), hold=True)
            if event.owner_id not in (None, actor_id) and event.state is not EventState.ESCALATED:
                raise TriageError("owned_by_other", event_id, event.owner_id)
            if not can_move(event.state, to_state):
                raise TriageError("not_allowed", event_id, event.owner_id)
            if needs_reason(event.severity, to_state) and not note.strip():
                raise TriageError("reason_required", event_id, event.owner_id)
            if to_state is EventState.NEW:
                repository.release(event_id, actor_id)
            elif event.owner_id != actor_id:
                # Whoever acts on an escalated event next takes it over (the matrix said who may).
                repository.release(event_id, event.owner_id or actor_id)
                if not repository.claim(event_id, actor_id):
                    raise TriageError("owned_by_other", event_id, event.owner_id)
            repository.change_state(event_id, to_state, actor_id=actor_id, at=at, note=note.strip())
            updated = repository.get(event_id)
            change = f"{event.state.value} → {to_state.value}"
            reason = note.strip()
            detail = f"{change}: {reason}" if reason else change
            self._audit(session, actor_id, AUDIT_ACTIONS[to_state], event_id, detail)
        assert updated is not None
        return updated

    def comment(self, event_id: int, actor_id: int, text: str) -> EventComment:
        text = text.strip()
        if not text:
            raise TriageError("empty_comment", event_id)
        comment = EventComment(author_id=actor_id, at=self._clock().replace(microsecond=0), text=text)
        with self._database.writing() as session:
            if session.get(EventRow, event_id) is None:
                raise TriageError("not_found", event_id)
            require_acting(session, actor_id, Action.COMMENT, event_place(session, event_id), hold=True)
            EventRepository(session).add_comment(event_id, comment)
            self._audit(session, actor_id, "event.commented", event_id, text[:200])
        return comment

    def _audit(self, session: Session, actor_id: int | None, action: str, event_id: int, detail: str) -> None:
        """Append the audit entry in the deciding transaction: if it fails, the decision rolls back."""
        if self.audit is not None:
            self.audit(session, actor_id, action, f"event:{event_id}", detail)
