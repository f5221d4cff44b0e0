"""Loads the selected event's detail on the TaskRunner, following the selection without a query per row.

`load(event_id)` asks at once; `follow()` (the selection moved) says `due` after `delay_ms`, so J held
down starts no query per row. Both cancel a load still on its way: the answer for an event left never
arrives. `loaded` carries the EventDetail, `failed` the exception. GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from app.supervision.event_service import EventService
from app.tasks import TaskHandle, TaskRunner


class EventDetailLoader(QObject):
    due = Signal()  # the selection stayed `delay_ms`: load the current event now
    loaded = Signal(object)  # EventDetail
    failed = Signal(object)  # the exception

    def __init__(
        self,
        service: EventService | None,
        tasks: TaskRunner,
        viewer_id: int,
        delay_ms: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._tasks = tasks
        self._viewer_id = viewer_id
        self._handle: TaskHandle | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.due)

    @property
    def busy(self) -> bool:
        """A load is on its way or waiting for the timer."""
        return self._handle is not None or self._timer.isActive()

    def load(self, event_id: int) -> None:
        """Ask for the event's detail now (worker thread)."""
        service, viewer = self._service, self._viewer_id
        self.cancel()
        if service is None:
            return
        self._handle = self._tasks.run(
            lambda: service.detail(event_id, viewer_id=viewer), self._loaded, self._failed
        )

    def follow(self) -> None:
        """The selection moved: say `due` once it stays for `delay_ms`."""
        self.cancel()
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()
        if self._handle is not None:
            self._handle.cancel()  # for an event left: its answer must not show
            self._handle = None

    def _loaded(self, detail: object) -> None:
        self._handle = None
        self.loaded.emit(detail)

    def _failed(self, error: BaseException) -> None:
        self._handle = None
        self.failed.emit(error)
