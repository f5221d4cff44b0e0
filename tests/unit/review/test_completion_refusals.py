"""Approvals refused inside the deciding transaction (issue 13, item 2), on SQLite and PostgreSQL.

What the pane showed a while ago does not matter: the service re-reads the learner's events,
spot-checks and flagged photos with the completion row locked, and refuses while anything voids or
holds the record. A batch approves the clean ones and reports each refused one with its blockers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import insert, select, update

from app.domain.casework import Event
from app.domain.enums import CompletionState, EventKind, EventState, Post, Severity
from app.domain.people import User
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, CapturedPhotoRow, CompletionRow, SpotCheckRow, UserRow
from app.persistence.repositories import EventRepository
from app.review import completion_service
from app.review.completion_service import CompletionService

UserOf = Callable[..., User]


def add_event(
    database: Database, learner_id: int, state: EventState, kind: EventKind = EventKind.FACE_MISMATCH
) -> int:
    with database.writing() as session:
        event = EventRepository(session).add(
            Event(0, kind, Severity.HIGH, state, datetime(2025, 3, 12, 9, 30), learner_ids=[learner_id])
        )
    return event.id


def state_of(database: Database, completion_id: int) -> CompletionState:
    with database.reading() as session:
        return session.scalars(select(CompletionRow.state).where(CompletionRow.id == completion_id)).one()


def first_photo(database: Database, learner_id: int) -> int:
    with database.reading() as session:
        return int(
            session.scalars(
                select(CapturedPhotoRow.id)
                .where(CapturedPhotoRow.learner_id == learner_id)
                .order_by(CapturedPhotoRow.id)
                .limit(1)
            ).one()
        )


def test_batch_approval_refuses_a_learner_with_an_open_face_mismatch(
    review_db: Database, user_of: UserOf
) -> None:
    service = CompletionService(review_db)
    pending = service.pending(None)
    target = pending[3]
    shown_clean = [c.completion.id for c in pending if c.evidence.clean]
    assert target.completion.id in shown_clean  # what the pane showed before the event arrived
    event_id = add_event(review_db, target.completion.learner_id, EventState.NEW)

    outcome = service.approve_many(user_of(Post.SUPERVISOR), shown_clean)

    assert target.completion.id not in outcome.approved
    assert state_of(review_db, target.completion.id) is CompletionState.PENDING
    assert outcome.approved == [cid for cid in shown_clean if cid != target.completion.id]
    (blocker,) = outcome.refused[target.completion.id]
    assert blocker.code() == f"face_mismatch_open:{event_id}"


@pytest.mark.parametrize(
    "state", [EventState.NEW, EventState.IN_PROGRESS, EventState.ESCALATED, EventState.CONFIRMED]
)
def test_a_single_approval_is_refused_while_a_face_mismatch_is_not_dismissed(
    review_db: Database, user_of: UserOf, state: EventState
) -> None:
    service = CompletionService(review_db)
    target = service.pending(None)[0]
    add_event(review_db, target.completion.learner_id, state)
    with pytest.raises(completion_service.CompletionBlockedError) as refused:
        service.decide(user_of(Post.SUPERVISOR), target.completion.id, approve=True)
    assert refused.value.learner_name == target.learner_name
    assert state_of(review_db, target.completion.id) is CompletionState.PENDING
    # A rejection is what a void or held record calls for: never refused for blockers.
    service.decide(user_of(Post.SUPERVISOR), target.completion.id, approve=False, reason="替学")
    assert state_of(review_db, target.completion.id) is CompletionState.REJECTED


def test_a_dismissed_face_mismatch_does_not_block(review_db: Database, user_of: UserOf) -> None:
    service = CompletionService(review_db)
    target = service.pending(None)[0]
    add_event(review_db, target.completion.learner_id, EventState.DISMISSED)
    service.decide(user_of(Post.SUPERVISOR), target.completion.id, approve=True)
    assert state_of(review_db, target.completion.id) is CompletionState.APPROVED


@pytest.mark.parametrize(
    ("verdict", "fail_reason", "blocked"),
    [
        ("pending", "", True),  # flagged, sampled, not yet judged
        ("skipped", "", True),  # flagged, judged by nobody
        ("fail", "not_the_learner", True),  # 替学 in online study
        ("pass", "", False),
    ],
)
def test_a_flagged_photo_blocks_until_it_passes(
    review_db: Database, user_of: UserOf, verdict: str, fail_reason: str, blocked: bool
) -> None:
    service = CompletionService(review_db)
    target = service.pending(None)[1]
    learner_id = target.completion.learner_id
    photo = first_photo(review_db, learner_id)
    with review_db.writing() as session:
        session.execute(
            update(CapturedPhotoRow).where(CapturedPhotoRow.id == photo).values(flags=["mismatch"])
        )
        session.execute(
            insert(SpotCheckRow),
            {
                "photo_id": photo,
                "learner_id": learner_id,
                "sampled_on": datetime(2025, 3, 14),
                "reason": "flagged:mismatch",
                "verdict": verdict,
                "fail_reason": fail_reason,
            },
        )
    supervisor = user_of(Post.SUPERVISOR)
    if blocked:
        with pytest.raises(completion_service.CompletionBlockedError):
            service.decide(supervisor, target.completion.id, approve=True)
        assert state_of(review_db, target.completion.id) is CompletionState.PENDING
    else:
        service.decide(supervisor, target.completion.id, approve=True)
        assert state_of(review_db, target.completion.id) is CompletionState.APPROVED


def test_a_flagged_photo_not_yet_sampled_blocks(review_db: Database, user_of: UserOf) -> None:
    service = CompletionService(review_db)
    target = service.pending(None)[2]
    photo = first_photo(review_db, target.completion.learner_id)
    with review_db.writing() as session:
        session.execute(
            update(CapturedPhotoRow).where(CapturedPhotoRow.id == photo).values(flags=["no_face"])
        )
    with pytest.raises(completion_service.CompletionBlockedError) as refused:
        service.decide(user_of(Post.SUPERVISOR), target.completion.id, approve=True)
    assert [b.code() for b in refused.value.blockers] == [f"flagged_photo_unresolved:{photo}"]


def test_an_open_absence_refuses_a_batch_but_not_an_officer_who_looked(
    review_db: Database, user_of: UserOf
) -> None:
    service = CompletionService(review_db)
    first, second = service.pending(None)[:2]
    for candidate in (first, second):
        add_event(review_db, candidate.completion.learner_id, EventState.NEW, EventKind.ABSENCE)
    outcome = service.approve_many(user_of(Post.SUPERVISOR), [first.completion.id])
    assert outcome.approved == [] and list(outcome.refused) == [first.completion.id]
    service.decide(user_of(Post.SUPERVISOR), second.completion.id, approve=True)
    assert state_of(review_db, second.completion.id) is CompletionState.APPROVED


def test_the_audit_entry_records_the_blockers_checked(review_db: Database, user_of: UserOf) -> None:
    service = CompletionService(review_db)
    approved, blocked = service.pending(None)[:2]
    event_id = add_event(review_db, blocked.completion.learner_id, EventState.CONFIRMED)
    supervisor = user_of(Post.SUPERVISOR)
    service.decide(supervisor, approved.completion.id, approve=True)
    with pytest.raises(completion_service.CompletionBlockedError):
        service.decide(supervisor, blocked.completion.id, approve=True)
    service.decide(supervisor, blocked.completion.id, approve=False, reason="替学")
    with review_db.reading() as session:
        entries = [
            (row.action, row.subject, json.loads(row.detail))
            for row in session.scalars(
                select(AuditEntryRow)
                .where(AuditEntryRow.action.like("completion.%"))
                .order_by(AuditEntryRow.id)
            )
        ]
    assert [(action, subject) for action, subject, _detail in entries] == [
        ("completion.approve", f"completion:{approved.completion.id}"),
        ("completion.refused", f"completion:{blocked.completion.id}"),  # the attempt is on record
        ("completion.reject", f"completion:{blocked.completion.id}"),
    ]
    clean, refused, rejected = (detail for _action, _subject, detail in entries)
    assert clean["blockers"] == [] and "face_mismatch_events" in clean["checked"]
    assert "flagged_photos" in clean["checked"] and "study_rules" in clean["checked"]
    assert refused["refused_for"] == [f"substitution_confirmed:{event_id}"]
    assert rejected["blockers"] == [f"substitution_confirmed:{event_id}"]


def test_an_officer_deactivated_since_signing_in_is_refused(review_db: Database, user_of: UserOf) -> None:
    service = CompletionService(review_db)
    target = service.pending(None)[0]
    supervisor = user_of(Post.SUPERVISOR)
    with review_db.writing() as session:
        session.execute(update(UserRow).where(UserRow.id == supervisor.id).values(active=False))
    assert supervisor.active  # the object the pane holds still says so
    with pytest.raises(PermissionError):
        service.decide(supervisor, target.completion.id, approve=True)
    assert state_of(review_db, target.completion.id) is CompletionState.PENDING


def test_an_approval_waits_for_a_transaction_holding_the_completion_and_sees_its_event(
    review_db: Database, user_of: UserOf
) -> None:
    """Another workstation holds the completion (PostgreSQL: its row lock; SQLite: the write lock)
    while it records a confirmed 替学: the approval waits, then judges what was committed."""
    service = CompletionService(review_db)
    target = service.pending(None)[0]
    holding, release = threading.Event(), threading.Event()

    def other_workstation() -> None:
        with review_db.writing() as session:
            session.execute(
                select(CompletionRow.id).where(CompletionRow.id == target.completion.id).with_for_update()
            )
            EventRepository(session).add(
                Event(
                    0,
                    EventKind.FACE_MISMATCH,
                    Severity.HIGH,
                    EventState.CONFIRMED,
                    datetime(2025, 3, 12, 9, 30),
                    learner_ids=[target.completion.learner_id],
                )
            )
            holding.set()
            release.wait(10)

    errors: list[BaseException] = []

    def approve() -> None:
        try:
            service.decide(user_of(Post.SUPERVISOR), target.completion.id, approve=True)
        except BaseException as exc:
            errors.append(exc)

    holder = threading.Thread(target=other_workstation)
    holder.start()
    assert holding.wait(10)
    decider = threading.Thread(target=approve)
    decider.start()
    time.sleep(0.5)  # long enough to see that the approval waits
    assert decider.is_alive(), "the approval must wait for the transaction holding the completion"
    release.set()
    holder.join(10)
    decider.join(10)
    assert state_of(review_db, target.completion.id) is CompletionState.PENDING
    assert len(errors) == 1 and type(errors[0]).__name__ == "CompletionBlockedError"
