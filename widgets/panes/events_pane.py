"""事件 Events — placeholder until the event-triage issue replaces this module."""

from __future__ import annotations

from widgets.panes.pane import PlaceholderPane


class EventsPane(PlaceholderPane):
    OBJECT_NAME = "eventsPane"
    ICON = "pane_events"

    def pane_title(self) -> str:
        return self.tr("Events")

    def pane_purpose(self) -> str:
        return self.tr("Flagged classroom events such as absence or face mismatch, to confirm or dismiss.")
