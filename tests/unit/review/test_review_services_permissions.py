"""ReviewServices enforce AUDIT and EXPORT of the permission matrix (and APPROVE for drawing a sample),
on the officer as stored now, in a small demo workspace in a real database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.domain.enums import Post
from app.domain.people import User
from app.domain.permissions import Action, Denial, PermissionDenied
from app.persistence import Database
from app.persistence.orm import CompletionRow, LearnerRow, UserRow
from app.review.audit_chain import AuditQuery
from app.review.services import ReviewServices
from app.review.spot_check_sampling import SamplingPolicy

UserOf = Callable[..., User]


def _refusal(action: Callable[[], object]) -> tuple[Action, Denial] | None:
    try:
        action()
    except PermissionDenied as error:
        return error.action, error.denial
    return None


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        (Post.SUPERVISOR, None),
        (Post.DUTY_MANAGER, None),
        (Post.COUNTY_MANAGER, (Action.AUDIT, Denial.POST_CANNOT)),
        (Post.ACCEPTANCE, (Action.AUDIT, Denial.POST_CANNOT)),
    ],
)
def test_reading_and_verifying_the_audit_log(
    review_db: Database, user_of: UserOf, post: Post, expected: tuple[Action, Denial] | None
) -> None:
    services = ReviewServices(review_db)
    user = user_of(post)
    services.record_login(user)
    assert _refusal(lambda: services.audit_entries(user, AuditQuery())) == expected
    assert _refusal(lambda: services.verify_audit(user)) == expected
    if expected is None:
        assert [e.action for e in services.audit_entries(user, AuditQuery(action="login"))] == ["login"]


def test_a_deactivated_duty_manager_reads_the_audit_log_no_more(review_db: Database, user_of: UserOf) -> None:
    services = ReviewServices(review_db)
    duty = user_of(Post.DUTY_MANAGER)
    with review_db.writing() as session:
        session.execute(update(UserRow).where(UserRow.id == duty.id).values(active=False))
    assert _refusal(lambda: services.audit_entries(duty, AuditQuery())) == (Action.AUDIT, Denial.INACTIVE)


def _learner_of(database: Database, county_id: int, other: bool = False) -> int:
    condition = LearnerRow.county_id != county_id if other else LearnerRow.county_id == county_id
    with database.reading() as session:
        found = session.scalars(select(LearnerRow.id).where(condition).order_by(LearnerRow.id)).first()
    assert found is not None
    return int(found)


def test_exporting_a_learners_evidence(qapp, review_db: Database, user_of: UserOf, tmp_path: Path) -> None:
    services = ReviewServices(review_db)
    manager = user_of(Post.COUNTY_MANAGER)
    county = manager.scope.county_id
    assert county is not None
    own, other = _learner_of(review_db, county), _learner_of(review_db, county, other=True)
    cases: list[tuple[User, int, tuple[Action, Denial] | None]] = [
        (manager, own, None),
        (manager, other, (Action.EXPORT, Denial.OUTSIDE_SCOPE)),
        (user_of(Post.ACCEPTANCE), own, (Action.EXPORT, Denial.POST_CANNOT)),
        (user_of(Post.DUTY_MANAGER), other, None),
        (user_of(Post.SUPERVISOR), other, None),
    ]
    for n, (user, learner_id, expected) in enumerate(cases):
        target = tmp_path / f"evidence-{n}.html"

        def export(user: User = user, learner_id: int = learner_id, target: Path = target) -> Path:
            return services.export_evidence(user, learner_id, target)

        assert _refusal(export) == expected
        assert target.exists() is (expected is None)


def test_a_days_approvals_list_only_the_learners_within_reach(
    review_db: Database, user_of: UserOf, tmp_path: Path
) -> None:
    services = ReviewServices(review_db)
    with review_db.reading() as session:
        decided = [
            (at, int(county))
            for at, county in session.execute(
                select(CompletionRow.decided_at, LearnerRow.county_id)
                .join(LearnerRow, LearnerRow.id == CompletionRow.learner_id)
                .where(CompletionRow.decided_at.is_not(None))
            )
            if at is not None
        ]
    manager = user_of(Post.COUNTY_MANAGER)
    county_id = manager.scope.county_id
    assert county_id is not None
    day: date = next(at.date() for at, county in decided if county == county_id)
    on_day = [county for at, county in decided if at.date() == day]
    own = on_day.count(county_id)
    assert 0 < own < len(on_day)  # the day has decisions of the manager's county and of another
    assert services.export_approvals(user_of(Post.SUPERVISOR), day, tmp_path / "all.csv") == len(on_day)
    assert services.export_approvals(manager, day, tmp_path / "own.csv") == own
    acceptance = user_of(Post.ACCEPTANCE)
    refused = _refusal(lambda: services.export_approvals(acceptance, day, tmp_path / "no.csv"))
    assert refused == (Action.EXPORT, Denial.POST_CANNOT)
    assert not (tmp_path / "no.csv").exists()


def test_only_officers_who_give_verdicts_draw_a_sample(review_db: Database, user_of: UserOf) -> None:
    services = ReviewServices(review_db)
    policy = SamplingPolicy(random_share=0.1, seed=1)
    refused = _refusal(lambda: services.sample_day(date(2025, 3, 13), policy, user_of(Post.DUTY_MANAGER)))
    assert refused == (Action.APPROVE, Denial.POST_CANNOT)
    assert services.sample_day(date(2025, 3, 13), policy, user_of(Post.COUNTY_MANAGER)).sampled_by is not None
