"""What the permission matrix needs from the database, read inside the caller's transaction.

The acting user is re-read by id, so a user deactivated, or moved to another post or county since
signing in, is judged as stored now; a transaction that decides something reads them with `hold`,
which keeps their row from being changed until it commits (PostgreSQL: FOR SHARE; SQLite's writer
holds the whole database anyway), so a deactivation committed meanwhile cannot be overtaken by the
decision: it waits, and the officer's next decision is refused. A subject's place (county, site)
is read from its rows: an event from its classroom, a camera from its classroom, a learner from
their county (a learner has no site). Services call these inside the transaction that acts and then ask
app.domain.permissions (`require_acting` does both); nothing here decides who may do what.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.people import User
from app.domain.permissions import Action, Denial, PermissionDenied, may_at_all, require
from app.persistence.orm import CameraRow, ClassroomRow, EventRow, LearnerRow, SiteRow, UserRow

__all__ = [
    "Place",
    "acting_user",
    "camera_place",
    "classroom_place",
    "event_place",
    "learner_place",
    "require_acting",
    "require_at_all",
]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a subject lies. A county of None is known to no scope: only a city-wide reach covers it."""

    county_id: int | None = None
    site_id: int | None = None


def acting_user(session: Session, user_id: int, action: Action, *, hold: bool = False) -> User:
    """The user's row as it is in this transaction; a user no longer stored is refused as inactive.

    `hold`: in a writing transaction that decides, keep the row unchanged until it commits."""
    row = session.get(
        UserRow, user_id, populate_existing=True, with_for_update={"read": True} if hold else None
    )
    if row is None:
        raise PermissionDenied(action, Denial.INACTIVE, f"{action.value}: no user #{user_id}")
    return row.to_domain()


def require_at_all(user: User, action: Action) -> None:
    """Raise PermissionDenied unless `user` may take `action` somewhere (a listing, a queue)."""
    if not may_at_all(user, action):
        raise PermissionDenied(action, Denial.INACTIVE if not user.active else Denial.POST_CANNOT)


def require_acting(
    session: Session, user_id: int, action: Action, place: Place, *, hold: bool = False
) -> User:
    """The acting user as stored now, when they may take `action` on a subject at `place`
    (`hold`: see acting_user)."""
    user = acting_user(session, user_id, action, hold=hold)
    require(user, action, place.county_id, place.site_id)
    return user


def classroom_place(session: Session, classroom_id: int | None) -> Place:
    if classroom_id is None:
        return Place()
    found = session.execute(
        select(SiteRow.county_id, SiteRow.id)
        .join(ClassroomRow, ClassroomRow.site_id == SiteRow.id)
        .where(ClassroomRow.id == classroom_id)
    ).first()
    return Place() if found is None else Place(int(found[0]), int(found[1]))


def camera_place(session: Session, camera_id: int) -> Place:
    return classroom_place(
        session, session.scalar(select(CameraRow.classroom_id).where(CameraRow.id == camera_id))
    )


def event_place(session: Session, event_id: int) -> Place:
    """An event lies where its classroom does; one whose classroom is unknown lies nowhere known."""
    return classroom_place(
        session, session.scalar(select(EventRow.classroom_id).where(EventRow.id == event_id))
    )


def learner_place(session: Session, learner_id: int) -> Place:
    county = session.scalar(select(LearnerRow.county_id).where(LearnerRow.id == learner_id))
    return Place(None if county is None else int(county))
