"""The row under the pictures: transport buttons, speed, the clock, the span (In/Out), bookmark, lock, export.

The buttons show the pane's PlaybackActions. The texts that change while playing (the span, the
player's note) may shrink to nothing rather than widen the pane: the whole row must fit beside the
scope tree and the events dock on a 1366-pixel screen.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget

from app.playback.player import SPEEDS, PlaybackStatus
from widgets.recordings.playback_actions import PlaybackActions
from widgets.recordings.review_texts import status_text


class TransportBar(QWidget):
    speed_chosen = Signal(float)  # a speed picked in the combo

    def __init__(self, commands: PlaybackActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._commands = commands
        self.speed_combo = QComboBox(self)
        self.speed_combo.setObjectName("recordingsSpeed")
        for speed in SPEEDS:
            self.speed_combo.addItem(f"{speed:g}×", speed)
        self.speed_combo.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_combo.activated.connect(lambda i: self.speed_chosen.emit(self.speed_combo.itemData(i)))
        self.clock_label = QLabel("--:--:--", self)
        self.clock_label.setObjectName("playbackClock")
        self.span_label = QLabel(self)
        self.playback_note = QLabel(self)  # what the player says (end, keyframes only, a bad file)
        self.playback_note.setObjectName("playbackNote")
        for label in (self.span_label, self.playback_note):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("recordingsExport")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        export_menu = QMenu(self.export_button)
        export_menu.addAction(commands["export_clip"])
        export_menu.addAction(commands["export_package"])
        self.export_button.setMenu(export_menu)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        for name in ("frame_back", "back_10", "play", "forward_10", "frame_forward"):
            row.addWidget(self._button(name, icon_only=True))
        row.addWidget(self.speed_combo)
        row.addSpacing(4)
        row.addWidget(self.clock_label)
        row.addSpacing(6)
        for name in ("mark_in", "mark_out"):
            row.addWidget(self._button(name))
        row.addWidget(self.span_label, 2)
        row.addWidget(self._button("bookmark"))
        row.addWidget(self._button("lock"))
        row.addWidget(self.export_button)
        row.addWidget(self.playback_note, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Export the selected span (select it with I/O or shift-drag)"))
        self.speed_combo.setToolTip(self.tr("Playback speed ([ slower, ] faster)"))

    def set_export_enabled(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)

    def set_span_text(self, text: str) -> None:
        self.span_label.setText(text)
        self.span_label.setToolTip(text)

    def show_status(self, status: PlaybackStatus, position: datetime | None) -> None:
        """The player's clock, speed and note (end, keyframes only, a bad file)."""
        if position is not None:
            self.clock_label.setText(position.strftime("%H:%M:%S"))
        index = self.speed_combo.findData(status.speed)
        if index >= 0:
            self.speed_combo.setCurrentIndex(index)
        note = status_text(status)
        self.playback_note.setText(note)
        self.playback_note.setToolTip(note)

    def _button(self, name: str, icon_only: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(self._commands[name])
        button.setAutoRaise(True)
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonIconOnly if icon_only else Qt.ToolButtonStyle.ToolButtonTextOnly
        )
        return button
