"""Who may do what in the recordings review. Pure; the service enforces it, the pane greys out.

Decisions (see also app/review/permissions.py):
- Viewing recordings and bookmarking: 值班领导 duty manager and 监督岗 supervisory post city-wide,
  管理岗 county manager for the cameras of their own county. 受理岗 (acceptance) does not review video.
- Evidence locks and exports follow the same rule: duty managers export evidence (DESIGN.md), the
  supervisory post triages events and needs the clip for it, a county manager handles their county.
- Unlocking lets retention delete evidence again: only a duty manager, or whoever made the lock.
- A bookmark is changed or deleted by its author or by a duty manager.
- An evidence lock is bounded (MAX_LOCK_SPAN long, ending at most MAX_LOCK_AHEAD from now), for
  everyone: see `lock_span_denial`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.enums import Post, ScopeLevel
from app.domain.people import User
from app.playback.review_model import ReviewDenial

_REVIEWING_POSTS = (Post.DUTY_MANAGER, Post.SUPERVISOR, Post.COUNTY_MANAGER)


def review_denial(user: User, camera_county_id: int | None) -> ReviewDenial | None:
    """None when `user` may watch, bookmark, lock and export the camera of `camera_county_id`."""
    if not user.active:
        return ReviewDenial.INACTIVE
    if user.post not in _REVIEWING_POSTS:
        return ReviewDenial.POST_CANNOT
    if user.post is Post.COUNTY_MANAGER:
        in_county = user.scope.level is not ScopeLevel.CITY and user.scope.county_id == camera_county_id
        if not in_county:
            return ReviewDenial.OUTSIDE_SCOPE
    return None


# An evidence lock keeps retention off every segment it overlaps, including the ones recorded after it
# was made. An open-ended (or far-future) lock on a live camera would therefore make every future
# segment of that camera undeletable and the recordings disk would fill until recording stops. Locks
# are for evidence already seen (or being recorded right now): a week of picture is far more than
# any case needs, and a day ahead covers "keep what is being recorded for the rest of today".
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
    return user.active and user.post in _REVIEWING_POSTS


def unlock_denial(user: User, lock_created_by: int, camera_county_id: int | None) -> ReviewDenial | None:
    denial = review_denial(user, camera_county_id)
    if denial is not None:
        return denial
    if user.post is Post.DUTY_MANAGER or user.id == lock_created_by:
        return None
    return ReviewDenial.NOT_OWNER


def bookmark_change_denial(user: User, author_id: int, camera_county_id: int | None) -> ReviewDenial | None:
    denial = review_denial(user, camera_county_id)
    if denial is not None:
        return denial
    if user.post is Post.DUTY_MANAGER or user.id == author_id:
        return None
    return ReviewDenial.NOT_OWNER


class ReviewPermissionError(PermissionError):
    """The service refused an action; `denial` says why (the pane words it)."""

    def __init__(self, denial: ReviewDenial, message: str) -> None:
        super().__init__(message)
        self.denial = denial
