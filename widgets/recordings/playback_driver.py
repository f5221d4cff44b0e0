"""The Recordings pane's side of the Player: started on first use, commands only once it has timelines.

Seeks are coalesced: one seek per `coalesce_ms` at most, always to the newest position asked for, so
dragging the playhead does not queue a decode per mouse move. `frames_ready` / `status_ready` fire
on the GUI thread (PlayerBridge: latest frame wins); `take_frames` / `take_status` collect them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from app.playback.player import PlaybackStatus, Player, PlayerFrame
from app.playback.segment_timeline import SegmentTimeline
from widgets.recordings.player_bridge import PlayerBridge

PLAYER_MAX_SIZE = (1280, 720)  # frames are decoded no larger than a maximised view needs


class PlaybackDriver(QObject):
    frames_ready = Signal()
    status_ready = Signal()

    def __init__(self, coalesce_ms: int, parent: QObject) -> None:
        super().__init__(parent)
        self.bridge: PlayerBridge | None = None
        self.has_timelines = False
        self.seek_target: datetime | None = None  # a seek waiting for the coalescing timer
        self._seek_timer = QTimer(self)
        self._seek_timer.setSingleShot(True)
        self._seek_timer.setInterval(coalesce_ms)
        self._seek_timer.timeout.connect(self._flush_seek)

    @property
    def ready(self) -> bool:
        """The player has the timelines of every camera being played."""
        return self.bridge is not None and self.has_timelines

    def set_timelines(self, timelines: dict[int, SegmentTimeline]) -> None:
        """Play these cameras (starting the player thread the first time); keeps the position."""
        if self.bridge is None:
            self.bridge = PlayerBridge(max_size=PLAYER_MAX_SIZE, parent=self)
            self.bridge.frames_ready.connect(self.frames_ready)
            self.bridge.status_ready.connect(self.status_ready)
        self.bridge.player.set_timelines(timelines)
        self.has_timelines = True

    def forget_timelines(self) -> None:
        """Other cameras or another day are loading: commands wait, a pending seek is dropped."""
        self.has_timelines = False
        self._seek_timer.stop()  # a seek meant for the previous cameras or day must not land here
        self.seek_target = None

    def seek(self, at: datetime) -> None:
        self.seek_target = at
        if not self._seek_timer.isActive():
            self._seek_timer.start()

    def call(self, command: Callable[[Player], object]) -> None:
        """Give the player a command, if it has its timelines."""
        if self.ready:
            assert self.bridge is not None
            command(self.bridge.player)

    def transport_handlers(self) -> dict[str, Callable[[], object]]:
        """The PlaybackActions that only command the player."""
        return {
            "play": lambda: self.call(lambda p: p.toggle()),
            "back_10": lambda: self.call(lambda p: p.jump(-10.0)),
            "forward_10": lambda: self.call(lambda p: p.jump(10.0)),
            "frame_back": lambda: self.call(lambda p: p.step(-1)),
            "frame_forward": lambda: self.call(lambda p: p.step(1)),
            "slower": lambda: self.call(lambda p: p.slower()),
            "faster": lambda: self.call(lambda p: p.faster()),
        }

    def pause(self) -> None:
        self.call(lambda p: p.pause())

    def set_speed(self, speed: float) -> None:
        self.call(lambda p: p.set_speed(speed))

    def take_frames(self) -> dict[int, PlayerFrame]:
        return self.bridge.take_frames() if self.bridge is not None else {}

    def take_status(self) -> PlaybackStatus | None:
        return self.bridge.take_status() if self.bridge is not None else None

    def close(self) -> None:
        """Close the player's thread (window closing)."""
        self._seek_timer.stop()
        if self.bridge is not None:
            self.bridge.close()

    def _flush_seek(self) -> None:
        target, self.seek_target = self.seek_target, None
        if target is not None:
            self.call(lambda p: p.seek(target))
