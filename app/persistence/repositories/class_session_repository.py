"""Class sessions with their rosters, and the attendance that face analysis fills in."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.domain.people import Scope
from app.domain.study import Attendance, ClassSession
from app.persistence.orm import AttendanceRow, ClassSessionRow, RosterEntryRow
from app.persistence.repositories.scope_filters import classroom_condition


def _rosters(session: Session, session_ids: Sequence[int]) -> dict[int, list[int]]:
    rosters: dict[int, list[int]] = defaultdict(list)
    if session_ids:
        query = (
            select(RosterEntryRow.session_id, RosterEntryRow.learner_id)
            .where(RosterEntryRow.session_id.in_(session_ids))
            .order_by(RosterEntryRow.session_id, RosterEntryRow.position)
        )
        for session_id, learner_id in session.execute(query):
            rosters[session_id].append(learner_id)
    return rosters


class ClassSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, class_session: ClassSession) -> ClassSession:
        """Store a session and its roster; the database assigns the id."""
        values = ClassSessionRow.values_from(class_session)
        del values["id"]
        session_id = self._session.execute(
            insert(ClassSessionRow).returning(ClassSessionRow.id), values
        ).scalar_one()
        self._insert_roster(self._session, session_id, class_session.roster)
        return dataclasses.replace(class_session, id=session_id, roster=list(class_session.roster))

    def set_roster(self, session_id: int, learner_ids: Sequence[int]) -> None:
        self._session.execute(delete(RosterEntryRow).where(RosterEntryRow.session_id == session_id))
        self._insert_roster(self._session, session_id, learner_ids)

    @staticmethod
    def _insert_roster(session: Session, session_id: int, learner_ids: Sequence[int]) -> None:
        if learner_ids:
            rows = [
                {"session_id": session_id, "learner_id": learner_id, "position": position}
                for position, learner_id in enumerate(learner_ids)
            ]
            session.execute(insert(RosterEntryRow), rows)

    def cancel(self, session_id: int) -> None:
        """Remove a session that has not begun, with its roster (and attendance, should it have any)."""
        self._session.execute(delete(AttendanceRow).where(AttendanceRow.session_id == session_id))
        self._session.execute(delete(RosterEntryRow).where(RosterEntryRow.session_id == session_id))
        self._session.execute(delete(ClassSessionRow).where(ClassSessionRow.id == session_id))

    def get(self, session_id: int) -> ClassSession | None:
        row = self._session.get(ClassSessionRow, session_id)
        return None if row is None else row.to_domain(_rosters(self._session, [session_id]).get(session_id))

    def sessions_on(self, day: date, scope: Scope | None = None) -> list[ClassSession]:
        """The sessions held on `day` in classrooms within `scope`, by start time then classroom."""
        query = (
            select(ClassSessionRow)
            .where(ClassSessionRow.day == day, classroom_condition(ClassSessionRow.classroom_id, scope))
            .order_by(ClassSessionRow.starts_at, ClassSessionRow.classroom_id, ClassSessionRow.id)
        )
        rows = self._session.scalars(query).all()
        rosters = _rosters(self._session, [row.id for row in rows])
        return [row.to_domain(rosters.get(row.id)) for row in rows]

    def record_attendance(self, attendance: Attendance) -> None:
        """Insert or replace the attendance of one learner in one session."""
        self._session.merge(AttendanceRow(**AttendanceRow.values_from(attendance)))

    def attendance_for(self, session_id: int) -> list[Attendance]:
        query = (
            select(AttendanceRow)
            .where(AttendanceRow.session_id == session_id)
            .order_by(AttendanceRow.learner_id)
        )
        return [row.to_domain() for row in self._session.scalars(query)]


# The brief and older notes call it SessionRepository; "class session" avoids confusion with ORM sessions.
SessionRepository = ClassSessionRepository
