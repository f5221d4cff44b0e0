"""概览 Dashboard: headline figures for the selected scope, computed on a worker thread.

AppContext.dashboard(scope) may hit the database, so it only ever runs through the TaskRunner; this
widget shows "loading" until the answer comes back to the GUI thread, and an error with a retry
button if it fails. Selecting another node in the county tree cancels the old query.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from app.context import DashboardCounts, DashboardSource
from app.domain.geography import Workspace
from app.domain.people import Scope
from app.tasks import TaskHandle, TaskRunner
from widgets.elided_label import ElidedLabel
from widgets.panes.pane import Pane
from widgets.panes.stat_tile import StatTile, TileGrid
from widgets.resources import icon
from widgets.scope_text import describe_scope

log = logging.getLogger(__name__)


class DashboardState(Enum):
    IDLE = "idle"
    LOADING = "loading"
    READY = "ready"
    ERROR = "error"


# (DashboardCounts field, section) in display order; sections: 0 coverage, 1 study, 2 needs attention.
_FIELDS: tuple[tuple[str, int], ...] = (
    ("counties", 0),
    ("sites", 0),
    ("classrooms", 0),
    ("cameras", 0),
    ("learners", 1),
    ("sessions_today", 1),
    ("learners_rostered_today", 1),
    ("online_records", 1),
    ("captured_photos", 1),
    ("completions_pending", 2),
    ("events_open", 2),
)


class DashboardPane(Pane):
    OBJECT_NAME = "dashboardPane"
    ICON = "pane_dashboard"
    AUTO_REFRESH_MS = 60_000  # figures drift during a shift; a minute is fresh enough and cheap

    def __init__(
        self, source: DashboardSource, workspace: Workspace, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._workspace = workspace
        self._tasks = tasks
        self._handle: TaskHandle | None = None
        self._state = DashboardState.IDLE
        self._counts: DashboardCounts | None = None
        self._error_text = ""
        self._updated_at = ""

        self._scope_label = QLabel(self)
        self._scope_label.setObjectName("paneHeading")
        self._status_label = ElidedLabel(parent=self, max_chars=40)
        self._status_label.setObjectName("paneStatus")
        self._refresh_button = QPushButton(icon("refresh"), "", self)
        self._refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(self._scope_label, 1)
        header.addWidget(self._status_label)
        header.addWidget(self._refresh_button)

        self.tiles = {name: StatTile(attention=section == 2) for name, section in _FIELDS}
        self._section_labels = [QLabel(self) for _ in range(3)]
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        for section, heading in enumerate(self._section_labels):
            heading.setObjectName("sectionHeading")
            body_layout.addWidget(heading)
            body_layout.addWidget(TileGrid([self.tiles[n] for n, s in _FIELDS if s == section]))
        body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(header)
        layout.addWidget(scroll, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(self.AUTO_REFRESH_MS)
        self._timer.timeout.connect(self._auto_refresh)
        self.retranslate()

    # -- public

    @property
    def state(self) -> DashboardState:
        return self._state

    @property
    def counts(self) -> DashboardCounts | None:
        return self._counts

    def pane_title(self) -> str:
        return self.tr("Dashboard")

    def set_scope(self, scope: Scope) -> None:
        super().set_scope(scope)
        self._counts = None  # figures of another scope must not linger under this scope's name
        self.refresh()

    def refresh(self) -> None:
        """Recompute the figures for the current scope on a worker thread."""
        if self._handle is not None:
            self._handle.cancel()
        self._state = DashboardState.LOADING
        self._show()
        source, scope = self._source, self.scope
        query: Callable[[], DashboardCounts] = lambda: source(scope)  # noqa: E731 - runs on a worker
        self._handle = self._tasks.run(query, self._on_counts, self._on_error)
        self._timer.start()

    def stop(self) -> None:
        """Stop refreshing (window closing): cancel the query in flight and the timer."""
        self._timer.stop()
        if self._handle is not None:
            self._handle.cancel()

    # -- task callbacks (GUI thread)

    def _on_counts(self, counts: DashboardCounts) -> None:
        self._counts = counts
        self._state = DashboardState.READY
        self._updated_at = QTime.currentTime().toString("HH:mm:ss")
        self._show()

    def _on_error(self, error: BaseException) -> None:
        log.warning("dashboard query failed for %s", self.scope, exc_info=error)
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        self._error_text = first_line[:160]
        self._state = DashboardState.ERROR
        self._show()

    def _auto_refresh(self) -> None:
        if self.isVisible() and self._state is not DashboardState.LOADING:
            self.refresh()

    # -- presentation

    def _show(self) -> None:
        self._scope_label.setText(describe_scope(self._workspace, self.scope))
        counts = self._counts
        for name, tile in self.tiles.items():
            tile.set_value(None if counts is None else int(getattr(counts, name)))
            tile.set_stale(self._state is not DashboardState.READY)
        state = self._state
        self._status_label.setProperty("error", state is DashboardState.ERROR)
        self._status_label.style().unpolish(self._status_label)
        self._status_label.style().polish(self._status_label)
        if state is DashboardState.LOADING:
            self._status_label.setText(self.tr("Loading…"))
        elif state is DashboardState.ERROR:
            self._status_label.setText(
                self.tr("Could not load the figures: %1").replace("%1", self._error_text)
            )
        elif state is DashboardState.READY:
            self._status_label.setText(self.tr("Updated %1").replace("%1", self._updated_at))
        else:
            self._status_label.setText("")
        self._refresh_button.setText(
            self.tr("Retry") if state is DashboardState.ERROR else self.tr("Refresh")
        )
        self._refresh_button.setEnabled(state is not DashboardState.LOADING)

    def retranslate(self) -> None:
        captions = {
            "counties": self.tr("Counties / districts"),
            "sites": self.tr("Service sites"),
            "classrooms": self.tr("Classrooms"),
            "cameras": self.tr("Cameras"),
            "learners": self.tr("Learners"),
            "sessions_today": self.tr("Class sessions today"),
            "learners_rostered_today": self.tr("Learners rostered today"),
            "online_records": self.tr("Online study records"),
            "captured_photos": self.tr("Captured study photos"),
            "completions_pending": self.tr("Completions to review"),
            "events_open": self.tr("Open events"),
        }
        for name, tile in self.tiles.items():
            tile.set_caption(captions[name])
        for heading, text in zip(
            self._section_labels,
            (self.tr("Coverage"), self.tr("Study"), self.tr("Needs attention")),
            strict=True,
        ):
            heading.setText(text)
        self._refresh_button.setToolTip(self.tr("Recompute the figures now"))
        self._show()
