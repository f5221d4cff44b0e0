"""Taking a completion decision back: the supervisory post only, with a reason, audited, nothing lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import select, update

from app.domain.casework import Event
from app.domain.enums import CompletionState, EventKind, EventState, Post, Severity
from app.domain.people import User
from app.domain.permissions import Action, Denial, PermissionDenied
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, CompletionReversalRow, UserRow
from app.persistence.repositories import CompletionNotDecidedError, CompletionRepository, EventRepository
from app.review.audit_chain import verify_chain
from app.review.completion_service import CompletionBlockedError, CompletionService

UserOf = Callable[..., User]
NOW = datetime(2025, 3, 14, 10, 0)


def service_at(database: Database) -> CompletionService:
    return CompletionService(database, clock=lambda: NOW)


def audit_actions(database: Database) -> list[tuple[str, str, dict[str, object]]]:
    with database.reading() as session:
        rows = session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.id)).all()
        assert verify_chain(session).ok
        return [(r.action, r.subject, json.loads(r.detail)) for r in rows]


def test_a_supervisor_reverses_an_approval_and_the_decision_is_kept(
    review_db: Database, user_of: UserOf
) -> None:
    service = service_at(review_db)
    target = service.pending(None)[0]
    manager = user_of(Post.COUNTY_MANAGER, target.county_id)
    supervisor = user_of(Post.SUPERVISOR)
    service.decide(manager, target.completion.id, approve=True)

    reopened = service.reverse(supervisor, target.completion.id, "  替学线索：人脸不符已确认  ")

    assert reopened.state is CompletionState.PENDING
    assert (reopened.decided_by, reopened.decided_at, reopened.reason) == (None, None, "")
    with review_db.reading() as session:
        (reversal,) = CompletionRepository(session).reversals_of(target.completion.id)
    assert (reversal.previous_state, reversal.previous_decided_by, reversal.previous_decided_at) == (
        CompletionState.APPROVED,
        manager.id,
        NOW,
    )
    assert (reversal.reversed_by, reversal.reversed_at, reversal.reason) == (
        supervisor.id,
        NOW,
        "替学线索：人脸不符已确认",
    )
    action, subject, detail = audit_actions(review_db)[-1]
    assert (action, subject) == ("completion.reversed", f"completion:{target.completion.id}")
    assert detail["reason"] == "替学线索：人脸不符已确认"
    assert (detail["previous_state"], detail["previous_decided_by"]) == ("approved", manager.id)
    assert detail["reversal_id"] == reversal.id
    assert target.completion.id in {c.completion.id for c in service.pending(None)}


def test_a_reversed_approval_is_judged_afresh(review_db: Database, user_of: UserOf) -> None:
    service = service_at(review_db)
    target = service.pending(None)[0]
    supervisor = user_of(Post.SUPERVISOR)
    service.decide(supervisor, target.completion.id, approve=True)
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
    decided = service.decided(None, datetime(2025, 3, 1))
    shown = next(c for c in decided if c.completion.id == target.completion.id)
    assert shown.completion.state is CompletionState.APPROVED and shown.evidence.void
    service.reverse(supervisor, target.completion.id, "approved before the 替学 was confirmed")
    with pytest.raises(CompletionBlockedError):
        service.decide(supervisor, target.completion.id, approve=True)
    service.decide(supervisor, target.completion.id, approve=False, reason="替学")
    service.reverse(supervisor, target.completion.id, "rejected on the wrong learner")
    with review_db.reading() as session:
        reversals = CompletionRepository(session).reversals_of(target.completion.id)
    assert [(r.previous_state, r.previous_reason) for r in reversals] == [
        (CompletionState.APPROVED, ""),
        (CompletionState.REJECTED, "替学"),
    ]


@pytest.mark.parametrize("post", [Post.COUNTY_MANAGER, Post.ACCEPTANCE, Post.DUTY_MANAGER])
def test_only_the_supervisory_post_reverses(review_db: Database, user_of: UserOf, post: Post) -> None:
    service = service_at(review_db)
    target = service.pending(None)[0]
    service.decide(user_of(Post.SUPERVISOR), target.completion.id, approve=True)
    before = audit_actions(review_db)
    officer = user_of(post, target.county_id if post is not Post.DUTY_MANAGER else None)
    with pytest.raises(PermissionDenied) as refused:
        service.reverse(officer, target.completion.id, "重新审核")
    assert (refused.value.action, refused.value.denial) == (Action.REVERSE, Denial.POST_CANNOT)
    with review_db.reading() as session:
        assert CompletionRepository(session).get(target.completion.id).state is CompletionState.APPROVED  # type: ignore[union-attr]
        assert session.scalars(select(CompletionReversalRow)).all() == []
    assert audit_actions(review_db) == before


def test_a_reversal_needs_a_reason_a_decision_and_an_active_supervisor(
    review_db: Database, user_of: UserOf
) -> None:
    service = service_at(review_db)
    first, second = service.pending(None)[:2]
    supervisor = user_of(Post.SUPERVISOR)
    with pytest.raises(ValueError):
        service.reverse(supervisor, first.completion.id, "   ")
    with pytest.raises(CompletionNotDecidedError):
        service.reverse(supervisor, first.completion.id, "never decided")
    with pytest.raises(KeyError):
        service.reverse(supervisor, 99_999, "no such completion")
    service.decide(supervisor, second.completion.id, approve=True)
    with review_db.writing() as session:
        session.execute(update(UserRow).where(UserRow.id == supervisor.id).values(active=False))
    with pytest.raises(PermissionDenied) as refused:
        service.reverse(supervisor, second.completion.id, "deactivated meanwhile")
    assert refused.value.denial is Denial.INACTIVE
    assert [a for a, _s, _d in audit_actions(review_db)] == ["completion.approve"]
