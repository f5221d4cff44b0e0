"""What the Events pane calls on its service (app.supervision.event_service.EventService), as a
Protocol: the widgets depend on this and on the plain values of event_views, not on the service's
database code, and GUI tests hand them a small fake (tests/helpers/fakes.py). Every method blocks:
the pane calls them through app.tasks.TaskRunner.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from app.domain.casework import Event, EventComment
from app.domain.enums import EventState
from app.domain.event_paging import NEWEST_FIRST, EventCursor, EventFilter, EventOrder
from app.domain.people import Scope
from app.supervision.event_views import EventDetail, EventListPage, NewEvents


class EventTriage(Protocol):
    """Listing events, one event's detail, what arrived since a mark, and the officer's actions."""

    def page(
        self,
        event_filter: EventFilter,
        after: EventCursor | None = None,
        limit: int = 100,
        order: EventOrder = NEWEST_FIRST,
        *,
        viewer_id: int,
    ) -> EventListPage: ...

    def detail(self, event_id: int, *, viewer_id: int) -> EventDetail: ...

    def new_since(
        self,
        mark: int,
        event_filter: EventFilter,
        *,
        viewer_id: int,
        alarm_scope: Scope | None = None,
        alarms: Collection[int] = (),
    ) -> NewEvents: ...

    def transition(self, event_id: int, to_state: EventState, actor_id: int, note: str = "") -> Event: ...

    def comment(self, event_id: int, actor_id: int, text: str) -> EventComment: ...
