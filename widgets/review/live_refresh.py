"""When a list should ask the database again: every few seconds while shown, and at once when this
console's live analysis has stored events (its counter, an int read without I/O).

GUI thread. The owner supplies `poll` (which starts its own TaskRunner query and decides whether one
is already running) and `live_count`; this object only keeps the two timers and the last count seen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class LiveRefresh(QObject):
    def __init__(
        self,
        parent: QObject,
        poll: Callable[[], None],
        live_count: Callable[[], int | None],
        *,
        interval_ms: int,
        live_ms: int = 1_000,
    ) -> None:
        super().__init__(parent)
        self._poll = poll
        self._live_count = live_count
        self._seen: int | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._poll)
        self._live_timer = QTimer(self)
        self._live_timer.setInterval(live_ms)
        self._live_timer.timeout.connect(self._poll_if_live_stored)

    def start(self) -> None:
        self._timer.start()
        self._live_timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._live_timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def asked(self) -> None:
        """The owner is asking now: events stored so far are covered by its answer."""
        self._seen = self._live_count()

    def _poll_if_live_stored(self) -> None:
        if self._live_count() != self._seen:
            self._poll()
