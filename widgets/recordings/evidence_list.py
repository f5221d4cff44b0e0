"""Bookmarks and evidence locks of the selected camera's day, in time order, with their actions.

Double-click (or Enter) plays from the entry; the buttons edit a bookmark's note, delete a bookmark,
or release a lock. What the user may do is the service's decision; refusals come back as messages.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.playback.review_model import Bookmark, CameraDay, EvidenceLock
from widgets.recordings import marker_style
from widgets.resources import icon

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the Bookmark or EvidenceLock of a row


class EvidenceList(QWidget):
    play_from = Signal(object)  # datetime
    edit_bookmark = Signal(object)  # Bookmark
    delete_bookmark = Signal(object)  # Bookmark
    release_lock = Signal(object)  # EvidenceLock

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.list = QListWidget(self)
        self.list.setObjectName("recordingsEvidence")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(lambda _now, _before: self._enable())
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(lambda: self._emit_current(Bookmark, self.edit_bookmark))
        self.delete_button = QPushButton(self)
        self.delete_button.clicked.connect(lambda: self._emit_current(Bookmark, self.delete_bookmark))
        self.release_button = QPushButton(self)
        self.release_button.clicked.connect(lambda: self._emit_current(EvidenceLock, self.release_lock))
        # Two rows of buttons: the side list stays narrow enough beside the pictures.
        buttons = QGridLayout()
        buttons.addWidget(self.edit_button, 0, 0)
        buttons.addWidget(self.delete_button, 0, 1)
        buttons.addWidget(self.release_button, 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._day: CameraDay | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Bookmarks and evidence locks"))
        self.edit_button.setText(self.tr("Edit note…"))
        self.delete_button.setText(self.tr("Delete"))
        self.release_button.setText(self.tr("Release lock"))
        self.list.setToolTip(self.tr("Double-click to play from there"))
        self.show_day(self._day, force=True)

    def show_day(self, camera_day: CameraDay | None, force: bool = False) -> None:
        """List the day's bookmarks and locks; the same entries again keep the list (and its
        selection) as it is: today's day is re-read every half minute."""
        unchanged = _entries_of(camera_day) == _entries_of(self._day) and self.list.count() > 0
        self._day = camera_day
        if unchanged and not force:
            return
        self.list.clear()
        entries: list[tuple[datetime, Bookmark | EvidenceLock]] = []
        if camera_day is not None:
            entries += [(b.at, b) for b in camera_day.bookmarks]
            entries += [(lock.start, lock) for lock in camera_day.locks]
        for _at, entry in sorted(entries, key=lambda pair: pair[0]):
            # SVG icons, not 🔖/🔒: the console's fonts have no emoji and showed empty boxes.
            if isinstance(entry, Bookmark):
                text = marker_style.bookmark_tooltip(entry) + f" — {entry.created_by}"
                item = QListWidgetItem(icon("bookmark"), text)
            else:
                text = marker_style.lock_text(entry) + f" — {entry.created_by}"
                item = QListWidgetItem(icon("lock"), text)
            item.setData(ENTRY_ROLE, entry)
            self.list.addItem(item)
        self._enable()

    def entries(self) -> list[Bookmark | EvidenceLock]:
        return [self.list.item(row).data(ENTRY_ROLE) for row in range(self.list.count())]

    def _current(self) -> Bookmark | EvidenceLock | None:
        item = self.list.currentItem()
        return item.data(ENTRY_ROLE) if item is not None else None

    def _enable(self) -> None:
        entry = self._current()
        self.edit_button.setEnabled(isinstance(entry, Bookmark))
        self.delete_button.setEnabled(isinstance(entry, Bookmark))
        self.release_button.setEnabled(isinstance(entry, EvidenceLock))

    def _emit_current(self, kind: type, signal: SignalInstance) -> None:
        entry = self._current()
        if isinstance(entry, kind):
            signal.emit(entry)

    def _activated(self, item: QListWidgetItem) -> None:
        entry = item.data(ENTRY_ROLE)
        self.play_from.emit(entry.at if isinstance(entry, Bookmark) else entry.start)


def _entries_of(camera_day: CameraDay | None) -> tuple[object, ...]:
    if camera_day is None:
        return (None,)
    return (camera_day.camera_id, *camera_day.bookmarks, *camera_day.locks)
