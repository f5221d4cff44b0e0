"""Who may review, lock, export and change bookmarks (app/playback/permissions.py, over the matrix)."""

from __future__ import annotations

import dataclasses

import pytest

from app.domain.enums import Post, ScopeLevel
from app.domain.people import Scope, User
from app.domain.permissions import Action
from app.playback.permissions import bookmark_change_denial, may_review_at_all, review_denial, unlock_denial
from app.playback.review_model import ReviewDenial

CITY = Scope(ScopeLevel.CITY)
COUNTY_3 = Scope(ScopeLevel.COUNTY, county_id=3)


def user(post: Post, scope: Scope = CITY, user_id: int = 1, active: bool = True) -> User:
    return User(user_id, f"u{user_id}", f"用户{user_id}", post, scope, active)


@pytest.mark.parametrize(
    ("post", "scope", "county", "expected"),
    [
        (Post.DUTY_MANAGER, CITY, 3, None),
        (Post.SUPERVISOR, CITY, 5, None),
        (Post.COUNTY_MANAGER, COUNTY_3, 3, None),
        (Post.COUNTY_MANAGER, COUNTY_3, 5, ReviewDenial.OUTSIDE_SCOPE),
        (Post.COUNTY_MANAGER, COUNTY_3, None, ReviewDenial.OUTSIDE_SCOPE),
        (Post.ACCEPTANCE, COUNTY_3, 3, ReviewDenial.POST_CANNOT),
    ],
)
@pytest.mark.parametrize("action", [Action.WATCH, Action.LOCK, Action.EXPORT])
def test_review_denial_by_post_and_scope(
    post: Post, scope: Scope, county: int | None, expected: object, action: Action
) -> None:
    assert review_denial(user(post, scope), action, county) == expected


def test_inactive_users_are_refused_first() -> None:
    gone = user(Post.DUTY_MANAGER, active=False)
    assert review_denial(gone, Action.WATCH, 3) is ReviewDenial.INACTIVE
    assert not may_review_at_all(gone)
    assert may_review_at_all(user(Post.SUPERVISOR)) and not may_review_at_all(user(Post.ACCEPTANCE))


def test_unlock_and_bookmark_changes_belong_to_the_author_or_a_duty_manager() -> None:
    author = user(Post.SUPERVISOR, user_id=7)
    colleague = dataclasses.replace(author, id=8)
    duty = user(Post.DUTY_MANAGER, user_id=9)
    for check in (unlock_denial, bookmark_change_denial):
        assert check(author, 7, 3) is None
        assert check(colleague, 7, 3) is ReviewDenial.NOT_OWNER
        assert check(duty, 7, 3) is None
        assert check(user(Post.ACCEPTANCE, user_id=7), 7, 3) is ReviewDenial.POST_CANNOT


def test_a_lock_is_bounded_in_length_and_in_how_far_ahead_it_ends() -> None:
    from datetime import datetime, timedelta

    from app.playback.permissions import MAX_LOCK_AHEAD, MAX_LOCK_SPAN, lock_span_denial

    now = datetime(2026, 11, 29, 10, 0)
    assert lock_span_denial(now - MAX_LOCK_SPAN, now, now) is None  # exactly a week: allowed
    assert (
        lock_span_denial(now - MAX_LOCK_SPAN - timedelta(seconds=1), now, now) is ReviewDenial.LOCK_TOO_LONG
    )
    assert lock_span_denial(now, now + MAX_LOCK_AHEAD, now) is None  # until this time tomorrow
    ahead = lock_span_denial(now, now + MAX_LOCK_AHEAD + timedelta(seconds=1), now)
    assert ahead is ReviewDenial.LOCK_TOO_FAR_AHEAD
    # An open-ended lock (years ahead) is refused whatever its start.
    assert lock_span_denial(now + timedelta(days=365), now + timedelta(days=366), now) is not None
