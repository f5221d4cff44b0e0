"""Brings the Player's callbacks (its own "playback" thread) to the GUI thread, latest frame wins.

The Player calls `on_frame` / `on_status` from its thread. Handing every frame to Qt as a signal
payload would queue frames faster than the GUI paints at 16×, so, like the video wall, each camera
keeps only its newest frame in a lock-guarded dict and the GUI is woken with one payload-free
queued signal until it has taken what is there. The status works the same way (newest wins).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from app.playback.player import PlaybackStatus, Player, PlayerFrame


class PlayerBridge(QObject):
    """Owns the Player; `frames_ready` / `status_ready` fire on the GUI thread (queued)."""

    frames_ready = Signal()
    status_ready = Signal()

    def __init__(self, max_size: tuple[int, int] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._frames: dict[int, PlayerFrame] = {}
        self._status: PlaybackStatus | None = None
        self._frames_woken = False
        self._status_woken = False
        self._closed = False
        self.player = Player(self._on_frame, self._on_status, max_size=max_size)

    # -- player thread

    def _on_frame(self, frame: PlayerFrame) -> None:
        with self._lock:
            if self._closed:
                return
            self._frames[frame.camera_id] = frame
            wake, self._frames_woken = not self._frames_woken, True
        if wake:
            self.frames_ready.emit()

    def _on_status(self, status: PlaybackStatus) -> None:
        with self._lock:
            if self._closed:
                return
            self._status = status
            wake, self._status_woken = not self._status_woken, True
        if wake:
            self.status_ready.emit()

    # -- GUI thread

    def take_frames(self) -> dict[int, PlayerFrame]:
        """The newest frame of every camera that has one since the last call."""
        with self._lock:
            frames, self._frames = self._frames, {}
            self._frames_woken = False
        return frames

    def take_status(self) -> PlaybackStatus | None:
        with self._lock:
            status = self._status
            self._status_woken = False
        return status

    def close(self) -> None:
        """Stop the player's thread; late callbacks are ignored."""
        with self._lock:
            self._closed = True
        self.player.close()
