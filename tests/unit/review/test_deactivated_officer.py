"""An officer deactivated after signing in decides nothing more (issue 14, item 10).

Another session (an administrator's, another workstation's) sets `users.active` to false between the
officer's sign-in and a decision: every completion decision, spot-check verdict and sample is refused
as INACTIVE, nothing is stored, and the audit log says nothing was approved. A deactivation committed
WHILE a decision is under way must not be overtaken by it either: the deciding transaction holds the
officer's row (PostgreSQL: FOR SHARE), so either the decision is refused, or it was committed before
the deactivation could be. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, update

from app.demo.workspace_seed import DemoWorkspace
from app.domain.enums import CompletionState, Post, SpotCheckVerdict
from app.domain.people import User
from app.domain.permissions import Denial, PermissionDenied
from app.persistence import Database
from app.persistence.orm import AuditEntryRow, CompletionRow, SpotCheckRow, UserRow
from app.review.audit_chain import lock_chain
from app.review.completion_service import CompletionService
from app.review.spot_check_queue import SpotCheckQueue
from app.review.spot_check_sampling import SamplingPolicy, sample_day

UserOf = Callable[..., User]


def deactivate(database: Database, user: User) -> None:
    """What an administrator's session does; the officer's own session knows nothing of it."""
    with database.writing() as session:
        session.execute(update(UserRow).where(UserRow.id == user.id).values(active=False))


def audit_actions(database: Database) -> list[str]:
    with database.reading() as session:
        return list(session.scalars(select(AuditEntryRow.action).order_by(AuditEntryRow.id)))


def completion_states(database: Database) -> dict[int, CompletionState]:
    with database.reading() as session:
        return dict(session.execute(select(CompletionRow.id, CompletionRow.state)).all())


def spot_check_verdicts(database: Database) -> dict[int, SpotCheckVerdict]:
    with database.reading() as session:
        return dict(session.execute(select(SpotCheckRow.id, SpotCheckRow.verdict)).all())


def busiest_day(demo: DemoWorkspace) -> date:
    return Counter(p.captured_at.date() for r in demo.online_records for p in r.photos).most_common(1)[0][0]


DECISIONS = ["approve", "reject", "batch", "reverse", "verdict", "undo", "sample"]


@pytest.mark.parametrize("decision", DECISIONS)
def test_a_decision_after_deactivation_is_refused_and_nothing_is_stored(
    review_db: Database, demo: DemoWorkspace, user_of: UserOf, decision: str
) -> None:
    supervisor = user_of(Post.SUPERVISOR)  # signed in: the pane holds this object
    completions = CompletionService(review_db)
    queue = SpotCheckQueue(review_db)
    pending = [c.completion.id for c in completions.pending(None)]
    decided = [c.completion.id for c in completions.decided(None, datetime(2000, 1, 1))]
    if decision in ("verdict", "undo"):
        sample_day(review_db, busiest_day(demo), SamplingPolicy(random_share=1.0, seed=1), sampled_by=None)
        held = [item.check.id for item in queue.claim(supervisor, None, 2)]
        if decision == "undo":
            queue.record_verdict(supervisor, held[1], SpotCheckVerdict.PASS)
    states, verdicts, audited = (
        completion_states(review_db),
        spot_check_verdicts(review_db),
        audit_actions(review_db),
    )

    deactivate(review_db, supervisor)
    assert supervisor.active  # the signed-in object still says so: the service must not believe it

    actions: dict[str, Callable[[], object]] = {
        "approve": lambda: completions.decide(supervisor, pending[0], approve=True),
        "reject": lambda: completions.decide(supervisor, pending[0], approve=False, reason="缺课"),
        "reverse": lambda: completions.reverse(supervisor, decided[0], "复核"),
        "verdict": lambda: queue.record_verdict(supervisor, held[0], SpotCheckVerdict.PASS),
        "undo": lambda: queue.undo(supervisor, held[1]),
        "sample": lambda: sample_day(
            review_db, busiest_day(demo), SamplingPolicy(random_share=1.0, seed=1), sampled_by=supervisor.id
        ),
    }
    if decision == "batch":
        outcome = completions.approve_many(supervisor, pending[:3])
        assert outcome.approved == [] and set(outcome.failed) == set(pending[:3])
        assert all(
            isinstance(e, PermissionDenied) and e.denial is Denial.INACTIVE for e in outcome.failed.values()
        )
    else:
        with pytest.raises(PermissionDenied) as refused:
            actions[decision]()
        assert refused.value.denial is Denial.INACTIVE
    assert completion_states(review_db) == states
    assert spot_check_verdicts(review_db) == verdicts
    assert audit_actions(review_db) == audited  # nothing approved, decided or sampled was logged


def _race(
    database: Database, officer: User, decide: Callable[[], object], decided: Callable[[], bool]
) -> None:
    """Run `decide` while a deactivation of `officer` commits in the middle of it.

    The audit chain is held by another transaction, so the decision (which appends its audit entry
    last, after it has read the officer) waits there; the deactivation is then committed by a third
    session, and the chain released. The deactivating session also reads whether the decision was
    already stored when its own UPDATE went through."""
    chain_held, release = threading.Event(), threading.Event()
    seen_by_deactivation: list[bool] = []
    errors: list[BaseException] = []

    def hold_the_chain() -> None:
        with database.writing() as session:
            lock_chain(session)
            chain_held.set()
            release.wait(20)

    def deactivate_now() -> None:
        with database.writing() as session:
            session.execute(update(UserRow).where(UserRow.id == officer.id).values(active=False))
            seen_by_deactivation.append(decided())

    def decide_now() -> None:
        try:
            decide()
        except BaseException as error:
            errors.append(error)

    holder = threading.Thread(target=hold_the_chain)
    holder.start()
    assert chain_held.wait(10)
    decider = threading.Thread(target=decide_now)
    decider.start()
    time.sleep(0.5)  # the decision has read the officer (PostgreSQL) or waits for the lock (SQLite)
    deactivator = threading.Thread(target=deactivate_now)
    deactivator.start()
    time.sleep(0.5)  # the deactivation reaches the lock too (no event tells when)
    release.set()
    for thread in (holder, decider, deactivator):
        thread.join(30)
        assert not thread.is_alive()
    assert len(seen_by_deactivation) == 1
    if decided():
        assert errors == []
        assert seen_by_deactivation == [True], "stored after the officer's deactivation was committed"
    else:
        assert len(errors) == 1 and isinstance(errors[0], PermissionDenied)
        assert errors[0].denial is Denial.INACTIVE


def test_a_completion_decision_is_not_committed_after_a_deactivation_made_meanwhile(
    review_db: Database, user_of: UserOf
) -> None:
    supervisor = user_of(Post.SUPERVISOR)
    completions = CompletionService(review_db)
    target = completions.pending(None)[0].completion.id

    def approved() -> bool:
        with review_db.reading() as session:
            state = session.scalar(select(CompletionRow.state).where(CompletionRow.id == target))
        return state is not CompletionState.PENDING

    _race(
        review_db,
        supervisor,
        lambda: completions.decide(supervisor, target, approve=False, reason="缺课"),
        approved,
    )


def test_a_spot_check_verdict_is_not_committed_after_a_deactivation_made_meanwhile(
    review_db: Database, demo: DemoWorkspace, user_of: UserOf
) -> None:
    supervisor = user_of(Post.SUPERVISOR)
    sample_day(review_db, busiest_day(demo), SamplingPolicy(random_share=1.0, seed=1), sampled_by=None)
    queue = SpotCheckQueue(review_db)
    check_id = queue.claim(supervisor, None, 1)[0].check.id

    def given() -> bool:
        with review_db.reading() as session:
            return bool(
                session.scalar(
                    select(func.count())
                    .select_from(SpotCheckRow)
                    .where(SpotCheckRow.id == check_id, SpotCheckRow.verdict != SpotCheckVerdict.PENDING)
                )
            )

    _race(
        review_db,
        supervisor,
        lambda: queue.record_verdict(supervisor, check_id, SpotCheckVerdict.FAIL, "no_face"),
        given,
    )


def test_an_officer_read_to_decide_stays_as_read_until_the_decision_commits(
    review_db: Database, user_of: UserOf
) -> None:
    """What every deciding transaction relies on (event triage and comments too): `hold`."""
    from app.domain.permissions import Action
    from app.persistence.repositories.permission_subjects import acting_user

    officer = user_of(Post.COUNTY_MANAGER)
    deactivated = threading.Event()

    def deactivate_now() -> None:
        deactivate(review_db, officer)
        deactivated.set()

    with review_db.writing() as session:
        assert acting_user(session, officer.id, Action.CONFIRM, hold=True).active
        other = threading.Thread(target=deactivate_now)
        other.start()
        assert not deactivated.wait(1.0), "the officer was deactivated under a decision in progress"
    other.join(30)
    assert deactivated.is_set()
    with review_db.reading() as session:
        assert not acting_user(session, officer.id, Action.CONFIRM).active


def test_an_officer_read_to_lock_or_export_recordings_stays_as_read_until_it_commits(
    review_db: Database, user_of: UserOf
) -> None:
    """Recordings review (evidence locks, exports) reads its officer as the other decisions do."""
    from app.playback.review_access import current_user

    officer = user_of(Post.DUTY_MANAGER)
    deactivated = threading.Event()

    def deactivate_now() -> None:
        deactivate(review_db, officer)
        deactivated.set()

    with review_db.writing() as session:
        assert current_user(session, officer, hold=True).active
        other = threading.Thread(target=deactivate_now)
        other.start()
        assert not deactivated.wait(1.0), "the officer was deactivated under a lock in progress"
    other.join(30)
    assert deactivated.is_set()
