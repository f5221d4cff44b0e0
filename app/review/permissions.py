"""The review's old permission calls, kept as thin wrappers over the one matrix (app/domain/permissions.py).

Nothing is decided here: approving or rejecting a completion and giving a spot-check verdict are
APPROVE, reading the audit log is AUDIT. New code asks app.domain.permissions directly and raises
its PermissionDenied; these remain for the completions service and pane until they move over.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain import permissions
from app.domain.people import User
from app.domain.permissions import Action


class Denial(StrEnum):
    """Why an action is refused. Stable codes; the panes word them."""

    POST_CANNOT_DECIDE = "post_cannot_decide"
    OUTSIDE_SCOPE = "outside_scope"
    INACTIVE = "inactive"


_CODES = {
    permissions.Denial.POST_CANNOT: Denial.POST_CANNOT_DECIDE,
    permissions.Denial.OUTSIDE_SCOPE: Denial.OUTSIDE_SCOPE,
    permissions.Denial.INACTIVE: Denial.INACTIVE,
}


def decision_denial(user: User, learner_county_id: int) -> Denial | None:
    """None when `user` may approve/reject a completion (or give a spot-check verdict) for a
    learner of `learner_county_id`; otherwise the reason."""
    refused = permissions.denial(user, Action.APPROVE, learner_county_id)
    return None if refused is None else _CODES[refused]


def may_decide_at_all(user: User) -> bool:
    return permissions.may_at_all(user, Action.APPROVE)


def may_read_audit(user: User) -> bool:
    return permissions.may_at_all(user, Action.AUDIT)


class PermissionDeniedError(Exception):
    def __init__(self, denial: Denial, message: str) -> None:
        super().__init__(message)
        self.denial = denial
