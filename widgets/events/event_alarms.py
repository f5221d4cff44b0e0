"""The wall's alarms as the Events pane's poll finds them (an AlarmBoard with a `changed` signal).

`take_news` gets each answer of the NewEventsWatcher: alarms go up for the fresh high-severity
events and come down for those no longer New, whichever workstation claimed them; `settle` takes an
alarm down at once when this officer changed its event. `changed` carries camera id → its alarms,
newest first, to the wall. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from app.domain.casework import Event
from app.supervision.alarm_board import AlarmBoard
from app.supervision.event_service import NewEvents


class EventAlarms(QObject):
    changed = Signal(object)  # dict[int, list[Alarm]]: camera id → its alarms, newest first

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board = AlarmBoard()

    def take_news(self, news: NewEvents, fresh: Sequence[Event]) -> None:
        """A poll's answer; `fresh`: its high-severity events not seen before."""
        raised = self.board.raise_for(fresh)
        settled = self.board.keep_only(news.unclaimed)
        if raised or settled:
            self.changed.emit(self.board.by_camera())

    def event_ids(self) -> frozenset[int]:
        """The events whose alarms are up (the poll asks which are still unclaimed)."""
        return self.board.event_ids()

    def settle(self, event: Event) -> None:
        """This officer changed `event`: its alarm goes as soon as it is no longer New."""
        if self.board.settle(event):
            self.changed.emit(self.board.by_camera())
