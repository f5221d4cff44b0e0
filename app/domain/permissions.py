"""The permission matrix: which post may take which action, and how far its reach goes. Pure; any thread.

One table for the whole console. Every service asks `denial(user, action, county_id, site_id)` inside
the transaction that acts, with the subject's county and site read from the database; the panes ask
the same function only to grey out what the service would refuse anyway. docs/architecture.md shows
the table; tests/unit/domain/test_permission_matrix.py checks every cell.

Reach: CITY covers everything; OWN_SCOPE covers what the user's own scope covers (a county manager's
county, an acceptance officer's site). The duty manager reads, reviews video and exports evidence but
changes no event or decision: keeping the auditor apart from the approver is what makes the audit log
worth reading. Only the supervisory post reverses a decision already taken.
"""

from __future__ import annotations

from enum import Enum, StrEnum

from app.domain.enums import Post, ScopeLevel
from app.domain.people import Scope, User


class Action(StrEnum):
    VIEW = "view"  # see events, learners and completions of the subject
    CLAIM = "claim"  # take an event (or a spot-check) so no other officer works on it
    CONFIRM = "confirm"  # confirm an event as a violation
    DISMISS = "dismiss"  # dismiss an event as a false alarm
    ESCALATE = "escalate"  # hand an event up to the supervisory post
    COMMENT = "comment"  # add a note to an event
    APPROVE = "approve"  # approve or reject a completion; give a spot-check verdict
    REVERSE = "reverse"  # undo a completion decision or an event verdict already taken
    WATCH = "watch"  # play recordings of the subject's cameras, bookmark them
    EXPORT = "export"  # export evidence (clips, packages, snapshots, CSV)
    LOCK = "lock"  # lock recordings as evidence so retention keeps them
    AUDIT = "audit"  # read and verify the audit log (city-wide by nature)


class Reach(Enum):
    CITY = "city"
    OWN_SCOPE = "own_scope"


class Denial(StrEnum):
    """Why an action is refused. Stable codes; the panes word them."""

    INACTIVE = "inactive"
    POST_CANNOT = "post_cannot"
    OUTSIDE_SCOPE = "outside_scope"


_TRIAGE = (Action.CLAIM, Action.CONFIRM, Action.DISMISS, Action.ESCALATE, Action.COMMENT)
_EVIDENCE = (Action.WATCH, Action.EXPORT, Action.LOCK)

MATRIX: dict[Post, dict[Action, Reach]] = {
    Post.SUPERVISOR: {
        action: Reach.CITY
        for action in (Action.VIEW, *_TRIAGE, Action.APPROVE, Action.REVERSE, *_EVIDENCE, Action.AUDIT)
    },
    Post.COUNTY_MANAGER: {
        action: Reach.OWN_SCOPE for action in (Action.VIEW, *_TRIAGE, Action.APPROVE, *_EVIDENCE)
    },
    # Registers learners at one site: sees, comments, hands up; decides nothing, watches no video.
    Post.ACCEPTANCE: {action: Reach.OWN_SCOPE for action in (Action.VIEW, Action.COMMENT, Action.ESCALATE)},
    Post.DUTY_MANAGER: {
        Action.VIEW: Reach.CITY,
        Action.COMMENT: Reach.CITY,
        Action.WATCH: Reach.CITY,
        Action.EXPORT: Reach.CITY,
        Action.LOCK: Reach.CITY,
        Action.AUDIT: Reach.CITY,
    },
}


def reach(post: Post, action: Action) -> Reach | None:
    """How far `post` may take `action`; None when it may not at all."""
    return MATRIX[post].get(action)


def may_at_all(user: User, action: Action) -> bool:
    """Whether `user` may take `action` anywhere (for greying out a pane's controls)."""
    return user.active and reach(user.post, action) is not None


def denial(
    user: User, action: Action, county_id: int | None = None, site_id: int | None = None
) -> Denial | None:
    """None when `user` may take `action` on a subject in `county_id` / `site_id`; otherwise why not.

    A subject whose county is unknown (None) is inside only a city-wide reach.
    """
    if not user.active:
        return Denial.INACTIVE
    allowed = reach(user.post, action)
    if allowed is None:
        return Denial.POST_CANNOT
    if allowed is Reach.CITY:
        return None
    if county_id is None or not user.scope.covers(county_id, site_id):
        return Denial.OUTSIDE_SCOPE
    return None


def within_reach(user: User, action: Action, scope: Scope | None) -> Scope | None:
    """The part of `scope` (None: the whole city) on which `user` may take `action`, for listings.

    None when that part is empty: the user may not take the action at all, or `scope` and the
    user's own scope do not meet. A scope inside the reach comes back as it is (a classroom too);
    a wider one is narrowed to the user's own scope.
    """
    allowed = reach(user.post, action) if user.active else None
    if allowed is None:
        return None
    wanted = scope or Scope.city()
    own = user.scope
    if allowed is Reach.CITY or own.level is ScopeLevel.CITY:
        return wanted
    if wanted.level is not ScopeLevel.CITY and own.covers(wanted.county_id, wanted.site_id):
        return wanted
    if wanted.level is ScopeLevel.CITY and wanted.classroom_id is None:
        return own
    if wanted.level is ScopeLevel.COUNTY and wanted.county_id == own.county_id:
        return own  # a site of that county
    return None


class PermissionDenied(PermissionError):
    """A service refused an action; `denial` says why and `action` what (the panes word both)."""

    def __init__(self, action: Action, denial: Denial, message: str = "") -> None:
        super().__init__(message or f"{action.value}: {denial.value}")
        self.action = action
        self.denial = denial


def require(user: User, action: Action, county_id: int | None = None, site_id: int | None = None) -> None:
    """Raise PermissionDenied unless `user` may take `action` on the subject."""
    refused = denial(user, action, county_id, site_id)
    if refused is not None:
        raise PermissionDenied(action, refused)
