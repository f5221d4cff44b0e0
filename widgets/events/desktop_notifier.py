"""The real Notifier of the EventAnnouncer: a system tray message and the alarm sound (AlarmSound).

The tray icon is made at the first message, so a console that never announces shows none. GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon

from widgets.alarm_sound import AlarmSound
from widgets.resources import icon

MESSAGE_MS = 10_000


class DesktopNotifier(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sound = AlarmSound(self)
        self._tray: QSystemTrayIcon | None = None

    def desktop_available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show_message(self, title: str, text: str) -> None:
        if self._tray is None:
            self._tray = QSystemTrayIcon(icon("app"), self)
            self._tray.show()
        self._tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Warning, MESSAGE_MS)

    def ring(self) -> None:
        self.sound.play()
