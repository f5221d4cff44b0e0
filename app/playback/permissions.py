"""Who may do what in the recordings review: the permission matrix's WATCH, LOCK and EXPORT, plus the
review's own rules. Pure; the service enforces it, the pane greys out.

The posts and their reach are app/domain/permissions.py's (one table for the console): watching
recordings and bookmarking them is WATCH, evidence locks LOCK, clips and packages EXPORT. Today
the supervisory post and the duty manager do all three city-wide, a county manager for the cameras
of their own county; the acceptance post does not review video. On top of the matrix:
- Unlocking lets retention delete evidence again: only a duty manager, or whoever made the lock.
- A bookmark is changed or deleted by its author or by a duty manager.
- An evidence lock is bounded (MAX_LOCK_SPAN long, ending at most MAX_LOCK_AHEAD from now), for
  everyone: see `lock_span_denial`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.enums import Post
from app.domain.people import User
from app.domain.permissions import Action, denial, may_at_all
from app.playback.review_model import ReviewDenial


def review_denial(
    user: User, action: Action, camera_county_id: int | None, camera_site_id: int | None = None
) -> ReviewDenial | None:
    """None when `user` may take `action` (WATCH, LOCK, EXPORT) on a camera at that county and site."""
    refused = denial(user, action, camera_county_id, camera_site_id)
    return None if refused is None else ReviewDenial(refused.value)


# A lock keeps retention off segments recorded after it too, so an open-ended lock fills the disk.
# A week covers any case; a day ahead keeps what is recorded for the rest of today.
MAX_LOCK_SPAN = timedelta(days=7)
MAX_LOCK_AHEAD = timedelta(days=1)


def lock_span_denial(start: datetime, end: datetime, now: datetime) -> ReviewDenial | None:
    """None when [start, end) may be locked at `now`; otherwise why not (for anyone)."""
    if end - start > MAX_LOCK_SPAN:
        return ReviewDenial.LOCK_TOO_LONG
    if end > now + MAX_LOCK_AHEAD:
        return ReviewDenial.LOCK_TOO_FAR_AHEAD
    return None


def may_review_at_all(user: User) -> bool:
    """Whether the pane offers recordings at all (watching them)."""
    return may_at_all(user, Action.WATCH)


def unlock_denial(
    user: User, lock_created_by: int, camera_county_id: int | None, camera_site_id: int | None = None
) -> ReviewDenial | None:
    refused = review_denial(user, Action.LOCK, camera_county_id, camera_site_id)
    if refused is not None:
        return refused
    if user.post is Post.DUTY_MANAGER or user.id == lock_created_by:
        return None
    return ReviewDenial.NOT_OWNER


def bookmark_change_denial(
    user: User, author_id: int, camera_county_id: int | None, camera_site_id: int | None = None
) -> ReviewDenial | None:
    refused = review_denial(user, Action.WATCH, camera_county_id, camera_site_id)
    if refused is not None:
        return refused
    if user.post is Post.DUTY_MANAGER or user.id == author_id:
        return None
    return ReviewDenial.NOT_OWNER


class ReviewPermissionError(PermissionError):
    """The service refused an action; `denial` says why (the pane words it), `action` what, when
    the matrix refused it (None for the review's own rules, which `denial` names)."""

    def __init__(self, denial: ReviewDenial, message: str, action: Action | None = None) -> None:
        super().__init__(message)
        self.denial = denial
        self.action = action
