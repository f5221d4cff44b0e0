"""Where a newly arrived event goes in the list as it is sorted, without asking the database.

The database sorts the pages (app/persistence/repositories/event_order.py); the "N new events"
banner inserts the new ones among the rows already loaded, so that the officer's selection and
scroll position stay. The values compared here are the ones the database sorts by, taken from the
row (ranks of severity, state and kind; seconds; the first learner's name; the place and owner
names the list shows), with equal values newest first, as there. A new event that sorts after the
last loaded row of a list with more pages is not inserted: the next page brings it. GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from app.domain.event_paging import (
    KIND_RANK,
    ONGOING_SECONDS,
    SEVERITY_RANK,
    STATE_RANK,
    EventOrder,
    EventSortKey,
)
from app.supervision.event_service import EventListItem

SortValue = Callable[[EventListItem], Any]


def sort_value(key: EventSortKey, places: dict[int, str], owners: dict[int, str]) -> SortValue:
    """The value `key` sorts a row by (as event_order.sort_expression computes it in SQL)."""

    def value(item: EventListItem) -> Any:
        event = item.event
        if key is EventSortKey.STARTED:
            return event.started_at
        if key is EventSortKey.SEVERITY:
            return SEVERITY_RANK[event.severity]
        if key is EventSortKey.STATE:
            return STATE_RANK[event.state]
        if key is EventSortKey.KIND:
            return KIND_RANK[event.kind]
        if key is EventSortKey.DURATION:
            if event.ended_at is None:
                return ONGOING_SECONDS
            return round((event.ended_at - event.started_at).total_seconds())
        if key is EventSortKey.LEARNER:
            return item.learner_names[0] if item.learner_names else ""
        if key is EventSortKey.PLACE:
            return places.get(event.classroom_id or -1, "")
        if key is EventSortKey.OWNER:
            return owners.get(event.owner_id or -1, "")
        return 1 if event.snapshot_path else 0

    return value


def comes_before(a: EventListItem, b: EventListItem, order: EventOrder, value: SortValue) -> bool:
    """Whether row `a` is listed before row `b` in `order`."""
    newer = (a.event.started_at, a.event.id) > (b.event.started_at, b.event.id)
    if order.key is EventSortKey.STARTED:
        return newer if order.descending else not newer
    va, vb = value(a), value(b)
    if va != vb:
        return va > vb if order.descending else va < vb
    return newer


def insertion_row(
    rows: Sequence[EventListItem], item: EventListItem, order: EventOrder, value: SortValue, more: bool
) -> int | None:
    """The row `item` goes to among `rows`; None when it sorts after them and `more` pages follow."""
    for row, other in enumerate(rows):
        if comes_before(item, other, order, value):
            return row
    return None if more else len(rows)
