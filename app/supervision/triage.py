"""Which state changes an officer may make to an event, and why one is refused. Pure; any thread.

New → In progress (claimed) → Confirmed violation / Dismissed as false alarm / Escalated.
Officers often decide straight from the list (keys C/D/E), so New may go directly to a verdict;
the service then claims the event for them in the same transaction. Escalated goes back to
In progress or to a verdict; a verdict may be reopened (In progress) to correct a mistake.

Each change is one action of the permission matrix (`triage_action`): claiming, releasing and
taking over an escalated event are CLAIM; reopening a verdict is REVERSE (the supervisory post only).
"""

from __future__ import annotations

from app.domain.enums import EventState
from app.domain.permissions import Action

ALLOWED: dict[EventState, frozenset[EventState]] = {
    EventState.NEW: frozenset(
        {EventState.IN_PROGRESS, EventState.CONFIRMED, EventState.DISMISSED, EventState.ESCALATED}
    ),
    EventState.IN_PROGRESS: frozenset(
        {EventState.NEW, EventState.CONFIRMED, EventState.DISMISSED, EventState.ESCALATED}
    ),
    EventState.ESCALATED: frozenset({EventState.IN_PROGRESS, EventState.CONFIRMED, EventState.DISMISSED}),
    EventState.CONFIRMED: frozenset({EventState.IN_PROGRESS}),
    EventState.DISMISSED: frozenset({EventState.IN_PROGRESS}),
}

# The audit log's action names (stable codes, like the enums).
AUDIT_ACTIONS: dict[EventState, str] = {
    EventState.NEW: "event.released",
    EventState.IN_PROGRESS: "event.claimed",
    EventState.CONFIRMED: "event.confirmed",
    EventState.DISMISSED: "event.dismissed",
    EventState.ESCALATED: "event.escalated",
}


class TriageError(Exception):
    """A state change was refused; `reason` is a stable code the view words for the officer."""

    def __init__(self, reason: str, event_id: int, owner_id: int | None = None) -> None:
        super().__init__(f"event {event_id}: {reason}")
        self.reason = reason  # "not_found", "not_allowed", "owned_by_other", "empty_comment"
        self.event_id = event_id
        self.owner_id = owner_id


def can_move(from_state: EventState, to_state: EventState) -> bool:
    return to_state in ALLOWED[from_state]


def triage_action(from_state: EventState, to_state: EventState) -> Action:
    """The permission matrix's action that moving an event from `from_state` to `to_state` is."""
    if to_state is EventState.CONFIRMED:
        return Action.CONFIRM
    if to_state is EventState.DISMISSED:
        return Action.DISMISS
    if to_state is EventState.ESCALATED:
        return Action.ESCALATE
    if to_state is EventState.IN_PROGRESS and from_state.is_closed:
        return Action.REVERSE  # reopening a verdict already taken
    return Action.CLAIM  # claim, take over an escalated event, release (back to New)
