"""Translate a Scope (city / county / site, plus a pane's classroom) into SQL conditions.

The rules, shared by every repository so the Dashboard figures and the lists agree:
- geography (sites, classrooms, cameras, sessions, events) is in scope when its site is;
- a learner belongs to a county (Learner.county_id). In a site scope — where a learner has no
  direct link — a learner is in scope when rostered in a session held at that site.
Conditions are subqueries, not joins, so they compose with any ordering or keyset paging and
hit the foreign-key indexes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, SQLColumnExpression, select, true

from app.domain.enums import ScopeLevel
from app.domain.people import Scope
from app.persistence.orm import ClassroomRow, ClassSessionRow, LearnerRow, RosterEntryRow, SiteRow


def is_whole_city(scope: Scope | None) -> bool:
    return scope is None or (scope.level is ScopeLevel.CITY and scope.classroom_id is None)


def site_ids_in(scope: Scope) -> Select[int]:
    query = select(SiteRow.id)
    if scope.level is not ScopeLevel.CITY:
        query = query.where(SiteRow.county_id == scope.county_id)
    if scope.level is ScopeLevel.SITE:
        query = query.where(SiteRow.id == scope.site_id)
    return query


def classroom_ids_in(scope: Scope) -> Select[int]:
    query = select(ClassroomRow.id)
    if scope.level is not ScopeLevel.CITY:
        query = query.where(ClassroomRow.site_id.in_(site_ids_in(scope)))
    if scope.classroom_id is not None:
        query = query.where(ClassroomRow.id == scope.classroom_id)
    return query


def classroom_condition(column: SQLColumnExpression[Any], scope: Scope | None) -> ColumnElement[bool]:
    """`column` (a classroom id) lies in scope; everything (even NULL) for the whole city."""
    if scope is None or is_whole_city(scope):
        return true()
    return column.in_(classroom_ids_in(scope))


def learner_ids_in(scope: Scope) -> Select[int]:
    if scope.level is ScopeLevel.CITY and scope.classroom_id is None:
        return select(LearnerRow.id)
    if scope.level is ScopeLevel.COUNTY and scope.classroom_id is None:
        return select(LearnerRow.id).where(LearnerRow.county_id == scope.county_id)
    # Site (or a single classroom): learners rostered there on any day.
    return (
        select(RosterEntryRow.learner_id)
        .join(ClassSessionRow, ClassSessionRow.id == RosterEntryRow.session_id)
        .where(ClassSessionRow.classroom_id.in_(classroom_ids_in(scope)))
        .distinct()
    )


def learner_condition(column: SQLColumnExpression[Any], scope: Scope | None) -> ColumnElement[bool]:
    """`column` (a learner id) belongs to a learner in scope."""
    if scope is None or is_whole_city(scope):
        return true()
    return column.in_(learner_ids_in(scope))
