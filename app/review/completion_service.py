"""Completion candidates with their evidence, and approving or rejecting them.

A decision is one local transaction: the completion's new state and its audit entry are committed
together (or not at all) before anything is reported as done, so nothing approved can be lost;
sending it to the platform later goes through the durable outbox (a later issue).

Threads: every method blocks; the completions pane calls them through app.tasks.TaskRunner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import literal, select

from app.domain.casework import Completion
from app.domain.classroom_rules import DEFAULT_CLASSROOM_RULES, ClassroomRules
from app.domain.enums import CompletionState, LicenceClass
from app.domain.people import Scope, User
from app.persistence.database import Database
from app.persistence.orm import CompletionRow
from app.persistence.repositories.completion_repository import (
    CompletionAlreadyDecidedError,
    CompletionRepository,
)
from app.persistence.repositories.scope_filters import learner_condition
from app.review.audit_chain import append_entry
from app.review.completion_evaluator import CompletionEvidence, evaluate_facts
from app.review.permissions import PermissionDeniedError, decision_denial
from app.review.study_facts import load_facts, scope_learners


class RequirementNotMetError(Exception):
    """Approval refused: re-evaluated at decision time, the learner does not meet the rules."""


@dataclass(frozen=True, slots=True)
class CompletionCandidate:
    completion: Completion
    learner_name: str
    county_id: int
    licence_class: LicenceClass
    evidence: CompletionEvidence


@dataclass(slots=True)
class BatchOutcome:
    approved: list[int] = field(default_factory=list)  # completion ids
    failed: dict[int, str] = field(default_factory=dict)  # completion id → reason (English)


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
        chosen = rules or self._rules
        requests = (
            select(CompletionRow)
            .where(
                CompletionRow.state == CompletionState.PENDING,
                learner_condition(CompletionRow.learner_id, scope),
            )
            .order_by(CompletionRow.requested_at, CompletionRow.id)
        )
        with self._database.reading() as session:
            completions = [row.to_domain() for row in session.scalars(requests)]
            learners = select(CompletionRow.learner_id).where(
                CompletionRow.state == CompletionState.PENDING,
                learner_condition(CompletionRow.learner_id, scope),
            )
            facts = load_facts(session, learners)
        result = []
        for completion in completions:
            item = facts.get(completion.learner_id)
            if item is None:
                continue
            result.append(
                CompletionCandidate(
                    completion,
                    item.name,
                    item.county_id,
                    item.licence_class,
                    evaluate_facts(item, chosen),
                )
            )
        return result

    def decide(
        self,
        user: User,
        completion_id: int,
        *,
        approve: bool,
        reason: str = "",
        rules: ClassroomRules | None = None,
    ) -> Completion:
        """Approve or reject one pending completion, with its audit entry, in one transaction.

        Raises PermissionDeniedError, RequirementNotMetError (approval only),
        CompletionAlreadyDecidedError (someone was quicker), ValueError (rejection without reason).
        """
        if not approve and not reason.strip():
            raise ValueError("a rejection needs a reason")
        with self._database.writing() as session:
            repository = CompletionRepository(session)
            current = repository.get(completion_id)
            if current is None:
                raise KeyError(f"completion {completion_id} does not exist")
            # The evidence is re-read inside the deciding transaction: what is audited is what held.
            facts = load_facts(session, select(literal(current.learner_id))).get(current.learner_id)
            if facts is None:
                raise KeyError(f"learner {current.learner_id} does not exist")
            denial = decision_denial(user, facts.county_id)
            if denial is not None:
                raise PermissionDeniedError(
                    denial, f"user {user.id} may not decide completion {completion_id}"
                )
            evidence = evaluate_facts(facts, rules or self._rules)
            if approve and not evidence.met:
                raise RequirementNotMetError(f"completion {completion_id}: {evidence.summary()}")
            state = CompletionState.APPROVED if approve else CompletionState.REJECTED
            now = self._clock().replace(microsecond=0)
            decided = repository.decide(completion_id, state, decided_by=user.id, at=now, reason=reason)
            append_entry(
                session,
                user.id,
                "completion.approve" if approve else "completion.reject",
                f"completion:{completion_id}",
                {"learner_id": current.learner_id, "reason": reason, "evidence": evidence.summary()},
                at=now,
            )
            return decided

    def approve_many(
        self, user: User, completion_ids: Sequence[int], rules: ClassroomRules | None = None
    ) -> BatchOutcome:
        """Approve each in its own transaction: one refusal (decided elsewhere, no longer met) must
        not roll back the others, and each approval is safe on disk as soon as it is reported."""
        outcome = BatchOutcome()
        for completion_id in completion_ids:
            try:
                self.decide(user, completion_id, approve=True, rules=rules)
            except (
                PermissionDeniedError,
                RequirementNotMetError,
                CompletionAlreadyDecidedError,
                KeyError,
            ) as exc:
                outcome.failed[completion_id] = str(exc)
            else:
                outcome.approved.append(completion_id)
        return outcome

    def decided_on(self, day_start: datetime, day_end: datetime) -> list[Completion]:
        """Completions decided in [day_start, day_end), for the day's CSV."""
        query = (
            select(CompletionRow)
            .where(CompletionRow.decided_at >= day_start, CompletionRow.decided_at < day_end)
            .order_by(CompletionRow.decided_at, CompletionRow.id)
        )
        with self._database.reading() as session:
            return [row.to_domain() for row in session.scalars(query)]
