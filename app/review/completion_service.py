"""Completion candidates with their evidence; approving, rejecting and reversing decisions.

A decision is one local transaction: the completion row is locked, the officer and the learner's
facts are re-read, the blockers (app.domain.completion_blockers) are judged on what is in the
database at that moment, and the new state and its audit entry are committed together (or not at
all) before anything is reported as done, so nothing approved can be lost and nothing is approved
on evidence the pane showed a while ago. Sending it to the platform later goes through the durable
outbox (a later issue).

Permissions come from the one matrix (app.domain.permissions): Action.APPROVE to approve or reject,
Action.REVERSE to take a decision back (the supervisory post only), judged on the user row as it
is inside the deciding transaction (a user deactivated since signing in is refused).

Threads: every method blocks; the completions pane calls them through app.tasks.TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, literal, select
from sqlalchemy.orm import Session

from app.domain.casework import Completion
from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.domain.completion_blockers import CHECKS, Blocker, approval_blockers
from app.domain.enums import CompletionState, LicenceClass
from app.domain.people import Scope, User
from app.domain.permissions import Action, PermissionDenied, require
from app.persistence.database import Database
from app.persistence.orm import CompletionRow, LearnerRow
from app.persistence.repositories.completion_repository import (
    CompletionAlreadyDecidedError,
    CompletionRepository,
)
from app.persistence.repositories.permission_subjects import acting_user
from app.persistence.repositories.scope_filters import learner_condition
from app.review.audit_chain import append_entry
from app.review.completion_evaluator import CompletionEvidence, evaluate_facts
from app.review.study_facts import LearnerFacts, load_facts, scope_learners

DECIDED_LIST_LIMIT = 200


class CompletionBlockedError(Exception):
    """Approval refused: judged inside the deciding transaction, something voids or holds the record.

    `blockers` names each one (kind, and the event / spot-check / photo ids behind it)."""

    def __init__(self, completion_id: int, learner_name: str, blockers: tuple[Blocker, ...]) -> None:
        codes = " ".join(b.code() for b in blockers)
        super().__init__(f"completion {completion_id} ({learner_name}) is blocked: {codes}")
        self.completion_id = completion_id
        self.learner_name = learner_name
        self.blockers = blockers


@dataclass(frozen=True, slots=True)
class CompletionCandidate:
    completion: Completion
    learner_name: str
    id_number_masked: str  # namesakes are told apart by it (app.domain.masking)
    county_id: int
    licence_class: LicenceClass
    evidence: CompletionEvidence


@dataclass(slots=True)
class BatchOutcome:
    approved: list[int] = field(default_factory=list)  # completion ids
    refused: dict[int, tuple[Blocker, ...]] = field(default_factory=dict)  # blocked when it was decided
    failed: dict[int, BaseException] = field(default_factory=dict)  # decided elsewhere, not allowed…

    @property
    def not_approved(self) -> list[int]:
        return [*self.refused, *self.failed]


class CompletionService:
    def __init__(
        self,
        database: Database,
        rules: ClassroomRules = DEFAULT_CLASSROOM_RULES,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._database = database
        self._rules = rules
        self._clock = clock

    def evaluate_scope(
        self, scope: Scope | None, rules: ClassroomRules | None = None
    ) -> dict[int, CompletionEvidence]:
        """Evidence for every learner in scope (pending request or not)."""
        with self._database.reading() as session:
            facts = load_facts(session, scope_learners(scope))
        chosen = rules or self._rules
        return {learner_id: evaluate_facts(item, chosen) for learner_id, item in facts.items()}

    def pending(self, scope: Scope | None, rules: ClassroomRules | None = None) -> list[CompletionCandidate]:
        """Every pending completion request in scope with its evidence, oldest request first.

        `rules`: the classroom thresholds from the settings (None: the service's default)."""
        requests = (
            select(CompletionRow)
            .where(
                CompletionRow.state == CompletionState.PENDING,
                learner_condition(CompletionRow.learner_id, scope),
            )
            .order_by(CompletionRow.requested_at, CompletionRow.id)
        )
        return self._candidates(requests, rules)

    def decided(
        self,
        scope: Scope | None,
        since: datetime,
        rules: ClassroomRules | None = None,
        limit: int = DECIDED_LIST_LIMIT,
    ) -> list[CompletionCandidate]:
        """Completions decided since `since`, newest decision first, with today's evidence (what a
        supervisor weighs before reversing: an approval that new events now contradict)."""
        requests = (
            select(CompletionRow)
            .where(
                CompletionRow.state != CompletionState.PENDING,
                CompletionRow.decided_at >= since,
                learner_condition(CompletionRow.learner_id, scope),
            )
            .order_by(CompletionRow.decided_at.desc(), CompletionRow.id.desc())
            .limit(limit)
        )
        return self._candidates(requests, rules)

    def _candidates(
        self, requests: Select[CompletionRow], rules: ClassroomRules | None
    ) -> list[CompletionCandidate]:
        chosen = rules or self._rules
        with self._database.reading() as session:
            completions = [row.to_domain() for row in session.scalars(requests)]
            learners = select(LearnerRow.id).where(LearnerRow.id.in_({c.learner_id for c in completions}))
            facts = load_facts(session, learners) if completions else {}
        result = []
        for completion in completions:
            item = facts.get(completion.learner_id)
            if item is not None:
                result.append(_candidate(completion, item, evaluate_facts(item, chosen)))
        return result

    def decide(
        self,
        user: User,
        completion_id: int,
        *,
        approve: bool,
        reason: str = "",
        rules: ClassroomRules | None = None,
        batch: bool = False,
    ) -> Completion:
        """Approve or reject one pending completion, with its audit entry, in one transaction.

        An approval is refused while a blocker voids or holds the record; in a `batch` (the officer
        approved a list without looking at each) also while anything asks for a look (REVIEW). A
        refusal changes nothing but is audited (`completion.refused`, with the blockers).
        Raises PermissionDenied, CompletionBlockedError (approval only), CompletionAlreadyDecidedError
        (someone was quicker), ValueError (rejection without reason), KeyError (no such completion).
        """
        if not approve and not reason.strip():
            raise ValueError("a rejection needs a reason")
        with self._database.writing() as session:
            repository = CompletionRepository(session)
            current, facts, officer = _locked_for(session, repository, completion_id, user, Action.APPROVE)
            if current.state is not CompletionState.PENDING:
                raise CompletionAlreadyDecidedError(
                    f"completion {completion_id} was already {current.state.value}"
                    f" by user {current.decided_by}"
                )
            # The evidence is re-read inside the deciding transaction: what is audited is what held.
            evidence = evaluate_facts(facts, rules or self._rules)
            refusing = approval_blockers(evidence.blockers, batch=batch)
            now = self._clock().replace(microsecond=0)
            detail = {
                "learner_id": current.learner_id,
                "reason": reason,
                "batch": batch,
                "evidence": evidence.summary(),
                "checked": list(CHECKS),
                "blockers": [b.code() for b in evidence.blockers],
            }
            if approve and refusing:
                # The refused attempt is audited too: who tried to approve what the evidence held back.
                detail["refused_for"] = [b.code() for b in refusing]
                append_entry(
                    session, officer.id, "completion.refused", f"completion:{completion_id}", detail, at=now
                )
                refused = CompletionBlockedError(completion_id, facts.name, refusing)
            else:
                state = CompletionState.APPROVED if approve else CompletionState.REJECTED
                decided = repository.decide(
                    completion_id, state, decided_by=officer.id, at=now, reason=reason
                )
                action = "completion.approve" if approve else "completion.reject"
                append_entry(session, officer.id, action, f"completion:{completion_id}", detail, at=now)
                return decided
        raise refused  # after the commit of the refusal's audit entry

    def approve_many(
        self, user: User, completion_ids: Sequence[int], rules: ClassroomRules | None = None
    ) -> BatchOutcome:
        """Approve each in its own transaction: one refusal (blocked, decided elsewhere) must not roll
        back the others, and each approval is safe on disk as soon as it is reported. Each is judged
        as a batch item: anything that asks for an officer's look refuses it."""
        outcome = BatchOutcome()
        for completion_id in completion_ids:
            try:
                self.decide(user, completion_id, approve=True, rules=rules, batch=True)
            except CompletionBlockedError as exc:
                outcome.refused[completion_id] = exc.blockers
            except (PermissionDenied, CompletionAlreadyDecidedError, KeyError) as exc:
                outcome.failed[completion_id] = exc
            else:
                outcome.approved.append(completion_id)
        return outcome

    def reverse(self, user: User, completion_id: int, reason: str) -> Completion:
        """Take back an approval or rejection: the completion is pending again (and judged afresh),
        the decision it undoes is kept in `completion_reversals`, and the reversal is audited as
        `completion.reversed`, all in one transaction. The supervisory post only (Action.REVERSE).

        Raises ValueError (no reason), PermissionDenied, CompletionNotDecidedError (pending: never
        decided or already reversed), KeyError (no such completion).
        """
        if not reason.strip():
            raise ValueError("a reversal needs a reason")
        reason = reason.strip()
        with self._database.writing() as session:
            repository = CompletionRepository(session)
            current, _facts, officer = _locked_for(session, repository, completion_id, user, Action.REVERSE)
            now = self._clock().replace(microsecond=0)
            reopened, reversal = repository.reverse(
                completion_id, reversed_by=officer.id, at=now, reason=reason
            )
            previous_at = reversal.previous_decided_at
            append_entry(
                session,
                officer.id,
                "completion.reversed",
                f"completion:{completion_id}",
                {
                    "learner_id": current.learner_id,
                    "reason": reason,
                    "reversal_id": reversal.id,
                    "previous_state": reversal.previous_state.value,
                    "previous_decided_by": reversal.previous_decided_by,
                    "previous_decided_at": None if previous_at is None else previous_at.isoformat(),
                    "previous_reason": reversal.previous_reason,
                },
                at=now,
            )
            return reopened

    def decided_on(self, day_start: datetime, day_end: datetime) -> list[Completion]:
        """Completions decided in [day_start, day_end), for the day's CSV."""
        query = (
            select(CompletionRow)
            .where(CompletionRow.decided_at >= day_start, CompletionRow.decided_at < day_end)
            .order_by(CompletionRow.decided_at, CompletionRow.id)
        )
        with self._database.reading() as session:
            return [row.to_domain() for row in session.scalars(query)]


def _candidate(
    completion: Completion, facts: LearnerFacts, evidence: CompletionEvidence
) -> CompletionCandidate:
    return CompletionCandidate(
        completion, facts.name, facts.id_number_masked, facts.county_id, facts.licence_class, evidence
    )


def _locked_for(
    session: Session, repository: CompletionRepository, completion_id: int, user: User, action: Action
) -> tuple[Completion, LearnerFacts, User]:
    """Lock the completion, re-read its learner's facts and the officer, and check `action`: the
    start of every decision, all inside the deciding transaction."""
    current = repository.lock(completion_id)
    if current is None:
        raise KeyError(f"completion {completion_id} does not exist")
    facts = _facts_of(session, current.learner_id)
    officer = _current_officer(session, user, action)
    require(officer, action, facts.county_id)
    return current, facts, officer


def _facts_of(session: Session, learner_id: int) -> LearnerFacts:
    facts = load_facts(session, select(literal(learner_id))).get(learner_id)
    if facts is None:
        raise KeyError(f"learner {learner_id} does not exist")
    return facts


def _current_officer(session: Session, user: User, action: Action) -> User:
    """The officer's row as it is in this transaction: deactivated, moved or removed since signing
    in, they are judged as they are now, and held so until the decision commits (a deactivation
    committed meanwhile would otherwise be overtaken by it: app/persistence/repositories/
    permission_subjects.py)."""
    return acting_user(session, user.id, action, hold=True)
