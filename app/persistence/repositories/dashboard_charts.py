"""The Dashboard's charts, coverage and pending work for one scope: a few grouped COUNT queries.

Kept apart from dashboard_counts (the headline figures) because these depend on the time of day:
today's events grouped by the hour they started and by classroom, each split by kind; which
classrooms have a class in session now and whether a camera of theirs is being recorded; and the
work waiting for an officer. "Watched by face analysis" is not in the database (the analysis runs
in this process): the caller passes the classrooms it watches and this module intersects them
with the classrooms in session.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, extract, func, or_, select
from sqlalchemy.orm import Session

from app.domain.enums import EventState, Severity, SpotCheckVerdict
from app.domain.event_tallies import EventTally
from app.domain.people import Scope
from app.persistence.orm import CameraRow, ClassSessionRow, EventRow, RecordingRow, SpotCheckRow
from app.persistence.repositories.scope_filters import classroom_condition, learner_condition

# Recorded now: a camera's segment open and recent (older is a crashed writer's), or just closed.
# Rows are saved when a segment opens and closes, about once a minute.
OPEN_SEGMENT_MAX_AGE = timedelta(minutes=10)
CLOSED_SEGMENT_GRACE = timedelta(seconds=90)


@dataclass(frozen=True, slots=True)
class ChartFigures:
    events_by_hour: tuple[EventTally, ...]
    events_by_classroom: tuple[EventTally, ...]
    classrooms_in_session: int
    classrooms_watched: int
    classrooms_recorded: int
    events_new: int
    high_unclaimed: int
    spot_checks_pending: int


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min)
    return start, start + timedelta(days=1)


def events_today(session: Session, scope: Scope, today: date) -> tuple[tuple[EventTally, ...], ...]:
    """(per hour, per classroom) tallies of the events that started on `today` within `scope`."""
    start, end = _day_bounds(today)
    where = (
        EventRow.started_at >= start,
        EventRow.started_at < end,
        classroom_condition(EventRow.classroom_id, scope),
    )
    hour = extract("hour", EventRow.started_at)
    by_hour = session.execute(
        select(hour, EventRow.kind, func.count(EventRow.id)).where(*where).group_by(hour, EventRow.kind)
    ).all()
    room = func.coalesce(EventRow.classroom_id, 0)
    by_room = session.execute(
        select(room, EventRow.kind, func.count(EventRow.id)).where(*where).group_by(room, EventRow.kind)
    ).all()
    return (
        tuple(sorted((EventTally(int(h), kind, int(n)) for h, kind, n in by_hour), key=_order)),
        tuple(sorted((EventTally(int(r), kind, int(n)) for r, kind, n in by_room), key=_order)),
    )


def _order(tally: EventTally) -> tuple[int, str]:
    return tally.key, tally.kind.value


def classrooms_in_session(session: Session, scope: Scope, now: datetime) -> set[int]:
    """Classrooms within `scope` with a class that has begun and not ended at `now`."""
    rows = session.execute(
        select(ClassSessionRow.classroom_id)
        .where(
            ClassSessionRow.day == now.date(),
            ClassSessionRow.starts_at <= now,
            ClassSessionRow.ends_at > now,
            classroom_condition(ClassSessionRow.classroom_id, scope),
        )
        .distinct()
    ).scalars()
    return {int(room) for room in rows}


def classrooms_recorded(session: Session, classrooms: Collection[int], now: datetime) -> set[int]:
    """Which of `classrooms` have a camera whose recording is running at `now`."""
    if not classrooms:
        return set()
    running: ColumnElement[bool] = or_(
        and_(RecordingRow.ended_at.is_(None), RecordingRow.started_at >= now - OPEN_SEGMENT_MAX_AGE),
        RecordingRow.ended_at >= now - CLOSED_SEGMENT_GRACE,
    )
    rows = session.execute(
        select(CameraRow.classroom_id)
        .join(RecordingRow, RecordingRow.camera_id == CameraRow.id)
        .where(CameraRow.classroom_id.in_(list(classrooms)), RecordingRow.started_at <= now, running)
        .distinct()
    ).scalars()
    return {int(room) for room in rows}


def _count(session: Session, *conditions: ColumnElement[bool]) -> int:
    return int(session.execute(select(func.count(EventRow.id)).where(*conditions)).scalar_one())


def count_charts(
    session: Session,
    scope: Scope,
    today: date,
    now: datetime | None = None,
    watched: Collection[int] = (),
) -> ChartFigures:
    """The chart tallies of `today` and, when `now` is given, the coverage at that moment;
    `watched`: classrooms face analysis is watching now (any scope; intersected here)."""
    by_hour, by_classroom = events_today(session, scope, today)
    in_session = classrooms_in_session(session, scope, now) if now is not None else set()
    recorded = classrooms_recorded(session, in_session, now) if now is not None else set()
    in_scope_events = classroom_condition(EventRow.classroom_id, scope)
    spot_checks = session.execute(
        select(func.count(SpotCheckRow.id)).where(
            SpotCheckRow.verdict == SpotCheckVerdict.PENDING,
            learner_condition(SpotCheckRow.learner_id, scope),
        )
    ).scalar_one()
    return ChartFigures(
        events_by_hour=by_hour,
        events_by_classroom=by_classroom,
        classrooms_in_session=len(in_session),
        classrooms_watched=len(in_session & set(watched)),
        classrooms_recorded=len(recorded),
        events_new=_count(session, EventRow.state == EventState.NEW, in_scope_events),
        # Unclaimed is state new: claiming moves an event on, releasing it brings it back.
        high_unclaimed=_count(
            session, EventRow.severity == Severity.HIGH, EventRow.state == EventState.NEW, in_scope_events
        ),
        spot_checks_pending=int(spot_checks),
    )
