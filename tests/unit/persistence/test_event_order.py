"""The event list sorted by every column, page after page, on both backends.

Each order is checked against the same events sorted in Python by the value the list shows: the
pages, fetched with keyset cursors of 4, must join up into exactly that list (no event twice, none
skipped), with equal values newest first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from app.domain.casework import Event
from app.domain.enums import EventKind, EventState, Severity
from app.domain.geography import Workspace
from app.domain.people import Learner
from app.persistence import Database
from app.persistence.repositories import (
    EventCursor,
    EventFilter,
    EventOrder,
    EventRepository,
    EventSortKey,
)
from app.persistence.repositories.event_order import KIND_RANK, SEVERITY_RANK, STATE_RANK

T0 = datetime(2025, 3, 14, 9, 0)
SEVERITIES = [Severity.LOW, Severity.HIGH, Severity.MEDIUM]
STATES = list(EventState)
KINDS = list(EventKind)


def _events(learners: list[Learner]) -> list[Event]:
    """23 events whose columns repeat with different periods, so every order has ties to break
    (several share a start time too)."""
    events = []
    for n in range(23):
        started = T0 + timedelta(minutes=n // 2)
        events.append(
            Event(
                id=0,
                kind=KINDS[n % len(KINDS)],
                severity=SEVERITIES[n % 3],
                state=STATES[n % len(STATES)],
                started_at=started,
                ended_at=None if n % 5 == 0 else started + timedelta(seconds=30 * (n % 4) + 7),
                classroom_id=[1, 2, 3, None][n % 4],
                learner_ids=[] if n % 6 == 0 else [learners[n % len(learners)].id],
                owner_id=[None, 1, 2][n % 3],
                snapshot_path="snap.jpg" if n % 2 else "",
            )
        )
    return events


def _shown_value(key: EventSortKey, workspace: Workspace, names: dict[int, str]) -> Callable[[Event], Any]:
    sites = {s.id: s.name for s in workspace.sites}
    places = {c.id: f"{sites[c.site_id]} · {c.name}" for c in workspace.classrooms}
    owners = {1: "王建国", 2: "李芳"}

    def value(event: Event) -> Any:
        if key is EventSortKey.STARTED:
            return event.started_at
        if key is EventSortKey.SEVERITY:
            return SEVERITY_RANK[event.severity]
        if key is EventSortKey.STATE:
            return STATE_RANK[event.state]
        if key is EventSortKey.KIND:
            return KIND_RANK[event.kind]
        if key is EventSortKey.DURATION:
            return 10**12 if event.ended_at is None else (event.ended_at - event.started_at).total_seconds()
        if key is EventSortKey.LEARNER:
            return names[event.learner_ids[0]] if event.learner_ids else ""
        if key is EventSortKey.PLACE:
            return places.get(event.classroom_id or -1, "")
        if key is EventSortKey.OWNER:
            return owners.get(event.owner_id or -1, "")
        return 1 if event.snapshot_path else 0

    return value


def _expected(events: list[Event], order: EventOrder, value: Callable[[Event], Any]) -> list[int]:
    newest_first = sorted(events, key=lambda e: (e.started_at, e.id), reverse=True)
    if order.key is EventSortKey.STARTED and not order.descending:
        return [e.id for e in reversed(newest_first)]
    # A stable sort by the value keeps equal values newest first.
    return [e.id for e in sorted(newest_first, key=value, reverse=order.descending)]


@pytest.mark.parametrize("descending", [True, False], ids=["descending", "ascending"])
@pytest.mark.parametrize("key", list(EventSortKey))
def test_every_column_sorts_the_whole_list_across_pages(
    database: Database,
    saved_workspace: Workspace,
    saved_learners: list[Learner],
    key: EventSortKey,
    descending: bool,
) -> None:
    with database.writing() as session:
        events = EventRepository(session).add_many(_events(saved_learners))
    order = EventOrder(key, descending)
    names = {x.id: x.name for x in saved_learners}
    expected = _expected(events, order, _shown_value(key, saved_workspace, names))
    seen: list[int] = []
    cursor: EventCursor | None = None
    with database.reading() as session:
        repository = EventRepository(session)
        for _ in range(10):
            page = repository.page(EventFilter(), limit=4, after=cursor, order=order)
            seen += [e.id for e in page.events]
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
    assert seen == expected


def test_sorting_keeps_the_filter_and_refuses_a_cursor_of_another_order(
    database: Database, saved_workspace: Workspace, saved_learners: list[Learner]
) -> None:
    with database.writing() as session:
        events = EventRepository(session).add_many(_events(saved_learners))
    order = EventOrder(EventSortKey.SEVERITY, True)
    high = EventFilter(severities=frozenset({Severity.HIGH}))
    with database.reading() as session:
        repository = EventRepository(session)
        page = repository.page(high, limit=100, order=order)
        assert {e.severity for e in page.events} == {Severity.HIGH}
        assert len(page.events) == sum(e.severity is Severity.HIGH for e in events)
        started_cursor = repository.page(limit=4).next_cursor
        with pytest.raises(ValueError, match="another order"):
            repository.page(limit=4, after=started_cursor, order=order)
