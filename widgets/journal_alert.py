"""The red bar across the top of the window while this workstation's disk refuses the journal.

Everything else about the journal is calm (a count in the status bar): events waiting for the
database are safe on the local disk. When that disk itself refuses (full, gone read-only, failing),
flagged events live only in memory and a crash loses them, so the officer must see it at once,
whatever pane is in front, until the disk takes the journal again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolBar, QWidget

from app.journal_status import JournalStatus
from widgets.journal_texts import JournalLevel, disk_alert, journal_level


class JournalAlertBar(QToolBar):
    """A fixed tool bar holding one wrapped red message; hidden while the journal writes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalAlertBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.toggleViewAction().setVisible(False)  # not a bar the officer may switch off
        box = self._box = QWidget(self)
        box.setObjectName("journalAlert")
        box.setStyleSheet(
            "#journalAlert { background: #b3261e; }"
            "#journalAlert QLabel { color: white; font-weight: bold; padding: 6px 10px; }"
        )
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel(box)
        self.message.setObjectName("journalAlertText")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message, 1)
        self.addWidget(box)
        self._status: JournalStatus | None = None
        self.hide()

    def show_status(self, status: JournalStatus) -> None:
        self._status = status
        endangered = journal_level(status) is JournalLevel.ENDANGERED
        if endangered:
            self.message.setText(disk_alert(status))
            self._fit()
        self.setVisible(endangered)

    def _fit(self) -> None:
        # A tool bar sizes a wrapped label for a narrow guess: give it its real height.
        height = self.message.heightForWidth(max(self.width() - 12, 200))
        if height >= 0:  # -1 while it has no text: Qt would refuse it with a warning
            self._box.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._status is not None:
            self.show_status(self._status)
        super().changeEvent(event)
