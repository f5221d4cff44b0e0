"""Who is acting in the recordings review, as the database says NOW, and whether they may.

The pane passes the User it signed in with (or a login). Permissions are never judged on that
object: the user row is re-read by id inside the caller's transaction, so a user deactivated or
moved to another post or county since signing in is refused on their next action.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.people import User
from app.persistence.orm import CameraRow, ClassroomRow, SiteRow, UserRow
from app.playback.permissions import ReviewPermissionError, review_denial
from app.playback.review_model import ReviewDenial

__all__ = ["UserRef", "allowed", "camera_county", "current_user"]

UserRef = User | str


def current_user(session: Session, user: UserRef) -> User:
    """The user's row as it is in this transaction; UNKNOWN_USER when it is gone."""
    if isinstance(user, User):
        row = session.get(UserRow, user.id)
        if row is None:
            raise ReviewPermissionError(ReviewDenial.UNKNOWN_USER, f"no user #{user.id} ({user.login!r})")
        return row.to_domain()
    row = session.scalars(select(UserRow).where(UserRow.login == user)).one_or_none()
    if row is None:
        raise ReviewPermissionError(ReviewDenial.UNKNOWN_USER, f"no user with login {user!r}")
    return row.to_domain()


def camera_county(session: Session, camera_id: int) -> int | None:
    query = (
        select(SiteRow.county_id)
        .join(ClassroomRow, ClassroomRow.site_id == SiteRow.id)
        .join(CameraRow, CameraRow.classroom_id == ClassroomRow.id)
        .where(CameraRow.id == camera_id)
    )
    county = session.scalar(query)
    return None if county is None else int(county)


def allowed(session: Session, user: UserRef, camera_id: int, action: str) -> User:
    """The current user when they may review (watch, bookmark, lock, export) the camera; else raises."""
    resolved = current_user(session, user)
    denial = review_denial(resolved, camera_county(session, camera_id))
    if denial is not None:
        raise ReviewPermissionError(denial, f"{resolved.login} may not {action} camera {camera_id}")
    return resolved
