"""Course completions waiting for, or past, an officer's decision, and the decisions taken back."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.domain.casework import Completion, CompletionReversal
from app.domain.enums import CompletionState
from app.domain.people import Scope
from app.domain.storage_errors import CompletionAlreadyDecidedError, CompletionNotDecidedError
from app.persistence.orm import CompletionReversalRow, CompletionRow
from app.persistence.repositories.scope_filters import learner_condition


class CompletionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, completion: Completion) -> Completion:
        values = CompletionRow.values_from(completion)
        del values["id"]
        completion_id = self._session.execute(
            insert(CompletionRow).returning(CompletionRow.id), values
        ).scalar_one()
        return dataclasses.replace(completion, id=completion_id)

    def get(self, completion_id: int) -> Completion | None:
        row = self._session.get(CompletionRow, completion_id)
        return None if row is None else row.to_domain()

    def lock(self, completion_id: int) -> Completion | None:
        """Read the completion and hold its row until the transaction ends (a deciding transaction).

        PostgreSQL: SELECT … FOR UPDATE, so another workstation deciding or reversing the same
        completion waits for this transaction and then sees its outcome. SQLite ignores FOR UPDATE;
        there the writing transaction already holds the database's write lock (BEGIN IMMEDIATE).
        """
        query = select(CompletionRow).where(CompletionRow.id == completion_id).with_for_update()
        row = self._session.scalars(query.execution_options(populate_existing=True)).one_or_none()
        return None if row is None else row.to_domain()

    def find(
        self,
        state: CompletionState | None = CompletionState.PENDING,
        scope: Scope | None = None,
        *,
        limit: int = 100,
        after: tuple[datetime, int] | None = None,
    ) -> list[Completion]:
        """Oldest request first (first come, first served). `after` is the (requested_at, id) of
        the last item of the previous page; the state index ends in requested_at for this."""
        query = select(CompletionRow).where(learner_condition(CompletionRow.learner_id, scope))
        if state is not None:
            query = query.where(CompletionRow.state == state)
        if after is not None:
            requested_at, completion_id = after
            query = query.where(
                or_(
                    CompletionRow.requested_at > requested_at,
                    and_(CompletionRow.requested_at == requested_at, CompletionRow.id > completion_id),
                )
            )
        query = query.order_by(CompletionRow.requested_at, CompletionRow.id).limit(limit)
        return [row.to_domain() for row in self._session.scalars(query)]

    def decide(
        self, completion_id: int, state: CompletionState, *, decided_by: int, at: datetime, reason: str = ""
    ) -> Completion:
        """Approve or reject a pending completion.

        The UPDATE only matches a row still PENDING, so when two officers decide at once exactly
        one wins and the other gets CompletionAlreadyDecidedError instead of overwriting.
        """
        if state is CompletionState.PENDING:
            raise ValueError("a decision must approve or reject")
        result = self._session.execute(
            update(CompletionRow)
            .where(CompletionRow.id == completion_id, CompletionRow.state == CompletionState.PENDING)
            .values(state=state, decided_by=decided_by, decided_at=at, reason=reason)
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            row = self._session.get(CompletionRow, completion_id)
            if row is None:
                raise KeyError(f"completion {completion_id} does not exist")
            raise CompletionAlreadyDecidedError(
                f"completion {completion_id} was already {row.state.value} by user {row.decided_by}"
            )
        row = self._session.get(CompletionRow, completion_id, populate_existing=True)
        assert row is not None
        return row.to_domain()

    def reverse(
        self, completion_id: int, *, reversed_by: int, at: datetime, reason: str
    ) -> tuple[Completion, CompletionReversal]:
        """Put a decided completion back to PENDING, keeping the decision it undoes in a reversal row.

        Like `decide`, the UPDATE only matches a decided row, so of two officers reversing at once
        exactly one succeeds; the other gets CompletionNotDecidedError.
        """
        before = self._session.get(CompletionRow, completion_id, populate_existing=True)
        if before is None:
            raise KeyError(f"completion {completion_id} does not exist")
        previous = before.to_domain()
        result = self._session.execute(
            update(CompletionRow)
            .where(CompletionRow.id == completion_id, CompletionRow.state == previous.state)
            .where(CompletionRow.state != CompletionState.PENDING)
            .values(state=CompletionState.PENDING, decided_by=None, decided_at=None, reason="")
        )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise CompletionNotDecidedError(f"completion {completion_id} is pending: nothing to reverse")
        reversal = CompletionReversal(
            id=0,
            completion_id=completion_id,
            previous_state=previous.state,
            previous_decided_by=previous.decided_by,
            previous_decided_at=previous.decided_at,
            previous_reason=previous.reason,
            reversed_by=reversed_by,
            reversed_at=at,
            reason=reason,
        )
        values = CompletionReversalRow.values_from(reversal)
        del values["id"]
        reversal.id = self._session.execute(
            insert(CompletionReversalRow).returning(CompletionReversalRow.id), values
        ).scalar_one()
        row = self._session.get(CompletionRow, completion_id, populate_existing=True)
        assert row is not None
        return row.to_domain(), reversal

    def reversals_of(self, completion_id: int) -> list[CompletionReversal]:
        query = (
            select(CompletionReversalRow)
            .where(CompletionReversalRow.completion_id == completion_id)
            .order_by(CompletionReversalRow.id)
        )
        return [row.to_domain() for row in self._session.scalars(query)]

    def count_by_state(self, scope: Scope | None = None) -> dict[CompletionState, int]:
        query = (
            select(CompletionRow.state, func.count(CompletionRow.id))
            .where(learner_condition(CompletionRow.learner_id, scope))
            .group_by(CompletionRow.state)
        )
        counts = {state: 0 for state in CompletionState}
        counts.update({CompletionState(state): int(n) for state, n in self._session.execute(query)})
        return counts
