"""Announces new high-severity events: a desktop message and the alarm sound, as the settings allow.

`announce` gets the events the watcher found fresh and decides: the message names the first three
kinds; the desktop message needs the setting and a system tray; the sound needs the setting and a
camera the officer has neither muted nor snoozed (app/supervision/alarm_board.audible). The tray and
the sound are behind `Notifier`, so the decisions are testable with a recording fake. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject

from app.domain.casework import Event
from app.settings import Settings
from app.supervision.alarm_board import audible
from widgets.labels import event_kind_label


@dataclass(frozen=True, slots=True)
class Announcement:
    """One announcement of new high-severity events and the channels the settings allowed."""

    text: str
    desktop: bool
    sound: bool


class Notifier(Protocol):
    """Where announcements go: the desktop (a tray message) and the speaker."""

    def desktop_available(self) -> bool: ...

    def show_message(self, title: str, text: str) -> None: ...

    def ring(self) -> None: ...


class EventAnnouncer(QObject):
    def __init__(
        self,
        settings: Settings,
        login: str,
        clock: Callable[[], datetime],
        notifier: Notifier,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._login = login
        self._clock = clock
        self.notifier = notifier
        self.notifications: list[Announcement] = []  # what was announced, newest last

    def announce(self, events: Sequence[Event]) -> Announcement | None:
        """Announce `events` (new, high severity, not announced before); None when there are none."""
        if not events:
            return None
        text = "、".join(event_kind_label(e.kind) for e in events[:3])
        title = self.tr("%n new high-severity event(s)", "", len(events))
        settings, login = self._settings, self._login
        desktop = settings.desktop_notifications and self.notifier.desktop_available()
        if desktop:
            self.notifier.show_message(title, text)
        sound = settings.sound and audible(
            events, settings.muted_cameras(login), settings.snoozed_cameras(login), self._clock()
        )
        if sound:
            self.notifier.ring()
        announcement = Announcement(f"{title}: {text}", desktop, sound)
        self.notifications.append(announcement)
        return announcement
