"""Who is acting in the recordings review, as the database says NOW, and whether they may.

The pane passes the User it signed in with (or a login). Permissions are never judged on that
object: the user row is re-read by id inside the caller's transaction, so a user deactivated or
moved to another post or county since signing in is refused on their next action. The camera's
place (county, site) is read in the same transaction; the matrix (app/domain/permissions.py)
decides, through app/playback/permissions.py.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.people import User
from app.domain.permissions import Action
from app.persistence.orm import UserRow
from app.persistence.repositories.permission_subjects import Place, camera_place
from app.playback.permissions import ReviewPermissionError, review_denial
from app.playback.review_model import ReviewDenial

__all__ = ["Place", "UserRef", "allowed", "camera_place", "current_user"]

UserRef = User | str


def current_user(session: Session, user: UserRef, *, hold: bool = False) -> User:
    """The user's row as it is in this transaction; UNKNOWN_USER when it is gone. `hold` (a lock or
    an export deciding): the row stays as read until the transaction commits (FOR SHARE), so a
    deactivation made meanwhile waits instead of being overtaken."""
    if isinstance(user, User):
        lock = {"read": True} if hold else None
        row = session.get(UserRow, user.id, populate_existing=True, with_for_update=lock)
        if row is None:
            raise ReviewPermissionError(ReviewDenial.UNKNOWN_USER, f"no user #{user.id} ({user.login!r})")
        return row.to_domain()
    query = select(UserRow).where(UserRow.login == user)
    row = session.scalars(query.with_for_update(read=True) if hold else query).one_or_none()
    if row is None:
        raise ReviewPermissionError(ReviewDenial.UNKNOWN_USER, f"no user with login {user!r}")
    return row.to_domain()


def allowed(session: Session, user: UserRef, camera_id: int, action: Action) -> User:
    """The current user when they may take `action` (WATCH, LOCK, EXPORT) on the camera; else raises."""
    resolved = current_user(session, user, hold=action is not Action.WATCH)
    place = camera_place(session, camera_id)
    denial = review_denial(resolved, action, place.county_id, place.site_id)
    if denial is not None:
        raise ReviewPermissionError(
            denial, f"{resolved.login} may not {action.value} camera {camera_id}", action
        )
    return resolved
