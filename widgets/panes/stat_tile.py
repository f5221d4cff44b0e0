"""Stat tiles for the Dashboard pane: one number with its caption, laid out to fit the dock width.

A StatTile only shows; a FigureButton is a figure that opens what it counts (the pending work, the
classrooms in session) and can shrink to one line when the Dashboard is collapsed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


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
        _set_flag(self, (self, self.value_label), "alert", self._attention and bool(value))

    def set_stale(self, stale: bool) -> None:
        """Dim the figure while a newer one is being computed."""
        _set_flag(self, (self, self.value_label), "stale", stale)


class FigureButton(QPushButton):
    """A figure and its caption on one line, that opens the matching pane when clicked. `attention`
    figures turn amber when non-zero; `set_compact(True)` shows the caption's short form."""

    def __init__(self, attention: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("figure", True)  # the style sheet's hook; the object name says which figure
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._attention = attention
        self._value: int | None = None
        self._captions = ("", "")  # (full, short)
        self.value_label = QLabel("—", self)
        self.value_label.setObjectName("figureValue")
        self.caption_label = QLabel(self)
        self.caption_label.setObjectName("figureCaption")
        for label in (self.value_label, self.caption_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(7, 3, 8, 3)
        self._box.setSpacing(5)
        self._box.addWidget(self.value_label)
        self._box.addWidget(self.caption_label)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @property
    def value(self) -> int | None:
        return self._value

    def set_caption(self, text: str, short: str = "") -> None:
        self._captions = (text, short or text)
        self.caption_label.setText(self._captions[bool(self.property("compact"))])
        self.updateGeometry()

    def set_value(self, value: int | None) -> None:
        self._value = value
        self.value_label.setText("—" if value is None else QLocale().toString(value))
        _set_flag(self, (self, self.value_label), "alert", self._attention and bool(value))
        self.updateGeometry()

    def set_stale(self, stale: bool) -> None:
        _set_flag(self, (self, self.value_label), "stale", stale)

    def set_compact(self, compact: bool) -> None:
        _set_flag(self, (self, self.value_label), "compact", compact)
        self.caption_label.setText(self._captions[compact])
        self.updateGeometry()

    def full_width(self) -> int:
        """The width with the full caption (to decide whether the full captions fit)."""
        margins = self._box.contentsMargins()
        texts = self.value_label.sizeHint().width() + self.caption_label.fontMetrics().horizontalAdvance(
            self._captions[0]
        )
        return texts + self._box.spacing() + margins.left() + margins.right() + 2

    def sizeHint(self) -> QSize:  # the labels' layout, not a button text's
        return self._box.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._box.minimumSize()


def _set_flag(owner: QWidget, widgets: Sequence[QWidget], name: str, on: bool) -> None:
    # Dynamic properties drive the style sheet; re-polish so the change shows.
    if bool(owner.property(name)) == on:
        return
    for widget in widgets:
        widget.setProperty(name, on)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class FigureFlow(QWidget):
    """Figures left to right at their own widths, wrapping onto a new line when the width runs out;
    `groups` are kept apart by a wider gap (what is happening now · what is waiting).

    No layout of its own, so that Qt asks it for height-for-width: its height follows its lines
    without ever raising its minimum (a fixed height set while a dock was still narrow, at the
    first layout pass, made the whole window taller than the screen)."""

    SPACING = 6
    GROUP_GAP = 14

    def __init__(self, groups: Sequence[Sequence[QWidget]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._groups = [list(group) for group in groups]
        for group in self._groups:
            for widget in group:
                widget.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _widgets(self) -> list[tuple[QWidget, bool]]:
        """Every figure with whether it opens a group."""
        return [(w, n == 0 and g > 0) for g, group in enumerate(self._groups) for n, w in enumerate(group)]

    def _layout(self, width: int, place: bool) -> int:
        """Lay the figures out in `width` (moving them when `place`); returns the height used."""
        x = y = line_height = 0
        for widget, opens_group in self._widgets():
            hint = widget.sizeHint()
            gap = (self.GROUP_GAP if opens_group else self.SPACING) if x else 0
            if x and x + gap + hint.width() > width:
                x, y, gap = 0, y + line_height + self.SPACING, 0
                line_height = 0
            if place:
                widget.setGeometry(QRect(x + gap, y, hint.width(), hint.height()))
            x += gap + hint.width()
            line_height = max(line_height, hint.height())
        return y + line_height

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The height the figures need in `width` px, as they are now (compact or not)."""
        return self._layout(max(width, 1), place=False)

    def relayout(self) -> None:
        """Place the figures again (their captions or their shape changed)."""
        self._layout(max(self.width(), 1), place=True)
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        widgets = self._widgets()
        gaps = sum(self.GROUP_GAP if opens else self.SPACING for _widget, opens in widgets[1:])
        width = sum(widget.sizeHint().width() for widget, _opens in widgets) + gaps
        return QSize(width, self._layout(width, place=False))

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest figure; as short as one line (the height follows the width)."""
        widest = max([1, *(widget.sizeHint().width() for widget, _opens in self._widgets())])
        return QSize(widest, self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout(max(event.size().width(), 1), place=True)


class TileGrid(QWidget):
    """Places tiles in as many columns as the width allows, so a narrow dock stacks them. Columns are
    at least `min_tile_width` wide, or as wide as the widest tile wants with `fit_tiles` (figures
    whose captions must not be cut, in either language). Its height follows its rows."""

    def __init__(
        self,
        tiles: Sequence[QWidget],
        min_tile_width: int = 150,
        parent: QWidget | None = None,
        *,
        fit_tiles: bool = False,
    ) -> None:
        super().__init__(parent)
        self._tiles = list(tiles)
        self._min_width = min_tile_width
        self._fit_tiles = fit_tiles
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(8)
        # Reflow rather than pin the width, and set the rows' height (Qt gives none here).
        self._grid.setSizeConstraint(QGridLayout.SizeConstraint.SetNoConstraint)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._place(self._columns_for(self.width()))

    def _column_width(self) -> int:
        if not self._fit_tiles:
            return self._min_width
        return max([self._min_width, *(tile.sizeHint().width() for tile in self._tiles)])

    def _columns_for(self, width: int) -> int:
        spacing = self._grid.spacing()
        return max(1, min(len(self._tiles), (width + spacing) // (self._column_width() + spacing)))

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
        self.setFixedHeight(self._height_for(columns))

    def reflow(self) -> None:
        """Place the tiles again (their captions or their layout changed)."""
        self._columns = 0
        self._place(self._columns_for(self.width()))

    def _height_for(self, columns: int) -> int:
        rows = -(-len(self._tiles) // columns)
        row_height = max([0, *(tile.sizeHint().height() for tile in self._tiles)])
        return rows * row_height + (rows - 1) * self._grid.spacing()

    def sizeHint(self) -> QSize:
        spacing = self._grid.spacing()
        width = len(self._tiles) * (self._column_width() + spacing) - spacing
        return QSize(width, self._height_for(len(self._tiles)))

    def minimumSizeHint(self) -> QSize:
        return QSize(self._column_width(), self._height_for(max(1, self._columns)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place(self._columns_for(event.size().width()))
        super().resizeEvent(event)
