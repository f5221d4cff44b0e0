"""Opens the wall's tiles one per turn of the event loop instead of all at once.

Opening a tile starts two threads (its decoder and its recorder), and `Thread.start` waits until
the new thread has run: with 16 decoders already holding the GIL that took 10–40 ms a thread, so a
4×4 page opened in one go held the GUI thread for about a second as the window first showed. Here
each turn opens one tile and then lets Qt paint and deliver frames. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from widgets.video_wall.tile import Tile


class TileBindQueue(QObject):
    def __init__(self, bind: Callable[[Tile], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bind = bind  # decides itself whether the tile still wants its stream
        self._tiles: list[Tile] = []
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._bind_next)

    def add(self, tile: Tile) -> None:
        if not any(queued is tile for queued in self._tiles):
            self._tiles.append(tile)
        self._timer.start()

    def discard(self, tile: Tile) -> None:
        self._tiles = [queued for queued in self._tiles if queued is not tile]

    def clear(self) -> None:
        self._tiles.clear()
        self._timer.stop()

    def pending(self) -> int:
        return len(self._tiles)

    def _bind_next(self) -> None:
        if not self._tiles:
            self._timer.stop()
            return
        self._bind(self._tiles.pop(0))
        if not self._tiles:
            self._timer.stop()
