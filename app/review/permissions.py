"""Who may decide what, per post and scope. Pure; used by the services (which enforce it) and by
the panes (which only grey out what the service would refuse anyway).

Decisions:
- 受理岗 (acceptance) registers learners and never approves or reviews.
- 管理岗 (county manager) approves completions and reviews spot-checks of learners in their county.
- 监督岗 (supervisory post) works city-wide.
- 值班领导 (duty manager) is read-only here: they read the audit log and export evidence, and keeping
  the auditor apart from the approver is what makes the log worth reading. Approvals stay with the
  posts that do the casework.
- Only the duty manager and the supervisory post read the audit log.
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.enums import Post, ScopeLevel
from app.domain.people import User


class Denial(StrEnum):
    """Why an action is refused. Stable codes; the panes word them."""

    POST_CANNOT_DECIDE = "post_cannot_decide"
    OUTSIDE_SCOPE = "outside_scope"
    INACTIVE = "inactive"


def decision_denial(user: User, learner_county_id: int) -> Denial | None:
    """None when `user` may approve/reject a completion (or give a spot-check verdict) for a
    learner of `learner_county_id`; otherwise the reason."""
    if not user.active:
        return Denial.INACTIVE
    if user.post is Post.SUPERVISOR:
        return None
    if user.post is Post.COUNTY_MANAGER:
        in_county = user.scope.level is not ScopeLevel.CITY and user.scope.county_id == learner_county_id
        return None if in_county else Denial.OUTSIDE_SCOPE
    return Denial.POST_CANNOT_DECIDE


def may_decide_at_all(user: User) -> bool:
    return user.active and user.post in (Post.SUPERVISOR, Post.COUNTY_MANAGER)


def may_read_audit(user: User) -> bool:
    return user.active and user.post in (Post.DUTY_MANAGER, Post.SUPERVISOR)


class PermissionDeniedError(Exception):
    def __init__(self, denial: Denial, message: str) -> None:
        super().__init__(message)
        self.denial = denial
