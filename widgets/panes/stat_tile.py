"""Stat tiles for the Dashboard pane: one number with its caption, laid out to fit the dock width."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget


class StatTile(QFrame):
    """A figure and its caption. `attention` tiles turn amber when non-zero (work is waiting)."""

    def __init__(self, attention: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statTile")
        self._attention = attention
        self._value: int | None = None
        self.value_label = QLabel("—", self)
        self.value_label.setObjectName("statValue")
        self.caption_label = QLabel(self)
        self.caption_label.setObjectName("statCaption")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @property
    def value(self) -> int | None:
        return self._value

    def set_caption(self, text: str) -> None:
        self.caption_label.setText(text)

    def set_value(self, value: int | None) -> None:
        self._value = value
        self.value_label.setText("—" if value is None else QLocale().toString(value))
        self._set_flag("alert", self._attention and bool(value))

    def set_stale(self, stale: bool) -> None:
        """Dim the figure while a newer one is being computed."""
        self._set_flag("stale", stale)

    def _set_flag(self, name: str, on: bool) -> None:
        # Dynamic properties drive the style sheet; re-polish so the change shows.
        if bool(self.property(name)) == on:
            return
        for widget in (self, self.value_label):
            widget.setProperty(name, on)
            widget.style().unpolish(widget)
            widget.style().polish(widget)


class TileGrid(QWidget):
    """Places tiles in as many columns as the width allows, so a narrow dock stacks them."""

    def __init__(
        self, tiles: list[StatTile], min_tile_width: int = 150, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tiles = tiles
        self._min_width = min_tile_width
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        self._place(self._columns_for(self.width()))

    def _columns_for(self, width: int) -> int:
        spacing = self._grid.spacing()
        return max(1, min(len(self._tiles), (width + spacing) // (self._min_width + spacing)))

    def _place(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for tile in self._tiles:
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self._tiles):
            self._grid.addWidget(tile, index // columns, index % columns, Qt.AlignmentFlag(0))
        for column in range(len(self._tiles)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(self._columns_for(event.size().width()))
        super().resizeEvent(event)
