"""The wall's tool row: layout, pages, tour, named layouts. Emits intentions; the pane acts on them.

GUI thread only; no I/O (named layouts are read and written by the pane through Settings).
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSpinBox,
    QToolButton,
    QWidget,
)

from app.video.wall_layout import LAYOUTS
from widgets.resources import icon


def layout_caption(key: str) -> str:
    return key.replace("x", "×")


class WallToolbar(QWidget):
    layout_chosen = Signal(str)
    page_step = Signal(int)  # -1 previous, +1 next
    tour_toggled = Signal(bool)
    tour_interval_changed = Signal(int)  # seconds
    save_layout_requested = Signal()
    load_layout_requested = Signal(str)
    delete_layout_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoWallToolbar")
        self.layout_label = QLabel(self)
        self.layout_combo = QComboBox(self)
        self.layout_combo.setObjectName("wallLayoutCombo")
        for key in LAYOUTS:
            self.layout_combo.addItem(layout_caption(key), key)
        self.layout_combo.activated.connect(
            lambda index: self.layout_chosen.emit(str(self.layout_combo.itemData(index)))
        )
        self.previous_button = QToolButton(self)
        self.previous_button.setIcon(icon("previous"))  # an SVG: ◀ is missing from some CJK fonts
        self.previous_button.clicked.connect(lambda: self.page_step.emit(-1))
        self.page_label = QLabel(self)
        self.page_label.setObjectName("wallPageLabel")
        self.next_button = QToolButton(self)
        self.next_button.setIcon(icon("next"))
        self.next_button.clicked.connect(lambda: self.page_step.emit(1))
        self.tour_button = QToolButton(self)
        self.tour_button.setCheckable(True)
        self.tour_button.toggled.connect(self.tour_toggled)
        self.tour_interval = QSpinBox(self)
        self.tour_interval.setRange(3, 600)
        self.tour_interval.setValue(10)
        self.tour_interval.valueChanged.connect(self.tour_interval_changed)
        self.layouts_button = QToolButton(self)
        self.layouts_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.layouts_menu = QMenu(self.layouts_button)
        self.layouts_button.setMenu(self.layouts_menu)
        self.named_label = QLabel(self)
        self.named_label.setObjectName("wallNamedLayout")

        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.setSpacing(6)
        for widget in (
            self.layout_label,
            self.layout_combo,
            self.previous_button,
            self.page_label,
            self.next_button,
            self.tour_button,
            self.tour_interval,
            self.layouts_button,
            self.named_label,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        self._names: list[str] = []
        self._page, self._pages = 0, 1
        self.retranslate()

    def set_layout_key(self, key: str) -> None:
        index = self.layout_combo.findData(key)
        if index >= 0:
            self.layout_combo.setCurrentIndex(index)

    def set_page(self, page: int, pages: int) -> None:
        self._page, self._pages = page, pages
        text = self.tr("Page %1 of %2").replace("%1", str(page + 1)).replace("%2", str(pages))
        self.page_label.setText(text)
        self.previous_button.setEnabled(pages > 1)
        self.next_button.setEnabled(pages > 1)

    def set_named_layouts(self, names: list[str], active: str = "") -> None:
        self._names = sorted(names)
        self.named_label.setText(active)
        self._rebuild_menu()

    def _rebuild_menu(self) -> None:
        menu = self.layouts_menu
        menu.clear()
        menu.addAction(self.tr("Save layout as…"), self.save_layout_requested.emit)
        if self._names:
            menu.addSeparator()
            for name in self._names:
                menu.addAction(name, partial(self.load_layout_requested.emit, name))
            delete = menu.addMenu(self.tr("Delete layout"))
            for name in self._names:
                delete.addAction(name, partial(self.delete_layout_requested.emit, name))

    def retranslate(self) -> None:
        self.layout_label.setText(self.tr("Layout"))
        self.layout_combo.setToolTip(self.tr("How many cameras the wall shows at once"))
        self.previous_button.setToolTip(self.tr("Previous page (Page Up)"))
        self.next_button.setToolTip(self.tr("Next page (Page Down)"))
        self.tour_button.setText(self.tr("Tour"))
        self.tour_button.setToolTip(self.tr("Cycle through the pages automatically"))
        self.tour_interval.setSuffix(self.tr(" s"))
        self.tour_interval.setToolTip(self.tr("Seconds each page stays on screen during a tour"))
        self.layouts_button.setText(self.tr("Saved layouts"))
        self.set_page(self._page, self._pages)
        self._rebuild_menu()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
