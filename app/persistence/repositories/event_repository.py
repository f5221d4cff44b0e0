"""Flagged events: add, fetch one with its detail, page through many, and change their state.

Paging is newest first on (started_at, id) unless another order is asked for (event_order.py).
Prefer the keyset form (`after=` the cursor of the last page): it costs the same on page 1 and
page 10,000 because it is an index range scan on ix_events_started_at_id (or the state/kind and
classroom indexes, which also end in started_at).
`offset=` exists for "jump to page N" and gets slower the further it jumps.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.domain.casework import Event, EventComment, EventHistoryEntry
from app.domain.enums import EventKind, EventState
from app.domain.event_paging import (
    NEWEST_FIRST,
    EventCursor,
    EventFilter,
    EventOrder,
    EventPage,
)
from app.domain.people import Scope
from app.persistence.orm import EventCommentRow, EventHistoryRow, EventLearnerRow, EventRow, LearnerRow
from app.persistence.repositories.event_order import cursor_of, ordered
from app.persistence.repositories.scope_filters import classroom_condition

__all__ = ["EventCursor", "EventFilter", "EventPage", "EventRepository"]


def _event_values(event: Event) -> dict[str, object]:
    return {
        "kind": event.kind,
        "severity": event.severity,
        "state": event.state,
        "started_at": event.started_at,
        "ended_at": event.ended_at,
        "camera_id": event.camera_id,
        "classroom_id": event.classroom_id,
        "session_id": event.session_id,
        "owner_id": event.owner_id,
        "distance": event.distance,
        "snapshot_path": event.snapshot_path,
        "frame_path": event.frame_path,
        "engine": event.engine,
        "origin": event.origin or None,
        "open_key": event.open_key,
    }


def _to_event(row: EventRow, learner_ids: list[int] | None = None) -> Event:
    return Event(
        id=row.id,
        kind=row.kind,
        severity=row.severity,
        state=row.state,
        started_at=row.started_at,
        ended_at=row.ended_at,
        camera_id=row.camera_id,
        classroom_id=row.classroom_id,
        session_id=row.session_id,
        learner_ids=list(learner_ids or []),
        owner_id=row.owner_id,
        distance=row.distance,
        snapshot_path=row.snapshot_path,
        frame_path=row.frame_path,
        engine=row.engine,
        origin=row.origin or "",
        open_key=row.open_key,
    )


def _conditions(event_filter: EventFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [classroom_condition(EventRow.classroom_id, event_filter.scope)]
    states: set[EventState] = set(event_filter.states)
    if event_filter.open_only:
        states = {s for s in (states or set(EventState)) if not s.is_closed}
    if states or event_filter.open_only:
        conditions.append(EventRow.state.in_(sorted(states)))
    if event_filter.kinds:
        conditions.append(EventRow.kind.in_(sorted(event_filter.kinds)))
    if event_filter.severities:
        conditions.append(EventRow.severity.in_(sorted(event_filter.severities)))
    if event_filter.started_from is not None:
        conditions.append(EventRow.started_at >= event_filter.started_from)
    if event_filter.started_before is not None:
        conditions.append(EventRow.started_at < event_filter.started_before)
    if event_filter.owner_id is not None:
        conditions.append(EventRow.owner_id == event_filter.owner_id)
    if event_filter.session_id is not None:
        conditions.append(EventRow.session_id == event_filter.session_id)
    if event_filter.learner_id is not None:
        conditions.append(
            EventRow.id.in_(
                select(EventLearnerRow.event_id).where(EventLearnerRow.learner_id == event_filter.learner_id)
            )
        )
    if event_filter.learner_name.strip():
        pattern = f"%{event_filter.learner_name.strip()}%"
        conditions.append(
            EventRow.id.in_(
                select(EventLearnerRow.event_id)
                .join(LearnerRow, LearnerRow.id == EventLearnerRow.learner_id)
                .where(LearnerRow.name.ilike(pattern))
            )
        )
    if event_filter.id_above is not None:
        conditions.append(EventRow.id > event_filter.id_above)
    return conditions


def page_statement(
    event_filter: EventFilter,
    *,
    limit: int,
    after: EventCursor | None = None,
    offset: int = 0,
    order: EventOrder = NEWEST_FIRST,
) -> Select[tuple[EventRow, Any]]:
    """The SELECT behind `EventRepository.page`: (EventRow, sort value) rows (public so tests can
    check its query plan). The order and its keyset condition are event_order.py's."""
    query = select(EventRow).where(and_(*_conditions(event_filter)))
    return ordered(query, order, after).limit(limit).offset(offset)


def _learners_of(session: Session, event_ids: Sequence[int]) -> dict[int, list[int]]:
    learners: dict[int, list[int]] = defaultdict(list)
    if event_ids:
        query = (
            select(EventLearnerRow.event_id, EventLearnerRow.learner_id)
            .where(EventLearnerRow.event_id.in_(event_ids))
            .order_by(EventLearnerRow.event_id, EventLearnerRow.position)
        )
        for event_id, learner_id in session.execute(query):
            learners[event_id].append(learner_id)
    return learners


class EventRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    # --- writing -------------------------------------------------------------------------

    def add(self, event: Event) -> Event:
        """Store an event with its learners, comments and history; returns it with its new id."""
        return self.add_many([event])[0]

    def add_many(self, events: Sequence[Event]) -> list[Event]:
        """Store several events with one INSERT batch; the new ids come back in the given order."""
        if not events:
            return []
        ids = list(
            self._session.scalars(
                insert(EventRow).returning(EventRow.id, sort_by_parameter_order=True),
                [_event_values(event) for event in events],
            )
        )
        learners = [
            {"event_id": event_id, "learner_id": learner_id, "position": position}
            for event_id, event in zip(ids, events, strict=True)
            for position, learner_id in enumerate(event.learner_ids)
        ]
        comments = [
            {"event_id": event_id, "author_id": c.author_id, "at": c.at, "text": c.text}
            for event_id, event in zip(ids, events, strict=True)
            for c in event.comments
        ]
        history = [
            {"event_id": event_id, **dataclasses.asdict(entry)}
            for event_id, event in zip(ids, events, strict=True)
            for entry in event.history
        ]
        for row_class, rows in (
            (EventLearnerRow, learners),
            (EventCommentRow, comments),
            (EventHistoryRow, history),
        ):
            if rows:
                self._session.execute(insert(row_class), rows)
        return [dataclasses.replace(event, id=event_id) for event_id, event in zip(ids, events, strict=True)]

    def change_state(
        self, event_id: int, to_state: EventState, *, actor_id: int | None, at: datetime, note: str = ""
    ) -> EventHistoryEntry:
        """Move an event to `to_state` and append the change to its history.

        The row is locked (SELECT ... FOR UPDATE on PostgreSQL) so two workstations acting on the
        same event record their changes one after the other, each with the right `from_state`.
        """
        row = self._session.scalars(select(EventRow).where(EventRow.id == event_id).with_for_update()).first()
        if row is None:
            raise KeyError(f"event {event_id} does not exist")
        entry = EventHistoryEntry(
            actor_id=actor_id, at=at, from_state=row.state, to_state=to_state, note=note
        )
        row.state = to_state
        self._session.add(EventHistoryRow(event_id=event_id, **dataclasses.asdict(entry)))
        return entry

    def claim(self, event_id: int, owner_id: int) -> bool:
        """Make `owner_id` the event's owner unless another officer owns it; True when it is theirs."""
        result = self._session.execute(
            update(EventRow)
            .where(EventRow.id == event_id, or_(EventRow.owner_id.is_(None), EventRow.owner_id == owner_id))
            .values(owner_id=owner_id)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def release(self, event_id: int, owner_id: int) -> None:
        self._session.execute(
            update(EventRow)
            .where(EventRow.id == event_id, EventRow.owner_id == owner_id)
            .values(owner_id=None)
        )

    def find_same(self, event: Event) -> int | None:
        """The id of a stored event raised for the same thing (kind, time, camera, session, engine):
        how a writer retrying after a lost connection knows its first try was committed."""
        conditions = [
            EventRow.kind == event.kind,
            EventRow.started_at == event.started_at,
            EventRow.engine == event.engine,
            EventRow.camera_id.is_(None)
            if event.camera_id is None
            else EventRow.camera_id == event.camera_id,
            EventRow.session_id.is_(None)
            if event.session_id is None
            else EventRow.session_id == event.session_id,
        ]
        return self._session.scalars(select(EventRow.id).where(*conditions).limit(1)).first()

    def find_by_origin(self, origin: str) -> int | None:
        """The id of the event its writer raised under `origin`: exactly-once delivery checks here."""
        return self._session.scalars(select(EventRow.id).where(EventRow.origin == origin)).first()

    def find_open(self, open_key: str) -> int | None:
        """The id of the event still open under `open_key`, if any."""
        return self._session.scalars(select(EventRow.id).where(EventRow.open_key == open_key)).first()

    def left_by_engine(self, engine: str, session_ids: Collection[int]) -> list[Event]:
        """What an earlier run of `engine` stored that a new run must know (app/supervision/
        event_resume.py): its events still open, of any day, and all its events of `session_ids`.
        Without comments and history."""
        of_sessions = EventRow.session_id.in_(list(session_ids)) if session_ids else None
        wanted = (
            EventRow.open_key.is_not(None)
            if of_sessions is None
            else or_(EventRow.open_key.is_not(None), of_sessions)
        )
        rows = self._session.scalars(
            select(EventRow).where(EventRow.engine == engine, wanted).order_by(EventRow.id)
        ).all()
        learners = _learners_of(self._session, [row.id for row in rows])
        return [_to_event(row, learners.get(row.id)) for row in rows]

    def set_ended_at(self, event_id: int, ended_at: datetime) -> None:
        self._session.execute(update(EventRow).where(EventRow.id == event_id).values(ended_at=ended_at))

    def close_open(self, event_id: int, ended_at: datetime) -> None:
        """The situation is over: final `ended_at`, and its open key freed for a later event."""
        self._session.execute(
            update(EventRow).where(EventRow.id == event_id).values(ended_at=ended_at, open_key=None)
        )

    def set_evidence(
        self,
        event_id: int,
        *,
        ended_at: datetime | None = None,
        distance: float | None = None,
        snapshot_path: str | None = None,
        frame_path: str | None = None,
    ) -> None:
        """Update what an ongoing event shows; arguments left None keep their stored value."""
        given = {"ended_at": ended_at, "distance": distance, "snapshot_path": snapshot_path}
        values = {k: v for k, v in {**given, "frame_path": frame_path}.items() if v is not None}
        if values:
            self._session.execute(update(EventRow).where(EventRow.id == event_id).values(**values))

    def add_note(self, event_id: int, *, actor_id: int | None, at: datetime, note: str) -> EventHistoryEntry:
        """A history line that changes no state (an event ended, evidence was added)."""
        state = self._session.execute(select(EventRow.state).where(EventRow.id == event_id)).scalar_one()
        entry = EventHistoryEntry(actor_id=actor_id, at=at, from_state=state, to_state=state, note=note)
        self._session.add(EventHistoryRow(event_id=event_id, **dataclasses.asdict(entry)))
        return entry

    def add_comment(self, event_id: int, comment: EventComment) -> None:
        self._session.add(
            EventCommentRow(event_id=event_id, author_id=comment.author_id, at=comment.at, text=comment.text)
        )

    # --- reading -------------------------------------------------------------------------

    def get(self, event_id: int, *, lock: bool = False) -> Event | None:
        """One event with everything: learners, comments and history (oldest first).

        `lock=True` takes the row lock (SELECT ... FOR UPDATE on PostgreSQL) for a read-then-change
        decision, such as "claim it unless another officer owns it"."""
        if lock:
            row = self._session.scalars(
                select(EventRow).where(EventRow.id == event_id).with_for_update()
            ).first()
        else:
            row = self._session.get(EventRow, event_id)
        if row is None:
            return None
        event = _to_event(row, _learners_of(self._session, [event_id]).get(event_id))
        event.comments = [
            c.to_domain()
            for c in self._session.scalars(
                select(EventCommentRow)
                .where(EventCommentRow.event_id == event_id)
                .order_by(EventCommentRow.id)
            )
        ]
        event.history = [
            h.to_domain()
            for h in self._session.scalars(
                select(EventHistoryRow)
                .where(EventHistoryRow.event_id == event_id)
                .order_by(EventHistoryRow.id)
            )
        ]
        return event

    def page(
        self,
        event_filter: EventFilter | None = None,
        *,
        limit: int = 100,
        after: EventCursor | None = None,
        offset: int = 0,
        order: EventOrder = NEWEST_FIRST,
    ) -> EventPage:
        """Up to `limit` events in `order` (newest first by default), with learner ids filled
        (comments/history are not: use `get` for the detail view). `next_cursor` is None on the
        last page; a cursor continues only the order it was made in."""
        # One row more than asked tells whether another page exists without a COUNT.
        query = page_statement(
            event_filter or EventFilter(), limit=limit + 1, after=after, offset=offset, order=order
        )
        rows = [(row, value) for row, value in self._session.execute(query)]
        has_more = len(rows) > limit
        rows = rows[:limit]
        learners = _learners_of(self._session, [row.id for row, _value in rows])
        events = [_to_event(row, learners.get(row.id)) for row, _value in rows]
        next_cursor = cursor_of(*rows[-1], order) if has_more and rows else None
        return EventPage(events=events, next_cursor=next_cursor)

    def learner_names(self, learner_ids: Sequence[int]) -> dict[int, str]:
        """Names for the learners of a page of events (the list shows names, not ids)."""
        if not learner_ids:
            return {}
        query = select(LearnerRow.id, LearnerRow.name).where(LearnerRow.id.in_(sorted(set(learner_ids))))
        return {int(learner_id): str(name) for learner_id, name in self._session.execute(query)}

    def states(self, event_ids: Collection[int]) -> dict[int, EventState]:
        """The current state of each of `event_ids` that exists (the wall's alarms ask)."""
        if not event_ids:
            return {}
        query = select(EventRow.id, EventRow.state).where(EventRow.id.in_(sorted(set(event_ids))))
        return {int(event_id): EventState(state) for event_id, state in self._session.execute(query)}

    def latest_id(self) -> int:
        """The largest event id (0 when there is none): the mark for "new since" polling."""
        return int(self._session.execute(select(func.max(EventRow.id))).scalar_one() or 0)

    def count(self, event_filter: EventFilter | None = None) -> int:
        query = select(func.count(EventRow.id)).where(and_(*_conditions(event_filter or EventFilter())))
        return int(self._session.execute(query).scalar_one())

    def counts_by_kind(self, scope: Scope | None = None, *, open_only: bool = True) -> dict[EventKind, int]:
        query = (
            select(EventRow.kind, func.count(EventRow.id))
            .where(and_(*_conditions(EventFilter(scope=scope, open_only=open_only))))
            .group_by(EventRow.kind)
        )
        return {EventKind(kind): int(n) for kind, n in self._session.execute(query)}
