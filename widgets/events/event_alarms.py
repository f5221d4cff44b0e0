"""What the Events pane's poll makes of new high-severity events: the wall's alarms, a desktop
notification and the alarm sound.

The pane hands every answer of its poll to `take_news`; the alarms (app/supervision/alarm_board.py)
go to the wall through `changed` (camera id → its alarms, newest first) and stay until the event is
no longer New: the next poll says so for any workstation's claim, `settle` at once for this one's.
The sound is on by default for high severity (Settings.sound) and silent for cameras the officer
muted or snoozed from the wall (per officer, in Settings). GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from app.domain.casework import Event
from app.settings import Settings
from app.supervision.alarm_board import AlarmBoard, audible
from app.supervision.event_service import NewEvents
from widgets.alarm_sound import AlarmSound
from widgets.labels import event_kind_label
from widgets.resources import icon


@dataclass(frozen=True, slots=True)
class Announcement:
    """One announcement of new high-severity events and the channels the settings allowed."""

    text: str
    desktop: bool
    sound: bool


class EventAlarms(QObject):
    changed = Signal(object)  # dict[int, list[Alarm]]: camera id → its alarms, newest first

    def __init__(
        self, settings: Settings, login: str, clock: Callable[[], datetime], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._login = login
        self._clock = clock
        self.board = AlarmBoard()
        self.sound = AlarmSound(self)
        self._tray: QSystemTrayIcon | None = None
        self.notifications: list[Announcement] = []  # what was announced, newest last (tests)

    def take_news(self, news: NewEvents, announced_up_to: int | None) -> None:
        """A poll's answer; events up to id `announced_up_to` were seen before (None: the first
        answer, which only sets the baseline: nothing from before the console started rings)."""
        fresh = [e for e in news.high if announced_up_to is not None and e.id > announced_up_to]
        raised = self.board.raise_for(fresh)
        settled = self.board.keep_only(news.unclaimed)
        if fresh:
            self._announce(fresh)
        if raised or settled:
            self.changed.emit(self.board.by_camera())

    def settle(self, event: Event) -> None:
        """This officer changed `event`: its alarm goes as soon as it is no longer New."""
        if self.board.settle(event):
            self.changed.emit(self.board.by_camera())

    def _announce(self, events: list[Event]) -> None:
        text = "、".join(event_kind_label(e.kind) for e in events[:3])
        title = self.tr("%n new high-severity event(s)", "", len(events))
        desktop = self._settings.desktop_notifications and QSystemTrayIcon.isSystemTrayAvailable()
        if desktop:
            if self._tray is None:
                self._tray = QSystemTrayIcon(icon("app"), self)
                self._tray.show()
            assert self._tray is not None
            self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, 10_000)
        settings, login = self._settings, self._login
        sound = settings.sound and audible(
            events, settings.muted_cameras(login), settings.snoozed_cameras(login), self._clock()
        )
        if sound:
            self.sound.play()
        self.notifications.append(Announcement(f"{title}: {text}", desktop, sound))
