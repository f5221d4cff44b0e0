"""Completion evaluation, approval with permissions, and the audit entries decisions leave."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert, select

from app.demo.workspace_seed import DemoWorkspace
from app.domain.casework import Event
from app.domain.classroom_rules import ClassroomRules
from app.domain.enums import CompletionState, EventKind, EventState, Post, Programme, ScopeLevel, Severity
from app.domain.people import Scope, User
from app.domain.permissions import Action, Denial, PermissionDenied, denial
from app.domain.rules import ShortfallKind
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, SpotCheckRow
from app.persistence.repositories import CompletionAlreadyDecidedError, EventRepository
from app.review.audit_chain import verify_chain
from app.review.completion_service import CompletionBlockedError, CompletionService

UserOf = Callable[..., User]


def test_demo_pending_requests_meet_the_rules(review_db: Database, demo: DemoWorkspace) -> None:
    pending = CompletionService(review_db).pending(None)
    assert len(pending) == 10
    assert all(c.evidence.met and c.evidence.clean for c in pending)
    full = next(c for c in pending if c.completion.programme is Programme.FULL_SCORE)
    assert (full.evidence.onsite_days, full.evidence.online_days, full.evidence.self_study_days) == (2, 3, 2)
    assert full.evidence.onsite_hours > 6


def test_scope_filters_the_candidates(review_db: Database) -> None:
    service = CompletionService(review_db)
    everyone = service.pending(None)
    county = everyone[0].county_id
    mine = service.pending(Scope(ScopeLevel.COUNTY, county_id=county))
    assert mine and all(c.county_id == county for c in mine)
    assert len(mine) < len(everyone)


def test_confirmed_face_mismatch_voids_the_record(review_db: Database) -> None:
    service = CompletionService(review_db)
    target = service.pending(None)[0]
    with review_db.writing() as session:
        EventRepository(session).add(
            Event(
                0,
                EventKind.FACE_MISMATCH,
                Severity.HIGH,
                EventState.CONFIRMED,
                datetime(2025, 3, 10, 9),
                learner_ids=[target.completion.learner_id],
            )
        )
    again = next(c for c in service.pending(None) if c.completion.id == target.completion.id)
    assert again.evidence.substitution and not again.evidence.met
    assert any(s.kind is ShortfallKind.SUBSTITUTION for s in again.evidence.shortfalls)


def test_open_event_and_pending_spot_check_make_a_candidate_unclean(review_db: Database) -> None:
    service = CompletionService(review_db)
    first, second = service.pending(None)[:2]
    with review_db.writing() as session:
        EventRepository(session).add(
            Event(
                0,
                EventKind.LATE_ARRIVAL,
                Severity.LOW,
                EventState.NEW,
                datetime(2025, 3, 10, 9),
                learner_ids=[first.completion.learner_id],
            )
        )
        photo = session.execute(select(SpotCheckRow.id)).first()  # none yet: add one for `second`
        assert photo is None
    evidence = {c.completion.id: c.evidence for c in service.pending(None)}
    assert evidence[first.completion.id].met and not evidence[first.completion.id].clean
    assert evidence[second.completion.id].clean


@pytest.mark.parametrize(
    ("post", "same_county", "refusal"),
    [
        (Post.SUPERVISOR, False, None),
        (Post.COUNTY_MANAGER, True, None),
        (Post.COUNTY_MANAGER, False, Denial.OUTSIDE_SCOPE),
        (Post.ACCEPTANCE, True, Denial.POST_CANNOT),
        (Post.DUTY_MANAGER, True, Denial.POST_CANNOT),
    ],
)
def test_permissions_per_post_and_scope(
    review_db: Database, demo: DemoWorkspace, post: Post, same_county: bool, refusal: Denial | None
) -> None:
    service = CompletionService(review_db)
    candidate = service.pending(None)[0]
    of_post = [u for u in demo.users if u.post is post]
    if post is Post.COUNTY_MANAGER:
        of_post = [u for u in of_post if (u.scope.county_id == candidate.county_id) == same_county]
    user = of_post[0]
    assert denial(user, Action.APPROVE, candidate.county_id) == refusal
    if refusal is None:
        decided = service.decide(user, candidate.completion.id, approve=True)
        assert decided.state is CompletionState.APPROVED and decided.decided_by == user.id
    else:
        with pytest.raises(PermissionDenied) as caught:
            service.decide(user, candidate.completion.id, approve=True)
        assert (caught.value.action, caught.value.denial) == (Action.APPROVE, refusal)
        state = next(c for c in service.pending(None) if c.completion.id == candidate.completion.id)
        assert state.completion.state is CompletionState.PENDING


def test_decisions_are_audited_and_not_taken_twice(review_db: Database, user_of: UserOf) -> None:
    service = CompletionService(review_db)
    supervisor = user_of(Post.SUPERVISOR)
    first, second = service.pending(None)[:2]
    service.decide(supervisor, first.completion.id, approve=True)
    with pytest.raises(ValueError):
        service.decide(supervisor, second.completion.id, approve=False, reason="  ")
    service.decide(supervisor, second.completion.id, approve=False, reason="网络学习抽查照片非本人")
    with pytest.raises(CompletionAlreadyDecidedError):
        service.decide(supervisor, first.completion.id, approve=False, reason="again")
    with review_db.reading() as session:
        actions = session.execute(
            select(AuditEntryRow.action, AuditEntryRow.subject).order_by(AuditEntryRow.id)
        ).all()
        assert verify_chain(session).ok
    assert [tuple(a) for a in actions] == [
        ("completion.approve", f"completion:{first.completion.id}"),
        ("completion.reject", f"completion:{second.completion.id}"),
    ]


def test_unmet_requirement_cannot_be_approved(review_db: Database, user_of: UserOf) -> None:
    service = CompletionService(review_db)
    target = service.pending(None)[0]
    with review_db.writing() as session:
        session.execute(
            insert(SpotCheckRow),
            {
                "photo_id": _photo_of(review_db, session, target.completion.learner_id),
                "learner_id": target.completion.learner_id,
                "sampled_on": datetime(2025, 3, 14),
                "reason": "random",
                "verdict": "fail",
                "fail_reason": "not_the_learner",
            },
        )
    with pytest.raises(CompletionBlockedError) as refused:
        service.decide(user_of(Post.SUPERVISOR), target.completion.id, approve=True)
    assert [b.kind.value for b in refused.value.blockers] == ["spot_check_not_the_learner"]


def _photo_of(database: Database, session, learner_id: int) -> int:
    from app.persistence.orm import CapturedPhotoRow

    return int(
        session.scalar(select(CapturedPhotoRow.id).where(CapturedPhotoRow.learner_id == learner_id).limit(1))
    )


def test_batch_approval_reports_each_outcome(review_db: Database, user_of: UserOf) -> None:
    service = CompletionService(review_db)
    ids = [c.completion.id for c in service.pending(None)]
    service.decide(user_of(Post.SUPERVISOR), ids[0], approve=False, reason="重复申请")
    outcome = service.approve_many(user_of(Post.SUPERVISOR), ids)
    assert outcome.approved == ids[1:]
    assert list(outcome.failed) == [ids[0]]
    day = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    decided = service.decided_on(day, day + timedelta(days=1))
    assert {c.id for c in decided} >= set(ids)


def test_classroom_thresholds_from_the_settings_apply(review_db: Database) -> None:
    """Stricter settings (no leaving at all) cancel sessions with a recorded leave."""
    service = CompletionService(review_db)
    strict = ClassroomRules(max_leaves_per_day=0)
    default = {c.completion.id: c.evidence for c in service.pending(None)}
    judged = {c.completion.id: c.evidence for c in service.pending(None, strict)}
    cancelled = [cid for cid, e in judged.items() if e.sessions_cancelled]
    assert cancelled, "the demo has learners who left a class once"
    for cid in cancelled:
        assert default[cid].met and not judged[cid].met
        assert judged[cid].onsite_days < default[cid].onsite_days
