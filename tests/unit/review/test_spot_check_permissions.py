"""The spot-check queue enforces CLAIM and APPROVE of the permission matrix, on the officer as stored now.

A small demo workspace in a real database (SQLite; PostgreSQL when available), sampled whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select, update

from app.demo.workspace_seed import DemoWorkspace
from app.domain.enums import Post, ScopeLevel, SpotCheckVerdict
from app.domain.people import Scope, User
from app.domain.permissions import Action, Denial, PermissionDenied
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, SpotCheckRow, UserRow
from app.review.spot_check_queue import SpotCheckQueue
from app.review.spot_check_sampling import SamplingPolicy, sample_day

UserOf = Callable[..., User]


def _sampled(database: Database, demo: DemoWorkspace) -> SpotCheckQueue:
    days = Counter(p.captured_at.date() for r in demo.online_records for p in r.photos)
    day: date = days.most_common(1)[0][0]
    sample_day(database, day, SamplingPolicy(random_share=1.0, seed=1), sampled_by=None)
    return SpotCheckQueue(database)


def _audited(database: Database) -> list[str]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEntryRow.action).order_by(AuditEntryRow.id)))


@pytest.mark.parametrize("post", [Post.DUTY_MANAGER, Post.ACCEPTANCE])
def test_posts_that_do_not_review_photos_claim_nothing(
    review_db: Database, demo: DemoWorkspace, user_of: UserOf, post: Post
) -> None:
    queue = _sampled(review_db, demo)
    with pytest.raises(PermissionDenied) as refused:
        queue.claim(user_of(post), None, 5)
    assert (refused.value.action, refused.value.denial) == (Action.CLAIM, Denial.POST_CANNOT)
    with review_db.reading() as session:
        assert (
            session.scalars(select(SpotCheckRow.id).where(SpotCheckRow.claimed_by.is_not(None))).all() == []
        )


def test_a_county_manager_claims_only_their_county_whatever_the_pane_asks(
    review_db: Database, demo: DemoWorkspace, user_of: UserOf
) -> None:
    queue = _sampled(review_db, demo)
    manager = user_of(Post.COUNTY_MANAGER)
    other_county = next(c.id for c in demo.workspace.counties if c.id != manager.scope.county_id)
    claimed = queue.claim(manager, Scope.city(), 500)
    assert claimed and {item.county_id for item in claimed} == {manager.scope.county_id}
    assert queue.claim(manager, Scope(ScopeLevel.COUNTY, other_county), 5) == []
    supervisor = user_of(Post.SUPERVISOR)
    assert {item.county_id for item in queue.claim(supervisor, None, 500)} - {manager.scope.county_id}


def test_a_verdict_is_judged_on_the_officer_as_stored_now(
    review_db: Database, demo: DemoWorkspace, user_of: UserOf
) -> None:
    queue = _sampled(review_db, demo)
    manager = user_of(Post.COUNTY_MANAGER)
    other_county = next(c.id for c in demo.workspace.counties if c.id != manager.scope.county_id)
    first, second = (item.check.id for item in queue.claim(manager, None, 2))
    before = _audited(review_db)
    with review_db.writing() as session:  # moved to another county after claiming
        session.execute(update(UserRow).where(UserRow.id == manager.id).values(scope_county_id=other_county))
    with pytest.raises(PermissionDenied) as refused:
        queue.record_verdict(manager, first, SpotCheckVerdict.FAIL, "not_the_learner")
    assert (refused.value.action, refused.value.denial) == (Action.APPROVE, Denial.OUTSIDE_SCOPE)
    with review_db.writing() as session:
        session.execute(
            update(UserRow).where(UserRow.id == manager.id).values(scope_county_id=manager.scope.county_id)
        )
    queue.record_verdict(manager, second, SpotCheckVerdict.PASS)
    with review_db.writing() as session:  # then deactivated: the verdict cannot be taken back either
        session.execute(update(UserRow).where(UserRow.id == manager.id).values(active=False))
    with pytest.raises(PermissionDenied) as refused:
        queue.undo(manager, second)
    assert refused.value.denial is Denial.INACTIVE
    with pytest.raises(PermissionDenied):
        queue.claim(manager, None, 1)
    with review_db.reading() as session:
        verdicts = dict(
            session.execute(
                select(SpotCheckRow.id, SpotCheckRow.verdict).where(SpotCheckRow.id.in_([first, second]))
            ).all()
        )
    assert verdicts == {first: SpotCheckVerdict.PENDING, second: SpotCheckVerdict.PASS}
    assert _audited(review_db) == [*before, "spot_check.pass"]
