"""The event list sorted by any column, continued page after page by keyset cursors.

Each sort key is one SQL expression that is never NULL (so `=` and `<` compare every row), and
events with equal keys follow newest first: ORDER BY key, started_at DESC, id DESC is a total order,
and the cursor (key value, started_at, id) of a page's last row says exactly where the next page
begins, whatever was added or sorted meanwhile. Sorting by the start time uses the row-value form
on ix_events_started_at_id (an index range scan); the other keys are computed per row and sorted,
which is what an officer asks for when clicking a column of a filtered list (today, open events),
not something to run over a million rows every 15 seconds.

Durations differ by dialect (SQLite has no interval type), hence the small compiled function.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Select, and_, case, func, literal, or_, select, tuple_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from app.domain.event_paging import (
    KIND_RANK,
    ONGOING_SECONDS,
    SEVERITY_RANK,
    STATE_RANK,
    EventCursor,
    EventOrder,
    EventSortKey,
)
from app.persistence.orm import ClassroomRow, EventLearnerRow, EventRow, LearnerRow, SiteRow, UserRow


class seconds_between(FunctionElement[int]):
    """Whole seconds from the second argument to the first (NULL when either is NULL)."""

    type = BigInteger()
    inherit_cache = True
    name = "seconds_between"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(ROUND((julianday({later}) - julianday({earlier})) * 86400.0) AS INTEGER)"


@compiles(seconds_between)
def _seconds_default(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    later, earlier = (compiler.process(c, **kw) for c in element.clauses)
    return f"CAST(ROUND(EXTRACT(EPOCH FROM ({later} - {earlier}))) AS BIGINT)"


def _rank(column: Any, ranks: dict[Any, int]) -> ColumnElement[int]:
    return case(*((column == value, rank) for value, rank in ranks.items()), else_=-1)


def sort_expression(key: EventSortKey) -> ColumnElement[Any]:
    """The never-NULL SQL value events are sorted by for `key` (not used for STARTED)."""
    if key is EventSortKey.SEVERITY:
        return _rank(EventRow.severity, SEVERITY_RANK)
    if key is EventSortKey.STATE:
        return _rank(EventRow.state, STATE_RANK)
    if key is EventSortKey.KIND:
        return _rank(EventRow.kind, KIND_RANK)
    if key is EventSortKey.DURATION:
        return func.coalesce(seconds_between(EventRow.ended_at, EventRow.started_at), ONGOING_SECONDS)
    if key is EventSortKey.LEARNER:
        first = (
            select(LearnerRow.name)
            .join(EventLearnerRow, EventLearnerRow.learner_id == LearnerRow.id)
            .where(EventLearnerRow.event_id == EventRow.id)
            .order_by(EventLearnerRow.position, LearnerRow.id)
            .limit(1)
            .scalar_subquery()
        )
        return func.coalesce(first, "")
    if key is EventSortKey.PLACE:
        place = (
            select(SiteRow.name + " · " + ClassroomRow.name)
            .select_from(ClassroomRow)
            .join(SiteRow, SiteRow.id == ClassroomRow.site_id)
            .where(ClassroomRow.id == EventRow.classroom_id)
            .scalar_subquery()
        )
        return func.coalesce(place, "")
    if key is EventSortKey.OWNER:
        owner = select(UserRow.display_name).where(UserRow.id == EventRow.owner_id).scalar_subquery()
        return func.coalesce(owner, "")
    if key is EventSortKey.SNAPSHOT:
        return case((EventRow.snapshot_path == "", 0), else_=1)
    raise ValueError(f"{key} is sorted by its column, not an expression")


def ordered(query: Select[Any], order: EventOrder, after: EventCursor | None) -> Select[Any]:
    """`query` (selecting EventRow) with a sort value column, continued after `after`, in `order`."""
    newest_first = (EventRow.started_at.desc(), EventRow.id.desc())
    if order.key is EventSortKey.STARTED:
        # The row-value form becomes an index range on both backends; the OR form not always.
        query = query.add_columns(literal(None).label("sort_value"))
        if order.descending:
            if after is not None:
                query = query.where(
                    tuple_(EventRow.started_at, EventRow.id) < tuple_(after.started_at, after.event_id)
                )
            return query.order_by(*newest_first)
        if after is not None:
            query = query.where(
                tuple_(EventRow.started_at, EventRow.id) > tuple_(after.started_at, after.event_id)
            )
        return query.order_by(EventRow.started_at.asc(), EventRow.id.asc())
    value = sort_expression(order.key)
    query = query.add_columns(value.label("sort_value"))
    if after is not None:
        if after.sort_value is None:
            raise ValueError(f"a cursor of another order cannot continue a list sorted by {order.key}")
        beyond = value < after.sort_value if order.descending else value > after.sort_value
        same_then_older = and_(
            value == after.sort_value,
            tuple_(EventRow.started_at, EventRow.id) < tuple_(after.started_at, after.event_id),
        )
        query = query.where(or_(beyond, same_then_older))
    return query.order_by(value.desc() if order.descending else value.asc(), *newest_first)


def cursor_of(row: EventRow, sort_value: int | str | None, order: EventOrder) -> EventCursor:
    """The cursor that continues `order` after `row`."""
    kept = None if order.key is EventSortKey.STARTED else sort_value
    return EventCursor(row.started_at, row.id, kept)
