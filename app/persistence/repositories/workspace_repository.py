"""The workspace read model (one city's geography), the users, and the Dashboard figures."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.dashboard import DashboardCounts
from app.domain.geography import Workspace
from app.domain.people import Scope, User
from app.persistence.orm import CameraRow, CityRow, ClassroomRow, CountyRow, SiteRow, UserRow
from app.persistence.repositories.dashboard_counts import count_dashboard


class WorkspaceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save_workspace(self, workspace: Workspace) -> None:
        """Insert or update (by id) the city and all its geography. Nothing is deleted."""
        # merge() inserts or updates by primary key; level by level keeps parents first.
        self._session.merge(CityRow(**CityRow.values_from(workspace.city)))
        self._session.flush()
        for county in workspace.counties:
            self._session.merge(CountyRow(**CountyRow.values_from(county)))
        self._session.flush()
        for site in workspace.sites:
            self._session.merge(SiteRow(**SiteRow.values_from(site)))
        self._session.flush()
        for classroom in workspace.classrooms:
            self._session.merge(ClassroomRow(**ClassroomRow.values_from(classroom)))
        self._session.flush()
        for camera in workspace.cameras:
            self._session.merge(CameraRow(**CameraRow.values_from(camera)))

    def load_workspace(self) -> Workspace | None:
        """The first (normally the only) city with its geography ordered by id; None when empty."""
        city = self._session.scalars(select(CityRow).order_by(CityRow.id).limit(1)).first()
        if city is None:
            return None
        counties = self._session.scalars(
            select(CountyRow).where(CountyRow.city_id == city.id).order_by(CountyRow.id)
        ).all()
        county_ids = [c.id for c in counties]
        sites = self._session.scalars(
            select(SiteRow).where(SiteRow.county_id.in_(county_ids)).order_by(SiteRow.id)
        ).all()
        classrooms = self._session.scalars(
            select(ClassroomRow)
            .where(ClassroomRow.site_id.in_([s.id for s in sites]))
            .order_by(ClassroomRow.id)
        ).all()
        cameras = self._session.scalars(
            select(CameraRow)
            .where(CameraRow.classroom_id.in_([c.id for c in classrooms]))
            .order_by(CameraRow.id)
        ).all()
        return Workspace(
            city=city.to_domain(),
            counties=[row.to_domain() for row in counties],
            sites=[row.to_domain() for row in sites],
            classrooms=[row.to_domain() for row in classrooms],
            cameras=[row.to_domain() for row in cameras],
        )

    def is_empty(self) -> bool:
        return self._session.scalars(select(CityRow.id).limit(1)).first() is None

    def save_users(self, users: list[User]) -> None:
        """Insert or update users by id."""
        for user in users:
            self._session.merge(UserRow(**UserRow.values_from(user)))

    def load_users(self, *, active_only: bool = False) -> list[User]:
        query = select(UserRow).order_by(UserRow.id)
        if active_only:
            query = query.where(UserRow.active.is_(True))
        return [row.to_domain() for row in self._session.scalars(query)]

    def user_by_login(self, login: str) -> User | None:
        row = self._session.scalars(select(UserRow).where(UserRow.login == login)).first()
        return row.to_domain() if row else None

    def counts(
        self, scope: Scope, today: date, *, now: datetime | None = None, watched: Collection[int] = ()
    ) -> DashboardCounts:
        """Dashboard figures within `scope`; `today` (and `now`, for what is in session) is passed in
        so callers and tests agree on the day. `watched`: classrooms face analysis watches now."""
        return count_dashboard(self._session, scope, today, now=now, watched=watched)
