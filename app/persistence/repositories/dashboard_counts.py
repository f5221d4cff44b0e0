"""The Dashboard figures for one scope, as one round of small COUNT queries.

Each figure is an independent COUNT over indexed columns (a few milliseconds each even with a
million events), which keeps the rules readable; the scope rules are in scope_filters. The charts,
coverage and pending work come from dashboard_charts.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import fields
from datetime import date, datetime

from sqlalchemy import ColumnElement, Select, distinct, func, select
from sqlalchemy.orm import Session

from app.domain.dashboard import DashboardCounts
from app.domain.enums import CompletionState, EventState, ScopeLevel
from app.domain.people import Scope
from app.persistence.orm import (
    CameraRow,
    CapturedPhotoRow,
    ClassroomRow,
    ClassSessionRow,
    CompletionRow,
    CountyRow,
    EventRow,
    LearnerRow,
    OnlineStudyRecordRow,
    RosterEntryRow,
    SiteRow,
)
from app.persistence.repositories.dashboard_charts import count_charts
from app.persistence.repositories.scope_filters import (
    classroom_condition,
    learner_condition,
    site_ids_in,
)

OPEN_EVENT_STATES = tuple(state for state in EventState if not state.is_closed)


def _count(session: Session, query: Select[int]) -> int:
    return int(session.execute(query).scalar_one())


def _site_condition(scope: Scope) -> ColumnElement[bool]:
    return SiteRow.id.in_(site_ids_in(scope))


def count_dashboard(
    session: Session,
    scope: Scope,
    today: date,
    *,
    now: datetime | None = None,
    watched: Collection[int] = (),
) -> DashboardCounts:
    """The figures of `today` within `scope`. Coverage needs the moment: without `now` the
    classrooms in session (and so watched and recorded) stay 0. `watched`: classrooms that face
    analysis watches now."""
    counties = select(func.count(CountyRow.id))
    if scope.level is not ScopeLevel.CITY:
        counties = counties.where(CountyRow.id == scope.county_id)
    in_classroom_scope = classroom_condition(ClassroomRow.id, scope)
    sessions_today = select(ClassSessionRow.id).where(
        ClassSessionRow.day == today, classroom_condition(ClassSessionRow.classroom_id, scope)
    )
    charts = count_charts(session, scope, today, now, watched)
    return DashboardCounts(
        **{f.name: getattr(charts, f.name) for f in fields(charts)},  # not asdict: keeps EventTally
        counties=_count(session, counties),
        sites=_count(session, select(func.count(SiteRow.id)).where(_site_condition(scope))),
        classrooms=_count(session, select(func.count(ClassroomRow.id)).where(in_classroom_scope)),
        cameras=_count(
            session,
            select(func.count(CameraRow.id)).where(classroom_condition(CameraRow.classroom_id, scope)),
        ),
        learners=_count(
            session, select(func.count(LearnerRow.id)).where(learner_condition(LearnerRow.id, scope))
        ),
        sessions_today=_count(session, select(func.count()).select_from(sessions_today.subquery())),
        learners_rostered_today=_count(
            session,
            select(func.count(distinct(RosterEntryRow.learner_id))).where(
                RosterEntryRow.session_id.in_(sessions_today)
            ),
        ),
        online_records=_count(
            session,
            select(func.count(OnlineStudyRecordRow.id)).where(
                learner_condition(OnlineStudyRecordRow.learner_id, scope)
            ),
        ),
        captured_photos=_count(
            session,
            select(func.count(CapturedPhotoRow.id)).where(
                learner_condition(CapturedPhotoRow.learner_id, scope)
            ),
        ),
        completions_pending=_count(
            session,
            select(func.count(CompletionRow.id)).where(
                CompletionRow.state == CompletionState.PENDING,
                learner_condition(CompletionRow.learner_id, scope),
            ),
        ),
        events_open=_count(
            session,
            select(func.count(EventRow.id)).where(
                EventRow.state.in_(OPEN_EVENT_STATES), classroom_condition(EventRow.classroom_id, scope)
            ),
        ),
    )
