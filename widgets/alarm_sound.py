"""The alarm sound for new high-severity events: resources/sounds/alarm.wav, or the system bell.

QSoundEffect lives in QtMultimedia, which the PySide6-Essentials wheel does not ship (it comes with
the Addons wheel). Where it is installed and an audio output exists, the WAV plays; otherwise
QApplication.beep() rings the bell (X11's, or the terminal's), so a workstation without speakers,
an offscreen test or a minimal install never fails for lack of audio. GUI thread only; the WAV is
read by QtMultimedia itself, once, when the effect is made.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from widgets.resources import RESOURCES_DIR

log = logging.getLogger(__name__)

ALARM_WAV = RESOURCES_DIR / "sounds" / "alarm.wav"


class AlarmSound(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.played = 0  # how often it sounded (tests, and the log at exit)
        self._effect: QObject | None = None
        self.channel = "bell"  # "sound effect" when the WAV plays
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            return
        if not QMediaDevices.audioOutputs() or not ALARM_WAV.is_file():
            return
        effect = QSoundEffect(self)
        effect.setSource(QUrl.fromLocalFile(str(ALARM_WAV)))
        effect.setVolume(0.8)
        self._effect, self.channel = effect, "sound effect"

    def play(self) -> None:
        effect = self._effect
        if effect is not None and effect.status().name != "Error":  # type: ignore[attr-defined]
            effect.play()  # type: ignore[attr-defined]
        else:
            QApplication.beep()
        self.played += 1
