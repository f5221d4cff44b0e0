"""The wall's side of alarms: which tiles are marked, what a click opens, mute and snooze.

The Events pane's poll hands over the unclaimed high-severity events by camera (`set_alarms`);
`mark` puts the newest on each tile showing that camera (the canvas paints the red frame and the
label, tile_overlay.draw_alarm). A click on the label asks for the camera's recording from
ALARM_LEAD_IN before the event (`opened`), the window plays it. The tile menu mutes a camera's
alarm sound for good or snoozes it for SNOOZE, per officer in Settings; the frame stays either way:
a muted alarm is still an alarm. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu

from app.settings import Settings
from app.supervision.alarm_board import Alarm
from widgets.video_wall.tile import Tile

ALARM_LEAD_IN = timedelta(seconds=30)  # an alarm opens its recording this long before the event
SNOOZE = timedelta(minutes=10)


class WallAlarms(QObject):
    opened = Signal(int, object)  # (camera id, datetime to play from)

    def __init__(self, settings: Settings, login: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._login = login
        self.by_camera: dict[int, list[Alarm]] = {}  # camera id → unclaimed alarms, newest first
        self.clock: Callable[[], datetime] = datetime.now

    def set_alarms(self, alarms: dict[int, list[Alarm]]) -> None:
        self.by_camera = alarms

    def mark(self, tiles: list[Tile]) -> None:
        """Put each camera's newest alarm on the tiles showing it (after a page or camera change too)."""
        for tile in tiles:
            found = self.by_camera.get(tile.camera.id, []) if tile.camera is not None else []
            tile.alarm, tile.alarm_count = (found[0] if found else None), len(found)

    def open(self, tile: Tile) -> None:
        """The recording of an alarmed tile's camera, from ALARM_LEAD_IN before its newest alarm."""
        if tile.alarm is not None:
            self.opened.emit(tile.alarm.camera_id, tile.alarm.started_at - ALARM_LEAD_IN)

    def mute(self, camera_id: int, muted: bool) -> None:
        cameras = self._settings.muted_cameras(self._login)
        cameras = cameras | {camera_id} if muted else cameras - {camera_id}
        self._settings.set_muted_cameras(self._login, cameras)

    def snooze(self, camera_id: int, until: datetime | None) -> None:
        """Silence the camera's alarms until `until` (None: sound again now); past snoozes are dropped."""
        now = self.clock()
        snoozed = {c: t for c, t in self._settings.snoozed_cameras(self._login).items() if t > now}
        if until is None:
            snoozed.pop(camera_id, None)
        else:
            snoozed[camera_id] = until
        self._settings.set_snoozed_cameras(self._login, snoozed)

    def add_actions(self, menu: QMenu, camera_id: int, alarm: Alarm | None) -> None:
        """The tile menu's alarm entries: play the 30 s before, mute, snooze (or sound again)."""
        menu.addSeparator()
        start = (alarm.started_at if alarm is not None else self.clock()) - ALARM_LEAD_IN
        play = menu.addAction(
            self.tr("Play the 30 s before the alarm") if alarm else self.tr("Play the last 30 s"),
            lambda: self.opened.emit(camera_id, start),
        )
        play.setObjectName("playLast30s")
        mute = menu.addAction(self.tr("Mute this camera's alarm sound"))
        mute.setObjectName("muteCamera")
        mute.setCheckable(True)
        mute.setChecked(camera_id in self._settings.muted_cameras(self._login))
        mute.toggled.connect(lambda on: self.mute(camera_id, on))
        until = self._settings.snoozed_cameras(self._login).get(camera_id)
        if until is not None and until > self.clock():
            snooze = menu.addAction(
                self.tr("Sound again (snoozed until %1)").replace("%1", f"{until:%H:%M}"),
                lambda: self.snooze(camera_id, None),
            )
        else:
            snooze = menu.addAction(
                self.tr("Snooze the alarm sound for 10 min"),
                lambda: self.snooze(camera_id, self.clock() + SNOOZE),
            )
        snooze.setObjectName("snoozeCamera")
