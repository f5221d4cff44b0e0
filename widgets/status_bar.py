"""The status bar: who is signed in, database and stream health, the event journal, and the clock.

The database health probe is blocking (it talks to the database), so it runs on the task runner
every 15 s; a probe that has not answered by the next tick is reported as "no answer" instead of
being started again, so a hung server never piles up worker threads. The event journal's status is
in memory (app/journal_status.py), so it is read with the clock every second and passed on to the
window's alert banner through `journal_changed`.
"""

from __future__ import annotations

import time
from enum import Enum

from PySide6.QtCore import QDateTime, QEvent, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

from app.context import AppContext
from app.domain.people import User
from app.journal_status import JournalStatus
from app.tasks import TaskHandle, TaskRunner
from app.url_masking import mask_url
from widgets.elided_label import ElidedLabel
from widgets.error_texts import error_text
from widgets.journal_texts import JournalLevel, journal_details, journal_level, journal_summary
from widgets.labels import post_label
from widgets.resources import icon
from widgets.scope_text import workspace_caption


class Health(Enum):
    UNKNOWN = "unknown"
    OK = "ok"
    SLOW = "slow"
    ERROR = "error"


_DOT_COLOURS = {
    Health.UNKNOWN: "#7d8694",
    Health.OK: "#3fb27f",
    Health.SLOW: "#e0a030",
    Health.ERROR: "#e5534b",
}


def _dot(colour: str, size: int = 10) -> QPixmap:
    pixmap = QPixmap(size * 2, size * 2)  # drawn at 2x so it stays round on HiDPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    painter.end()
    return pixmap


def _with_icon(icon_name: str, label: QLabel, *extra: QWidget) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(6, 0, 6, 0)
    layout.setSpacing(5)
    glyph = QLabel()
    glyph.setPixmap(icon(icon_name).pixmap(14, 14))
    layout.addWidget(glyph)
    layout.addWidget(label)
    for widget in extra:
        layout.addWidget(widget)
    return box


_JOURNAL_COLOURS = {
    JournalLevel.STORED: _DOT_COLOURS[Health.OK],
    JournalLevel.WAITING: _DOT_COLOURS[Health.SLOW],
    JournalLevel.ENDANGERED: _DOT_COLOURS[Health.ERROR],
}


class ConsoleStatusBar(QStatusBar):
    HEALTH_INTERVAL_MS = 15_000
    journal_changed = Signal(object)  # JournalStatus, when it differs from the last one read

    def __init__(
        self, context: AppContext, user: User, tasks: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consoleStatusBar")
        self._context = context
        self._user = user
        self._tasks = tasks
        self._health = Health.UNKNOWN
        self._health_detail = ""
        self._probe: TaskHandle | None = None
        self._probe_started = 0.0
        # (open, failing, preparing demo video); None until the video wall reports
        self._streams: tuple[int, int, int] | None = None

        self.user_label = QLabel()
        self.workspace_label = ElidedLabel(max_chars=32)
        self.database_label = ElidedLabel(max_chars=44)
        self.health_dot = QLabel()
        self.streams_label = QLabel()
        self.journal_label = QLabel()
        self.journal_label.setObjectName("journalStatus")
        self.journal_dot = QLabel()
        self._journal = context.journal.status()
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")

        self.addWidget(_with_icon("user", self.user_label))
        self.addWidget(_with_icon("city", self.workspace_label))
        self.addPermanentWidget(_with_icon("database", self.database_label, self.health_dot))
        self.addPermanentWidget(_with_icon("stream", self.streams_label))
        self._journal_box = _with_icon("journal", self.journal_label, self.journal_dot)
        self.addPermanentWidget(self._journal_box)
        self._show_journal()
        self.addPermanentWidget(self.clock_label)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick_clock)
        self._clock.start()
        self._tick_clock()
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(self.HEALTH_INTERVAL_MS)
        self._health_timer.timeout.connect(self.probe_health)
        self._health_timer.start()
        self.retranslate()
        self.probe_health()

    @property
    def health(self) -> Health:
        return self._health

    @property
    def journal(self) -> JournalStatus:
        """The event journal's status as last read."""
        return self._journal

    def stop(self) -> None:
        """Stop the timers and forget a probe in flight (window closing)."""
        self._clock.stop()
        self._health_timer.stop()
        if self._probe is not None:
            self._probe.cancel()

    def set_stream_health(self, open_streams: int, failing: int, preparing: int = 0) -> None:
        """For the video wall: how many streams are open, how many of them are failing, and how many
        wait for a demo clip still being rendered (not a fault: a first start of the demo)."""
        self._streams = (open_streams, failing, preparing)
        self._show_streams()

    def _show_streams(self) -> None:
        if self._streams is None or self._streams[0] == 0:
            self.streams_label.setText(self.tr("No streams open"))
            return
        open_streams, failing, preparing = self._streams
        text = self.tr("%n stream(s) open", "", open_streams)
        if failing:
            text += " · " + self.tr("%n failing", "", failing)
        if preparing:
            text += " · " + self.tr("preparing demo video for %n", "", preparing)
        self.streams_label.setText(text)

    def probe_health(self) -> None:
        """Ask the database whether it is reachable, on a worker thread."""
        if self._probe is not None and not self._probe.is_done:
            waited = int(time.monotonic() - self._probe_started)
            self._set_health(Health.SLOW, self.tr("No answer from the database for %n second(s)", "", waited))
            return
        self._probe_started = time.monotonic()
        self._probe = self._tasks.run(self._context.database_health, self._on_health, self._on_health_error)

    def _on_health(self, problem: str | None) -> None:
        if problem:
            self._set_health(Health.ERROR, problem)
        else:
            self._set_health(Health.OK, "")

    def _on_health_error(self, error: BaseException) -> None:
        self._set_health(Health.ERROR, error_text(error))

    def _set_health(self, health: Health, detail: str) -> None:
        self._health, self._health_detail = health, detail
        self.health_dot.setPixmap(_dot(_DOT_COLOURS[health]))
        texts = {
            Health.UNKNOWN: self.tr("Checking the database…"),
            Health.OK: self.tr("Database reachable"),
            Health.SLOW: self.tr("Database slow to answer"),
            Health.ERROR: self.tr("Database unreachable"),
        }
        tip = texts[health] + (f"\n{detail}" if detail else "")
        self.health_dot.setToolTip(tip)
        self.database_label.setToolTip(f"{self._database_text()}\n{tip}")

    def _database_text(self) -> str:
        info = self._context.database
        backend = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(info.backend.lower(), info.backend)
        # display_url is masked by contract; mask again so a slip upstream never shows a password.
        return f"{backend} · {mask_url(info.display_url)}"

    def _tick_clock(self) -> None:
        self.clock_label.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm:ss"))
        self.read_journal()

    def read_journal(self) -> None:
        """Show the journal's depth; cheap and in memory (its contract), so on the GUI thread."""
        status = self._context.journal.status()
        if status != self._journal:
            self._journal = status
            self._show_journal()
            self.journal_changed.emit(status)
        elif status.oldest_at is not None:
            self.journal_label.setToolTip(journal_details(status))  # the waiting time grows

    def _show_journal(self) -> None:
        status = self._journal
        self.journal_label.setText(journal_summary(status))
        self.journal_dot.setPixmap(_dot(_JOURNAL_COLOURS[journal_level(status)]))
        tip = journal_details(status)
        self.journal_label.setToolTip(tip)
        self.journal_dot.setToolTip(tip)

    def retranslate(self) -> None:
        user = self._user
        self.user_label.setText(f"{user.display_name} · {post_label(user.post)}")
        self.user_label.setToolTip(self.tr("Signed in as %1").replace("%1", user.login))
        self.workspace_label.setText(workspace_caption(self._context))
        self.database_label.setText(self._database_text())
        self._show_streams()
        self._show_journal()
        self._set_health(self._health, self._health_detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
